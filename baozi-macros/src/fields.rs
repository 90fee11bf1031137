//! Field splitting: takes the parsed [`GeneratorFn`] and gives it with
//! each struct or tuple local that is visibly moved out of, field by field,
//! replaced by one local per field.
//!
//! rustc's coroutines store what remains of a partly moved local (`let name
//! = p.name; yield_!(p.n);`). Rust source cannot name a partly moved value,
//! so a state cannot store one; it can store the fields as locals of their
//! own. A `let p = Pair { name: .., n: .. };` whose every later mention is
//! a field (`p.name`, `p.n`, in macros' tokens too) becomes `let Pair { n:
//! p_baozi_n, name: p_baozi_name } = Pair { .. };`, and each `p.f` the
//! field's local: what `normalize` then sees are plain locals, moved,
//! stored and dropped as any other.
//!
//! It is done only where it changes nothing else:
//! - the initialiser is a struct literal without `..base`, or a tuple, so
//!   every field is known (none is left to drop early);
//! - a field that is visibly not `Copy` (`String::from(..)`, `vec![..]`,
//!   `"a".into()`) is used by value (`let name = p.name;`, `f(p.name)`,
//!   `yield_!(p.name)`): a real partial move, so the struct has no `Drop`
//!   (rustc refuses to move out of one, E0509) and splitting it is allowed;
//! - a `yield_!` follows in the block (without one, nothing is stored);
//! - the name is mentioned only as `p.f`, never whole, as a method's receiver
//!   (`p.f()`), in a closure or a format string, nor bound again.
//!
//! The fields' locals are declared in the reverse of the literal's order, so
//! that at the end of their scope they drop in its order, as the struct's
//! fields would in the order of its definition (the same when the literal
//! follows it).

use proc_macro2::{Delimiter, Ident, TokenStream, TokenTree};
use quote::{format_ident, quote};
use syn::visit_mut::VisitMut;
use syn::{Expr, Member, Pat, Stmt};

use crate::ir::{mentions, opens_a_closure};
use crate::parse::{GeneratorFn, is_owning_constructor};

/// The function with its partly moved struct locals split (see the module
/// docs), or `None` when it has none.
pub fn split_fields(func: &GeneratorFn) -> Option<GeneratorFn> {
    let mut finder = FindSplit(false);
    syn::visit::Visit::visit_block(&mut finder, &func.item.block);
    if !finder.0 {
        return None;
    }
    let mut func = func.clone();
    SplitBlocks.visit_block_mut(&mut func.item.block);
    Some(func)
}

/// Whether a block has a `let` to split.
struct FindSplit(bool);

impl<'a> syn::visit::Visit<'a> for FindSplit {
    fn visit_block(&mut self, block: &'a syn::Block) {
        self.0 |= (0..block.stmts.len())
            .any(|i| split_let(&block.stmts[i], &block.stmts[i + 1..]).is_some());
        syn::visit::visit_block(self, block);
    }

    fn visit_item(&mut self, _: &'a syn::Item) {}
}

struct SplitBlocks;

impl VisitMut for SplitBlocks {
    fn visit_block_mut(&mut self, block: &mut syn::Block) {
        let mut i = 0;
        while i < block.stmts.len() {
            if let Some((stmt, rest)) = split_let(&block.stmts[i], &block.stmts[i + 1..]) {
                block.stmts[i] = stmt;
                block.stmts.truncate(i + 1);
                block.stmts.extend(rest);
            }
            i += 1;
        }
        syn::visit_mut::visit_block_mut(self, block);
    }

