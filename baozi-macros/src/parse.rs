//! Parsing: takes the attribute's and the item's token streams and gives a
//! [`GeneratorFn`]: the attribute arguments, the function, and one [`Param`]
//! per parameter (the receiver included), with pattern parameters replaced by
//! plain names in the signature.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{FnArg, Ident, Pat, Token, Type};

use crate::names::param_ident;

/// `#[generator(yield = Y, resume = R, derive(Clone, Debug, PartialEq), crate = path)]`.
#[derive(Default, Clone)]
pub struct Args {
    pub yield_ty: Option<Type>,
    pub resume_ty: Option<Type>,
    /// Traits the suspended state derives.
    pub derives: Vec<Derive>,
    /// `crate = path`: where baozi-core is, when it is re-exported by
    /// another crate.
    pub krate: Option<syn::Path>,
    /// `resume = R as first` (or a block's `|first|`): the pattern that
    /// receives the first resume's argument, which is dropped otherwise.
    pub first_resume: Option<Pat>,
}

/// A trait a generator's state can derive.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Derive {
    Clone,
    Debug,
    PartialEq,
    /// `serde::Serialize`.
    Serialize,
    /// Restoring from `serde`: `baozi_core::Restore`.
    Deserialize,
}

const KEYS: &str = "`yield = Type`, `resume = Type` (or `resume = Type as first`), `derive(Clone, Debug, PartialEq, Serialize, Deserialize)` and `crate = path`";

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        match Args::parse_keeping_errors(input)? {
            (args, None) => Ok(args),
            (_, Some(errors)) => Err(errors),
        }
    }
}

impl Args {
    /// Parses the arguments, keeping the ones that are right next to the
    /// errors about the others (unknown or repeated keys), so a fallback
    /// can still use them. A syntax error is still an `Err`.
    fn parse_keeping_errors(input: ParseStream) -> syn::Result<(Args, Option<syn::Error>)> {
        let mut args = Args::default();
        let mut errors: Option<syn::Error> = None;
        let mut push = |e: syn::Error| match &mut errors {
            Some(all) => all.combine(e),
            None => errors = Some(e),
        };
        while !input.is_empty() {
            let key = Ident::parse_any(input)?;
            if key == "derive" {
                let list;
                syn::parenthesized!(list in input);
                for name in list.parse_terminated(Ident::parse, Token![,])? {
                    let derive = match name.to_string().as_str() {
                        "Clone" => Derive::Clone,
                        "Debug" => Derive::Debug,
                        "PartialEq" => Derive::PartialEq,
                        "Serialize" => Derive::Serialize,
                        "Deserialize" => Derive::Deserialize,
                        _ => {
                            push(syn::Error::new(
                                name.span(),
                                format!(
                                    "a generator cannot derive `{name}`: it can derive `Clone`, `Debug`, \
                                     `PartialEq`, `Serialize` and `Deserialize`"
                                ),
                            ));
                            continue;
                        }
                    };
                    if !args.derives.contains(&derive) {
                        args.derives.push(derive);
                    }
                }
                if input.is_empty() {
                    break;
                }
                input.parse::<Token![,]>()?;
                continue;
            }
            if key == "crate" {
                input.parse::<Token![=]>()?;
                let path = syn::Path::parse_mod_style(input)?;
                if args.krate.is_some() {
                    push(syn::Error::new(key.span(), "`crate` is given twice"));
                }
                args.krate = Some(path);
                if input.is_empty() {
                    break;
                }
                input.parse::<Token![,]>()?;
                continue;
            }
            let slot = match key.to_string().as_str() {
                "yield" => Some(&mut args.yield_ty),
                "resume" => Some(&mut args.resume_ty),
                _ => None,
            };
            match slot {
                Some(slot) => {
                    input.parse::<Token![=]>()?;
                    let ty: Type = input.parse()?;
                    if slot.is_some() {
                        push(syn::Error::new(
                            key.span(),
                            format!("`{key}` is given twice"),
                        ));
                    }
                    *slot = Some(ty);
                    // `resume = R as first`: the first resume's argument,
                    // received.
                    if key == "resume" && input.peek(Token![as]) {
                        input.parse::<Token![as]>()?;
                        args.first_resume = Some(Pat::parse_single(input)?);
                    }
                }
                None => {
                    push(syn::Error::new(
                        key.span(),
                        format!("unknown argument `{key}`: #[generator] takes {KEYS}"),
                    ));
                    // Skip to the next comma.
                    while !input.is_empty() && !input.peek(Token![,]) {
                        input.parse::<proc_macro2::TokenTree>()?;
                    }
                }
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
        }
        Ok((args, errors))
    }
}

/// A parameter as the generator body sees it.
#[derive(Clone)]
pub struct Param {
    /// The name the state stores it under: the user's own identifier,
    /// `__baozi_self` for the receiver, or a fresh name for a pattern.
    pub ident: Ident,
    pub mutable: bool,
    /// A pattern to destructure the parameter with, at the top of the body.
    pub destructure: Option<Pat>,
    /// Whether its type is visibly an owning container (`Vec<T>`, `String`,
    /// an array...), which a borrow across a yield would make self-referential.
    pub owned: bool,
    /// Whether its type is visibly `Copy` (a primitive, a shared reference).
    pub copy: bool,
    /// Whether its type is a reference (`&T`, `&mut T`, `&self`): a place
    /// through it is not the generator's own.
    pub reference: bool,
    /// A `move` block's capture that the body assigns (`x = ..`, `x += ..`)
    /// or borrows mutably (`&mut x`): the user's token there, so that the
    /// captured variable is checked to be `mut`, as a `move` closure's is.
    pub mutated_at: Option<Ident>,
}

/// Owning types by the last segment of their path.
pub const OWNING_TYPES: &[&str] = &[
    "Vec",
    "String",
    "VecDeque",
    "HashMap",
    "HashSet",
    "BTreeMap",
    "BTreeSet",
    "BinaryHeap",
    "Box",
    "Rc",
    "Arc",
    "Cell",
    "RefCell",
    "Mutex",
    "RwLock",
];

/// Whether an expression visibly builds an owning value: `vec![..]`,
/// `format!(..)`, or `T::new(..)`, `T::from(..)` or `T::with_capacity(..)`
/// of one of [`OWNING_TYPES`] (`String::from("a")`).
pub fn is_owning_constructor(e: &syn::Expr) -> bool {
    match e {
        syn::Expr::Macro(m) => m.mac.path.is_ident("vec") || m.mac.path.is_ident("format"),
        syn::Expr::Call(c) => match &*c.func {
            syn::Expr::Path(p) => {
                let segs: Vec<String> = p
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                segs.len() >= 2
                    && OWNING_TYPES.contains(&segs[segs.len() - 2].as_str())
                    && matches!(
                        segs[segs.len() - 1].as_str(),
                        "new" | "from" | "with_capacity"
                    )
            }
            _ => false,
        },
        _ => false,
    }
}

fn is_owning_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Array(_) => true,
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .is_some_and(|s| OWNING_TYPES.contains(&s.ident.to_string().as_str())),
        _ => false,
    }
}

