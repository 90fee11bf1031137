//! A static check of the generator's rules, for programs rewritten by the
//! minimiser: names resolve, moved (or not yet assigned) locals are not read,
//! `Tr` locals are not moved in a loop that does not declare them, partial
//! moves are of a `Pair` of the same block, jumps have targets, guards have
//! no yields, `let ... else` diverges, value blocks have tails. Branches are
//! followed separately and joined (moved on one path: moved after). Programs
//! the check accepts compile (both flavours) as long as the rules mirror
//! rustc's; the runner still copes with ones that do not.

use crate::ast::*;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Tr,
    Pair,
}

#[derive(Clone)]
struct Var {
    name: String,
    kind: Kind,
    mutable: bool,
    /// Maybe without a value (moved, or not assigned yet).
    moved: bool,
    /// A `Pair` whose `name` may be moved out.
    field_moved: bool,
}

type Env = Vec<Vec<Var>>;

struct Checker {
    scopes: Env,
    targets: Vec<(Label, bool)>,
    /// Scope index of each enclosing loop's body.
    loops: Vec<usize>,
}

/// Whether `p` follows the generator's rules.
pub fn valid(p: &Program) -> bool {
    let mut c = Checker {
        scopes: vec![vec![
            var("a0", Kind::Int, false),
            var("a1", Kind::Int, false),
            var("p", Kind::Tr, true),
        ]],
        targets: Vec::new(),
        loops: Vec::new(),
    };
    let ok = p.body.stmts.iter().all(|s| c.stmt(s));
    ok && p.body.tail.as_ref().is_none_or(|t| c.expr(t, true))
}

fn var(name: &str, kind: Kind, mutable: bool) -> Var {
    Var {
        name: name.to_string(),
        kind,
        mutable,
        moved: false,
        field_moved: false,
    }
}

fn unset(mut v: Var) -> Var {
    v.moved = true;
    v
}

/// `a` joined with `b` (the same scopes): maybe moved in either.
fn join(a: &mut Env, b: &Env) {
    for (sa, sb) in a.iter_mut().zip(b) {
        for (va, vb) in sa.iter_mut().zip(sb) {
            va.moved |= vb.moved;
            va.field_moved |= vb.field_moved;
        }
    }
}

impl Checker {
    fn lookup(&self, name: &str) -> Option<&Var> {
        self.scopes
            .iter()
            .rev()
            .find_map(|s| s.iter().rev().find(|v| v.name == name))
    }

    /// The innermost binding of `name`, with its scope index.
    fn lookup_mut(&mut self, name: &str) -> Option<(usize, &mut Var)> {
        self.scopes
            .iter_mut()
            .enumerate()
            .rev()
            .find_map(|(i, s)| s.iter_mut().rev().find(|v| v.name == name).map(|v| (i, v)))
    }

    fn inner(&self) -> usize {
        self.scopes.len() - 1
    }

    fn loop_floor(&self) -> usize {
        self.loops.last().copied().unwrap_or(0)
    }

