//! The runtime half of the `#[generator]` expansion.
//!
//! The macro emits, inside the user's function, an enum `State` (one variant
//! per suspension point) and a non-capturing step closure. [`StateMachine`](crate::__private::StateMachine)
//! pairs the two and implements [`Generator`] and [`Iterator`] for them. The
//! `?` operator inside a generator body is rewritten to [`Branch`](crate::__private::Branch) and
//! [`FromResidual`](crate::__private::FromResidual), stable stand-ins for the unstable `Try` traits.

use core::convert::Infallible;
use core::iter::FusedIterator;
use core::marker::PhantomData;
use core::ops::ControlFlow;

use crate::{Generator, GeneratorState};

/// A generator: the current state, and the step function that advances it.
///
/// `step` returns `None` when called on a completed state, so that
/// `Iterator::next` stays fused while `resume` panics.
pub struct StateMachine<S, F, Y, T> {
    state: S,
    step: F,
    // `fn() -> _` keeps the auto traits a function of `S` and `F` only.
    types: PhantomData<fn() -> (Y, T)>,
}

/// The states every generated state enum has besides its suspensions.
pub trait StateEnum {
    /// Completed.
    fn done() -> Self;
    /// A step panicked.
    fn poisoned() -> Self;
}

/// The state while the code after a `yield_!` works on its locals in place
/// (see the macro's `emit` stage). Dropped, it leaves the state `Done` once
/// the step completed, `Poisoned` otherwise (a panic): either way the locals
/// still in the state drop after the step function's own, as Rust drops
/// outer locals last. Forgotten when the step suspends.
pub struct InPlace<'a, S: StateEnum> {
    /// The state worked on.
    pub state: &'a mut S,
    /// Whether the step completed.
    pub done: bool,
}

impl<S: StateEnum> Drop for InPlace<'_, S> {
    #[inline]
    fn drop(&mut self) {
        *self.state = if self.done { S::done() } else { S::poisoned() };
    }
}

impl<S, F, Y, T> StateMachine<S, F, Y, T> {
    /// Pairs an initial state with its step function.
    #[inline(always)]
    pub fn new<R>(state: S, step: F) -> Self
    where
        F: FnMut(&mut S, R) -> Option<GeneratorState<Y, T>>,
    {
        StateMachine {
            state,
            step,
            types: PhantomData,
        }
    }
}

impl<S, F, R, Y, T> Generator<R> for StateMachine<S, F, Y, T>
where
    F: FnMut(&mut S, R) -> Option<GeneratorState<Y, T>>,
{
    type Yield = Y;
    type Return = T;

    #[inline]
    fn resume(&mut self, arg: R) -> GeneratorState<Y, T> {
        match (self.step)(&mut self.state, arg) {
            Some(state) => state,
            None => resumed_after_completion(),
        }
    }
}

#[cold]
#[inline(never)]
#[track_caller]
fn resumed_after_completion() -> ! {
    panic!("generator resumed after completion")
}

/// Called by the step function on a poisoned state.
#[cold]
#[inline(never)]
pub fn resumed_after_panicking() -> ! {
    panic!("generator resumed after panicking")
}

impl<S, F, Y, T> Iterator for StateMachine<S, F, Y, T>
where
    F: FnMut(&mut S, ()) -> Option<GeneratorState<Y, T>>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        match (self.step)(&mut self.state, ()) {
            Some(GeneratorState::Yielded(y)) => Some(y),
            Some(GeneratorState::Complete(_)) | None => None,
        }
    }
}

impl<S, F, Y, T> FusedIterator for StateMachine<S, F, Y, T> where
    F: FnMut(&mut S, ()) -> Option<GeneratorState<Y, T>>
{
}

/// Lets an edition-2021 `impl Trait` return type capture lifetimes (in
/// edition 2024 every lifetime in scope is captured anyway).
pub trait Captures<T: ?Sized> {}
impl<T: ?Sized, U: ?Sized> Captures<T> for U {}

/// The first half of `?`: split a value into what continues and what returns.
pub trait Branch {
    /// What `?` evaluates to.
    type Output;
    /// What `?` returns early with, before conversion.
    type Residual;
    /// `Continue(output)` or `Break(residual)`.
    fn branch(self) -> ControlFlow<Self::Residual, Self::Output>;
}

/// The second half of `?`: build the generator's return value from a residual.
pub trait FromResidual<R> {
    /// Converts, like `?` does (`From::from` on the error).
    fn from_residual(residual: R) -> Self;
}

impl<T, E> Branch for Result<T, E> {
    type Output = T;
    type Residual = Result<Infallible, E>;
    #[inline(always)]
    fn branch(self) -> ControlFlow<Self::Residual, T> {
        match self {
            Ok(v) => ControlFlow::Continue(v),
            Err(e) => ControlFlow::Break(Err(e)),
        }
    }
}

impl<T, E, F: From<E>> FromResidual<Result<Infallible, E>> for Result<T, F> {
    #[inline(always)]
    fn from_residual(residual: Result<Infallible, E>) -> Self {
        match residual {
            Err(e) => Err(From::from(e)),
        }
    }
}

