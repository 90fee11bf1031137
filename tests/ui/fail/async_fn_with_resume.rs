use baozi_core::prelude::*;

// An async generator is a `Stream`: its task polls it, nothing sends it values.
#[generator(yield = i32, resume = u8)]
async fn numbers() {
    yield_!(1);
}

fn main() {}
