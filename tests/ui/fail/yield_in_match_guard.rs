use baozi_core::prelude::*;

#[generator(yield = i32, resume = bool)]
fn numbers(x: i32) {
    match x {
        0 if yield_!(0) => {}
        _ => {}
    }
}

fn main() {
    let _ = numbers(0);
}
