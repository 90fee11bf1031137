use baozi_core::prelude::*;

#[generator(yield = i32)]
fn outer() {
    fn inner() {
        yield_!(1);
    }
    inner();
    yield_!(2);
}

fn main() {
    let _ = outer();
}
