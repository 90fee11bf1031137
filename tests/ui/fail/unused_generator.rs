// A generator that is created and never resumed does nothing: like an
// unused iterator, it warns (an error here, with `deny`).
#![deny(unused_must_use)]
use baozi_core::prelude::*;

#[generator(yield = u32)]
fn numbers() {
    yield_!(1);
}

fn main() {
    numbers();
    generator_block!({
        yield_!(2u32);
    });
}
