use baozi_core::prelude::*;

#[generator(yield = i32, resume = u8)]
fn numbers() {
    let s: String = yield_!(1);
    drop(s);
}

fn main() {
    let _ = numbers();
}
