//! The `#[generator]` attribute and `generator_block!` macro of baozi. Use
//! them through [baozi-core](https://docs.rs/baozi-core), which re-exports
//! them with the runtime they expand to (`Generator`, `yield_!` and the rest):
//! depend on `baozi-core` only.
//!
//! ```
//! use baozi_core::prelude::*; // `generator` and `generator_block` among the rest
//!
//! #[generator(yield = u32)]
//! fn countdown(mut n: u32) {
//!     while n > 0 {
//!         yield_!(n);
//!         n -= 1;
//!     }
//! }
//! assert_eq!(countdown(3).collect::<Vec<_>>(), [3, 2, 1]);
//!
//! let squares = generator_block!({
//!     for i in 1..4u32 {
//!         yield_!(i * i);
//!     }
//! });
//! assert_eq!(squares.collect::<Vec<_>>(), [1, 4, 9]);
//! ```
//!
//! The macro is a small compiler, one module per stage:
//! [`parse`] (or [`block`] for `generator_block!`) → [`validate`] →
//! [`lower_async`] (an async generator becomes a plain one) → [`fields`] (a partly moved struct local becomes a local per field) →
//! [`normalize`] (into [`ir`], with [`access`] deciding how each stored
//! binding is reached) → the analyses [`init`], [`liveness`] and [`flags`]
//! (a second normalisation declares the bindings that need a drop flag as
//! one) → [`split`] (using [`scope`]) → [`self_borrows`] (baozi's errors for
//! what the state cannot store) → [`emit`]. The stages share the generated
//! names in one table ([`names`]) and the recognition of `yield_!`
//! ([`yields`]). When a stage reports errors, [`fallback`] emits them next
//! to what the user wrote.
#![forbid(unsafe_code)]
// The overview above links to the stages, private modules: read it with
// `cargo doc --document-private-items`.
#![allow(rustdoc::private_intra_doc_links)]

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;

mod access;
mod block;
mod emit;
mod fallback;
mod fields;
mod flags;
mod init;
mod ir;
mod liveness;
mod lower_async;
mod names;
mod normalize;
mod parse;
mod scope;
mod self_borrows;
mod split;
mod validate;
mod yields;

/// Turns a function whose body uses `yield_!` into a generator.
///
/// Defined in baozi-macros and re-exported by
/// [baozi-core](https://docs.rs/baozi-core), the crate to depend on:
/// `use baozi_core::prelude::*;` brings it with `yield_!`, `yield_from!`,
/// `Generator` and `GeneratorState`.
///
/// ```text
/// #[generator]                              // Yield = (), Resume = ()
/// #[generator(yield = Y)]                   // Resume = ()
/// #[generator(yield = Y, resume = R)]
/// #[generator(yield = Y, resume = R as first)]  // receives the first resume's argument
/// #[generator(yield = Y, resume = R, derive(Clone, Debug, PartialEq, Serialize, Deserialize))]
/// #[generator(yield = Y, crate = path)]     // baozi-core re-exported at `path`
/// fn name<generics>(params) -> Ret where ... { body }
/// ```
///
/// The function then returns `impl Generator<R, Yield = Y, Return = Ret>`,
/// plus `Iterator<Item = Y>` when the resume type is `()`, and `Unpin`
/// (every generator is, whatever it stores: nothing in baozi pins, as
/// nothing pins rustc's movable coroutines). Calling it runs nothing; the first `resume` runs the body up to the first `yield_!` (its
/// argument is dropped, as Python's first `send` must be `None`).
///
/// ```
/// use baozi_core::prelude::*;
///
/// #[generator(yield = i32, resume = i32)]
/// fn running_total() -> i32 {
///     let mut total = 0;
///     while total < 10 {
///         total += yield_!(total);
///     }
///     total
/// }
///
/// let mut g = running_total();
/// assert_eq!(g.resume(0), GeneratorState::Yielded(0));
/// assert_eq!(g.resume(4), GeneratorState::Yielded(4));
/// assert_eq!(g.resume(7), GeneratorState::Complete(11));
/// ```
///
/// # Arguments
///
/// All are optional, in any order:
///
/// - `yield = Y`: the type of the values `yield_!` hands out; `()` without it.
/// - `resume = R`: the type of the values `resume` and `send` take, which is
///   the type of a `yield_!` expression; `()` without it.
/// - `resume = R as pattern`: the same, and the first resume's argument,
///   which no `yield_!` waits for, is bound to `pattern` at the top of the
///   body (as rustc's `|arg| { .. }` coroutines bind it) instead of being
///   dropped.
/// - `crate = path`: where baozi-core is, for a crate that uses it through a
///   re-export (`#[generator(crate = my_lib::baozi_core)]`). Without it, the
///   expansion names baozi-core as the calling crate's `Cargo.toml` does, so
///   `baozi = { package = "baozi-core", .. }` works as it stands.
/// - `derive(..)`: any of `Clone`, `Debug`, `PartialEq`, `Serialize` and
///   `Deserialize`. The returned generator implements each one whenever every
///   local it keeps across a `yield_!` does: `Clone` forks a suspended
///   generator, `Debug` shows where it is suspended and its locals,
///   `PartialEq` compares those. `Serialize` and `Deserialize` need
///   baozi-core's `serde` feature; with `Deserialize` the generator
///   implements `Restore` rather than `Deserialize` itself (baozi-core's
///   crate documentation, "Deriving traits", says why and shows them).
///
/// ```
/// use baozi_core::prelude::*;
///
/// #[generator(yield = u32, derive(Clone))]
/// fn naturals() {
///     let mut n = 0;
///     loop {
///         yield_!(n);
///         n += 1;
///     }
/// }
///
/// let mut g = naturals();
/// g.next();
/// let mut fork = g.clone(); // suspended at the same point, with its own `n`
/// assert_eq!(g.next(), Some(1));
/// assert_eq!(g.next(), Some(2));
/// assert_eq!(fork.next(), Some(1));
/// ```
#[proc_macro_attribute]
pub fn generator(
    attr: proc_macro::TokenStream,
    item: proc_macro::TokenStream,
) -> proc_macro::TokenStream {
    expand(attr.into(), item.into()).into()
}

