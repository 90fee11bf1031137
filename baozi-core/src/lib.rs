//! Python-style generators for stable Rust, compiled to plain enums.
//!
//! A function marked [`#[generator]`](macro@generator) may suspend itself with
//! [`yield_!`], be resumed later with [`Generator::resume`] or
//! [`Generator::send`], and finish with a return value. The attribute rewrites
//! the body into an enum state machine: one variant per suspension point,
//! holding exactly the locals alive there. No threads, no stack switching, no
//! allocation, no `unsafe`, no pinning.
//!
//! ```
//! use baozi_core::prelude::*;
//!
//! #[generator(yield = (), resume = &'static str)]
//! fn consumer(name: &'static str) -> Vec<String> {
//!     let mut eaten = Vec::new();
//!     loop {
//!         let baozi = yield_!();
//!         if baozi.is_empty() {
//!             return eaten;
//!         }
//!         eaten.push(format!("包子[{baozi}]来了,被[{name}]吃了!"));
//!     }
//! }
//!
//! let mut c = consumer("Tony");
//! c.resume(""); // prime it: runs to the first `yield_!`, like Python's `__next__()`
//! c.send("韭菜餡");
//! match c.resume("") {
//!     GeneratorState::Complete(eaten) => assert_eq!(eaten, ["包子[韭菜餡]来了,被[Tony]吃了!"]),
//!     GeneratorState::Yielded(()) => unreachable!(),
//! }
//! ```
//!
//! With the default resume type `()` a generator is also an [`Iterator`]:
//!
//! ```
//! use baozi_core::prelude::*;
//!
//! #[generator(yield = u64)]
//! fn fib() {
//!     let (mut a, mut b) = (0u64, 1u64);
//!     loop {
//!         yield_!(a);
//!         (a, b) = (b, a + b);
//!     }
//! }
//!
//! assert_eq!(fib().take(8).collect::<Vec<_>>(), [0, 1, 1, 2, 3, 5, 8, 13]);
//! ```
//!
//! Generators compose: [`yield_from!`] is Python's `yield from`, delegating to
//! another generator (a recursive one boxes the call with
//! [`GeneratorExt::boxed`]), and [`generator_block!`] makes an anonymous
//! generator from a block, as a closure is an anonymous function.
//!
//! # Deriving traits
//!
//! `#[generator(yield = Y, derive(Clone, Debug, PartialEq, Serialize, Deserialize))]`
//! (any subset, beside the other arguments) makes the returned generator
//! implement those traits whenever every local it keeps across a `yield_!`
//! does; the compile error names the type that does not. A
//! [`generator_block!`] gets `Clone`, `Debug` and `PartialEq` without asking,
//! as a closure gets `Clone`: whenever its state allows.
//!
//! - `Clone` forks a suspended generator: the copy resumes from the same
//!   point, independently (backtracking search, speculative parsing).
//! - `Debug` shows the function's name, where the generator is suspended and
//!   the locals it keeps there.
//! - `PartialEq`: suspended at the same point with equal locals.
//!
//! ```
//! use baozi_core::prelude::*;
//!
//! #[generator(yield = u32, resume = u32, derive(Clone, Debug, PartialEq))]
//! fn accumulate(name: &'static str) -> String {
//!     let mut total = 0;
//!     loop {
//!         let x = yield_!(total);
//!         if x == 0 {
//!             return format!("{name}: {total}");
//!         }
//!         total += x;
//!     }
//! }
//!
//! let mut a = accumulate("tony");
//! assert_eq!(format!("{a:?}"), r#"accumulate { at: start, name: "tony" }"#);
//! a.resume(0);
//! a.resume(5);
//! // `at: yield #0 (line ..)`: the first `yield_!` of the function, and its line.
//! assert!(format!("{a:?}").starts_with("accumulate { at: yield #0 (line "));
//! assert!(format!("{a:?}").ends_with(r#"name: "tony", total: 5 }"#));
//!
//! let mut b = a.clone(); // a fork
//! assert_eq!(a, b);
//! assert_eq!(a.resume(1), GeneratorState::Yielded(6));
//! assert_eq!(b.resume(100), GeneratorState::Yielded(105));
//! assert_ne!(a, b);
//! ```
//!
//! `Serialize` and `Deserialize` (the `serde` feature) save a suspended
//! generator, in any serde format, and restore it later, in another process
//! maybe. The returned generator implements `serde::Serialize` and `Restore`
//! rather than `serde::Deserialize`: a saved generator is restored *into* a
//! fresh one, made by calling the same function (which runs nothing). The
//! saved data is the state; the code that continues it comes from the
//! function, since creating it from nothing is impossible on stable Rust
//! without `unsafe`.
//!
//! ```
//! # #[cfg(feature = "serde")] {
//! use baozi_core::prelude::*; // with the `serde` feature, `Restore` too
//!
//! #[generator(yield = String, resume = &'static str, derive(Serialize, Deserialize))]
//! fn shopping_list() {
//!     let mut list = Vec::new();
//!     loop {
//!         let item = yield_!(list.join(", "));
//!         list.push(item.to_string());
//!     }
//! }
//!
//! let mut g = shopping_list();
//! g.resume("");
//! g.send("包子");
//! let saved = serde_json::to_string(&g).unwrap();
//!
//! let mut restored = shopping_list();
//! restored.restore(&mut serde_json::Deserializer::from_str(&saved)).unwrap();
//! assert_eq!(restored.send("饅頭").as_deref(), Some("包子, 饅頭"));
//! # }
//! ```
//!
//! # Async generators
//!
//! With the `stream` feature, an `async fn` marked `#[generator]` both
//! awaits and yields (Python's `async def` with `yield`, PEP 525), and
//! returns `impl Stream<Item = Y>` ([`Stream`], futures-core's trait, so
//! `futures::StreamExt` and `tokio_stream::StreamExt` apply). It compiles to
//! the same enum state machine: an awaited future is a local kept across
//! the polls that return `Pending`, boxed only where it is not `Unpin`.
//! Returning `Result<(), E>` with `yield = Result<T, E>`, an error that `?`
//! returns is the last item, as async-stream's `try_stream!` gives it.
//!
//! ```
//! # #[cfg(feature = "stream")] {
//! use baozi_core::Stream;
//! use baozi_core::prelude::*;
//! use core::pin::Pin;
//! use core::task::{Context, Poll, Waker};
//!
//! #[generator(yield = u32)]
//! async fn doubled(n: u32) {
//!     for i in 0..n {
//!         let x = async move { i * 2 }.await;
//!         yield_!(x);
//!     }
//! }
//!
//! let mut s = doubled(3);
//! let mut cx = Context::from_waker(Waker::noop());
//! let mut items = Vec::new();
//! while let Poll::Ready(Some(x)) = Pin::new(&mut s).poll_next(&mut cx) {
//!     items.push(x);
//! }
//! assert_eq!(items, [0, 2, 4]);
//! # }
//! ```
//!
//! A future that borrows a local of the generator (`read(&mut buf).await`)
//! cannot be kept across a `Pending` poll: the state would point into
//! itself, which a movable state cannot do. Move what it borrows into an
//! `async move` block that gives it back:
//! `let (n, buf) = async move { let n = read(&mut buf).await; (n, buf) }.await;`.
//!
//! # Features
//!
//! - `alloc` (default): `Generator` for `Box<G>`, [`GeneratorExt::boxed`]
//!   and [`BoxGenerator`], so recursive generators. Without it
//!   (`default-features = false`) the crate needs neither `std` nor `alloc`.
//! - `serde`: `derive(Serialize, Deserialize)` on generators, and the
//!   `Restore` trait (above):
//!   `baozi-core = { version = "0.1", features = ["serde"] }`.
//! - `stream`: async generators (above), with futures-core; it needs
//!   `alloc`, for the awaited futures that are not `Unpin`.
#![no_std]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "alloc")]
extern crate alloc;

