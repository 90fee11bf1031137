//! Small questions about syntax, for `normalize`'s other modules: whether
//! an expression is a place, which names a pattern binds, whether a
//! statement always leaves. They take syntax and give answers; no state.

use super::*;

/// `x`, `mut x` or `x: T` (with the type): a pattern that binds one name
/// to the whole value.
pub(super) fn simple_ident(pat: &Pat) -> Option<Option<&syn::Type>> {
    match pat {
        Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => Some(None),
        Pat::Type(t) => match &*t.pat {
            Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => Some(Some(&t.ty)),
            _ => None,
        },
        _ => None,
    }
}

/// `_` or `_: T`: a pattern that binds (and moves) nothing.
pub(super) fn binds_nothing(pat: &Pat) -> bool {
    match pat {
        Pat::Wild(_) => true,
        Pat::Type(t) => binds_nothing(&t.pat),
        _ => false,
    }
}

/// A literal, maybe negated: a value of a `Copy` type.
pub(super) fn is_literal(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => is_literal(&u.expr),
        Expr::Paren(p) => is_literal(&p.expr),
        _ => false,
    }
}

/// A statement after which the code that follows never runs.
pub(super) fn always_leaves(stmt: &syn::Stmt) -> bool {
    const PANICS: &[&str] = &["panic", "unreachable", "todo", "unimplemented"];
    let is_panic = |m: &syn::Macro| {
        m.path
            .segments
            .last()
            .is_some_and(|s| PANICS.contains(&s.ident.to_string().as_str()))
    };
    match stmt {
        syn::Stmt::Expr(Expr::Return(_) | Expr::Break(_) | Expr::Continue(_), _) => true,
        syn::Stmt::Expr(Expr::Macro(m), _) => is_panic(&m.mac),
        syn::Stmt::Macro(m) => is_panic(&m.mac),
        _ => false,
    }
}

/// Whether evaluating `e` always leaves (a block with a statement that
/// does, a `return`, a `panic!`...).
pub(super) fn expr_always_leaves(e: &Expr) -> bool {
    match e {
        Expr::Block(b) if b.label.is_none() => b.block.stmts.iter().any(always_leaves),
        _ => always_leaves(&syn::Stmt::Expr(e.clone(), None)),
    }
}

pub(super) fn has_let(e: &Expr) -> bool {
    match e {
        Expr::Let(_) => true,
        Expr::Binary(b) if matches!(b.op, BinOp::And(_)) => has_let(&b.left) || has_let(&b.right),
        _ => false,
    }
}

pub(super) fn is_comparison(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq(_) | BinOp::Ne(_) | BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_)
    )
}

pub(super) fn is_compound_assign(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

/// A place expression whose evaluation has no effect but its index operands.
pub fn is_place(e: &Expr) -> bool {
    match e {
        Expr::Path(p) => p.qself.is_none() && p.path.segments.len() == 1,
        Expr::Field(f) => is_place(&f.base),
        Expr::Index(i) => is_place(&i.expr),
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Unary(u) => matches!(u.op, UnOp::Deref(_)) && is_place(&u.expr),
        _ => false,
    }
}

pub(super) fn ident_pat(ident: &Ident, mutable: bool) -> Pat {
    Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: mutable.then(Default::default),
        ident: ident.clone(),
        subpat: None,
    })
}

/// The bindings a pattern introduces, in order, with their mutability.
pub fn pat_bindings(pat: &Pat, out: &mut Vec<(Ident, bool)>) {
    for_each_binding(&mut pat.clone(), &mut |p| {
        out.push((p.ident.clone(), p.mutability.is_some()))
    });
}

