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

pub use crate::delegate::{
    AsGenerator, AsIterator, Delegable, Items, Neither, UnitResume, ViaGenerator, ViaIterator,
    ViaNeither, probe,
};
#[cfg(feature = "stream")]
pub use crate::stream::{
    BoxIt, FutureProbe, KeepAsIs, StreamEnd, ViaBox, ViaUnpin, poll, poll_next,
};

/// A generator: the current state, and the step function that advances it.
///
/// The step is never called on an ended state (completed or poisoned):
/// `send` and `Iterator::next` return `None` there (fused), `resume` panics. When the body completes, `step` leaves the return value in the
/// state (`Returned`) and says `Complete(())`: `resume` takes the value out,
/// `send` and `next` leave it for `take_return`, and neither pays for
/// handing it through.
#[must_use = "generators are lazy and do nothing unless resumed"]
pub struct StateMachine<S, F, Y, T> {
    state: S,
    step: F,
    // `fn() -> _` keeps the auto traits a function of `S` and `F` only.
    types: PhantomData<fn() -> (Y, T)>,
}

/// Every generator is `Unpin`, whatever it stores (`PhantomPinned`
/// included), as rustc's movable coroutines are: nothing in baozi pins a
/// generator or projects a pin to its state, so moving one is always sound.
impl<S, F, Y, T> Unpin for StateMachine<S, F, Y, T> {}

/// How a generated state enum ends: its variants besides the start and the
/// suspensions are `Done`, `Poisoned` and `Returned(T)` (completed, with the
/// return value kept for `take_return`). Plain variants, so that telling
/// the state's variant stays one comparison of its tag.
pub trait StateEnum {
    /// The generator's return type.
    type Return;
    /// `Done`.
    fn done() -> Self;
    /// `Poisoned`.
    fn poisoned() -> Self;
    /// `Returned(value)`.
    fn returned(value: Self::Return) -> Self;
    /// Whether (and how) the state ended.
    fn ended(&self) -> Option<Ended>;
    /// The value of `Returned`, leaving `Done`; `None` in any other variant.
    fn take_return(&mut self) -> Option<Self::Return>;
}

/// The [`StateEnum`] impl of a generated state enum `$name<$($param,)*
/// $ret>` with the variants `Done`, `Poisoned` and `Returned($ret)`: written
/// here once rather than in every expansion (fewer tokens for the macro to
/// hand rustc).
#[macro_export]
#[doc(hidden)]
macro_rules! __state_enum_impl {
    ($name:ident <$($param:ident),*> $ret:ident) => {
        impl<$($param,)* $ret> $crate::__private::StateEnum for $name<$($param,)* $ret> {
            type Return = $ret;
            #[inline(always)]
            fn done() -> Self {
                Self::Done
            }
            #[inline(always)]
            fn poisoned() -> Self {
                Self::Poisoned
            }
            #[inline(always)]
            fn returned(value: $ret) -> Self {
                Self::Returned(value)
            }
            #[inline(always)]
            fn ended(&self) -> ::core::option::Option<$crate::__private::Ended> {
                match self {
                    Self::Done | Self::Returned(_) => {
                        ::core::option::Option::Some($crate::__private::Ended::Complete)
                    }
                    Self::Poisoned => ::core::option::Option::Some($crate::__private::Ended::Poisoned),
                    _ => ::core::option::Option::None,
                }
            }
            #[inline(always)]
            fn take_return(&mut self) -> ::core::option::Option<$ret> {
                if !::core::matches!(self, Self::Returned(_)) {
                    return ::core::option::Option::None;
                }
                match ::core::mem::replace(self, Self::Done) {
                    Self::Returned(value) => ::core::option::Option::Some(value),
                    _ => ::core::option::Option::None,
                }
            }
        }
    };
}

/// How a generator ended.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Ended {
    /// It ran to its end.
    Complete,
    /// A resume panicked.
    Poisoned,
}

/// The state while the code after a `yield_!` works on its locals in place
/// (see the macro's `emit` stage). Dropped, it leaves the state ended:
/// `Returned` with the return value once the step completed, `Poisoned`
/// otherwise (a panic); either way the locals still in the state drop after
/// the step function's own, as Rust drops outer locals last. Forgotten when
/// the step suspends.
pub struct InPlace<'a, S: StateEnum> {
    /// The state worked on.
    pub state: &'a mut S,
    /// The return value, once the step completed.
    pub returned: Option<S::Return>,
}