// The two macros are documented, with their examples, where they are defined
// (baozi-macros); rustdoc shows those docs here. Docs on these `use` items
// would come first on the same page, repeating them.
pub use baozi_macros::generator;

pub use baozi_macros::generator_block;

/// What a generator did when it was resumed: it yielded a value, or it
/// completed with its return value.
///
/// ```
/// use baozi_core::GeneratorState;
/// let s: GeneratorState<u8, &str> = GeneratorState::Yielded(1);
/// assert!(matches!(s, GeneratorState::Yielded(1)));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GeneratorState<Y, T> {
    /// The generator suspended at a `yield_!`, handing out this value.
    Yielded(Y),
    /// The generator ran to its end (`return`, the tail expression, or `?`).
    Complete(T),
}

/// A suspendable computation that can be resumed with a value of type `R`.
///
/// Every `#[generator]` function returns an implementation of this trait.
/// The trait is object safe: `Box<dyn Generator<R, Yield = Y, Return = T>>`
/// works, and so do `&mut G` and `Box<G>`.
///
/// ```
/// use baozi_core::prelude::*;
///
/// #[generator(yield = &'static str)]
/// fn greet() -> usize {
///     yield_!("hello");
///     yield_!("world");
///     2
/// }
///
/// let mut g: Box<dyn Generator<Yield = &'static str, Return = usize>> = Box::new(greet());
/// assert_eq!(g.send(()), Some("hello"));
/// assert_eq!(g.resume(()), GeneratorState::Yielded("world"));
/// assert_eq!(g.resume(()), GeneratorState::Complete(2));
/// ```
#[must_use = "generators are lazy and do nothing unless resumed"]
pub trait Generator<R = ()> {
    /// The type of the values handed out by `yield_!`.
    type Yield;
    /// The type of the value the generator completes with.
    type Return;

