//! Random, well-typed generator programs.
//!
//! The generator keeps an environment of the locals in scope, the jump
//! targets (loops, labeled blocks) and the nesting depth, and only produces
//! programs that both baozi and rustc accept:
//!
//! - borrows only as dead references (`let r = &x; let y = *r + e;`, `let r =
//!   &mut t; r.bump(e);`) and `&self`/`&mut self` method calls without a
//!   yield in their arguments, never across a yield;
//! - no `yield_!` in match guards, no closures;
//! - every loop is bounded (`for` over `0..lim(e)` (`lim` is `e mod 4`) or a
//!   short array, or a `while`/`loop` with a hidden counter), so programs
//!   terminate;
//! - a `Tr` local is moved (`drop(t);`, `let x = consume(t);`, `let u = t;`,
//!   `let x = t.finish();`) by a statement of the block that declares it or,
//!   with [`GenConfig::cond_moves`], of a block nested in it but not in a
//!   loop nested in it (a move on some paths only); a moved one is assigned
//!   again (`t = mk(..);`) in that block, or in a nested one (then it holds a
//!   value on some paths only), and `let mut t: Tr;` declares one without a
//!   value;
//! - a `Pair` local's `name` is moved out (a partial move) only by a
//!   statement of its own block, and the whole `Pair` only when its `name` is
//!   in place.
//!
//! A value moved on only some paths gets a drop flag, as in rustc, except
//! where its other paths call a method baozi does not know on it in a
//! branch and do not read it after (a documented baozi limitation:
//! [`Avoid::unknown_method_in_branch`]).

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
    /// Generate mutable references dead before a yield (`let r = &mut x; *r
    /// += e;`, `r.bump(e)`), and a yield right after a dead reference (`let r
    /// = &t; let n = r.get() + e; yield_!(n);`).
    pub dead_refs: bool,
    /// Generate `Pair { name: Tr, n: i64 }` locals and partial moves of their
    /// `name` (`drop(q.name)`, `let u = q.name;`, then `yield_!(q.n)`).
    pub pairs: bool,
    /// Generate moves of `Tr` locals in nested blocks (`if c { drop(t) }`: on
    /// some paths only) and assignments to moved ones there.
    pub cond_moves: bool,
    /// Generate declarations without a value (`let mut a: Tr; a = mk(..);`,
    /// `let a: i64; if c { a = e; }`), assigned on all or some paths.
    pub late_decls: bool,
    /// Generate plain blocks with a `Tr` local of their own and a yield
    /// (`{ let t = mk(..); yield_!(t.v); .. }`).
    pub scoped_blocks: bool,
    /// Generate `Tr`'s methods: `t.get()` (`&self`), `t.bump(e)` (`&mut
    /// self`), `t.finish()` and `Tr::finish(t)` (`self`).
    pub tr_methods: bool,
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
    /// read the place after resuming (rustc reads it before), and did not
    /// store a binding used by value elsewhere that it thought dead; then a
    /// field receiver changed through a `&mut self` method after the
    /// argument's yield (`t.v.min({ yield_!(0); t.bump(a); 0 })`, difftest
    /// seed 61001, program seed 17344028894507567042). Fixed since;
    /// `Avoid::all()` leaves it off.
    pub place_left_of_yield: bool,
    /// `mk(id, ..).v` in a statement with a later `yield_!`: baozi drops the
    /// temporary before the yield, rustc at the end of the statement.
    pub temporary_across_yield: bool,
    /// Assigning to a moved-out `Tr` local (`drop(t); yield_!(..); t = ..;`):
    /// baozi stored the moved binding in the state (E0382), and dropped a
    /// reassigned one not mentioned after a later yield at that yield. Fixed
    /// since; `Avoid::all()` leaves it off.
    pub reinit_moved: bool,
    /// A `Tr` local moved (or assigned) on some paths only, then a yield in
    /// its scope (`if c { drop(t); } yield_!(1);`, `let mut a: Tr; if c { a =
    /// mk(..); } yield_!(1);`): baozi drops it at the yield, rustc at the end
    /// of its scope (drop flag). No yield was generated in its scope after
    /// the statement that may move it. Fixed since (drop flags, a receiver
    /// read later on some path is borrowed); `Avoid::all()` leaves it off.
    pub maybe_moved_at_yield: bool,
    /// The same in a statement that yields: a `Tr` local moved on some paths
    /// inside a branch, loop body or block that also has a yield (`if c {
    /// yield_!(consume(t)); }`, `match e { 0 => { yield_!(0); } _ => {
    /// drop(t); } }`): baozi drops it where the paths join after the yield,
    /// rustc at the end of its scope. No yield was generated in that
    /// statement, before or after the move. Fixed since (as
    /// `maybe_moved_at_yield`); `Avoid::all()` leaves it off.
    pub maybe_moved_at_join: bool,
    /// `t.bump(e)` or `t.get()` (methods baozi does not know, which may take
    /// `self`) in a block nested in the one that declares `t`, with `t` moved
    /// on some other path and not read after (`if c { drop(t) } else {
    /// t.bump(1) } yield_!(0);`): nothing tells baozi the method borrowed,
    /// so `t` gets no drop flag and drops at the yield or join, rustc at the
    /// end of its scope. The README's limitation; `t`'s methods are called
    /// only in the block that declares it.
    pub unknown_method_in_branch: bool,
    /// A `Tr` local bound by a destructuring pattern (`let Pair { name: t,
    /// .. } = q;`) moved or assigned on some paths only, then a yield in its
    /// scope: it gets no drop flag (only a plain binding does), so baozi
    /// drops it at the yield or join, rustc at the end of its scope. The
    /// README's limitation; such a local is moved and assigned only in the
    /// block that declares it.
    pub pattern_bound_on_some_paths: bool,
    /// `drop(q.name); q.name = mk(..);` (a moved-out field of a `mut` local
    /// assigned again, `q` not read after): baozi rejects it, even without
    /// any yield ("cannot move out of `q.name` which is behind a mutable
    /// reference", E0507). Fixed since (a local a field of which is used by
    /// value is not reached in place); `Avoid::all()` leaves it off.
    pub partial_reinit: bool,
    /// `let mut q = Pair {..}; { let mut q = Pair {..}; } drop(q.name);
    /// yield_!(0);`: where yield-free code shadows the name, baozi renames
    /// the outer binding and no longer sees the partial move, stores it and
    /// rejects it ("borrow of partially moved value: `q_baozi_shadowed3`").
    /// `Pair` locals get fresh names. Fixed since (`drop(x.f)` of a renamed
    /// local is seen); `Avoid::all()` leaves it off.
    pub partial_move_shadowed: bool,
    /// A `Tr` local moved before a yield (`yield_!(consume(t));`), then
    /// assigned in a branch after it and read there (`if c { t = mk(..);
    /// lg(t.v); }`): baozi takes it for live at the yield, stores the moved
    /// value and rejects it ("use of moved value", E0382). A local assigned
    /// on some paths is not read in that branch. Fixed since (a use after an
    /// assignment earlier in its branch reads the new value);
    /// `Avoid::all()` leaves it off.
    pub cond_reinit_read: bool,
    /// A comparison with the `Copy` field of a partially moved `mut` local as
    /// an operand (`let u = q.name; if q.n < 0 {}`): baozi rejects it, even
    /// without any yield ("cannot move out of `q.name` which is behind a
    /// mutable reference", E0507). The operand is written `(q.n + 0)`.
    /// Fixed since (as `partial_reinit`); `Avoid::all()` leaves it off.
    pub partial_move_compare: bool,
    /// `let r = &mut t;` of a `Tr` local kept across an earlier yield, then
    /// another yield (`yield_!(0); let r = &mut t; r.v += 1; yield_!(1);`):
    /// baozi rejects it ("cannot borrow value as mutable more than once at a
    /// time", E0499), even when the yield does not mention `t` (the dead
    /// `r` ends only at the yield's store, which stores `t`). Only `Tr`
    /// locals declared since the last yield (and not outside a loop) are
    /// borrowed so. The same holds for an `i64` local (`let mut x = 0;
    /// yield_!(consume(p)); let r = &mut x; *r += 0; yield_!(0);`, difftest
    /// seed 61001), so the knob covers both. Fixed since (a dead visible
    /// reference is not stored, and in place dead values end before the
    /// state is taken out); `Avoid::all()` leaves it off.
    pub mut_ref_after_yield: bool,
    /// A partial move other than `drop(q.name)` with a later yield in `q`'s
    /// scope (`let u = q.name; yield_!(1);`), or `drop(q.name)` with `q` read
    /// after a later yield: baozi stores `q` ("borrow of partially moved
    /// value"). The README's limitation; after a partial move, `q` is either
    /// given its `name` back, or dead (after `yield_!(q.n)`), or no yield
    /// follows in its scope.
    pub partial_move_kept: bool,
    /// `let x = t.finish();` (a method taking `self`) with `t` in scope at a
    /// later yield, or at the end of a construct with an earlier yield:
    /// baozi takes the method to borrow, stores `t` and rejects it ("use of
    /// moved value"). The README's limitation; avoided, only `Tr::finish(t)`
    /// is generated.
    pub method_move: bool,
    /// `let r = &mut x; *r += e;` then `x` mentioned before the next yield's
    /// value is stored (`yield_!(x)`): baozi ends the dead `r` only at that
    /// store, a borrow error (E0503). The README's limitation; `x` is not
    /// mentioned until a yield statement of the same block. Fixed since (a
    /// dead visible reference is not stored); `Avoid::all()` leaves it off.
    pub mut_ref_read_at_yield: bool,
}

