//! Workspace-level tests of baozi.
//!
//! The behaviour tests live in `tests/*.rs`. The doc tests below check what
//! must *not* compile.
//!
//! `yield_!` outside a `#[generator]` function is an error:
//!
//! ```compile_fail
//! use baozi_core::prelude::*;
//! fn not_a_generator() -> u8 {
//!     yield_!(1);
//!     2
//! }
//! ```
//!
//! A generator cannot keep a borrow of its own local across a yield (the
//! state would be self-referential); iterate by value or by index instead:
//!
//! ```compile_fail
//! use baozi_core::prelude::*;
//! #[generator(yield = i32)]
//! fn borrows_own_local() {
//!     let v = vec![1, 2, 3];
//!     for x in v.iter() {
//!         yield_!(*x);
//!     }
//! }
//! ```
//!
//! ```
//! use baozi_core::prelude::*;
//! #[generator(yield = i32)]
//! fn by_value() {
//!     let v = vec![1, 2, 3];
//!     for x in v.clone() {
//!         yield_!(x);
//!     }
//!     for i in 0..v.len() {
//!         yield_!(v[i]);
//!     }
//! }
//! assert_eq!(by_value().collect::<Vec<_>>(), [1, 2, 3, 1, 2, 3]);
//! ```
//!
//! A generator holding an `Rc` across a yield is not `Send`:
//!
//! ```compile_fail
//! use baozi_core::prelude::*;
//! use std::rc::Rc;
//! #[generator(yield = i32)]
//! fn holds_rc() {
//!     let rc = Rc::new(1);
//!     yield_!(*rc);
//!     yield_!(*rc);
//! }
//! fn assert_send<T: Send>(_: T) {}
//! assert_send(holds_rc());
//! ```
//!
//! ```
//! use baozi_core::prelude::*;
//! use std::rc::Rc;
//! #[generator(yield = i32)]
//! fn rc_between_yields() {
//!     let n = { let rc = Rc::new(1); *rc };
//!     yield_!(n);
//! }
//! fn assert_send<T: Send>(_: T) {}
//! assert_send(rc_between_yields());
//! ```
//!
//! A generator whose resume type is not `()` is not an `Iterator`:
//!
//! ```compile_fail
//! use baozi_core::prelude::*;
//! #[generator(yield = i32, resume = i32)]
//! fn echo() {
//!     let mut x = 0;
//!     loop {
//!         x = yield_!(x);
//!     }
//! }
//! let _ = echo().next();
//! ```
//!
//! Resuming with the wrong type is a type error:
//!
//! ```compile_fail
//! use baozi_core::prelude::*;
//! #[generator(yield = i32, resume = i32)]
//! fn echo() {
//!     let mut x = 0;
//!     loop {
//!         x = yield_!(x);
//!     }
//! }
//! let _ = echo().resume("text");
//! ```
//!
//! ```
//! use baozi_core::prelude::*;
//! #[generator(yield = i32, resume = i32)]
//! fn echo() {
//!     let mut x = 0;
//!     loop {
//!         x = yield_!(x);
//!     }
//! }
//! let mut g = echo();
//! g.resume(0);
//! assert_eq!(g.resume(5), GeneratorState::Yielded(5));
//! ```

/// The README's Rust code blocks, compiled and run as doc tests of this crate
/// (a published crate cannot include a file outside its directory).
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
mod readme {}

/// baozi-core's own README, the one crates.io shows.
#[cfg(doctest)]
#[doc = include_str!("../../baozi-core/README.md")]
mod baozi_core_readme {}
