use baozi_core::prelude::*;

struct Ticket;

#[generator(yield = u8, derive(Clone))]
fn numbers() {
    let ticket = Ticket;
    yield_!(1);
    drop(ticket);
}

#[generator(yield = u8, derive(Hash))]
fn hashed() {}

fn main() {
    let _ = numbers();
}
