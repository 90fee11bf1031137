//! What `yield_from!` delegates to: a generator as it is, or an adapter that
//! yields the items of anything else iterable.
//!
//! The expansion of `yield_from!(operand)` picks one by autoref
//! specialisation (method resolution tries the receiver `&&&Probe<T>`, then
//! `&&Probe<T>`, then `&Probe<T>`):
//!
//! ```text
//! let operand = <operand>;
//! let mut resume = first_resume();
//! let mut sub = (&&&probe(&operand)).delegation(&resume).delegate(operand);
//! loop { match Generator::resume(&mut sub, resume) { .. } }
//! ```
//!
//! [`ViaGenerator`] applies when the operand implements `Generator` for some
//! resume type, so a generator that is also an iterator (every generator with
//! the resume type `()`) keeps its return value and receives what is sent;
//! [`ViaIterator`] to anything else `IntoIterator` (and requires the resume
//! type `()`); [`ViaNeither`] to the rest, for [`Delegable`]'s error. The
//! tags they return are zero-sized, so the borrow of `operand` ends before it
//! is moved.

use core::marker::PhantomData;

use crate::__private::Unexpanded;
use crate::{Generator, GeneratorState};

/// The type of `yield_from!`'s operand, for method resolution to look at.
pub struct Probe<T>(PhantomData<T>);

/// The `Probe` of a value.
#[inline(always)]
pub fn probe<T>(_: &T) -> Probe<T> {
    Probe(PhantomData)
}

/// Tried first: the operand is a generator (for some resume type). `_resume`
/// ties the resume type to the outer generator's, for a type that is a
/// generator for several.
pub trait ViaGenerator<R> {
    /// Delegates to the operand as it is.
    #[inline(always)]
    fn delegation(&self, _resume: &R) -> AsGenerator {
        AsGenerator
    }
}

impl<G: Generator<R>, R> ViaGenerator<R> for &&Probe<G> {}

/// Tried second: the operand is iterable, and the resume type `()`.
pub trait ViaIterator {
    /// Delegates to an adapter yielding the operand's items.
    #[inline(always)]
    fn delegation<R: UnitResume>(&self, _resume: &R) -> AsIterator {
        AsIterator
    }
}

impl<I: IntoIterator> ViaIterator for &Probe<I> {}

/// Tried last: the operand is neither.
pub trait ViaNeither {
    /// Leads to [`Delegable`]'s error.
    fn delegation<R>(&self, _resume: &R) -> Neither {
        Neither
    }
}

impl<T> ViaNeither for Probe<T> {}

/// `yield_from!` of a generator.
pub struct AsGenerator;

impl AsGenerator {
    /// The generator itself.
    #[inline(always)]
    pub fn delegate<G>(self, generator: G) -> G {
        generator
    }
}

/// `yield_from!` of an iterable.
pub struct AsIterator;

impl AsIterator {
    /// A generator yielding the iterable's items.
    #[inline(always)]
    pub fn delegate<I: IntoIterator>(self, iterable: I) -> Items<I::IntoIter> {
        Items {
            iter: iterable.into_iter(),
            done: false,
        }
    }
}

/// `yield_from!` of something it does not accept.
pub struct Neither;

impl Neither {
    /// Fails to compile, with [`Delegable`]'s message. The stand-in it
    /// returns has whatever types the rest of the expansion needs, so the
    /// error comes alone.
    pub fn delegate<T: Delegable, R, Y, Ret>(self, _operand: T) -> Unexpanded<R, Y, Ret> {
        Unexpanded::new()
    }
}

/// Implemented by nothing: the error for an operand of `yield_from!` that is
/// neither a generator nor iterable.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is neither a generator nor iterable: `yield_from!` accepts a `Generator` with this generator's resume type or, when the resume type is `()`, anything `IntoIterator`",
    label = "not a `Generator`, not `IntoIterator`"
)]
pub trait Delegable {}

/// The resume type of a generator that delegates to an iterator.
#[diagnostic::on_unimplemented(
    message = "`yield_from!` of an iterator needs the resume type `()`, not `{Self}`: an iterator cannot receive what is sent",
    label = "an iterator, in a generator resumed with `{Self}`",
    note = "delegate to a generator resumed with `{Self}` instead, or loop over the iterator: `for x in it {{ yield_!(x); }}`"
)]
pub trait UnitResume {}

impl UnitResume for () {}

/// A generator yielding an iterator's items, then returning `()`.
pub struct Items<I> {
    iter: I,
    done: bool,
}

impl<I: Iterator, R> Generator<R> for Items<I> {
    type Yield = I::Item;
    type Return = ();

    #[inline]
    fn resume(&mut self, _: R) -> GeneratorState<I::Item, ()> {
        match self.iter.next() {
            Some(item) => GeneratorState::Yielded(item),
            None => {
                self.done = true;
                GeneratorState::Complete(())
            }
        }
    }

    #[inline]
    fn is_complete(&self) -> bool {
        self.done
    }

    /// `()` is handed out by `resume`, the only way `yield_from!` drives it.
    #[inline]
    fn take_return(&mut self) -> Option<()> {
        None
    }
}
