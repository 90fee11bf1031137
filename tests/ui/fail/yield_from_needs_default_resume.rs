use baozi_core::prelude::*;

struct Token(u8);

#[generator(yield = u8, resume = Token)]
fn inner() {
    let t = yield_!(1);
    drop(t.0);
}

#[generator(yield = u8, resume = Token)]
fn outer() {
    yield_from!(inner());
}

fn main() {
    let _ = outer();
}
