use baozi_core::prelude::*;

fn consume(_: String) {}

#[generator(yield = i32)]
fn numbers() {
    let s = String::from("x");
    consume(s);
    yield_!(1);
    println!("{s}");
}

fn main() {
    let _ = numbers();
}
