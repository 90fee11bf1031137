//! A static check of the generator's rules, for programs rewritten by the
//! minimiser: names resolve, moved `Tr` locals are not used again and are
//! moved only in their own block, jumps have targets, guards have no yields,
//! `let ... else` diverges, value blocks have tails. Programs the check
//! accepts compile (both flavours) as long as the rules mirror rustc's; the
//! runner still copes with ones that do not.

use crate::ast::*;

#[derive(Clone)]
struct Var {
    name: String,
    tr: bool,
    mutable: bool,
    moved: bool,
}

struct Checker {
    scopes: Vec<Vec<Var>>,
    targets: Vec<(Label, bool)>,
}

/// Whether `p` follows the generator's rules.
pub fn valid(p: &Program) -> bool {
    let mut c = Checker {
        scopes: vec![vec![
            var("a0", false, false),
            var("a1", false, false),
            var("p", true, false),
        ]],
        targets: Vec::new(),
    };
    let ok = p.body.stmts.iter().all(|s| c.stmt(s));
    ok && p.body.tail.as_ref().is_none_or(|t| c.expr(t, true))
}

fn var(name: &str, tr: bool, mutable: bool) -> Var {
    Var {
        name: name.to_string(),
        tr,
        mutable,
        moved: false,
    }
}

impl Checker {
    fn lookup(&self, name: &str) -> Option<&Var> {
        self.scopes
            .iter()
            .rev()
            .find_map(|s| s.iter().rev().find(|v| v.name == name))
    }

    fn declare(&mut self, v: Var) {
        self.scopes.last_mut().unwrap().push(v);
    }

    fn block(&mut self, b: &Block, tail: bool, extra: Vec<Var>) -> bool {
        if b.tail.is_some() != tail {
            return false;
        }
        self.scopes.push(extra);
        let ok = b.stmts.iter().all(|s| self.stmt(s))
            && b.tail.as_ref().is_none_or(|t| self.expr(t, true));
        self.scopes.pop();
        ok
    }

    fn stmt(&mut self, s: &Stmt) -> bool {
        match s {
            Stmt::Let {
                name,
                mutable,
                init,
            } => {
                let ok = self.expr(init, true);
                self.declare(var(name, false, *mutable));
                ok
            }
            Stmt::LetTr { name, init, .. } => {
                let ok = self.expr(init, true);
                self.declare(var(name, true, false));
                ok
            }
            Stmt::LetElse {
                name, init, els, ..
            } => {
                let diverges = matches!(
                    els.stmts.last(),
                    Some(
                        Stmt::Break { .. }
                            | Stmt::Continue { .. }
                            | Stmt::Return { .. }
                            | Stmt::Panic(_)
                    )
                );
                let ok = diverges && self.expr(init, true) && self.block(els, false, Vec::new());
                self.declare(var(name, false, false));
                ok
            }
            Stmt::LetRef {
                name, of, tr, init, ..
            } => {
                let of_ok = self
                    .lookup(of)
                    .is_some_and(|v| v.tr == *tr && !(v.tr && v.moved));
                let ok = of_ok && !expr_has_yield(init) && self.expr(init, false);
                self.declare(var(name, false, false));
                ok
            }
            Stmt::LetLate { name, cond, a, b } => {
                let ok = self.cond(cond, true) && self.expr(a, true) && self.expr(b, true);
                self.declare(var(name, false, false));
                ok
            }
            Stmt::Move { from, how } => {
                let inner = self.scopes.last_mut().unwrap();
                let Some(v) = inner.iter_mut().rev().find(|v| &v.name == from) else {
                    return false;
                };
                if !v.tr || v.moved {
                    return false;
                }
                v.moved = true;
                match how {
                    MoveHow::Drop | MoveHow::Log | MoveHow::Yield => {}
                    MoveHow::Consume(x) => self.declare(var(x, false, false)),
                    MoveHow::Rebind(u) => self.declare(var(u, true, false)),
                }
                true
            }
            Stmt::SetTr { name, init, .. } => {
                let Some((tr, moved)) = self.lookup(name).map(|v| (v.tr, v.moved)) else {
                    return false;
                };
                if !tr || !self.expr(init, true) {
                    return false;
                }
                if moved {
                    let inner = self.scopes.last_mut().unwrap();
                    let Some(v) = inner.iter_mut().rev().find(|v| &v.name == name) else {
                        return false;
                    };
                    v.moved = false;
                }
                true
            }
            Stmt::SetField { name, value, .. } => {
                self.lookup(name).is_some_and(|v| v.tr && !v.moved) && self.expr(value, true)
            }
            Stmt::IfLet {
                name,
                init,
                then,
                els,
                ..
            } => {
                self.expr(init, true)
                    && self.block(then, false, vec![var(name, false, false)])
                    && els
                        .as_ref()
                        .is_none_or(|b| self.block(b, false, Vec::new()))
            }
            Stmt::Assign { name, value, .. } => {
                let target_ok = self.lookup(name).is_some_and(|v| !v.tr && v.mutable);
                target_ok && self.expr(value, true)
            }
            Stmt::Expr(e) => self.expr(e, true),
            Stmt::If { cond, then, els } => {
                self.cond(cond, true)
                    && self.block(then, false, Vec::new())
                    && els
                        .as_ref()
                        .is_none_or(|b| self.block(b, false, Vec::new()))
            }
            Stmt::Match { scrut, arms } => self.expr(scrut, true) && self.arms(arms, false),
            Stmt::Loop(l) => self.lp(l, false),
            Stmt::Block { label, block } => {
                if let Some(id) = label {
                    self.targets.push((Label::Block(*id), false));
                }
                let ok = self.block(block, false, Vec::new());
                if label.is_some() {
                    self.targets.pop();
                }
                ok
            }
            Stmt::Break { label, value } => {
                let Some(&(_, takes)) = self.targets.iter().rev().find(|t| t.0 == *label) else {
                    return false;
                };
                takes == value.is_some() && value.as_ref().is_none_or(|v| self.expr(v, true))
            }
            Stmt::Continue { label } => self.targets.iter().any(|t| t.0 == Label::Loop(*label)),
            Stmt::Return { value, .. } => self.expr(value, true),
            Stmt::Panic(_) => true,
        }
    }

