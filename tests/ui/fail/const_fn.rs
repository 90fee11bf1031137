use baozi_core::prelude::*;

#[generator(yield = i32)]
const fn numbers() {
    yield_!(1);
}

fn main() {}
