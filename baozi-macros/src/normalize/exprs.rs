//! Expressions with yields, for `normalize`: takes an expression and gives
//! it with each `yield_!` brought to statement level in Rust's evaluation
//! order: operands evaluated before a yield are frozen into temporaries of
//! their statement (places stay places where nothing after can change
//! them), `&&`/`||` with a yield on the right become `if`s, and
//! `yield_from!` becomes a loop of `yield_!`.

use super::*;

/// `yield_from!(sub)` is Python's `yield from`: a loop that passes every
/// value `sub` yields out, every resume value in, and ends with the value
/// `sub` returns. `sub` starts with the resume type's `Default` value, as
/// Python starts it with `send(None)`. A `sub` that is not a generator but
/// iterable is delegated to through an adapter yielding its items (chosen by
/// autoref specialisation: see baozi-core's `delegate`).
pub(super) fn desugar_yield_from(mac: &syn::Macro, krate: &syn::Path) -> syn::Result<Expr> {
    let sub: Expr = mac.parse_body()?;
    let span = mac.path.span();
    let hygienic = |name: &str, at: Span| Ident::new(name, at.resolved_at(Span::mixed_site()));
    let (operand, inner, resume, y, r) = (
        hygienic("__baozi_operand", span),
        hygienic("__baozi_sub", span),
        hygienic("__baozi_resume", span),
        hygienic("__baozi_y", span),
        hygienic("__baozi_r", span),
    );
    // The choice of what to delegate to is spanned at the operand, in one
    // hygiene context, so that its errors point there, not at the attribute.
    let at_sub = sub.span().resolved_at(Span::mixed_site());
    let delegate = {
        let krate = crate::parse::crate_at(krate, at_sub);
        let operand = hygienic("__baozi_operand", at_sub);
        let resume = hygienic("__baozi_resume", at_sub);
        quote_spanned! {at_sub=>
            (&&&#krate::__private::probe(&#operand)).delegation(&#resume).delegate(#operand)
        }
    };
    let krate = crate::parse::crate_at(krate, span);
    Ok(syn::parse_quote_spanned! {span=>
        {
            let #operand = #sub;
            let mut #resume = #krate::__private::first_resume();
            let mut #inner = {
                #[allow(unused_imports)]
                use #krate::__private::{ViaGenerator as _, ViaIterator as _, ViaNeither as _};
                #delegate
            };
            loop {
                match #krate::Generator::resume(&mut #inner, #resume) {
                    #krate::GeneratorState::Yielded(#y) => {
                        #resume = yield_!(#y);
                    }
                    #krate::GeneratorState::Complete(#r) => break #r,
                }
            }
        }
    })
}

