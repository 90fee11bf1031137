//! The second baseline: each generator written by hand the way a person
//! would, as a struct of its locals and a `started` flag (no enum, no tag to
//! dispatch on, no `Done`/`Poisoned` state), resuming where the generator
//! resumes: after its `yield_!`.
//!
//! This is the code the issue measures baozi against ("a hand-written
//! `struct { total: u64, started: bool }` with `if !started { .. }`"). It
//! does less than a generator: nothing tells a completed consumer from a
//! running one (a `send` after `STOP` adds to the total again, a `resume`
//! after completion does not panic), and a panic poisons nothing. [`hand`]
//! (the enum) is the baseline with the generator's semantics.
//!
//! [`hand`]: crate::hand

use baozi_core::{Generator, GeneratorState};

use crate::{BUF, Node, STOP, bigstate_init, bigstate_item, bigstate_step, ordered, sum};

/// `count`: `i` is the value yielded last.
pub struct Count {
    i: u64,
    n: u64,
    started: bool,
}

impl Iterator for Count {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        if self.started {
            self.i += 1;
        } else {
            self.started = true;
        }
        if self.i < self.n { Some(self.i) } else { None }
    }
}

/// `count`.
pub fn count(n: u64) -> u64 {
    sum(Count {
        i: 0,
        n,
        started: false,
    })
}

/// `pingpong`: the consumer as the issue writes it.
pub struct Consumer {
    total: u64,
    started: bool,
}

impl Generator<u64> for Consumer {
    type Yield = ();
    type Return = u64;
    #[inline]
    fn resume(&mut self, x: u64) -> GeneratorState<(), u64> {
        if !self.started {
            self.started = true;
            return GeneratorState::Yielded(());
        }
        if x == STOP {
            return GeneratorState::Complete(self.total);
        }
        self.total += x;
        GeneratorState::Yielded(())
    }
    /// Never: nothing records the completion.
    #[inline]
    fn is_complete(&self) -> bool {
        false
    }
    /// `resume` hands the total out itself.
    fn take_return(&mut self) -> Option<u64> {
        None
    }
}

/// `pingpong`.
pub fn pingpong(n: u64) -> u64 {
    let c = || Consumer {
        total: 0,
        started: false,
    };
    crate::hand::produce(c(), c(), n)
}

/// `tree`: `node` is the node yielded last.
pub struct InOrder<'a> {
    stack: Vec<&'a Node>,
    cur: Option<&'a Node>,
    node: Option<&'a Node>,
}

impl<'a> Iterator for InOrder<'a> {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        if let Some(node) = self.node {
            self.cur = node.right.as_deref();
        }
        while let Some(node) = self.cur {
            self.stack.push(node);
            self.cur = node.left.as_deref();
        }
        let node = self.stack.pop()?;
        self.node = Some(node);
        Some(node.val)
    }
}

/// `tree`.
pub fn tree(root: &Node) -> u64 {
    ordered(InOrder {
        stack: Vec::new(),
        cur: Some(root),
        node: None,
    })
}

/// `bigstate`: the generator's locals (`buf`, `i`, `n`, and `x`, the item
/// yielded last), changed after the yield as the generator changes them.
pub struct BigState {
    buf: [u8; BUF],
    i: u64,
    n: u64,
    x: u64,
    started: bool,
}

impl Iterator for BigState {
    type Item = u64;
    #[inline]
    fn next(&mut self) -> Option<u64> {
        if self.started {
            bigstate_step(&mut self.buf, self.i, self.x);
            self.i += 1;
        } else {
            self.started = true;
        }
        if self.i < self.n {
            self.x = bigstate_item(&self.buf, self.i);
            Some(self.x)
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
        x: 0,
        started: false,
    })
}

/// `size_of_val` per workload.
pub fn sizes() -> [(&'static str, &'static str, usize); 4] {
    [
        (
            "count",
            "struct",
            size_of_val(&Count {
                i: 0,
                n: 1,
                started: false,
            }),
        ),
        (
            "pingpong",
            "struct",
            size_of_val(&Consumer {
                total: 0,
                started: false,
            }),
        ),
        (
            "tree",
            "struct",
            size_of_val(&InOrder {
                stack: Vec::new(),
                cur: None,
                node: None,
            }),
        ),
        (
            "bigstate",
            "struct",
            size_of_val(&BigState {
                buf: [0; BUF],
                i: 0,
                n: 1,
                x: 0,
                started: false,
            }),
        ),
    ]
}
