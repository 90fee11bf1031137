use baozi_core::prelude::*;

#[generator(yield = i32)]
fn numbers() {
    let mut total = 0;
    for i in 0..3 {
        total += i;
        yield_!(total);
    }
    let s: &str = total;
    drop(s);
}

fn main() {
    let _ = numbers();
}
