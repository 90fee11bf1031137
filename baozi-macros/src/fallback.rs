//! Fallback: takes what could be read of a generator and the errors that
//! stopped its transform, and gives code that reports them and still
//! declares what the user wrote, as thiserror's `fallback.rs` does. Callers
//! of a generator with an error then get no second error ("cannot find
//! function"), and rustc and an IDE still check and analyse the body while
//! the user is typing.
//!
//! - A function whose body has an error keeps its signature (returning
//!   `impl Generator<..>`) and returns a stand-in of that type; its body is
//!   kept as a closure that is never called.
//! - A function that does not parse is emitted as the user wrote it, so that
//!   rustc reports the syntax error where it is and checks the rest.
//! - A block becomes a stand-in generator, with its body kept in a closure.
//!
//! In the kept code, `yield_!(v)` stands for a value of the resume type and
//! `yield_from!(g)` for one of any type, so the code around them
//! type-checks as it would in the generator.

use proc_macro2::{Group, Ident, Punct, Spacing, TokenStream, TokenTree};
use quote::quote;

use crate::emit::{Hints, Signature, signature};
use crate::parse::GeneratorFn;

fn compile_errors(errors: Vec<syn::Error>) -> TokenStream {
    errors.into_iter().map(|e| e.to_compile_error()).collect()
}