impl<S: StateEnum> InPlace<'_, S> {
    /// The step completed with `value`.
    #[inline(always)]
    pub fn complete(&mut self, value: S::Return) {
        self.returned = Some(value);
    }
}

impl<S: StateEnum> Drop for InPlace<'_, S> {
    #[inline]
    fn drop(&mut self) {
        *self.state = match self.returned.take() {
            Some(value) => S::returned(value),
            None => S::poisoned(),
        };
    }
}

impl<S, F, Y, T> StateMachine<S, F, Y, T> {
    /// Pairs an initial state with its step function.
    #[inline(always)]
    pub fn new<R>(state: S, step: F) -> Self
    where
        S: StateEnum<Return = T>,
        F: FnMut(&mut S, R) -> GeneratorState<Y, ()>,
    {
        StateMachine {
            state,
            step,
            types: PhantomData,
        }
    }
}

/// `resume` on an ended generator.
#[cold]
#[inline(never)]
#[track_caller]
fn resumed_when_ended(ended: Ended) -> ! {
    match ended {
        Ended::Poisoned => panic!("generator resumed after panicking"),
        Ended::Complete => panic!("generator resumed after completion"),
    }
}

impl<S, F, R, Y, T> Generator<R> for StateMachine<S, F, Y, T>
where
    S: StateEnum<Return = T>,
    F: FnMut(&mut S, R) -> GeneratorState<Y, ()>,
{
    type Yield = Y;
    type Return = T;

    #[inline]
    #[track_caller]
    fn resume(&mut self, arg: R) -> GeneratorState<Y, T> {
        if let Some(ended) = self.state.ended() {
            resumed_when_ended(ended)
        }
        match (self.step)(&mut self.state, arg) {
            GeneratorState::Yielded(y) => GeneratorState::Yielded(y),
            GeneratorState::Complete(()) => match self.state.take_return() {
                Some(value) => GeneratorState::Complete(value),
                None => impossible_state(),
            },
        }
    }

    #[inline]
    fn send(&mut self, arg: R) -> Option<Y> {
        if self.state.ended().is_some() {
            return None;
        }
        // Completed, the state keeps the return value for `take_return`.
        match (self.step)(&mut self.state, arg) {
            GeneratorState::Yielded(y) => Some(y),
            GeneratorState::Complete(()) => None,
        }
    }

    #[inline]
    fn is_complete(&self) -> bool {
        self.state.ended().is_some()
    }

    #[inline]
    fn take_return(&mut self) -> Option<T> {
        self.state.take_return()
    }
}

impl<S, F, Y, T> Iterator for StateMachine<S, F, Y, T>
where
    S: StateEnum<Return = T>,
    F: FnMut(&mut S, ()) -> GeneratorState<Y, ()>,
{
    type Item = Y;

    #[inline]
    fn next(&mut self) -> Option<Y> {
        self.send(())
    }
}

impl<S, F, Y, T> FusedIterator for StateMachine<S, F, Y, T>
where
    S: StateEnum<Return = T>,
    F: FnMut(&mut S, ()) -> GeneratorState<Y, ()>,
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
#[diagnostic::on_unimplemented(
    message = "the `?` operator can only be used in a generator that returns `Result` or `Option`",
    label = "cannot use the `?` operator in a generator that returns `{Self}`",
    note = "a generator's return type is the one its function declares (`-> Result<T, E>`); `?` returns from the generator, it does not yield"
)]
pub trait FromResidual<R> {
    /// Converts, like `?` does (`From::from` on the error).
    fn from_residual(residual: R) -> Self;
}

/// `?`'s early return: the generator's return value made from a residual.
/// A function of its own, so a return type that is not a `Result` or an
/// `Option` is reported at the `?` (the call), not at the attribute.
#[inline(always)]
pub fn return_residual<T: FromResidual<R>, R>(residual: R) -> T {
    T::from_residual(residual)
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

#[diagnostic::do_not_recommend]
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

#[diagnostic::do_not_recommend]
impl<B, C> FromResidual<ControlFlow<B, Infallible>> for ControlFlow<B, C> {
    #[inline(always)]
    fn from_residual(residual: ControlFlow<B, Infallible>) -> Self {
        match residual {
            ControlFlow::Break(b) => ControlFlow::Break(b),
        }
    }
}

/// A value yielded by a generator that names no yield type, which yields
/// `()`.
#[diagnostic::on_unimplemented(
    message = "this generator yields `()`: add `yield = {Self}` to `#[generator(..)]` to yield `{Self}`",
    label = "a `{Self}` yielded by a generator without `yield = ..`",
    note = "`#[generator]` without `yield = T` makes a generator that yields `()`, as `yield_!()` does"
)]
pub trait UnitYield {}

