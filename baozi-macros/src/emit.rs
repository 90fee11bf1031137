//! Emission: takes the [`GeneratorFn`], its [`Program`] and its [`Machine`]
//! and gives the final function.
//!
//! Inside the user's function, it declares
//! - `StateOf_<name><..>`: `Start` (the parameters), one variant per `yield_!`
//!   holding exactly the bindings stored there, `Done`, `Poisoned` and
//!   `Returned` (the return value, kept for `take_return`). Each
//!   stored binding is a type parameter, which rustc infers: no annotations.
//!   Fields are declared in reverse declaration order, so dropping a
//!   suspended generator drops its locals in the order Rust would.
//! - `__BaoziBlock<..>`: the blocks of the split body, which a resume moves
//!   between without leaving the step function.
//! - the step closure, which captures nothing, so everything a suspended
//!   generator owns is in its state. Its dispatch loop matches the block to
//!   run together with the state: a resume starts as `Resume`, and the
//!   state's variant picks the block that continues it, in the same match as
//!   the jumps between blocks (one dispatch per resume, and the arms stay in
//!   source order, the order rustc infers types in). That block moves the
//!   stored locals out (leaving `Poisoned`, so a panic poisons the
//!   generator). Blocks run until one suspends or completes. A block that
//!   one jump enters and no resume does is written where that jump is
//!   instead (see [`inlined_blocks`]): it has no variant and no arm.
//! - a block resumed from a suspension whose bindings are all in place or
//!   `Copy` (see `access`) moves nothing instead: it takes references to the
//!   state's fields under an `InPlace` guard, copies the `Copy` ones out, and
//!   fills the holes `split` left in its code (see [`Holes`]) so that
//!   suspending there again only writes the copies back.
//!
//! The function returns `StateMachine::new(Start { params }, step)` as
//! `impl Generator<R, Yield = Y, Return = T> + Unpin` (and `Iterator` when
//! `R = ()`). `Unpin` holds for every `StateMachine`; naming it lets the
//! generator's own body box itself as `dyn Generator + Unpin`, where the
//! hidden type cannot be looked into.