/// Primitive types, by name.
const COPY_TYPES: &[&str] = &[
    "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32",
    "f64", "bool", "char",
];

/// Whether a type is visibly `Copy`: a primitive, a shared reference, a
/// raw pointer, or a tuple or array of those.
pub fn is_copy_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(p) => {
            p.qself.is_none()
                && p.path
                    .get_ident()
                    .is_some_and(|i| COPY_TYPES.contains(&i.to_string().as_str()))
        }
        syn::Type::Reference(r) => r.mutability.is_none(),
        syn::Type::Ptr(_) => true,
        syn::Type::Tuple(t) => t.elems.iter().all(is_copy_type),
        syn::Type::Array(a) => is_copy_type(&a.elem),
        syn::Type::Paren(p) => is_copy_type(&p.elem),
        _ => false,
    }
}

/// Which macro a generator comes from.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Form {
    /// `#[generator] fn`: its types are declared, `()` where not named.
    Function,
    /// `generator_block!`: its types are inferred where not named.
    Block,
}

#[derive(Clone)]
pub struct GeneratorFn {
    pub form: Form,
    pub args: Args,
    /// The path the expansion names baozi-core by.
    pub krate: syn::Path,
    pub item: syn::ItemFn,
    pub params: Vec<Param>,
    pub has_self: bool,
    /// An async generator (`async fn`), a `Stream`: `lower_async` makes
    /// its body a plain generator's, and `emit` its signature.
    pub is_async: bool,
}

/// The identifier `self` becomes inside the state machine.
pub fn self_ident(span: Span) -> Ident {
    Ident::new("__baozi_self", span)
}

