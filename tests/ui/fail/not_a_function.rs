use baozi_core::prelude::*;

#[generator(yield = i32)]
struct Numbers;

fn main() {}
