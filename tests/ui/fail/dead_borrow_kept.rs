use baozi_core::prelude::*;

// `it` is dead at the yield, but a `Chars` is neither `Copy` nor `&mut`, so
// baozi keeps it to the end of its block, and it borrows `s` (rustc's own
// coroutines accept this: `Chars` has no drop glue).
#[generator(yield = u32)]
fn first_char() -> usize {
    let s = String::from("a b");
    let mut it = s.chars();
    it.next();
    yield_!(1);
    s.len()
}

fn main() {
    let _ = first_char();
}
