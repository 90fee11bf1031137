//! The baseline: hand-written `Iterator`s and a hand-written state machine.

use baozi_core::{Generator, GeneratorState};

use crate::{BUF, Node, STOP, bigstate_init, bigstate_item, bigstate_step, combine, ordered, sum};

/// `count`: yields `0..n`.
pub struct Count {
    i: u64,
    n: u64,
}

impl Iterator for Count {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        if self.i < self.n {
            let i = self.i;
            self.i += 1;
            Some(i)
        } else {
            None
        }
    }
}

/// `count`.
pub fn count(n: u64) -> u64 {
    sum(Count { i: 0, n })
}

/// `pingpong`: the consumer, as the enum a generator compiles to.
pub enum Consumer {
    /// Not started.
    Start,
    /// Suspended at the `yield`, with the running total.
    Suspended {
        /// Sum of the values received.
        total: u64,
    },
    /// Returned.
    Done,
}

impl Generator<u64> for Consumer {
    type Yield = ();
    type Return = u64;
    #[inline]
    fn resume(&mut self, x: u64) -> GeneratorState<(), u64> {
        match self {
            Consumer::Start => {
                *self = Consumer::Suspended { total: 0 };
                GeneratorState::Yielded(())
            }
            Consumer::Suspended { total } => {
                if x == STOP {
                    let t = *total;
                    *self = Consumer::Done;
                    GeneratorState::Complete(t)
                } else {
                    *total += x;
                    GeneratorState::Yielded(())
                }
            }
            Consumer::Done => panic!("resumed after completion"),
        }
    }
    fn is_complete(&self) -> bool {
        matches!(self, Consumer::Done)
    }
    /// `resume` hands the total out itself.
    fn take_return(&mut self) -> Option<u64> {
        None
    }
}

/// Drives two consumers written against [`Generator`] (shared with baozi).
#[inline(always)]
pub fn produce<C: Generator<u64, Yield = (), Return = u64>>(mut c1: C, mut c2: C, n: u64) -> u64 {
    c1.resume(0);
    c2.resume(0);
    for i in 0..n {
        c1.send(std::hint::black_box(i));
        c2.send(std::hint::black_box(i));
    }
    match (c1.resume(STOP), c2.resume(STOP)) {
        (GeneratorState::Complete(t1), GeneratorState::Complete(t2)) => combine(t1, t2),
        _ => unreachable!("consumers must return on STOP"),
    }
}

/// `pingpong`.
pub fn pingpong(n: u64) -> u64 {
    produce(Consumer::Start, Consumer::Start, n)
}

/// `tree`: in-order traversal with an explicit stack.
pub struct InOrder<'a> {
    stack: Vec<&'a Node>,
    cur: Option<&'a Node>,
}

impl<'a> Iterator for InOrder<'a> {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        while let Some(node) = self.cur {
            self.stack.push(node);
            self.cur = node.left.as_deref();
        }
        let node = self.stack.pop()?;
        self.cur = node.right.as_deref();
        Some(node.val)
    }
}

/// `tree`.
pub fn tree(root: &Node) -> u64 {
    ordered(InOrder {
        stack: Vec::new(),
        cur: Some(root),
    })
}

/// `bigstate`: yields from a 4 KiB buffer it changes at each step.
pub struct BigState {
    buf: [u8; BUF],
    i: u64,
    n: u64,
}

impl Iterator for BigState {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        if self.i < self.n {
            let x = bigstate_item(&self.buf, self.i);
            bigstate_step(&mut self.buf, self.i, x);
            self.i += 1;
            Some(x)
        } else {
            None
        }
    }
}

/// `bigstate`.
pub fn bigstate(n: u64) -> u64 {
    sum(BigState {
        buf: bigstate_init(),
        i: 0,
        n,
    })
}

/// `size_of_val` per workload.
pub fn sizes() -> [(&'static str, &'static str, usize); 4] {
    [
        ("count", "hand", size_of_val(&Count { i: 0, n: 1 })),
        ("pingpong", "hand", size_of_val(&Consumer::Start)),
        (
            "tree",
            "hand",
            size_of_val(&InOrder {
                stack: Vec::new(),
                cur: None,
            }),
        ),
        (
            "bigstate",
            "hand",
            size_of_val(&BigState {
                buf: [0; BUF],
                i: 0,
                n: 1,
            }),
        ),
    ]
}
