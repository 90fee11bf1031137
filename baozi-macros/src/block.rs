//! The anonymous form: takes the input of `generator_block!([args;] [move]
//! { body })` and gives the [`GeneratorFn`] the other stages expect (a
//! function without parameters, with that body). A `move` block's free
//! variables become its parameters, so its state owns them, as a `move`
//! closure owns what it captures.

use proc_macro2::{TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Block, Pat, Token, Type};

use crate::normalize::free_variables;
use crate::parse::{Args, Derive, Form, GeneratorFn, Param, self_ident};
use crate::yields::{is_yield, is_yield_from};

pub struct BlockInput {
    pub args: Args,
    pub is_move: bool,
    pub block: Block,
}

impl Parse for BlockInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        // `yield = Y, resume = R;` comes first when present.
        let has_args = input.fork().step(|cursor| {
            let mut rest = *cursor;
            while let Some((tt, next)) = rest.token_tree() {
                if let TokenTree::Punct(p) = &tt
                    && p.as_char() == ';'
                {
                    return Ok((true, next));
                }
                rest = next;
            }
            Ok((false, rest))
        })?;
        let args = if has_args {
            let mut tokens = TokenStream::new();
            while !input.peek(Token![;]) {
                tokens.extend([input.parse::<TokenTree>()?]);
            }
            input.parse::<Token![;]>()?;
            syn::parse2(tokens)?
        } else {
            Args::default()
        };
        let mut args = args;
        let is_move = input.parse::<Option<Token![move]>>()?.is_some();
        // `|first|` or `|first: R|`: the first resume's argument, received,
        // as a coroutine closure's parameter.
        if input.peek(Token![||]) {
            input.parse::<Token![||]>()?;
        } else if input.peek(Token![|]) {
            input.parse::<Token![|]>()?;
            let pat = Pat::parse_single(input)?;
            if input.peek(Token![:]) {
                let colon = input.parse::<Token![:]>()?;
                let ty: Type = input.parse()?;
                if args.resume_ty.is_some() {
                    return Err(syn::Error::new(
                        colon.span,
                        "the resume type is given twice: as `resume = ..` and as the type of the first argument",
                    ));
                }
                args.resume_ty = Some(ty);
            }
            input.parse::<Token![|]>()?;
            if args.first_resume.is_some() {
                return Err(syn::Error::new(
                    pat.span(),
                    "the first resume's argument is named twice: as `resume = .. as name` and as `|name|`",
                ));
            }
            args.first_resume = Some(pat);
        }
        if let Some(first) = args.derives.first() {
            return Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                format!(
                    "`generator_block!` takes no `derive(..)`: like a closure, a block is \
                     `Clone`, `Debug` and `PartialEq` whenever what it keeps is (`{first:?}` \
                     was asked for); to save one with serde, use a `#[generator]` function"
                ),
            ));
        }
        let block = input.parse()?;
        Ok(BlockInput {
            args,
            is_move,
            block,
        })
    }
}

/// The block as a generator function, with a `move` block's captures as
/// parameters.
pub fn as_function(input: BlockInput) -> GeneratorFn {
    let block = input.block;
    let item: syn::ItemFn = syn::parse_quote!(fn __baozi_generator_block() #block);
    let mut args = input.args;
    // A block that never reads a resume value is resumed with `()`, as a
    // coroutine closure without a parameter is.
    if args.resume_ty.is_none() && args.first_resume.is_none() && !reads_resume_values(&block) {
        args.resume_ty = Some(syn::parse_quote!(()));
    }
    // A block's type is concrete, not `impl Trait`: like a closure, it is
    // `Clone` (`Debug`, `PartialEq`) whenever what it keeps is.
    args.derives = vec![Derive::Clone, Derive::Debug, Derive::PartialEq];
    let mut func = GeneratorFn {
        form: Form::Block,
        krate: crate::parse::crate_path(&args),
        args,
        item,
        params: Vec::new(),
        has_self: false,
        is_async: false,
    };
    // A `move` block captures every variable it uses by value. One without
    // `move` borrows them, but captures by value those it visibly moves, as
    // a closure does, unless it also assigns them: a moved `Copy` value
    // that the block assigns is captured by mutable reference by a closure,
    // and baozi cannot see which types are `Copy`.
    let mutations = captured_mutations(&func.item.block);
    for free in free_variables(&func) {
        let mutated_at = mutations.iter().find(|m| **m == free.ident).cloned();
        if input.is_move || (free.moved && mutated_at.is_none()) {
            let ident = free.ident;
            let is_self = ident == "self";
            func.has_self |= is_self;
            func.params.push(Param {
                copy: false,
                reference: false,
                ident: if is_self {
                    self_ident(ident.span())
                } else {
                    ident
                },
                // `mut` inside whatever the outer variable is: a method
                // call may mutate it, which baozi cannot see; the outer
                // variable is checked where the body visibly mutates it.
                mutable: true,
                destructure: None,
                owned: false,
                mutated_at,
            });
        }
    }
    func
}

/// The first token of each name that a block assigns (`x = ..`, `x += ..`)
/// or borrows mutably (`&mut x`) as a whole, where no pattern earlier in the
/// block binds the same name: then it is the captured variable, which must
/// be `mut`, as a `move` closure's must. (Any earlier binding of the name
/// counts as shadowing it, even in a sibling scope: the check is skipped
/// rather than risk an error on valid code. Mutations through a field, an
/// index or a method may go through a reference, so they are not checked.)
fn captured_mutations(block: &Block) -> Vec<proc_macro2::Ident> {
    #[derive(Default)]
    struct Mutations {
        bound: Vec<String>,
        found: Vec<proc_macro2::Ident>,
    }
    impl Mutations {
        fn mutated(&mut self, place: &syn::Expr) {
            if let syn::Expr::Path(p) = place
                && p.qself.is_none()
                && let Some(ident) = p.path.get_ident()
                && !self.bound.iter().any(|b| ident == b)
                && !self.found.iter().any(|f| f == ident)
            {
                self.found.push(ident.clone());
            }
        }
    }
    impl<'a> Visit<'a> for Mutations {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            self.bound.push(p.ident.to_string());
            syn::visit::visit_pat_ident(self, p);
        }
        fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
            self.mutated(&a.left);
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
            if matches!(
                b.op,
                syn::BinOp::AddAssign(_)
                    | syn::BinOp::SubAssign(_)
                    | syn::BinOp::MulAssign(_)
                    | syn::BinOp::DivAssign(_)
                    | syn::BinOp::RemAssign(_)
                    | syn::BinOp::BitXorAssign(_)
                    | syn::BinOp::BitAndAssign(_)
                    | syn::BinOp::BitOrAssign(_)
                    | syn::BinOp::ShlAssign(_)
                    | syn::BinOp::ShrAssign(_)
            ) {
                self.mutated(&b.left);
            }
            syn::visit::visit_expr_binary(self, b);
        }
        fn visit_expr_reference(&mut self, r: &'a syn::ExprReference) {
            if r.mutability.is_some() {
                self.mutated(&r.expr);
            }
            syn::visit::visit_expr_reference(self, r);
        }
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut m = Mutations::default();
    m.visit_block(block);
    m.found
}

