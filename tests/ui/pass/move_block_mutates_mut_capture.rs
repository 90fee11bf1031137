// A `move` block that assigns a `mut` captured variable compiles without an
// `unused_mut` warning (denied here), and shadowing a non-`mut` capture with
// a `mut` local is fine, as in a `move` closure.
#![deny(unused_mut)]
use baozi_core::prelude::*;

fn main() {
    let mut x = 0u32;
    let mut counter = generator_block!(move {
        loop {
            x += 1;
            yield_!(x);
        }
    });
    assert_eq!(counter.next(), Some(1));
    assert_eq!(counter.next(), Some(2));
    assert_eq!(x, 0, "the block owns a copy");

    let y = 10u32;
    let mut shadowing = generator_block!(move {
        let mut y = y;
        y += 1;
        yield_!(y);
    });
    assert_eq!(shadowing.next(), Some(11));

    let mut log = String::new();
    let mut borrowing = generator_block!(move {
        {
            let r = &mut log;
            r.push('a');
        }
        yield_!(log.len());
    });
    assert_eq!(borrowing.next(), Some(1));
}