impl<T> Branch for Option<T> {
    type Output = T;
    type Residual = Option<Infallible>;
    #[inline(always)]
    fn branch(self) -> ControlFlow<Option<Infallible>, T> {
        match self {
            Some(v) => ControlFlow::Continue(v),
            None => ControlFlow::Break(None),
        }
    }
}

impl<T> FromResidual<Option<Infallible>> for Option<T> {
    #[inline(always)]
    fn from_residual(_: Option<Infallible>) -> Self {
        None
    }
}

impl<B, C> Branch for ControlFlow<B, C> {
    type Output = C;
    type Residual = ControlFlow<B, Infallible>;
    #[inline(always)]
    fn branch(self) -> ControlFlow<ControlFlow<B, Infallible>, C> {
        match self {
            ControlFlow::Continue(c) => ControlFlow::Continue(c),
            ControlFlow::Break(b) => ControlFlow::Break(ControlFlow::Break(b)),
        }
    }
}

impl<B, C> FromResidual<ControlFlow<B, Infallible>> for ControlFlow<B, C> {
    #[inline(always)]
    fn from_residual(residual: ControlFlow<B, Infallible>) -> Self {
        match residual {
            ControlFlow::Break(b) => ControlFlow::Break(b),
        }
    }
}

/// The value `yield_from!` starts its inner generator with: the resume
/// type's default, as Python's `yield from` starts with `send(None)`.
#[diagnostic::on_unimplemented(
    message = "`yield_from!` needs a first resume value: the resume type `{Self}` must implement `Default`",
    label = "`{Self}` does not implement `Default`",
    note = "Python starts the inner generator with `send(None)`; baozi starts it with `Default::default()`"
)]
pub trait FirstResume {
    /// `Default::default()`.
    fn first_resume() -> Self;
}

impl<T: Default> FirstResume for T {
    #[inline(always)]
    fn first_resume() -> T {
        T::default()
    }
}

/// See [`FirstResume`].
#[inline(always)]
pub fn first_resume<R: FirstResume>() -> R {
    R::first_resume()
}

/// A local that a resumed generator copies out of its state: one that is
/// moved and then used again, which compiles only for a `Copy` type.
#[diagnostic::on_unimplemented(
    message = "use of moved value: this local of type `{Self}` is moved and then used again",
    label = "moved, then used again: `{Self}` does not implement `Copy`",
    note = "move it only after its last use, or clone it"
)]
pub trait CopiedLocal: Copy {}

impl<T: Copy> CopiedLocal for T {}

/// Copies a stored local out of the state.
#[inline(always)]
pub fn copied<T: CopiedLocal>(stored: &T) -> T {
    *stored
}

/// Forks a suspended generator: the copy resumes from the same point.
impl<S: Clone, F: Clone, Y, T> Clone for StateMachine<S, F, Y, T> {
    fn clone(&self) -> Self {
        StateMachine {
            state: self.state.clone(),
            step: self.step.clone(),
            types: PhantomData,
        }
    }
}

/// Where the generator is suspended and the locals it keeps there.
impl<S: core::fmt::Debug, F, Y, T> core::fmt::Debug for StateMachine<S, F, Y, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.state.fmt(f)
    }
}

/// Two generators of the same function are equal when they are suspended at
/// the same point with equal locals.
impl<S: PartialEq, F, Y, T> PartialEq for StateMachine<S, F, Y, T> {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state
    }
}

#[cfg(feature = "serde")]
pub use serde;

/// Expands to nothing with the `serde` feature, to an error without it.
#[cfg(feature = "serde")]
#[macro_export]
#[doc(hidden)]
macro_rules! __require_serde {
    () => {};
}

/// Expands to nothing with the `serde` feature, to an error without it.
#[cfg(not(feature = "serde"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __require_serde {
    () => {
        ::core::compile_error!(
            "`derive(Serialize, Deserialize)` on a generator needs baozi-core's `serde` feature: \
             `baozi-core = { version = \"..\", features = [\"serde\"] }`"
        );
    };
}

/// Saves only the state: the step function is code, not data.
#[cfg(feature = "serde")]
impl<S: serde::Serialize, F, Y, T> serde::Serialize for StateMachine<S, F, Y, T> {
    fn serialize<Ser: serde::Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        self.state.serialize(serializer)
    }
}

#[cfg(feature = "serde")]
impl<S: serde::de::DeserializeOwned, F, Y, T> crate::Restore for StateMachine<S, F, Y, T> {
    fn restore<'de, D: serde::Deserializer<'de>>(
        &mut self,
        deserializer: D,
    ) -> Result<(), D::Error> {
        self.state = S::deserialize(deserializer)?;
        Ok(())
    }
}

/// The step function found the state in a variant its dispatch ruled out.
#[cold]
#[inline(never)]
pub fn impossible_state() -> ! {
    unreachable!("baozi: a generator's state changed between two reads")
}

mod dead_local;
pub use dead_local::{
    BorrowKeptAcrossAYield, DeadBorrow, DeadLocal, EndsHereIfCopy, EndsHereIfMutRef,
    KeptBorrowOtherwise, KeptOtherwise, dead, dead_borrow,
};
