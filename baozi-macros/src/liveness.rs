//! Liveness analysis: takes the [`Program`] and gives its [`Liveness`]: for
//! each suspension and join point (the position of a `yield_!`, of a loop's
//! header, of the end of a construct with a yield), the bindings a mention
//! of which may still run after it. It writes nothing into the program;
//! `scope` consumes the value to decide what each suspension stores.
//!
//! It is a backwards dataflow over the statement tree, as rustc's
//! `LivenessInfo` is over MIR: a binding is live before a mention of it and
//! dead before its declaration (a loop's next iteration declares a new one);
//! a construct's branches each start from what is live after the construct,
//! and what is live before it is the union of what is live at their starts,
//! so a mention in a sibling branch does not keep a binding live (`if c {
//! let t = s; yield_!(t); } else { yield_!(s); }` does not store `s` at the
//! first yield). A loop's header is live with what its body needs (a fixed
//! point, the body going round to the header), a `break` out of yield-free
//! code with what is live after its target, a `continue` with its target's
//! header. Yield-free code between constructs is one straight sequence
//! (read backwards, in position order): a mention in a branch of it counts
//! wherever that code runs. A mention inside the tokens of a macro baozi
//! cannot parse counts (it may use the binding), so the analysis can only
//! err on the side of live.

use std::collections::{HashMap, HashSet};

use crate::ir::{BindingId, BindingSet as Set, Body, Pos, Program, Stmt, Usage, Value};

/// The result of the analysis (see the module docs).
pub struct Liveness {
    /// By suspension or join point: the bindings live after it.
    live_at: HashMap<Pos, Set>,
    /// By suspension or join point: the bindings whose value there may be
    /// read after it (live, with a plain assignment `x = ..` that runs
    /// whenever its code does ending what came before it).
    read_at: HashMap<Pos, Set>,
    /// The mentions (position, binding) after which some path reads the
    /// binding's value before assigning it a new one.
    read_after_mention: HashSet<(Pos, BindingId)>,
}

impl Liveness {
    /// Whether a mention of binding `b` may execute after position `at`,
    /// the position of a `yield_!`, of a loop's start or of the end of a
    /// construct with a yield.
    pub fn is_live(&self, b: BindingId, at: Pos) -> bool {
        self.live_at
            .get(&at)
            .expect("liveness is known at every suspension and join point")
            .contains(b)
    }

    /// Whether the value binding `b` holds at position `at` (as for
    /// [`Liveness::is_live`]) may be read after it: some path reads it
    /// before assigning it a new one. A binding that is live but not read
    /// is assigned before any other use.
    pub fn is_read(&self, b: BindingId, at: Pos) -> bool {
        self.read_at
            .get(&at)
            .expect("liveness is known at every suspension and join point")
            .contains(b)
    }

    /// Whether some path after the mention of binding `b` at position `at`
    /// reads the value `b` holds there before assigning it a new one. It
    /// is exact for a mention outside the branches, loop bodies and
    /// closures of yield-free code (not [`Access::conditional`]); for one
    /// inside them, a mention in a sibling branch counts as after it.
    ///
    /// [`Access::conditional`]: crate::ir::Access::conditional
    pub fn is_read_after_mention(&self, b: BindingId, at: Pos) -> bool {
        self.read_after_mention.contains(&(at, b))
    }
}

/// Runs the analysis.
pub fn liveness(prog: &Program) -> Liveness {
    let (live_at, _) = walk(prog, false);
    let (read_at, read_after_mention) = walk(prog, true);
    Liveness {
        live_at,
        read_at,
        read_after_mention,
    }
}

