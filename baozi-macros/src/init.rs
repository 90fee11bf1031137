//! Initialisation analysis: takes the [`Program`] and gives its [`Init`]:
//! for each suspension and join point (the position of a `yield_!`, of a
//! loop's header, of the end of a construct with a yield), the bindings
//! that certainly hold a value there (the complement of rustc's
//! maybe-uninitialised set) and those that may (rustc's maybe-initialised
//! set: where the two differ, rustc keeps a drop flag). It writes nothing
//! into the program; `scope` consumes the value to decide what each
//! suspension stores, and `flags` to decide the drop flags.
//!
//! A forwards dataflow over the statement tree: a binding holds a value
//! after its declaration (unless it is declared without one, `let x;`) and
//! after an assignment (`x = ..`), and none after a use that moves it
//! (`drop(x)`, `let y = x;`: baozi's guess, see `Usage::Move`; a binding the
//! `access` stage found to be `Copy` is copied, never moved). A
//! construct's branches each start from what holds before them; after it,
//! a binding certainly holds a value when it does at the end of every
//! branch. A loop's header joins
//! the entry with the end of its body and its `continue`s (a fixed point),
//! its end joins its `break`s. Yield-free code between constructs is one
//! straight sequence in position order, where a use or an assignment in a
//! branch, loop or closure of that code (`Access::conditional`) happens
//! only maybe. No path goes on after a statement that always leaves
//! (`return`, `break`, `continue`, `panic!`, a tail `break` of a body).

use std::collections::HashMap;

use crate::ir::{BindingId, BindingSet as Set, Body, Pos, Program, Reach, Stmt, Usage, Value};

/// The result of the analysis (see the module docs).
pub struct Init {
    at: HashMap<Pos, State>,
}

impl Init {
    /// Whether binding `b` holds a value at position `at` (a suspension or
    /// join point) on every path there.
    pub fn definitely(&self, b: BindingId, at: Pos) -> bool {
        self.state(at).definitely.contains(b)
    }

    /// Whether binding `b` holds a value at position `at` on some path
    /// there and none on another: where rustc's coroutines keep a drop flag.
    pub fn on_some_paths(&self, b: BindingId, at: Pos) -> bool {
        let state = self.state(at);
        state.maybe.contains(b) && !state.definitely.contains(b)
    }

    /// The suspension and join points the analysis knows.
    pub fn points(&self) -> impl Iterator<Item = Pos> + '_ {
        self.at.keys().copied()
    }

    fn state(&self, at: Pos) -> &State {
        self.at
            .get(&at)
            .expect("initialisation is known at every suspension and join point")
    }
}

/// What holds a value at a point, over the paths there.
#[derive(Clone, PartialEq, Eq, Debug)]
struct State {
    /// On every path.
    definitely: Set,
    /// On some path.
    maybe: Set,
}

impl State {
    /// The state of a point no path reaches (what a join starts from).
    fn unreached(bindings: usize) -> State {
        State {
            definitely: Set::full(bindings),
            maybe: Set::new(bindings),
        }
    }

    fn join(&mut self, other: &State) {
        self.definitely.intersect(&other.definitely);
        self.maybe.union(&other.maybe);
    }
}

/// Runs the analysis.
pub fn init(prog: &Program) -> Init {
    let bindings = prog.bindings.len();
    let mut events: Vec<(Pos, Event)> = Vec::new();
    for (b, binding) in prog.bindings.iter().enumerate() {
        let declared = match binding.deferred {
            Some(_) => Event::Uninit { b, certain: true },
            None => Event::Assigned { b, certain: true },
        };
        events.push((binding.declared_at, declared));
        for a in &binding.accesses {
            let certain = !a.conditional;
            let event = match a.usage {
                Usage::Assign => Event::Assigned { b, certain },
                Usage::Move if binding.reach != Reach::Copied => Event::Uninit { b, certain },
                // Matched by a pattern that may bind by value. (In the tokens
                // of a macro it is taken to be read, as by `println!`.)
                Usage::Scrutinee if binding.reach != Reach::Copied => Event::Uninit { b, certain },
                _ => continue,
            };
            events.push((a.pos, event));
        }
    }
    // Nothing runs after a statement that always leaves.
    events.extend(prog.leaves.iter().map(|&at| (at, Event::Leaves)));
    events.extend(prog.jumps.iter().map(|j| {
        let jump = Event::Jumps {
            target_end: j.target.1,
            continues: j.continues,
        };
        (j.at, jump)
    }));
    // Stable: a binding's declaration before its accesses at the same spot.
    events.sort_by_key(|&(pos, _)| pos);
    let mut walker = Walker {
        events,
        bindings,
        at: HashMap::new(),
        breaks: HashMap::new(),
        continues: HashMap::new(),
    };
    let mut state = State {
        definitely: Set::new(bindings),
        maybe: Set::new(bindings),
    };
    walker.body(&prog.body, &mut state, &mut 0);
    Init { at: walker.at }
}

