//! Regression (in-place resumes): `label.map(..)` takes `label` by value, but a method call
//! whose receiver is mentioned again (here by the loop's next iteration)
//! counted as a place, so `label` was kept in place and the call becomes
//! `(*label).map(..)`: error[E0507] cannot move out of `*label` which is
//! behind a mutable reference. Compiled before in-place resumes.

use baozi_core::prelude::*;

#[generator(yield = usize)]
fn rebuilt(n: usize) {
    let mut label = Some(String::new());
    let mut i = 0;
    while i < n {
        yield_!(label.as_ref().map_or(0, String::len));
        label = label.map(|s| s + "x");
        i += 1;
    }
}

fn main() {
    assert_eq!(rebuilt(4).collect::<Vec<_>>(), [0, 1, 2, 3]);
}
