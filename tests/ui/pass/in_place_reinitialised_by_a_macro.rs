//! Regression (in-place resumes): `s` is moved, reassigned by a macro, then read. The copy
//! analysis skipped the macro (it "may not use" `s`) and took the read for a
//! use after a move, which only compiles for a `Copy` type: `s` is classed
//! as copied, and the resume does `copied(&s)`: error[E0277] "use of moved
//! value: this local of type `String` is moved and then used again".
//! Compiled before in-place resumes.

use baozi_core::prelude::*;

macro_rules! reset {
    ($v:ident) => {
        $v = String::from("new")
    };
}

#[generator(yield = usize)]
fn reinit_by_macro() -> usize {
    let mut s = String::from("a");
    yield_!(0);
    drop(s);
    reset!(s);
    s.len()
}

fn main() {
    let mut g = reinit_by_macro();
    assert_eq!(g.resume(()), GeneratorState::Yielded(0));
    assert_eq!(g.resume(()), GeneratorState::Complete(3));
}
