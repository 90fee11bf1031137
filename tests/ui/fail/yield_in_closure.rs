use baozi_core::prelude::*;

#[generator(yield = i32)]
fn numbers(v: Vec<i32>) {
    v.into_iter().for_each(|x| {
        yield_!(x);
    });
}

fn main() {
    let _ = numbers(vec![1]);
}
