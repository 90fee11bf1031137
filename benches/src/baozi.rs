//! `#[generator]`.

use baozi_core::prelude::*;

use crate::{BUF, Node, STOP, bigstate_init, bigstate_item, bigstate_step, ordered, sum};

/// `count`, with a `while` loop.
#[generator(yield = u64)]
pub fn count_while_gen(n: u64) {
    let mut i = 0;
    while i < n {
        yield_!(i);
        i += 1;
    }
}

/// `count`, with a `for` loop over a range.
#[generator(yield = u64)]
pub fn count_for_gen(n: u64) {
    for i in 0..n {
        yield_!(i);
    }
}

/// `count` (`while`).
pub fn count_while(n: u64) -> u64 {
    sum(count_while_gen(n))
}

/// `count` (`for`).
pub fn count_for(n: u64) -> u64 {
    sum(count_for_gen(n))
}

/// `pingpong`: the tutorial's consumer, keeping a running total.
#[generator(yield = (), resume = u64)]
pub fn consumer() -> u64 {
    let mut total = 0u64;
    loop {
        let x = yield_!();
        if x == STOP {
            return total;
        }
        total += x;
    }
}

/// `pingpong`.
pub fn pingpong(n: u64) -> u64 {
    crate::hand::produce(consumer(), consumer(), n)
}

/// `tree`: in-order traversal with an explicit stack.
#[generator(yield = u64)]
pub fn inorder(root: &Node) {
    let mut stack: Vec<&Node> = Vec::new();
    let mut cur = Some(root);
    loop {
        while let Some(node) = cur {
            stack.push(node);
            cur = node.left.as_deref();
        }
        let node = match stack.pop() {
            Some(node) => node,
            None => return,
        };
        yield_!(node.val);
        cur = node.right.as_deref();
    }
}

/// `tree`.
pub fn tree(root: &Node) -> u64 {
    ordered(inorder(root))
}

/// `bigstate`: a 4 KiB buffer kept across yields.
#[generator(yield = u64)]
pub fn bigstate_gen(n: u64) {
    let mut buf: [u8; BUF] = bigstate_init();
    let mut i = 0;
    while i < n {
        let x = bigstate_item(&buf, i);
        yield_!(x);
        bigstate_step(&mut buf, i, x);
        i += 1;
    }
}

/// `bigstate`.
pub fn bigstate(n: u64) -> u64 {
    sum(bigstate_gen(n))
}

/// `size_of_val` per workload.
pub fn sizes() -> [(&'static str, &'static str, usize); 5] {
    let root = crate::tree(1);
    [
        ("count", "baozi_while", size_of_val(&count_while_gen(1))),
        ("count", "baozi_for", size_of_val(&count_for_gen(1))),
        ("pingpong", "baozi", size_of_val(&consumer())),
        ("tree", "baozi", size_of_val(&inorder(root))),
        ("bigstate", "baozi", size_of_val(&bigstate_gen(1))),
    ]
}