/// The live bindings at each point, and the mentions after which their
/// binding is live; with `reads`, those whose value there may be read: an
/// assignment is no read, and one that runs whenever its code does ends
/// the liveness of what came before it.
fn walk(prog: &Program, reads: bool) -> (HashMap<Pos, Set>, HashSet<(Pos, BindingId)>) {
    let mut events: Vec<(Pos, Event)> = Vec::new();
    for (b, binding) in prog.bindings.iter().enumerate() {
        events.push((binding.declared_at, Event::Declared(b)));
        events.extend(binding.accesses.iter().filter_map(|a| {
            let event = match (reads, a.usage, a.conditional) {
                // An assignment does not read; one that runs whenever its
                // code does overwrites.
                (true, Usage::Assign, false) => Event::Declared(b),
                (true, Usage::Assign, true) => return None,
                // Nor does a use after an assignment earlier in its branch
                // (`if c { p = make(); n = p.len(); }`): it reads the new
                // value.
                (true, _, true) if assigned_before_in_its_region(prog, binding, a) => return None,
                _ => Event::Mentioned(b),
            };
            Some((a.pos, event))
        }));
    }
    events.extend(prog.jumps.iter().map(|j| {
        let jump = Event::Jumps {
            target_end: j.target.1,
            continues: j.continues,
        };
        (j.at, jump)
    }));
    // After the jump or exit's own events: a statement that always leaves
    // ends what is live after it in its body.
    events.extend(prog.leaves.iter().map(|&at| (at, Event::Leaves)));
    events.sort_by_key(|&(pos, _)| pos);
    let mut walker = Walker {
        events,
        bindings: prog.bindings.len(),
        live_at: HashMap::new(),
        after: HashMap::new(),
        header: HashMap::new(),
        live_after_mention: HashSet::new(),
    };
    let mut live = Set::new(walker.bindings);
    walker.body(&prog.body, &mut live, &mut 0);
    (walker.live_at, walker.live_after_mention)
}

/// Whether access `a` of `binding`, in a branch, loop body or closure of
/// yield-free code, comes after an assignment of the binding earlier in the
/// same one (or one it is nested in): every path to `a` runs it first, in
/// a valid program (a jump over it would read a value the binding may not
/// hold).
fn assigned_before_in_its_region(
    prog: &Program,
    binding: &crate::ir::Binding,
    a: &crate::ir::Access,
) -> bool {
    binding.accesses.iter().any(|assign| {
        assign.usage == Usage::Assign
            && assign.pos < a.pos
            && assign.region.is_some_and(|r| a.pos <= prog.regions[r].1)
    })
}

/// What happens to liveness at a position of yield-free code.
#[derive(Clone, Copy)]
enum Event {
    /// A mention: the binding is live before it.
    Mentioned(BindingId),
    /// The declaration (or, for the value read, an assignment): the
    /// binding is dead before it.
    Declared(BindingId),
    /// A `break` or `continue` to the loop or labelled block that ends at
    /// `target_end`.
    Jumps { target_end: Pos, continues: bool },
    /// Just after a statement of a body that always leaves it (`return`,
    /// `break`, `continue`, `panic!`): nothing after it in the body runs
    /// (what a `break` or `continue` goes on to is its `Jumps`).
    Leaves,
}

struct Walker {
    /// Sorted by position.
    events: Vec<(Pos, Event)>,
    bindings: usize,
    live_at: HashMap<Pos, Set>,
    /// By the end of a loop or labelled block: what is live after it, where
    /// a `break` goes.
    after: HashMap<Pos, Set>,
    /// By the end of a loop: what is live at its header (so far, in the
    /// fixed point), where a `continue` goes.
    header: HashMap<Pos, Set>,
    /// The mentions (position, binding) after which the binding is live.
    /// Sets only grow in a loop's fixed point, so this is only added to.
    live_after_mention: HashSet<(Pos, BindingId)>,
}

impl Walker {
    /// Walks `body` backwards from `live` (what is live after it); leaves
    /// in `live` what is live before it, and `hi` just after its start.
    fn body(&mut self, body: &Body, live: &mut Set, hi: &mut Pos) {
        *hi = body.end;
        if let Some(tail) = &body.tail {
            self.value(tail, live, hi);
        }
        for stmt in body.stmts.iter().rev() {
            match stmt {
                // Yield-free: its events are read with the code before the
                // next construct.
                Stmt::Plain(_) => {}
                Stmt::Value(v) => self.value(v, live, hi),
                Stmt::Let(l) => {
                    if let Some(diverge) = &l.diverge {
                        // The pattern's declarations come after the `else`,
                        // which never goes on to them.
                        self.straight(diverge.end, hi, live);
                        let mut in_else = Set::new(self.bindings);
                        self.body(diverge, &mut in_else, hi);
                        live.union(&in_else);
                    }
                    if let Some(init) = &l.init {
                        self.value(init, live, hi);
                    }
                }
            }
        }
        self.straight(body.start, hi, live);
    }

