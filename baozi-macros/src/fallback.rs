//! Fallback: takes what could be read of a generator and the errors that
//! stopped its transform, and gives code that reports them and still
//! declares what the user wrote, as thiserror's `fallback.rs` does. Callers
//! of a generator with an error then get no second error ("cannot find
//! function"), and an IDE still analyses the rest of the code.
//!
//! - A function whose body has an error keeps its signature (returning
//!   `impl Generator<..>`), with a body that returns a stand-in of that
//!   type.
//! - A function that does not parse is emitted as the user wrote it, with
//!   `yield_!` and `yield_from!` standing for values of any type, so that
//!   rustc reports the syntax error where it is and checks the rest.
//! - A block becomes an expression of any type.

use proc_macro2::{Group, Ident, Punct, Spacing, TokenStream, TokenTree};
use quote::quote;

use crate::emit::{Hints, Signature, signature};
use crate::parse::GeneratorFn;

fn compile_errors(errors: Vec<syn::Error>) -> TokenStream {
    errors.into_iter().map(|e| e.to_compile_error()).collect()
}

/// The function with its generator signature, reporting `errors`.
pub fn function(func: &GeneratorFn, errors: Vec<syn::Error>) -> TokenStream {
    let Signature { sig, hints } = signature(func);
    let Hints {
        yield_ty,
        return_ty,
        resume_ty,
        ..
    } = hints;
    let krate = &func.krate;
    let item = &func.item;
    let attrs = &item.attrs;
    let vis = &item.vis;
    let errors = compile_errors(errors);
    quote! {
        #(#attrs)*
        #vis #sig {
            #errors
            #krate::__private::Unexpanded::<#resume_ty, #yield_ty, #return_ty>::new()
        }
    }
}

/// The function as the user wrote it, next to the error that it does not
/// parse.
pub fn unparsed_function(item: TokenStream, krate: &syn::Path, error: syn::Error) -> TokenStream {
    let error = error.to_compile_error();
    let item = stand_in_yields(item, krate);
    quote! {
        #error
        #[allow(unreachable_code, unused_variables)]
        #item
    }
}

/// A block expression that reports `errors` and has any type.
pub fn block(errors: Vec<syn::Error>) -> TokenStream {
    let errors = compile_errors(errors);
    quote! {
        {
            #errors
            #[allow(unreachable_code)]
            loop {}
        }
    }
}

/// `yield_!(..)` and `yield_from!(..)` (by their last path segment) become
/// `krate::__unparsed_yield!(..)`.
fn stand_in_yields(tokens: TokenStream, krate: &syn::Path) -> TokenStream {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = TokenStream::new();
    let mut i = 0;
    while i < tokens.len() {
        let is_yield = matches!(&tokens[i], TokenTree::Ident(id) if id == "yield_" || id == "yield_from")
            && matches!(tokens.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!')
            && matches!(tokens.get(i + 2), Some(TokenTree::Group(_)));
        if is_yield {
            let span = tokens[i].span();
            // Drop the path before the name (`baozi_core::yield_!`).
            let mut kept: Vec<TokenTree> = out.into_iter().collect();
            while kept.len() >= 2
                && matches!(&kept[kept.len() - 1], TokenTree::Punct(p) if p.as_char() == ':')
                && matches!(&kept[kept.len() - 2], TokenTree::Punct(p) if p.as_char() == ':')
            {
                kept.truncate(kept.len() - 2);
                if matches!(kept.last(), Some(TokenTree::Ident(_))) {
                    kept.pop();
                }
            }
            out = kept.into_iter().collect();
            let name = Ident::new("__unparsed_yield", span);
            out.extend(quote!(#krate::#name));
            let mut bang = Punct::new('!', Spacing::Alone);
            bang.set_span(span);
            out.extend([TokenTree::Punct(bang), tokens[i + 2].clone()]);
            i += 3;
            continue;
        }
        match &tokens[i] {
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), stand_in_yields(g.stream(), krate));
                group.set_span(g.span());
                out.extend([TokenTree::Group(group)]);
            }
            other => out.extend([other.clone()]),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proc_macro2::Span;

    #[test]
    fn yields_become_stand_ins_wherever_they_are() {
        let krate: syn::Path = syn::parse_quote!(::baozi_core);
        let out = stand_in_yields(
            quote!(fn f() { let x = ; yield_!(1); { baozi_core::yield_from!(g()) } }),
            &krate,
        );
        assert_eq!(
            out.to_string(),
            quote!(fn f() { let x = ; ::baozi_core::__unparsed_yield!(1); { ::baozi_core::__unparsed_yield!(g()) } })
                .to_string()
        );
    }

    #[test]
    fn a_function_with_an_error_keeps_its_signature() {
        let func = crate::parse::parse(
            quote!(yield = u8),
            quote!(
                pub fn f(x: u8) -> u16 {
                    yield_!(x);
                    1
                }
            ),
        )
        .unwrap();
        let out = function(&func, vec![syn::Error::new(Span::call_site(), "boom")]).to_string();
        assert!(out.starts_with("pub fn f (x : u8) -> impl :: baozi_core :: Generator < () , Yield = u8 , Return = u16 >"), "{out}");
        assert!(out.contains("compile_error ! { \"boom\" }"), "{out}");
        assert!(
            out.contains("Unexpanded :: < () , u8 , u16 > :: new ()"),
            "{out}"
        );
    }
}