/// Visits the binding identifiers of a pattern in order. An identifier
/// starting with an upper-case letter, with no `mut`, `ref` or `@`, is taken
/// to be a constant or unit variant, as Rust's naming conventions say. In an
/// or-pattern every alternative binds the same names; all are visited, and
/// only the first alternative's count.
pub(super) fn for_each_binding(pat: &mut Pat, f: &mut dyn FnMut(&mut syn::PatIdent)) {
    match pat {
        Pat::Ident(i) => {
            let upper = i.ident.to_string().starts_with(|c: char| c.is_uppercase());
            if !(upper && i.mutability.is_none() && i.by_ref.is_none() && i.subpat.is_none()) {
                f(i);
            }
            if let Some((_, sub)) = &mut i.subpat {
                for_each_binding(sub, f);
            }
        }
        Pat::Or(o) => {
            let mut cases = o.cases.iter_mut();
            if let Some(first) = cases.next() {
                let mut renamed: Vec<(String, Ident)> = Vec::new();
                for_each_binding(first, &mut |p| {
                    let before = p.ident.to_string();
                    f(p);
                    renamed.push((before, p.ident.clone()));
                });
                for case in cases {
                    for_each_binding(case, &mut |p| {
                        if let Some((_, new)) = renamed.iter().find(|(old, _)| p.ident == old) {
                            p.ident = new.clone();
                        }
                    });
                }
            }
        }
        Pat::Paren(p) => for_each_binding(&mut p.pat, f),
        Pat::Reference(r) => for_each_binding(&mut r.pat, f),
        Pat::Slice(s) => s.elems.iter_mut().for_each(|p| for_each_binding(p, f)),
        Pat::Struct(s) => s.fields.iter_mut().for_each(|fp| {
            for_each_binding(&mut fp.pat, f);
            if fp.colon_token.is_none()
                && let (syn::Member::Named(field), Pat::Ident(p)) = (&fp.member, &*fp.pat)
                && p.ident != *field
            {
                // `S { x }` with `x` renamed becomes `S { x: x_renamed }`.
                fp.colon_token = Some(Default::default());
            }
        }),
        Pat::Tuple(t) => t.elems.iter_mut().for_each(|p| for_each_binding(p, f)),
        Pat::TupleStruct(t) => t.elems.iter_mut().for_each(|p| for_each_binding(p, f)),
        Pat::Type(t) => for_each_binding(&mut t.pat, f),
        _ => {}
    }
}

/// The name of a path of one plain segment (`x`).
pub(super) fn simple_path(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Path(p) => plain_name(p),
        _ => None,
    }
}

/// The name of a path expression of one plain segment (`x`, not `a::x`,
/// `::x`, `x::<T>` or `<T>::x`).
pub(super) fn plain_name(p: &syn::ExprPath) -> Option<&Ident> {
    let plain = p.qself.is_none()
        && p.path.leading_colon.is_none()
        && p.path.segments.len() == 1
        && p.path.segments[0].arguments.is_none();
    plain.then(|| &p.path.segments[0].ident)
}

/// The names a place reads: every plain path in it (`arr` and `i` of
/// `arr[i].n`, `counts` and `k` of `*counts.entry(k).or_insert(0)`).
pub(super) fn place_names<'e>(e: &'e Expr, out: &mut Vec<&'e Ident>) {
    struct Names<'a, 'o>(&'o mut Vec<&'a Ident>);
    impl<'a> Visit<'a> for Names<'a, '_> {
        fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
            self.0.extend(plain_name(p));
        }
        // A macro's tokens are not read here: its mentions are `Opaque`.
        fn visit_macro(&mut self, _: &'a syn::Macro) {}
    }
    Names(out).visit_expr(e);
}

pub(super) fn place_root(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            Some(&p.path.segments[0].ident)
        }
        Expr::Field(f) => place_root(&f.base),
        Expr::Index(i) => place_root(&i.expr),
        Expr::Paren(p) => place_root(&p.expr),
        _ => None,
    }
}

/// Whether a mention after position `since` moves a binding (a closure
/// written there that moves a capture, `|| drop(v)`, captures it by value).
pub(super) fn moves_since(bindings: &[Binding], since: Pos) -> bool {
    bindings
        .iter()
        .flat_map(|b| &b.accesses)
        .any(|a| a.pos > since && a.usage == Use::Move)
}
