use baozi_core::prelude::*;

#[generator(yield = i32)]
fn outer() {
    let _fut = async {
        yield_!(1);
    };
}

fn main() {
    let _ = outer();
}
