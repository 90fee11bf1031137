// A `yield_!` that another macro's expansion produces is not seen by the
// generator (baozi reads the body's tokens): the error says so.
use baozi_core::prelude::*;

macro_rules! yield_twice {
    ($v:expr) => {
        yield_!($v);
        yield_!($v);
    };
}

#[generator(yield = u32)]
fn numbers() {
    yield_twice!(1);
}

fn main() {
    let _ = numbers();
}
