use baozi_core::prelude::*;

#[generator(yield = i32, resume = i32)]
fn numbers() {
    println!("{}", yield_!(1));
}

fn main() {
    let _ = numbers();
}
