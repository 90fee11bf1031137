// `?` returns from the generator, so its return type must be a `Result` or
// an `Option`: the error says so at the `?`.
use baozi_core::prelude::*;

#[generator(yield = u32)]
fn parse_all(words: Vec<&'static str>) {
    for w in words {
        let n: u32 = w.parse().ok()?;
        yield_!(n);
    }
}

fn main() {
    let _ = parse_all(vec!["1"]);
}