    fn lp(&mut self, l: &Loop, value: bool) -> bool {
        let me = (Label::Loop(l.id), value);
        let (ok, extra) = match &l.kind {
            LoopKind::Range { var: v, hi } => (self.expr(hi, true), vec![var(v, false, false)]),
            LoopKind::Array { var: v, elems } => (
                !elems.is_empty() && elems.iter().all(|e| self.expr(e, true)),
                vec![var(v, false, false)],
            ),
            LoopKind::While { cond, .. } => (!value && self.cond(cond, true), Vec::new()),
            LoopKind::WhileLet { var: v, init, .. } => {
                (!value && self.expr(init, true), vec![var(v, false, false)])
            }
            LoopKind::TrArray { var: v, elems } => (
                !value && !elems.is_empty() && elems.iter().all(|(_, e)| self.expr(e, true)),
                vec![var(v, true, false)],
            ),
            LoopKind::Loop { value: v, .. } => (
                v.is_some() == value && v.as_ref().is_none_or(|v| self.expr(v, true)),
                Vec::new(),
            ),
        };
        if !ok || (value && !matches!(l.kind, LoopKind::Loop { .. })) {
            return false;
        }
        self.targets.push(me);
        let ok = self.block(&l.body, false, extra);
        self.targets.pop();
        ok
    }

    fn arms(&mut self, arms: &[Arm], valued: bool) -> bool {
        let Some(last) = arms.last() else {
            return false;
        };
        if last.guard.is_some() || !matches!(last.pat, Pat::Wild | Pat::Bind(_)) {
            return false;
        }
        arms.iter().all(|a| {
            let bind = match &a.pat {
                Pat::Bind(n) => vec![var(n, false, false)],
                _ => Vec::new(),
            };
            self.scopes.push(bind);
            let ok = a.guard.as_ref().is_none_or(|g| self.cond(g, false))
                && self.block(&a.body, valued, Vec::new());
            self.scopes.pop();
            ok
        })
    }

    fn cond(&mut self, c: &Cond, y: bool) -> bool {
        match c {
            Cond::Bool(_) => true,
            Cond::Cmp(_, a, b) => self.expr(a, y) && self.expr(b, y),
            Cond::Not(c) => self.cond(c, y),
            Cond::And(a, b) | Cond::Or(a, b) => self.cond(a, y) && self.cond(b, y),
        }
    }

    /// `y`: yields (and anything that could hide one) allowed.
    fn expr(&mut self, e: &Expr, y: bool) -> bool {
        match e {
            Expr::Lit(_) => true,
            Expr::Var(n) => self.lookup(n).is_some_and(|v| !v.tr),
            Expr::TrField(n) => self.lookup(n).is_some_and(|v| v.tr && !v.moved),
            Expr::Bin(_, a, b) | Expr::Method(a, _, b) => self.expr(a, y) && self.expr(b, y),
            Expr::Rem(a, k) => *k > 0 && self.expr(a, y),
            Expr::Yield(a) => y && self.expr(a, y),
            Expr::Call(f, args) => {
                let arity = match f {
                    Func::Lg | Func::Boom => 1,
                    Func::Mix => 2,
                    Func::Add3 => 3,
                };
                args.len() == arity && args.iter().all(|a| self.expr(a, y))
            }
            Expr::Try(a) | Expr::MkField(_, a) => self.expr(a, y),
            Expr::Block(b) => y && self.block(b, true, Vec::new()),
            Expr::If(c, a, b) => {
                y && self.cond(c, y)
                    && self.block(a, true, Vec::new())
                    && self.block(b, true, Vec::new())
            }
            Expr::Match(s, arms) => y && self.expr(s, y) && self.arms(arms, true),
            Expr::Loop(l) => y && self.lp(l, true),
            Expr::Labeled(id, b) => {
                if !y {
                    return false;
                }
                self.targets.push((Label::Block(*id), true));
                let ok = self.block(b, true, Vec::new());
                self.targets.pop();
                ok
            }
        }
    }
}
