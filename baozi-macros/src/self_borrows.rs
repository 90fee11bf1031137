//! The self-borrow check: takes the [`Program`] and the [`Machine`] `split`
//! made of it, and gives baozi's errors for what a movable state cannot
//! store, at the user's tokens and with the fix, in place of rustc's
//! errors over the expansion.

use crate::ir::{Borrowing, Lender, Program};
use crate::split::Machine;

/// What the state machine cannot store, explained rather than left to a
/// confusing rustc error: a live binding holding a borrow of another local
/// of the generator, or of a temporary (the state would be
/// self-referential). A dead borrower is stored only if its type may have
/// drop glue, which rustc decides (see `scope::Storage::Dead`). (A binding
/// declared without a value is stored only where it certainly has one, or
/// where a later read needs it, which in a valid program means it has one:
/// baozi's guess took a copy for a move.)
pub fn check(prog: &Program, machine: &Machine) -> Vec<syn::Error> {
    let mut errors = Vec::new();
    // A borrower moved or adapted into another (`for c in chars`) has the
    // same borrow: one error for it.
    let mut reported = Vec::new();
    for borrow in &prog.borrows {
        let Some(suspend) = machine
            .suspends
            .iter()
            .find(|s| s.fields.contains(&borrow.borrower) && !s.dead.contains(&borrow.borrower))
        else {
            continue;
        };
        let key = (borrow.lender, format!("{:?}", borrow.span));
        if reported.contains(&key) {
            continue;
        }
        reported.push(key);
        let message = match borrow.lender {
            Lender::Local(owner) => {
                let owner = &prog.bindings[owner].name;
                let instead = match borrow.how {
                    // `for c in s` does not compile for a `String`.
                    Borrowing::Method { of_text: true } => format!(
                        "Collect what you need into a value the generator owns (`let chars: \
                         Vec<char> = {owner}.chars().collect();`, then `for c in chars`), work by \
                         index (keep a byte index `i` across the `yield_!` and read \
                         `{owner}[i..].chars().next()` after it), or borrow from an argument of the \
                         generator instead"
                    ),
                    Borrowing::Method { of_text: false } => format!(
                        "Iterate by value (`for x in {owner}`), by index (`for i in \
                         0..{owner}.len()`), copy or clone what you need out of it before the \
                         `yield_!`, or borrow from an argument of the generator instead"
                    ),
                    Borrowing::Guard => format!(
                        "Copy or clone what you need out of the guard and let it go before the \
                         `yield_!` (take the guard in a block of its own that gives the copy: \
                         `let items = {{ let guard = ..; guard.clone() }};`), or borrow \
                         `{owner}` from an argument of the generator instead"
                    ),
                    Borrowing::Reference => format!(
                        "Keep a copy or clone of what you need, or an index into `{owner}`, \
                         instead of the reference, or borrow from an argument of the generator \
                         instead"
                    ),
                    Borrowing::Closure => format!(
                        "The closure captures `{owner}` by reference: make it a `move` closure \
                         (`move |x| ..`), which keeps its own copy of `{owner}`"
                    ),
                    Borrowing::Operand => "Compute the `yield_!` first, in a `let` before this \
                         statement (`let v = yield_!(..);`), so that the borrow starts after the \
                         generator resumes"
                        .to_owned(),
                };
                (
                    format!(
                        "this borrows `{owner}`, a local of the generator, and the borrow is kept \
                         across a `yield_!`: the generator's state would point into itself, which \
                         a movable generator cannot do. {instead}"
                    ),
                    format!("the generator suspends here while `{owner}` is borrowed"),
                )
            }
            Lender::Temporary => {
                let name = &prog.bindings[borrow.borrower].name;
                (
                    format!(
                        "this borrows a temporary value, which lives in the generator as long as \
                         `{name}` does, and the borrow is kept across a `yield_!`: the generator's \
                         state would point into itself, which a movable generator cannot do. Bind \
                         the value itself (`let mut {name} = 0;` rather than `let {name} = &mut 0;`)"
                    ),
                    "the generator suspends here while the temporary is borrowed".to_owned(),
                )
            }
        };
        let mut e = syn::Error::new(borrow.span, message.0);
        e.combine(syn::Error::new(suspend.span, message.1));
        errors.push(e);
    }
    errors
}
