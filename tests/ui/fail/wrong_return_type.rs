use baozi_core::prelude::*;

#[generator(yield = i32)]
fn numbers() -> String {
    yield_!(1);
    42
}

fn main() {
    let _ = numbers();
}
