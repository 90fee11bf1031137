//! The random programs: a small AST, printed either as a `#[generator]` body
//! (`yield_!(e)`) or as a native coroutine body (`yield e`).
//!
//! Every value is an `i64`, except locals of type `Tr` (a value whose `Drop`
//! writes to the trace), which are created by `mk(id, v)` and read through
//! their field (`t.v`) or methods (`t.get()`, `t.bump(e)`, `t.finish()`),
//! and locals of type `Pair` (`Pair { name: Tr, n: i64 }`, no `Drop` of its
//! own), whose `name` can be moved out on its own.

use std::fmt::Write;

/// One generated program: the body of
/// `fn(a0: i64, a1: i64, p: Tr) -> Result<i64, i64>`, yielding and resumed
/// with `i64`.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// The body; its tail `e` is printed as `Ok(e)`.
    pub body: Block,
}

/// `{ stmts; tail }`.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Block {
    pub stmts: Vec<Stmt>,
    pub tail: Option<Expr>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    Set,
    Add,
    Sub,
}

/// How a `Tr` local is moved out (always straight-line, in the block that
/// declares it).
#[derive(Clone, Debug, PartialEq)]
pub enum MoveHow {
    /// `drop(t);`
    Drop,
    /// `let x = consume(t);`
    Consume(String),
    /// `let u = t;`
    Rebind(String),
    /// `lg(consume(t));`
    Log,
    /// `yield_!(consume(t));`
    Yield,
    /// `let x = t.finish();`: a method taking `self`.
    Finish(String),
    /// `let x = Tr::finish(t);`: the same method called as a function.
    FinishPath(String),
}

/// How the `Tr` field of a `Pair` local is moved out (a partial move).
#[derive(Clone, Debug, PartialEq)]
pub enum PartHow {
    /// `drop(q.name);`
    Drop,
    /// `let mut u = q.name;`
    Rebind(String),
    /// `let x = consume(q.name);`
    Consume(String),
}

/// How a whole `Pair` local is moved out.
#[derive(Clone, Debug, PartialEq)]
pub enum PairHow {
    /// `drop(q);`
    Drop,
    /// `let Pair { name: mut u, n: x } = q;`
    Destructure(String, String),
}

/// What a `let r = &mut of;` does through `r`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MutVia {
    /// `*r += e;` (an `i64` local)
    Deref,
    /// `r.v += e;` (a `Tr` local)
    Field,
    /// `r.bump(e);` (a `Tr` local)
    Bump,
}

/// What a `let ... else` matches on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElseKind {
    /// `let Some(x) = opt(e) else { .. };`
    Opt,
    /// `let Ok(x) = chk(e) else { .. };`
    Chk,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// `let [mut] x = e;`
    Let {
        name: String,
        mutable: bool,
        init: Expr,
    },
    /// `let t = mk(id, e);`
    LetTr { name: String, id: u32, init: Expr },
    /// `let Some(x) = opt(e) else { .. };` (the else block diverges)
    LetElse {
        name: String,
        kind: ElseKind,
        init: Expr,
        els: Block,
    },
    /// `let rN = &of; let name = *rN + (init);` (`rN.v`, or `rN.get()`
    /// when `get`, for a `Tr`): a reference to a local, dead before any
    /// later yield (`init` has none).
    LetRef {
        name: String,
        of: String,
        tr: bool,
        get: bool,
        id: u32,
        init: Expr,
    },
    /// `let rN = &mut of; *rN += (value);` (or `rN.v += ..`, `rN.bump(..)`):
    /// a mutable reference, dead before any later yield (`value` has no
    /// yield and does not mention `of`).
    MutRef {
        of: String,
        via: MutVia,
        id: u32,
        value: Expr,
    },
    /// `let mut name: Tr;`: declared without a value.
    LetLateTr { name: String },
    /// `let name: i64;`: declared without a value.
    LetLateInt { name: String },
    /// `name = e;`: the (only) assignment of a `let name: i64;`.
    Init { name: String, value: Expr },
    /// `let mut name = Pair { name: mk(id, v), n: n };`
    LetPair {
        name: String,
        id: u32,
        v: Expr,
        n: Expr,
    },
    /// A move of a `Pair` local's `Tr` field (a partial move).
    PartialMove { pair: String, how: PartHow },
    /// `q.name = mk(id, e);`
    SetPairName { pair: String, id: u32, init: Expr },
    /// A move of a whole `Pair` local.
    MovePair { pair: String, how: PairHow },
    /// `t.bump(e);`: a method taking `&mut self` (`value` has no yield).
    Bump { name: String, value: Expr },
    /// `let name; if cond { name = a; } else { name = b; }`: declared
    /// without a value, assigned on every path.
    LetLate {
        name: String,
        cond: Cond,
        a: Expr,
        b: Expr,
    },
    /// A move of a `Tr` local.
    Move { from: String, how: MoveHow },
    /// `t = mk(id, e);`: drops the old value (if not moved out).
    SetTr { name: String, id: u32, init: Expr },
    /// `t.v = e;`, `t.v += e;`, `t.v -= e;`
    SetField {
        name: String,
        op: AssignOp,
        value: Expr,
    },
    /// `if let Some(x) = opt(e) { .. } [else { .. }]` (`Ok(x)` / `chk(e)`)
    IfLet {
        name: String,
        kind: ElseKind,
        init: Expr,
        then: Block,
        els: Option<Block>,
    },
    /// `x = e;`, `x += e;`, `x -= e;`
    Assign {
        name: String,
        op: AssignOp,
        value: Expr,
    },
    /// `e;` (`let _ = e;` for block-like expressions)
    Expr(Expr),
    /// `if c { .. } [else { .. }]`
    If {
        cond: Cond,
        then: Block,
        els: Option<Block>,
    },
    /// `match e { arms }`, arms with unit blocks.
    Match { scrut: Expr, arms: Vec<Arm> },
    /// A loop statement (its counter, if any, is declared just before it).
    Loop(Loop),
    /// `'bN: { .. }` when `label` is set, `{ .. }` otherwise.
    Block { label: Option<u32>, block: Block },
    /// `break 'label [value];`
    Break { label: Label, value: Option<Expr> },
    /// `continue 'lN;`
    Continue { label: u32 },
    /// `return Ok(e);` / `return Err(e);`
    Return { ok: bool, value: Expr },
    /// `panic!("msg");`
    Panic(String),
}

