use baozi_core::prelude::*;

#[generator(yield = u32, resume = bool)]
fn numbers() {
    yield_from!(0..3);
}

fn main() {
    let _ = numbers();
}
