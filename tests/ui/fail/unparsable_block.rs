// A `generator_block!` that does not parse is reported where it does not
// parse, and its body is kept (with `yield_!` standing for a value) for an
// IDE to analyse.
use baozi_core::prelude::*;

fn main() {
    let _ = generator_block!({
        let x = ;
        let y: u32 = yield_!(1u32);
        y
    });
}
