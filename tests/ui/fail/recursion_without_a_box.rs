use baozi_core::prelude::*;

#[generator(yield = u32)]
fn walk(n: u32) {
    if n > 0 {
        yield_from!(walk(n - 1));
    }
    yield_!(n);
}

#[generator(yield = u32)]
fn walk_for(n: u32) {
    if n > 0 {
        for x in walk_for(n - 1) {
            yield_!(x);
        }
    }
    yield_!(n);
}

#[generator(yield = u32)]
fn walk_let(n: u32) {
    let mut below = walk_let(n.saturating_sub(1));
    yield_!(n);
    if n > 0 {
        while let Some(x) = below.next() {
            yield_!(x);
        }
    }
}

struct Counter;

impl Counter {
    #[generator(yield = u32)]
    fn down(&self, n: u32) {
        yield_!(n);
        if n > 0 {
            yield_from!(self.down(n - 1));
        }
    }
}

fn main() {}
