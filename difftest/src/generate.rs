//! Random, well-typed generator programs.
//!
//! The generator keeps an environment of the locals in scope, the jump
//! targets (loops, labeled blocks) and the nesting depth, and only produces
//! programs that both baozi and rustc accept:
//!
//! - no borrows at all (locals are `i64`, or `Tr` read through `t.v`);
//! - no `yield_!` in match guards, no closures, no `let x;`;
//! - every loop is bounded (`for` over `0..lim(e)` (`lim` is `e mod 4`) or a
//!   short array, or a `while`/`loop` with a hidden counter), so programs
//!   terminate;
//! - a `Tr` local is only ever moved by a statement of the very block that
//!   declares it (`drop(t);`, `let x = consume(t);`, `let u = t;`), never
//!   inside an `if`/`match`/loop body relative to its declaration. A value
//!   moved on only some paths is a documented baozi limitation (it is dropped
//!   at the next yield instead of at the end of its scope, where rustc keeps
//!   a drop flag), so conditional moves are not generated.

use crate::ast::*;
use crate::rng::Rng;

/// Knobs of the generator.
#[derive(Clone, Debug)]
pub struct GenConfig {
    /// Maximum nesting of blocks (loops, ifs, matches, blocks).
    pub max_block_depth: u32,
    /// Maximum nesting of expressions.
    pub max_expr_depth: u32,
    /// Roughly the number of statements and expressions in a program.
    pub budget: i32,
    /// Generate `mk(id, e).v`: `Tr` temporaries, possibly alive across a
    /// yield within their statement.
    pub temporaries: bool,
    /// Generate panics (`boom(e)`, `panic!`).
    pub panics: bool,
    /// Generate `let Some(x) = opt(e) else { .. };`.
    pub let_else: bool,
    /// Generate `chk(e)?`.
    pub try_op: bool,
    /// Generate method calls `a.max(b)`.
    pub methods: bool,
    /// Generate `x += e;` and `x -= e;`.
    pub compound_assign: bool,
    /// Reuse names (`let x0 = ..; let x0 = ..;`, shadowing the parameter `a0`).
    pub shadowing: bool,
    /// Known baozi bugs to steer clear of (see `tests/regressions.rs`); all
    /// `false` by default, which generates everything.
    pub avoid: Avoid,
}

/// Program shapes that hit known baozi bugs, and are not generated when set.
#[derive(Clone, Debug, Default)]
pub struct Avoid {
    /// `let Some(x) = opt(.. yield_!(..) ..) else { .. };` (and `while let`
    /// with such a scrutinee): baozi emits a `let .. = { .. } else` that
    /// rustc rejects.
    pub let_else_yield: bool,
    /// `chk(.. yield_!(..) ..)?` as an operand: baozi's expansion does not
    /// parse (`{ .. }? + 1`).
    pub try_yield: bool,
    /// A plain local (or `t.v`) left of a comparison or as a method receiver
    /// with a `yield_!` on the right, and `x op= .. yield_!(..) ..`: baozi
    /// reads the place after resuming (rustc reads it before), and does not
    /// store a binding used by value elsewhere that it thinks is dead. Fixed
    /// since; `Avoid::all()` leaves it off.
    pub place_left_of_yield: bool,
    /// `mk(id, ..).v` in a statement with a later `yield_!`: baozi drops the
    /// temporary before the yield, rustc at the end of the statement.
    pub temporary_across_yield: bool,
    /// Assigning to a moved-out `Tr` local (`drop(t); yield_!(..); t = ..;`):
    /// baozi stored the moved binding in the state (E0382), and dropped a
    /// reassigned one not mentioned after a later yield at that yield. Fixed
    /// since; `Avoid::all()` leaves it off.
    pub reinit_moved: bool,
}

impl Avoid {
    /// Every known bug avoided.
    pub fn all() -> Avoid {
        Avoid {
            // Fixed: kept as knobs to test snapshots of older commits.
            let_else_yield: false,
            try_yield: false,
            // Fixed: kept as a knob to test snapshots of older commits.
            place_left_of_yield: false,
            temporary_across_yield: true,
            // Fixed: kept as a knob to test snapshots of older commits.
            reinit_moved: false,
        }
    }
}

