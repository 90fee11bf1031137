//! Validation: takes the parsed [`GeneratorFn`] and gives every misuse we can
//! see before transforming, as spanned errors (all of them, not just the
//! first): `async`/`const` generators, and `yield_!` where it cannot suspend
//! the generator (in closures, async blocks, nested items, or inside the
//! tokens of another macro).

use proc_macro2::{TokenStream, TokenTree};
use syn::spanned::Spanned;
use syn::visit::Visit;

use crate::normalize::{is_yield, is_yield_from};
use crate::parse::GeneratorFn;

pub fn validate(func: &GeneratorFn) -> Vec<syn::Error> {
    let mut errors = Vec::new();
    let sig = &func.item.sig;
    if let Some(a) = &sig.asyncness {
        errors.push(syn::Error::new(
            a.span,
            "an `async fn` cannot be a #[generator]: a generator is resumed by `resume`, not polled; \
             remove `async`",
        ));
    }
    if let Some(c) = &sig.constness {
        errors.push(syn::Error::new(
            c.span,
            "a `const fn` cannot be a #[generator]: remove `const`",
        ));
    }
    if let Some(v) = &sig.variadic {
        errors.push(syn::Error::new(
            v.span(),
            "a #[generator] cannot be variadic",
        ));
    }
    let mut v = Validator {
        errors: &mut errors,
        context: Vec::new(),
    };
    v.visit_block(&func.item.block);
    let block = &func.item.block;
    reserved_names(quote::quote!(#block), &mut errors);
    errors
}

/// Names starting with `__baozi_` are the expansion's own: one in the body
/// could be taken for one of them.
fn reserved_names(tokens: TokenStream, errors: &mut Vec<syn::Error>) {
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) if i.to_string().starts_with("__baozi_") => {
                errors.push(syn::Error::new(
                    i.span(),
                    format!("`{i}`: names starting with `__baozi_` are reserved for baozi's expansion; rename it"),
                ));
            }
            TokenTree::Group(g) => reserved_names(g.stream(), errors),
            _ => {}
        }
    }
}

/// Whether a macro invocation is `generator_block!`.
fn is_generator_block(mac: &syn::Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "generator_block")
}

struct Validator<'e> {
    errors: &'e mut Vec<syn::Error>,
    /// What the code being visited is nested in, innermost last.
    context: Vec<&'static str>,
}

impl Validator<'_> {
    fn nested<T>(&mut self, what: &'static str, f: impl FnOnce(&mut Self) -> T) -> T {
        self.context.push(what);
        let r = f(self);
        self.context.pop();
        r
    }

    fn check_yield(&mut self, mac: &syn::Macro) {
        if let Some(what) = self.context.last() {
            let msg = match *what {
                "a closure" => {
                    "`yield_!` inside a closure cannot suspend the generator: a closure is a function \
                     of its own. Use a loop instead of an iterator adapter (`for x in it { yield_!(x) }`)"
                }
                "an async block" => "`yield_!` inside an async block cannot suspend the generator",
                _ => {
                    "`yield_!` inside a nested item cannot suspend the generator: mark that function \
                      `#[generator]` itself"
                }
            };
            self.errors.push(syn::Error::new(mac.path.span(), msg));
        }
    }

    /// `yield_!` hidden in another macro's tokens.
    fn check_tokens(&mut self, outer: &syn::Macro, tokens: TokenStream) {
        let mut prev: Option<TokenTree> = None;
        for tt in tokens {
            match &tt {
                TokenTree::Punct(p) if p.as_char() == '!' => {
                    if let Some(TokenTree::Ident(y)) = &prev
                        && (y == "yield_" || y == "yield_from")
                    {
                        let name = outer
                            .path
                            .segments
                            .last()
                            .map(|s| s.ident.to_string())
                            .unwrap_or_default();
                        self.errors.push(syn::Error::new(
                            y.span(),
                            format!(
                                "`{y}!` inside the arguments of `{name}!` is not supported: \
                                 bind it to a local first (`let v = {y}!(..);`) and pass `v`"
                            ),
                        ));
                    }
                }
                TokenTree::Group(g) => self.check_tokens(outer, g.stream()),
                _ => {}
            }
            prev = Some(tt);
        }
    }
}

impl<'a> Visit<'a> for Validator<'_> {
    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        if is_yield(mac) || is_yield_from(mac) {
            self.check_yield(mac);
            if let Ok(operand) = mac.parse_body::<syn::Expr>() {
                self.visit_expr(&operand);
            }
        } else if !is_generator_block(mac) {
            // A nested `generator_block!`'s yields are its own.
            self.check_tokens(mac, mac.tokens.clone());
        }
    }

    fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
        self.nested("a closure", |v| syn::visit::visit_expr_closure(v, c));
    }

    fn visit_expr_async(&mut self, a: &'a syn::ExprAsync) {
        self.nested("an async block", |v| syn::visit::visit_expr_async(v, a));
    }

    fn visit_item(&mut self, i: &'a syn::Item) {
        // A nested `#[generator]` function owns its yields.
        if let syn::Item::Fn(f) = i
            && f.attrs.iter().any(|a| {
                a.path()
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "generator")
            })
        {
            return;
        }
        self.nested("an item", |v| syn::visit::visit_item(v, i));
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn errors(item: proc_macro2::TokenStream) -> Vec<String> {
        let f = crate::parse::parse(quote!(), item).unwrap();
        super::validate(&f)
            .into_iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn every_misplaced_yield_is_reported() {
        let errs = errors(quote!(
            async fn f() {
                let c = || yield_!(1);
                fn inner() {
                    yield_!(2);
                }
                println!("{}", yield_!(3));
                yield_!(4);
            }
        ));
        assert_eq!(errs.len(), 4, "{errs:#?}");
        assert!(errs[0].starts_with("an `async fn`"));
        assert!(errs[1].contains("inside a closure"));
        assert!(errs[2].contains("nested item"));
        assert!(errs[3].contains("`println!`"));
    }

    #[test]
    fn nested_generators_own_their_yields() {
        assert!(
            errors(quote!(
                fn f() {
                    #[generator]
                    fn g() {
                        yield_!();
                    }
                    yield_!();
                }
            ))
            .is_empty()
        );
    }
}