    // Nested items are not the generator's.
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// A field of the struct literal: its member and the local it becomes.
struct Field {
    member: Member,
    local: Ident,
    init_is_not_copy: bool,
}

/// `let` statement `stmt` and the statements after it in its block, split
/// (see the module docs), or `None` where it is not split.
fn split_let(stmt: &Stmt, rest: &[Stmt]) -> Option<(Stmt, Vec<Stmt>)> {
    let Stmt::Local(local) = stmt else {
        return None;
    };
    let (ident, mutable, ty) = match &local.pat {
        Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
            (&p.ident, p.mutability.is_some(), None)
        }
        Pat::Type(t) => match &*t.pat {
            Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => {
                (&p.ident, p.mutability.is_some(), Some(&t.ty))
            }
            _ => return None,
        },
        _ => return None,
    };
    let init = local.init.as_ref().filter(|init| init.diverge.is_none())?;
    // The literal's fields: a struct's named ones, or a tuple's elements.
    let field_inits: Vec<(Member, &Expr)> = match &*init.expr {
        Expr::Struct(lit)
            if lit.rest.is_none() && lit.dot2_token.is_none() && lit.qself.is_none() =>
        {
            lit.fields
                .iter()
                .map(|f| (f.member.clone(), &f.expr))
                .collect()
        }
        Expr::Tuple(t) if t.elems.len() > 1 => t
            .elems
            .iter()
            .enumerate()
            .map(|(i, e)| (Member::Unnamed(syn::Index::from(i)), e))
            .collect(),
        _ => return None,
    };
    let fields: Vec<Field> = field_inits
        .into_iter()
        .map(|(member, e)| Field {
            local: format_ident!(
                "{}_baozi_{}",
                ident,
                member_name(&member),
                span = ident.span()
            ),
            member,
            init_is_not_copy: visibly_not_copy(e),
        })
        .collect();
    let rest_tokens: TokenStream = rest.iter().map(|s| quote!(#s)).collect();
    if !has_yield(&rest_tokens) {
        return None;
    }
    let mut mentions = Mentions::default();
    if !mentions.scan(&rest_tokens, ident) {
        return None;
    }
    let moves_a_field_out = fields.iter().any(|f| {
        f.init_is_not_copy
            && mentions
                .by_value
                .iter()
                .any(|m| *m == member_name(&f.member))
    });
    if !moves_a_field_out || mentions.unknown_field(&fields) {
        return None;
    }
    let mutability = mutable.then(|| quote!(mut));
    let locals = fields.iter().rev().map(|f| {
        let local = &f.local;
        quote!(#mutability #local)
    });
    let ascription = ty.map(|ty| quote!(: #ty));
    let expr = &init.expr;
    let attrs = &local.attrs;
    let allow = mutable.then(|| quote!(#[allow(unused_mut)]));
    let stmt: Stmt = match &*init.expr {
        // `let Path { f: f_local, .. }: T = literal;`, fields in reverse.
        Expr::Struct(lit) => {
            let path = &lit.path;
            let members = fields.iter().rev().map(|f| &f.member);
            syn::parse_quote!(
                #(#attrs)* #allow let #path { #(#members: #locals),* } #ascription = #expr;
            )
        }
        // `let (p_1, p_0) = { let t: T = (..); (t.1, t.0) };`: the tuple is
        // built in its order, its locals declared in reverse.
        _ => {
            let tuple = Ident::new("__baozi_tuple", proc_macro2::Span::mixed_site());
            let members = fields.iter().rev().map(|f| &f.member);
            syn::parse_quote!(
                #(#attrs)* #allow let (#(#locals,)*) = {
                    let #tuple #ascription = #expr;
                    (#(#tuple.#members,)*)
                };
            )
        }
    };
    let rewritten = replace_fields(rest_tokens, ident, &fields);
    let rest = syn::parse2::<BlockStmts>(rewritten).ok()?.0;
    Some((stmt, rest))
}

struct BlockStmts(Vec<Stmt>);

impl syn::parse::Parse for BlockStmts {
    fn parse(input: syn::parse::ParseStream) -> syn::Result<Self> {
        syn::Block::parse_within(input).map(BlockStmts)
    }
}

fn member_name(m: &Member) -> String {
    match m {
        Member::Named(i) => i.to_string(),
        Member::Unnamed(i) => i.index.to_string(),
    }
}

/// Whether a field's initialiser is visibly of a type that is not `Copy`.
fn visibly_not_copy(e: &Expr) -> bool {
    is_owning_constructor(e)
        || matches!(e, Expr::MethodCall(m) if matches!(
            m.method.to_string().as_str(),
            "to_string" | "to_vec" | "to_owned" | "into"
        ))
}

fn has_yield(tokens: &TokenStream) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        TokenTree::Ident(i) => i == "yield_" || i == "yield_from",
        TokenTree::Group(g) => has_yield(&g.stream()),
        _ => false,
    })
}

/// The mentions of a name in token streams, each `name . member`.
#[derive(Default)]
struct Mentions {
    /// The members mentioned.
    fields: Vec<String>,
    /// The members used by value: `= p.f ;`, `( p.f )`, `, p.f ,`, ...
    by_value: Vec<String>,
}

impl Mentions {
    /// Records the mentions of `name` in `tokens`; false if one is not a
    /// field (see the module docs).
    fn scan(&mut self, tokens: &TokenStream, name: &Ident) -> bool {
        let tts: Vec<TokenTree> = tokens.clone().into_iter().collect();
        for (i, tt) in tts.iter().enumerate() {
            let refused = match tt {
                TokenTree::Group(g) => !self.scan(&g.stream(), name),
                // A format string's inline argument: `{p}`, `{p:?}`.
                TokenTree::Literal(l) => {
                    let text = l.to_string();
                    text.contains(&format!("{{{name}}}")) || text.contains(&format!("{{{name}:"))
                }
                // A closure: conservatively, nothing of `name` in it.
                TokenTree::Punct(p) if p.as_char() == '|' => {
                    opens_a_closure(&tts, i)
                        && mentions(&tts[i + 1..].iter().cloned().collect(), name)
                }
                TokenTree::Ident(id) if id == name && !is_member_or_path_segment(&tts, i) => {
                    !self.field_mention(&tts, i)
                }
                _ => false,
            };
            if refused {
                return false;
            }
        }
        true
    }

    /// Records the mention of the name at `i`; false if it is not `name .
    /// member`, or is a method call (`p.f(..)`, `p.f::<T>(..)`).
    fn field_mention(&mut self, tts: &[TokenTree], i: usize) -> bool {
        let Some(member) = field_after(tts, i) else {
            return false;
        };
        let method = match tts.get(i + 3) {
            Some(TokenTree::Group(g)) => g.delimiter() == Delimiter::Parenthesis,
            Some(TokenTree::Punct(p)) => p.as_char() == ':',
            _ => false,
        };
        if method {
            return false;
        }
        if by_value(tts, i) {
            self.by_value.push(member.clone());
        }
        self.fields.push(member);
        true
    }

    /// Whether a mentioned member is not one of the literal's fields.
    fn unknown_field(&self, fields: &[Field]) -> bool {
        self.fields
            .iter()
            .any(|m| !fields.iter().any(|f| member_name(&f.member) == *m))
    }
}

/// Whether the identifier at `i` is a field or method name (`x.p`) or a
/// path's later segment (`a::p`), not the local.
fn is_member_or_path_segment(tts: &[TokenTree], i: usize) -> bool {
    i > 0 && matches!(&tts[i - 1], TokenTree::Punct(p) if p.as_char() == '.' || p.as_char() == ':')
}

/// The member of `name . member` at `i`.
fn field_after(tts: &[TokenTree], i: usize) -> Option<String> {
    match (tts.get(i + 1), tts.get(i + 2)) {
        (Some(TokenTree::Punct(dot)), Some(TokenTree::Ident(member))) if dot.as_char() == '.' => {
            Some(member.to_string())
        }
        (Some(TokenTree::Punct(dot)), Some(TokenTree::Literal(index)))
            if dot.as_char() == '.' && index.to_string().chars().all(|c| c.is_ascii_digit()) =>
        {
            Some(index.to_string())
        }
        _ => None,
    }
}

/// Whether `name . member` at `i` stands alone between punctuation that
/// makes it a value: after `=`, `(`, `,` or `return` (or first in its
/// group), and before `;`, `,` or the end of its group.
fn by_value(tts: &[TokenTree], i: usize) -> bool {
    let before = i == 0
        || matches!(&tts[i - 1], TokenTree::Punct(p) if matches!(p.as_char(), '=' | ',') && !is_comparison(tts, i - 1))
        || matches!(&tts[i - 1], TokenTree::Ident(id) if id == "return");
    let after = match tts.get(i + 3) {
        None => true,
        Some(TokenTree::Punct(p)) => matches!(p.as_char(), ';' | ','),
        _ => false,
    };
    before && after
}

/// Whether the `=` at `i` is part of `==`, `<=`, `>=` or `!=`.
fn is_comparison(tts: &[TokenTree], i: usize) -> bool {
    let TokenTree::Punct(p) = &tts[i] else {
        return false;
    };
    if p.as_char() != '=' {
        return false;
    }
    i > 0
        && matches!(&tts[i - 1], TokenTree::Punct(q) if q.spacing() == proc_macro2::Spacing::Joint && matches!(q.as_char(), '=' | '<' | '>' | '!'))
}

/// `tokens` with each `name . member` replaced by the member's local, which
/// takes the span of the user's `name`.
fn replace_fields(tokens: TokenStream, name: &Ident, fields: &[Field]) -> TokenStream {
    let tts: Vec<TokenTree> = tokens.into_iter().collect();
    let mut out = Vec::with_capacity(tts.len());
    let mut i = 0;
    while i < tts.len() {
        match &tts[i] {
            TokenTree::Ident(id) if id == name && !is_member_or_path_segment(&tts, i) => {
                let member = field_after(&tts, i).expect("every mention is a field");
                let field = fields
                    .iter()
                    .find(|f| member_name(&f.member) == member)
                    .expect("every mentioned field is the literal's");
                // Errors about the field point at the user's mention.
                let mut local = field.local.clone();
                local.set_span(id.span());
                out.push(TokenTree::Ident(local));
                i += 3;
                continue;
            }
            TokenTree::Group(g) => {
                let mut group = proc_macro2::Group::new(
                    g.delimiter(),
                    replace_fields(g.stream(), name, fields),
                );
                group.set_span(g.span());
                out.push(TokenTree::Group(group));
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(body: TokenStream) -> String {
        let item = quote!(fn g() #body);
        let func = crate::parse::parse(quote!(yield = u8), item).unwrap();
        let func = split_fields(&func).unwrap_or(func);
        let block = &func.item.block;
        quote!(#block).to_string()
    }

    #[test]
    fn a_struct_local_moved_out_of_becomes_its_fields() {
        let out = split(quote!({
            let p = Pair {
                name: String::from("a"),
                n: 7,
            };
            let name = p.name;
            yield_!(p.n);
            name
        }));
        // The fields in reverse, the mentions replaced.
        for part in [
            "let Pair { n : p_baozi_n , name : p_baozi_name } = Pair",
            "let name = p_baozi_name ;",
            "yield_ ! (p_baozi_n)",
        ] {
            assert!(out.contains(part), "{out}");
        }
    }

    #[test]
    fn a_mention_of_the_whole_keeps_the_struct() {
        // Moved whole, a method's receiver, in a closure, in a format
        // string, bound again.
        for after in [
            quote!(drop(p)),
            quote!(p.len()),
            quote!(let f = || p.n;),
            quote!(println!("{p:?}")),
            quote!(let p = 1;),
        ] {
            let body = quote!({
                let p = Pair { name: String::new(), n: 7 };
                let name = p.name;
                yield_!(0);
                #after
            });
            assert!(!split(body.clone()).contains("p_baozi_name"), "{body}");
        }
    }

    #[test]
    fn no_move_of_a_visibly_owned_field_keeps_the_struct() {
        // `p.n` may be a copy, `p.name.len()` borrows, `mk()` may be `Copy`,
        // `..base` hides fields, and without a yield nothing is stored.
        for body in [
            quote!({
                let p = Pair {
                    name: String::new(),
                    n: 7,
                };
                let n = p.n;
                yield_!(p.n);
                p.name.len()
            }),
            quote!({
                let p = Pair { name: mk(), n: 7 };
                let name = p.name;
                yield_!(p.n);
                name
            }),
            quote!({
                let p = Pair {
                    name: String::new(),
                    ..base()
                };
                let name = p.name;
                yield_!(p.n);
                name
            }),
            quote!({
                let p = Pair {
                    name: String::new(),
                    n: 7,
                };
                let name = p.name;
                p.n
            }),
        ] {
            assert!(!split(body.clone()).contains("p_baozi_name"), "{body}");
        }
    }
}