/// A jump target: loop `'lN` or labeled block `'bN`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    Loop(u32),
    Block(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Loop {
    pub id: u32,
    pub kind: LoopKind,
    pub body: Block,
}

#[derive(Clone, Debug, PartialEq)]
pub enum LoopKind {
    /// `'lN: for var in 0..lim(hi) { .. }`
    Range { var: String, hi: Expr },
    /// `'lN: for var in [e, ..] { .. }`
    Array { var: String, elems: Vec<Expr> },
    /// `let mut cN = 0i64; 'lN: while cN < bound && cond { cN += 1; .. }`
    While { bound: i64, cond: Cond },
    /// `let mut cN = 0i64; 'lN: loop { cN += 1; if cN > bound { break 'lN [value]; } .. }`
    Loop { bound: i64, value: Option<Expr> },
    /// `let mut cN = 0i64; 'lN: while let Some(var) = gate(cN < bound, opt(e)) { cN += 1; .. }`
    WhileLet { bound: i64, var: String, init: Expr },
    /// `'lN: for mut var in [mk(id, e), ..] { .. }`: a `Tr` loop variable.
    TrArray {
        var: String,
        elems: Vec<(u32, Expr)>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Pat {
    Lit(i64),
    Or(Vec<i64>),
    Range(i64, i64),
    Bind(String),
    Wild,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Arm {
    pub pat: Pat,
    pub guard: Option<Cond>,
    pub body: Block,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Func {
    /// `lg(x)`: logs `Lx`, returns `x`.
    Lg,
    /// `mix(a, b)`: `3a + b`.
    Mix,
    /// `add3(a, b, c)`: `a + 5b + 25c`.
    Add3,
    /// `boom(x)`: panics when `x mod 16 == 5`.
    Boom,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Meth {
    Max,
    Min,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    Lit(i64),
    Var(String),
    /// `t.v`
    TrField(String),
    /// `t.get()`: a method taking `&self`.
    TrGet(String),
    /// `q.n`: the `Copy` field of a `Pair` local.
    PairN(String),
    /// `q.name.v`
    PairNameV(String),
    Bin(BinOp, Box<Expr>, Box<Expr>),
    /// `(e % k)`, `k > 0`
    Rem(Box<Expr>, i64),
    /// `yield_!(e)` / `(yield e)`
    Yield(Box<Expr>),
    Call(Func, Vec<Expr>),
    /// `chk(e)?`
    Try(Box<Expr>),
    /// `(e).max(e)`
    Method(Box<Expr>, Meth, Box<Expr>),
    /// `mk(id, e).v`: a `Tr` temporary.
    MkField(u32, Box<Expr>),
    /// `{ stmts; tail }`
    Block(Box<Block>),
    /// `if c { .. } else { .. }`
    If(Box<Cond>, Box<Block>, Box<Block>),
    /// `match e { arms }`, arms with valued blocks.
    Match(Box<Expr>, Vec<Arm>),
    /// A `loop` with a value.
    Loop(Box<Loop>),
    /// `'bN: { .. }` with a value.
    Labeled(u32, Box<Block>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cond {
    Bool(bool),
    Cmp(CmpOp, Expr, Expr),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

/// Which body to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// `#[generator]`: `yield_!(e)`.
    Baozi,
    /// rustc coroutine: `(yield e)`.
    Native,
}

impl Program {
    /// The body (with its braces), indented by `indent` levels.
    pub fn body_text(&self, flavor: Flavor, indent: usize) -> String {
        let mut p = Printer {
            out: String::new(),
            flavor,
            indent,
        };
        p.out.push_str("{\n");
        p.indent += 1;
        if flavor == Flavor::Native {
            // Moves the parameters into the body, so that they are dropped
            // where a function's parameters are (the closure's upvars would
            // otherwise live as long as the coroutine).
            p.line("let a0 = a0;");
            p.line("let a1 = a1;");
            p.line("let mut p = p;");
        }
        for s in &self.body.stmts {
            p.stmt(s);
        }
        let tail = match &self.body.tail {
            Some(e) => format!("Ok({})", p.expr_str(e)),
            None => "Ok(0)".to_string(),
        };
        p.line(&tail);
        p.indent -= 1;
        p.pad();
        p.out.push('}');
        p.out
    }

    /// The baozi version, as a complete function item named `name`.
    pub fn baozi_fn(&self, name: &str) -> String {
        format!(
            "#[generator(yield = i64, resume = i64)]\npub fn {name}(a0: i64, a1: i64, mut p: Tr) -> Result<i64, i64> {}\n",
            self.body_text(Flavor::Baozi, 0)
        )
    }

    /// The native version, as a complete function item named `name`.
    pub fn native_fn(&self, name: &str) -> String {
        format!(
            "pub fn {name}(a0: i64, a1: i64, p: Tr) -> impl Coroutine<i64, Yield = i64, Return = Result<i64, i64>> {{\n    #[coroutine]\n    move |_r0: i64| -> Result<i64, i64> {}\n}}\n",
            self.body_text(Flavor::Native, 1)
        )
    }

    /// Number of AST nodes (statements and expressions), for minimisation.
    pub fn size(&self) -> usize {
        block_size(&self.body)
    }
}

/// Whether `e` contains a `yield_!`.
pub fn expr_has_yield(e: &Expr) -> bool {
    match e {
        Expr::Lit(_)
        | Expr::Var(_)
        | Expr::TrField(_)
        | Expr::TrGet(_)
        | Expr::PairN(_)
        | Expr::PairNameV(_) => false,
        Expr::Yield(_) => true,
        Expr::Bin(_, a, b) | Expr::Method(a, _, b) => expr_has_yield(a) || expr_has_yield(b),
        Expr::Rem(a, _) | Expr::Try(a) | Expr::MkField(_, a) => expr_has_yield(a),
        Expr::Call(_, args) => args.iter().any(expr_has_yield),
        Expr::Block(b) | Expr::Labeled(_, b) => block_has_yield(b),
        Expr::If(c, a, b) => cond_has_yield(c) || block_has_yield(a) || block_has_yield(b),
        Expr::Match(s, arms) => expr_has_yield(s) || arms.iter().any(|a| block_has_yield(&a.body)),
        Expr::Loop(l) => loop_has_yield(l),
    }
}

/// Whether `e` may mention the local `name` (conservatively true for
/// anything with a block in it).
pub fn expr_mentions(e: &Expr, name: &str) -> bool {
    match e {
        Expr::Lit(_) => false,
        Expr::Var(n) | Expr::TrField(n) | Expr::TrGet(n) | Expr::PairN(n) | Expr::PairNameV(n) => {
            n == name
        }
        Expr::Bin(_, a, b) | Expr::Method(a, _, b) => {
            expr_mentions(a, name) || expr_mentions(b, name)
        }
        Expr::Rem(a, _) | Expr::Try(a) | Expr::MkField(_, a) | Expr::Yield(a) => {
            expr_mentions(a, name)
        }
        Expr::Call(_, args) => args.iter().any(|a| expr_mentions(a, name)),
        Expr::Block(_) | Expr::Labeled(..) | Expr::If(..) | Expr::Match(..) | Expr::Loop(_) => true,
    }
}

pub fn cond_has_yield(c: &Cond) -> bool {
    match c {
        Cond::Bool(_) => false,
        Cond::Cmp(_, a, b) => expr_has_yield(a) || expr_has_yield(b),
        Cond::Not(c) => cond_has_yield(c),
        Cond::And(a, b) | Cond::Or(a, b) => cond_has_yield(a) || cond_has_yield(b),
    }
}

fn loop_has_yield(l: &Loop) -> bool {
    block_has_yield(&l.body)
        || match &l.kind {
            LoopKind::Range { hi, .. } => expr_has_yield(hi),
            LoopKind::Array { elems, .. } => elems.iter().any(expr_has_yield),
            LoopKind::While { cond, .. } => cond_has_yield(cond),
            LoopKind::Loop { value, .. } => value.as_ref().is_some_and(expr_has_yield),
            LoopKind::WhileLet { init, .. } => expr_has_yield(init),
            LoopKind::TrArray { elems, .. } => elems.iter().any(|(_, e)| expr_has_yield(e)),
        }
}

pub fn block_has_yield(b: &Block) -> bool {
    b.stmts.iter().any(stmt_has_yield) || b.tail.as_ref().is_some_and(expr_has_yield)
}

fn stmt_has_yield(s: &Stmt) -> bool {
    match s {
        Stmt::Let { init, .. } | Stmt::LetTr { init, .. } | Stmt::SetTr { init, .. } => {
            expr_has_yield(init)
        }
        Stmt::LetElse { init, els, .. } => expr_has_yield(init) || block_has_yield(els),
        Stmt::LetRef { init, .. } => expr_has_yield(init),
        Stmt::MutRef { value, .. } | Stmt::Bump { value, .. } | Stmt::Init { value, .. } => {
            expr_has_yield(value)
        }
        Stmt::LetLateTr { .. }
        | Stmt::LetLateInt { .. }
        | Stmt::PartialMove { .. }
        | Stmt::MovePair { .. } => false,
        Stmt::LetPair { v, n, .. } => expr_has_yield(v) || expr_has_yield(n),
        Stmt::SetPairName { init, .. } => expr_has_yield(init),
        Stmt::LetLate { cond, a, b, .. } => {
            cond_has_yield(cond) || expr_has_yield(a) || expr_has_yield(b)
        }
        Stmt::IfLet {
            init, then, els, ..
        } => {
            expr_has_yield(init)
                || block_has_yield(then)
                || els.as_ref().is_some_and(block_has_yield)
        }
        Stmt::Move { how, .. } => *how == MoveHow::Yield,
        Stmt::SetField { value, .. } => expr_has_yield(value),
        Stmt::Continue { .. } | Stmt::Panic(_) => false,
        Stmt::Assign { value, .. } | Stmt::Return { value, .. } | Stmt::Expr(value) => {
            expr_has_yield(value)
        }
        Stmt::If { cond, then, els } => {
            cond_has_yield(cond)
                || block_has_yield(then)
                || els.as_ref().is_some_and(block_has_yield)
        }
        Stmt::Match { scrut, arms } => {
            expr_has_yield(scrut) || arms.iter().any(|a| block_has_yield(&a.body))
        }
        Stmt::Loop(l) => loop_has_yield(l),
        Stmt::Block { block, .. } => block_has_yield(block),
        Stmt::Break { value, .. } => value.as_ref().is_some_and(expr_has_yield),
    }
}

pub fn block_size(b: &Block) -> usize {
    b.stmts.iter().map(stmt_size).sum::<usize>() + b.tail.as_ref().map_or(0, expr_size)
}

fn stmt_size(s: &Stmt) -> usize {
    1 + match s {
        Stmt::Let { init, .. } | Stmt::LetTr { init, .. } | Stmt::SetTr { init, .. } => {
            expr_size(init)
        }
        Stmt::LetElse { init, els, .. } => expr_size(init) + block_size(els),
        Stmt::LetRef { init, .. } => expr_size(init),
        Stmt::MutRef { value, .. } | Stmt::Bump { value, .. } | Stmt::Init { value, .. } => {
            expr_size(value)
        }
        Stmt::LetLateTr { .. }
        | Stmt::LetLateInt { .. }
        | Stmt::PartialMove { .. }
        | Stmt::MovePair { .. } => 0,
        Stmt::LetPair { v, n, .. } => expr_size(v) + expr_size(n),
        Stmt::SetPairName { init, .. } => expr_size(init),
        Stmt::LetLate { cond, a, b, .. } => cond_size(cond) + expr_size(a) + expr_size(b),
        Stmt::IfLet {
            init, then, els, ..
        } => expr_size(init) + block_size(then) + els.as_ref().map_or(0, block_size),
        Stmt::SetField { value, .. } => expr_size(value),
        Stmt::Move { .. } | Stmt::Continue { .. } | Stmt::Panic(_) => 0,
        Stmt::Assign { value, .. } | Stmt::Return { value, .. } => expr_size(value),
        Stmt::Expr(e) => expr_size(e),
        Stmt::If { cond, then, els } => {
            cond_size(cond) + block_size(then) + els.as_ref().map_or(0, block_size)
        }
        Stmt::Match { scrut, arms } => expr_size(scrut) + arms_size(arms),
        Stmt::Loop(l) => loop_size(l),
        Stmt::Block { block, .. } => block_size(block),
        Stmt::Break { value, .. } => value.as_ref().map_or(0, expr_size),
    }
}

fn arms_size(arms: &[Arm]) -> usize {
    arms.iter()
        .map(|a| 1 + a.guard.as_ref().map_or(0, cond_size) + block_size(&a.body))
        .sum()
}

fn loop_size(l: &Loop) -> usize {
    block_size(&l.body)
        + match &l.kind {
            LoopKind::Range { hi, .. } => expr_size(hi),
            LoopKind::Array { elems, .. } => elems.iter().map(expr_size).sum(),
            LoopKind::While { cond, .. } => cond_size(cond),
            LoopKind::Loop { value, .. } => value.as_ref().map_or(0, expr_size),
            LoopKind::WhileLet { init, .. } => expr_size(init),
            LoopKind::TrArray { elems, .. } => elems.iter().map(|(_, e)| 1 + expr_size(e)).sum(),
        }
}

fn cond_size(c: &Cond) -> usize {
    1 + match c {
        Cond::Bool(_) => 0,
        Cond::Cmp(_, a, b) => expr_size(a) + expr_size(b),
        Cond::Not(c) => cond_size(c),
        Cond::And(a, b) | Cond::Or(a, b) => cond_size(a) + cond_size(b),
    }
}

pub fn expr_size(e: &Expr) -> usize {
    1 + match e {
        Expr::Lit(_)
        | Expr::Var(_)
        | Expr::TrField(_)
        | Expr::TrGet(_)
        | Expr::PairN(_)
        | Expr::PairNameV(_) => 0,
        Expr::Bin(_, a, b) | Expr::Method(a, _, b) => expr_size(a) + expr_size(b),
        Expr::Rem(a, _) | Expr::Yield(a) | Expr::Try(a) | Expr::MkField(_, a) => expr_size(a),
        Expr::Call(_, args) => args.iter().map(expr_size).sum(),
        Expr::Block(b) | Expr::Labeled(_, b) => block_size(b),
        Expr::If(c, a, b) => cond_size(c) + block_size(a) + block_size(b),
        Expr::Match(s, arms) => expr_size(s) + arms_size(arms),
        Expr::Loop(l) => loop_size(l),
    }
}

struct Printer {
    out: String,
    flavor: Flavor,
    indent: usize,
}

impl Printer {
    fn pad(&mut self) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
    }

    fn line(&mut self, s: &str) {
        self.pad();
        self.out.push_str(s);
        self.out.push('\n');
    }

    /// Prints `{ .. }` (no leading padding, no trailing newline).
    fn block(&mut self, b: &Block) {
        self.out.push_str("{\n");
        self.indent += 1;
        for s in &b.stmts {
            self.stmt(s);
        }
        if let Some(t) = &b.tail {
            let t = self.expr_str(t);
            self.line(&t);
        }
        self.indent -= 1;
        self.pad();
        self.out.push('}');
    }

    fn block_str(&mut self, b: &Block) -> String {
        let saved = std::mem::take(&mut self.out);
        self.block(b);
        std::mem::replace(&mut self.out, saved)
    }

    fn stmt(&mut self, s: &Stmt) {
        match s {
            Stmt::Let {
                name,
                mutable,
                init,
            } => {
                let e = self.expr_str(init);
                let m = if *mutable { "mut " } else { "" };
                self.line(&format!("let {m}{name} = {e};"));
            }
            Stmt::LetTr { name, id, init } => {
                let e = self.expr_str(init);
                self.line(&format!("let mut {name} = mk({id}, {e});"));
            }
            Stmt::LetElse {
                name,
                kind,
                init,
                els,
            } => {
                let e = self.expr_str(init);
                let (pat, f) = match kind {
                    ElseKind::Opt => ("Some", "opt"),
                    ElseKind::Chk => ("Ok", "chk"),
                };
                let b = self.block_str(els);
                self.line(&format!("let {pat}({name}) = {f}({e}) else {b};"));
            }
            Stmt::LetRef {
                name,
                of,
                tr,
                get,
                id,
                init,
            } => {
                let e = self.expr_str(init);
                let read = match (tr, get) {
                    (true, true) => format!("r{id}.get()"),
                    (true, false) => format!("r{id}.v"),
                    (false, _) => format!("*r{id}"),
                };
                self.line(&format!("let r{id} = &{of};"));
                self.line(&format!("let {name} = {read} + ({e});"));
            }
            Stmt::MutRef { of, via, id, value } => {
                let e = self.expr_str(value);
                self.line(&format!("let r{id} = &mut {of};"));
                match via {
                    MutVia::Deref => self.line(&format!("*r{id} += {e};")),
                    MutVia::Field => self.line(&format!("r{id}.v += {e};")),
                    MutVia::Bump => self.line(&format!("r{id}.bump({e});")),
                }
            }
            Stmt::LetLateTr { name } => self.line(&format!("let mut {name}: Tr;")),
            Stmt::LetLateInt { name } => self.line(&format!("let {name}: i64;")),
            Stmt::Init { name, value } => {
                let e = self.expr_str(value);
                self.line(&format!("{name} = {e};"));
            }
            Stmt::LetPair { name, id, v, n } => {
                let (v, n) = (self.expr_str(v), self.expr_str(n));
                self.line(&format!(
                    "let mut {name} = Pair {{ name: mk({id}, {v}), n: {n} }};"
                ));
            }
            Stmt::PartialMove { pair, how } => {
                let s = match how {
                    PartHow::Drop => format!("drop({pair}.name);"),
                    PartHow::Rebind(u) => format!("let mut {u} = {pair}.name;"),
                    PartHow::Consume(x) => format!("let {x} = consume({pair}.name);"),
                };
                self.line(&s);
            }
            Stmt::SetPairName { pair, id, init } => {
                let e = self.expr_str(init);
                self.line(&format!("{pair}.name = mk({id}, {e});"));
            }
            Stmt::MovePair { pair, how } => {
                let s = match how {
                    PairHow::Drop => format!("drop({pair});"),
                    PairHow::Destructure(u, x) => {
                        format!("let Pair {{ name: mut {u}, n: {x} }} = {pair};")
                    }
                };
                self.line(&s);
            }
            Stmt::Bump { name, value } => {
                let e = self.expr_str(value);
                self.line(&format!("{name}.bump({e});"));
            }
            Stmt::LetLate { name, cond, a, b } => {
                let c = self.cond_str(cond);
                let (a, b) = (self.expr_str(a), self.expr_str(b));
                self.line(&format!("let {name};"));
                self.line(&format!(
                    "if {c} {{ {name} = {a}; }} else {{ {name} = {b}; }}"
                ));
            }
            Stmt::Move { from, how } => {
                let s = match how {
                    MoveHow::Drop => format!("drop({from});"),
                    MoveHow::Consume(x) => format!("let {x} = consume({from});"),
                    MoveHow::Rebind(u) => format!("let mut {u} = {from};"),
                    MoveHow::Log => format!("lg(consume({from}));"),
                    MoveHow::Finish(x) => format!("let {x} = {from}.finish();"),
                    MoveHow::FinishPath(x) => format!("let {x} = Tr::finish({from});"),
                    MoveHow::Yield => {
                        let e = self.expr_str(&Expr::Yield(Box::new(Expr::Var(format!(
                            "consume({from})"
                        )))));
                        format!("{e};")
                    }
                };
                self.line(&s);
            }
            Stmt::SetTr { name, id, init } => {
                let e = self.expr_str(init);
                self.line(&format!("{name} = mk({id}, {e});"));
            }
            Stmt::SetField { name, op, value } => {
                let e = self.expr_str(value);
                self.line(&format!("{name}.v {} {e};", op_str(*op)));
            }
            Stmt::IfLet {
                name,
                kind,
                init,
                then,
                els,
            } => {
                let e = self.expr_str(init);
                let (pat, f) = match kind {
                    ElseKind::Opt => ("Some", "opt"),
                    ElseKind::Chk => ("Ok", "chk"),
                };
                let t = self.block_str(then);
                let mut s = format!("if let {pat}({name}) = {f}({e}) {t}");
                if let Some(b) = els {
                    let b = self.block_str(b);
                    write!(s, " else {b}").unwrap();
                }
                self.line(&s);
            }
            Stmt::Assign { name, op, value } => {
                let e = self.expr_str(value);
                self.line(&format!("{name} {} {e};", op_str(*op)));
            }
            Stmt::Expr(e) => {
                let text = self.expr_str(e);
                let blocky = matches!(
                    e,
                    Expr::Block(_)
                        | Expr::If(..)
                        | Expr::Match(..)
                        | Expr::Loop(_)
                        | Expr::Labeled(..)
                );
                if blocky {
                    self.line(&format!("let _ = {text};"));
                } else {
                    self.line(&format!("{text};"));
                }
            }
            Stmt::If { cond, then, els } => {
                let c = self.cond_str(cond);
                let t = self.block_str(then);
                let mut s = format!("if {c} {t}");
                if let Some(e) = els {
                    let e = self.block_str(e);
                    write!(s, " else {e}").unwrap();
                }
                self.line(&s);
            }
            Stmt::Match { scrut, arms } => {
                let s = self.match_str(scrut, arms);
                self.line(&s);
            }
            Stmt::Loop(l) => {
                if matches!(
                    l.kind,
                    LoopKind::While { .. } | LoopKind::Loop { .. } | LoopKind::WhileLet { .. }
                ) {
                    self.line(&format!("let mut c{} = 0i64;", l.id));
                }
                let s = self.loop_str(l);
                self.line(&s);
            }
            Stmt::Block { label, block } => {
                let b = self.block_str(block);
                match label {
                    Some(id) => self.line(&format!("'b{id}: {b}")),
                    None => self.line(&b),
                }
            }
            Stmt::Break { label, value } => {
                let l = label_str(*label);
                match value {
                    Some(v) => {
                        let v = self.expr_str(v);
                        self.line(&format!("break {l} {v};"));
                    }
                    None => self.line(&format!("break {l};")),
                }
            }
            Stmt::Continue { label } => self.line(&format!("continue 'l{label};")),
            Stmt::Return { ok, value } => {
                let v = self.expr_str(value);
                let c = if *ok { "Ok" } else { "Err" };
                self.line(&format!("return {c}({v});"));
            }
            Stmt::Panic(msg) => self.line(&format!("panic!(\"{msg}\");")),
        }
    }

    fn match_str(&mut self, scrut: &Expr, arms: &[Arm]) -> String {
        let mut s = format!("match {} {{\n", self.expr_str(scrut));
        self.indent += 1;
        for a in arms {
            let pat = match &a.pat {
                Pat::Lit(v) => v.to_string(),
                Pat::Or(vs) => vs
                    .iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join(" | "),
                Pat::Range(lo, hi) => format!("{lo}..={hi}"),
                Pat::Bind(n) => n.clone(),
                Pat::Wild => "_".to_string(),
            };
            let guard = match &a.guard {
                Some(g) => format!(" if {}", self.cond_str(g)),
                None => String::new(),
            };
            let body = self.block_str(&a.body);
            for _ in 0..self.indent {
                s.push_str("    ");
            }
            writeln!(s, "{pat}{guard} => {body}").unwrap();
        }
        self.indent -= 1;
        for _ in 0..self.indent {
            s.push_str("    ");
        }
        s.push('}');
        s
    }

    fn loop_str(&mut self, l: &Loop) -> String {
        let id = l.id;
        match &l.kind {
            LoopKind::Range { var, hi } => {
                let hi = self.expr_str(hi);
                let b = self.block_str(&l.body);
                format!("'l{id}: for {var} in 0..lim({hi}) {b}")
            }
            LoopKind::Array { var, elems } => {
                let es = elems
                    .iter()
                    .map(|e| self.expr_str(e))
                    .collect::<Vec<_>>()
                    .join(", ");
                let b = self.block_str(&l.body);
                format!("'l{id}: for {var} in [{es}] {b}")
            }
            LoopKind::WhileLet { bound, var, init } => {
                let e = self.expr_str(init);
                let mut body = l.body.clone();
                body.stmts.insert(0, counter_incr(id));
                let b = self.block_str(&body);
                format!("'l{id}: while let Some({var}) = gate(c{id} < {bound}, opt({e})) {b}")
            }
            LoopKind::TrArray { var, elems } => {
                let es = elems
                    .iter()
                    .map(|(tid, e)| format!("mk({tid}, {})", self.expr_str(e)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let b = self.block_str(&l.body);
                format!("'l{id}: for mut {var} in [{es}] {b}")
            }
            LoopKind::While { bound, cond } => {
                let c = self.cond_str(cond);
                let mut body = l.body.clone();
                body.stmts.insert(0, counter_incr(id));
                let b = self.block_str(&body);
                format!("'l{id}: while c{id} < {bound} && {c} {b}")
            }
            LoopKind::Loop { bound, value } => {
                let v = match value {
                    Some(v) => format!(" {}", self.expr_str(v)),
                    None => String::new(),
                };
                let b = self.block_str(&l.body);
                // The counter check is printed by hand to keep `v` verbatim.
                let b = b.replacen(
                    "{\n",
                    &format!(
                        "{{\n{pad}    c{id} += 1;\n{pad}    if c{id} > {bound} {{\n{pad}        break 'l{id}{v};\n{pad}    }}\n",
                        pad = "    ".repeat(self.indent)
                    ),
                    1,
                );
                format!("'l{id}: loop {b}")
            }
        }
    }

    fn expr_str(&mut self, e: &Expr) -> String {
        match e {
            Expr::Lit(v) => {
                if *v < 0 {
                    format!("({v})")
                } else {
                    v.to_string()
                }
            }
            Expr::Var(n) => n.clone(),
            Expr::TrField(n) => format!("{n}.v"),
            Expr::TrGet(n) => format!("{n}.get()"),
            Expr::PairN(n) => format!("{n}.n"),
            Expr::PairNameV(n) => format!("{n}.name.v"),
            Expr::Bin(op, a, b) => {
                let op = match op {
                    BinOp::Add => "+",
                    BinOp::Sub => "-",
                    BinOp::Mul => "*",
                };
                format!("({} {op} {})", self.expr_str(a), self.expr_str(b))
            }
            Expr::Rem(a, k) => format!("({} % {k})", self.expr_str(a)),
            Expr::Yield(a) => {
                let a = self.expr_str(a);
                match self.flavor {
                    Flavor::Baozi => format!("yield_!({a})"),
                    Flavor::Native => format!("(yield {a})"),
                }
            }
            Expr::Call(f, args) => {
                let name = match f {
                    Func::Lg => "lg",
                    Func::Mix => "mix",
                    Func::Add3 => "add3",
                    Func::Boom => "boom",
                };
                let args = args
                    .iter()
                    .map(|a| self.expr_str(a))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("{name}({args})")
            }
            Expr::Try(a) => format!("chk({})?", self.expr_str(a)),
            Expr::Method(a, m, b) => {
                let m = match m {
                    Meth::Max => "max",
                    Meth::Min => "min",
                };
                // A literal receiver needs its type: `6.max(x)` is ambiguous.
                let a = match &**a {
                    Expr::Lit(v) => format!("({v}i64)"),
                    a => self.expr_str(a),
                };
                let b = self.expr_str(b);
                format!("{a}.{m}({b})")
            }
            Expr::MkField(id, a) => format!("mk({id}, {}).v", self.expr_str(a)),
            Expr::Block(b) => self.nested_block(b),
            Expr::If(c, a, b) => {
                let c = self.cond_str(c);
                let a = self.nested_block(a);
                let b = self.nested_block(b);
                format!("if {c} {a} else {b}")
            }
            Expr::Match(s, arms) => self.match_str(s, arms),
            Expr::Loop(l) => {
                self.indent += 1;
                let inner = self.loop_str(l);
                self.indent -= 1;
                let pad = "    ".repeat(self.indent + 1);
                let end = "    ".repeat(self.indent);
                format!("{{\n{pad}let mut c{} = 0i64;\n{pad}{inner}\n{end}}}", l.id)
            }
            Expr::Labeled(id, b) => format!("'b{id}: {}", self.nested_block(b)),
        }
    }

    fn nested_block(&mut self, b: &Block) -> String {
        self.block_str(b)
    }

    fn cond_str(&mut self, c: &Cond) -> String {
        match c {
            Cond::Bool(b) => b.to_string(),
            Cond::Cmp(op, a, b) => {
                let op = match op {
                    CmpOp::Lt => "<",
                    CmpOp::Le => "<=",
                    CmpOp::Eq => "==",
                    CmpOp::Ne => "!=",
                    CmpOp::Gt => ">",
                };
                format!("({} {op} {})", self.expr_str(a), self.expr_str(b))
            }
            Cond::Not(c) => format!("!{}", self.cond_str(c)),
            Cond::And(a, b) => format!("({} && {})", self.cond_str(a), self.cond_str(b)),
            Cond::Or(a, b) => format!("({} || {})", self.cond_str(a), self.cond_str(b)),
        }
    }
}

fn op_str(op: AssignOp) -> &'static str {
    match op {
        AssignOp::Set => "=",
        AssignOp::Add => "+=",
        AssignOp::Sub => "-=",
    }
}

fn counter_incr(id: u32) -> Stmt {
    Stmt::Assign {
        name: format!("c{id}"),
        op: AssignOp::Add,
        value: Expr::Lit(1),
    }
}

fn label_str(l: Label) -> String {
    match l {
        Label::Loop(id) => format!("'l{id}"),
        Label::Block(id) => format!("'b{id}"),
    }
}
