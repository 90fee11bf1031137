use baozi_core::prelude::*;

#[generator(yeld = i32, resume = u8, send = u8)]
fn numbers() {}

fn main() {}
