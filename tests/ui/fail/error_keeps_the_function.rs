// A generator whose body has an error still declares the function, with
// its signature: its callers see no second error.
use baozi_core::prelude::*;

#[generator(yield = u32)]
fn numbers() {
    let f = || yield_!(1);
    f();
}

#[generator(yield = u32, yeld = u8)]
fn misspelt_argument() {
    yield_!(2);
}

fn main() {
    let total: u32 = numbers().sum();
    let first: Option<u32> = misspelt_argument().next();
    let _ = (total, first);
}
