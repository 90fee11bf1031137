//! Statements, for `normalize`: takes a block's statements and gives the
//! IR's [`Stmt`]s and tail, declaring each `let`'s bindings and bringing the
//! yields of each statement to statement level (through `exprs` and
//! `control`); yield-free statements go to `resolve` as they are.

use super::*;

impl Normalizer {
    pub(super) fn body(&mut self, stmts: &[syn::Stmt], is_unsafe: bool) -> Body {
        let start = self.barrier();
        self.scopes.push(Vec::new());
        let mut out = Vec::new();
        let mut tail = None;
        for (i, stmt) in stmts.iter().enumerate() {
            let last = i + 1 == stmts.len();
            match stmt {
                syn::Stmt::Expr(e, None) if last => {
                    tail = Some(self.value(e));
                    // A tail `break`, `return`...: nothing after it runs.
                    if matches!(tail, Some(Value::Expr(_))) && always_leaves(stmt) {
                        let at = self.barrier();
                        self.leaves.push(at);
                    }
                }
                _ => self.stmt(stmt, &mut out),
            }
        }
        self.scopes.pop();
        let end = self.barrier();
        self.bodies.push((start, end));
        Body {
            start,
            end,
            stmts: out,
            tail,
            is_unsafe,
        }
    }

    /// The body just normalised is a block without a label: its code runs
    /// whenever the code around it does, in order, like that code.
    pub(super) fn transparent_body(&mut self) {
        self.bodies.pop();
    }

    pub(super) fn block_body(&mut self, block: &syn::Block) -> Body {
        self.body(&block.stmts, false)
    }