    /// Runs the generator until its next `yield_!` or its end.
    ///
    /// `arg` becomes the value of the `yield_!` expression the generator is
    /// suspended at; the first resume's `arg` is dropped (unless the
    /// generator names it: see [`generator_block!`]).
    ///
    /// # Panics
    /// When the generator has already completed, or when an earlier resume
    /// panicked. The panic points at the line that called `resume`.
    ///
    /// ```
    /// use baozi_core::prelude::*;
    ///
    /// #[generator(yield = u32, resume = u32)]
    /// fn add_two() -> u32 {
    ///     let a = yield_!(0);
    ///     let b = yield_!(a);
    ///     a + b
    /// }
    ///
    /// let mut g = add_two();
    /// assert_eq!(g.resume(99), GeneratorState::Yielded(0)); // 99 is dropped
    /// assert_eq!(g.resume(3), GeneratorState::Yielded(3)); // a = 3
    /// assert_eq!(g.resume(4), GeneratorState::Complete(7)); // b = 4
    /// ```
    ///
    /// ```should_panic
    /// use baozi_core::prelude::*;
    ///
    /// #[generator(yield = u8)]
    /// fn one() {
    ///     yield_!(1);
    /// }
    ///
    /// let mut g = one();
    /// assert_eq!(g.resume(()), GeneratorState::Yielded(1));
    /// assert_eq!(g.resume(()), GeneratorState::Complete(()));
    /// g.resume(()); // panics: "generator resumed after completion"
    /// ```
    #[track_caller]
    fn resume(&mut self, arg: R) -> GeneratorState<Self::Yield, Self::Return>;

    /// Python's `send`: resumes with `arg` and returns the yielded value, or
    /// `None` when the generator completed, and forever after that (it never
    /// panics on a completed generator). The return value is kept for
    /// [`take_return`](Generator::take_return), as Python's
    /// `StopIteration.value`.
    ///
    /// The provided implementation calls `resume` unless
    /// [`is_complete`](Generator::is_complete), and drops the return value;
    /// baozi's generators keep it.
    ///
    /// ```
    /// use baozi_core::prelude::*;
    ///
    /// #[generator(yield = u32, resume = u32)]
    /// fn doubler() -> &'static str {
    ///     let mut x = yield_!(0);
    ///     while x != 0 {
    ///         x = yield_!(x * 2);
    ///     }
    ///     "bye"
    /// }
    ///
    /// let mut g = doubler();
    /// assert_eq!(g.send(0), Some(0));
    /// assert_eq!(g.send(21), Some(42));
    /// assert_eq!(g.send(0), None);
    /// assert_eq!(g.send(5), None);
    /// assert_eq!(g.take_return(), Some("bye"));
    /// ```
    fn send(&mut self, arg: R) -> Option<Self::Yield> {
        if self.is_complete() {
            return None;
        }
        match self.resume(arg) {
            GeneratorState::Yielded(y) => Some(y),
            GeneratorState::Complete(_) => None,
        }
    }

    /// Whether the generator will not yield again: it completed, or a resume
    /// panicked.
    ///
    /// ```
    /// use baozi_core::prelude::*;
    ///
    /// #[generator(yield = u8)]
    /// fn one() {
    ///     yield_!(1);
    /// }
    ///
    /// let mut g = one();
    /// assert_eq!(g.next(), Some(1));
    /// assert!(!g.is_complete());
    /// assert_eq!(g.next(), None);
    /// assert!(g.is_complete());
    /// ```
    fn is_complete(&self) -> bool;