impl Avoid {
    /// The names `--allow` takes, one per knob.
    pub const NAMES: &'static [&'static str] = &[
        "let_else_yield",
        "try_yield",
        "place_left_of_yield",
        "temporary_across_yield",
        "reinit_moved",
        "maybe_moved_at_yield",
        "maybe_moved_at_join",
        "unknown_method_in_branch",
        "pattern_bound_on_some_paths",
        "partial_reinit",
        "partial_move_shadowed",
        "cond_reinit_read",
        "partial_move_compare",
        "mut_ref_after_yield",
        "partial_move_kept",
        "method_move",
        "mut_ref_read_at_yield",
    ];

    /// Every known bug avoided.
    pub fn all() -> Avoid {
        // `false`: fixed, kept as knobs to test snapshots of older commits.
        Avoid {
            let_else_yield: false,
            try_yield: false,
            place_left_of_yield: false,
            temporary_across_yield: true,
            reinit_moved: false,
            maybe_moved_at_yield: false,
            maybe_moved_at_join: false,
            unknown_method_in_branch: true,
            pattern_bound_on_some_paths: true,
            partial_reinit: false,
            partial_move_shadowed: false,
            cond_reinit_read: false,
            partial_move_compare: false,
            mut_ref_after_yield: false,
            partial_move_kept: true,
            method_move: true,
            mut_ref_read_at_yield: false,
        }
    }

    /// Generates the shape of the known bug `name` (one of [`Avoid::NAMES`])
    /// again; `false` for an unknown name.
    pub fn allow(&mut self, name: &str) -> bool {
        let knob = match name {
            "let_else_yield" => &mut self.let_else_yield,
            "try_yield" => &mut self.try_yield,
            "place_left_of_yield" => &mut self.place_left_of_yield,
            "temporary_across_yield" => &mut self.temporary_across_yield,
            "reinit_moved" => &mut self.reinit_moved,
            "maybe_moved_at_yield" => &mut self.maybe_moved_at_yield,
            "maybe_moved_at_join" => &mut self.maybe_moved_at_join,
            "unknown_method_in_branch" => &mut self.unknown_method_in_branch,
            "pattern_bound_on_some_paths" => &mut self.pattern_bound_on_some_paths,
            "partial_reinit" => &mut self.partial_reinit,
            "partial_move_shadowed" => &mut self.partial_move_shadowed,
            "cond_reinit_read" => &mut self.cond_reinit_read,
            "partial_move_compare" => &mut self.partial_move_compare,
            "mut_ref_after_yield" => &mut self.mut_ref_after_yield,
            "partial_move_kept" => &mut self.partial_move_kept,
            "method_move" => &mut self.method_move,
            "mut_ref_read_at_yield" => &mut self.mut_ref_read_at_yield,
            _ => return false,
        };
        *knob = false;
        true
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
            dead_refs: true,
            pairs: true,
            cond_moves: true,
            late_decls: true,
            scoped_blocks: true,
            tr_methods: true,
            avoid: Avoid::default(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Int,
    Tr,
    Pair,
}

#[derive(Clone, Debug)]
struct Var {
    name: String,
    kind: Kind,
    mutable: bool,
    /// Not certainly holding a value: moved out (on some path) or declared
    /// without one. Such a local is not read.
    moved: bool,
    /// A `Pair` whose `name` is moved out.
    field_moved: bool,
    /// Moved or assigned on some paths only (in a nested block), here or
    /// earlier (see [`Avoid::unknown_method_in_branch`]).
    some_paths: bool,
    /// Bound by a destructuring pattern (see
    /// [`Avoid::pattern_bound_on_some_paths`]).
    pattern_bound: bool,
    /// The number of yields generated before its declaration.
    born: usize,
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
    /// The scope index of each enclosing loop's body (and of the code a loop
    /// runs again, its condition), innermost last.
    loops: Vec<usize>,
    /// Scopes in which no yield is generated any more (known bugs avoided):
    /// while one is open, nothing yields.
    bans: Vec<usize>,
    /// Scopes whose current statement generates no yield any more.
    stmt_bans: Vec<usize>,
    /// Locals not mentioned (scope index, name): borrowed by a dead `&mut`.
    hidden: Vec<(usize, String)>,
    /// Statements to put right after the one being generated.
    pending: Vec<Stmt>,
    /// Yields generated so far.
    yields: usize,
    /// Per scope: `yields` when its current statement began.
    stmt_start: Vec<usize>,
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
        loops: Vec::new(),
        bans: Vec::new(),
        stmt_bans: Vec::new(),
        hidden: Vec::new(),
        pending: Vec::new(),
        yields: 0,
        stmt_start: Vec::new(),
    };
    let params = vec![int_var("a0", false), int_var("a1", false), tr_var("p")];
    g.push_scope(params);
    let n = g.rng.range(3, 8) as usize;
    let mut stmts = Vec::new();
    g.fill(n, &mut stmts);
    let tail = g.expr(0, true);
    g.pop_scope();
    Program {
        body: Block {
            stmts,
            tail: Some(tail),
        },
    }
}

