use baozi_core::prelude::*;

// Assigned on one path only and in scope at the yield: rustc's coroutines
// keep a drop flag (it drops at the end of its scope if it was assigned);
// baozi cannot store a value that may be missing.
#[generator]
fn maybe_assigned(y: bool) {
    let a: String;
    if y {
        a = String::from("a");
    }
    yield_!();
}

fn main() {
    let _ = maybe_assigned(true);
}