    fn value(&mut self, v: &Value, live: &mut Set, hi: &mut Pos) {
        match v {
            Value::Expr(_) => {}
            Value::Yield { pos, .. } => {
                self.straight(*pos, hi, live);
                self.live_at.insert(*pos, live.clone());
            }
            Value::Block { body, label, end } => {
                self.straight(*end, hi, live);
                self.live_at.insert(*end, live.clone());
                if label.is_some() {
                    self.after.insert(*end, live.clone());
                }
                self.body(body, live, hi);
            }
            Value::If {
                then,
                otherwise,
                end,
                ..
            } => {
                self.straight(*end, hi, live);
                self.live_at.insert(*end, live.clone());
                // Without an `else`, a false condition goes straight on.
                let mut in_else = live.clone();
                if let Some(otherwise) = otherwise {
                    self.body(otherwise, &mut in_else, hi);
                }
                self.body(then, live, hi);
                live.union(&in_else);
            }
            Value::Match { arms, end, .. } => {
                self.straight(*end, hi, live);
                self.live_at.insert(*end, live.clone());
                let mut in_arms = Set::new(self.bindings);
                for arm in arms.iter().rev() {
                    let mut in_arm = live.clone();
                    self.body(&arm.body, &mut in_arm, hi);
                    self.straight(arm.start, hi, &mut in_arm);
                    in_arms.union(&in_arm);
                }
                *live = in_arms;
            }
            Value::Loop {
                body, start, end, ..
            } => {
                self.straight(*end, hi, live);
                self.live_at.insert(*end, live.clone());
                self.after.insert(*end, live.clone());
                let mut header = Set::new(self.bindings);
                let body_hi = *hi;
                loop {
                    self.header.insert(*end, header.clone());
                    let mut in_body = header.clone();
                    *hi = body_hi;
                    self.body(body, &mut in_body, hi);
                    if !header.union(&in_body) {
                        break;
                    }
                }
                self.straight(*start, hi, &mut header);
                self.live_at.insert(*start, header.clone());
                *live = header;
            }
        }
    }

