//! Scope analysis: takes the [`Program`] and answers, for a binding in scope
//! at a suspension or jump point, whether the state must store it there.
//!
//! Scope, not liveness, decides: a named binding lives until the end of its
//! block even if unused (RAII guards across yields). The one exception is a
//! binding that may have been moved out (a by-value use such as `f(x)`,
//! `let y = x;` or `x.into_iter()`) and is not mentioned again after the
//! point: storing it would use a moved value. Not storing it is unobservable
//! when it was moved (or is `Copy`); when it was moved only on some paths the
//! rest is dropped at the point, where rustc's own coroutines would keep a
//! drop flag. Temporaries introduced by normalisation are used once, by
//! value, so they are stored exactly while they span a yield.

use crate::ir::{BindingId, Pos, Program};
use crate::split::Machine;

/// Whether binding `b`, in scope at position `at`, must be stored there.
pub fn stored(prog: &Program, b: BindingId, at: Pos) -> bool {
    let binding = &prog.bindings[b];
    !binding.maybe_moved || mentioned_after(prog, b, at)
}

/// Whether a mention of `b` may execute after position `at`: it comes later
/// in the text, or both are inside a loop entered after `b` was declared.
pub fn mentioned_after(prog: &Program, b: BindingId, at: Pos) -> bool {
    let binding = &prog.bindings[b];
    binding.mentions.iter().any(|&m| {
        m > at
            || prog.loops.iter().any(|&(start, end)| {
                start > binding.declared_at && start <= m && m < end && start <= at && at < end
            })
    })
}

/// What the state machine cannot store, explained rather than left to a
/// confusing rustc error: a binding holding a borrow of another local of the
/// generator (the state would be self-referential), and a binding declared
/// without a value (`let x;`), which a state cannot hold while uninitialised.
pub fn check_stored(prog: &Program, machine: &Machine) -> Vec<syn::Error> {
    let mut errors = Vec::new();
    for (b, binding) in prog.bindings.iter().enumerate() {
        let Some(declared) = binding.deferred else {
            continue;
        };
        let Some(suspend) = machine.suspends.iter().find(|s| s.fields.contains(&b)) else {
            continue;
        };
        let name = &binding.name;
        let mut e = syn::Error::new(
            declared,
            format!(
                "`{name}` is declared without a value and lives across a `yield_!`: the generator \
                 cannot store it while it may be uninitialised. Give it its value where it is \
                 declared (`let {name} = if .. {{ .. }} else {{ .. }};`)"
            ),
        );
        e.combine(syn::Error::new(
            suspend.span,
            format!("the generator suspends here with `{name}` in scope"),
        ));
        errors.push(e);
    }
    for borrow in &prog.borrows {
        let Some(suspend) = machine
            .suspends
            .iter()
            .find(|s| s.fields.contains(&borrow.borrower))
        else {
            continue;
        };
        let owner = &prog.bindings[borrow.borrowed].name;
        let mut e = syn::Error::new(
            borrow.span,
            format!(
                "this borrows `{owner}`, a local of the generator, and the borrow is kept across a \
                 `yield_!`: the generator's state would point into itself, which a movable \
                 generator cannot do. Iterate by value (`for x in {owner}`), by index \
                 (`for i in 0..{owner}.len()`), or borrow from an argument of the generator instead"
            ),
        );
        e.combine(syn::Error::new(
            suspend.span,
            format!("the generator suspends here while `{owner}` is borrowed"),
        ));
        errors.push(e);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Binding, Body};
    use proc_macro2::{Ident, Span};

    fn program(bindings: Vec<(Pos, Vec<Pos>, bool)>, loops: Vec<(Pos, Pos)>) -> Program {
        Program {
            bindings: bindings
                .into_iter()
                .map(|(declared_at, mentions, maybe_moved)| Binding {
                    ident: Ident::new("x", Span::call_site()),
                    name: "x".into(),
                    mutable: false,
                    declared_at,
                    mentions,
                    maybe_moved,
                    owned: false,
                    deferred: None,
                    accesses: Vec::new(),
                    top_level: false,
                    simple: false,
                    copy_hint: false,
                    reach: crate::ir::Reach::Moved,
                })
                .collect(),
            loops,
            barriers: Vec::new(),
            exits: Vec::new(),
            borrows: Vec::new(),
            params: Vec::new(),
            items: Vec::new(),
            body: Body {
                stmts: Vec::new(),
                tail: None,
                is_unsafe: false,
            },
        }
    }

    #[test]
    fn unused_guard_is_stored() {
        let p = program(vec![(1, vec![], false)], vec![]);
        assert!(stored(&p, 0, 5));
    }

    #[test]
    fn moved_and_not_used_again_is_not_stored() {
        let p = program(vec![(1, vec![2], true)], vec![]);
        assert!(!stored(&p, 0, 5));
    }

    #[test]
    fn moved_but_used_later_is_stored() {
        let p = program(vec![(1, vec![2, 9], true)], vec![]);
        assert!(stored(&p, 0, 5));
    }

    #[test]
    fn mention_earlier_in_an_enclosing_loop_counts() {
        // declared at 1, loop 3..10, mentioned at 4, yield at 6.
        let p = program(vec![(1, vec![4], true)], vec![(3, 10)]);
        assert!(stored(&p, 0, 6));
        // Declared inside the loop: the next iteration has a new binding.
        let p = program(vec![(4, vec![5], true)], vec![(3, 10)]);
        assert!(!stored(&p, 0, 6));
    }
}
