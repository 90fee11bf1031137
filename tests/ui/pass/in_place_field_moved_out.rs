//! Regression (in-place resumes): `return st.0` moves a field out, but a field base mentioned
//! again (here by the loop's next iteration) counted as a place, so `st` is
//! kept in place and the return became `(*st).0`: error[E0507] cannot move
//! out of `st.0` which is behind a mutable reference. Fixed: such a
//! binding is now moved, not kept in place.

use baozi_core::prelude::*;

#[generator(yield = usize)]
fn field_returned() -> String {
    let mut st = (String::from("name"), 0);
    loop {
        yield_!(st.1);
        st.1 += 1;
        if st.1 == 3 {
            return st.0;
        }
    }
}

fn main() {
    let mut g = field_returned();
    for i in 0..3 {
        assert_eq!(g.resume(()), GeneratorState::Yielded(i));
    }
    assert_eq!(g.resume(()), GeneratorState::Complete("name".to_string()));
}