#[diagnostic::do_not_recommend]
impl UnitYield for () {}

/// See [`UnitYield`]. Returns `()` whatever it is given, so that a wrong
/// value gets this one error, not a second one about its type.
#[inline(always)]
pub fn unit_yield<T: UnitYield>(_unit: T) {}

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

/// Expands to nothing with the `stream` feature, to an error without it.
#[cfg(feature = "stream")]
#[macro_export]
#[doc(hidden)]
macro_rules! __require_stream {
    () => {};
}

/// Expands to nothing with the `stream` feature, to an error without it.
#[cfg(not(feature = "stream"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __require_stream {
    () => {
        ::core::compile_error!(
            "an async generator needs baozi-core's `stream` feature: \
             `baozi-core = { version = \"..\", features = [\"stream\"] }`"
        );
    };
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

/// Saves only the state: the step function is code, not data. A completed
/// generator is saved as `Done`, without the return value it keeps for
/// `take_return` (the caller's, not the generator's, to save).
#[cfg(feature = "serde")]
impl<S: serde::Serialize + StateEnum, F, Y, T> serde::Serialize for StateMachine<S, F, Y, T> {
    fn serialize<Ser: serde::Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        match self.state.ended() {
            Some(Ended::Complete) => S::done().serialize(serializer),
            _ => self.state.serialize(serializer),
        }
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

/// What a generator whose expansion failed returns, next to the
/// `compile_error!` that says why: the function keeps its signature, so its
/// callers type-check and report nothing more. The program does not
/// compile, so none of this runs.
pub struct Unexpanded<R, Y, T>(PhantomData<fn(R) -> (Y, T)>);

impl<R, Y, T> Unexpanded<R, Y, T> {
    /// The stand-in.
    pub fn new() -> Self {
        Unexpanded(PhantomData)
    }
}

impl<R, Y, T> Default for Unexpanded<R, Y, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<R, Y, T> Generator<R> for Unexpanded<R, Y, T> {
    type Yield = Y;
    type Return = T;
    fn resume(&mut self, _: R) -> GeneratorState<Y, T> {
        unreachable!("a generator that did not compile")
    }
    fn is_complete(&self) -> bool {
        true
    }
    fn take_return(&mut self) -> Option<T> {
        None
    }
}

impl<Y, T> Iterator for Unexpanded<(), Y, T> {
    type Item = Y;
    fn next(&mut self) -> Option<Y> {
        None
    }
}

impl<R, Y, T> Clone for Unexpanded<R, Y, T> {
    fn clone(&self) -> Self {
        Self::new()
    }
}

impl<R, Y, T> core::fmt::Debug for Unexpanded<R, Y, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Unexpanded")
    }
}

impl<R, Y, T> PartialEq for Unexpanded<R, Y, T> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[cfg(feature = "serde")]
impl<R, Y, T> serde::Serialize for Unexpanded<R, Y, T> {
    fn serialize<Ser: serde::Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        serializer.serialize_unit()
    }
}

#[cfg(feature = "serde")]
impl<R, Y, T> crate::Restore for Unexpanded<R, Y, T> {
    fn restore<'de, D: serde::Deserializer<'de>>(&mut self, _: D) -> Result<(), D::Error> {
        Ok(())
    }
}

/// Stands for `yield_!(v)` in the code of a generator whose expansion
/// failed, which is kept next to the error so that rustc and IDEs still
/// check it: a value of the resume type.
#[inline(always)]
pub fn resumed_after<R, V>(_yielded: V) -> R {
    unreachable!("a generator that did not compile")
}

/// Stands for `yield_from!(g)` there: a value of any type.
#[macro_export]
#[doc(hidden)]
macro_rules! __stand_in_yield_from {
    ($($delegate:tt)*) => {{
        let _ = ($($delegate)*);
        ::core::unreachable!()
    }};
}

mod dead_local;
pub use dead_local::{
    BorrowKeptAcrossAYield, DeadBorrow, DeadLocal, EndsHereIfCopy, EndsHereIfMutRef,
    KeptBorrowOtherwise, KeptOtherwise, dead, dead_borrow,
};

mod drop_flag;
pub use drop_flag::{DropFlag, MovedOut, MovedOutIfCopy};
