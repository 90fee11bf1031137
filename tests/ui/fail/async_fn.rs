use baozi_core::prelude::*;

#[generator(yield = i32)]
async fn numbers() {
    yield_!(1);
}

fn main() {}
