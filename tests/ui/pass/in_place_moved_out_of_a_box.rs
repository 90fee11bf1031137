//! Regression (in-place resumes): `*b` moves the `String` out of its `Box`, but a dereference
//! counted as a place, so `b` was kept in place and the return becomes
//! `*(*b)`: error[E0507] cannot move out of `**b` which is behind a mutable
//! reference. Compiled before in-place resumes.

use baozi_core::prelude::*;

#[generator(yield = usize)]
fn boxed() -> String {
    let mut b = Box::new(String::new());
    loop {
        yield_!(b.len());
        b.push('x');
        if b.len() == 3 {
            return *b;
        }
    }
}

fn main() {
    let mut g = boxed();
    for i in 0..3 {
        assert_eq!(g.resume(()), GeneratorState::Yielded(i));
    }
    assert_eq!(g.resume(()), GeneratorState::Complete("xxx".to_string()));
}