    /// The return value, once the generator completed in `send` or
    /// [`Iterator::next`] (Python's `StopIteration.value`): `Some` the first
    /// time, `None` after that, before completion, after a panic, and when
    /// `resume` handed the value out itself.
    ///
    /// ```
    /// use baozi_core::prelude::*;
    ///
    /// #[generator(yield = u32)]
    /// fn count_to(n: u32) -> &'static str {
    ///     for i in 1..=n {
    ///         yield_!(i);
    ///     }
    ///     "done"
    /// }
    ///
    /// let mut g = count_to(3);
    /// let sum: u32 = (&mut g).sum();
    /// assert_eq!(sum, 6);
    /// assert_eq!(g.take_return(), Some("done"));
    /// assert_eq!(g.take_return(), None);
    /// ```
    fn take_return(&mut self) -> Option<Self::Return>;
}

impl<R, G: Generator<R> + ?Sized> Generator<R> for &mut G {
    type Yield = G::Yield;
    type Return = G::Return;
    #[track_caller]
    fn resume(&mut self, arg: R) -> GeneratorState<G::Yield, G::Return> {
        (**self).resume(arg)
    }
    fn send(&mut self, arg: R) -> Option<G::Yield> {
        (**self).send(arg)
    }
    fn is_complete(&self) -> bool {
        (**self).is_complete()
    }
    fn take_return(&mut self) -> Option<G::Return> {
        (**self).take_return()
    }
}

#[cfg(feature = "alloc")]
impl<R, G: Generator<R> + ?Sized> Generator<R> for alloc::boxed::Box<G> {
    type Yield = G::Yield;
    type Return = G::Return;
    #[track_caller]
    fn resume(&mut self, arg: R) -> GeneratorState<G::Yield, G::Return> {
        (**self).resume(arg)
    }
    fn send(&mut self, arg: R) -> Option<G::Yield> {
        (**self).send(arg)
    }
    fn is_complete(&self) -> bool {
        (**self).is_complete()
    }
    fn take_return(&mut self) -> Option<G::Return> {
        (**self).take_return()
    }
}

/// Suspends the enclosing [`#[generator]`](macro@generator) function,
/// handing out its argument.
///
/// `yield_!(v)` hands out `v`; `yield_!()` hands out `()`. When the generator
/// is resumed with `arg`, the `yield_!` expression evaluates to `arg`.
/// The `#[generator]` attribute rewrites every `yield_!` in its body, so this
/// macro only expands where it was used outside a generator, and then it is
/// a compile error.
///
/// ```
/// use baozi_core::prelude::*;
///
/// #[generator(yield = char)]
/// fn abc() {
///     for c in ['a', 'b', 'c'] {
///         yield_!(c);
///     }
/// }
/// assert_eq!(abc().collect::<String>(), "abc");
/// ```
///
/// ```compile_fail
/// baozi_core::yield_!(1); // not inside a #[generator] function
/// ```
#[macro_export]
macro_rules! yield_ {
    ($($value:tt)*) => {
        ::core::compile_error!(
            "`yield_!` can only be used inside a function marked `#[generator]` or a `generator_block!`, \
             written there as `yield_!`: under another name (`use baozi_core::yield_ as y;`) or produced \
             by another macro's expansion, the generator does not see it"
        )
    };
}

