// A `generator_block!` derives what a closure would, by itself: asking for
// `derive(..)` is an error rather than silently ignored.
use baozi_core::prelude::*;

fn main() {
    let _ = generator_block!(derive(Serialize); {
        yield_!(1u8);
    });
}