/// An anonymous generator made from a block, as a closure is an anonymous
/// function.
///
/// Defined in baozi-macros and re-exported by
/// [baozi-core](https://docs.rs/baozi-core), the crate to depend on:
/// `use baozi_core::prelude::*;` brings it.
///
/// ```text
/// generator_block!({ body })                          // borrows what it uses
/// generator_block!(move { body })                     // owns what it uses
/// generator_block!(yield = Y, resume = R; move { body })
/// generator_block!(|first: R| { body })              // receives the first resume's argument
/// generator_block!(crate = path; { body })
/// ```
///
/// The body is a generator body (`yield_!`, `yield_from!`, `return`, `?`),
/// transformed exactly as `#[generator]` transforms a function. The yield,
/// resume and return types are inferred from use, like a closure's, unless
/// named; a block that never uses the value of a `yield_!` (and does not
/// delegate with `yield_from!`) is resumed with `()`, as a coroutine
/// closure without a parameter is. `|first|` (or `|first: R|`) before the
/// block receives the first resume's argument, as a coroutine closure's
/// parameter does. The value is a `Generator<R>`, and an `Iterator` when
/// the resume type is `()`. A `move` block takes ownership of the variables it uses; a
/// block without `move` borrows them, so it cannot move them out. Like a
/// closure, it is `Clone`, `Debug` and `PartialEq` whenever what it keeps
/// is.
///
/// (It is not called `generator!`: an attribute and a function-like macro
/// cannot share a name in Rust.)
///
/// ```
/// use baozi_core::prelude::*;
///
/// let words = vec!["包子", "饅頭", "餃子"];
/// let prefix = String::from("吃");
/// let mut g = generator_block!(move {
///     for w in words {
///         yield_!(format!("{prefix}{w}"));
///     }
/// });
/// assert_eq!(g.next().as_deref(), Some("吃包子"));
/// assert_eq!(g.count(), 2);
///
/// let mut total = 0;
/// let mut adder = generator_block!(yield = i32, resume = i32; {
///     loop {
///         total += yield_!(total);
///     }
/// });
/// adder.resume(0);
/// adder.resume(5);
/// assert_eq!(adder.resume(7), GeneratorState::Yielded(12));
///
/// // The first argument, received: a running maximum.
/// let mut max = generator_block!(|first: u32| {
///     let mut max = first;
///     loop {
///         max = max.max(yield_!(max));
///     }
/// });
/// assert_eq!(max.resume(3), GeneratorState::Yielded(3));
/// assert_eq!(max.resume(1), GeneratorState::Yielded(3));
/// assert_eq!(max.resume(8), GeneratorState::Yielded(8));
/// ```
#[proc_macro]
pub fn generator_block(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    expand_block(input.into()).into()
}

