// baozi recognises `yield_!` by its name: a renamed import is not a
// suspension point, and the error says so.
use baozi_core::prelude::*;
use baozi_core::yield_ as y;

#[generator(yield = u32)]
fn numbers() {
    y!(1);
}

fn main() {
    let _ = numbers();
}
