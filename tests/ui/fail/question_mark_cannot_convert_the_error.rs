// `?` converts the error with `From`, as in a function: an error type it
// cannot convert is reported as rustc reports it.
use baozi_core::prelude::*;

#[derive(Debug)]
struct MyError;

#[generator(yield = u32)]
fn parse_all(words: Vec<&'static str>) -> Result<(), MyError> {
    for w in words {
        let n: u32 = w.parse()?;
        yield_!(n);
    }
    Ok(())
}

fn main() {
    let _ = parse_all(vec!["1"]);
}
