use baozi_core::prelude::*;

#[generator(yield = i32)]
fn numbers() {
    yield_!("one");
}

fn main() {
    let _ = numbers();
}
