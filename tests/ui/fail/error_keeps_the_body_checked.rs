// Next to baozi's error, the body is still type-checked (as an IDE analyses
// it while the user is typing), with `yield_!` standing for a value of the
// resume type: the type error below is reported too, and nothing else.
use baozi_core::prelude::*;

#[generator(yield = u32, resume = u32)]
fn adder() -> u32 {
    let total: u32 = yield_!(0);
    let f = || yield_!(1);
    let wrong: bool = total;
    f();
    total
}

fn main() {
    let mut g = adder();
    let _: Option<u32> = g.send(1);
}
