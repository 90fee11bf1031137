use baozi_core::prelude::*;

struct Basket {
    baozi: u32,
}

#[generator(yield = u32)]
fn unpack(basket: Basket) {
    yield_from!(basket);
}

fn main() {
    let _ = unpack(Basket { baozi: 3 }).count();
}