impl Default for GenConfig {
    fn default() -> GenConfig {
        GenConfig {
            max_block_depth: 3,
            max_expr_depth: 3,
            budget: 45,
            temporaries: true,
            panics: true,
            let_else: true,
            try_op: true,
            methods: true,
            shadowing: true,
            compound_assign: true,
            avoid: Avoid::default(),
        }
    }
}

#[derive(Clone, Debug)]
struct Var {
    name: String,
    tr: bool,
    mutable: bool,
    moved: bool,
}

#[derive(Clone, Copy, Debug)]
struct Target {
    label: Label,
    takes_value: bool,
}

struct Gen<'c> {
    rng: Rng,
    cfg: &'c GenConfig,
    scopes: Vec<Vec<Var>>,
    targets: Vec<Target>,
    next_id: u32,
    budget: i32,
    block_depth: u32,
}

/// Generates the program for `seed`.
pub fn generate(seed: u64, cfg: &GenConfig) -> Program {
    let mut g = Gen {
        rng: Rng::new(seed),
        cfg,
        scopes: Vec::new(),
        targets: Vec::new(),
        next_id: 1,
        budget: cfg.budget,
        block_depth: 0,
    };
    let params = vec![int_var("a0", false), int_var("a1", false), tr_var("p")];
    g.scopes.push(params);
    let n = g.rng.range(3, 8) as usize;
    let mut stmts = Vec::new();
    for _ in 0..n {
        stmts.push(g.stmt());
    }
    let tail = g.expr(0, true);
    g.scopes.pop();
    Program {
        body: Block {
            stmts,
            tail: Some(tail),
        },
    }
}

fn int_var(name: &str, mutable: bool) -> Var {
    Var {
        name: name.to_string(),
        tr: false,
        mutable,
        moved: false,
    }
}

fn tr_var(name: &str) -> Var {
    Var {
        name: name.to_string(),
        tr: true,
        mutable: false,
        moved: false,
    }
}

const INT_NAMES: &[&str] = &["x0", "x1", "x2", "x3", "x4", "a0"];
const TR_NAMES: &[&str] = &["t0", "t1", "t2", "t3"];