impl Normalizer {
    /// Returns a yield-free expression with the same value, pushing onto `out`
    /// the statements that must run before it.
    pub(super) fn expr(&mut self, e: &Expr, usage: Use, out: &mut Vec<Stmt>) -> Expr {
        if !expr_has_yield(e) {
            return self.resolved(e, usage);
        }
        match e {
            Expr::Macro(m) if is_yield_from(&m.mac) => {
                match desugar_yield_from(&m.mac, self.krate()) {
                    Ok(d) => self.expr(&d, usage, out),
                    Err(err) => {
                        self.errors.push(err);
                        e.clone()
                    }
                }
            }
            Expr::Macro(m) if is_yield(&m.mac) => match yield_operand(&m.mac) {
                Ok(operand) => {
                    let value = self.expr(&operand, Use::Move, out);
                    self.mention_temps(&value);
                    let v = Value::Yield {
                        value: self.yielded(value),
                        span: m.mac.path.span(),
                        pos: self.tick(),
                    };
                    self.bind_temp(v, e.span(), out)
                }
                Err(err) => {
                    self.errors.push(err);
                    e.clone()
                }
            },
            Expr::Paren(p) => {
                let inner = self.expr(&p.expr, usage, out);
                Expr::Paren(syn::ExprParen {
                    expr: Box::new(inner),
                    ..p.clone()
                })
            }
            Expr::Group(g) => self.expr(&g.expr, usage, out),
            Expr::Binary(b)
                if matches!(b.op, BinOp::And(_) | BinOp::Or(_)) && expr_has_yield(&b.right) =>
            {
                let (l, r) = (&b.left, &b.right);
                let as_if: Expr = match b.op {
                    BinOp::And(_) => {
                        syn::parse_quote_spanned!(b.op.span()=> if #l { #r } else { false })
                    }
                    _ => syn::parse_quote_spanned!(b.op.span()=> if #l { true } else { #r }),
                };
                self.expr(&as_if, usage, out)
            }
            Expr::Binary(b) => {
                let compound = is_compound_assign(&b.op);
                let by_ref = compound || is_comparison(&b.op);
                let right_yields = expr_has_yield(&b.right);
                // A comparison reads its left operand before the right one: a
                // place the right side may change is read into a temporary.
                let changed_on_the_right =
                    !compound && right_yields && self.may_change(&b.right, &b.left, true);
                let left = if compound || (by_ref && is_place(&b.left) && !changed_on_the_right) {
                    let place = self.place(&b.left, out);
                    self.defer_place(&b.left, right_yields);
                    place
                } else {
                    let l = self.expr(&b.left, Use::Move, out);
                    if right_yields { self.freeze(l, out) } else { l }
                };
                let right = self.expr(&b.right, Use::Move, out);
                Expr::Binary(syn::ExprBinary {
                    left: Box::new(left),
                    right: Box::new(right),
                    ..b.clone()
                })
            }
            Expr::Assign(a) => {
                // The assigned value is evaluated before the place.
                let right = self.expr(&a.right, Use::Move, out);
                let right = if expr_has_yield(&a.left) {
                    self.freeze(right, out)
                } else {
                    right
                };
                let flagged = self.flagged_target(&a.left);
                let left = if expr_has_yield(&a.left) {
                    self.place(&a.left, out)
                } else {
                    self.resolved(&a.left, Use::Assign)
                };
                match flagged {
                    Some(id) => self.assign_flag(id, a, &right),
                    None => Expr::Assign(syn::ExprAssign {
                        left: Box::new(left),
                        right: Box::new(right),
                        ..a.clone()
                    }),
                }
            }
            Expr::Unary(u) => {
                let inner = match u.op {
                    UnOp::Deref(_) => self.expr(&u.expr, Use::Place, out),
                    _ => self.expr(&u.expr, Use::Move, out),
                };
                Expr::Unary(syn::ExprUnary {
                    expr: Box::new(inner),
                    ..u.clone()
                })
            }
            Expr::Reference(r) => {
                let inner = if is_place(&r.expr) {
                    self.place(&r.expr, out)
                } else {
                    let v = self.expr(&r.expr, Use::Move, out);
                    self.freeze(v, out)
                };
                Expr::Reference(syn::ExprReference {
                    expr: Box::new(inner),
                    ..r.clone()
                })
            }
            Expr::Cast(c) => {
                let inner = self.expr(&c.expr, Use::Move, out);
                Expr::Cast(syn::ExprCast {
                    expr: Box::new(inner),
                    ..c.clone()
                })
            }
            Expr::Try(t) => {
                let inner = self.expr(&t.expr, Use::Move, out);
                Expr::Try(syn::ExprTry {
                    expr: Box::new(inner),
                    ..t.clone()
                })
            }
            Expr::Field(_) | Expr::Index(_) => self.place(e, out),
            Expr::Call(c) => {
                let func = if expr_has_yield(&c.func)
                    || (c.args.iter().any(expr_has_yield) && !matches!(&*c.func, Expr::Path(_)))
                {
                    let f = self.expr(&c.func, Use::Move, out);
                    self.freeze(f, out)
                } else {
                    self.resolved(&c.func, Use::Callee)
                };
                let args = self.operands(c.args.iter(), out);
                Expr::Call(syn::ExprCall {
                    func: Box::new(func),
                    args: args.into_iter().collect(),
                    ..c.clone()
                })
            }
            Expr::MethodCall(m) => {
                let args_yield = m.args.iter().any(expr_has_yield);
                let consuming = is_consuming_method(m);
                // The receiver is read before the arguments: a place they may
                // change is read into a temporary.
                let by_value = takes_receiver_by_value(m) || self.visibly_copy(&m.receiver);
                let changed_by_args = args_yield
                    && m.args
                        .iter()
                        .any(|a| self.may_change(a, &m.receiver, by_value));
                let receiver =
                    if !expr_has_yield(&m.receiver) && is_place(&m.receiver) && !changed_by_args {
                        let place = self
                            .resolved(&m.receiver, if consuming { Use::Move } else { Use::Place });
                        self.defer_place(&m.receiver, args_yield);
                        place
                    } else {
                        let r = self.expr(&m.receiver, Use::Move, out);
                        if args_yield {
                            self.freeze_receiver(r, out)
                        } else {
                            r
                        }
                    };
                let args = self.operands(m.args.iter(), out);
                Expr::MethodCall(syn::ExprMethodCall {
                    receiver: Box::new(receiver),
                    args: args.into_iter().collect(),
                    ..m.clone()
                })
            }
            Expr::Tuple(t) => {
                let elems = self.operands(t.elems.iter(), out);
                Expr::Tuple(syn::ExprTuple {
                    elems: elems.into_iter().collect(),
                    ..t.clone()
                })
            }
            Expr::Array(a) => {
                let elems = self.operands(a.elems.iter(), out);
                Expr::Array(syn::ExprArray {
                    elems: elems.into_iter().collect(),
                    ..a.clone()
                })
            }
            Expr::Repeat(r) => {
                let inner = self.expr(&r.expr, Use::Move, out);
                Expr::Repeat(syn::ExprRepeat {
                    expr: Box::new(inner),
                    ..r.clone()
                })
            }
            Expr::Range(r) => {
                let ops: Vec<&Expr> = r.start.iter().chain(r.end.iter()).map(|b| &**b).collect();
                let mut done = self.operands(ops.into_iter(), out).into_iter();
                let mut r = r.clone();
                if r.start.is_some() {
                    r.start = done.next().map(Box::new);
                }
                if r.end.is_some() {
                    r.end = done.next().map(Box::new);
                }
                Expr::Range(r)
            }
            Expr::Struct(s) => {
                let mut all: Vec<&Expr> = s.fields.iter().map(|f| &f.expr).collect();
                if let Some(rest) = &s.rest {
                    all.push(rest);
                }
                let mut done = self.operands(all.into_iter(), out).into_iter();
                let mut s = s.clone();
                for f in s.fields.iter_mut() {
                    f.expr = done.next().expect("one operand per field");
                    f.colon_token.get_or_insert_with(Default::default);
                }
                if s.rest.is_some() {
                    s.rest = done.next().map(Box::new);
                }
                Expr::Struct(s)
            }
            Expr::Return(r) => {
                let value = r.expr.as_ref().map(|v| self.expr(v, Use::Move, out));
                if let Some(v) = &value {
                    self.mention_temps(v);
                }
                let ret = r.return_token;
                out.push(Stmt::Plain(Box::new(syn::parse_quote!(#ret #value;))));
                self.exit();
                syn::parse_quote_spanned!(ret.span=> ::core::unreachable!())
            }
            Expr::Break(b) => {
                let value = b.expr.as_ref().map(|v| self.expr(v, Use::Move, out));
                if let Some(v) = &value {
                    self.mention_temps(v);
                }
                let (brk, label) = (b.break_token, &b.label);
                self.note_jump(label.as_ref(), false);
                out.push(Stmt::Plain(Box::new(
                    syn::parse_quote!(#brk #label #value;),
                )));
                self.exit();
                syn::parse_quote_spanned!(brk.span=> ::core::unreachable!())
            }
            Expr::Block(_)
            | Expr::Unsafe(_)
            | Expr::If(_)
            | Expr::Match(_)
            | Expr::Loop(_)
            | Expr::While(_)
            | Expr::ForLoop(_) => {
                let v = self.value(e);
                self.bind_temp(v, e.span(), out)
            }
            Expr::Let(l) => {
                self.error(l.span(), "`yield_!` is not supported here");
                e.clone()
            }
            other => {
                self.error(
                    other.span(),
                    "`yield_!` is not supported in this kind of expression; \
                     bind its value to a local first: `let v = yield_!(..);`",
                );
                e.clone()
            }
        }
    }

    /// Normalises operands evaluated left to right: those before the last
    /// operand containing a yield are frozen into temporaries.
    pub(super) fn operands<'e>(
        &mut self,
        ops: impl Iterator<Item = &'e Expr>,
        out: &mut Vec<Stmt>,
    ) -> Vec<Expr> {
        let ops: Vec<&Expr> = ops.collect();
        let last_yield = ops.iter().rposition(|e| expr_has_yield(e));
        ops.iter()
            .enumerate()
            .map(|(i, op)| match last_yield {
                Some(last) if i < last => {
                    if let Expr::Reference(r) = op
                        && is_place(&r.expr)
                    {
                        let place = self.expr(op, Use::Place, out);
                        self.defer_place(&r.expr, true);
                        return place;
                    }
                    let v = self.expr(op, Use::Move, out);
                    self.freeze(v, out)
                }
                _ => self.expr(op, Use::Move, out),
            })
            .collect()
    }

    /// A place expression (`a`, `a.b`, `a[i]`, `*a`): yields inside index
    /// operands are hoisted, the place itself is left in place.
    pub(super) fn place(&mut self, e: &Expr, out: &mut Vec<Stmt>) -> Expr {
        if !expr_has_yield(e) {
            return self.resolved(e, Use::Place);
        }
        match e {
            Expr::Field(f) => {
                let base = self.place(&f.base, out);
                Expr::Field(syn::ExprField {
                    base: Box::new(base),
                    ..f.clone()
                })
            }
            Expr::Index(i) => {
                // A computed base (`f()[yield_!()]`) is evaluated before the index.
                let base = if expr_has_yield(&i.index) && !is_place(&i.expr) {
                    let b = self.expr(&i.expr, Use::Move, out);
                    self.freeze(b, out)
                } else {
                    self.place(&i.expr, out)
                };
                let index = self.expr(&i.index, Use::Move, out);
                Expr::Index(syn::ExprIndex {
                    expr: Box::new(base),
                    index: Box::new(index),
                    ..i.clone()
                })
            }
            Expr::Paren(p) => self.place(&p.expr, out),
            Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => {
                let inner = self.expr(&u.expr, Use::Place, out);
                Expr::Unary(syn::ExprUnary {
                    expr: Box::new(inner),
                    ..u.clone()
                })
            }
            _ => {
                let v = self.expr(e, Use::Move, out);
                self.freeze(v, out)
            }
        }
    }

    /// Evaluates an operand now, into a temporary, unless it is a literal.
    pub(super) fn freeze(&mut self, e: Expr, out: &mut Vec<Stmt>) -> Expr {
        if matches!(e, Expr::Lit(_)) {
            return e;
        }
        let span = e.span();
        let borrowed = self.borrowed_owner(&e);
        self.mention_temps(&e);
        let temp = self.bind_temp(Value::Expr(e), span, out);
        if let Some((lender, span, _)) = borrowed {
            let id = self.bindings.len() - 1;
            self.note_borrow(id, (lender, span, Borrowing::Operand));
        }
        temp
    }

    /// A method's receiver evaluated before a yield in its arguments, kept
    /// in a `mut` temporary: the method may take `&mut self`
    /// (`out.borrow_mut().push(yield_!())` pushes through the `RefMut`).
    pub(super) fn freeze_receiver(&mut self, e: Expr, out: &mut Vec<Stmt>) -> Expr {
        if matches!(e, Expr::Lit(_)) {
            return e;
        }
        let span = e.span();
        self.mention_temps(&e);
        let (id, ident) = self.temp(span, true);
        out.push(Stmt::Let(Let {
            pat: ident_pat(&ident, true),
            init: Some(Value::Expr(e)),
            diverge: None,
            bindings: vec![id],
        }));
        syn::parse_quote!(#ident)
    }

    /// A place left in place while a later operand yields is read after the
    /// yield: it is mentioned again where the expression using it runs.
    /// So are the other locals it reads (`i` of `arr[i] += yield_!()`).
    pub(super) fn defer_place(&mut self, place: &Expr, later_yields: bool) {
        if !later_yields {
            return;
        }
        let mut names = Vec::new();
        place_names(place, &mut names);
        for name in names {
            if let Some(id) = self.lookup(&name.to_string()) {
                self.deferred.push(Deferred {
                    emitted: self.bindings[id].ident.to_string(),
                    source: name.to_string(),
                    id,
                });
            }
        }
    }

    /// Temporaries are mentioned where the expression using them runs,
    /// which may be after later yields of the same statement.
    pub(super) fn mention_temps(&mut self, e: &Expr) {
        fn scan(n: &mut Normalizer, tokens: TokenStream) {
            for tt in tokens {
                match tt {
                    TokenTree::Ident(i) if i.to_string().starts_with("__baozi_tmp") => {
                        n.mention(&i.to_string(), Use::Move);
                    }
                    TokenTree::Ident(i) => {
                        let name = i.to_string();
                        // Only where the name still means that binding (an
                        // earlier one of the same name may be out of scope).
                        if let Some(id) = n
                            .deferred
                            .iter()
                            .find(|d| d.emitted == name && n.lookup(&d.source) == Some(d.id))
                            .map(|d| d.id)
                        {
                            let pos = n.tick();
                            n.bindings[id].accesses.push(Access {
                                pos,
                                usage: Use::Place,
                                conditional: false,
                                region: None,
                                unknown_method: false,
                            });
                        }
                    }
                    TokenTree::Group(g) => scan(n, g.stream()),
                    _ => {}
                }
            }
        }
        scan(self, quote!(#e));
    }

    pub(super) fn bind_temp(&mut self, v: Value, span: Span, out: &mut Vec<Stmt>) -> Expr {
        let (id, ident) = self.temp(span, false);
        out.push(Stmt::Let(Let {
            pat: ident_pat(&ident, false),
            init: Some(v),
            diverge: None,
            bindings: vec![id],
        }));
        syn::parse_quote!(#ident)
    }

    // ---- resolution of yield-free code -------------------------------------
    //
    // Resolution also renames: a binding that another binding of the same
    // name shadows gets a name of its own (in its pattern and at every
    // mention), so the state machine can still store it by name.
}