    /// Reads the events of yield-free code at the positions after `lo` and
    /// before `hi` backwards into `live`, and moves `hi` past `lo` (the
    /// code before a construct may have an event at its start).
    fn straight(&mut self, lo: Pos, hi: &mut Pos, live: &mut Set) {
        let from = self.events.partition_point(|&(pos, _)| pos <= lo);
        let to = self.events.partition_point(|&(pos, _)| pos < *hi);
        for k in (from..to.max(from)).rev() {
            let (pos, event) = self.events[k];
            match event {
                Event::Mentioned(b) => {
                    if live.contains(b) {
                        self.live_after_mention.insert((pos, b));
                    }
                    live.insert(b)
                }
                Event::Declared(b) => live.remove(b),
                Event::Leaves => *live = Set::new(self.bindings),
                Event::Jumps {
                    target_end,
                    continues,
                } => {
                    let targets = if continues { &self.header } else { &self.after };
                    live.union(&targets[&target_end]);
                }
            }
        }
        *hi = lo + 1;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use quote::quote;

    /// The liveness of the generator's bindings, and the position of each
    /// `yield_!` in order.
    fn analysed(item: proc_macro2::TokenStream) -> (Program, Liveness, Vec<Pos>) {
        let func = crate::parse::parse(quote!(yield = u8), item).unwrap();
        let prog = crate::normalize::normalize(&func, &Default::default())
            .unwrap_or_else(|e| panic!("{}", e[0]));
        let live = liveness(&prog);
        let yields = yield_positions(&prog.body);
        (prog, live, yields)
    }

    /// The positions of the `yield_!`s of `body`, in order.
    pub(crate) fn yield_positions(body: &crate::ir::Body) -> Vec<Pos> {
        let mut yields = Vec::new();
        collect_yields(body, &mut yields);
        yields
    }

    fn collect_yields(body: &crate::ir::Body, out: &mut Vec<Pos>) {
        use crate::ir::{Stmt, Value};
        fn value(v: &Value, out: &mut Vec<Pos>) {
            match v {
                Value::Expr(_) => {}
                Value::Yield { pos, .. } => out.push(*pos),
                Value::Block { body, .. } | Value::Loop { body, .. } => collect_yields(body, out),
                Value::If {
                    then, otherwise, ..
                } => {
                    collect_yields(then, out);
                    if let Some(o) = otherwise {
                        collect_yields(o, out);
                    }
                }
                Value::Match { arms, .. } => {
                    for arm in arms {
                        collect_yields(&arm.body, out);
                    }
                }
            }
        }
        for stmt in &body.stmts {
            match stmt {
                Stmt::Plain(_) => {}
                Stmt::Let(l) => {
                    if let Some(init) = &l.init {
                        value(init, out);
                    }
                    if let Some(d) = &l.diverge {
                        collect_yields(d, out);
                    }
                }
                Stmt::Value(v) => value(v, out),
            }
        }
        if let Some(tail) = &body.tail {
            value(tail, out);
        }
    }

    /// The names of the user's bindings live at position `at`.
    fn live_at(prog: &Program, live: &Liveness, at: Pos) -> Vec<String> {
        (0..prog.bindings.len())
            .filter(|&b| prog.bindings[b].declared_at < at && live.is_live(b, at))
            .map(|b| prog.bindings[b].name.clone())
            .filter(|n| !n.starts_with("tmp") && n != "iter")
            .collect()
    }

    #[test]
    fn a_binding_not_mentioned_after_a_yield_is_dead_there() {
        let (p, live, yields) = analysed(quote!(
            fn f() -> usize {
                let s = String::from("a b");
                let t = s.trim();
                let n = t.len();
                yield_!(1);
                s.len()
            }
        ));
        assert_eq!(live_at(&p, &live, yields[0]), ["s"]);
    }

    #[test]
    fn a_mention_in_a_loop_keeps_it_live_in_the_whole_loop() {
        let (p, live, yields) = analysed(quote!(
            fn f() {
                let a = 1;
                let b = 2;
                loop {
                    yield_!(0);
                    use_it(a);
                    let c = 3;
                    yield_!(c);
                }
            }
        ));
        // `a` is used after the first yield, and again after the second by
        // the next iteration; `b` never; `c` is declared in the loop: the
        // next iteration has a new one.
        assert_eq!(live_at(&p, &live, yields[0]), ["a"]);
        assert_eq!(live_at(&p, &live, yields[1]), ["a"]);
    }

    #[test]
    fn a_mention_is_read_after_when_some_later_path_reads_the_binding() {
        let (p, live, _) = analysed(quote!(
            fn f(c: bool) {
                let mut b = make();
                b.touch();
                if c {
                    yield_!(0);
                    drop(b);
                }
                yield_!(1);
            }
        ));
        let b = p.bindings.iter().position(|x| x.name == "b").unwrap();
        let read_after: Vec<bool> = p.bindings[b]
            .accesses
            .iter()
            .map(|a| live.is_read_after_mention(b, a.pos))
            .collect();
        // `b.touch()` is read by `drop(b)` on one path; `drop(b)` is last.
        assert_eq!(read_after, [true, false]);
    }

    #[test]
    fn a_mention_inside_a_macro_counts() {
        let (p, live, yields) = analysed(quote!(
            fn f() {
                let name = String::new();
                yield_!(0);
                println!("{}", name);
            }
        ));
        assert_eq!(live_at(&p, &live, yields[0]), ["name"]);
    }
}
