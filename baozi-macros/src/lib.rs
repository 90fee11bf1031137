//! The `#[generator]` attribute and `generator_block!` macro of baozi. Use
//! them through `baozi-core`, which re-exports them with the runtime they
//! expand to.
//!
//! The macro is a small compiler, one module per stage:
//! [`parse`] (or [`block`] for `generator_block!`) → [`validate`] →
//! [`normalize`] (into [`ir`], with [`access`] deciding how each stored
//! binding is reached) → [`liveness`] → [`split`] (using [`scope`]) →
//! [`emit`].
#![forbid(unsafe_code)]
// The overview above links to the stages, private modules: read it with
// `cargo doc --document-private-items`.
#![allow(rustdoc::private_intra_doc_links)]

use proc_macro2::TokenStream;
use quote::quote;

mod access;
mod block;
mod emit;
mod ir;
mod liveness;
mod normalize;
mod parse;
mod scope;
mod split;
mod validate;

/// Turns a function whose body uses `yield_!` into a generator. See the
/// `baozi-core` documentation.
#[proc_macro_attribute]
pub fn generator(
    attr: proc_macro::TokenStream,
    item: proc_macro::TokenStream,
) -> proc_macro::TokenStream {
    expand(attr.into(), item.into()).into()
}

/// An anonymous generator made from a block. See the `baozi-core`
/// documentation.
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

fn guarded(
    run: impl FnOnce() -> Result<TokenStream, Vec<syn::Error>> + std::panic::UnwindSafe,
) -> TokenStream {
    match std::panic::catch_unwind(run) {
        Ok(Ok(tokens)) => tokens,
        Ok(Err(errors)) => errors.into_iter().map(|e| e.to_compile_error()).collect(),
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

fn transform(attr: TokenStream, item: TokenStream) -> Result<TokenStream, Vec<syn::Error>> {
    let func = parse::parse(attr, item).map_err(|e| vec![e])?;
    let (program, machine, names) = compile(&func)?;
    Ok(emit::emit_fn(&func, &program, &machine, &names))
}

fn transform_block(input: TokenStream) -> Result<TokenStream, Vec<syn::Error>> {
    let input: block::BlockInput = syn::parse2(input).map_err(|e| vec![e])?;
    let is_move = input.is_move;
    let func = block::as_function(input);
    let (program, machine, names) = compile(&func)?;
    let infer = |t: &Option<syn::Type>| t.as_ref().map_or(quote!(_), |t| quote!(#t));
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
    Ok(emit::machine(&func, &program, &machine, &names, &hints))
}

/// The stages both forms share.
fn compile(
    func: &parse::GeneratorFn,
) -> Result<(ir::Program, split::Machine, split::Names), Vec<syn::Error>> {
    let errors = validate::validate(func);
    if !errors.is_empty() {
        return Err(errors);
    }
    let program = normalize::normalize(func)?;
    let names = split::Names::new(func.has_self);
    let live = liveness::liveness(&program);
    let machine = split::split(&program, &live, &names);
    let errors = scope::check_stored(&program, &machine);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok((program, machine, names))
}

#[cfg(test)]
mod expansion_tests;

#[cfg(test)]
mod robustness_tests;
