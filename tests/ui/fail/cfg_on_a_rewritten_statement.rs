// `#[cfg]` on a statement that the transform rewrites (a `let`, one with a
// `yield_!`, an arm of a `match` with one): the macro sees the body before
// rustc configures it, so it refuses rather than keep what rustc drops.
use baozi_core::prelude::*;

#[generator(yield = i32)]
fn g(n: i32) {
    #[cfg(debug_assertions)]
    yield_!(1);
    #[cfg(not(debug_assertions))]
    let n = n + 1;
    match n {
        #[cfg(debug_assertions)]
        0 => yield_!(0),
        _ => yield_!(n),
    }
}

fn main() {
    let _ = g(0);
}