#[derive(Clone, Copy)]
enum Event {
    /// Given a value: declared with one, or assigned (maybe, if not
    /// `certain`).
    Assigned { b: BindingId, certain: bool },
    /// Left without one (maybe, if not `certain`): declared without one, or
    /// moved out.
    Uninit { b: BindingId, certain: bool },
    /// A `break` or `continue` to the loop or labelled block that ends at
    /// `target_end`.
    Jumps { target_end: Pos, continues: bool },
    /// After a statement that always leaves: no path goes on from here.
    Leaves,
}

struct Walker {
    /// Sorted by position.
    events: Vec<(Pos, Event)>,
    bindings: usize,
    at: HashMap<Pos, State>,
    /// By the end of a loop or labelled block: the join of the states its
    /// `break`s leave with.
    breaks: HashMap<Pos, State>,
    /// By the end of a loop: the join of the states its `continue`s go to
    /// its header with.
    continues: HashMap<Pos, State>,
}

impl Walker {
    /// Walks `body` forwards from `state`, the events up to `lo` read.
    /// Leaves in `state` what holds at its end, and `lo` there.
    fn body(&mut self, body: &Body, state: &mut State, lo: &mut Pos) {
        self.straight(body.start, lo, state);
        for stmt in &body.stmts {
            match stmt {
                Stmt::Plain(_) => {}
                Stmt::Value(v) => self.value(v, state, lo),
                Stmt::Let(l) => {
                    if let Some(init) = &l.init {
                        self.value(init, state, lo);
                    }
                    if let Some(diverge) = &l.diverge {
                        // The `else` never goes on to the pattern's
                        // declarations, which come after it.
                        self.straight(diverge.start, lo, state);
                        let mut in_else = state.clone();
                        self.body(diverge, &mut in_else, lo);
                    }
                }
            }
        }
        if let Some(tail) = &body.tail {
            self.value(tail, state, lo);
        }
        self.straight(body.end, lo, state);
    }

    fn value(&mut self, v: &Value, state: &mut State, lo: &mut Pos) {
        match v {
            Value::Expr(_) => {}
            Value::Yield { pos, .. } => {
                self.straight(*pos, lo, state);
                self.at.insert(*pos, state.clone());
            }
            Value::Block { body, label, end } => {
                if label.is_some() {
                    self.breaks.insert(*end, State::unreached(self.bindings));
                }
                self.body(body, state, lo);
                if label.is_some() {
                    state.join(&self.breaks[end]);
                }
                self.at.insert(*end, state.clone());
            }
            Value::If {
                then,
                otherwise,
                end,
                ..
            } => {
                // The condition, and its patterns' declarations.
                self.straight(then.start, lo, state);
                let mut in_else = state.clone();
                self.body(then, state, lo);
                if let Some(otherwise) = otherwise {
                    self.body(otherwise, &mut in_else, lo);
                }
                state.join(&in_else);
                self.at.insert(*end, state.clone());
            }
            Value::Match { arms, end, .. } => {
                // The scrutinee.
                if let Some(first) = arms.first() {
                    self.straight(first.start, lo, state);
                }
                let before = state.clone();
                *state = State::unreached(self.bindings);
                for arm in arms {
                    let mut in_arm = before.clone();
                    self.body(&arm.body, &mut in_arm, lo);
                    state.join(&in_arm);
                }
                self.at.insert(*end, state.clone());
            }
            Value::Loop {
                body, start, end, ..
            } => {
                self.straight(*start, lo, state);
                let entry = state.clone();
                let mut header = entry.clone();
                let body_lo = *lo;
                loop {
                    self.breaks.insert(*end, State::unreached(self.bindings));
                    self.continues.insert(*end, State::unreached(self.bindings));
                    let mut in_body = header.clone();
                    *lo = body_lo;
                    // Recorded at the header before the body, which may
                    // record more under it.
                    self.at.insert(*start, header.clone());
                    self.body(body, &mut in_body, lo);
                    in_body.join(&self.continues[end]);
                    in_body.join(&entry);
                    if in_body == header {
                        break;
                    }
                    header.join(&in_body);
                }
                *state = self.breaks[end].clone();
                self.at.insert(*end, state.clone());
            }
        }
    }

    /// Reads the events of yield-free code at the positions after `lo` up
    /// to `hi` into `state`, and moves `lo` to `hi`.
    fn straight(&mut self, hi: Pos, lo: &mut Pos, state: &mut State) {
        let from = self.events.partition_point(|&(pos, _)| pos <= *lo);
        let to = self.events.partition_point(|&(pos, _)| pos <= hi);
        for i in from..to.max(from) {
            match self.events[i].1 {
                Event::Assigned { b, certain } => {
                    if certain {
                        state.definitely.insert(b);
                    }
                    state.maybe.insert(b);
                }
                Event::Uninit { b, certain } => {
                    state.definitely.remove(b);
                    if certain {
                        state.maybe.remove(b);
                    }
                }
                Event::Leaves => *state = State::unreached(self.bindings),
                Event::Jumps {
                    target_end,
                    continues,
                } => {
                    let targets = if continues {
                        &mut self.continues
                    } else {
                        &mut self.breaks
                    };
                    targets
                        .get_mut(&target_end)
                        .expect("a jump's target is around it")
                        .join(state);
                }
            }
        }
        *lo = hi.max(*lo);
    }
}
