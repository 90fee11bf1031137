//! Async generators (issue 13): a stream of the integers `0..n`, folded into
//! their sum by [`fold`], a poll loop with a no-op waker (no executor, no
//! allocation). Two workloads, each with three implementations:
//! - `stream`: each item yielded as it is;
//! - `stream_await`: each item first awaited from a ready future,
//!   `std::future::ready(i).await` (`Unpin`, so baozi keeps it in its state
//!   unboxed).
//!
//! Implementations:
//! - `hand`: a struct of `i` and `n` with its own `poll_next` (the baseline;
//!   `stream_await` polls the ready future inline, as a person would for a
//!   future known to be ready, and keeps nothing across a `Pending`);
//! - `baozi`: `#[generator] async fn`;
//! - `async_stream`: async-stream's `stream!`, an `async` block whose yields
//!   go through a thread-local slot (pinned on the stack by [`fold`]).

use std::future::{Future, ready};
use std::hint::black_box;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use baozi_core::Stream;
use baozi_core::prelude::*;

/// Polls `stream` with a no-op waker until it ends, summing the items, each
/// through [`black_box`]. A `Pending` is polled again at once (nothing here
/// is ever pending).
#[inline(always)]
pub fn fold(stream: impl Stream<Item = u64>) -> u64 {
    let mut stream = pin!(stream);
    let mut cx = Context::from_waker(Waker::noop());
    let mut s = 0u64;
    loop {
        match stream.as_mut().poll_next(&mut cx) {
            Poll::Ready(Some(x)) => s = s.wrapping_add(black_box(x)),
            Poll::Ready(None) => return s,
            Poll::Pending => {}
        }
    }
}

/// `stream`, by hand.
pub struct Hand {
    i: u64,
    n: u64,
}

impl Stream for Hand {
    type Item = u64;
    #[inline]
    fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<u64>> {
        let this = self.get_mut();
        if this.i < this.n {
            let x = this.i;
            this.i += 1;
            Poll::Ready(Some(x))
        } else {
            Poll::Ready(None)
        }
    }
}

/// `stream_await`, by hand: the ready future polled inline.
pub struct HandAwait {
    i: u64,
    n: u64,
}

impl Stream for HandAwait {
    type Item = u64;
    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<u64>> {
        let this = self.get_mut();
        if this.i < this.n {
            let x = match Pin::new(&mut ready(this.i)).poll(cx) {
                Poll::Ready(x) => x,
                // `Ready` never is; a future that could be would be kept in
                // the struct until it is ready.
                Poll::Pending => return Poll::Pending,
            };
            this.i += 1;
            Poll::Ready(Some(x))
        } else {
            Poll::Ready(None)
        }
    }
}

/// `stream`, baozi.
#[generator(yield = u64)]
pub async fn baozi_gen(n: u64) {
    for i in 0..n {
        yield_!(i);
    }
}

/// `stream_await`, baozi.
#[generator(yield = u64)]
pub async fn baozi_await_gen(n: u64) {
    for i in 0..n {
        let x = ready(i).await;
        yield_!(x);
    }
}

/// `stream`, async-stream.
pub fn async_stream_gen(n: u64) -> impl Stream<Item = u64> {
    async_stream::stream! {
        for i in 0..n {
            yield i;
        }
    }
}

/// `stream_await`, async-stream.
pub fn async_stream_await_gen(n: u64) -> impl Stream<Item = u64> {
    async_stream::stream! {
        for i in 0..n {
            let x = ready(i).await;
            yield x;
        }
    }
}

/// `stream` (`hand`).
pub fn hand(n: u64) -> u64 {
    fold(Hand { i: 0, n })
}

/// `stream_await` (`hand`).
pub fn hand_await(n: u64) -> u64 {
    fold(HandAwait { i: 0, n })
}

/// `stream` (`baozi`).
pub fn baozi(n: u64) -> u64 {
    fold(baozi_gen(n))
}

/// `stream_await` (`baozi`).
pub fn baozi_await(n: u64) -> u64 {
    fold(baozi_await_gen(n))
}

/// `stream` (`async_stream`).
pub fn async_stream(n: u64) -> u64 {
    fold(async_stream_gen(n))
}

/// `stream_await` (`async_stream`).
pub fn async_stream_await(n: u64) -> u64 {
    fold(async_stream_await_gen(n))
}

/// `size_of_val` per workload.
pub fn sizes() -> [(&'static str, &'static str, usize); 6] {
    [
        ("stream", "hand", size_of_val(&Hand { i: 0, n: 1 })),
        ("stream", "baozi", size_of_val(&baozi_gen(1))),
        ("stream", "async_stream", size_of_val(&async_stream_gen(1))),
        (
            "stream_await",
            "hand",
            size_of_val(&HandAwait { i: 0, n: 1 }),
        ),
        ("stream_await", "baozi", size_of_val(&baozi_await_gen(1))),
        (
            "stream_await",
            "async_stream",
            size_of_val(&async_stream_await_gen(1)),
        ),
    ]
}