/// Python's `yield from`: delegates to another generator until it completes,
/// or yields each item of anything iterable.
///
/// `yield_from!(sub)` of a generator resumes `sub` (first with the resume
/// type's `Default::default()`, as Python's first `send(None)`), hands out
/// every value `sub` yields, passes every value the outer generator is
/// resumed with into `sub`, and evaluates to `sub`'s return value. `sub` is
/// any `Generator<R>` with the outer generator's resume and yield types,
/// including `Box<dyn Generator<..>>`, so recursive generators work by boxing
/// the recursive call ([`GeneratorExt::boxed`]): a generator cannot contain
/// itself, and `yield_from!(walk(n - 1))` without the box is a compile error
/// that says so.
///
/// When the resume type is `()`, `sub` may also be anything
/// [`IntoIterator`], as in Python's `yield from range(3)`:
/// `yield_from!(0..3)`, `yield_from!(vec)`, `yield_from!(s.chars())` yield
/// each item and evaluate to `()`. A generator is always delegated to as a
/// generator, though it is an iterator too, so it keeps its return value.
/// Anything else is a compile error that names its type.
///
/// ```
/// use baozi_core::prelude::*;
///
/// #[generator(yield = u32)]
/// fn digits(n: u32) -> u32 {
///     for d in 0..n {
///         yield_!(d);
///     }
///     n
/// }
///
/// #[generator(yield = u32)]
/// fn twice() -> u32 {
///     let a = yield_from!(digits(2));
///     let b = yield_from!(digits(3));
///     a + b
/// }
///
/// let mut g = twice();
/// assert_eq!((&mut g).collect::<Vec<_>>(), [0, 1, 0, 1, 2]);
/// ```
///
/// Iterables:
///
/// ```
/// use baozi_core::prelude::*;
///
/// #[generator(yield = char)]
/// fn spelled(words: Vec<&'static str>, sep: &'static str) {
///     for (i, w) in words.into_iter().enumerate() {
///         if i > 0 {
///             yield_from!(sep.chars());
///         }
///         yield_from!(w.chars());
///     }
///     yield_from!(['!', '!']);
/// }
///
/// assert_eq!(spelled(vec!["包子", "饅頭"], ", ").collect::<String>(), "包子, 饅頭!!");
/// ```
///
/// An iterator cannot receive what is sent, so with another resume type
/// `yield_from!` takes generators only:
///
/// ```compile_fail
/// use baozi_core::prelude::*;
///
/// #[generator(yield = u32, resume = bool)]
/// fn numbers() {
///     yield_from!(0..3); // error: `yield_from!` of an iterator needs the resume type `()`
/// }
/// ```
///
/// A recursive in-order traversal (boxing needs the `alloc` feature, on by
/// default):
///
/// ```
/// # #[cfg(feature = "alloc")] {
/// use baozi_core::prelude::*;
///
/// enum Tree {
///     Leaf,
///     Node(Box<Tree>, u32, Box<Tree>),
/// }
///
/// #[generator(yield = u32)]
/// fn in_order<'t>(tree: &'t Tree) {
///     if let Tree::Node(left, value, right) = tree {
///         yield_from!(in_order(left).boxed());
///         yield_!(*value);
///         yield_from!(in_order(right).boxed());
///     }
/// }
///
/// let leaf = || Box::new(Tree::Leaf);
/// let tree = Tree::Node(Box::new(Tree::Node(leaf(), 1, leaf())), 2, Box::new(Tree::Node(leaf(), 3, leaf())));
/// assert_eq!(in_order(&tree).collect::<Vec<_>>(), [1, 2, 3]);
/// # }
/// ```
#[macro_export]
macro_rules! yield_from {
    ($($sub:tt)*) => {
        ::core::compile_error!(
            "`yield_from!` can only be used inside a function marked `#[generator]` or a `generator_block!`, \
             written there as `yield_from!`: under another name or produced by another macro's expansion, \
             the generator does not see it"
        )
    };
}

