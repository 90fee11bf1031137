//! The anonymous form: takes the input of `generator_block!([args;] [move]
//! { body })` and gives the [`GeneratorFn`] the other stages expect (a
//! function without parameters, with that body). A `move` block's free
//! variables become its parameters, so its state owns them, as a `move`
//! closure owns what it captures.

use proc_macro2::{TokenStream, TokenTree};
use syn::parse::{Parse, ParseStream};
use syn::{Block, Token};

use crate::normalize::free_variables;
use crate::parse::{Args, Derive, GeneratorFn, Param, self_ident};

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
        let is_move = input.parse::<Option<Token![move]>>()?.is_some();
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
    // A block's type is concrete, not `impl Trait`: like a closure, it is
    // `Clone` (`Debug`, `PartialEq`) whenever what it keeps is.
    args.derives = vec![Derive::Clone, Derive::Debug, Derive::PartialEq];
    let mut func = GeneratorFn {
        krate: crate::parse::crate_path(&args),
        args,
        item,
        params: Vec::new(),
        has_self: false,
    };
    if input.is_move {
        for ident in free_variables(&func) {
            let is_self = ident == "self";
            func.has_self |= is_self;
            func.params.push(Param {
                copy: false,
                ident: if is_self {
                    self_ident(ident.span())
                } else {
                    ident
                },
                mutable: true,
                destructure: None,
                owned: false,
            });
        }
    }
    func
}
