//! Name resolution of yield-free code, for `normalize`: takes expressions,
//! statements and macro tokens, and gives them back with every identifier
//! that names a tracked binding recorded as an access of it (read, move,
//! borrow, assignment) and rewritten where it must be: a shadowed binding's
//! own name, `(*x)` for a binding reached in place or through a drop flag.
//! Format strings' implicit captures are mentions too.

use super::*;

/// The identifiers of a token stream, at any depth.
pub(super) fn token_idents(tokens: TokenStream, out: &mut Vec<String>) {
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) => out.push(i.to_string()),
            TokenTree::Group(g) => token_idents(g.stream(), out),
            _ => {}
        }
    }
}

/// Visits the operands of `yield_!` and of any macro whose arguments are
/// expressions (`yield_!({ p.v = 0; 0 })`).
pub(super) fn visit_macro_operands<V: for<'b> Visit<'b>>(visitor: &mut V, m: &syn::Macro) {
    if let Ok(args) = m.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
        for arg in &args {
            visitor.visit_expr(arg);
        }
    }
}

/// Whether a statement kept as it is has a `#[cfg]` or `#[cfg_attr]` of its
/// own (`validate` refuses one on a `let` and on a statement the transform
/// rewrites).
pub(super) fn stmt_has_cfg(stmt: &syn::Stmt) -> bool {
    let attrs: &[syn::Attribute] = match stmt {
        syn::Stmt::Macro(m) => &m.attrs,
        syn::Stmt::Expr(e, _) => crate::parse::expr_attrs(e),
        syn::Stmt::Local(_) | syn::Stmt::Item(_) => &[],
    };
    crate::parse::cfg_attr(attrs).is_some()
}

impl Normalizer {
    pub(super) fn resolve_stmt(&mut self, stmt: &mut syn::Stmt) {
        match stmt {
            syn::Stmt::Local(l) => {
                let usage = if simple_ident(&l.pat).is_some() {
                    Use::Move
                } else {
                    Use::Scrutinee
                };
                if let Some(init) = &mut l.init {
                    self.resolve(&mut init.expr, usage);
                    if let Some((_, d)) = &mut init.diverge {
                        self.conditionally(|n| n.resolve(d, Use::Move));
                    }
                }
                self.shadow_pat(&l.pat);
            }
            syn::Stmt::Item(_) => {}
            syn::Stmt::Expr(e, _) => self.resolve(e, Use::Move),
            syn::Stmt::Macro(m) => self.resolve_macro(&mut m.mac),
        }
    }

    pub(super) fn shadow_pat(&mut self, pat: &Pat) {
        let mut found = Vec::new();
        pat_bindings(pat, &mut found);
        for (ident, _) in found {
            self.shadow(ident.to_string());
        }
    }

    pub(super) fn resolve_block(&mut self, b: &mut syn::Block) {
        self.scopes.push(Vec::new());
        for s in &mut b.stmts {
            self.resolve_stmt(s);
        }
        self.scopes.pop();
    }

    /// Resolves a cloned expression, renaming shadowed bindings in it.
    pub(super) fn resolved(&mut self, e: &Expr, usage: Use) -> Expr {
        let mut e = e.clone();
        self.resolve(&mut e, usage);
        e
    }

