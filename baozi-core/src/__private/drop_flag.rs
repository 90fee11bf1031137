//! A local that rustc's coroutines would give a drop flag: one moved out on
//! some paths only (`if c { drop(b) }`) or given a value on some paths only
//! (`let a; if c { a = make() }`), and in scope at a `yield_!`.
//!
//! Rust cannot name a maybe-moved local, so the state cannot store it as it
//! is; the macro declares it as a [`DropFlag`] instead, which holds the value
//! while there is one and drops it at the end of its scope, as rustc's drop
//! flag does:
//!
//! - `let b = e;` becomes `let mut b = DropFlag::new(e);` and `let a;`
//!   becomes `let mut a = DropFlag::empty();`;
//! - a mention that moves it (`drop(b)`) becomes `(&mut &mut b).move_out()`,
//!   which copies a `Copy` value and takes anything else (autoref
//!   specialisation: rustc, not the macro, sees whether the type is `Copy`);
//! - an assignment `a = v` becomes `a = DropFlag::new(v)`, which drops the
//!   old value if there is one, as an assignment does;
//! - every other mention becomes `(*b)`, through `Deref` or `DerefMut` as
//!   the use needs.

use core::fmt;
use core::ops::{Deref, DerefMut};

/// A local and its drop flag (see the module docs).
#[derive(Clone, PartialEq)]
pub struct DropFlag<T>(Option<T>);

impl<T> DropFlag<T> {
    /// Holding `value`.
    #[inline(always)]
    pub fn new(value: T) -> Self {
        DropFlag(Some(value))
    }

    /// Declared without a value.
    #[inline(always)]
    pub fn empty() -> Self {
        DropFlag(None)
    }
}

#[cold]
#[track_caller]
fn moved() -> ! {
    panic!(
        "baozi: a local used after a call that baozi took for a move of it (a drop flag said it was moved out); please report this"
    )
}

impl<T> Deref for DropFlag<T> {
    type Target = T;

    #[inline(always)]
    #[track_caller]
    fn deref(&self) -> &T {
        match &self.0 {
            Some(value) => value,
            None => moved(),
        }
    }
}

impl<T> DerefMut for DropFlag<T> {
    #[inline(always)]
    #[track_caller]
    fn deref_mut(&mut self) -> &mut T {
        match &mut self.0 {
            Some(value) => value,
            None => moved(),
        }
    }
}

/// Picked first for a `Copy` value: a move copies it.
pub trait MovedOutIfCopy<T> {
    fn move_out(&mut self) -> T;
}

impl<T: Copy> MovedOutIfCopy<T> for &mut DropFlag<T> {
    #[inline(always)]
    #[track_caller]
    fn move_out(&mut self) -> T {
        ***self
    }
}

/// Picked otherwise: a move takes the value, and clears the flag.
pub trait MovedOut<T> {
    fn move_out(&mut self) -> T;
}

impl<T> MovedOut<T> for DropFlag<T> {
    #[inline(always)]
    #[track_caller]
    fn move_out(&mut self) -> T {
        match self.0.take() {
            Some(value) => value,
            None => moved(),
        }
    }
}

/// `{x}` in a format string names the local itself.
impl<T: fmt::Display> fmt::Display for DropFlag<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&**self, f)
    }
}

/// Shows the value, or `<moved>` (also in a suspended generator's `Debug`).
impl<T: fmt::Debug> fmt::Debug for DropFlag<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Some(value) => value.fmt(f),
            None => f.write_str("<moved>"),
        }
    }
}

#[cfg(feature = "serde")]
impl<T: serde::Serialize> serde::Serialize for DropFlag<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

#[cfg(feature = "serde")]
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for DropFlag<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Option::deserialize(d).map(DropFlag)
    }
}

#[cfg(test)]
// The macro's shape: the double borrow picks the impl.
#[allow(clippy::needless_borrow)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    #[test]
    fn a_copy_value_is_copied_and_anything_else_taken() {
        let mut n = DropFlag::new(3u32);
        assert_eq!((&mut &mut n).move_out(), 3);
        assert_eq!(*n, 3);
        let mut s = DropFlag::new(String::from("s"));
        assert_eq!((&mut &mut s).move_out(), "s");
        assert_eq!(format!("{s:?}"), "<moved>");
        s = DropFlag::new(String::from("t"));
        s.push('u');
        assert_eq!(format!("{s}"), "tu");
    }

    #[test]
    #[should_panic(expected = "drop flag")]
    fn a_use_after_a_move_panics() {
        let mut s = DropFlag::new(String::new());
        drop((&mut &mut s).move_out());
        let _ = s.len();
    }
}
