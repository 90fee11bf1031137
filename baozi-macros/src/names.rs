//! The names the expansion declares, in one table: takes the parsed
//! [`GeneratorFn`] and gives [`Names`], which the stages after parsing
//! share. All are hygienic (`Span::mixed_site()`), so the user's code cannot
//! see them, except the crate path and the receiver's stand-in.

use proc_macro2::{Ident, Span};
use quote::format_ident;

use crate::parse::GeneratorFn;

/// Names shared by the generated code.
pub struct Names {
    pub state_enum: Ident,
    pub block_enum: Ident,
    pub state: Ident,
    pub cur: Ident,
    pub arg: Ident,
    pub value: Ident,
    /// The first resume's argument, in the block the first resume runs.
    pub first: Ident,
    /// `baozi_core::__private::dead` and `dead_borrow`, as the expansion
    /// imports them: what a dead binding is stored through (see
    /// `split::dead_value`).
    pub dead_local: Ident,
    pub dead_borrow: Ident,
    pub dispatch: syn::Lifetime,
    pub self_ident: Option<Ident>,
    /// The path to baozi-core.
    pub krate: syn::Path,
}

/// Whose state it is, for the state enum's name: the function's name, or
/// `generator_block`.
fn state_owner(func: &GeneratorFn) -> String {
    match func.form {
        crate::parse::Form::Function => {
            let name = func.item.sig.ident.to_string();
            name.strip_prefix("r#").unwrap_or(&name).to_owned()
        }
        crate::parse::Form::Block => "generator_block".to_owned(),
    }
}

impl Names {
    /// [`Names::first`], for `normalize`, which binds the user's pattern to
    /// it before the table exists.
    pub fn first() -> Ident {
        Ident::new("__baozi_first", Span::mixed_site())
    }

    /// The item a `for` loop with a yield takes from its iterator, before
    /// the loop's binding is declared with it.
    pub fn loop_item() -> Ident {
        Ident::new("__baozi_next", Span::mixed_site())
    }

    pub fn new(func: &GeneratorFn) -> Names {
        let s = Span::mixed_site();
        Names {
            // Named after the generator: rustc's notes about its state
            // ("required because it appears within the type ..") say whose.
            state_enum: Ident::new(&format!("StateOf_{}", state_owner(func)), s),
            block_enum: Ident::new("__BaoziBlock", s),
            state: Ident::new("__baozi_state", s),
            cur: Ident::new("__baozi_cur", s),
            arg: Ident::new("__baozi_arg", s),
            value: Ident::new("__baozi_value", s),
            first: Names::first(),
            dead_local: Ident::new("__baozi_dead", s),
            dead_borrow: Ident::new("__baozi_dead_borrow", s),
            dispatch: syn::Lifetime::new("'__baozi_dispatch", s),
            self_ident: func
                .has_self
                .then(|| crate::parse::self_ident(Span::call_site())),
            krate: func.krate.clone(),
        }
    }
}

/// A name for a fresh binding of a parameter with a complex pattern.
pub fn param_ident(index: usize, span: Span) -> Ident {
    format_ident!("__baozi_arg{}", index, span = span)
}
