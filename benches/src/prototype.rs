//! Prototypes of the code `#[generator]` could emit, for `pingpong` and
//! `bigstate`: `p0` is baozi's expansion verbatim, each later step changes
//! one thing in its shape (see each module's documentation and
//! `benches/PROTOTYPE.md`). Measured like the other implementations
//! (`instructions run pingpong p3`), checked against the same reference.

use core::marker::PhantomData;

use baozi_core::__private::{Ended, StateEnum};
use baozi_core::{Generator, GeneratorState};

use crate::Run;

// Macro output, verbatim (the macro's own spans exempt it from these lints).
#[allow(clippy::nonminimal_bool, clippy::let_unit_value)]
pub mod p0;
#[allow(clippy::nonminimal_bool, clippy::let_unit_value)]
pub mod p1;
pub mod p2;
pub mod p3;
pub mod p4;

/// `resume` on an ended generator (baozi's `resumed_when_ended`).
#[cold]
#[inline(never)]
#[track_caller]
fn resumed_when_ended(ended: Ended) -> ! {
    match ended {
        Ended::Poisoned => panic!("generator resumed after panicking"),
        Ended::Complete => panic!("generator resumed after completion"),
    }
}

/// The step left the state in a variant it cannot be in.
#[cold]
#[inline(never)]
fn impossible() -> ! {
    unreachable!("prototype: impossible state")
}

/// baozi's `StateMachine` with one change: `send` does not ask the state
/// whether it ended before calling the step; the step's dispatch has an arm
/// for the ended variants that says `Complete(())`, so an ended generator's
/// `send` still returns `None` without running anything. `resume` still
/// asks first (it panics there).
pub struct Machine<S, F, Y, T> {
    state: S,
    step: F,
    types: PhantomData<fn() -> (Y, T)>,
}

impl<S, F, Y, T> Unpin for Machine<S, F, Y, T> {}

impl<S, F, Y, T> Machine<S, F, Y, T> {
    /// Pairs an initial state with its step function.
    #[inline(always)]
    pub fn new<R>(state: S, step: F) -> Self
    where
        S: StateEnum<Return = T>,
        F: FnMut(&mut S, R) -> GeneratorState<Y, ()>,
    {
        Machine {
            state,
            step,
            types: PhantomData,
        }
    }
}

impl<S, F, R, Y, T> Generator<R> for Machine<S, F, Y, T>
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
                None => impossible(),
            },
        }
    }

    #[inline]
    fn send(&mut self, arg: R) -> Option<Y> {
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

impl<S, F, Y, T> Iterator for Machine<S, F, Y, T>
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

macro_rules! steps {
    ($($p:ident),*) => {
        /// `pingpong` per prototype step.
        pub fn pingpong() -> Vec<(&'static str, Run)> {
            vec![$((stringify!($p), $p::pingpong as Run)),*]
        }
        /// `bigstate` per prototype step.
        pub fn bigstate() -> Vec<(&'static str, Run)> {
            vec![$((stringify!($p), $p::bigstate as Run)),*]
        }
        /// `size_of_val` per workload and step.
        pub fn sizes() -> Vec<(&'static str, &'static str, usize)> {
            vec![$(
                ("pingpong", stringify!($p), size_of_val(&$p::consumer())),
                ("bigstate", stringify!($p), size_of_val(&$p::bigstate_gen(1))),
            )*]
        }
    };
}

steps!(p0, p1, p2, p3, p4);

#[cfg(test)]
mod tests {
    use baozi_core::Generator;

    use crate::STOP;

    macro_rules! semantics {
        ($($p:ident),*) => {$({
            use super::$p::{bigstate_gen, consumer};
            let mut c = consumer();
            assert_eq!(c.send(0), Some(()));
            assert_eq!(c.send(5), Some(()));
            assert!(!c.is_complete());
            assert_eq!(c.send(STOP), None, stringify!($p));
            assert!(c.is_complete());
            assert_eq!(c.send(7), None, "fused");
            assert_eq!(c.take_return(), Some(5), "the return value");
            assert_eq!(c.take_return(), None, "once");
            let resumed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| c.resume(1)));
            assert!(resumed.is_err(), "resume after completion panics");
            let mut g = bigstate_gen(2);
            assert_eq!((g.next(), g.next(), g.next(), g.next()), (Some(90), Some(182), None, None));
            assert_eq!(g.take_return(), Some(()));
        })*};
    }

    #[test]
    fn every_step_keeps_the_generator_semantics() {
        semantics!(p0, p1, p2, p3, p4);
    }
}
