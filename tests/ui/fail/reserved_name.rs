use baozi_core::prelude::*;

#[generator(yield = u32)]
fn counter() {
    let __baozi_hole0 = 1;
    yield_!(__baozi_hole0);
}

fn main() {
    let _ = counter();
}