use proc_macro2::{Group, Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::visit_mut::VisitMut;
use syn::{FnArg, ReturnType, Type};

use crate::ir::{BindingId, Program, Reach, mentions};
use crate::names::Names;
use crate::parse::{Derive, Form, GeneratorFn};
use crate::split::{
    Hole, Machine, StoreTo, Suspend, dead_value, field_name, hole_of, owned_name, received_name,
};

/// The types the step closure is told about; `_` leaves one to inference.
pub struct Hints {
    pub yield_ty: TokenStream,
    pub return_ty: TokenStream,
    pub resume_ty: TokenStream,
    /// Whether the step closure is a `move` closure (a `move` block).
    pub is_move: bool,
}

/// The function: its signature returns `impl Generator`, its body is the
/// state machine.
pub fn emit_fn(func: &GeneratorFn, prog: &Program, m: &Machine, names: &Names) -> TokenStream {
    let Signature { sig, hints } = signature(func);
    let item = &func.item;
    let attrs = &item.attrs;
    let vis = &item.vis;
    let body = machine(func, prog, m, names, &hints);
    quote! {
        #(#attrs)*
        #vis #sig #body
    }
}

/// The signature of a generator function, and the types its body's step
/// closure is told about.
pub struct Signature {
    /// Returning `impl Generator<R, Yield = Y, Return = T>`.
    pub sig: syn::Signature,
    /// `R`, `Y` and `T` as the body can name them.
    pub hints: Hints,
}

/// The user's signature, returning `impl Generator<R, Yield = Y, Return = T>`
/// (and `Iterator<Item = Y>` when `R` is `()`, and the derived traits).
pub fn signature(func: &GeneratorFn) -> Signature {
    let item = &func.item;
    let krate = &func.krate;
    let mut sig = item.sig.clone();
    let fresh = name_elided_lifetimes(&mut sig);
    for lt in fresh.into_iter().rev() {
        sig.generics
            .params
            .insert(0, syn::GenericParam::Lifetime(syn::LifetimeParam::new(lt)));
    }
    let mut ret_ty: Type = match &item.sig.output {
        ReturnType::Default => syn::parse_quote!(()),
        ReturnType::Type(_, t) => (**t).clone(),
    };
    let mut yield_ty: Type = func
        .args
        .yield_ty
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(()));
    let mut resume_ty: Type = func
        .args
        .resume_ty
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(()));
    let hints = Hints {
        yield_ty: infer(&yield_ty),
        return_ty: infer(&ret_ty),
        resume_ty: infer(&resume_ty),
        is_move: false,
    };
    if let Some(target) = output_lifetime(&sig) {
        for ty in [&mut ret_ty, &mut yield_ty, &mut resume_ty] {
            FillElided {
                fill: &mut || target.clone(),
                skip_impl_trait: true,
            }
            .visit_type_mut(ty);
        }
    }
    let resume_is_unit = matches!(&resume_ty, Type::Tuple(t) if t.elems.is_empty());
    let iterator = resume_is_unit.then(|| quote!(+ ::core::iter::Iterator<Item = #yield_ty>));
    let lifetimes: Vec<&syn::Lifetime> = sig.generics.lifetimes().map(|l| &l.lifetime).collect();
    let captures = (!lifetimes.is_empty())
        .then(|| quote!(+ #krate::__private::Captures<(#(&#lifetimes (),)*)>));
    let traits = func.args.derives.iter().map(|d| match d {
        Derive::Clone => quote!(+ ::core::clone::Clone),
        Derive::Debug => quote!(+ ::core::fmt::Debug),
        Derive::PartialEq => quote!(+ ::core::cmp::PartialEq),
        Derive::Serialize => quote!(+ #krate::__private::serde::Serialize),
        Derive::Deserialize => quote!(+ #krate::Restore),
    });
    sig.output = if func.is_async {
        // `lower_async` made it a generator of `Poll`s, resumed by the task.
        syn::parse_quote! {
            -> impl #krate::Stream<Item = #yield_ty> + ::core::marker::Unpin #captures
        }
    } else {
        syn::parse_quote! {
            -> impl #krate::Generator<#resume_ty, Yield = #yield_ty, Return = #ret_ty> #iterator + ::core::marker::Unpin #(#traits)* #captures
        }
    };
    Signature { sig, hints }
}

/// The state machine, as a block expression of type `StateMachine<..>`.
pub fn machine(
    func: &GeneratorFn,
    prog: &Program,
    m: &Machine,
    names: &Names,
    hints: &Hints,
) -> TokenStream {
    let Names {
        state_enum,
        block_enum,
        state,
        cur,
        arg,
        value,
        dispatch,
        krate,
        ..
    } = names;
    // A binding's type, and what is stored for it where it is dead (its
    // type or `()`, see `split::dead_value`).
    // Type parameters are `(binding, dead)` pairs, in order.
    let param = |b: BindingId, dead: &[BindingId]| (b, dead.contains(&b));
    let param_ident = |&(b, dead): &(BindingId, bool)| {
        if dead {
            format_ident!("D{}", b)
        } else {
            format_ident!("T{}", b)
        }
    };
    let ty_param = |b: BindingId, dead: &[BindingId]| param_ident(&param(b, dead));
    let start = format_ident!("Start");

    // The state enum.
    let mut state_params: Vec<(BindingId, bool)> =
        prog.params.iter().map(|&b| param(b, &[])).collect();
    for s in &m.suspends {
        state_params.extend(s.fields.iter().map(|&b| param(b, &s.dead)));
    }
    state_params.sort_unstable();
    state_params.dedup();
    let return_param = format_ident!("TReturn");
    let state_generics: Vec<Ident> = state_params
        .iter()
        .map(param_ident)
        .chain([return_param.clone()])
        .collect();
    let decl_fields = |fields: &[BindingId], dead: &[BindingId]| -> TokenStream {
        fields
            .iter()
            .rev()
            .map(|&b| {
                let f = field_name(prog, b);
                let t = ty_param(b, dead);
                quote!(#f: #t,)
            })
            .collect()
    };
    let bind_fields = |fields: &[BindingId]| -> TokenStream {
        fields
            .iter()
            .map(|&b| {
                let f = field_name(prog, b);
                let r = received_name(b);
                quote!(#f: #r,)
            })
            .collect()
    };
    let start_decl = decl_fields(&prog.params, &[]);
    let suspend_decls = m.suspends.iter().map(|s| {
        let name = &s.name;
        let fields = decl_fields(&s.fields, &s.dead);
        quote!(#name { #fields },)
    });

    // The block enum. A resume enters its block through `Resume` (the entry
    // block, or the block after the `yield_!` the state is suspended at),
    // which takes its bindings from the state itself, so a resume moves them
    // at most once; other blocks receive theirs in their variant.
    // The variant a resumed block takes its bindings from.
    let taken_from = |i: usize| -> Option<(&Ident, &[BindingId])> {
        if i == m.entry {
            Some((&start, &prog.params))
        } else {
            m.suspends
                .iter()
                .find(|s| s.resume == i)
                .map(|s| (&s.name, &s.fields[..]))
        }
    };
    // For each block, the suspension whose state it works on in place. Not
    // a block that declares a binding without a value: a local of the
    // block, it would drop before the bindings left in the state, even if
    // declared first.
    let in_place: Vec<Option<usize>> = m
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            m.suspends
                .iter()
                .position(|s| s.resume == i)
                .filter(|&k| resumes_in_place(prog, &m.suspends[k]) && !b.declares_uninit)
        })
        .collect();
    let inlined = inlined_blocks(m, |i| taken_from(i).is_some());
    let mut block_params: Vec<TokenStream> = vec![quote!(R)];
    let mut seen: Vec<(BindingId, bool)> = Vec::new();
    let block_decls: Vec<TokenStream> = m
        .blocks
        .iter()
        .enumerate()
        .filter(|&(i, _)| taken_from(i).is_none() && !inlined[i])
        .map(|(i, b)| {
            seen.extend(b.entry.iter().map(|&f| param(f, &b.dead)));
            let name = &b.name;
            let fields = decl_fields(&b.entry, &b.dead);
            let value_field = b.has_value.then(|| {
                let v = format_ident!("V{}", i);
                block_params.push(quote!(#v));
                quote!(#value: #v,)
            });
            quote!(#name { #fields #value_field },)
        })
        .collect();
    seen.sort_unstable();
    seen.dedup();
    let block_generics = seen.iter().map(|p| {
        let t = param_ident(p);
        quote!(#t)
    });
    let block_generics: Vec<TokenStream> = block_generics.chain(block_params).collect();

    // One match on the block and the state: a resume's block is chosen by
    // the state's variant in the same dispatch as the jumps between blocks,
    // and the arms stay in source order, the order rustc infers types in.
    let block_arms = m.blocks.iter().enumerate().filter(|&(i, _)| !inlined[i]).map(|(i, b)| {
        let name = &b.name;
        let value_field = b.has_value.then(|| quote!(#value,));
        // The entry block drops the first resume's argument: no `yield_!`
        // waits for it. (Spanned at the macro, so lints about dropping a
        // `Copy` value stay quiet.)
        let first = &names.first;
        let (resume, drop_first_arg) = if i == m.entry {
            // Unless the body receives it (`resume = R as first`).
            let drop_first = func.args.first_resume.is_none().then(
                || quote_spanned!(Span::mixed_site()=> { let _first_argument = #first; }),
            );
            (
                quote!(#block_enum::Resume { #value: #first }),
                quote!(#drop_first),
            )
        } else {
            (quote!(#block_enum::Resume { #value_field }), quote!())
        };
        let code = Holes {
            prog,
            m,
            names,
            in_place: in_place[i],
            code: &b.code,
            inlined: &inlined,
        }
        .fill(b.code.clone());
        match (taken_from(i), in_place[i]) {
            (Some((variant, fields)), Some(_)) => {
                // Reach the stored bindings where they are: references to
                // the in-place ones, copies of the `Copy` ones.
                let bind: TokenStream = fields
                    .iter()
                    .map(|&b| {
                        let f = field_name(prog, b);
                        match prog.bindings[b].reach {
                            Reach::InPlace => {
                                let r = received_name(b);
                                quote!(#f: #r,)
                            }
                            _ => {
                                let r = written_back_name(prog, b);
                                quote!(#f: #r,)
                            }
                        }
                    })
                    .collect();
                let copies = fields
                    .iter()
                    .filter(|&&b| prog.bindings[b].reach != Reach::InPlace)
                    .map(|&b| {
                        // A type error (not `Copy` after all) points at the local.
                        let span = prog.bindings[b].ident.span();
                        let r = written_back_name(prog, b);
                        let f = received_name(b);
                        let krate = crate::parse::crate_at(krate, span);
                        quote_spanned!(span=> let #f = #krate::__private::copied(#r);)
                    });
                let guard = guard_name();
                quote! {
                    #[allow(unused_variables)]
                    (#resume, #state_enum::#variant { .. }) => {
                        // Poisons the state if the code below panics.
                        #[allow(unused_mut)]
                        let mut #guard = #krate::__private::InPlace { state: &mut *#state, returned: ::core::option::Option::None };
                        let #state_enum::#variant { #bind } = &mut *#guard.state else {
                            #krate::__private::impossible_state()
                        };
                        #(#copies)*
                        #code
                    }
                }
            }
            (Some((variant, fields)), None) => {
                let fields = bind_fields(fields);
                quote! {
                    #[allow(unused_variables)]
                    (#resume, #state_enum::#variant { .. }) => {
                        #drop_first_arg
                        // Take the state out: a panic from here on leaves it poisoned.
                        let #state_enum::#variant { #fields } = ::core::mem::replace(#state, #state_enum::Poisoned) else {
                            #krate::__private::impossible_state()
                        };
                        #code
                    }
                }
            }
            (None, _) => {
                let fields = bind_fields(&b.entry);
                quote! {
                    #[allow(unused_variables)]
                    (#block_enum::#name { #fields #value_field }, _) => #code
                }
            }
        }
    });

    // Constructing the start state from the parameters.
    let start_values: TokenStream = prog
        .params
        .iter()
        .zip(&func.params)
        .map(|(&b, param)| {
            let f = field_name(prog, b);
            if param.ident == "__baozi_self" {
                let this = Ident::new("self", param.ident.span());
                quote!(#f: #this,)
            } else {
                // The parameter's own name: the body may call it something else.
                let v = &param.ident;
                if prog.bindings[b].drop_flag {
                    quote!(#f: #krate::__private::DropFlag::new(#v),)
                } else {
                    quote!(#f: #v,)
                }
            }
        })
        .collect();

    // Traits of the suspended state.
    let derived: Vec<TokenStream> = func
        .args
        .derives
        .iter()
        .filter_map(|d| match d {
            Derive::Clone => Some(quote!(::core::clone::Clone)),
            Derive::PartialEq => Some(quote!(::core::cmp::PartialEq)),
            Derive::Serialize => Some(quote!(#krate::__private::serde::Serialize)),
            Derive::Deserialize => Some(quote!(#krate::__private::serde::Deserialize)),
            Derive::Debug => None,
        })
        .collect();
    let uses_serde = func
        .args
        .derives
        .iter()
        .any(|d| matches!(d, Derive::Serialize | Derive::Deserialize));
    let serde_attr = uses_serde.then(|| {
        let serde_path = format!("{}::__private::serde", quote!(#krate));
        quote! {
            #[serde(crate = #serde_path)]
        }
    });
    let require_serde = uses_serde.then(|| quote!(#krate::__require_serde!();));
    // A completed generator is saved as `Done` (see `StateMachine`'s
    // `Serialize`), without its return value.
    let ended_field_attr = uses_serde.then(|| quote!(#[serde(skip)]));
    let derive_attr = (!derived.is_empty()).then(|| quote!(#[derive(#(#derived),*)] #serde_attr));
    let debug_impl = func
        .args
        .derives
        .contains(&Derive::Debug)
        .then(|| debug_impl(func, prog, m, names, &state_generics));

    // How the state ends, for `StateMachine` and the `InPlace` guard.
    // Written once in baozi-core (`__state_enum_impl!`).
    let enum_params = &state_generics[..state_generics.len() - 1];
    let state_enum_impl = quote! {
        #krate::__state_enum_impl!(#state_enum<#(#enum_params),*> #return_param);
    };
    let items = &prog.items;
    // The traits that pick a dead local's storage (see `split::dead_value`).
    let has_dead = m.suspends.iter().any(|s| !s.dead.is_empty())
        || m.blocks.iter().any(|b| !b.dead.is_empty());
    let dead_traits = has_dead.then(|| {
        let (dead, dead_borrow) = (&names.dead_local, &names.dead_borrow);
        quote! {
            use #krate::__private::{
                EndsHereIfCopy as _, EndsHereIfMutRef as _, KeptBorrowOtherwise as _,
                KeptOtherwise as _, dead as #dead, dead_borrow as #dead_borrow,
            };
        }
    });
    // The traits that move a value out of a drop flag (see `flags`).
    let flag_traits = prog.bindings.iter().any(|b| b.drop_flag).then(|| {
        quote! {
            use #krate::__private::{MovedOut as _, MovedOutIfCopy as _};
        }
    });
    let Hints {
        yield_ty: yield_hint,
        return_ty: ret_hint,
        resume_ty: resume_hint,
        is_move,
    } = hints;
    let capture = is_move.then(|| quote!(move));
    // An async generator yields `Poll`s, and its step takes the task's
    // context for any lifetime (see `lower_async`).
    let (require_stream, constructor, yield_hint) = if func.is_async {
        (
            Some(quote!(#krate::__require_stream!();)),
            quote!(new_async),
            quote!(::core::task::Poll<#yield_hint>),
        )
    } else {
        (None, quote!(new::<#resume_hint>), yield_hint.clone())
    };
    // A `move` block's captures that its body assigns must be `mut`, as a
    // `move` closure's: borrowing each mutably fails where it is not, at the
    // user's token, and counts as the use that its `mut` is for.
    let mutable_captures = func
        .params
        .iter()
        .filter_map(|p| p.mutated_at.as_ref())
        .map(|at| quote_spanned!(at.span()=> let _ = &mut #at;));
    quote! {
        {
            #require_serde
            #(#mutable_captures)*
            #dead_traits
            #flag_traits
            #(#items)*
            #derive_attr
            #[allow(non_camel_case_types)]
            enum #state_enum<#(#state_generics),*> {
                #start { #start_decl },
                #(#suspend_decls)*
                Done,
                Poisoned,
                // A completed generator's return value, kept for `take_return`.
                #ended_field_attr
                Returned(#return_param),
            }
            #debug_impl
            #state_enum_impl
            #[allow(dead_code)]
            enum #block_enum<#(#block_generics),*> {
                #(#block_decls)*
                Resume { #value: R },
            }
            #require_stream
            #krate::__private::StateMachine::<_, _, #yield_hint, #ret_hint>::#constructor(
                #state_enum::#start { #start_values },
                #capture |#state, #arg| {
                    #[allow(unused_mut)]
                    let mut #cur = #block_enum::Resume { #value: #arg };
                    #dispatch: loop {
                        match (#cur, &*#state) {
                            #(#block_arms)*
                            _ => #krate::__private::impossible_state(),
                        }
                    }
                },
            )
        }
    }
}

/// Whether the code after suspension `s` can reach every binding stored
/// there without moving it out of the state.
fn resumes_in_place(prog: &Program, s: &Suspend) -> bool {
    s.fields
        .iter()
        .all(|&b| prog.bindings[b].reach != Reach::Moved)
}

/// The reference to where a `Copy` binding is stored, to write it back.
/// Spanned at the binding: errors about copying it point there.
fn written_back_name(prog: &Program, b: BindingId) -> Ident {
    Ident::new(&format!("__baozi_r{b}"), prog.bindings[b].ident.span())
}

/// Whether `code` has the identifier `ident`.
/// The `baozi_core::__private::InPlace` guard of a block that
/// works on its state in place.
fn guard_name() -> Ident {
    Ident::new("__baozi_guard", Span::mixed_site())
}

/// An in-place binding's value taken out of the state, to store elsewhere.
fn taken_name(b: BindingId) -> Ident {
    Ident::new(&format!("__baozi_m{b}"), Span::mixed_site())
}

/// The value of a dead binding, ended before the state is taken out.
fn ended_name(b: BindingId) -> Ident {
    Ident::new(&format!("__baozi_ended{b}"), Span::mixed_site())
}

/// Fills the holes `split` left in a block's code, for a block that works on
/// the state of suspension `in_place` in place (or on locals, for `None`).
///
/// An in-place binding is a reference named like the binding, to a field of
/// that state or to a local of its own (`__baozi_own{b}`). In place, storing
/// the same suspension's state again writes the copied bindings back and
/// leaves the rest where it is; storing anything else first takes the state
/// out (leaving `Poisoned`) and moves its in-place bindings on.
/// The blocks to write where the one jump to them is, rather than as an
/// arm of the dispatch loop: those that a resume does not enter (`resumed`)
/// and that one jump of the whole machine goes to, from where every binding
/// in scope is one the block receives (nothing drops at the jump). Fewer arms and variants
/// to type-check, and the optimiser sees straight code. None where a block
/// declares a binding without a value: the variants of the block enum tell
/// rustc that a binding has one type in every block, and such a binding
/// gets its type from that, where its assignment alone would leave a
/// coercion open (`current = next;` with `next: &Box<Node>`).
fn inlined_blocks(m: &Machine, resumed: impl Fn(usize) -> bool) -> Vec<bool> {
    // Jumps to each block; one that leaves a scope counts twice (its
    // target's code must run after the scope's locals drop).
    let mut jumps = vec![0usize; m.blocks.len()];
    if m.blocks.iter().any(|b| b.declares_uninit) {
        return vec![false; m.blocks.len()];
    }
    fn count(code: &TokenStream, m: &Machine, jumps: &mut [usize]) {
        for tt in code.clone() {
            match tt {
                TokenTree::Ident(i) => {
                    if let Some(Hole::Store {
                        to:
                            StoreTo::Block {
                                target,
                                ends_scopes,
                                ..
                            },
                        ..
                    }) = hole_of(&i).and_then(|n| m.holes.get(n))
                    {
                        jumps[*target] += 1 + usize::from(*ends_scopes);
                    }
                }
                TokenTree::Group(g) => count(&g.stream(), m, jumps),
                _ => {}
            }
        }
    }
    for b in &m.blocks {
        count(&b.code, m, &mut jumps);
    }
    (0..m.blocks.len())
        .map(|i| jumps[i] == 1 && !resumed(i) && !m.blocks[i].only_completes)
        .collect()
}

struct Holes<'a> {
    prog: &'a Program,
    m: &'a Machine,
    names: &'a Names,
    in_place: Option<usize>,
    /// The block's code, holes unfilled.
    code: &'a TokenStream,
    /// The blocks written where their one jump is (see [`inlined_blocks`]).
    inlined: &'a [bool],
}

impl Holes<'_> {
    fn fill(&self, code: TokenStream) -> TokenStream {
        code.into_iter()
            .map(|tt| match tt {
                TokenTree::Ident(i) => match hole_of(&i).and_then(|n| self.m.holes.get(n)) {
                    Some(hole) => self.fill(self.hole(hole)),
                    None => TokenTree::Ident(i).into(),
                },
                TokenTree::Group(g) => {
                    let mut filled = Group::new(g.delimiter(), self.fill(g.stream()));
                    filled.set_span(g.span());
                    TokenTree::Group(filled).into()
                }
                other => other.into(),
            })
            .collect()
    }

    /// Whether `b` is an in-place binding of the state the block works on.
    fn in_state(&self, b: BindingId) -> bool {
        self.in_place
            .is_some_and(|k| self.m.suspends[k].fields.contains(&b))
            && self.prog.bindings[b].reach == Reach::InPlace
    }

    fn hole(&self, hole: &Hole) -> TokenStream {
        let prog = self.prog;
        match *hole {
            Hole::Bind(b) => {
                let ident = &prog.bindings[b].ident;
                let received = received_name(b);
                if self.in_state(b) {
                    return quote!(let #ident = #received;);
                }
                let own = owned_name(b);
                quote!(let mut #own = #received; let #ident = &mut #own;)
            }
            Hole::Pass(b) => {
                if self.in_state(b) {
                    let ident = &prog.bindings[b].ident;
                    quote!(#ident)
                } else {
                    let own = owned_name(b);
                    quote!(#own)
                }
            }
            Hole::DeclareWithoutValue {
                ref bindings,
                ref code,
            } => {
                let used = bindings
                    .iter()
                    .any(|&b| mentions(self.code, &prog.bindings[b].ident));
                if used {
                    code.clone()
                } else {
                    TokenStream::new()
                }
            }
            Hole::Complete(ref ret) => {
                let Names {
                    state_enum, state, ..
                } = self.names;
                if self.in_place.is_some() {
                    let guard = guard_name();
                    quote_spanned!(ret.span()=> #guard.complete(#ret);)
                } else {
                    // Type errors about the return value point at it.
                    quote_spanned!(ret.span()=> *#state = #state_enum::Returned(#ret);)
                }
            }
            Hole::Store {
                ref to,
                ref fields,
                ref dead,
                ref ended,
                span,
            } => {
                let Names {
                    state_enum,
                    block_enum,
                    state,
                    cur,
                    krate,
                    ..
                } = self.names;
                let mut code = TokenStream::new();
                let guard = guard_name();
                // In place, the state is reached through the guard.
                let state = if self.in_place.is_some() {
                    quote!(#guard.state)
                } else {
                    quote!(#state)
                };
                if let Some(k) = self.in_place {
                    let suspend = &self.m.suspends[k];
                    if matches!(to, StoreTo::Suspend(j) if *j == k) {
                        for &b in &suspend.fields {
                            let binding = &prog.bindings[b];
                            // A `let` of the outermost scope runs once: without
                            // `mut`, the copy in the state is still its value.
                            let unchanged = binding.top_level && !binding.mutable;
                            if binding.reach == Reach::Copied && !unchanged {
                                let r = written_back_name(prog, b);
                                let ident = &prog.bindings[b].ident;
                                code.extend(quote!(*#r = #ident;));
                            }
                        }
                        code.extend(quote!(::core::mem::forget(#guard);));
                        return code;
                    }
                }
                // The dead values first, the last declared first: a borrow
                // they hold ends before what it borrows is moved.
                let (mut in_order, live): (Vec<BindingId>, Vec<BindingId>) =
                    fields.iter().partition(|b| dead.contains(b));
                in_order.reverse();
                in_order.extend(live);
                let mut value_exprs: Vec<TokenStream> = in_order
                    .iter()
                    .map(|&b| {
                        let binding = &prog.bindings[b];
                        if let Some(i) = ended.iter().position(|&e| e == b) {
                            let tuple = Ident::new(crate::split::ENDED, Span::mixed_site());
                            let i = syn::Index::from(i);
                            quote!(#tuple.#i)
                        } else if dead.contains(&b) {
                            let value = Ident::new(
                                &binding.ident.to_string(),
                                span.resolved_at(binding.ident.span()),
                            );
                            dead_value(prog, self.names, b, &value)
                        } else if self.in_state(b) {
                            let t = taken_name(b);
                            quote!(#t)
                        } else if binding.reach == Reach::InPlace {
                            let own = owned_name(b);
                            quote!(#own)
                        } else {
                            // Errors about the stored value ("use of moved
                            // value") point at `span`.
                            let value = Ident::new(
                                &binding.ident.to_string(),
                                span.resolved_at(binding.ident.span()),
                            );
                            quote!(#value)
                        }
                    })
                    .collect();
                // Worked on in place, the dead values are ended before the
                // state is taken out: a dead `&mut` into it (`let r = &mut
                // p;`) ends before `p` moves.
                if self.in_place.is_some() {
                    for (&b, value) in in_order.iter().zip(&mut value_exprs) {
                        if dead.contains(&b) && !ended.contains(&b) {
                            let ended = ended_name(b);
                            code.extend(quote!(let #ended = #value;));
                            *value = quote!(#ended);
                        }
                    }
                }
                if let Some(k) = self.in_place {
                    let suspend = &self.m.suspends[k];
                    let variant = &suspend.name;
                    let taken = suspend
                        .fields
                        .iter()
                        .filter(|&&b| self.in_state(b))
                        .map(|&b| {
                            let f = field_name(prog, b);
                            let t = taken_name(b);
                            quote!(#f: #t,)
                        });
                    code.extend(quote! {
                        let #state_enum::#variant { #(#taken)* .. } = ::core::mem::replace(#state, #state_enum::Poisoned) else {
                            #krate::__private::impossible_state()
                        };
                    });
                }
                let values: TokenStream = in_order
                    .iter()
                    .zip(&value_exprs)
                    .map(|(&b, value)| {
                        let field = field_name(prog, b);
                        quote!(#field: #value,)
                    })
                    .collect();
                code.extend(match to {
                    StoreTo::Suspend(j) => {
                        let name = &self.m.suspends[*j].name;
                        let forget = self
                            .in_place
                            .is_some()
                            .then(|| quote!(::core::mem::forget(#guard);));
                        quote!(*#state = #state_enum::#name { #values }; #forget)
                    }
                    StoreTo::Block { target, value, .. }
                        if self.m.blocks[*target].only_completes =>
                    {
                        let ret = Ident::new("__baozi_return", Span::mixed_site());
                        let complete = self.hole(&Hole::Complete(ret.clone()));
                        quote! {
                            let #ret = #value;
                            #complete
                            return #krate::GeneratorState::Complete(());
                        }
                    }
                    StoreTo::Block { target, value, .. } if self.inlined[*target] => {
                        // The block itself, receiving its bindings as its arm
                        // would. Worked on in place, the state was taken out
                        // above: the guard has nothing left to do.
                        let forget = self
                            .in_place
                            .is_some()
                            .then(|| quote!(::core::mem::forget(#guard);));
                        let received = in_order.iter().map(|&b| received_name(b));
                        let block = &self.m.blocks[*target];
                        let value = block.has_value.then(|| {
                            let name = &self.names.value;
                            quote!(let #name = #value;)
                        });
                        let inner = Holes {
                            in_place: None,
                            code: &block.code,
                            ..*self
                        };
                        let block_code = inner.fill(block.code.clone());
                        quote! {
                            #forget
                            #(let #received = #value_exprs;)*
                            #value
                            #block_code
                        }
                    }
                    StoreTo::Block { name, extra, .. } => {
                        quote!(#cur = #block_enum::#name { #values #extra };)
                    }
                });
                code
            }
        }
    }
}

/// `Debug` for the state: the generator's name, where it is suspended, and
/// the user's locals stored there, by name.
fn debug_impl(
    func: &GeneratorFn,
    prog: &Program,
    m: &Machine,
    names: &Names,
    generics: &[Ident],
) -> TokenStream {
    let state_enum = &names.state_enum;
    let gen_name = match func.form {
        Form::Block => "generator_block".to_owned(),
        Form::Function => func.item.sig.ident.to_string(),
    };
    let shown = |b: BindingId| {
        let binding = &prog.bindings[b];
        binding.name == "self" || !binding.ident.to_string().starts_with("__baozi_")
    };
    // Not the dead ones: the code after the point never sees them again.
    let fields = |fields: &[BindingId], dead: &[BindingId]| -> (TokenStream, TokenStream) {
        let shown = |b: &&BindingId| shown(**b) && !dead.contains(b);
        let pat = fields.iter().filter(shown).map(|&b| {
            let f = field_name(prog, b);
            quote!(#f,)
        });
        let show = fields.iter().filter(shown).map(|&b| {
            let f = field_name(prog, b);
            let name = &prog.bindings[b].name;
            quote!(.field(#name, #f))
        });
        (quote!(#(#pat)* ..), quote!(#(#show)*))
    };
    let (start_pat, start_show) = fields(&prog.params, &[]);
    let suspend_arms = m.suspends.iter().enumerate().map(|(i, s)| {
        let name = &s.name;
        let (pat, show) = fields(&s.fields, &s.dead);
        let line = quote_spanned!(s.span=> ::core::line!());
        quote! {
            Self::#name { #pat } => f
                .debug_struct(#gen_name)
                .field("at", &::core::format_args!("yield #{} (line {})", #i, #line))
                #show
                .finish(),
        }
    });
    let mut shown_params: Vec<Ident> = Vec::new();
    let dead_here = |s: &'_ Suspend, b: &BindingId| s.dead.contains(b);
    for b in prog.params.iter().chain(
        m.suspends
            .iter()
            .flat_map(|s| s.fields.iter().filter(move |b| !dead_here(s, b))),
    ) {
        let t = format_ident!("T{}", b);
        if shown(*b) && !shown_params.contains(&t) {
            shown_params.push(t);
        }
    }
    quote! {
        impl<#(#generics),*> ::core::fmt::Debug for #state_enum<#(#generics),*>
        where #(#shown_params: ::core::fmt::Debug,)*
        {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    Self::Start { #start_pat } => f
                        .debug_struct(#gen_name)
                        .field("at", &::core::format_args!("start"))
                        #start_show
                        .finish(),
                    #(#suspend_arms)*
                    Self::Done | Self::Returned(_) => f.debug_struct(#gen_name).field("at", &::core::format_args!("done")).finish(),
                    Self::Poisoned => f.debug_struct(#gen_name).field("at", &::core::format_args!("poisoned")).finish(),
                }
            }
        }
    }
}

/// A type for the turbofish that fixes the step closure's signature: `_`
/// where the type is an `impl Trait`, which a turbofish cannot name.
fn infer(t: &Type) -> TokenStream {
    let mentions_impl = quote!(#t)
        .into_iter()
        .any(|tt| matches!(tt, proc_macro2::TokenTree::Ident(i) if i == "impl"));
    if mentions_impl { quote!(_) } else { quote!(#t) }
}

/// The lifetime Rust's elision rules give to elided lifetimes of the output,
/// once every input lifetime has a name: the receiver's, or the only one.
fn output_lifetime(sig: &syn::Signature) -> Option<syn::Lifetime> {
    struct Collect(Vec<syn::Lifetime>);
    impl<'a> syn::visit::Visit<'a> for Collect {
        fn visit_lifetime(&mut self, l: &'a syn::Lifetime) {
            if !self.0.contains(l) {
                self.0.push(l.clone());
            }
        }
        fn visit_type_bare_fn(&mut self, _: &'a syn::TypeBareFn) {}
        fn visit_parenthesized_generic_arguments(
            &mut self,
            _: &'a syn::ParenthesizedGenericArguments,
        ) {
        }
    }
    let mut all = Collect(Vec::new());
    for input in &sig.inputs {
        match input {
            FnArg::Receiver(r) => {
                if let Some((_, Some(l))) = &r.reference {
                    return Some(l.clone());
                }
            }
            FnArg::Typed(t) => syn::visit::Visit::visit_type(&mut all, &t.ty),
        }
    }
    (all.0.len() == 1).then(|| all.0.remove(0))
}

/// Fills the elided lifetimes of a type (`&T`, `'_`) with `fill()`. Those
/// of `fn(&T)` and `Fn(&T)` are higher-ranked and stay elided; with
/// `skip_impl_trait`, so do those inside `impl Trait`.
struct FillElided<'f> {
    fill: &'f mut dyn FnMut() -> syn::Lifetime,
    skip_impl_trait: bool,
}

impl VisitMut for FillElided<'_> {
    fn visit_type_reference_mut(&mut self, r: &mut syn::TypeReference) {
        if r.lifetime.is_none() {
            r.lifetime = Some((self.fill)());
        }
        syn::visit_mut::visit_type_reference_mut(self, r);
    }
    fn visit_lifetime_mut(&mut self, l: &mut syn::Lifetime) {
        if l.ident == "_" {
            *l = (self.fill)();
        }
    }
    fn visit_type_bare_fn_mut(&mut self, _: &mut syn::TypeBareFn) {}
    fn visit_parenthesized_generic_arguments_mut(
        &mut self,
        _: &mut syn::ParenthesizedGenericArguments,
    ) {
    }
    fn visit_type_impl_trait_mut(&mut self, t: &mut syn::TypeImplTrait) {
        if !self.skip_impl_trait {
            syn::visit_mut::visit_type_impl_trait_mut(self, t);
        }
    }
}

/// Names the elided lifetimes of the parameters (`&T`, `'_`, `&self`), so
/// that an edition-2021 `impl Trait` return type can capture them.
fn name_elided_lifetimes(sig: &mut syn::Signature) -> Vec<syn::Lifetime> {
    let mut named: Vec<syn::Lifetime> = Vec::new();
    let mut fresh = || {
        let lt = syn::Lifetime::new(&format!("'__baozi_l{}", named.len()), Span::call_site());
        named.push(lt.clone());
        lt
    };
    for input in sig.inputs.iter_mut() {
        match input {
            FnArg::Receiver(r) => match &mut r.reference {
                Some((_, lt @ None)) => *lt = Some(fresh()),
                Some((_, Some(l))) if l.ident == "_" => *l = fresh(),
                _ => {}
            },
            FnArg::Typed(t) => FillElided {
                fill: &mut fresh,
                skip_impl_trait: false,
            }
            .visit_type_mut(&mut t.ty),
        }
    }
    named
}
