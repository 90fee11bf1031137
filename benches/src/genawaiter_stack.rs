//! genawaiter's `stack` flavour: an `async` body polled in place (no
//! allocation), yielding through `co.yield_(v).await`.

use std::future::Future;

use genawaiter::GeneratorState;
use genawaiter::stack::{Co, Gen, Shelf, let_gen_using};

use crate::{BUF, Node, STOP, bigstate_init, bigstate_item, bigstate_step, combine, ordered, sum};

/// `count` body.
pub async fn count_co(co: Co<'_, u64>, n: u64) {
    let mut i = 0;
    while i < n {
        co.yield_(i).await;
        i += 1;
    }
}

/// `count`.
pub fn count(n: u64) -> u64 {
    let_gen_using!(g, |co| count_co(co, n));
    sum(g.into_iter())
}

/// `pingpong` consumer body.
pub async fn consumer(co: Co<'_, (), u64>) -> u64 {
    let mut total = 0u64;
    loop {
        let x = co.yield_(()).await;
        if x == STOP {
            return total;
        }
        total += x;
    }
}

/// `pingpong`.
pub fn pingpong(n: u64) -> u64 {
    let_gen_using!(c1, consumer);
    let_gen_using!(c2, consumer);
    c1.resume_with(0);
    c2.resume_with(0);
    for i in 0..n {
        c1.resume_with(std::hint::black_box(i));
        c2.resume_with(std::hint::black_box(i));
    }
    match (c1.resume_with(STOP), c2.resume_with(STOP)) {
        (GeneratorState::Complete(t1), GeneratorState::Complete(t2)) => combine(t1, t2),
        _ => unreachable!("consumers must return on STOP"),
    }
}

/// `tree` body: in-order traversal with an explicit stack.
pub async fn inorder(co: Co<'_, u64>, root: &Node) {
    let mut stack: Vec<&Node> = Vec::new();
    let mut cur = Some(root);
    loop {
        while let Some(node) = cur {
            stack.push(node);
            cur = node.left.as_deref();
        }
        let Some(node) = stack.pop() else { return };
        co.yield_(node.val).await;
        cur = node.right.as_deref();
    }
}

/// `tree`.
pub fn tree(root: &Node) -> u64 {
    let_gen_using!(g, |co| inorder(co, root));
    ordered(g.into_iter())
}

/// `bigstate` body.
pub async fn bigstate_co(co: Co<'_, u64>, n: u64) {
    let mut buf: [u8; BUF] = bigstate_init();
    let mut i = 0;
    while i < n {
        let x = bigstate_item(&buf, i);
        co.yield_(x).await;
        bigstate_step(&mut buf, i, x);
        i += 1;
    }
}

/// `bigstate`.
pub fn bigstate(n: u64) -> u64 {
    let_gen_using!(g, |co| bigstate_co(co, n));
    sum(g.into_iter())
}

fn shelf_size<Y, R, F: Future>(_: &Gen<'_, Y, R, F>) -> usize {
    size_of::<Shelf<Y, R, F>>()
}

/// Size of the pinned state (`Shelf`: the future plus the airlock) per
/// workload; the `Gen` itself is one pointer.
pub fn sizes() -> [(&'static str, &'static str, usize); 4] {
    let root = crate::tree(1);
    let_gen_using!(count_g, |co| count_co(co, 1));
    let_gen_using!(pingpong_g, consumer);
    let_gen_using!(tree_g, |co| inorder(co, root));
    let_gen_using!(bigstate_g, |co| bigstate_co(co, 1));
    [
        ("count", "genawaiter", shelf_size(count_g)),
        ("pingpong", "genawaiter", shelf_size(pingpong_g)),
        ("tree", "genawaiter", shelf_size(tree_g)),
        ("bigstate", "genawaiter", shelf_size(bigstate_g)),
    ]
}
