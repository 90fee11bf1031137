// A generator without `yield = T` yields `()`: yielding a value says to add
// `yield = T`.
use baozi_core::prelude::*;

#[generator]
fn numbers() {
    for i in 0..3u32 {
        yield_!(i * 2);
    }
}

fn main() {
    let _ = numbers();
}
