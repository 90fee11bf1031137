//! corosensei: stackful coroutines, each on its own 1 MiB stack.

use corosensei::{Coroutine, CoroutineResult, Yielder};

use crate::{BUF, Node, STOP, bigstate_init, bigstate_item, bigstate_step, combine, ordered, sum};

/// An `Iterator` over a coroutine resumed with `()`.
pub struct Iter<Y>(pub Coroutine<(), Y, ()>);

impl<Y> Iterator for Iter<Y> {
    type Item = Y;
    #[inline]
    fn next(&mut self) -> Option<Y> {
        if self.0.done() {
            return None;
        }
        match self.0.resume(()) {
            CoroutineResult::Yield(y) => Some(y),
            CoroutineResult::Return(()) => None,
        }
    }
}

fn count_co(n: u64) -> Coroutine<(), u64, ()> {
    Coroutine::new(move |y: &Yielder<(), u64>, ()| {
        let mut i = 0;
        while i < n {
            y.suspend(i);
            i += 1;
        }
    })
}

/// `count`.
pub fn count(n: u64) -> u64 {
    sum(Iter(count_co(n)))
}

fn consumer() -> Coroutine<u64, (), u64> {
    Coroutine::new(|y: &Yielder<u64, ()>, _first: u64| {
        let mut total = 0u64;
        loop {
            let x = y.suspend(());
            if x == STOP {
                return total;
            }
            total += x;
        }
    })
}

/// `pingpong`.
pub fn pingpong(n: u64) -> u64 {
    let mut c1 = consumer();
    let mut c2 = consumer();
    c1.resume(0);
    c2.resume(0);
    for i in 0..n {
        c1.resume(std::hint::black_box(i));
        c2.resume(std::hint::black_box(i));
    }
    match (c1.resume(STOP), c2.resume(STOP)) {
        (CoroutineResult::Return(t1), CoroutineResult::Return(t2)) => combine(t1, t2),
        _ => unreachable!("consumers must return on STOP"),
    }
}

fn walk(y: &Yielder<(), u64>, node: &Node) {
    if let Some(l) = &node.left {
        walk(y, l);
    }
    y.suspend(node.val);
    if let Some(r) = &node.right {
        walk(y, r);
    }
}

fn inorder(root: &'static Node) -> Coroutine<(), u64, ()> {
    Coroutine::new(move |y: &Yielder<(), u64>, ()| walk(y, root))
}

/// `tree`: plain recursion, natural on a stackful coroutine.
pub fn tree(root: &'static Node) -> u64 {
    ordered(Iter(inorder(root)))
}

fn bigstate_co(n: u64) -> Coroutine<(), u64, ()> {
    Coroutine::new(move |y: &Yielder<(), u64>, ()| {
        let mut buf: [u8; BUF] = bigstate_init();
        let mut i = 0;
        while i < n {
            let x = bigstate_item(&buf, i);
            y.suspend(x);
            bigstate_step(&mut buf, i, x);
            i += 1;
        }
    })
}

/// `bigstate`.
pub fn bigstate(n: u64) -> u64 {
    sum(Iter(bigstate_co(n)))
}

/// `size_of_val` of the coroutine handle per workload (the state itself is
/// on the coroutine's own stack).
pub fn sizes() -> [(&'static str, &'static str, usize); 4] {
    let root = crate::tree(1);
    [
        ("count", "corosensei", size_of_val(&count_co(1))),
        ("pingpong", "corosensei", size_of_val(&consumer())),
        ("tree", "corosensei", size_of_val(&inorder(root))),
        ("bigstate", "corosensei", size_of_val(&bigstate_co(1))),
    ]
}
