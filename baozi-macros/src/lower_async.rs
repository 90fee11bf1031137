//! Async lowering: takes a validated async generator (`#[generator] async
//! fn`) and gives the plain generator it runs as, a [`GeneratorFn`] that
//! the other stages compile as they compile any other:
//! - its resume value is the task's `&mut Context<'_>`, bound to a hidden
//!   `cx` by the first resume and assigned again by every suspension (so it
//!   is never live across one, and the state never stores it);
//! - `yield_!(v)` yields `Poll::Ready(v)` and is `()`;
//! - `fut.await` makes `fut` `Unpin` (itself, or boxed when it is not: see
//!   baozi-core's `FutureProbe`) and polls it with `cx`, yielding
//!   `Poll::Pending` until it is ready: the future is a local kept across
//!   those yields like any other;
//! - `yield_from!(stream)` yields every item of another stream.
//!
//! `emit` gives the function its `Stream` signature (`func.is_async`).
//! Closures, async blocks and items inside keep their own `.await`s; so do
//! other macros' tokens, which rustc then rejects at the user's `.await`.

use proc_macro2::{Ident, Span};
use quote::quote_spanned;
use syn::spanned::Spanned;
use syn::visit_mut::VisitMut;
use syn::{Expr, Stmt};

use crate::parse::GeneratorFn;
use crate::yields::{is_yield, is_yield_from, yield_operand};

/// The plain generator an async one runs as; `None` when `func` is not
/// async.
pub fn lower(func: &GeneratorFn) -> Option<GeneratorFn> {
    if !func.is_async {
        return None;
    }
    let mut lowered = func.clone();
    let cx = context_ident();
    lowered.item.sig.asyncness = None;
    lowered.args.first_resume = Some(syn::Pat::Type(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(syn::parse_quote!(mut #cx)),
        colon_token: Default::default(),
        ty: Box::new(syn::parse_quote!(&mut ::core::task::Context<'_>)),
    }));
    lowered
        .args
        .yield_ty
        .get_or_insert_with(|| syn::parse_quote!(()));
    let mut lower = Lower {
        krate: &func.krate,
        cx,
    };
    lower.visit_block_mut(&mut lowered.item.block);
    Some(lowered)
}

/// The binding of the task's context.
fn context_ident() -> Ident {
    Ident::new("__baozi_cx", Span::mixed_site())
}

struct Lower<'a> {
    krate: &'a syn::Path,
    cx: Ident,
}

impl Lower<'_> {
    /// `value` (a future or a stream, bound to `name` while probed) as it
    /// is when it is `Unpin`, boxed otherwise (baozi-core's `FutureProbe`).
    fn made_unpin(&self, value: &Expr, name: &Ident) -> proc_macro2::TokenStream {
        let span = value.span();
        let krate = crate::parse::crate_at(self.krate, span);
        quote_spanned! {span.resolved_at(Span::mixed_site())=>
            {
                #[allow(unused_imports)]
                use #krate::__private::{ViaBox as _, ViaUnpin as _};
                let #name = #value;
                (&#krate::__private::FutureProbe::of(&#name)).pinning().pin(#name)
            }
        }
    }

    /// The operand of a `yield_!` or `yield_from!`, lowered itself.
    fn operand(&mut self, mac: &syn::Macro) -> Expr {
        let mut operand = match yield_operand(mac) {
            Ok(e) => e,
            // `validate` reported it.
            Err(_) => return syn::parse_quote_spanned!(mac.span()=> ()),
        };
        self.visit_expr_mut(&mut operand);
        operand
    }

    fn yield_ready(&mut self, mac: &syn::Macro) -> Expr {
        let value = self.operand(mac);
        let (cx, path) = (&self.cx, &mac.path);
        let span = mac.span();
        syn::parse_quote_spanned! {span=>
            { #cx = #path!(::core::task::Poll::Ready(#value)); }
        }
    }

    fn await_future(&mut self, base: &Expr, span: Span) -> Expr {
        let cx = &self.cx;
        let at = span.resolved_at(Span::mixed_site());
        let (future, output) = (
            Ident::new("__baozi_future", at),
            Ident::new("__baozi_output", at),
        );
        let future_of_base = syn::parse_quote_spanned! {base.span()=>
            ::core::future::IntoFuture::into_future(#base)
        };
        let pinned = self.made_unpin(&future_of_base, &future);
        let krate = crate::parse::crate_at(self.krate, span);
        syn::parse_quote_spanned! {span=>
            {
                let mut #future = #pinned;
                // The first poll in place: a future that is ready at once
                // costs no suspension point on its way.
                match #krate::__private::poll(&mut #future, &mut *#cx) {
                    ::core::task::Poll::Ready(#output) => #output,
                    ::core::task::Poll::Pending => loop {
                        #cx = yield_!(::core::task::Poll::Pending);
                        if let ::core::task::Poll::Ready(#output) =
                            #krate::__private::poll(&mut #future, &mut *#cx)
                        {
                            break #output;
                        }
                    },
                }
            }
        }
    }

    fn yield_from(&mut self, mac: &syn::Macro) -> Expr {
        let stream = self.operand(mac);
        let cx = &self.cx;
        let span = mac.span();
        let at = span.resolved_at(Span::mixed_site());
        let krate = crate::parse::crate_at(self.krate, span);
        let (sub, item) = (
            Ident::new("__baozi_sub", at),
            Ident::new("__baozi_item", at),
        );
        let pinned = self.made_unpin(&stream, &sub);
        syn::parse_quote_spanned! {span=>
            {
                let mut #sub = #pinned;
                loop {
                    match #krate::__private::poll_next(&mut #sub, &mut *#cx) {
                        ::core::task::Poll::Ready(::core::option::Option::Some(#item)) => {
                            #cx = yield_!(::core::task::Poll::Ready(#item));
                        }
                        ::core::task::Poll::Ready(::core::option::Option::None) => break,
                        ::core::task::Poll::Pending => {
                            #cx = yield_!(::core::task::Poll::Pending);
                        }
                    }
                }
            }
        }
    }
}

impl VisitMut for Lower<'_> {
    fn visit_expr_mut(&mut self, e: &mut Expr) {
        match e {
            // Their own `.await`s; `validate` rejects their `yield_!`s.
            Expr::Closure(_) | Expr::Async(_) => {}
            Expr::Macro(m) if is_yield(&m.mac) => *e = self.yield_ready(&m.mac),
            Expr::Macro(m) if is_yield_from(&m.mac) => *e = self.yield_from(&m.mac),
            Expr::Await(a) => {
                self.visit_expr_mut(&mut a.base);
                *e = self.await_future(&a.base, a.await_token.span);
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_stmt_mut(&mut self, s: &mut Stmt) {
        if let Stmt::Macro(m) = s
            && (is_yield(&m.mac) || is_yield_from(&m.mac))
        {
            let e = if is_yield(&m.mac) {
                self.yield_ready(&m.mac)
            } else {
                self.yield_from(&m.mac)
            };
            *s = Stmt::Expr(e, m.semi_token);
            return;
        }
        syn::visit_mut::visit_stmt_mut(self, s);
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}