/// The attribute's transform, on `proc_macro2` tokens. Never panics: an
/// internal error becomes a `compile_error!`.
fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    guarded(|| transform(attr, item))
}

/// `generator_block!`'s transform, as `expand`.
fn expand_block(input: TokenStream) -> TokenStream {
    guarded(|| transform_block(input))
}

fn guarded(run: impl FnOnce() -> TokenStream + std::panic::UnwindSafe) -> TokenStream {
    match std::panic::catch_unwind(run) {
        Ok(tokens) => tokens,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            syn::Error::new(
                proc_macro2::Span::call_site(),
                format!("internal error in #[generator] (please report it): {msg}"),
            )
            .to_compile_error()
        }
    }
}

/// parse → the shared stages → emit, or a fallback that reports the errors
/// and still declares the function.
fn transform(attr: TokenStream, item: TokenStream) -> TokenStream {
    let func = match parse::parse(attr, item.clone()) {
        Ok(func) => func,
        Err(parse::Failure::Arguments(func, error)) => {
            return fallback::function(&func, vec![error]);
        }
        Err(parse::Failure::Unparsed(args, error)) => {
            return fallback::unparsed_function(item, &args, error);
        }
    };
    match compile(&func) {
        Ok(c) => emit::emit_fn(
            c.func.as_ref().unwrap_or(&func),
            &c.program,
            &c.machine,
            &c.names,
        ),
        Err(errors) => fallback::function(&func, errors),
    }
}

fn transform_block(input: TokenStream) -> TokenStream {
    let input: block::BlockInput = match syn::parse2(input.clone()) {
        Ok(input) => input,
        Err(error) => return fallback::unparsed_block(input, error),
    };
    let is_move = input.is_move;
    let func = block::as_function(input);
    let Compiled {
        program,
        machine,
        names,
        ..
    } = match compile(&func) {
        Ok(compiled) => compiled,
        Err(errors) => return fallback::block(&func, is_move, errors),
    };
    let infer = block::type_hint;
    let hints = emit::Hints {
        yield_ty: infer(&func.args.yield_ty),
        // A generator that never completes has no return value to infer from.
        return_ty: if machine.completes {
            quote!(_)
        } else {
            quote!(())
        },
        resume_ty: infer(&func.args.resume_ty),
        is_move,
    };
    emit::machine(&func, &program, &machine, &names, &hints)
}

/// What the stages both forms share give `emit`.
struct Compiled {
    /// The plain generator an async one became (`lower_async`), which
    /// `emit` writes instead of the user's function.
    func: Option<parse::GeneratorFn>,
    program: ir::Program,
    machine: split::Machine,
    names: names::Names,
}

/// The stages both forms share.
fn compile(func: &parse::GeneratorFn) -> Result<Compiled, Vec<syn::Error>> {
    let errors = validate::validate(func);
    if !errors.is_empty() {
        return Err(errors);
    }
    let lowered = lower_async::lower(func);
    let func = lowered.as_ref().unwrap_or(func);
    let split = fields::split_fields(func);
    let func = split.as_ref().unwrap_or(func);
    let program = normalize::normalize(func, &HashSet::new())?;
    let init = init::init(&program);
    let live = liveness::liveness(&program);
    let flagged = flags::drop_flags(&program, &init, &live);
    let (program, init, live) = if flagged.is_empty() {
        (program, init, live)
    } else {
        // Again, with the flagged bindings declared as drop flags.
        let program = normalize::normalize(func, &flagged)?;
        let init = init::init(&program);
        let live = liveness::liveness(&program);
        (program, init, live)
    };
    let names = names::Names::new(func);
    let machine = split::split(&program, &live, &init, &names);
    let errors = self_borrows::check(&program, &machine);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Compiled {
        func: lowered,
        program,
        machine,
        names,
    })
}

#[cfg(test)]
mod expansion_tests;

#[cfg(test)]
mod robustness_tests;
