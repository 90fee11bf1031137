use baozi_core::prelude::*;

fn main() {
    yield_!(1);
}
