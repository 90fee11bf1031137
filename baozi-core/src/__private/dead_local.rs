//! What a suspended generator stores for a local that is dead where it
//! suspends (no later code uses it): rustc, not the macro, picks by its type
//! (autoref specialisation: method resolution tries the impls that take
//! `DeadLocal<T>` by value before the one that takes it by reference).
//!
//! - A `Copy` value or a `&mut` reference has no drop glue, so ending it
//!   where it dies cannot be seen: `()` is stored, and a borrow it holds of
//!   another local ends there, as in rustc's own coroutines.
//! - Anything else may have a `Drop` that must run at the end of its scope
//!   (a guard): the value itself is stored.
//!
//! The macro writes `dead(&x).store(x)`, with the three traits in scope.

use core::marker::PhantomData;

/// The type of a dead local, to pick its storage by.
pub struct DeadLocal<T>(PhantomData<T>);

/// The type of the dead local `x`.
#[inline(always)]
pub fn dead<T>(_: &T) -> DeadLocal<T> {
    DeadLocal(PhantomData)
}

/// Picked first for a `Copy` type: ends it.
pub trait EndsHereIfCopy<T> {
    fn store(self, value: T);
}

impl<T: Copy> EndsHereIfCopy<T> for DeadLocal<T> {
    #[inline(always)]
    fn store(self, _: T) {}
}

/// Picked first for a `&mut` reference: ends it.
pub trait EndsHereIfMutRef<T> {
    fn store(self, value: T);
}

impl<'a, U: ?Sized> EndsHereIfMutRef<&'a mut U> for DeadLocal<&'a mut U> {
    #[inline(always)]
    fn store(self, _: &'a mut U) {}
}

/// Picked for the others, through a reference: keeps it.
pub trait KeptOtherwise<T> {
    fn store(&self, value: T) -> T;
}

impl<T> KeptOtherwise<T> for DeadLocal<T> {
    #[inline(always)]
    fn store(&self, value: T) -> T {
        value
    }
}

/// The type of a dead local that visibly borrows another local of the
/// generator (`let it = s.chars();`): as [`DeadLocal`], but keeping it is a
/// self-borrow, which gets baozi's explanation rather than rustc's lifetime
/// error over the state.
pub struct DeadBorrow<T>(PhantomData<T>);

/// The type of the dead borrowing local `x`.
#[inline(always)]
pub fn dead_borrow<T>(_: &T) -> DeadBorrow<T> {
    DeadBorrow(PhantomData)
}

impl<T: Copy> EndsHereIfCopy<T> for DeadBorrow<T> {
    #[inline(always)]
    fn store(self, _: T) {}
}

impl<'a, U: ?Sized> EndsHereIfMutRef<&'a mut U> for DeadBorrow<&'a mut U> {
    #[inline(always)]
    fn store(self, _: &'a mut U) {}
}

/// Picked for the others: an error, with [`BorrowKeptAcrossAYield`]'s
/// message.
pub trait KeptBorrowOtherwise<T> {
    fn store(&self, value: T) -> T
    where
        T: BorrowKeptAcrossAYield;
}

impl<T> KeptBorrowOtherwise<T> for DeadBorrow<T> {
    #[inline(always)]
    fn store(&self, value: T) -> T
    where
        T: BorrowKeptAcrossAYield,
    {
        value
    }
}

/// Implemented by no type: the error a kept dead borrow gets.
#[diagnostic::on_unimplemented(
    message = "this borrows a local of the generator, and the borrowing value (a `{Self}`) is kept across a `yield_!`: the generator's state would point into itself, which a movable generator cannot do",
    label = "the generator suspends here with the borrowing value kept",
    note = "it is not used after the `yield_!`, but a `{Self}` is neither `Copy` nor `&mut`, so baozi keeps it until the end of its block in case it has a `Drop`",
    note = "end it before the `yield_!` (declare it in an inner block `{{ .. }}` that closes before it), or iterate by value or by index instead of borrowing"
)]
pub trait BorrowKeptAcrossAYield {}