    pub(super) fn stmt(&mut self, stmt: &syn::Stmt, out: &mut Vec<Stmt>) {
        match stmt {
            // `macro_rules!` stays in place: its body sees the locals in scope.
            syn::Stmt::Item(syn::Item::Macro(m)) if m.mac.path.is_ident("macro_rules") => {
                let mut m = m.clone();
                // Each block that continues its scope has a copy; some copies go unused.
                m.attrs.push(syn::parse_quote!(#[allow(unused_macros)]));
                m.mac.tokens = self.resolve_tokens(m.mac.tokens.clone());
                if let Some(name) = &m.ident {
                    let mut idents = Vec::new();
                    token_idents(m.mac.tokens.clone(), &mut idents);
                    self.local_macros.push((name.to_string(), idents));
                }
                out.push(Stmt::Plain(Box::new(syn::Stmt::Item(syn::Item::Macro(m)))));
            }
            syn::Stmt::Item(_) => self.items.push(stmt.clone()),
            syn::Stmt::Local(local) => {
                let borrowed = local
                    .init
                    .as_ref()
                    .and_then(|init| self.borrowed_owner(&init.expr));
                let simple = simple_ident(&local.pat);
                let init_start = self.pos;
                let init = local.init.as_ref().map(|init| {
                    if simple.is_some() || expr_has_yield(&init.expr) {
                        self.value(&init.expr)
                    } else if binds_nothing(&local.pat) {
                        // `let _ = x;` does not move `x`: it stays to the end
                        // of its scope.
                        Value::Expr(self.resolved(&init.expr, Use::Place))
                    } else {
                        Value::Expr(self.resolved(&init.expr, Use::Scrutinee))
                    }
                });
                let diverge = local
                    .init
                    .as_ref()
                    .and_then(|init| init.diverge.as_ref())
                    .map(|(_, e)| match &**e {
                        Expr::Block(b) => self.block_body(&b.block),
                        other => self.body(&[syn::Stmt::Expr(other.clone(), None)], false),
                    });
                if diverge.is_some() {
                    let extent = *self.bodies.last().expect("the `else` body was recorded");
                    self.diverges.push(extent);
                }
                let mut pat = local.pat.clone();
                let bindings = self.declare_pat(&mut pat);
                if let (None, Some(init)) = (simple, &local.init) {
                    self.note_borrowing_pattern(&init.expr, &local.pat, &bindings);
                }
                let init_moves = moves_since(&self.bindings, init_start);
                let init_is_closure = local
                    .init
                    .as_ref()
                    .is_some_and(|i| matches!(&*i.expr, Expr::Closure(_)));
                if let (Some(ty), [b]) = (simple, &bindings[..]) {
                    let binding = &mut self.bindings[*b];
                    binding.simple = true;
                    binding.ty = ty.cloned();
                    binding.reference = ty.is_some_and(|t| matches!(t, syn::Type::Reference(_)))
                        || local.init.as_ref().is_some_and(|i| {
                            matches!(&*i.expr, Expr::Reference(_))
                                || matches!(&*i.expr, Expr::Closure(c) if c.capture.is_none())
                                    && !init_moves
                        });
                    binding.closure = init_is_closure;
                    // A literal, or a shared reference (`let r = &x;`).
                    binding.copy_hint = ty.is_some_and(crate::parse::is_copy_type)
                        || local.init.as_ref().is_some_and(|i| {
                            is_literal(&i.expr)
                                || matches!(&*i.expr, Expr::Reference(r) if r.mutability.is_none())
                        });
                }
                match &local.init {
                    Some(init) => self.note_init(&init.expr, &bindings, borrowed),
                    None => {
                        for &b in &bindings {
                            self.bindings[b].deferred = Some(local.let_token.span);
                        }
                    }
                }
                let (pat, init) = match (&bindings[..], init) {
                    (&[b], init) if self.flagged.contains(&b) => {
                        self.drop_flag(b, &local.pat, init)
                    }
                    (_, init) => (pat, init),
                };
                out.push(Stmt::Let(Let {
                    pat,
                    init,
                    diverge,
                    bindings,
                }));
            }
            syn::Stmt::Macro(m) if is_yield_from(&m.mac) => {
                match desugar_yield_from(&m.mac, self.krate()) {
                    Ok(e) => self.stmt(&syn::Stmt::Expr(e, Some(Default::default())), out),
                    Err(err) => self.errors.push(err),
                }
            }
            syn::Stmt::Macro(m) if is_yield(&m.mac) => {
                let v = self.value(&Expr::Macro(syn::ExprMacro {
                    attrs: m.attrs.clone(),
                    mac: m.mac.clone(),
                }));
                out.push(Stmt::Value(v));
            }
            syn::Stmt::Expr(e, semi) if expr_has_yield(e) => {
                let v = self.value(e);
                match (v, semi) {
                    // `expr;` where the expression is yield-free after hoisting.
                    (Value::Expr(e), Some(semi)) => {
                        out.push(Stmt::Plain(Box::new(syn::Stmt::Expr(e, Some(*semi)))))
                    }
                    (v, _) => out.push(Stmt::Value(v)),
                }
            }
            _ => {
                let mut stmt = stmt.clone();
                if stmt_has_cfg(&stmt) {
                    // Kept or removed by rustc, after the macro: what it does
                    // happens on some configurations only, as in a branch.
                    self.conditionally(|n| n.resolve_stmt(&mut stmt));
                } else {
                    self.resolve_stmt(&mut stmt);
                }
                let leaves = always_leaves(&stmt);
                let jumps = matches!(
                    stmt,
                    syn::Stmt::Expr(Expr::Return(_) | Expr::Break(_) | Expr::Continue(_), _)
                );
                out.push(Stmt::Plain(Box::new(stmt)));
                if leaves {
                    self.barrier();
                    self.leaves.push(self.pos);
                }
                if jumps {
                    self.exit();
                }
            }
        }
    }

    pub(super) fn declare_pat(&mut self, pat: &mut Pat) -> Vec<BindingId> {
        let mut ids = Vec::new();
        for_each_binding(pat, &mut |p| {
            let id = self.declare(p.ident.clone(), p.mutability.is_some());
            p.ident = self.bindings[id].ident.clone();
            // `ref x`, `ref mut x`: a reference (see `Binding::reference`).
            self.bindings[id].reference = p.by_ref.is_some();
            ids.push(id);
        });
        ids
    }

    // ---- values: constructs that may contain yields -----------------------
}
