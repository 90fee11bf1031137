//! Control flow with yields, for `normalize`: takes an `if`, `match`,
//! loop or block that yields and gives its [`Value`], the IR's statements
//! and tail, with `while`, `while let` and `for` lowered to `loop`, and the
//! loops, bodies and jump targets recorded for the analyses and `split`.

use super::*;

impl Normalizer {
    /// Normalises an expression in a position where its value is used as a
    /// whole (a `let` initialiser, a statement, a tail, an arm body).
    pub(super) fn value(&mut self, e: &Expr) -> Value {
        if !expr_has_yield(e) {
            return Value::Expr(self.resolved(e, Use::Move));
        }
        match e {
            Expr::Macro(m) if is_yield_from(&m.mac) => {
                match desugar_yield_from(&m.mac, self.krate()) {
                    Ok(d) => self.value(&d),
                    Err(err) => {
                        self.errors.push(err);
                        Value::Expr(e.clone())
                    }
                }
            }
            Expr::Macro(m) if is_yield(&m.mac) => match yield_operand(&m.mac) {
                Ok(operand) if !expr_has_yield(&operand) => {
                    let operand = self.resolved(&operand, Use::Move);
                    Value::Yield {
                        value: self.yielded(operand),
                        span: m.mac.path.span(),
                        pos: self.tick(),
                    }
                }
                Ok(_) => self.hoisting_block(e),
                Err(err) => {
                    self.errors.push(err);
                    Value::Expr(e.clone())
                }
            },
            Expr::Paren(p) => self.value(&p.expr),
            Expr::Group(g) => self.value(&g.expr),
            // Its attributes (`#[allow(..)]`; `validate` refuses `#[cfg]`) are
            // not kept: the block becomes states.
            Expr::Block(b) => {
                let label = b.label.as_ref().map(|l| l.name.clone());
                if label.is_some() {
                    self.open_target(label.as_ref(), false, self.pos);
                }
                let body = self.block_body(&b.block);
                let end = self.tick();
                if label.is_some() {
                    self.close_target(end);
                } else {
                    self.transparent_body();
                }
                Value::Block {
                    body: Box::new(body),
                    label,
                    end,
                }
            }
            Expr::Unsafe(u) => {
                let body = self.body(&u.block.stmts, true);
                self.transparent_body();
                Value::Block {
                    body: Box::new(body),
                    label: None,
                    end: self.tick(),
                }
            }
            Expr::If(i) => self.if_value(i),
            Expr::Match(m) => self.match_value(m),
            Expr::Loop(l) => {
                let label = l.label.as_ref().map(|l| l.name.clone());
                self.loop_value(label, |n| n.block_body(&l.body))
            }
            Expr::While(w) => self.while_value(w),
            Expr::ForLoop(f) => self.for_value(f),
            _ => self.hoisting_block(e),
        }
    }

    /// `{ hoisted temporaries; rest }`: the temporaries die with the statement.
    pub(super) fn hoisting_block(&mut self, e: &Expr) -> Value {
        let start = self.pos;
        self.scopes.push(Vec::new());
        let mut stmts = Vec::new();
        let rest = self.expr(e, Use::Move, &mut stmts);
        self.mention_temps(&rest);
        self.scopes.pop();
        let end = self.tick();
        Value::Block {
            body: Box::new(Body {
                start,
                end,
                stmts,
                tail: Some(Value::Expr(rest)),
                is_unsafe: false,
            }),
            label: None,
            end,
        }
    }

    pub(super) fn if_value(&mut self, i: &syn::ExprIf) -> Value {
        let start = self.pos;
        let branches_yield = block_has_yield(&i.then_branch)
            || i.else_branch
                .as_ref()
                .is_some_and(|(_, e)| expr_has_yield(e));
        if !branches_yield && !has_let(&i.cond) {
            // Only the condition yields: hoist it, keep a plain `if`.
            let mut pre = Vec::new();
            let cond = self.hoist(&i.cond, &mut pre);
            let plain = Expr::If(syn::ExprIf {
                cond: Box::new(cond),
                ..i.clone()
            });
            let plain = self.resolved(&plain, Use::Move);
            return self.wrap_pre(start, pre, Value::Expr(plain));
        }
        let mut pre = Vec::new();
        self.scopes.push(Vec::new());
        let (cond, bindings) = self.condition(&i.cond, &mut pre);
        let then = self.block_body(&i.then_branch);
        self.scopes.pop();
        let otherwise = i.else_branch.as_ref().map(|(_, e)| {
            Box::new(match &**e {
                Expr::Block(b) if b.label.is_none() => self.block_body(&b.block),
                // `else if ..`: a body whose tail is the inner `if`.
                other => self.body(&[syn::Stmt::Expr(other.clone(), None)], false),
            })
        });
        let v = Value::If {
            cond,
            bindings,
            then: Box::new(then),
            otherwise,
            end: self.tick(),
        };
        self.wrap_pre(start, pre, v)
    }

