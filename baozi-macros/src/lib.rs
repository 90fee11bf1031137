//! The `#[generator]` attribute of baozi. Use it through `baozi-core`, which
//! re-exports it with the runtime it expands to.
//!
//! The macro is a small compiler, one module per stage:
//! [`parse`] → [`validate`] → [`normalize`] (into [`ir`]) → [`split`] (using
//! [`scope`]) → [`emit`].
#![forbid(unsafe_code)]

use proc_macro2::TokenStream;

mod emit;
mod ir;
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

/// The whole transform, on `proc_macro2` tokens. Never panics: an internal
/// error becomes a `compile_error!`.
fn expand(attr: TokenStream, item: TokenStream) -> TokenStream {
    let result = std::panic::catch_unwind(|| transform(attr, item));
    match result {
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
    let errors = validate::validate(&func);
    if !errors.is_empty() {
        return Err(errors);
    }
    let program = normalize::normalize(&func)?;
    let names = split::Names::new(func.has_self);
    let machine = split::split(&program, &names);
    let errors = scope::check_stored(&program, &machine);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(emit::emit(&func, &program, &machine, &names))
}

#[cfg(test)]
mod expansion_tests;