impl Gen<'_> {
    fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// The innermost binding of every name in scope.
    fn visible(&self) -> Vec<&Var> {
        let mut seen: Vec<&Var> = Vec::new();
        for scope in self.scopes.iter().rev() {
            for v in scope.iter().rev() {
                if !seen.iter().any(|s| s.name == v.name) {
                    seen.push(v);
                }
            }
        }
        seen
    }

    fn ints(&self, mutable: bool) -> Vec<String> {
        self.visible()
            .into_iter()
            .filter(|v| !v.tr && (v.mutable || !mutable))
            .map(|v| v.name.clone())
            .collect()
    }

    fn trs(&self) -> Vec<String> {
        self.visible()
            .into_iter()
            .filter(|v| v.tr && !v.moved)
            .map(|v| v.name.clone())
            .collect()
    }

    /// `Tr` locals that this block declared and may move.
    fn movable(&self) -> Vec<String> {
        let inner = self.scopes.last().unwrap();
        self.trs()
            .into_iter()
            .filter(|n| {
                inner
                    .iter()
                    .rev()
                    .find(|v| &v.name == n)
                    .is_some_and(|v| v.tr)
            })
            .collect()
    }

    fn mark_moved(&mut self, name: &str, moved: bool) {
        let inner = self.scopes.last_mut().unwrap();
        let v = inner.iter_mut().rev().find(|v| v.name == name).unwrap();
        v.moved = moved;
    }

    /// `Tr` locals that may be assigned: initialised ones anywhere, moved
    /// ones only in the block that declares them (straight-line, so that
    /// they are initialised again on every path).
    fn settable(&self) -> Vec<String> {
        let inner = self.scopes.last().unwrap();
        self.visible()
            .into_iter()
            .filter(|v| {
                v.tr && (!v.moved
                    || (!self.cfg.avoid.reinit_moved && inner.iter().any(|w| w.name == v.name)))
            })
            .map(|v| v.name.clone())
            .collect()
    }

    fn declare(&mut self, v: Var) {
        self.scopes.last_mut().unwrap().push(v);
    }

    /// A name for a new local: from `pool` (possibly shadowing), or fresh.
    fn new_name(&mut self, pool: &[&str]) -> String {
        if self.cfg.shadowing {
            self.pick(pool).to_string()
        } else {
            let id = self.id();
            format!("{}{id}", &pool[0][..1])
        }
    }

    fn pick<T: Clone>(&mut self, xs: &[T]) -> T {
        xs[self.rng.below(xs.len() as u64) as usize].clone()
    }

    fn lit(&mut self) -> i64 {
        self.rng.range(-3, 9)
    }

    fn can_nest(&self) -> bool {
        self.block_depth < self.cfg.max_block_depth && self.budget > 0
    }

    /// A block; `extra` are bound at its start (loop variables, arm bindings).
    fn block(&mut self, tail: bool, extra: Vec<Var>) -> Block {
        self.block_depth += 1;
        self.scopes.push(extra);
        let max = if self.budget > 10 { 4 } else { 2 };
        let n = self.rng.range(if tail { 0 } else { 1 }, max) as usize;
        let mut stmts = Vec::new();
        for _ in 0..n {
            stmts.push(self.stmt());
        }
        let tail = tail.then(|| self.expr(0, true));
        self.scopes.pop();
        self.block_depth -= 1;
        Block { stmts, tail }
    }

    /// A block ending in a jump (for `let ... else`).
    fn diverging_block(&mut self) -> Block {
        self.block_depth += 1;
        self.scopes.push(Vec::new());
        let mut stmts = Vec::new();
        if self.rng.chance(40) {
            stmts.push(self.stmt());
        }
        stmts.push(self.jump());
        self.scopes.pop();
        self.block_depth -= 1;
        Block { stmts, tail: None }
    }

    /// `break`, `continue`, `return` or `panic!`.
    fn jump(&mut self) -> Stmt {
        let w = [
            if self.targets.is_empty() { 0 } else { 6 },
            if self
                .targets
                .iter()
                .any(|t| matches!(t.label, Label::Loop(_)))
            {
                4
            } else {
                0
            },
            3,
            if self.cfg.panics { 1 } else { 0 },
        ];
        match self.rng.weighted(&w) {
            0 => {
                let t = self.pick(&self.targets.clone());
                let value = t.takes_value.then(|| self.expr(1, true));
                Stmt::Break {
                    label: t.label,
                    value,
                }
            }
            1 => {
                let loops: Vec<u32> = self
                    .targets
                    .iter()
                    .filter_map(|t| match t.label {
                        Label::Loop(id) => Some(id),
                        Label::Block(_) => None,
                    })
                    .collect();
                Stmt::Continue {
                    label: self.pick(&loops),
                }
            }
            2 => Stmt::Return {
                ok: self.rng.chance(60),
                value: self.expr(1, true),
            },
            _ => {
                let id = self.id();
                Stmt::Panic(format!("panic{id}"))
            }
        }
    }

    fn stmt(&mut self) -> Stmt {
        self.budget -= 1;
        let nest = self.can_nest();
        let movable = self.movable();
        let mutable = self.ints(true);
        let settable = self.settable();
        let trs = self.trs();
        let w = [
            14,                                            // let
            if self.budget > 0 { 9 } else { 1 },           // let tr
            if nest && self.cfg.let_else { 3 } else { 0 }, // let else
            if movable.is_empty() { 0 } else { 8 },        // move
            if mutable.is_empty() { 0 } else { 8 },        // assign
            12,                                            // yield
            6,                                             // lg
            if nest { 8 } else { 0 },                      // if
            if nest { 4 } else { 0 },                      // match
            if nest { 8 } else { 0 },                      // loop
            if nest { 3 } else { 0 },                      // block
            if self.targets.is_empty() { 0 } else { 8 },   // if c { jump }
            3,                                             // if c { return / panic }
            if settable.is_empty() { 0 } else { 4 },       // t = mk(..)
            if trs.is_empty() { 0 } else { 4 },            // t.v op= e
            if nest { 3 } else { 0 },                      // if let
            4,                                             // let r = &x
            if nest { 3 } else { 0 },                      // let x; if c { x = .. } else { x = .. }
        ];
        match self.rng.weighted(&w) {
            0 => {
                let init = if self.rng.chance(25) {
                    let e = self.expr(1, true);
                    Expr::Yield(Box::new(e))
                } else {
                    self.expr(0, true)
                };
                let name = self.new_name(INT_NAMES);
                let mutable = self.rng.chance(60);
                self.declare(int_var(&name, mutable));
                Stmt::Let {
                    name,
                    mutable,
                    init,
                }
            }
            1 => {
                let init = self.expr(1, true);
                let name = self.new_name(TR_NAMES);
                let id = self.id();
                self.declare(tr_var(&name));
                Stmt::LetTr { name, id, init }
            }
            2 => {
                let init = self.expr(1, !self.cfg.avoid.let_else_yield);
                let els = self.diverging_block();
                let name = self.new_name(INT_NAMES);
                self.declare(int_var(&name, false));
                let kind = if self.rng.chance(50) {
                    ElseKind::Opt
                } else {
                    ElseKind::Chk
                };
                Stmt::LetElse {
                    name,
                    kind,
                    init,
                    els,
                }
            }
            3 => {
                let from = self.pick(&movable);
                self.mark_moved(&from, true);
                let how = match self.rng.below(5) {
                    0 => MoveHow::Drop,
                    1 => {
                        let x = self.new_name(INT_NAMES);
                        self.declare(int_var(&x, false));
                        MoveHow::Consume(x)
                    }
                    2 => {
                        let u = self.new_name(TR_NAMES);
                        self.declare(tr_var(&u));
                        MoveHow::Rebind(u)
                    }
                    3 => MoveHow::Yield,
                    _ => MoveHow::Log,
                };
                Stmt::Move { from, how }
            }
            4 => {
                let name = self.pick(&mutable);
                let ops = if self.cfg.compound_assign { 3 } else { 1 };
                let op = match self.rng.below(ops) {
                    0 => AssignOp::Set,
                    1 => AssignOp::Add,
                    _ => AssignOp::Sub,
                };
                let value = self.expr(0, true);
                let op = if self.cfg.avoid.place_left_of_yield && expr_has_yield(&value) {
                    AssignOp::Set
                } else {
                    op
                };
                Stmt::Assign { name, op, value }
            }
            5 => {
                let e = self.expr(1, true);
                Stmt::Expr(Expr::Yield(Box::new(e)))
            }
            6 => {
                let e = self.expr(0, true);
                Stmt::Expr(Expr::Call(Func::Lg, vec![e]))
            }
            7 => {
                let cond = self.cond(0, true);
                let then = self.block(false, Vec::new());
                let els = self.rng.chance(50).then(|| self.block(false, Vec::new()));
                Stmt::If { cond, then, els }
            }
            8 => {
                let scrut = self.expr(1, true);
                let arms = self.arms(false);
                Stmt::Match { scrut, arms }
            }
            9 => Stmt::Loop(self.gen_loop(false)),
            10 => {
                let label = self.rng.chance(60).then(|| self.id());
                if let Some(id) = label {
                    self.targets.push(Target {
                        label: Label::Block(id),
                        takes_value: false,
                    });
                }
                let block = self.block(false, Vec::new());
                if label.is_some() {
                    self.targets.pop();
                }
                Stmt::Block { label, block }
            }
            11 | 12 => {
                let cond = self.cond(1, true);
                self.block_depth += 1;
                self.scopes.push(Vec::new());
                let jump = if self.targets.is_empty() || self.rng.chance(30) {
                    if self.cfg.panics && self.rng.chance(30) {
                        let id = self.id();
                        Stmt::Panic(format!("panic{id}"))
                    } else {
                        Stmt::Return {
                            ok: self.rng.chance(60),
                            value: self.expr(1, true),
                        }
                    }
                } else {
                    self.jump()
                };
                self.scopes.pop();
                self.block_depth -= 1;
                Stmt::If {
                    cond,
                    then: Block {
                        stmts: vec![jump],
                        tail: None,
                    },
                    els: None,
                }
            }
            13 => {
                let name = self.pick(&settable);
                let init = self.expr(1, true);
                let id = self.id();
                if self.scopes.last().unwrap().iter().any(|v| v.name == name) {
                    self.mark_moved(&name, false);
                }
                Stmt::SetTr { name, id, init }
            }
            14 => {
                let name = self.pick(&trs);
                let op = match self.rng.below(3) {
                    0 => AssignOp::Set,
                    1 => AssignOp::Add,
                    _ => AssignOp::Sub,
                };
                let value = self.expr(0, true);
                let op = if self.cfg.avoid.place_left_of_yield && expr_has_yield(&value) {
                    AssignOp::Set
                } else {
                    op
                };
                Stmt::SetField { name, op, value }
            }
            15 => {
                let init = self.expr(1, !self.cfg.avoid.let_else_yield);
                let name = self.new_name(INT_NAMES);
                let then = self.block(false, vec![int_var(&name, false)]);
                let els = self.rng.chance(50).then(|| self.block(false, Vec::new()));
                let kind = if self.rng.chance(50) {
                    ElseKind::Opt
                } else {
                    ElseKind::Chk
                };
                Stmt::IfLet {
                    name,
                    kind,
                    init,
                    then,
                    els,
                }
            }
            16 => {
                let tr = !trs.is_empty() && self.rng.chance(40);
                let of = if tr {
                    self.pick(&trs)
                } else {
                    let ints = self.ints(false);
                    self.pick(&ints)
                };
                let init = self.expr(1, false);
                let name = self.new_name(INT_NAMES);
                let id = self.id();
                self.declare(int_var(&name, false));
                Stmt::LetRef {
                    name,
                    of,
                    tr,
                    id,
                    init,
                }
            }
            17 => {
                // Yield-free: with a `yield_!` in the condition or a branch,
                // baozi may declare the binding again where nothing gives
                // it a type (E0282; issue 10's notes).
                let cond = self.cond(1, false);
                let a = self.expr(1, false);
                let b = self.expr(1, false);
                // A fresh name: `let x;` comes before the code that uses the
                // name's earlier meaning.
                let name = format!("l{}", self.id());
                self.declare(int_var(&name, false));
                Stmt::LetLate { name, cond, a, b }
            }
            _ => unreachable!(),
        }
    }

    /// A bounded loop. `value`: a `loop` expression with a value.
    fn gen_loop(&mut self, value: bool) -> Loop {
        let id = self.id();
        let kind = if value { 3 } else { self.rng.below(6) };
        let (kind, extra) = match kind {
            0 => {
                let var = format!("i{id}");
                let hi = if self.rng.chance(40) {
                    Expr::Lit(self.rng.range(0, 3))
                } else {
                    self.expr(1, true)
                };
                (
                    LoopKind::Range {
                        var: var.clone(),
                        hi,
                    },
                    vec![int_var(&var, false)],
                )
            }
            1 => {
                let var = format!("i{id}");
                let n = self.rng.range(1, 3);
                let elems = (0..n).map(|_| self.expr(1, true)).collect();
                (
                    LoopKind::Array {
                        var: var.clone(),
                        elems,
                    },
                    vec![int_var(&var, false)],
                )
            }
            2 => {
                let bound = self.rng.range(1, 3);
                let cond = if self.rng.chance(30) {
                    Cond::Bool(true)
                } else {
                    self.cond(1, true)
                };
                (LoopKind::While { bound, cond }, Vec::new())
            }
            4 => {
                let var = self.new_name(INT_NAMES);
                let init = self.expr(1, !self.cfg.avoid.let_else_yield);
                let bound = self.rng.range(1, 3);
                (
                    LoopKind::WhileLet {
                        bound,
                        var: var.clone(),
                        init,
                    },
                    vec![int_var(&var, false)],
                )
            }
            5 => {
                let var = self.new_name(TR_NAMES);
                let n = self.rng.range(1, 3);
                let elems = (0..n)
                    .map(|_| {
                        let id = self.id();
                        (id, self.expr(1, true))
                    })
                    .collect();
                (
                    LoopKind::TrArray {
                        var: var.clone(),
                        elems,
                    },
                    vec![tr_var(&var)],
                )
            }
            _ => {
                let bound = self.rng.range(if value { 0 } else { 1 }, 3);
                // Generated without this loop as a target: `break 'l { continue 'l; .. }`
                // would never end.
                let v = value.then(|| self.expr(1, true));
                (LoopKind::Loop { bound, value: v }, Vec::new())
            }
        };
        self.targets.push(Target {
            label: Label::Loop(id),
            takes_value: value,
        });
        let mut body = self.block(false, extra);
        // Often end the body with a jump to this very loop: `continue` and
        // `break` with the body's locals alive.
        if self.rng.chance(30) {
            let jump = if self.rng.chance(70) {
                Stmt::Continue { label: id }
            } else {
                let value = value.then(|| Expr::Lit(self.lit()));
                Stmt::Break {
                    label: Label::Loop(id),
                    value,
                }
            };
            let cond = if self.rng.chance(40) {
                Cond::Bool(true)
            } else {
                self.cond(2, false)
            };
            body.stmts.push(Stmt::If {
                cond,
                then: Block {
                    stmts: vec![jump],
                    tail: None,
                },
                els: None,
            });
        }
        self.targets.pop();
        Loop { id, kind, body }
    }

    fn arms(&mut self, valued: bool) -> Vec<Arm> {
        let n = self.rng.range(1, 3);
        let mut arms = Vec::new();
        for i in 0..=n {
            let last = i == n;
            let (pat, bind) = match self.rng.below(if last { 2 } else { 5 }) {
                0 => (Pat::Wild, None),
                1 => {
                    let id = self.id();
                    let name = format!("m{id}");
                    (Pat::Bind(name.clone()), Some(name))
                }
                2 => (Pat::Lit(self.lit()), None),
                3 => {
                    let a = self.lit();
                    let b = self.lit();
                    if a == b {
                        (Pat::Lit(a), None)
                    } else {
                        (Pat::Or(vec![a, b]), None)
                    }
                }
                _ => {
                    let a = self.lit();
                    (Pat::Range(a, a + self.rng.range(0, 4)), None)
                }
            };
            self.scopes
                .push(bind.iter().map(|n| int_var(n, false)).collect());
            let guard = (!last && self.rng.chance(40)).then(|| self.cond(2, false));
            let body = self.block(valued, Vec::new());
            self.scopes.pop();
            arms.push(Arm { pat, guard, body });
        }
        arms
    }

    /// `a` as the left operand of `b`: `(a + 0)` instead of a plain place
    /// when avoiding [`Avoid::place_left_of_yield`].
    fn unplace(&self, a: Expr, b: &Expr) -> Expr {
        if self.cfg.avoid.place_left_of_yield
            && matches!(a, Expr::Var(_) | Expr::TrField(_))
            && expr_has_yield(b)
        {
            Expr::Bin(BinOp::Add, Box::new(a), Box::new(Expr::Lit(0)))
        } else {
            a
        }
    }

    fn cond(&mut self, depth: u32, y: bool) -> Cond {
        self.budget -= 1;
        let deep = depth >= self.cfg.max_expr_depth;
        let w = [
            2,
            14,
            if deep { 0 } else { 2 },
            if deep { 0 } else { 4 },
            if deep { 0 } else { 4 },
        ];
        match self.rng.weighted(&w) {
            0 => Cond::Bool(self.rng.chance(50)),
            1 => {
                let op = match self.rng.below(5) {
                    0 => CmpOp::Lt,
                    1 => CmpOp::Le,
                    2 => CmpOp::Eq,
                    3 => CmpOp::Ne,
                    _ => CmpOp::Gt,
                };
                let a = self.expr(depth + 1, y);
                let b = if self.rng.chance(50) {
                    Expr::Lit(self.lit())
                } else {
                    self.expr(depth + 1, y)
                };
                let a = self.unplace(a, &b);
                Cond::Cmp(op, a, b)
            }
            2 => Cond::Not(Box::new(self.cond(depth + 1, y))),
            3 => Cond::And(
                Box::new(self.cond(depth + 1, y)),
                Box::new(self.cond(depth + 1, y)),
            ),
            _ => Cond::Or(
                Box::new(self.cond(depth + 1, y)),
                Box::new(self.cond(depth + 1, y)),
            ),
        }
    }

    /// An `i64` expression; `y`: yields allowed.
    fn expr(&mut self, depth: u32, y: bool) -> Expr {
        self.budget -= 1;
        let deep = depth >= self.cfg.max_expr_depth;
        let ints = self.ints(false);
        let trs = self.trs();
        let compound = !deep && y && self.can_nest();
        let w = [
            8,                                                  // lit
            if ints.is_empty() { 0 } else { 14 },               // var
            if trs.is_empty() { 0 } else { 5 },                 // t.v
            if deep { 0 } else { 14 },                          // bin
            if deep { 0 } else { 3 },                           // rem
            if y && !deep { 14 } else { 0 },                    // yield
            if deep { 0 } else { 8 },                           // calls
            if deep || !self.cfg.panics || !y { 0 } else { 1 }, // boom
            if deep || !y || !self.cfg.try_op { 0 } else { 4 }, // ?
            if deep || !self.cfg.methods { 0 } else { 3 },      // method
            if !deep && self.cfg.temporaries && !self.cfg.avoid.temporary_across_yield && y {
                3
            } else {
                0
            }, // mk().v
            if compound { 3 } else { 0 },                       // block
            if compound { 4 } else { 0 },                       // if
            if compound { 3 } else { 0 },                       // match
            if compound { 2 } else { 0 },                       // loop
            if compound { 2 } else { 0 },                       // labeled
        ];
        let d = depth + 1;
        match self.rng.weighted(&w) {
            0 => Expr::Lit(self.lit()),
            1 => Expr::Var(self.pick(&ints)),
            2 => Expr::TrField(self.pick(&trs)),
            3 => {
                let op = match self.rng.below(3) {
                    0 => BinOp::Add,
                    1 => BinOp::Sub,
                    _ => BinOp::Mul,
                };
                Expr::Bin(op, Box::new(self.expr(d, y)), Box::new(self.expr(d, y)))
            }
            4 => Expr::Rem(Box::new(self.expr(d, y)), self.rng.range(1, 5)),
            5 => Expr::Yield(Box::new(self.expr(d, y))),
            6 => match self.rng.below(3) {
                0 => Expr::Call(Func::Lg, vec![self.expr(d, y)]),
                1 => Expr::Call(Func::Mix, vec![self.expr(d, y), self.expr(d, y)]),
                _ => Expr::Call(
                    Func::Add3,
                    vec![self.expr(d, y), self.expr(d, y), self.expr(d, y)],
                ),
            },
            7 => Expr::Call(Func::Boom, vec![self.expr(d, y)]),
            8 => Expr::Try(Box::new(self.expr(d, y && !self.cfg.avoid.try_yield))),
            9 => {
                let m = if self.rng.chance(50) {
                    Meth::Max
                } else {
                    Meth::Min
                };
                let a = self.expr(d, y);
                let b = self.expr(d, y);
                let a = self.unplace(a, &b);
                Expr::Method(Box::new(a), m, Box::new(b))
            }
            10 => {
                let id = self.id();
                Expr::MkField(id, Box::new(self.expr(d, y)))
            }
            11 => Expr::Block(Box::new(self.block(true, Vec::new()))),
            12 => {
                let c = self.cond(d, y);
                let a = self.block(true, Vec::new());
                let b = self.block(true, Vec::new());
                Expr::If(Box::new(c), Box::new(a), Box::new(b))
            }
            13 => {
                let s = self.expr(d, y);
                let arms = self.arms(true);
                Expr::Match(Box::new(s), arms)
            }
            14 => Expr::Loop(Box::new(self.gen_loop(true))),
            _ => {
                let id = self.id();
                self.targets.push(Target {
                    label: Label::Block(id),
                    takes_value: true,
                });
                let b = self.block(true, Vec::new());
                self.targets.pop();
                Expr::Labeled(id, Box::new(b))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check;

    #[test]
    fn generated_programs_follow_the_rules_and_are_reproducible() {
        let avoiding = GenConfig {
            avoid: Avoid::all(),
            shadowing: false,
            ..GenConfig::default()
        };
        for cfg in [GenConfig::default(), avoiding] {
            for seed in 0..400 {
                let p = generate(seed, &cfg);
                assert!(
                    check::valid(&p),
                    "seed {seed}:\n{}",
                    p.body_text(Flavor::Baozi, 0)
                );
                assert_eq!(p, generate(seed, &cfg));
            }
        }
    }

    #[test]
    fn avoiding_known_bugs_removes_their_shapes() {
        let cfg = GenConfig {
            avoid: Avoid::all(),
            ..GenConfig::default()
        };
        for seed in 0..200 {
            let text = generate(seed, &cfg).body_text(Flavor::Baozi, 0);
            assert!(!text.contains(").v"), "{text}");
        }
    }
}
