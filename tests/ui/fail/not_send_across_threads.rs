use baozi_core::prelude::*;
use std::rc::Rc;

#[generator(yield = usize)]
fn counts() {
    let shared = Rc::new(5);
    yield_!(Rc::strong_count(&shared));
}

fn assert_send<T: Send>(_: T) {}

fn main() {
    assert_send(counts());
}