/// The path to baozi-core: `crate = path` when given, otherwise the name
/// the calling crate's `Cargo.toml` gives the dependency (`baozi = {
/// package = "baozi-core" }` makes it `::baozi`), found as the ecosystem
/// does, with `proc-macro-crate`.
pub fn crate_path(args: &Args) -> syn::Path {
    if let Some(path) = &args.krate {
        return path.clone();
    }
    match proc_macro_crate::crate_name("baozi-core") {
        Ok(proc_macro_crate::FoundCrate::Name(name)) => {
            let ident = Ident::new(&name, Span::call_site());
            syn::parse_quote!(::#ident)
        }
        // baozi-core's own doctests, or a crate that reaches baozi-core
        // another way: the usual name.
        Ok(proc_macro_crate::FoundCrate::Itself) | Err(_) => syn::parse_quote!(::baozi_core),
    }
}

/// The crate path with every token spanned at `span`, for code whose errors
/// should point at the user's tokens there (a path keeps its own spans when
/// interpolated).
pub fn crate_at(krate: &syn::Path, span: Span) -> TokenStream {
    fn respan(tokens: TokenStream, span: Span) -> TokenStream {
        tokens
            .into_iter()
            .map(|mut tt| {
                if let proc_macro2::TokenTree::Group(g) = &tt {
                    let mut group =
                        proc_macro2::Group::new(g.delimiter(), respan(g.stream(), span));
                    group.set_span(span);
                    tt = proc_macro2::TokenTree::Group(group);
                }
                tt.set_span(span);
                tt
            })
            .collect()
    }
    respan(quote::ToTokens::to_token_stream(krate), span)
}

/// Why `parse` gave no [`GeneratorFn`] to compile.
pub enum Failure {
    /// The function parses, but the attribute's arguments have errors: the
    /// function with the arguments that are right, for a fallback.
    Arguments(Box<GeneratorFn>, syn::Error),
    /// The item is not a function syn can read (perhaps half-typed): the
    /// arguments as far as they could be read, and the error.
    Unparsed(Box<Args>, syn::Error),
}

impl std::fmt::Debug for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Arguments(_, e) => write!(f, "Arguments({e})"),
            Failure::Unparsed(_, e) => write!(f, "Unparsed({e})"),
        }
    }
}

pub fn parse(attr: TokenStream, item: TokenStream) -> Result<GeneratorFn, Failure> {
    let args_result = syn::parse::Parser::parse2(Args::parse_keeping_errors, attr);
    let item_result = syn::parse2::<syn::ItemFn>(item.clone()).map_err(|e| {
        if is_function(&item) {
            // Half-typed: rustc reports the syntax error where it is, in
            // the function emitted as written (see `fallback`); this says
            // at the attribute why it is not a generator yet.
            syn::Error::new(
                Span::call_site(),
                format!(
                    "#[generator] cannot read this function, so it is not a generator yet: {e}"
                ),
            )
        } else {
            syn::Error::new(e.span(), format!("#[generator] applies to a function: {e}"))
        }
    });
    let (args, args_error, item) = match (args_result, item_result) {
        (Ok((a, errors)), Ok(i)) => (a, errors, i),
        (Ok((a, _)), Err(e)) => return Err(Failure::Unparsed(Box::new(a), e)),
        (Err(mut a), Err(i)) => {
            a.combine(i);
            return Err(Failure::Unparsed(Box::default(), a));
        }
        (Err(e), Ok(i)) => (Args::default(), Some(e), i),
    };
    let func = function(args, item);
    match args_error {
        None => Ok(func),
        Some(e) => Err(Failure::Arguments(Box::new(func), e)),
    }
}

/// Whether `item` is a function, by its tokens before the body: `fn` ahead
/// of the first `{ .. }` group (after attributes, visibility and
/// qualifiers).
fn is_function(item: &TokenStream) -> bool {
    item.clone()
        .into_iter()
        .take_while(|tt| !matches!(tt, TokenTree::Group(g) if g.delimiter() == Delimiter::Brace))
        .any(|tt| matches!(tt, TokenTree::Ident(i) if i == "fn"))
}