    /// Wraps a value after statements that compute its operands, which
    /// start after position `start`.
    pub(super) fn wrap_pre(&mut self, start: Pos, pre: Vec<Stmt>, v: Value) -> Value {
        if pre.is_empty() {
            v
        } else {
            let end = self.tick();
            Value::Block {
                body: Box::new(Body {
                    start,
                    end,
                    stmts: pre,
                    tail: Some(v),
                    is_unsafe: false,
                }),
                label: None,
                end,
            }
        }
    }

    /// An `if` condition: yields in it are hoisted into `pre` (their
    /// temporaries are declared in the scope around the `if`); `let`
    /// patterns declare bindings in the current (then-branch) scope.
    pub(super) fn condition(&mut self, cond: &Expr, pre: &mut Vec<Stmt>) -> (Expr, Vec<BindingId>) {
        match cond {
            Expr::Let(l) => {
                let scrutinee = if expr_has_yield(&l.expr) {
                    self.hoist_into_outer(&l.expr, pre)
                } else {
                    self.resolved(&l.expr, Use::Scrutinee)
                };
                let mut l = l.clone();
                let bindings = self.declare_pat(&mut l.pat);
                self.note_borrowing_pattern(&l.expr, &l.pat, &bindings);
                l.expr = Box::new(scrutinee);
                (Expr::Let(l), bindings)
            }
            Expr::Binary(b) if matches!(b.op, BinOp::And(_)) && has_let(cond) => {
                if expr_has_yield(&b.right) {
                    self.error(
                        b.right.span(),
                        "`yield_!` in a later condition of a `let` chain is not supported; \
                         compute it in a `let` before the `if`",
                    );
                }
                let (left, mut bindings) = self.condition(&b.left, pre);
                let (right, more) = self.condition(&b.right, pre);
                bindings.extend(more);
                let mut b = b.clone();
                b.left = Box::new(left);
                b.right = Box::new(right);
                (Expr::Binary(b), bindings)
            }
            _ if expr_has_yield(cond) => (self.hoist_into_outer(cond, pre), Vec::new()),
            _ => (self.resolved(cond, Use::Move), Vec::new()),
        }
    }

    /// Evaluates `e` into a temporary declared in the scope *below* the top
    /// one (the top scope holds the then-branch bindings being built).
    pub(super) fn hoist_into_outer(&mut self, e: &Expr, pre: &mut Vec<Stmt>) -> Expr {
        let inner = self.scopes.pop().expect("condition scope");
        let t = self.hoist(e, pre);
        self.scopes.push(inner);
        t
    }

    pub(super) fn match_value(&mut self, m: &syn::ExprMatch) -> Value {
        let start = self.pos;
        if !m.arms.iter().any(|a| {
            expr_has_yield(&a.body) || a.guard.as_ref().is_some_and(|(_, g)| expr_has_yield(g))
        }) {
            // Only the scrutinee yields: hoist it, keep a plain `match`.
            let mut pre = Vec::new();
            let scrutinee = self.hoist(&m.expr, &mut pre);
            let plain = Expr::Match(syn::ExprMatch {
                expr: Box::new(scrutinee),
                ..m.clone()
            });
            let plain = self.resolved(&plain, Use::Move);
            return self.wrap_pre(start, pre, Value::Expr(plain));
        }
        let mut pre = Vec::new();
        let scrutinee = if expr_has_yield(&m.expr) {
            self.scopes.push(Vec::new());
            let s = self.hoist_into_outer(&m.expr, &mut pre);
            self.scopes.pop();
            s
        } else {
            self.resolved(&m.expr, Use::Scrutinee)
        };
        let mut arms = Vec::new();
        for arm in &m.arms {
            let start = self.pos;
            self.scopes.push(Vec::new());
            let mut pat = arm.pat.clone();
            let bindings = self.declare_pat(&mut pat);
            self.note_borrowing_pattern(&m.expr, &arm.pat, &bindings);
            let guard = arm.guard.as_ref().map(|(_, g)| {
                if expr_has_yield(g) {
                    self.error(
                        g.span(),
                        "`yield_!` in a match guard is not supported; \
                         compute it before the `match` or inside the arm",
                    );
                }
                self.resolved(g, Use::Place)
            });
            let body = match &*arm.body {
                Expr::Block(b) if b.label.is_none() => self.block_body(&b.block),
                other => self.body(&[syn::Stmt::Expr(other.clone(), None)], false),
            };
            self.scopes.pop();
            arms.push(Arm {
                start,
                pat,
                guard,
                bindings,
                body,
            });
        }
        let v = Value::Match {
            scrutinee,
            arms,
            end: self.tick(),
        };
        self.wrap_pre(start, pre, v)
    }

    pub(super) fn loop_value(
        &mut self,
        label: Option<syn::Lifetime>,
        body: impl FnOnce(&mut Self) -> Body,
    ) -> Value {
        let start = self.tick();
        self.open_target(label.as_ref(), true, start);
        let body = body(self);
        let end = self.tick();
        self.close_target(end);
        self.loops.push((start, end));
        Value::Loop {
            label,
            body: Box::new(body),
            start,
            end,
        }
    }

