use baozi_core::prelude::*;

#[generator(yield = i32)]
fn sum_pairs() {
    let v = vec![1, 2, 3];
    for x in v.iter() {
        yield_!(*x);
    }
}

#[generator(yield = char)]
fn letters(s: String) {
    let chars = s.chars();
    for c in chars {
        yield_!(c);
    }
}

fn main() {
    let _ = sum_pairs();
    let _ = letters(String::new());
}