/// Whether a block uses the value of a `yield_!` (the argument it is
/// resumed with) or delegates with `yield_from!` (which passes resume
/// values on): anything but a `yield_!(..);` statement, `let _ =
/// yield_!(..);`, or a `yield_!(..)` that ends the block (its value is the
/// block's return value, as in `|| { .. yield }`, whose resume type is
/// `()`). Closures and items have their own (rejected) yields.
pub fn reads_resume_values(block: &Block) -> bool {
    struct Reads(bool);
    impl Reads {
        /// The operand of a `yield_!` whose own value is discarded.
        fn operand(&mut self, mac: &syn::Macro) {
            if let Ok(e) = mac.parse_body::<syn::Expr>() {
                self.visit_expr(&e);
            }
        }
        fn discarded(&mut self, e: &syn::Expr) -> bool {
            match e {
                syn::Expr::Macro(m) if is_yield(&m.mac) => {
                    self.operand(&m.mac);
                    true
                }
                _ => false,
            }
        }
    }
    impl<'a> Visit<'a> for Reads {
        fn visit_stmt(&mut self, stmt: &'a syn::Stmt) {
            match stmt {
                syn::Stmt::Macro(m) if is_yield(&m.mac) && m.semi_token.is_some() => {
                    self.operand(&m.mac)
                }
                syn::Stmt::Expr(e, Some(_)) if self.discarded(e) => {}
                syn::Stmt::Local(local)
                    if matches!(local.pat, Pat::Wild(_))
                        && local.init.as_ref().is_some_and(|init| {
                            init.diverge.is_none() && self.discarded(&init.expr)
                        }) => {}
                _ => syn::visit::visit_stmt(self, stmt),
            }
        }
        fn visit_macro(&mut self, mac: &'a syn::Macro) {
            if is_yield(mac) || is_yield_from(mac) {
                self.0 = true;
            }
        }
        fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
        fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
        fn visit_item(&mut self, _: &'a syn::Item) {}
    }
    let mut reads = Reads(false);
    match block.stmts.split_last() {
        Some((syn::Stmt::Expr(tail, None), rest)) if reads.discarded(tail) => {
            for stmt in rest {
                reads.visit_stmt(stmt);
            }
        }
        _ => reads.visit_block(block),
    }
    reads.0
}

/// A block's type as the step closure is told it: the named one, or `_`
/// (inferred, as a closure's).
pub fn type_hint(ty: &Option<Type>) -> proc_macro2::TokenStream {
    ty.as_ref().map_or(quote::quote!(_), |t| quote::quote!(#t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reads(body: proc_macro2::TokenStream) -> bool {
        reads_resume_values(&syn::parse2(body).unwrap())
    }

    #[test]
    fn discarded_yields_read_nothing() {
        assert!(!reads(quote::quote!({
            yield_!();
            yield_!(1);
            let _ = yield_!(2);
        })));
        assert!(!reads(quote::quote!({
            for i in 0..3 {
                yield_!(i);
            }
        })));
        assert!(!reads(quote::quote!({
            let f = || yield_!(1);
        })));
    }

    #[test]
    fn used_yields_and_delegation_read() {
        assert!(reads(quote::quote!({
            let x = yield_!();
        })));
        assert!(reads(quote::quote!({
            total += yield_!(total);
        })));
        assert!(reads(quote::quote!({
            yield_!(yield_!(1));
        })));
        assert!(reads(quote::quote!({
            for i in 0..3 {
                yield_!(i)
            }
        })));
        assert!(reads(quote::quote!({
            yield_from!(inner());
        })));
    }
}