    fn is(&self, name: &str, kind: Kind) -> bool {
        self.lookup(name)
            .is_some_and(|v| v.kind == kind && !v.moved)
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

    /// Each of `branches` from the current state, then their join (`none`:
    /// also the path that takes none of them).
    fn branches(
        &mut self,
        n: usize,
        none: bool,
        mut f: impl FnMut(&mut Self, usize) -> bool,
    ) -> bool {
        let before = self.scopes.clone();
        let mut joined: Option<Env> = none.then(|| before.clone());
        for i in 0..n {
            self.scopes = before.clone();
            if !f(self, i) {
                return false;
            }
            match &mut joined {
                Some(j) => join(j, &self.scopes),
                None => joined = Some(self.scopes.clone()),
            }
        }
        self.scopes = joined.unwrap_or(before);
        true
    }

    fn if_else(&mut self, then: &Block, els: Option<&Block>, bind: Option<&str>) -> bool {
        let n = if els.is_some() { 2 } else { 1 };
        self.branches(n, els.is_none(), |c, i| {
            if i == 0 {
                let extra = bind
                    .map(|n| vec![var(n, Kind::Int, false)])
                    .unwrap_or_default();
                c.block(then, false, extra)
            } else {
                c.block(els.unwrap(), false, Vec::new())
            }
        })
    }

    fn stmt(&mut self, s: &Stmt) -> bool {
        match s {
            Stmt::Let {
                name,
                mutable,
                init,
            } => {
                let ok = self.expr(init, true);
                self.declare(var(name, Kind::Int, *mutable));
                ok
            }
            Stmt::LetTr { name, init, .. } => {
                let ok = self.expr(init, true);
                self.declare(var(name, Kind::Tr, true));
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
                let ok = diverges && self.expr(init, true);
                let before = self.scopes.clone();
                let ok = ok && self.block(els, false, Vec::new());
                self.scopes = before;
                self.declare(var(name, Kind::Int, false));
                ok
            }
            Stmt::LetRef {
                name,
                of,
                tr,
                get,
                init,
                ..
            } => {
                let kind = if *tr { Kind::Tr } else { Kind::Int };
                let ok = self.is(of, kind)
                    && (*tr || !*get)
                    && !expr_has_yield(init)
                    && self.expr(init, false);
                self.declare(var(name, Kind::Int, false));
                ok
            }
            Stmt::MutRef { of, via, value, .. } => {
                let of_ok = match via {
                    MutVia::Deref => self.is(of, Kind::Int) && self.lookup(of).unwrap().mutable,
                    MutVia::Field | MutVia::Bump => self.is(of, Kind::Tr),
                };
                of_ok
                    && !expr_has_yield(value)
                    && !expr_mentions(value, of)
                    && self.expr(value, false)
            }
            Stmt::Bump { name, value } => {
                self.is(name, Kind::Tr) && !expr_has_yield(value) && self.expr(value, false)
            }
            Stmt::LetLateTr { name } => {
                self.declare(unset(var(name, Kind::Tr, true)));
                true
            }
            Stmt::LetLateInt { name } => {
                self.declare(unset(var(name, Kind::Int, false)));
                true
            }
            Stmt::Init { name, value } => {
                if !self.expr(value, true) {
                    return false;
                }
                let floor = self.loop_floor();
                let Some((i, v)) = self.lookup_mut(name) else {
                    return false;
                };
                if v.kind != Kind::Int || v.mutable || !v.moved || i < floor {
                    return false;
                }
                v.moved = false;
                true
            }
            Stmt::LetLate { name, cond, a, b } => {
                let ok = self.cond(cond, true) && self.expr(a, true) && self.expr(b, true);
                self.declare(var(name, Kind::Int, false));
                ok
            }
            Stmt::LetPair { name, v, n, .. } => {
                let ok = self.expr(v, true) && self.expr(n, true);
                self.declare(var(name, Kind::Pair, true));
                ok
            }
            Stmt::PartialMove { pair, how } => {
                let inner = self.inner();
                let Some((i, v)) = self.lookup_mut(pair) else {
                    return false;
                };
                if v.kind != Kind::Pair || v.moved || v.field_moved || i != inner {
                    return false;
                }
                v.field_moved = true;
                match how {
                    PartHow::Drop => {}
                    PartHow::Rebind(u) => self.declare(var(u, Kind::Tr, true)),
                    PartHow::Consume(x) => self.declare(var(x, Kind::Int, false)),
                }
                true
            }
            Stmt::SetPairName { pair, init, .. } => {
                if !self.expr(init, true) {
                    return false;
                }
                let inner = self.inner();
                let Some((i, v)) = self.lookup_mut(pair) else {
                    return false;
                };
                if v.kind != Kind::Pair || v.moved || (v.field_moved && i != inner) {
                    return false;
                }
                v.field_moved = false;
                true
            }
            Stmt::MovePair { pair, how } => {
                let inner = self.inner();
                let Some((i, v)) = self.lookup_mut(pair) else {
                    return false;
                };
                if v.kind != Kind::Pair || v.moved || v.field_moved || i != inner {
                    return false;
                }
                v.moved = true;
                if let PairHow::Destructure(u, x) = how {
                    self.declare(var(u, Kind::Tr, true));
                    self.declare(var(x, Kind::Int, false));
                }
                true
            }
            Stmt::Move { from, how } => {
                let floor = self.loop_floor();
                let Some((i, v)) = self.lookup_mut(from) else {
                    return false;
                };
                if v.kind != Kind::Tr || v.moved || i < floor {
                    return false;
                }
                v.moved = true;
                match how {
                    MoveHow::Drop | MoveHow::Log | MoveHow::Yield => {}
                    MoveHow::Consume(x) | MoveHow::Finish(x) | MoveHow::FinishPath(x) => {
                        self.declare(var(x, Kind::Int, false))
                    }
                    MoveHow::Rebind(u) => self.declare(var(u, Kind::Tr, true)),
                }
                true
            }
            Stmt::SetTr { name, init, .. } => {
                if !self.expr(init, true) {
                    return false;
                }
                let Some((_, v)) = self.lookup_mut(name) else {
                    return false;
                };
                if v.kind != Kind::Tr {
                    return false;
                }
                v.moved = false;
                true
            }
            Stmt::SetField { name, value, .. } => self.expr(value, true) && self.is(name, Kind::Tr),
            Stmt::IfLet {
                name,
                init,
                then,
                els,
                ..
            } => self.expr(init, true) && self.if_else(then, els.as_ref(), Some(name)),
            Stmt::Assign { name, value, .. } => {
                let target_ok = self
                    .lookup(name)
                    .is_some_and(|v| v.kind == Kind::Int && v.mutable && !v.moved);
                target_ok && self.expr(value, true)
            }
            Stmt::Expr(e) => self.expr(e, true),
            Stmt::If { cond, then, els } => {
                self.cond(cond, true) && self.if_else(then, els.as_ref(), None)
            }
            Stmt::Match { scrut, arms } => self.expr(scrut, true) && self.arms(arms, false),
            Stmt::Loop(l) => self.lp(l, false),
            Stmt::Block { label, block } => match label {
                Some(id) => {
                    self.targets.push((Label::Block(*id), false));
                    // Left early: what it assigns may be unassigned after it.
                    let ok = self.branches(1, true, |c, _| c.block(block, false, Vec::new()));
                    self.targets.pop();
                    ok
                }
                None => self.block(block, false, Vec::new()),
            },
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
        self.loops.push(self.scopes.len());
        let ok = self.branches(1, true, |c, _| c.lp_inner(l, value, me));
        self.loops.pop();
        ok
    }

    fn lp_inner(&mut self, l: &Loop, value: bool, me: (Label, bool)) -> bool {
        let (ok, extra) = match &l.kind {
            LoopKind::Range { var: v, hi } => (self.expr(hi, true), vec![var(v, Kind::Int, false)]),
            LoopKind::Array { var: v, elems } => (
                !elems.is_empty() && elems.iter().all(|e| self.expr(e, true)),
                vec![var(v, Kind::Int, false)],
            ),
            LoopKind::While { cond, .. } => (!value && self.cond(cond, true), Vec::new()),
            LoopKind::WhileLet { var: v, init, .. } => (
                !value && self.expr(init, true),
                vec![var(v, Kind::Int, false)],
            ),
            LoopKind::TrArray { var: v, elems } => (
                !value && !elems.is_empty() && elems.iter().all(|(_, e)| self.expr(e, true)),
                vec![var(v, Kind::Tr, true)],
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
        self.branches(arms.len(), false, |c, i| {
            let a = &arms[i];
            let bind = match &a.pat {
                Pat::Bind(n) => vec![var(n, Kind::Int, false)],
                _ => Vec::new(),
            };
            c.scopes.push(bind);
            let ok = a.guard.as_ref().is_none_or(|g| c.cond(g, false))
                && c.block(&a.body, valued, Vec::new());
            c.scopes.pop();
            ok
        })
    }

    fn cond(&mut self, c: &Cond, y: bool) -> bool {
        match c {
            Cond::Bool(_) => true,
            Cond::Cmp(_, a, b) => self.expr(a, y) && self.expr(b, y),
            Cond::Not(c) => self.cond(c, y),
            Cond::And(a, b) | Cond::Or(a, b) => {
                self.cond(a, y) && self.branches(1, true, |k, _| k.cond(b, y))
            }
        }
    }

    /// `y`: yields (and anything that could hide one) allowed.
    fn expr(&mut self, e: &Expr, y: bool) -> bool {
        match e {
            Expr::Lit(_) => true,
            Expr::Var(n) => self.is(n, Kind::Int),
            Expr::TrField(n) | Expr::TrGet(n) => self.is(n, Kind::Tr),
            Expr::PairN(n) => self.is(n, Kind::Pair),
            Expr::PairNameV(n) => self.is(n, Kind::Pair) && !self.lookup(n).unwrap().field_moved,
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
                    && self.branches(2, false, |k, i| {
                        k.block(if i == 0 { a } else { b }, true, Vec::new())
                    })
            }
            Expr::Match(s, arms) => y && self.expr(s, y) && self.arms(arms, true),
            Expr::Loop(l) => y && self.lp(l, true),
            Expr::Labeled(id, b) => {
                if !y {
                    return false;
                }
                self.targets.push((Label::Block(*id), true));
                let ok = self.branches(1, true, |k, _| k.block(b, true, Vec::new()));
                self.targets.pop();
                ok
            }
        }
    }
}