/// The function as the stages after parsing see it.
fn function(args: Args, mut item: syn::ItemFn) -> GeneratorFn {
    let mut params = Vec::new();
    let mut has_self = false;
    for (index, input) in item.sig.inputs.iter_mut().enumerate() {
        match input {
            FnArg::Receiver(r) => {
                has_self = true;
                // `mut self` is a mutable binding; `&mut self` is a type.
                let mutable = r.reference.is_none() && r.mutability.is_some();
                params.push(Param {
                    ident: self_ident(r.self_token.span),
                    mutable,
                    destructure: None,
                    owned: false,
                    copy: is_copy_type(&r.ty),
                    reference: r.reference.is_some(),
                    mutated_at: None,
                });
                if mutable {
                    r.mutability = None;
                }
            }
            FnArg::Typed(t) => match &mut *t.pat {
                Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                    params.push(Param {
                        ident: p.ident.clone(),
                        mutable: p.mutability.is_some(),
                        destructure: None,
                        owned: is_owning_type(&t.ty),
                        copy: is_copy_type(&t.ty),
                        reference: matches!(&*t.ty, syn::Type::Reference(_)),
                        mutated_at: None,
                    });
                    p.mutability = None;
                }
                pat => {
                    let ident = param_ident(index, pat.span());
                    params.push(Param {
                        ident: ident.clone(),
                        mutable: false,
                        destructure: Some(pat.clone()),
                        owned: false,
                        copy: false,
                        reference: false,
                        mutated_at: None,
                    });
                    *pat = Pat::Ident(syn::PatIdent {
                        attrs: Vec::new(),
                        by_ref: None,
                        mutability: None,
                        ident,
                        subpat: None,
                    });
                }
            },
        }
    }
    let krate = crate_path(&args);
    let is_async = item.sig.asyncness.is_some();
    GeneratorFn {
        form: Form::Function,
        krate,
        args,
        item,
        params,
        has_self,
        is_async,
    }
}

/// The `#[cfg]` or `#[cfg_attr]` among `attrs`, if any: the macro sees the
/// body before rustc configures it.
pub fn cfg_attr(attrs: &[syn::Attribute]) -> Option<&syn::Attribute> {
    attrs
        .iter()
        .find(|a| a.path().is_ident("cfg") || a.path().is_ident("cfg_attr"))
}

/// The outer attributes of an expression statement's expression.
pub fn expr_attrs(e: &syn::Expr) -> &[syn::Attribute] {
    use syn::Expr;
    match e {
        Expr::Block(b) => &b.attrs,
        Expr::If(i) => &i.attrs,
        Expr::Match(m) => &m.attrs,
        Expr::Loop(l) => &l.attrs,
        Expr::While(w) => &w.attrs,
        Expr::ForLoop(f) => &f.attrs,
        Expr::Macro(m) => &m.attrs,
        Expr::Call(c) => &c.attrs,
        Expr::MethodCall(m) => &m.attrs,
        Expr::Assign(a) => &a.attrs,
        Expr::Binary(b) => &b.attrs,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn arguments() {
        let a: Args = syn::parse2(quote!(yield = u8, resume = Option<&'static str>)).unwrap();
        assert!(a.yield_ty.is_some() && a.resume_ty.is_some());
        let a: Args = syn::parse2(quote!()).unwrap();
        assert!(a.yield_ty.is_none() && a.resume_ty.is_none());
    }

    #[test]
    fn unknown_and_repeated_arguments_are_all_reported() {
        let err = syn::parse2::<Args>(quote!(yeld = u8, resume = u8, resume = u16, foo))
            .err()
            .unwrap();
        let messages: Vec<String> = err.into_iter().map(|e| e.to_string()).collect();
        assert_eq!(
            messages,
            [
                "unknown argument `yeld`: #[generator] takes `yield = Type`, `resume = Type` (or `resume = Type as first`), `derive(Clone, Debug, PartialEq, Serialize, Deserialize)` and `crate = path`",
                "`resume` is given twice",
                "unknown argument `foo`: #[generator] takes `yield = Type`, `resume = Type` (or `resume = Type as first`), `derive(Clone, Debug, PartialEq, Serialize, Deserialize)` and `crate = path`",
            ]
        );
    }

    #[test]
    fn pattern_parameters_get_names() {
        let f = parse(
            quote!(),
            quote!(
                fn f(&mut self, (a, b): (u8, u8), mut n: u8) {}
            ),
        )
        .unwrap();
        let names: Vec<String> = f.params.iter().map(|p| p.ident.to_string()).collect();
        assert_eq!(names, ["__baozi_self", "__baozi_arg1", "n"]);
        assert!(f.params[2].mutable && !f.params[0].mutable);
        let sig = &f.item.sig;
        assert_eq!(
            quote!(#sig).to_string(),
            "fn f (& mut self , __baozi_arg1 : (u8 , u8) , n : u8)"
        );
    }
}
