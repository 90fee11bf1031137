//! Liveness analysis: takes the [`Program`] and gives its [`Liveness`]: for
//! each binding, how far into the body a mention of it may still run. It
//! writes nothing into the program; `scope` consumes the value to decide
//! what each suspension stores.
//!
//! A binding is live at a position when a mention of it may execute after
//! that position: one that comes later in the text, or one inside a loop
//! that contains the position and was entered after the binding was
//! declared (the next iteration runs it again). A mention inside the tokens
//! of a macro baozi cannot parse counts (it may use the binding), so the
//! analysis can only err on the side of live.

use crate::ir::{BindingId, Pos, Program};

/// The result of the analysis (see the module docs).
pub struct Liveness {
    /// By binding: it is live exactly at the positions before this one.
    live_until: Vec<Pos>,
}

impl Liveness {
    /// Whether a mention of binding `b` may execute after position `at`
    /// (a position where `b` is in scope).
    pub fn is_live(&self, b: BindingId, at: Pos) -> bool {
        at < self.live_until[b]
    }
}

/// Runs the analysis.
///
/// A mention at `m` keeps its binding live before `m` and, when `m` is in a
/// loop entered after the declaration, everywhere in that loop: so the
/// binding is live before the largest of its mentions' positions and of the
/// ends of such loops around them.
pub fn liveness(prog: &Program) -> Liveness {
    let live_until = prog
        .bindings
        .iter()
        .map(|binding| {
            binding
                .mentions()
                .map(|m| {
                    prog.loops
                        .iter()
                        .filter(|&&(start, end)| {
                            start > binding.declared_at && start <= m && m < end
                        })
                        .map(|&(_, end)| end)
                        .fold(m, Pos::max)
                })
                .max()
                .unwrap_or(0)
        })
        .collect();
    Liveness { live_until }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    /// The liveness of the generator's bindings, and the position of each
    /// `yield_!` in order.
    fn analysed(item: proc_macro2::TokenStream) -> (Program, Liveness, Vec<Pos>) {
        let func = crate::parse::parse(quote!(yield = u8), item).unwrap();
        let prog = crate::normalize::normalize(&func).unwrap_or_else(|e| panic!("{}", e[0]));
        let live = liveness(&prog);
        let mut yields = Vec::new();
        collect_yields(&prog.body, &mut yields);
        (prog, live, yields)
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