    /// `while c { body }` is `loop { if !(c) { break } body }`;
    /// `while let p = e { body }` is `loop { let p = e else { break }; body }`.
    pub(super) fn while_value(&mut self, w: &syn::ExprWhile) -> Value {
        let label = w.label.as_ref().map(|l| l.name.clone());
        let brk = match &label {
            Some(l) => quote_spanned!(w.while_token.span=> break #l;),
            None => quote_spanned!(w.while_token.span=> break;),
        };
        let cond = (*w.cond).clone();
        let mut stmts: Vec<syn::Stmt> = Vec::new();
        match &cond {
            Expr::Let(l) => {
                let (pat, expr) = (&l.pat, &l.expr);
                stmts.push(syn::parse_quote!(let #pat = #expr else { #brk };));
            }
            // A `let` chain: `loop { if c { body } else { break } }`.
            _ if has_let(&cond) => {
                let body = &w.body;
                stmts.push(syn::parse_quote!(if #cond #body else { #brk }));
                return self.loop_value(label, |n| n.body(&stmts, false));
            }
            _ => stmts.push(syn::parse_quote!(if !(#cond) { #brk })),
        }
        stmts.extend(w.body.stmts.iter().cloned());
        if let Some(syn::Stmt::Expr(_, semi @ None)) = stmts.last_mut() {
            // A `while` body's value is `()`.
            *semi = Some(Default::default());
        }
        self.loop_value(label, |n| n.body(&stmts, false))
    }

    /// `for p in e { body }` is
    /// `{ let mut it = IntoIterator::into_iter(e); loop { let Some(p) = Iterator::next(&mut it) else { break }; body } }`.
    pub(super) fn for_value(&mut self, f: &syn::ExprForLoop) -> Value {
        let iterable = &f.expr;
        let start = self.pos;
        let mut pre = Vec::new();
        self.scopes.push(Vec::new());
        let init = if expr_has_yield(iterable) {
            let iterable = self.hoist(iterable, &mut pre);
            quote_spanned!(f.for_token.span=> ::core::iter::IntoIterator::into_iter(#iterable))
        } else {
            let iterable = self.resolved(iterable, Use::Move);
            quote_spanned!(f.for_token.span=> ::core::iter::IntoIterator::into_iter(#iterable))
        };
        let borrowed = self.borrowed_owner(iterable);
        let (iter_id, iter) = self.temp(f.for_token.span, true);
        self.bindings[iter_id].name = "iter".into();
        if let Some((lender, span, how)) = borrowed {
            // `for x in &v` iterates a borrow.
            let how = match how {
                Borrowing::Reference => Borrowing::Method { of_text: false },
                how => how,
            };
            self.note_borrow(iter_id, (lender, span, how));
        }
        pre.push(Stmt::Let(Let {
            pat: ident_pat(&iter, true),
            init: Some(Value::Expr(syn::parse_quote!(#init))),
            diverge: None,
            bindings: vec![iter_id],
        }));
        let label = f.label.as_ref().map(|l| l.name.clone());
        let brk = match &label {
            Some(l) => quote_spanned!(f.for_token.span=> break #l;),
            None => quote_spanned!(f.for_token.span=> break;),
        };
        let pat = &f.pat;
        let mut stmts: Vec<syn::Stmt> = match &**pat {
            // A plain binding gets a `let` of its own, which a drop flag can
            // replace (`for t in ts { if c { drop(t) } yield_!(0); }`).
            Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                let item = crate::names::Names::loop_item();
                vec![
                    syn::parse_quote_spanned!(f.for_token.span=>
                        let ::core::option::Option::Some(#item) = ::core::iter::Iterator::next(&mut #iter) else { #brk };
                    ),
                    syn::parse_quote_spanned!(p.ident.span()=> let #pat = #item;),
                ]
            }
            _ => vec![syn::parse_quote_spanned!(f.for_token.span=>
                let ::core::option::Option::Some(#pat) = ::core::iter::Iterator::next(&mut #iter) else { #brk };
            )],
        };
        stmts.extend(f.body.stmts.iter().cloned());
        if let Some(syn::Stmt::Expr(_, semi @ None)) = stmts.last_mut() {
            *semi = Some(Default::default());
        }
        let lp = self.loop_value(label, |n| n.body(&stmts, false));
        pre.push(Stmt::Value(lp));
        self.scopes.pop();
        let end = self.tick();
        Value::Block {
            body: Box::new(Body {
                start,
                end,
                stmts: pre,
                tail: None,
                is_unsafe: false,
            }),
            label: None,
            end,
        }
    }

    /// Evaluates `e` into a temporary of the current scope, used right away.
    pub(super) fn hoist(&mut self, e: &Expr, pre: &mut Vec<Stmt>) -> Expr {
        let v = self.value(e);
        let t = self.bind_temp(v, e.span(), pre);
        self.mention(&quote!(#t).to_string(), Use::Move);
        t
    }

    // ---- expressions: hoisting operands around yields ---------------------
}