    pub(super) fn resolve(&mut self, e: &mut Expr, usage: Use) {
        use Use::{Move as Val, Place};
        match e {
            Expr::Path(p) if plain_name(p).is_some() => {
                let ident = &mut p.path.segments[0].ident;
                if let Some(id) = self.mention_binding(&ident.to_string(), usage) {
                    let span = ident.span();
                    let name = Ident::new(&self.bindings[id].ident.to_string(), span);
                    // The tokens around the name are the expansion's own,
                    // so that an IDE maps the user's token to the name only
                    // (go-to-definition finds the `let`, not `Deref`); the
                    // parentheses keep its span for rustc's errors.
                    let own = Span::mixed_site();
                    let deref = quote_spanned!(own=> *);
                    if self.flagged.contains(&id) {
                        *e = match usage {
                            // Copied if `Copy`, taken out of the flag otherwise.
                            Use::Move => {
                                let (refs, take) = (
                                    quote_spanned!(own=> &mut &mut),
                                    quote_spanned!(own=> move_out),
                                );
                                syn::parse_quote_spanned!(span=> (#refs #name).#take())
                            }
                            _ => syn::parse_quote_spanned!(span=> (#deref #name)),
                        };
                    } else if self.in_place.contains(&id) {
                        // A reference to the value, wherever it is stored.
                        *e = syn::parse_quote_spanned!(span=> (#deref #name));
                    } else if self.renames.contains_key(&id) {
                        *ident = name;
                    }
                }
            }
            Expr::Macro(m) => self.resolve_macro(&mut m.mac),
            Expr::MethodCall(m) => {
                let consuming = is_consuming_method(m);
                let flagged_receiver_in_args = self.flagged_receiver_in_args(m);
                let receiver = match &*m.receiver {
                    Expr::Path(p) => plain_name(p).and_then(|n| self.lookup(&n.to_string())),
                    _ => None,
                };
                self.resolve(&mut m.receiver, if consuming { Val } else { Use::Receiver });
                if let Some(id) = receiver
                    && !consuming
                    && !is_borrowing_method(m)
                    && let Some(access) = self.bindings[id].accesses.last_mut()
                {
                    access.unknown_method = true;
                }
                for a in &mut m.args {
                    self.resolve(a, Val);
                }
                if flagged_receiver_in_args {
                    *e = args_first(m);
                }
            }
            Expr::Field(f) => {
                let base = match usage {
                    Place | Use::Assign => Place,
                    _ => Use::FieldBase,
                };
                // By value, or matched (a pattern may move out of it).
                if matches!(usage, Val | Use::Scrutinee)
                    && let Some(root) = place_root(&f.base)
                    && let Some(id) = self.lookup(&root.to_string())
                {
                    self.bindings[id].field_used_by_value = true;
                }
                self.resolve(&mut f.base, base)
            }
            Expr::Index(i) => {
                self.resolve(&mut i.expr, Place);
                self.resolve(&mut i.index, Val);
            }
            Expr::Reference(r) => self.resolve(&mut r.expr, Place),
            Expr::Unary(u) => {
                let usage = match u.op {
                    // `*b` moves out of a `Box` where its value is used.
                    UnOp::Deref(_) if matches!(usage, Place | Use::Assign | Use::Receiver) => Place,
                    UnOp::Deref(_) => Use::FieldBase,
                    _ => Val,
                };
                self.resolve(&mut u.expr, usage)
            }
            Expr::Binary(b) => {
                let by_ref = is_comparison(&b.op) || is_compound_assign(&b.op);
                if by_ref {
                    self.resolve(&mut b.left, Place);
                } else {
                    self.resolve_operand(&mut b.left);
                }
                if is_comparison(&b.op) {
                    self.resolve(&mut b.right, Place);
                } else if matches!(b.op, BinOp::And(_) | BinOp::Or(_)) {
                    self.conditionally(|n| n.resolve(&mut b.right, Val));
                } else {
                    self.resolve_operand(&mut b.right);
                }
            }
            Expr::Assign(a) => {
                self.resolve(&mut a.right, Val);
                let flagged = self.flagged_target(&a.left);
                self.resolve(&mut a.left, Use::Assign);
                if let Some(id) = flagged {
                    *e = self.assign_flag(id, a, &a.right);
                }
            }
            Expr::Call(c) => {
                // `drop(x.f)`: a field moved out (dropping a `Copy` field
                // would do nothing). Looked up before the arguments' names
                // are resolved (`x` may be renamed).
                if let (Expr::Path(callee), [Expr::Field(field)]) =
                    (&*c.func, &c.args.iter().collect::<Vec<_>>()[..])
                    && callee
                        .path
                        .segments
                        .last()
                        .is_some_and(|s| s.ident == "drop")
                    && let Some(root) = place_root(&field.base)
                    && let Some(id) = self.lookup(&root.to_string())
                {
                    self.bindings[id].partly_moved = true;
                }
                self.resolve(&mut c.func, Use::Callee);
                for a in &mut c.args {
                    self.resolve(a, Val);
                }
            }
            Expr::Closure(c) => {
                self.scopes.push(Vec::new());
                for p in &c.inputs {
                    self.shadow_pat(p);
                }
                let is_move = c.capture.is_some();
                self.move_closures += usize::from(is_move);
                self.closures += 1;
                self.conditionally(|n| n.resolve(&mut c.body, Val));
                self.closures -= 1;
                self.move_closures -= usize::from(is_move);
                self.scopes.pop();
            }
            Expr::Async(a) => {
                let is_move = a.capture.is_some();
                self.move_closures += usize::from(is_move);
                self.closures += 1;
                self.conditionally(|n| n.resolve_block(&mut a.block));
                self.closures -= 1;
                self.move_closures -= usize::from(is_move);
            }
            Expr::Block(b) if b.label.is_some() => {
                let label = b.label.clone();
                self.in_plain_target(label.as_ref(), false, |n| {
                    n.conditionally(|n| n.resolve_block(&mut b.block))
                })
            }
            Expr::Block(b) => self.resolve_block(&mut b.block),
            Expr::Unsafe(b) => self.resolve_block(&mut b.block),
            Expr::Const(b) => self.resolve_block(&mut b.block),
            Expr::TryBlock(b) => self.resolve_block(&mut b.block),
            Expr::If(i) => {
                self.scopes.push(Vec::new());
                self.resolve(&mut i.cond, Val);
                let leaves = i.then_branch.stmts.iter().any(always_leaves);
                let then = self.branch(leaves, |n| n.resolve_block(&mut i.then_branch));
                self.scopes.pop();
                if let Some((_, e)) = &mut i.else_branch {
                    let leaves = expr_always_leaves(e);
                    let otherwise = self.branch(leaves, |n| n.resolve(e, Val));
                    self.assigned_in_every_branch(vec![then, otherwise]);
                }
            }
            Expr::Let(l) => {
                self.resolve(&mut l.expr, Use::Scrutinee);
                self.shadow_pat(&l.pat);
            }
            Expr::Match(m) => {
                self.resolve(&mut m.expr, Use::Scrutinee);
                let mut arms = Vec::new();
                for arm in &mut m.arms {
                    self.scopes.push(Vec::new());
                    self.shadow_pat(&arm.pat);
                    let leaves = expr_always_leaves(&arm.body);
                    arms.push(self.branch(leaves, |n| {
                        if let Some((_, g)) = &mut arm.guard {
                            n.resolve(g, Place);
                        }
                        n.resolve(&mut arm.body, Val);
                    }));
                    self.scopes.pop();
                }
                self.assigned_in_every_branch(arms);
            }
            Expr::ForLoop(f) => {
                self.resolve(&mut f.expr, Val);
                self.scopes.push(Vec::new());
                self.shadow_pat(&f.pat);
                let label = f.label.clone();
                self.in_plain_target(label.as_ref(), true, |n| {
                    n.conditionally(|n| n.resolve_block(&mut f.body))
                });
                self.scopes.pop();
            }
            Expr::While(w) => {
                self.scopes.push(Vec::new());
                let label = w.label.clone();
                self.in_plain_target(label.as_ref(), true, |n| {
                    n.conditionally(|n| {
                        n.resolve(&mut w.cond, Val);
                        n.resolve_block(&mut w.body);
                    })
                });
                self.scopes.pop();
            }
            Expr::Loop(l) => {
                let label = l.label.clone();
                self.in_plain_target(label.as_ref(), true, |n| {
                    n.conditionally(|n| n.resolve_block(&mut l.body))
                })
            }
            // What follows a `return` or `break` does not run.
            Expr::Break(b) => {
                if let Some(v) = &mut b.expr {
                    self.conditionally(|n| n.resolve(v, Val));
                }
                self.note_jump(b.label.as_ref(), false);
            }
            Expr::Continue(c) => self.note_jump(c.label.as_ref(), true),
            Expr::Return(syn::ExprReturn { expr: Some(v), .. }) => {
                self.conditionally(|n| n.resolve(v, Val))
            }
            Expr::Yield(syn::ExprYield { expr: Some(v), .. }) => self.resolve(v, Val),
            Expr::Tuple(t) => t.elems.iter_mut().for_each(|e| self.resolve(e, Val)),
            Expr::Array(a) => a.elems.iter_mut().for_each(|e| self.resolve(e, Val)),
            Expr::Repeat(r) => self.resolve(&mut r.expr, Val),
            Expr::Range(r) => {
                for e in r.start.iter_mut().chain(r.end.iter_mut()) {
                    self.resolve(e, Val);
                }
            }
            Expr::Struct(s) => {
                for f in &mut s.fields {
                    let shorthand = f.colon_token.is_none();
                    self.resolve(&mut f.expr, Val);
                    if shorthand
                        && !matches!((&f.expr, &f.member), (Expr::Path(p), syn::Member::Named(m)) if p.path.is_ident(m))
                    {
                        // `S { x }` with `x` renamed becomes `S { x: x_renamed }`.
                        f.colon_token = Some(Default::default());
                    }
                }
                if let Some(rest) = &mut s.rest {
                    self.resolve(rest, Place);
                }
            }
            Expr::Cast(c) => self.resolve(&mut c.expr, Val),
            Expr::Paren(p) => self.resolve(&mut p.expr, usage),
            Expr::Group(g) => self.resolve(&mut g.expr, usage),
            Expr::Try(t) => self.resolve(&mut t.expr, Val),
            Expr::Await(a) => self.resolve(&mut a.base, Val),
            Expr::Verbatim(ts) => *ts = self.resolve_tokens(ts.clone()),
            _ => {}
        }
    }

    /// An operand of an arithmetic or bitwise operator, used by value. A
    /// field there (`x.n + 1`) is taken to be a number, so `Copy`: it does
    /// not count as a use of the field by value (see
    /// `Binding::field_used_by_value`).
    pub(super) fn resolve_operand(&mut self, e: &mut Expr) {
        match e {
            Expr::Field(f) => self.resolve(&mut f.base, Use::FieldBase),
            _ => self.resolve(e, Use::Move),
        }
    }

    pub(super) fn resolve_macro(&mut self, mac: &mut syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        // What a local macro's expansion uses (liveness must see it there).
        if mac.path.segments.len() == 1
            && let Some((_, idents)) = self.local_macros.iter().find(|(n, _)| *n == name)
        {
            for ident in idents.clone() {
                self.mention_binding(&ident, Use::Opaque);
            }
        }
        let usage = match name.as_str() {
            "vec" | "dbg" => Some(Use::Move),
            n if FORMAT_MACROS.contains(&n) => Some(Use::Place),
            _ => None,
        };
        if let Some(usage) = usage
            && let Ok(mut args) =
                mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
        {
            // Inline captures of renamed bindings become named arguments.
            let mut extra: Vec<(String, Ident)> = Vec::new();
            for arg in args.iter_mut() {
                if let Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = arg
                {
                    extra.extend(self.format_captures(&s.value()));
                } else {
                    self.resolve(arg, usage);
                }
            }
            for (name, renamed) in extra {
                let name = Ident::new(&name, renamed.span());
                args.push(syn::parse_quote!(#name = #renamed));
            }
            mac.tokens = quote!(#args);
            return;
        }
        if name == "vec"
            && let Ok(mut repeat) = mac.parse_body::<syn::ExprRepeat>()
        {
            self.resolve(&mut repeat.expr, Use::Move);
            self.resolve(&mut repeat.len, Use::Move);
            let (expr, len) = (&repeat.expr, &repeat.len);
            mac.tokens = quote!(#expr; #len);
            return;
        }
        mac.tokens = self.resolve_tokens(mac.tokens.clone());
    }

    /// Every identifier in an opaque token stream may name a local.
    pub(super) fn resolve_tokens(&mut self, tokens: TokenStream) -> TokenStream {
        tokens
            .into_iter()
            .map(|tt| match tt {
                TokenTree::Ident(i) => match self.mention(&i.to_string(), Use::Opaque) {
                    Some(renamed) => TokenTree::Ident(Ident::new(&renamed.to_string(), i.span())),
                    None => TokenTree::Ident(i),
                },
                TokenTree::Group(g) => {
                    let mut ng =
                        proc_macro2::Group::new(g.delimiter(), self.resolve_tokens(g.stream()));
                    ng.set_span(g.span());
                    TokenTree::Group(ng)
                }
                TokenTree::Literal(l) => {
                    if let Ok(syn::Lit::Str(s)) =
                        syn::parse2::<syn::Lit>(TokenTree::Literal(l.clone()).into())
                    {
                        self.format_captures(&s.value());
                    }
                    TokenTree::Literal(l)
                }
                other => other,
            })
            .collect()
    }

    /// Inline captures of a format string (`{name}`, `{name:?}`); returns
    /// those naming a renamed binding, with its new name.
    pub(super) fn format_captures(&mut self, s: &str) -> Vec<(String, Ident)> {
        let mut renamed = Vec::new();
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            rest = &rest[open + 1..];
            if let Some(stripped) = rest.strip_prefix('{') {
                rest = stripped;
                continue;
            }
            let end = rest.find(['}', ':']).unwrap_or(rest.len());
            let close = rest.find('}').unwrap_or(rest.len());
            // The value, and the width and precision arguments of its spec
            // (`{x:>width$.prec$}`).
            let spec = rest.get(end + 1..close).unwrap_or("");
            let mut names = vec![rest[..end].trim()];
            let mut spec_rest = spec;
            while let Some(dollar) = spec_rest.find('$') {
                let before = &spec_rest[..dollar];
                let start = before
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .map_or(0, |i| i + 1);
                names.push(&before[start..]);
                spec_rest = &spec_rest[dollar + 1..];
            }
            for name in names {
                if syn::parse_str::<Ident>(name).is_ok()
                    && let Some(new) = self.mention(name, Use::Place)
                    && !renamed.iter().any(|(n, _): &(String, Ident)| n == name)
                {
                    renamed.push((name.to_owned(), new));
                }
            }
            rest = &rest[close.min(rest.len())..];
        }
        renamed
    }
}
