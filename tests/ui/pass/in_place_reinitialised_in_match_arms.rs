//! Regression (in-place resumes): `s` is moved, reassigned in every arm of a `match` (arms
//! without braces), then read. The copy analysis skipped the arms'
//! assignments as conditional and took the read for a use after a move,
//! which only compiles for a `Copy` type: `s` was classed as copied, and the
//! resume does `copied(&s)`: error[E0277] "use of moved value: this local of
//! type `String` is moved and then used again". Compiled before in-place
//! resumes.

use baozi_core::prelude::*;

#[generator(yield = usize)]
fn reinit_in_match(flag: bool) -> usize {
    let mut s = String::from("a");
    yield_!(0);
    drop(s);
    match flag {
        true => s = String::from("bb"),
        false => s = String::from("c"),
    }
    s.len()
}

fn main() {
    let mut g = reinit_in_match(true);
    assert_eq!(g.resume(()), GeneratorState::Yielded(0));
    assert_eq!(g.resume(()), GeneratorState::Complete(2));
}