/// A boxed, type-erased generator: what a recursive generator delegates to,
/// and what a collection of different generators holds.
///
/// `Box<dyn Generator<R, Yield = Y, Return = T> + 'a>`, as
/// [`GeneratorExt::boxed`] makes it. Each `#[generator]` function returns its
/// own type; boxed, generators of different functions have one type, which
/// can be named. (`alloc` feature, on by default.)
///
/// With the resume type `()` it is an [`Iterator`] over the yielded values,
/// as the generator itself is: `walk(root).boxed().collect::<Vec<_>>()`, or
/// `for x in walk(child).boxed() { yield_!(x) }` inside a recursive
/// generator. So are `&mut dyn Generator<Yield = Y, Return = T>` and the
/// object types with auto traits (`+ Send`, `+ Sync`, `+ Unpin`, in any
/// combination). Like the generator's own iterator, it is fused (`next` is
/// [`send`](Generator::send)`(())`, which keeps returning `None` once the
/// generator completed), and the return value stays available to
/// [`take_return`](Generator::take_return).
///
/// ```
/// use baozi_core::prelude::*;
///
/// #[generator(yield = &'static str)]
/// fn steamed() {
///     yield_!("包子");
///     yield_!("饅頭");
/// }
///
/// #[generator(yield = &'static str)]
/// fn boiled() {
///     yield_!("餃子");
/// }
///
/// fn menu(steamer: bool) -> BoxGenerator<'static, &'static str> {
///     if steamer { steamed().boxed() } else { boiled().boxed() }
/// }
///
/// let mut g = menu(false);
/// assert_eq!(g.send(()), Some("餃子"));
/// assert_eq!(g.send(()), None);
///
/// // An iterator, as the generator is.
/// assert_eq!(menu(true).collect::<Vec<_>>(), ["包子", "饅頭"]);
/// let all: Vec<&str> = [menu(true), menu(false)].into_iter().flatten().collect();
/// assert_eq!(all, ["包子", "饅頭", "餃子"]);
///
/// #[generator(yield = u32)]
/// fn countdown(n: u32) -> &'static str {
///     yield_!(n);
///     if n > 0 {
///         // The recursive call is boxed: a generator cannot contain itself.
///         for x in countdown(n - 1).boxed() {
///             yield_!(x);
///         }
///     }
///     "liftoff"
/// }
///
/// let mut g = countdown(2).boxed();
/// assert_eq!((&mut g).collect::<Vec<_>>(), [2, 1, 0]);
/// assert_eq!(g.next(), None);
/// assert_eq!(g.take_return(), Some("liftoff"));
/// ```
#[cfg(feature = "alloc")]
pub type BoxGenerator<'a, Y, R = (), T = ()> =
    alloc::boxed::Box<dyn Generator<R, Yield = Y, Return = T> + 'a>;

/// `Iterator` and `FusedIterator` for the object types of generators with
/// the resume type `()`, each combination of auto traits being a type of its
/// own; `Box<dyn ..>` and `&mut dyn ..` are then iterators through std's
/// impls for them.
macro_rules! iterator_for_dyn_generator {
    ($([$($auto:tt)*])*) => {$(
        /// Python's `next(g)`: [`send`](Generator::send)`(())`, the yielded
        /// value, or `None` once the generator completed, and forever after.
        impl<'a, Y, T> Iterator for dyn Generator<(), Yield = Y, Return = T> $($auto)* + 'a {
            type Item = Y;

            #[inline]
            fn next(&mut self) -> Option<Y> {
                self.send(())
            }
        }

        /// `send` keeps returning `None` once the generator completed.
        impl<'a, Y, T> core::iter::FusedIterator
            for dyn Generator<(), Yield = Y, Return = T> $($auto)* + 'a
        {
        }
    )*};
}

iterator_for_dyn_generator!(
    []
    [+ Send]
    [+ Sync]
    [+ Send + Sync]
    [+ Unpin]
    [+ Send + Unpin]
    [+ Sync + Unpin]
    [+ Send + Sync + Unpin]
);

/// Conveniences for every generator, implemented for every [`Generator`];
/// the prelude brings it.
///
/// ```
/// # #[cfg(feature = "alloc")] {
/// use baozi_core::prelude::*;
///
/// #[generator(yield = u32)]
/// fn one() {
///     yield_!(1);
/// }
///
/// #[generator(yield = u32)]
/// fn two() {
///     yield_!(2);
///     yield_!(2);
/// }
///
/// // Two functions, two types; boxed, one type.
/// let mut total = 0;
/// for mut g in [one().boxed(), two().boxed()] {
///     while let Some(n) = g.send(()) {
///         total += n;
///     }
/// }
/// assert_eq!(total, 5);
/// # }
/// ```
pub trait GeneratorExt<R>: Generator<R> {
    /// Boxes the generator behind `dyn Generator`, which a recursive generator
    /// needs to delegate to itself (`yield_from!(walk(child).boxed())`). With
    /// the resume type `()` the box is an [`Iterator`], as the generator is
    /// (see [`BoxGenerator`]). (`alloc` feature, on by default.)
    ///
    /// ```
    /// use baozi_core::prelude::*;
    ///
    /// #[generator(yield = u32)]
    /// fn countdown(n: u32) {
    ///     if n > 0 {
    ///         yield_!(n);
    ///         yield_from!(countdown(n - 1).boxed()); // unboxed, its type would contain itself
    ///     }
    /// }
    ///
    /// assert_eq!(countdown(3).collect::<Vec<_>>(), [3, 2, 1]);
    /// assert_eq!(countdown(2).boxed().collect::<Vec<_>>(), [2, 1]);
    /// ```
    #[cfg(feature = "alloc")]
    fn boxed<'a>(self) -> BoxGenerator<'a, Self::Yield, R, Self::Return>
    where
        Self: Sized + 'a,
    {
        alloc::boxed::Box::new(self)
    }
}

