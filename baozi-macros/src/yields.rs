//! How the generator's own macros are recognised: `yield_!` and
//! `yield_from!` by their last path segment, the value a `yield_!` hands
//! out, and whether code holds a yield that belongs to the generator (not
//! one of a closure, async block or item inside it). Takes syntax, gives
//! answers; `parse`, `validate`, `block` and `normalize` share it.

use syn::Expr;
use syn::visit::Visit;

/// Whether a macro invocation is `yield_!`.
pub fn is_yield(mac: &syn::Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "yield_")
}

/// Whether a macro invocation is `yield_from!`.
pub fn is_yield_from(mac: &syn::Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "yield_from")
}

/// The value a `yield_!(...)` hands out: `()` when empty.
pub fn yield_operand(mac: &syn::Macro) -> syn::Result<Expr> {
    if mac.tokens.is_empty() {
        let span = mac.delimiter.span().join();
        Ok(syn::parse_quote_spanned!(span=> ()))
    } else {
        mac.parse_body::<Expr>()
    }
}

/// Whether an expression contains a `yield_!` that belongs to the generator
/// (not one inside a closure, async block or item, which `validate` rejects).
pub fn contains_yield(node: impl FnOnce(&mut YieldFinder)) -> bool {
    let mut f = YieldFinder(false);
    node(&mut f);
    f.0
}

pub fn expr_has_yield(e: &Expr) -> bool {
    contains_yield(|f| f.visit_expr(e))
}

pub fn block_has_yield(b: &syn::Block) -> bool {
    contains_yield(|f| f.visit_block(b))
}

pub struct YieldFinder(bool);

impl<'a> Visit<'a> for YieldFinder {
    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        if is_yield(mac) || is_yield_from(mac) {
            self.0 = true;
        }
    }
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'a syn::Item) {}
}
