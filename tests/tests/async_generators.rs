//! Async generators: `#[generator] async fn`, a `Stream` whose body both
//! awaits and yields.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use baozi_core::Stream;
use baozi_core::prelude::*;
use futures::StreamExt;
use futures::executor::block_on;

/// Ready on its second poll, waking its task on the first.
struct PendingOnce {
    polled: bool,
    value: u32,
}

impl Future for PendingOnce {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.polled {
            Poll::Ready(self.value)
        } else {
            self.polled = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn later(value: u32) -> PendingOnce {
    PendingOnce {
        polled: false,
        value,
    }
}

#[generator(yield = u32)]
async fn counted(n: u32) {
    for i in 0..n {
        let doubled = later(i * 2).await;
        yield_!(doubled);
    }
}

#[test]
fn items_come_in_order_across_pending_awaits() {
    let items: Vec<u32> = block_on(counted(4).collect());
    assert_eq!(items, [0, 2, 4, 6]);
}

#[test]
fn a_pending_await_is_a_pending_poll() {
    let mut s = counted(2);
    let waker = futures::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    assert_eq!(Pin::new(&mut s).poll_next(&mut cx), Poll::Pending);
    assert_eq!(Pin::new(&mut s).poll_next(&mut cx), Poll::Ready(Some(0)));
    assert_eq!(Pin::new(&mut s).poll_next(&mut cx), Poll::Pending);
    assert_eq!(Pin::new(&mut s).poll_next(&mut cx), Poll::Ready(Some(2)));
    assert_eq!(Pin::new(&mut s).poll_next(&mut cx), Poll::Ready(None));
    // Fused: it stays ended.
    assert_eq!(Pin::new(&mut s).poll_next(&mut cx), Poll::Ready(None));
}

async fn add_later(a: u32, b: u32) -> u32 {
    later(a).await + later(b).await
}

#[generator(yield = u32)]
async fn sums(pairs: Vec<(u32, u32)>) {
    for (a, b) in pairs {
        // An `async fn`'s future is not `Unpin`: it is boxed.
        yield_!(add_later(a, b).await);
    }
}

#[test]
fn a_future_that_is_not_unpin_is_awaited() {
    let items: Vec<u32> = block_on(sums(vec![(1, 2), (3, 4)]).collect());
    assert_eq!(items, [3, 7]);
}

#[generator(yield = u32)]
async fn evens_then_odds(n: u32) {
    yield_from!(counted(n));
    for i in 0..n {
        yield_!(2 * i + 1);
    }
}

#[test]
fn yield_from_delegates_to_another_async_generator() {
    let items: Vec<u32> = block_on(evens_then_odds(3).collect());
    assert_eq!(items, [0, 2, 4, 1, 3, 5]);
}

#[derive(Debug, PartialEq)]
struct Bad(u32);

fn check(x: u32) -> Result<u32, Bad> {
    if x < 3 { Ok(x) } else { Err(Bad(x)) }
}

#[generator(yield = Result<u32, Bad>)]
async fn checked(n: u32) -> Result<(), Bad> {
    for i in 0..n {
        let x = check(later(i).await)?;
        yield_!(Ok(x * 10));
    }
    Ok(())
}

#[test]
fn an_error_returned_by_question_mark_is_the_last_item() {
    let items: Vec<Result<u32, Bad>> = block_on(checked(5).collect());
    assert_eq!(items, [Ok(0), Ok(10), Ok(20), Err(Bad(3))]);
    let items: Vec<Result<u32, Bad>> = block_on(checked(2).collect());
    assert_eq!(items, [Ok(0), Ok(10)]);
}

/// Records its drop.
struct Traced(&'static str, Rc<RefCell<Vec<&'static str>>>);

impl Drop for Traced {
    fn drop(&mut self) {
        self.1.borrow_mut().push(self.0);
    }
}

/// A future that never completes, tracing its drop.
struct Never {
    _trace: Traced,
}

impl Future for Never {
    type Output = ();
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<()> {
        Poll::Pending
    }
}

#[generator(yield = u32)]
async fn stuck(log: Rc<RefCell<Vec<&'static str>>>) {
    let _local = Traced("local", log.clone());
    yield_!(1);
    Never {
        _trace: Traced("future", log.clone()),
    }
    .await;
    yield_!(2);
}

#[test]
fn dropping_a_stream_mid_await_drops_the_future_and_the_locals_once() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let mut s = stuck(log.clone());
    let waker = futures::task::noop_waker();
    let mut cx = Context::from_waker(&waker);
    assert_eq!(Pin::new(&mut s).poll_next(&mut cx), Poll::Ready(Some(1)));
    assert_eq!(Pin::new(&mut s).poll_next(&mut cx), Poll::Pending);
    assert!(log.borrow().is_empty());
    drop(s);
    // Declared later, the future drops first, as in an `async` block.
    assert_eq!(*log.borrow(), ["future", "local"]);
}

#[generator(yield = String)]
async fn greetings(names: Vec<&'static str>) {
    for name in names {
        let greeting = async move { format!("hello, {name}") }.await;
        yield_!(greeting);
    }
}

#[test]
fn an_async_generator_is_send_when_its_state_is() {
    fn assert_send<T: Send>(t: T) -> T {
        t
    }
    let items: Vec<String> = block_on(assert_send(greetings(vec!["a", "b"])).collect());
    assert_eq!(items, ["hello, a", "hello, b"]);
}

#[test]
fn stream_ext_combinators_work_on_it() {
    let total: u32 = block_on(
        counted(5)
            .map(|x| x + 1)
            .fold(0, |a, x| async move { a + x }),
    );
    assert_eq!(total, 1 + 3 + 5 + 7 + 9);
}