/// What the kept code's stand-ins need.
struct StandIns<'a> {
    krate: &'a syn::Path,
    /// The type a `yield_!` evaluates to (`_` where inferred).
    resume_ty: TokenStream,
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
    // The parameters as the body knows them: `parse` took their `mut` and
    // patterns out of the signature.
    let rebinds = func.params.iter().filter_map(|p| {
        let ident = &p.ident;
        match &p.destructure {
            Some(pat) => Some(quote!(let #pat = #ident;)),
            None if p.mutable && ident != "__baozi_self" => Some(quote!(let mut #ident = #ident;)),
            None => None,
        }
    });
    let block = &item.block;
    let body = stand_in_yields(
        quote!(#block),
        &StandIns {
            krate,
            resume_ty: resume_ty.clone(),
        },
    );
    // An async generator's body keeps its `.await`s in an async block.
    let body_fn = if func.is_async {
        quote!(async move)
    } else {
        quote!(move || -> #return_ty)
    };
    quote! {
        #(#attrs)*
        #vis #sig {
            #errors
            #[allow(unreachable_code, unused, clippy::all)]
            let _ = #body_fn {
                #(#rebinds)*
                #body
            };
            #krate::__private::Unexpanded::<#resume_ty, #yield_ty, #return_ty>::new()
        }
    }
}

/// The function as the user wrote it, next to the error that it does not
/// parse.
pub fn unparsed_function(
    item: TokenStream,
    args: &crate::parse::Args,
    error: syn::Error,
) -> TokenStream {
    let error = error.to_compile_error();
    let krate = crate::parse::crate_path(args);
    let resume_ty = args.resume_ty.as_ref().map_or(quote!(()), |t| quote!(#t));
    let item = stand_in_yields(
        item,
        &StandIns {
            krate: &krate,
            resume_ty,
        },
    );
    quote! {
        #error
        #[allow(unreachable_code, unused)]
        #item
    }
}

/// A `generator_block!` whose input does not parse (half-typed): the error,
/// and its body (the last `{ .. }` of the input) as it stands, yields
/// replaced by stand-ins, in a closure, so that rustc reports the syntax
/// error where it is and an IDE still analyses the rest.
pub fn unparsed_block(input: TokenStream, error: syn::Error) -> TokenStream {
    let error = error.to_compile_error();
    let krate = crate::parse::crate_path(&crate::parse::Args::default());
    // The closure as written (`move |first: R| { .. }`), or `|| { .. }`.
    let tokens: Vec<TokenTree> = input.into_iter().collect();
    let body_at = tokens.iter().rposition(
        |tt| matches!(tt, TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Brace),
    );
    let kept = body_at.map(|end| {
        let start = tokens[..end]
            .iter()
            .position(|tt| match tt {
                TokenTree::Ident(i) => i == "move",
                TokenTree::Punct(p) => p.as_char() == '|',
                _ => false,
            })
            .unwrap_or(end);
        let closure: TokenStream = tokens[start..=end].iter().cloned().collect();
        let closure = stand_in_yields(
            closure,
            &StandIns {
                krate: &krate,
                resume_ty: quote!(_),
            },
        );
        let bars = (start == end).then(|| quote!(||));
        quote! {
            #[allow(unreachable_code, unused, clippy::all)]
            let _ = #bars #closure;
        }
    });
    quote! {
        {
            #error
            #kept
            #[allow(unreachable_code)]
            loop {}
        }
    }
}

/// A stand-in generator that reports `errors`, with the block's body kept
/// in a closure.
pub fn block(func: &GeneratorFn, is_move: bool, errors: Vec<syn::Error>) -> TokenStream {
    let errors = compile_errors(errors);
    let krate = &func.krate;
    let infer = crate::block::type_hint;
    let (yield_ty, resume_ty) = (infer(&func.args.yield_ty), infer(&func.args.resume_ty));
    let block = &func.item.block;
    let body = stand_in_yields(
        quote!(#block),
        &StandIns {
            krate,
            resume_ty: resume_ty.clone(),
        },
    );
    let capture = is_move.then(|| quote!(move));
    quote! {
        {
            #errors
            #[allow(unreachable_code, unused, clippy::all)]
            let _ = #capture || #body;
            #krate::__private::Unexpanded::<#resume_ty, #yield_ty, _>::new()
        }
    }
}

/// `yield_!(v)` and `yield_from!(g)` (by their last path segment, wherever
/// they are) become stand-ins: `resumed_after::<R, _>((v))`, a value of the
/// resume type, and `__stand_in_yield_from!(g)`, one of any type.
fn stand_in_yields(tokens: TokenStream, stand_ins: &StandIns) -> TokenStream {
    let StandIns { krate, resume_ty } = stand_ins;
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = TokenStream::new();
    let mut i = 0;
    while i < tokens.len() {
        let name = match &tokens[i] {
            TokenTree::Ident(id) if id == "yield_" || id == "yield_from" => Some(id.clone()),
            _ => None,
        };
        if let Some(name) = name
            && matches!(tokens.get(i + 1), Some(TokenTree::Punct(p)) if p.as_char() == '!')
            && let Some(TokenTree::Group(args)) = tokens.get(i + 2)
        {
            let span = name.span();
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
            let args = stand_in_yields(args.stream(), stand_ins);
            if name == "yield_" {
                let stand_in = Ident::new("resumed_after", span);
                out.extend(quote!(#krate::__private::#stand_in::<#resume_ty, _>((#args))));
            } else {
                let stand_in = Ident::new("__stand_in_yield_from", span);
                let mut bang = Punct::new('!', Spacing::Alone);
                bang.set_span(span);
                out.extend(quote!(#krate::#stand_in #bang (#args)));
            }
            i += 3;
            continue;
        }
        match &tokens[i] {
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), stand_in_yields(g.stream(), stand_ins));
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
    fn an_unparsed_block_keeps_its_body_for_analysis() {
        let input = quote!(move |first: u8| { let x = ; let y = first + yield_!(x); y });
        let error = syn::Error::new(Span::call_site(), "expected an expression");
        let out = unparsed_block(input, error).to_string();
        assert!(out.contains("expected an expression"), "{out}");
        assert!(
            out.contains("let _ = move | first : u8 | { let x = ;"),
            "{out}"
        );
        assert!(out.contains("resumed_after :: < _ , _ > ((x))"), "{out}");
    }

    #[test]
    fn yields_become_stand_ins_wherever_they_are() {
        let krate: syn::Path = syn::parse_quote!(::baozi_core);
        let stand_ins = StandIns {
            krate: &krate,
            resume_ty: quote!(u8),
        };
        let out = stand_in_yields(
            quote!(fn f() { let x = ; yield_!(yield_!()); { baozi_core::yield_from!(g()) } }),
            &stand_ins,
        );
        assert_eq!(
            out.to_string(),
            quote!(fn f() {
                let x = ;
                ::baozi_core::__private::resumed_after::<u8, _>((::baozi_core::__private::resumed_after::<u8, _>(())));
                { ::baozi_core::__stand_in_yield_from!(g()) }
            })
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
