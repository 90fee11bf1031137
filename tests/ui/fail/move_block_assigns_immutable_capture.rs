// A `move` block owns what it captures, as a `move` closure does: assigning
// a captured variable that is not `mut` is an error, as in the closure.
use baozi_core::prelude::*;

fn main() {
    let x = 0u32;
    let mut g = generator_block!(move {
        x += 1;
        yield_!(x);
    });
    let _ = g.next();
}
