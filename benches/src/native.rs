//! rustc's native coroutines (unstable; feature `native`).

use std::ops::{Coroutine, CoroutineState};
use std::pin::Pin;

use crate::{BUF, Node, STOP, bigstate_init, bigstate_item, bigstate_step, combine, ordered, sum};

/// An `Iterator` over a movable (hence `Unpin`) coroutine.
pub struct Iter<C>(pub C);

impl<C: Coroutine<Yield = u64, Return = ()> + Unpin> Iterator for Iter<C> {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        match Pin::new(&mut self.0).resume(()) {
            CoroutineState::Yielded(x) => Some(x),
            CoroutineState::Complete(()) => None,
        }
    }
}

fn count_while_co(n: u64) -> impl Coroutine<Yield = u64, Return = ()> + Unpin {
    #[coroutine]
    move || {
        let mut i = 0;
        while i < n {
            yield i;
            i += 1;
        }
    }
}

fn count_for_co(n: u64) -> impl Coroutine<Yield = u64, Return = ()> + Unpin {
    #[coroutine]
    move || {
        for i in 0..n {
            yield i;
        }
    }
}

/// `count` (`while`).
pub fn count_while(n: u64) -> u64 {
    sum(Iter(count_while_co(n)))
}

/// `count` (`for`).
pub fn count_for(n: u64) -> u64 {
    sum(Iter(count_for_co(n)))
}

fn consumer() -> impl Coroutine<u64, Yield = (), Return = u64> + Unpin {
    #[coroutine]
    |_first: u64| {
        let mut total = 0u64;
        loop {
            let x: u64 = yield ();
            if x == STOP {
                return total;
            }
            total += x;
        }
    }
}

/// `pingpong`.
pub fn pingpong(n: u64) -> u64 {
    let mut c1 = consumer();
    let mut c2 = consumer();
    let _ = Pin::new(&mut c1).resume(0);
    let _ = Pin::new(&mut c2).resume(0);
    for i in 0..n {
        let _ = Pin::new(&mut c1).resume(std::hint::black_box(i));
        let _ = Pin::new(&mut c2).resume(std::hint::black_box(i));
    }
    match (
        Pin::new(&mut c1).resume(STOP),
        Pin::new(&mut c2).resume(STOP),
    ) {
        (CoroutineState::Complete(t1), CoroutineState::Complete(t2)) => combine(t1, t2),
        _ => unreachable!("consumers must return on STOP"),
    }
}

fn inorder(root: &Node) -> impl Coroutine<Yield = u64, Return = ()> + Unpin + '_ {
    #[coroutine]
    move || {
        let mut stack: Vec<&Node> = Vec::new();
        let mut cur = Some(root);
        loop {
            while let Some(node) = cur {
                stack.push(node);
                cur = node.left.as_deref();
            }
            let Some(node) = stack.pop() else { return };
            yield node.val;
            cur = node.right.as_deref();
        }
    }
}

/// `tree`.
pub fn tree(root: &Node) -> u64 {
    ordered(Iter(inorder(root)))
}

fn bigstate_co(n: u64) -> impl Coroutine<Yield = u64, Return = ()> + Unpin {
    #[coroutine]
    move || {
        let mut buf: [u8; BUF] = bigstate_init();
        let mut i = 0;
        while i < n {
            let x = bigstate_item(&buf, i);
            yield x;
            bigstate_step(&mut buf, i, x);
            i += 1;
        }
    }
}

/// `bigstate`.
pub fn bigstate(n: u64) -> u64 {
    sum(Iter(bigstate_co(n)))
}

/// `size_of_val` per workload.
pub fn sizes() -> [(&'static str, &'static str, usize); 5] {
    let root = crate::tree(1);
    [
        ("count", "native_while", size_of_val(&count_while_co(1))),
        ("count", "native_for", size_of_val(&count_for_co(1))),
        ("pingpong", "native", size_of_val(&consumer())),
        ("tree", "native", size_of_val(&inorder(root))),
        ("bigstate", "native", size_of_val(&bigstate_co(1))),
    ]
}
