//! Async generators: the runtime half of `#[generator] async fn` (with the
//! `stream` feature).
//!
//! The macro lowers an async generator to a plain one whose resume value is
//! the task's `&mut Context<'_>` and whose yields are `Poll`s:
//! `yield_!(v)` yields `Poll::Ready(v)`, and `fut.await` polls `fut` with
//! the current context, yielding `Poll::Pending` until it is ready, the
//! future kept in the state like any other local. The step closure takes
//! the context for any lifetime ([`StateMachine::new_async`]), so no
//! context is ever stored, and [`StateMachine`] is a [`Stream`] of the
//! ready values.

use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

pub use futures_core::Stream;

use crate::__private::{StateEnum, StateMachine, Unexpanded};
use crate::{Generator, GeneratorState};

impl<S, F, Y, T> StateMachine<S, F, Poll<Y>, T> {
    /// Pairs an async generator's initial state with its step function,
    /// which takes the context for any lifetime.
    #[inline(always)]
    pub fn new_async(state: S, step: F) -> Self
    where
        S: StateEnum<Return = T>,
        F: for<'a, 'b> FnMut(&mut S, &'a mut Context<'b>) -> GeneratorState<Poll<Y>, ()>,
    {
        StateMachine::new::<&mut Context<'_>>(state, step)
    }
}

/// What an async generator's return value adds to its stream: nothing for
/// `()`; for `Result<(), E>` with items `Result<T, E>`, an `Err` (the `?` in
/// the body) is the last item, as async-stream's `try_stream!` gives it.
pub trait StreamEnd<Y> {
    /// The last item, if the return value makes one.
    fn last_item(self) -> Option<Y>;
}

impl<Y> StreamEnd<Y> for () {
    #[inline(always)]
    fn last_item(self) -> Option<Y> {
        None
    }
}

impl<T, E> StreamEnd<Result<T, E>> for Result<(), E> {
    #[inline(always)]
    fn last_item(self) -> Option<Result<T, E>> {
        self.err().map(Err)
    }
}

impl<S, F, Y, T> Stream for StateMachine<S, F, Poll<Y>, T>
where
    S: StateEnum<Return = T>,
    F: for<'a, 'b> FnMut(&mut S, &'a mut Context<'b>) -> GeneratorState<Poll<Y>, ()>,
    T: StreamEnd<Y>,
{
    type Item = Y;

    #[inline]
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Y>> {
        let this = self.get_mut();
        match Generator::send(this, cx) {
            Some(Poll::Ready(item)) => Poll::Ready(Some(item)),
            Some(Poll::Pending) => Poll::Pending,
            None => Poll::Ready(this.take_return().and_then(StreamEnd::last_item)),
        }
    }
}

/// An async generator whose expansion failed is a `Stream` still, so that
/// its callers report nothing more (see [`Unexpanded`]).
impl<R, Y, T> Stream for Unexpanded<R, Y, T> {
    type Item = Y;
    fn poll_next(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<Y>> {
        unreachable!("an async generator that did not compile")
    }
}

/// Polls an awaited future that [`FutureProbe`] made `Unpin`.
#[inline(always)]
pub fn poll<F: Future + Unpin>(future: &mut F, cx: &mut Context<'_>) -> Poll<F::Output> {
    Pin::new(future).poll(cx)
}

/// Polls a delegate of `yield_from!` in an async generator.
#[inline(always)]
pub fn poll_next<St: Stream + Unpin>(
    stream: &mut St,
    cx: &mut Context<'_>,
) -> Poll<Option<St::Item>> {
    Pin::new(stream).poll_next(cx)
}

/// Asks, by autoref specialisation, whether an awaited future (or a
/// delegated stream) is `Unpin`: `(&FutureProbe::of(&f)).pinning().pin(f)`
/// is `f` itself if it is, `Box::pin(f)` otherwise, so that the state can
/// poll it without `unsafe` and without pinning itself.
pub struct FutureProbe<F>(core::marker::PhantomData<F>);

impl<F> FutureProbe<F> {
    /// The probe of `value`'s type.
    #[inline(always)]
    pub fn of(_: &F) -> Self {
        FutureProbe(core::marker::PhantomData)
    }
}

/// Keeps an `Unpin` value as it is.
pub struct KeepAsIs;

impl KeepAsIs {
    /// `value` itself.
    #[inline(always)]
    pub fn pin<F>(self, value: F) -> F {
        value
    }
}

/// Chosen for an `Unpin` value (the impl on the probe itself, found first).
pub trait ViaUnpin {
    /// [`KeepAsIs`].
    fn pinning(&self) -> KeepAsIs;
}

impl<F: Unpin> ViaUnpin for FutureProbe<F> {
    #[inline(always)]
    fn pinning(&self) -> KeepAsIs {
        KeepAsIs
    }
}

/// Boxes a value that is not `Unpin`.
pub struct BoxIt;

impl BoxIt {
    /// `Box::pin(value)`.
    #[inline(always)]
    pub fn pin<F>(self, value: F) -> Pin<alloc::boxed::Box<F>> {
        alloc::boxed::Box::pin(value)
    }
}

/// Chosen for a value that is not `Unpin` (the impl on a reference to the
/// probe, found one autoref later).
pub trait ViaBox {
    /// [`BoxIt`].
    fn pinning(&self) -> BoxIt;
}

impl<F> ViaBox for &FutureProbe<F> {
    #[inline(always)]
    fn pinning(&self) -> BoxIt {
        BoxIt
    }
}