fn var(name: &str, kind: Kind, mutable: bool) -> Var {
    Var {
        name: name.to_string(),
        kind,
        mutable,
        moved: false,
        field_moved: false,
        some_paths: false,
        pattern_bound: false,
        born: 0,
    }
}

fn int_var(name: &str, mutable: bool) -> Var {
    var(name, Kind::Int, mutable)
}

/// Every `Tr` local is declared `mut`.
fn tr_var(name: &str) -> Var {
    var(name, Kind::Tr, true)
}

/// Whether `s` is a yield statement (`yield_!(e);`, `let x = yield_!(e);`).
fn is_yield_stmt(s: &Stmt) -> bool {
    matches!(
        s,
        Stmt::Expr(Expr::Yield(_))
            | Stmt::Let {
                init: Expr::Yield(_),
                ..
            }
    )
}

const INT_NAMES: &[&str] = &["x0", "x1", "x2", "x3", "x4", "a0"];
const TR_NAMES: &[&str] = &["t0", "t1", "t2", "t3"];
const PAIR_NAMES: &[&str] = &["q0", "q1", "q2"];

impl Gen<'_> {
    fn id(&mut self) -> u32 {
        self.next_id += 1;
        self.next_id
    }

    /// The innermost binding of every name in scope, except hidden ones.
    fn visible(&self) -> Vec<&Var> {
        let mut seen: Vec<&Var> = Vec::new();
        for scope in self.scopes.iter().rev() {
            for v in scope.iter().rev() {
                if !seen.iter().any(|s| s.name == v.name) {
                    seen.push(v);
                }
            }
        }
        seen.retain(|v| !self.hidden.iter().any(|(_, h)| *h == v.name));
        seen
    }

    /// The innermost binding of `name`: its scope index and itself.
    fn lookup(&self, name: &str) -> Option<(usize, &Var)> {
        self.scopes
            .iter()
            .enumerate()
            .rev()
            .find_map(|(i, s)| s.iter().rev().find(|v| v.name == name).map(|v| (i, v)))
    }

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

    /// The lowest scope index not outside the innermost loop.
    fn loop_floor(&self) -> usize {
        self.loops.last().copied().unwrap_or(0)
    }

    /// No yield may be generated here (a known bug avoided).
    fn no_yield(&self) -> bool {
        !self.bans.is_empty() || !self.stmt_bans.is_empty()
    }

    /// `yield_!(e)`, or `e` when `e` itself banned yields (its code comes
    /// before the yield).
    fn yield_of(&mut self, e: Expr) -> Expr {
        if self.no_yield() {
            e
        } else {
            self.yields += 1;
            Expr::Yield(Box::new(e))
        }
    }

    /// A local of scope `i` may be moved or assigned here on some paths
    /// only: baozi drops such a value where the code that may move it joins
    /// again after a yield (or at a later yield), rustc at the end of its
    /// scope, so while avoiding that, the statement of scope `i` that holds
    /// this code must have no yield before this point (and none follows).
    fn may_split_join(&self, i: usize) -> bool {
        i == self.inner()
            || !self.cfg.avoid.maybe_moved_at_join
            || self.stmt_start[i] == self.yields
    }

    /// A local of scope `i` is now moved or assigned on some paths only.
    fn some_paths(&mut self, i: usize) {
        if self.cfg.avoid.maybe_moved_at_join {
            self.stmt_bans.push(i);
        }
        if self.cfg.avoid.maybe_moved_at_yield {
            self.ban(i);
        }
    }

    fn ban(&mut self, scope: usize) {
        self.bans.push(scope);
    }

    fn push_scope(&mut self, extra: Vec<Var>) {
        self.scopes.push(extra);
        self.stmt_start.push(self.yields);
    }

    fn pop_scope(&mut self) {
        self.scopes.pop();
        self.stmt_start.pop();
        let n = self.scopes.len();
        self.bans.retain(|&b| b < n);
        self.stmt_bans.retain(|&b| b < n);
        self.hidden.retain(|(b, _)| *b < n);
    }

    /// Generates `n` statements into `stmts`, with what each one puts after
    /// itself.
    fn fill(&mut self, n: usize, stmts: &mut Vec<Stmt>) {
        for _ in 0..n {
            let inner = self.inner();
            self.stmt_start[inner] = self.yields;
            let s = self.stmt();
            self.stmt_bans.retain(|&b| b != inner);
            let mut more = vec![s];
            more.append(&mut self.pending);
            for s in more {
                if is_yield_stmt(&s) {
                    // The dead `&mut`s of this block end at this yield.
                    let inner = self.inner();
                    self.hidden.retain(|(b, _)| *b != inner);
                }
                stmts.push(s);
            }
        }
    }

    fn ints(&self, mutable: bool) -> Vec<String> {
        self.visible()
            .into_iter()
            .filter(|v| v.kind == Kind::Int && !v.moved && (v.mutable || !mutable))
            .map(|v| v.name.clone())
            .collect()
    }

    fn trs(&self) -> Vec<String> {
        self.visible()
            .into_iter()
            .filter(|v| v.kind == Kind::Tr && !v.moved)
            .map(|v| v.name.clone())
            .collect()
    }

    /// Whether `v` may be moved or assigned on some paths only: not while
    /// avoiding [`Avoid::pattern_bound_on_some_paths`] for a local bound by
    /// a destructuring pattern.
    fn flaggable(&self, v: &Var) -> bool {
        !(self.cfg.avoid.pattern_bound_on_some_paths && v.pattern_bound)
    }

    /// `Tr` locals whose methods may be called here: all of them, or while
    /// avoiding [`Avoid::unknown_method_in_branch`], those of this block
    /// never moved or assigned on some paths only.
    fn receivers(&self) -> Vec<String> {
        let inner = self.inner();
        self.trs()
            .into_iter()
            .filter(|n| {
                !self.cfg.avoid.unknown_method_in_branch
                    || self
                        .lookup(n)
                        .is_some_and(|(i, v)| i == inner && !v.some_paths)
            })
            .collect()
    }

    /// `Pair` locals; `whole`: only those whose `name` is in place.
    fn pairs(&self, whole: bool) -> Vec<String> {
        self.visible()
            .into_iter()
            .filter(|v| v.kind == Kind::Pair && !v.moved && !(whole && v.field_moved))
            .map(|v| v.name.clone())
            .collect()
    }

    /// `Pair` locals of this very block (partial and whole moves, getting
    /// the name back).
    fn own_pairs(&self, field_moved: bool) -> Vec<String> {
        let inner = self.inner();
        self.visible()
            .into_iter()
            .filter(|v| v.kind == Kind::Pair && !v.moved && v.field_moved == field_moved)
            .filter(|v| self.lookup(&v.name).is_some_and(|(i, _)| i == inner))
            .map(|v| v.name.clone())
            .collect()
    }

    /// `Tr` locals that may be moved here: declared in this block, or (with
    /// `cond_moves`) in an enclosing one inside the innermost loop.
    fn movable(&self) -> Vec<String> {
        let floor = if self.cfg.cond_moves {
            self.loop_floor()
        } else {
            self.inner()
        };
        let inner = self.inner();
        self.trs()
            .into_iter()
            .filter(|n| {
                self.lookup(n).is_some_and(|(i, v)| {
                    i >= floor && self.may_split_join(i) && (i == inner || self.flaggable(v))
                })
            })
            .collect()
    }

    /// Marks a `Tr` local moved; a move from an enclosing block is one on
    /// some paths only.
    fn mark_moved(&mut self, name: &str) {
        let inner = self.inner();
        let (i, v) = self.lookup_mut(name).unwrap();
        v.moved = true;
        if i != inner {
            v.some_paths = true;
            self.some_paths(i);
        }
    }

    /// `Tr` locals that may be assigned: initialised ones anywhere, moved
    /// ones in the block that declares them (straight-line, so that they are
    /// initialised again on every path) or, with `cond_moves`, in a block
    /// nested in it inside the innermost loop (then on some paths only).
    fn settable(&self) -> Vec<String> {
        let inner = self.inner();
        let floor = self.loop_floor();
        self.visible()
            .into_iter()
            .filter(|v| v.kind == Kind::Tr)
            .filter(|v| {
                let i = self.lookup(&v.name).map_or(0, |(i, _)| i);
                !v.moved
                    || (i == inner && !self.cfg.avoid.reinit_moved)
                    || (i != inner
                        && i >= floor
                        && self.cfg.cond_moves
                        && self.may_split_join(i)
                        && self.flaggable(v))
            })
            .map(|v| v.name.clone())
            .collect()
    }

    /// Records `name = mk(..);` here: a moved local of this block holds a
    /// value again; one of an enclosing block holds it in this block only.
    fn assign_tr(&mut self, name: &str) {
        let cfg = self.cfg;
        let inner = self.inner();
        let (i, v) = self.lookup_mut(name).unwrap();
        if !v.moved {
            return;
        }
        if i == inner {
            v.moved = false;
        } else {
            v.some_paths = true;
            if !cfg.avoid.cond_reinit_read {
                let mut shadow = v.clone();
                shadow.moved = false;
                self.scopes.last_mut().unwrap().push(shadow);
            }
            self.some_paths(i);
        }
    }

    fn declare(&mut self, mut v: Var) {
        v.born = self.yields;
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
        self.block_then(tail, extra, |_| None)
    }

    /// A block, ended by what `last` makes in its scope.
    fn block_then(
        &mut self,
        tail: bool,
        extra: Vec<Var>,
        last: impl FnOnce(&mut Self) -> Option<Stmt>,
    ) -> Block {
        self.block_depth += 1;
        self.push_scope(extra);
        let max = if self.budget > 10 { 4 } else { 2 };
        let n = self.rng.range(if tail { 0 } else { 1 }, max) as usize;
        let mut stmts = Vec::new();
        self.fill(n, &mut stmts);
        stmts.extend(last(self));
        let tail = tail.then(|| self.expr(0, true));
        self.pop_scope();
        self.block_depth -= 1;
        Block { stmts, tail }
    }

    /// A block ending in a jump (for `let ... else`).
    fn diverging_block(&mut self) -> Block {
        self.block_depth += 1;
        self.push_scope(Vec::new());
        let mut stmts = Vec::new();
        if self.rng.chance(40) {
            self.fill(1, &mut stmts);
        }
        stmts.push(self.jump());
        self.pop_scope();
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
        let receivers = self.receivers();
        let cfg = self.cfg;
        let yields = !self.no_yield();
        let pairs = self.pairs(false);
        let own_whole = self.own_pairs(false);
        let w = [
            14,                                            // let
            if self.budget > 0 { 9 } else { 1 },           // let tr
            if nest && self.cfg.let_else { 3 } else { 0 }, // let else
            if movable.is_empty() { 0 } else { 8 },        // move
            if mutable.is_empty() { 0 } else { 8 },        // assign
            if yields { 12 } else { 0 },                   // yield
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
            // let r = &mut x; *r += e;
            if cfg.dead_refs && (!mutable.is_empty() || !trs.is_empty()) {
                4
            } else {
                0
            },
            if cfg.late_decls { 3 } else { 0 }, // let mut a: Tr; (if c) { a = mk(..); }
            if cfg.late_decls { 2 } else { 0 }, // let a: i64; (if c) { a = e; }
            if cfg.pairs && self.budget > 0 { 5 } else { 0 }, // let q = Pair { .. };
            if own_whole.is_empty() { 0 } else { 10 }, // partial move
            if pairs.is_empty() { 0 } else { 3 }, // q.name = mk(..);
            if own_whole.is_empty() { 0 } else { 3 }, // drop(q); let Pair { .. } = q;
            if cfg.tr_methods && !receivers.is_empty() {
                3
            } else {
                0
            }, // t.bump(e);
            // { let t = mk(..); yield_!(t.v); }
            if nest && cfg.scoped_blocks && yields {
                3
            } else {
                0
            },
            // if c { drop(t); } [else { lg(t.v); }]
            if nest && cfg.cond_moves && !movable.is_empty() {
                3
            } else {
                0
            },
        ];
        match self.rng.weighted(&w) {
            0 => {
                let init = if yields && self.rng.chance(25) {
                    let e = self.expr(1, true);
                    self.yield_of(e)
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
                self.move_tr(from)
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
                Stmt::Expr(self.yield_of(e))
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
                self.push_scope(Vec::new());
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
                self.pop_scope();
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
                // Assigned on some paths only: no yield in the statement
                // (`Avoid::maybe_moved_at_join`), its value included.
                let some_paths = self
                    .lookup(&name)
                    .is_some_and(|(i, v)| v.moved && i != self.inner());
                let init = self.expr(1, !(some_paths && cfg.avoid.maybe_moved_at_join));
                let id = self.id();
                self.assign_tr(&name);
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
                if !self.trs().contains(&name) {
                    // Moved by `value` (in a block of it).
                    return Stmt::Expr(Expr::Call(Func::Lg, vec![value]));
                }
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
                let get = tr && cfg.tr_methods && self.rng.chance(50);
                let init = self.expr(1, false);
                let name = self.new_name(INT_NAMES);
                let id = self.id();
                self.declare(int_var(&name, false));
                // `let r = &v; let n = r.len(); yield_!(n);`
                if cfg.dead_refs && !self.no_yield() && self.rng.chance(40) {
                    let y = self.yield_of(Expr::Var(name.clone()));
                    self.pending.push(Stmt::Expr(y));
                }
                Stmt::LetRef {
                    name,
                    of,
                    tr,
                    get,
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
            18 => self.mut_ref(&mutable, &trs),
            19 => self.late_tr(),
            20 => self.late_int(),
            21 => {
                let v = self.expr(1, true);
                let n = self.expr(1, true);
                let name = if self.cfg.avoid.partial_move_shadowed {
                    format!("q{}", self.id())
                } else {
                    self.new_name(PAIR_NAMES)
                };
                let id = self.id();
                self.declare(var(&name, Kind::Pair, true));
                if self.rng.chance(30) {
                    // Its name moved out soon (the followers of the move
                    // after it).
                    let mv = self.partial_move(name.clone());
                    self.pending.insert(0, mv);
                }
                Stmt::LetPair { name, id, v, n }
            }
            22 => {
                let pair = self.pick(&own_whole);
                self.partial_move(pair)
            }
            23 => {
                let pair = self.pick(&pairs);
                let init = self.expr(1, true);
                let id = self.id();
                let inner = self.inner();
                let reinit = !self.cfg.avoid.partial_reinit;
                let (i, v) = self.lookup_mut(&pair).unwrap();
                if v.field_moved && i == inner && reinit {
                    v.field_moved = false;
                } else if v.field_moved {
                    // Only in its own block: elsewhere `name` would be back
                    // on some paths only.
                    return Stmt::Expr(Expr::Call(Func::Lg, vec![Expr::PairN(pair)]));
                }
                Stmt::SetPairName { pair, id, init }
            }
            24 => {
                let pair = self.pick(&own_whole);
                self.lookup_mut(&pair).unwrap().1.moved = true;
                let how = if self.rng.chance(40) {
                    PairHow::Drop
                } else {
                    let u = self.new_name(TR_NAMES);
                    let x = self.new_name(INT_NAMES);
                    let mut bound = tr_var(&u);
                    bound.pattern_bound = true;
                    self.declare(bound);
                    self.declare(int_var(&x, false));
                    PairHow::Destructure(u, x)
                };
                Stmt::MovePair { pair, how }
            }
            25 => {
                let name = self.pick(&receivers);
                let value = self.expr(1, false);
                Stmt::Bump { name, value }
            }
            26 => self.scoped_block(),
            _ => self.cond_move(),
        }
    }

    /// A move of the `Tr` local `from` (from this block or, on some paths
    /// only, from an enclosing one).
    fn move_tr(&mut self, from: String) -> Stmt {
        let n = if self.cfg.tr_methods { 7 } else { 5 };
        let mut k = self.rng.below(n);
        let scope = self.lookup(&from).unwrap().0;
        let some_paths = scope != self.inner() && self.cfg.avoid.maybe_moved_at_join;
        if k == 3 && (self.no_yield() || some_paths) {
            k = 0;
        }
        self.mark_moved(&from);
        let how = match k {
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
            3 => {
                self.yields += 1;
                MoveHow::Yield
            }
            4 => MoveHow::Log,
            // `t.finish()` only where the knob allows it: the end of a
            // construct with an earlier yield stores `t` too, which a ban of
            // later yields in its scope does not see.
            5 if !self.cfg.avoid.method_move => {
                let x = self.new_name(INT_NAMES);
                self.declare(int_var(&x, false));
                MoveHow::Finish(x)
            }
            _ => {
                let x = self.new_name(INT_NAMES);
                self.declare(int_var(&x, false));
                MoveHow::FinishPath(x)
            }
        };
        Stmt::Move { from, how }
    }

    /// `if c { <move t> } [else { <use t> }]`: a move on some paths only.
    fn cond_move(&mut self) -> Stmt {
        // The condition first: it may move locals itself.
        let cond = self.cond(1, !self.cfg.avoid.maybe_moved_at_join);
        let movable = self.movable();
        if movable.is_empty() {
            return Stmt::Expr(Expr::Call(Func::Lg, vec![Expr::Lit(self.lit())]));
        }
        let from = self.pick(&movable);
        self.block_depth += 1;
        self.push_scope(Vec::new());
        let mv = self.move_tr(from.clone());
        let mut stmts = vec![mv];
        stmts.append(&mut self.pending);
        self.pop_scope();
        // Kept in the other branch: used there (the local is moved in this
        // model, so the use is made by hand).
        let els = self.rng.chance(60).then(|| {
            let keep = match self.rng.below(3) {
                0 => Stmt::Expr(Expr::Call(Func::Lg, vec![Expr::TrField(from.clone())])),
                1 if self.cfg.tr_methods && !self.cfg.avoid.unknown_method_in_branch => {
                    Stmt::Bump {
                        name: from.clone(),
                        value: Expr::Lit(self.lit()),
                    }
                }
                _ => Stmt::SetField {
                    name: from.clone(),
                    op: AssignOp::Add,
                    value: Expr::Lit(self.lit()),
                },
            };
            Block {
                stmts: vec![keep],
                tail: None,
            }
        });
        self.block_depth -= 1;
        Stmt::If {
            cond,
            then: Block { stmts, tail: None },
            els,
        }
    }

    /// `let r = &mut x; *r += e;` (or `r.v += e;`, `r.bump(e);` for a `Tr`),
    /// `r` dead at once; often a yield right after.
    fn mut_ref(&mut self, mutable: &[String], trs: &[String]) -> Stmt {
        let (mutable, trs): (Vec<String>, Vec<String>) = if self.cfg.avoid.mut_ref_after_yield {
            let floor = self.loop_floor();
            let fresh = |names: &[String]| -> Vec<String> {
                names
                    .iter()
                    .filter(|n| {
                        self.lookup(n)
                            .is_some_and(|(i, v)| i >= floor && v.born == self.yields)
                    })
                    .cloned()
                    .collect()
            };
            (fresh(mutable), fresh(trs))
        } else {
            (mutable.to_vec(), trs.to_vec())
        };
        let mutable = &mutable[..];
        if mutable.is_empty() && trs.is_empty() {
            return Stmt::Expr(Expr::Call(Func::Lg, vec![Expr::Lit(self.lit())]));
        }
        let trs = &trs[..];
        let tr = mutable.is_empty() || (!trs.is_empty() && self.rng.chance(50));
        let of = if tr {
            self.pick(trs)
        } else {
            self.pick(mutable)
        };
        let via = match (tr, self.cfg.tr_methods && self.rng.chance(50)) {
            (false, _) => MutVia::Deref,
            (true, false) => MutVia::Field,
            (true, true) => MutVia::Bump,
        };
        let inner = self.inner();
        self.hidden.push((inner, of.clone()));
        let value = self.expr(1, false);
        let id = self.id();
        if !self.cfg.avoid.mut_ref_read_at_yield {
            self.hidden.pop();
        }
        // A yield that does not use `r`.
        if !self.no_yield() && self.rng.chance(50) {
            let e = self.expr(1, false);
            let y = self.yield_of(e);
            self.pending.push(Stmt::Expr(y));
        }
        Stmt::MutRef { of, via, id, value }
    }

    /// `let mut a: Tr;` then `a = mk(..);`, or `if c { a = mk(..); } [else {
    /// a = mk(..); }]` (a value on some paths only without the else).
    fn late_tr(&mut self) -> Stmt {
        let name = self.new_name(TR_NAMES);
        let mut v = tr_var(&name);
        v.moved = true;
        self.declare(v);
        let assign = |g: &mut Self| {
            let init = g.expr(1, true);
            let id = g.id();
            Stmt::SetTr {
                name: name.clone(),
                id,
                init,
            }
        };
        match self.rng.below(4) {
            0 | 1 => {
                let s = assign(self);
                self.pending.push(s);
                self.assign_tr(&name);
            }
            k => {
                // On some paths only (k == 3): no yield in the `if` either
                // while avoiding that (see `may_split_join`).
                if k == 3 {
                    self.some_paths(self.inner());
                }
                let cond = self.cond(1, true);
                self.push_scope(Vec::new());
                let then = assign(self);
                self.pop_scope();
                let els = (k == 2).then(|| {
                    self.push_scope(Vec::new());
                    let s = assign(self);
                    self.pop_scope();
                    Block {
                        stmts: vec![s],
                        tail: None,
                    }
                });
                self.pending.push(Stmt::If {
                    cond,
                    then: Block {
                        stmts: vec![then],
                        tail: None,
                    },
                    els,
                });
                if k == 2 {
                    self.assign_tr(&name);
                }
            }
        }
        Stmt::LetLateTr { name }
    }

    /// `let a: i64;` then `a = e;`, or `if c { a = e; } [else { a = e; }]`
    /// (never read without the else).
    fn late_int(&mut self) -> Stmt {
        let name = format!("l{}", self.id());
        let mut v = int_var(&name, false);
        v.moved = true;
        self.declare(v);
        match self.rng.below(3) {
            0 => {
                let value = self.expr(0, true);
                self.pending.push(Stmt::Init {
                    name: name.clone(),
                    value,
                });
            }
            k => {
                let cond = self.cond(1, true);
                let a = self.expr(1, true);
                let then = Block {
                    stmts: vec![Stmt::Init {
                        name: name.clone(),
                        value: a,
                    }],
                    tail: None,
                };
                let els = (k == 2).then(|| {
                    let b = self.expr(1, true);
                    Block {
                        stmts: vec![Stmt::Init {
                            name: name.clone(),
                            value: b,
                        }],
                        tail: None,
                    }
                });
                self.pending.push(Stmt::If { cond, then, els });
                if k == 1 {
                    return Stmt::LetLateInt { name };
                }
            }
        }
        self.lookup_mut(&name).unwrap().1.moved = false;
        Stmt::LetLateInt { name }
    }

    /// A partial move of `pair`'s `name`, and what follows it.
    fn partial_move(&mut self, pair: String) -> Stmt {
        let how = match self.rng.below(3) {
            0 => PartHow::Drop,
            1 => {
                let u = self.new_name(TR_NAMES);
                PartHow::Rebind(u)
            }
            _ => {
                let x = self.new_name(INT_NAMES);
                PartHow::Consume(x)
            }
        };
        self.lookup_mut(&pair).unwrap().1.field_moved = true;
        match &how {
            PartHow::Drop => {}
            PartHow::Rebind(u) => self.declare(tr_var(u)),
            PartHow::Consume(x) => self.declare(int_var(x, false)),
        }
        let yields = !self.no_yield();
        if self.cfg.avoid.partial_move_kept {
            let drop = how == PartHow::Drop;
            match self.rng.below(3) {
                // `drop(q.name); yield_!(q.n);` and `q` dead.
                0 | 1 if drop => {
                    if yields {
                        let y = self.yield_of(Expr::PairN(pair.clone()));
                        self.pending.push(Stmt::Expr(y));
                    }
                    self.lookup_mut(&pair).unwrap().1.moved = true;
                }
                // Its name back before any yield.
                0 | 1 if !self.cfg.avoid.partial_reinit => {
                    let init = self.expr(1, false);
                    let id = self.id();
                    self.pending.push(Stmt::SetPairName {
                        pair: pair.clone(),
                        id,
                        init,
                    });
                    self.lookup_mut(&pair).unwrap().1.field_moved = false;
                }
                // No yield in its scope.
                _ => {
                    let inner = self.inner();
                    self.ban(inner);
                }
            }
        } else if yields && self.rng.chance(40) {
            let y = self.yield_of(Expr::PairN(pair.clone()));
            self.pending.push(Stmt::Expr(y));
        }
        Stmt::PartialMove { pair, how }
    }

    /// `{ let t = mk(..); ..; yield_!(..); .. }`: a block with a traced
    /// local of its own that ends at the block's end.
    fn scoped_block(&mut self) -> Stmt {
        self.block_depth += 1;
        self.push_scope(Vec::new());
        let init = self.expr(1, true);
        let name = self.new_name(TR_NAMES);
        let id = self.id();
        self.declare(tr_var(&name));
        let mut stmts = vec![Stmt::LetTr {
            name: name.clone(),
            id,
            init,
        }];
        let n = self.rng.range(0, 2) as usize;
        self.fill(n, &mut stmts);
        if !self.no_yield() {
            let e = if self.trs().contains(&name) && self.rng.chance(60) {
                Expr::TrField(name)
            } else {
                self.expr(1, true)
            };
            stmts.push(Stmt::Expr(self.yield_of(e)));
        }
        let n = self.rng.range(0, 2) as usize;
        self.fill(n, &mut stmts);
        self.pop_scope();
        self.block_depth -= 1;
        Stmt::Block {
            label: None,
            block: Block { stmts, tail: None },
        }
    }

    /// A bounded loop. `value`: a `loop` expression with a value.
    fn gen_loop(&mut self, value: bool) -> Loop {
        let id = self.id();
        // What runs again (the condition, the body) moves no local from
        // outside.
        self.loops.push(self.scopes.len());
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
        // Often end the body with a jump to this very loop: `continue` and
        // `break` with the body's locals alive (its condition generated in
        // the body's scope, which may shadow names).
        let body = self.block_then(false, extra, |g| {
            if !g.rng.chance(30) {
                return None;
            }
            let jump = if g.rng.chance(70) {
                Stmt::Continue { label: id }
            } else {
                let value = value.then(|| Expr::Lit(g.lit()));
                Stmt::Break {
                    label: Label::Loop(id),
                    value,
                }
            };
            let cond = if g.rng.chance(40) {
                Cond::Bool(true)
            } else {
                g.cond(2, false)
            };
            Some(Stmt::If {
                cond,
                then: Block {
                    stmts: vec![jump],
                    tail: None,
                },
                els: None,
            })
        });
        self.targets.pop();
        self.loops.pop();
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
            self.push_scope(bind.iter().map(|n| int_var(n, false)).collect());
            let guard = (!last && self.rng.chance(40)).then(|| self.cond(2, false));
            let body = self.block(valued, Vec::new());
            self.pop_scope();
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

    /// `(q.n + 0)` for `q.n` of a partially moved `q` when avoiding
    /// [`Avoid::partial_move_compare`].
    fn uncompare(&self, e: Expr) -> Expr {
        match &e {
            Expr::PairN(q)
                if self.cfg.avoid.partial_move_compare
                    && self.lookup(q).is_some_and(|(_, v)| v.field_moved) =>
            {
                Expr::Bin(BinOp::Add, Box::new(e), Box::new(Expr::Lit(0)))
            }
            _ => e,
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
                Cond::Cmp(op, self.uncompare(a), self.uncompare(b))
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
        let y = y && !self.no_yield();
        let deep = depth >= self.cfg.max_expr_depth;
        let ints = self.ints(false);
        let trs = self.trs();
        let receivers = self.receivers();
        let pairs = self.pairs(false);
        let whole_pairs = self.pairs(true);
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
            if receivers.is_empty() || !self.cfg.tr_methods {
                0
            } else {
                2
            }, // t.get()
            if pairs.is_empty() { 0 } else { 4 },               // q.n
            if whole_pairs.is_empty() { 0 } else { 2 },         // q.name.v
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
            5 => {
                let e = self.expr(d, y);
                self.yield_of(e)
            }
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
            16 => Expr::TrGet(self.pick(&receivers)),
            17 => Expr::PairN(self.pick(&pairs)),
            18 => Expr::PairNameV(self.pick(&whole_pairs)),
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
    fn issue_10_shapes_are_generated_and_their_knobs_turn_them_off() {
        type Off = fn(&mut GenConfig);
        let shapes: &[(&str, Off)] = &[
            ("= &mut ", |c| c.dead_refs = false),
            ("Pair {", |c| c.pairs = false),
            (".name;", |c| c.pairs = false),
            (": Tr;", |c| c.late_decls = false),
            (": i64;", |c| c.late_decls = false),
            ("finish(", |c| c.tr_methods = false),
            (".bump(", |c| c.tr_methods = false),
        ];
        let text = |cfg: &GenConfig| -> String {
            (0..300)
                .map(|seed| generate(seed, cfg).body_text(Flavor::Baozi, 0))
                .collect()
        };
        for avoid in [Avoid::default(), Avoid::all()] {
            let cfg = GenConfig {
                avoid,
                ..GenConfig::default()
            };
            let all = text(&cfg);
            for (shape, off) in shapes {
                assert!(all.contains(shape), "{shape:?} never generated");
                let mut c = cfg.clone();
                off(&mut c);
                assert!(!text(&c).contains(shape), "{shape:?} generated when off");
            }
        }
    }

    #[test]
    fn the_checker_follows_moves_on_some_paths() {
        let p = |stmts: Vec<Stmt>| Program {
            body: Block { stmts, tail: None },
        };
        let drop_p = || Stmt::Move {
            from: "p".into(),
            how: MoveHow::Drop,
        };
        let read_p = || Stmt::Expr(Expr::TrField("p".into()));
        let if_then = |s: Stmt, els: Option<Stmt>| Stmt::If {
            cond: Cond::Bool(true),
            then: Block {
                stmts: vec![s],
                tail: None,
            },
            els: els.map(|s| Block {
                stmts: vec![s],
                tail: None,
            }),
        };
        // Moved in one branch, read in the other: valid.
        assert!(check::valid(&p(vec![if_then(drop_p(), Some(read_p()))])));
        // Read after a move on some paths: not.
        assert!(!check::valid(&p(vec![if_then(drop_p(), None), read_p()])));
        // Moved in a loop that does not declare it: not.
        let lp = Stmt::Loop(Loop {
            id: 1,
            kind: LoopKind::Loop {
                bound: 1,
                value: None,
            },
            body: Block {
                stmts: vec![drop_p()],
                tail: None,
            },
        });
        assert!(!check::valid(&p(vec![lp])));
        // `let a: i64;` assigned in both branches, then read: valid; in one: not.
        let init = || Stmt::Init {
            name: "l1".into(),
            value: Expr::Lit(1),
        };
        let read = || Stmt::Expr(Expr::Var("l1".into()));
        let late = || Stmt::LetLateInt { name: "l1".into() };
        assert!(check::valid(&p(vec![
            late(),
            if_then(init(), Some(init())),
            read()
        ])));
        assert!(!check::valid(&p(vec![
            late(),
            if_then(init(), None),
            read()
        ])));
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
