//! Drop flags, for `normalize`: takes a binding the `flags` analysis chose
//! and gives its `let`, moves and assignments written through
//! `baozi_core::__private::DropFlag` (`DropFlag::new(e)`, `move_out()`,
//! `(*x)`), so that the state holds its value on exactly the paths that
//! hold one, as rustc's drop flags do.

use super::*;

/// `value` with `wrap` applied to the expression that is its result (see
/// `flags::ends_in_expr`, which says where there is one).
pub(super) fn wrap_result(value: Value, wrap: &dyn Fn(Expr) -> Expr) -> Value {
    match value {
        Value::Expr(e) => Value::Expr(wrap(e)),
        Value::Block {
            mut body,
            label: None,
            end,
        } => {
            body.tail = body.tail.map(|tail| wrap_result(tail, wrap));
            Value::Block {
                body,
                label: None,
                end,
            }
        }
        _ => unreachable!("`flags` gives a flag only to a value that ends in an expression"),
    }
}

/// `recv.method(a, b)` with its arguments evaluated first, in order: `match
/// (a, b) { (arg0, arg1) => recv.method(arg0, arg1) }`. The receiver then
/// borrows only once they are computed (which is when a two-phase borrow
/// starts to be used); reading a binding has no effect to reorder.
pub(super) fn args_first(m: &syn::ExprMethodCall) -> Expr {
    let names: Vec<Ident> = (0..m.args.len())
        .map(|i| Ident::new(&format!("__baozi_operand{i}"), Span::mixed_site()))
        .collect();
    let args = m.args.iter();
    let mut call = m.clone();
    call.args = names
        .iter()
        .map(|n| -> Expr { syn::parse_quote!(#n) })
        .collect();
    syn::parse_quote_spanned!(m.method.span()=> match (#(#args,)*) { (#(#names,)*) => #call })
}

impl Normalizer {
    /// Declares the tracked bindings of a pattern (after its initialiser),
    /// renaming those that are renamed.
    /// The declaration of binding `b` as a drop flag: `let x: T = e;`
    /// becomes `let mut x = DropFlag::<T>::new(e);`, `let x;` becomes `let
    /// mut x = DropFlag::empty();`. (Only a plain `let` with a yield-free
    /// initialiser or none is given one, see `flags`.)
    pub(super) fn drop_flag(
        &mut self,
        b: BindingId,
        pat: &Pat,
        init: Option<Value>,
    ) -> (Pat, Option<Value>) {
        let ty = simple_ident(pat).flatten().map(|ty| quote!(::<#ty>));
        let ident = self.bindings[b].ident.clone();
        let span = ident.span();
        let krate = crate::parse::crate_at(self.krate(), span);
        let flag = quote_spanned!(span=> #krate::__private::DropFlag #ty);
        let init = match init {
            Some(value) => wrap_result(value, &|e| {
                let at = e.span();
                syn::parse_quote_spanned!(at=> #flag::new(#e))
            }),
            None => Value::Expr(syn::parse_quote_spanned!(span=> #flag::empty())),
        };
        self.bindings[b].deferred = None;
        (syn::parse_quote!(mut #ident), Some(init))
    }

    /// The drop flag a plain assignment `x = ..` assigns, if `x` is one.
    /// Whether `m`'s receiver is a binding declared as a drop flag that its
    /// arguments mention (`v.push(v.len())`): the receiver's `&mut *v` is
    /// then an overloaded `DerefMut`, which does not wait for the arguments
    /// as a two-phase borrow of `v` itself does (see [`args_first`]).
    pub(super) fn flagged_receiver_in_args(&self, m: &syn::ExprMethodCall) -> bool {
        let Expr::Path(receiver) = &*m.receiver else {
            return false;
        };
        plain_name(receiver).is_some_and(|name| {
            self.lookup(&name.to_string())
                .is_some_and(|id| self.flagged.contains(&id))
                && m.args
                    .iter()
                    .any(|a| crate::ir::mentions(&quote!(#a), name))
        })
    }

    pub(super) fn flagged_target(&self, left: &Expr) -> Option<BindingId> {
        simple_path(left)
            .and_then(|name| self.lookup(&name.to_string()))
            .filter(|id| self.flagged.contains(id))
    }

    /// `x = right` of drop flag `x`: a new flag, holding the value; the old
    /// one drops what it holds, if anything. (Not a method call: one on a
    /// flag whose type is still open would need it known.)
    pub(super) fn assign_flag(&self, id: BindingId, a: &syn::ExprAssign, right: &Expr) -> Expr {
        let name = Ident::new(&self.bindings[id].ident.to_string(), a.left.span());
        let span = a.eq_token.span;
        let krate = crate::parse::crate_at(self.krate(), span);
        syn::parse_quote_spanned!(span=> #name = #krate::__private::DropFlag::new(#right))
    }
}
