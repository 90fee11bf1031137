// A function that does not parse is reported where it does not parse; the
// rest of its body is still checked, with `yield_!` standing for a value,
// and its callers find it.
use baozi_core::prelude::*;

#[generator(yield = u32)]
fn half_typed(n: u32) -> u32 {
    let x = ;
    let y: u32 = yield_!(n);
    y + 1
}

fn main() {
    let _ = half_typed(1);
}