impl<R, G: Generator<R> + ?Sized> GeneratorExt<R> for G {}

/// Restores a suspended generator saved with `serde::Serialize`, so it
/// continues exactly where the saved one stopped (durable execution of
/// ordinary Rust code).
///
/// A generator declared with `derive(Serialize, Deserialize)` implements
/// `serde::Serialize` and `Restore`. Restoring goes *into* a generator made
/// by calling the same function (which runs nothing): the saved data is the
/// state, and the code that continues it comes from the function. (A plain
/// `Deserialize` would have to create the step closure from nothing, which
/// stable Rust cannot do without `unsafe`.)
///
/// (`serde` feature.)
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use baozi_core::prelude::*;
///
/// #[generator(yield = u64, derive(Serialize, Deserialize))]
/// fn squares(limit: u64) {
///     let mut i = 1;
///     while i <= limit {
///         yield_!(i * i);
///         i += 1;
///     }
/// }
///
/// let mut g = squares(5);
/// assert_eq!(g.next(), Some(1));
/// assert_eq!(g.next(), Some(4));
/// let saved = serde_json::to_string(&g).unwrap();
///
/// // Later, maybe in another process: a fresh generator of the same function.
/// let mut restored = squares(0);
/// restored.restore(&mut serde_json::Deserializer::from_str(&saved)).unwrap();
/// assert_eq!(restored.collect::<Vec<_>>(), [9, 16, 25]);
/// # }
/// ```
#[cfg(feature = "serde")]
pub trait Restore {
    /// Replaces this generator's state with a saved one. On an error, the
    /// generator keeps the state it had.
    ///
    /// ```
    /// use baozi_core::prelude::*;
    ///
    /// #[generator(yield = u32, derive(Serialize, Deserialize))]
    /// fn naturals() {
    ///     let mut n = 0;
    ///     loop {
    ///         yield_!(n);
    ///         n += 1;
    ///     }
    /// }
    ///
    /// let mut g = naturals();
    /// g.nth(41);
    /// let saved = serde_json::to_string(&g).unwrap();
    ///
    /// let mut fresh = naturals();
    /// assert!(fresh.restore(&mut serde_json::Deserializer::from_str("[1, 2")).is_err());
    /// fresh.restore(&mut serde_json::Deserializer::from_str(&saved)).unwrap();
    /// assert_eq!(fresh.next(), Some(42));
    /// ```
    fn restore<'de, D: serde::Deserializer<'de>>(
        &mut self,
        deserializer: D,
    ) -> Result<(), D::Error>;
}

/// Everything a generator author needs: `use baozi_core::prelude::*;`.
///
/// It brings [`generator`](macro@generator), [`generator_block!`],
/// [`yield_!`], [`yield_from!`], [`Generator`], [`GeneratorState`],
/// [`GeneratorExt`], [`BoxGenerator`] (with the `alloc` feature, on by
/// default) and, with the `serde` feature, `Restore`.
///
/// ```
/// use baozi_core::prelude::*;
///
/// #[generator(yield = u32)]
/// fn two() -> &'static str {
///     yield_!(1);
///     yield_!(2);
///     "done"
/// }
///
/// let mut g = two();
/// assert_eq!(g.send(()), Some(1));
/// assert_eq!(g.resume(()), GeneratorState::Yielded(2));
/// assert_eq!(g.resume(()), GeneratorState::Complete("done"));
/// ```
pub mod prelude {
    #[cfg(feature = "alloc")]
    pub use crate::BoxGenerator;
    #[cfg(feature = "serde")]
    pub use crate::Restore;
    pub use crate::{
        Generator, GeneratorExt, GeneratorState, generator, generator_block, yield_, yield_from,
    };
}

/// Support code for the expansion of `#[generator]`. Not a public API: it may
/// change in any release.
#[doc(hidden)]
pub mod __private;
mod delegate;
#[cfg(feature = "stream")]
mod stream;

/// The trait of async generators (`#[generator] async fn`), with the
/// `stream` feature: futures-core's `Stream`, which `futures::StreamExt`,
/// `tokio_stream::StreamExt` and the rest extend.
#[cfg(feature = "stream")]
pub use futures_core::Stream;
