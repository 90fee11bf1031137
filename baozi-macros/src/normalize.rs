//! Normalisation: takes the validated function body and gives an
//! [`ir::Program`](crate::ir::Program).
//!
//! Every `yield_!` is brought to statement level, keeping Rust's left-to-right
//! evaluation order: operands evaluated before a yield are hoisted into
//! temporaries (scoped to their statement), `while`/`while let`/`for` become
//! `loop`s, and `&&`/`||` with a yield on the right become `if`s. Along the
//! way every identifier is resolved to the binding it names, so the `scope`
//! stage knows where each binding is mentioned and whether it may have been
//! moved.

use std::collections::{HashMap, HashSet};

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{BinOp, Expr, Pat, Token, UnOp};

use crate::ir::{
    Access, Arm, Binding, BindingId, Body, Borrow, Borrowing, Jump, Lender, Let, Pos, Program,
    Reach, Stmt, Value,
};
use crate::parse::{Form, GeneratorFn, Param};

/// Runs normalisation, declaring the bindings of `flagged` as drop flags
/// (the `flags` analysis decides them from a program normalised without).
/// Errors are collected, several at once.
pub fn normalize(
    func: &GeneratorFn,
    flagged: &HashSet<BindingId>,
) -> Result<Program, Vec<syn::Error>> {
    let first = Normalizer::run(func, HashMap::new(), HashSet::new(), flagged);
    // Every shadowed binding gets a name of its own.
    let renames: HashMap<BindingId, Ident> = first
        .shadowed
        .iter()
        .map(|&b| {
            let binding = &first.bindings[b];
            let name = format!("{}_baozi_shadowed{}", binding.name, b);
            (b, Ident::new(&name, binding.ident.span()))
        })
        .collect();
    let mut prog = first.finish()?;
    let reach = crate::access::classify(&prog);
    let in_place: HashSet<BindingId> = (0..reach.len())
        .filter(|&b| reach[b] == Reach::InPlace)
        .collect();
    if !renames.is_empty() || !in_place.is_empty() {
        // Again, with the new names, and in-place bindings' mentions
        // through their references.
        prog = Normalizer::run(func, renames, in_place, flagged).finish()?;
    }
    for (binding, reach) in prog.bindings.iter_mut().zip(reach) {
        binding.reach = reach;
    }
    Ok(prog)
}

/// A name a block uses as a value that it does not bind: a local of the
/// code around it (see `Normalizer::note_free`).
pub struct FreeVariable {
    pub ident: Ident,
    /// Whether some use visibly moves it (an operand, an argument, an
    /// initialiser, a `move` closure's capture): a closure would capture it
    /// by value.
    pub moved: bool,
}

/// The free names a block uses as values, in order of first use.
pub fn free_variables(func: &GeneratorFn) -> Vec<FreeVariable> {
    Normalizer::run(func, HashMap::new(), HashSet::new(), &HashSet::new()).free
}

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

/// `yield_from!(sub)` is Python's `yield from`: a loop that passes every
/// value `sub` yields out, every resume value in, and ends with the value
/// `sub` returns. `sub` starts with the resume type's `Default` value, as
/// Python starts it with `send(None)`. A `sub` that is not a generator but
/// iterable is delegated to through an adapter yielding its items (chosen by
/// autoref specialisation: see baozi-core's `delegate`).
fn desugar_yield_from(mac: &syn::Macro, krate: &syn::Path) -> syn::Result<Expr> {
    let sub: Expr = mac.parse_body()?;
    let span = mac.path.span();
    let hygienic = |name: &str, at: Span| Ident::new(name, at.resolved_at(Span::mixed_site()));
    let (operand, inner, resume, y, r) = (
        hygienic("__baozi_operand", span),
        hygienic("__baozi_sub", span),
        hygienic("__baozi_resume", span),
        hygienic("__baozi_y", span),
        hygienic("__baozi_r", span),
    );
    // The choice of what to delegate to is spanned at the operand, in one
    // hygiene context, so that its errors point there, not at the attribute.
    let at_sub = sub.span().resolved_at(Span::mixed_site());
    let delegate = {
        let krate = crate::parse::crate_at(krate, at_sub);
        let operand = hygienic("__baozi_operand", at_sub);
        let resume = hygienic("__baozi_resume", at_sub);
        quote_spanned! {at_sub=>
            (&&&#krate::__private::probe(&#operand)).delegation(&#resume).delegate(#operand)
        }
    };
    let krate = crate::parse::crate_at(krate, span);
    Ok(syn::parse_quote_spanned! {span=>
        {
            let #operand = #sub;
            let mut #resume = #krate::__private::first_resume();
            let mut #inner = {
                #[allow(unused_imports)]
                use #krate::__private::{ViaGenerator as _, ViaIterator as _, ViaNeither as _};
                #delegate
            };
            loop {
                match #krate::Generator::resume(&mut #inner, #resume) {
                    #krate::GeneratorState::Yielded(#y) => {
                        #resume = yield_!(#y);
                    }
                    #krate::GeneratorState::Complete(#r) => break #r,
                }
            }
        }
    })
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

fn block_has_yield(b: &syn::Block) -> bool {
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

/// Macros whose arguments are expressions taken by reference.
const FORMAT_MACROS: &[&str] = &[
    "println",
    "print",
    "eprintln",
    "eprint",
    "format",
    "format_args",
    "write",
    "writeln",
    "panic",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "unreachable",
    "todo",
    "unimplemented",
];

/// Whether a method call visibly consumes its receiver: std's methods that
/// take `self` (conversions, `Option`/`Result` combinators, iterator
/// adapters and consumers), by name and, where std uses one name both ways,
/// by arity (`Iterator::take(self, n)` but `Option::take(&mut self)`).
/// Anything else is taken to borrow it.
fn is_consuming_method(m: &syn::ExprMethodCall) -> bool {
    let name = m.method.to_string();
    name.starts_with("into")
        || name.starts_with("unwrap")
        || name.starts_with("expect")
        || (name == "take" && m.args.len() == 1)
        || matches!(
            name.as_str(),
            "collect"
                | "sum"
                | "product"
                | "count"
                | "fold"
                | "for_each"
                | "zip"
                | "chain"
                | "rev"
                | "enumerate"
                | "peekable"
                | "skip"
                | "step_by"
                | "map"
                | "filter"
                | "filter_map"
                | "flat_map"
                | "flatten"
                | "fuse"
                | "inspect"
                | "scan"
                | "take_while"
                | "skip_while"
                | "map_while"
                | "cycle"
                | "cloned"
                | "copied"
                | "partition"
                | "reduce"
                | "unzip"
                | "ok"
                | "err"
                | "ok_or"
                | "ok_or_else"
                | "and_then"
                | "map_err"
                | "unwrap_or_default"
        )
}

/// Whether a method call visibly takes its receiver by value: a consuming
/// method, or one of the integer and float methods that take `self`
/// (`x.n.min(..)`, `x.checked_add(..)`).
fn takes_receiver_by_value(m: &syn::ExprMethodCall) -> bool {
    let name = m.method.to_string();
    is_consuming_method(m)
        || ["checked_", "wrapping_", "saturating_", "overflowing_"]
            .iter()
            .any(|prefix| name.starts_with(prefix))
        || matches!(
            name.as_str(),
            "min"
                | "max"
                | "clamp"
                | "pow"
                | "powi"
                | "powf"
                | "abs"
                | "abs_diff"
                | "signum"
                | "rem_euclid"
                | "div_euclid"
                | "sqrt"
                | "count_ones"
                | "leading_zeros"
                | "trailing_zeros"
        )
}

/// Whether a method call visibly borrows its receiver: std's methods that
/// take `&self` or `&mut self` (`len`, `push`, `next`, ..., and those that
/// return a borrow of it, [`BORROWING_METHODS`]).
fn is_borrowing_method(m: &syn::ExprMethodCall) -> bool {
    let name = m.method.to_string();
    BORROWING_METHODS.contains(&name.as_str())
        || matches!(
            name.as_str(),
            "len"
                | "is_empty"
                | "push"
                | "push_str"
                | "push_back"
                | "push_front"
                | "pop"
                | "pop_back"
                | "pop_front"
                | "insert"
                | "remove"
                | "clear"
                | "extend"
                | "truncate"
                | "retain"
                | "sort"
                | "sort_by"
                | "sort_by_key"
                | "sort_unstable"
                | "dedup"
                | "reverse"
                | "contains"
                | "contains_key"
                | "entry"
                | "clone"
                | "to_string"
                | "to_owned"
                | "to_vec"
                | "starts_with"
                | "ends_with"
                | "find"
                | "eq"
                | "ne"
                | "cmp"
                | "partial_cmp"
                | "next"
                | "next_back"
                | "peek"
                | "set"
                | "replace"
                | "swap"
                | "send"
                | "resume"
                | "is_some"
                | "is_none"
                | "is_ok"
                | "is_err"
        )
        || (name == "take" && m.args.is_empty())
}

/// A loop or labelled block with a yield, which yield-free code may jump to.
struct JumpTarget {
    label: Option<String>,
    is_loop: bool,
    start: Pos,
    end: Pos,
}

/// What an expression borrows, where, and how (see [`Borrow`]).
type Borrowed = (Lender, Span, Borrowing);

/// The root of a place read after a later operand's yield.
struct Deferred {
    /// The name the code says (the binding's emitted name).
    emitted: String,
    /// The name the source says, to check it still names the binding.
    source: String,
    id: BindingId,
}

#[derive(Default)]
struct Normalizer {
    /// New names for shadowed bindings (second pass only).
    renames: HashMap<BindingId, Ident>,
    /// Bindings that a later binding of the same name shadows.
    shadowed: Vec<BindingId>,
    bindings: Vec<Binding>,
    loops: Vec<(Pos, Pos)>,
    borrows: Vec<Borrow>,
    /// Names visible here: `Some` for tracked bindings, `None` for bindings
    /// of yield-free code that shadow them.
    scopes: Vec<Vec<(String, Option<BindingId>)>>,
    pos: Pos,
    temps: usize,
    items: Vec<syn::Stmt>,
    errors: Vec<syn::Error>,
    /// Depth of `move` closures around the code being resolved.
    move_closures: usize,
    /// Depth of branches, loop bodies and closures of yield-free code
    /// around the code being resolved.
    conditional: usize,
    /// See [`Program::regions`]; the indices of those open, innermost last.
    regions: Vec<(Pos, Pos)>,
    open_regions: Vec<usize>,
    /// Per branch of yield-free code being resolved (innermost last), at
    /// its depth of `conditional`: the bindings a plain assignment at its
    /// top level gives a value, so that an `if`/`match` that assigns one in
    /// every branch is recorded as assigning it (see `assigned_in_every_branch`).
    branch_assignments: Vec<(usize, Vec<BindingId>)>,
    barriers: Vec<Pos>,
    bodies: Vec<(Pos, Pos)>,
    diverges: Vec<(Pos, Pos)>,
    exits: Vec<Pos>,
    /// Loops and labelled blocks with a yield, in order of their start.
    targets: Vec<JumpTarget>,
    /// Indices into `targets` of those around the code being normalised.
    open_targets: Vec<usize>,
    /// Jumps out of yield-free code: position, index into `targets`,
    /// whether it is a `continue`.
    jumps: Vec<(Pos, usize, bool)>,
    /// Loops and labelled blocks of the yield-free code being resolved
    /// (label, is a loop): jumps to them stay inside it.
    plain_targets: Vec<(Option<String>, bool)>,
    /// Depth of closures and async blocks around the code being resolved
    /// (their jumps stay inside them).
    closures: usize,
    leaves: Vec<Pos>,
    /// Bindings accessed through a reference (second pass only): their
    /// mentions become `(*name)`.
    in_place: HashSet<BindingId>,
    /// Bindings declared as a drop flag (see `flags`): their mentions go
    /// through it.
    flagged: HashSet<BindingId>,
    /// The path to baozi-core (`None` only in `Default`, before `run` sets it).
    krate: Option<syn::Path>,
    /// Whether the generator yields `()` because it names no yield type (a
    /// function without `yield = T`): a yielded value then goes through
    /// `unit_yield`, whose error says to add `yield = T`.
    unit_yield: bool,
    /// The `macro_rules!` defined in the body, with the identifiers of
    /// their definitions: an invocation may use the locals they name.
    local_macros: Vec<(String, Vec<String>)>,
    params: Vec<BindingId>,
    body_result: Option<Body>,
    /// Free names used as values, in order of first use.
    free: Vec<FreeVariable>,
    /// Roots of places read after a later operand's yield: their emitted
    /// name and binding.
    deferred: Vec<Deferred>,
}

use crate::ir::Usage as Use;

impl Normalizer {
    fn krate(&self) -> &syn::Path {
        self.krate.as_ref().expect("set by `run`")
    }

    /// A yielded value, checked to be `()` where the generator names no
    /// yield type.
    fn yielded(&self, value: Expr) -> Expr {
        if !self.unit_yield {
            return value;
        }
        let span = value.span();
        let krate = crate::parse::crate_at(self.krate(), span);
        syn::parse_quote_spanned!(span=> #krate::__private::unit_yield(#value))
    }

    fn run(
        func: &GeneratorFn,
        renames: HashMap<BindingId, Ident>,
        in_place: HashSet<BindingId>,
        flagged: &HashSet<BindingId>,
    ) -> Normalizer {
        let mut n = Normalizer {
            renames,
            in_place,
            flagged: flagged.clone(),
            krate: Some(func.krate.clone()),
            unit_yield: func.form == Form::Function && func.args.yield_ty.is_none(),
            local_macros: Vec::new(),
            ..Normalizer::default()
        };
        n.scopes.push(Vec::new());
        let mut prelude = Vec::new();
        for Param {
            ident,
            mutable,
            destructure,
            owned,
            copy,
            reference,
            ..
        } in &func.params
        {
            let id = n.declare(ident.clone(), *mutable);
            n.bindings[id].owned = *owned;
            n.bindings[id].copy_hint = *copy;
            n.bindings[id].reference = *reference;
            n.bindings[id].simple = *ident != "__baozi_self";
            if *ident == "__baozi_self" {
                // The body says `self`; the state machine says `__baozi_self`.
                n.scopes[0].last_mut().expect("just declared").0 = "self".into();
                n.bindings[id].name = "self".into();
            }
            n.params.push(id);
            if let Some(pat) = destructure {
                let stmt: syn::Stmt = syn::parse_quote!(let #pat = #ident;);
                prelude.push(stmt);
            }
        }
        // The first resume's argument, received (`resume = R as first`): a
        // binding of the block the first resume runs, moved into the user's
        // pattern before the body.
        if let Some(pat) = &func.args.first_resume {
            let first = crate::names::Names::first();
            n.declare(first.clone(), false);
            prelude.push(syn::parse_quote!(let #pat = #first;));
        }
        let mut stmts = prelude;
        stmts.extend(func.item.block.stmts.iter().cloned());
        n.body_result = Some(n.body(&stmts, false));
        n
    }

    fn finish(self) -> Result<Program, Vec<syn::Error>> {
        if !self.errors.is_empty() {
            return Err(self.errors);
        }
        let jumps = self
            .jumps
            .iter()
            .map(|&(at, t, continues)| Jump {
                at,
                target: (self.targets[t].start, self.targets[t].end),
                continues,
            })
            .collect();
        Ok(Program {
            bindings: self.bindings,
            barriers: self.barriers,
            bodies: self.bodies,
            diverges: self.diverges,
            exits: self.exits,
            jumps,
            leaves: self.leaves,
            loops: self.loops,
            regions: self.regions,
            borrows: self.borrows,
            params: self.params,
            items: self.items,
            body: self.body_result.expect("the body was normalised"),
        })
    }

    fn tick(&mut self) -> Pos {
        self.pos += 1;
        self.pos
    }

    fn declare(&mut self, ident: Ident, mutable: bool) -> BindingId {
        let id = self.bindings.len();
        let declared_at = self.tick();
        let name = ident.to_string();
        let name = name.strip_prefix("r#").unwrap_or(&name).to_owned();
        if let Some(older) = self.lookup(&ident.to_string()) {
            self.shadowed.push(older);
        }
        let emitted = self
            .renames
            .get(&id)
            .cloned()
            .unwrap_or_else(|| ident.clone());
        self.scopes
            .last_mut()
            .expect("a scope is open")
            .push((ident.to_string(), Some(id)));
        self.bindings.push(Binding {
            ident: emitted,
            name,
            // A drop flag changes as the value moves out.
            mutable: mutable || self.flagged.contains(&id),
            declared_at,
            owned: false,
            deferred: None,
            accesses: Vec::new(),
            // The parameters' scope and the body's outermost one.
            top_level: self.scopes.len() <= 2,
            simple: false,
            ty: None,
            copy_hint: false,
            reference: false,
            closure: false,
            partly_moved: false,
            field_used_by_value: false,
            captured: false,
            drop_flag: self.flagged.contains(&id),
            reach: crate::ir::Reach::Moved,
        });
        id
    }

    /// A name bound nowhere in the body, used as a value: a local of the
    /// code around a `generator_block!`, which a `move` block captures.
    fn note_free(&mut self, name: &str, usage: Use) {
        let bound = self.scopes.iter().flatten().any(|(n, _)| n == name);
        let lowercase = name.starts_with(|c: char| c.is_lowercase() || c == '_') || name == "self";
        if bound || !lowercase || usage == Use::Callee {
            return;
        }
        let moved = usage == Use::Move || self.move_closures > 0;
        match self.free.iter_mut().find(|f| f.ident == name) {
            Some(seen) => seen.moved |= moved,
            None => self.free.push(FreeVariable {
                ident: Ident::new(name, Span::call_site()),
                moved,
            }),
        }
    }

    fn lookup(&self, name: &str) -> Option<BindingId> {
        self.scopes
            .iter()
            .rev()
            .flat_map(|s| s.iter().rev())
            .find(|(n, _)| n == name)
            .and_then(|(_, id)| *id)
    }

    /// What `e` borrows, if it visibly borrows a local of the generator
    /// (`&x`, an owning local by `v.iter()` or `&v[..]`, or a borrower it
    /// moves or adapts) or a temporary that lives as long as the binding it
    /// initialises (`&mut 0`, `&make()`).
    fn borrowed_owner(&self, e: &Expr) -> Option<Borrowed> {
        if let Some(root) = borrowed_place_root(e)
            && let Some(id) = self.lookup(&root.to_string())
        {
            let how = match e {
                Expr::Reference(_) => Borrowing::Reference,
                _ if calls_guard_method(e) => Borrowing::Guard,
                _ => Borrowing::Method {
                    of_text: calls_text_method(e),
                },
            };
            // `&x` borrows the local `x` whatever its type; `&x[..]` or
            // `x.iter()` may go through a reference `x` holds.
            let of_local = matches!(e, Expr::Reference(r) if is_bare_path(&r.expr));
            if of_local || self.bindings[id].owned {
                let lender = Lender::Local(id);
                return Some((lender, e.span(), how));
            }
        }
        if let Expr::Reference(r) = e
            && borrows_a_temporary(r)
        {
            return Some((Lender::Temporary, e.span(), Borrowing::Reference));
        }
        if let Some(borrowed) = self.closure_borrow(e) {
            return Some(borrowed);
        }
        // Moving or adapting a borrower (`for c in chars`, `chars.rev()`)
        // keeps its borrow.
        let id = self.lookup(&chain_root(e)?.to_string())?;
        let inherited = self.borrows.iter().find(|b| b.borrower == id)?;
        Some((inherited.lender, inherited.span, inherited.how))
    }

    /// A closure in `e` that is not `move` and names a local of the generator
    /// whole (`v.into_iter().filter(|x| *x > limit)`): it captures the local
    /// by reference, which the value keeps. Not a local that is visibly a
    /// reference, and not one named only through a field, a dereference or
    /// a method (`self.limit`, `*r`): the closure may capture the place behind
    /// a reference, which is no borrow of the generator's own.
    fn closure_borrow(&self, e: &Expr) -> Option<Borrowed> {
        struct Closures<'n> {
            normalizer: &'n Normalizer,
            found: Option<Borrowed>,
        }
        impl<'a> Visit<'a> for Closures<'_> {
            fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
                if c.capture.is_some() || self.found.is_some() {
                    return;
                }
                let mut names = WholeNames::default();
                // Its parameters are bound, not captured.
                c.inputs.iter().for_each(|p| names.visit_pat(p));
                names.visit_expr(&c.body);
                let n = self.normalizer;
                self.found = names
                    .whole
                    .iter()
                    .filter(|(name, _)| !names.other.contains(name))
                    .find_map(|(name, span)| {
                        let id = n.lookup(name)?;
                        (!n.bindings[id].reference).then_some((
                            Lender::Local(id),
                            *span,
                            Borrowing::Closure,
                        ))
                    });
            }
        }
        /// The names a closure's body borrows whole (compared, `&x`), and
        /// those it uses otherwise (by value, which may move it into the
        /// closure; as a field's base, dereferenced or a receiver, which may
        /// go through a reference; bound).
        #[derive(Default)]
        struct WholeNames {
            whole: Vec<(String, Span)>,
            other: Vec<String>,
        }
        impl WholeNames {
            fn note(&mut self, e: &Expr, borrowed: bool) {
                if let Expr::Path(p) = e
                    && let Some(name) = plain_name(p)
                {
                    if borrowed {
                        self.whole.push((name.to_string(), name.span()));
                    } else {
                        self.other.push(name.to_string());
                    }
                }
            }
        }
        impl<'a> Visit<'a> for WholeNames {
            fn visit_expr(&mut self, e: &'a Expr) {
                let borrowed: Vec<&Expr> = match e {
                    Expr::Binary(b) if is_comparison(&b.op) => vec![&b.left, &b.right],
                    Expr::Reference(r) => vec![&r.expr],
                    Expr::Path(_) => return self.note(e, false),
                    _ => return syn::visit::visit_expr(self, e),
                };
                for operand in borrowed {
                    match operand {
                        Expr::Path(_) => self.note(operand, true),
                        _ => self.visit_expr(operand),
                    }
                }
            }
            fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
                self.other.push(p.ident.to_string());
            }
            fn visit_macro(&mut self, _: &'a syn::Macro) {}
        }
        let mut closures = Closures {
            normalizer: self,
            found: None,
        };
        closures.visit_expr(e);
        closures.found
    }

    /// Records what the bindings of a `let` own or borrow.
    fn note_init(&mut self, init: &Expr, bindings: &[BindingId], borrowed: Option<Borrowed>) {
        let owned = is_owning_expr(init);
        for &b in bindings {
            self.bindings[b].owned = owned;
            if let Some(borrowed) = borrowed {
                self.note_borrow(b, borrowed);
            }
        }
    }

    fn note_borrow(&mut self, borrower: BindingId, (lender, span, how): Borrowed) {
        self.borrows.push(Borrow {
            borrower,
            lender,
            span,
            how,
        });
    }

    /// A binding of yield-free code, which shadows a tracked binding of the
    /// same name: that one gets a name of its own too, as a jump out of this
    /// code may store it by name (`while let Some(a) = .. { break 'b; }`
    /// stores the outer `a`).
    fn shadow(&mut self, name: String) {
        if let Some(older) = self.lookup(&name)
            && !self.shadowed.contains(&older)
        {
            self.shadowed.push(older);
        }
        self.scopes
            .last_mut()
            .expect("a scope is open")
            .push((name, None));
    }

    /// Records a mention of `name`; returns its new name if it is renamed.
    fn mention(&mut self, name: &str, usage: Use) -> Option<Ident> {
        self.mention_binding(name, usage).and_then(|id| {
            self.renames
                .contains_key(&id)
                .then(|| self.bindings[id].ident.clone())
        })
    }

    /// Records a mention of `name`; returns the binding it names, if tracked.
    fn mention_binding(&mut self, name: &str, usage: Use) -> Option<BindingId> {
        let Some(id) = self.lookup(name) else {
            self.note_free(name, usage);
            return None;
        };
        let pos = self.tick();
        let usage = if self.move_closures > 0 {
            Use::Move
        } else {
            usage
        };
        self.bindings[id].captured |= self.closures > 0;
        // A drop flag is never moved out, only what it holds.
        let usage = match usage {
            Use::Move | Use::Scrutinee if self.flagged.contains(&id) => Use::Place,
            usage => usage,
        };
        self.access(id, pos, usage);
        Some(id)
    }

    fn access(&mut self, id: BindingId, pos: Pos, usage: Use) {
        let conditional = self.conditional > 0;
        self.bindings[id].accesses.push(Access {
            pos,
            usage,
            conditional,
            region: self.open_regions.last().copied(),
            unknown_method: false,
        });
        if usage == Use::Assign
            && let Some((depth, assigned)) = self.branch_assignments.last_mut()
            && *depth == self.conditional
        {
            assigned.push(id);
        }
    }

    /// Resolves one branch of a yield-free `if` or `match` (with
    /// `conditionally`); gives the bindings it assigns on every path through
    /// it (`None` when it always leaves: then it assigns any).
    fn branch(&mut self, diverges: bool, f: impl FnOnce(&mut Self)) -> Option<Vec<BindingId>> {
        self.branch_assignments
            .push((self.conditional + 1, Vec::new()));
        self.conditionally(f);
        let (_, assigned) = self.branch_assignments.pop().expect("pushed above");
        (!diverges).then_some(assigned)
    }

    /// After a yield-free `if` with an `else`, or a `match`: records that
    /// it assigns each binding that every branch assigns (`let a; if c { a =
    /// 1 } else { a = 2 }` gives `a` a value), as one assignment after it.
    fn assigned_in_every_branch(&mut self, branches: Vec<Option<Vec<BindingId>>>) {
        let mut branches = branches.into_iter().flatten();
        let Some(first) = branches.next() else {
            return;
        };
        let rest: Vec<Vec<BindingId>> = branches.collect();
        let mut every: Vec<BindingId> = first
            .into_iter()
            .filter(|b| rest.iter().all(|r| r.contains(b)))
            .collect();
        every.sort_unstable();
        every.dedup();
        for b in every {
            let pos = self.tick();
            self.access(b, pos, Use::Assign);
        }
    }

    /// Runs `f` on code that may not run when its statement does.
    fn conditionally<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        self.conditional += 1;
        let region = self.regions.len();
        self.regions.push((self.pos, self.pos));
        self.open_regions.push(region);
        let r = f(self);
        self.open_regions.pop();
        self.regions[region].1 = self.pos;
        self.conditional -= 1;
        r
    }

    /// Ends straight-line code here.
    fn barrier(&mut self) -> Pos {
        let pos = self.tick();
        self.barriers.push(pos);
        pos
    }

    /// A `return`, `break` or `continue` statement was just normalised.
    fn exit(&mut self) {
        let pos = self.tick();
        self.exits.push(pos);
    }

    /// A loop or labelled block with a yield starts after `start`.
    fn open_target(&mut self, label: Option<&syn::Lifetime>, is_loop: bool, start: Pos) {
        self.open_targets.push(self.targets.len());
        self.targets.push(JumpTarget {
            label: label.map(|l| l.ident.to_string()),
            is_loop,
            start,
            end: start,
        });
    }

    /// The innermost open target ends at `end`.
    fn close_target(&mut self, end: Pos) {
        let t = self.open_targets.pop().expect("an open target");
        self.targets[t].end = end;
    }

    /// Records a `break` or `continue` (with `label`) that leaves yield-free
    /// code for a loop or labelled block with a yield.
    fn note_jump(&mut self, label: Option<&syn::Lifetime>, continues: bool) {
        if self.closures > 0 {
            return;
        }
        let target = match label {
            Some(l) => {
                let name = l.ident.to_string();
                if self
                    .plain_targets
                    .iter()
                    .any(|(pl, _)| pl.as_deref() == Some(&name))
                {
                    return;
                }
                self.open_targets
                    .iter()
                    .rev()
                    .find(|&&t| self.targets[t].label.as_deref() == Some(&name))
            }
            None => {
                if self.plain_targets.iter().any(|(_, is_loop)| *is_loop) {
                    return;
                }
                self.open_targets
                    .iter()
                    .rev()
                    .find(|&&t| self.targets[t].is_loop)
            }
        };
        if let Some(&t) = target {
            let at = self.tick();
            self.jumps.push((at, t, continues));
        }
    }

    /// Resolves yield-free code inside a loop or labelled block of its own.
    fn in_plain_target(
        &mut self,
        label: Option<&syn::Label>,
        is_loop: bool,
        f: impl FnOnce(&mut Self),
    ) {
        self.plain_targets
            .push((label.map(|l| l.name.ident.to_string()), is_loop));
        f(self);
        self.plain_targets.pop();
    }

    /// A fresh hidden temporary, declared in the current scope.
    fn temp(&mut self, span: Span, mutable: bool) -> (BindingId, Ident) {
        self.temps += 1;
        let ident = Ident::new(
            &format!("__baozi_tmp{}", self.temps),
            span.resolved_at(Span::mixed_site()),
        );
        let id = self.declare(ident.clone(), mutable);
        self.bindings[id].name = format!("tmp{}", self.temps);
        (id, ident)
    }

    fn error(&mut self, span: Span, msg: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, msg));
    }

    // ---- bodies and statements -------------------------------------------

    fn body(&mut self, stmts: &[syn::Stmt], is_unsafe: bool) -> Body {
        let start = self.barrier();
        self.scopes.push(Vec::new());
        let mut out = Vec::new();
        let mut tail = None;
        for (i, stmt) in stmts.iter().enumerate() {
            let last = i + 1 == stmts.len();
            match stmt {
                syn::Stmt::Expr(e, None) if last => {
                    tail = Some(self.value(e));
                    // A tail `break`, `return`...: nothing after it runs.
                    if matches!(tail, Some(Value::Expr(_))) && always_leaves(stmt) {
                        let at = self.barrier();
                        self.leaves.push(at);
                    }
                }
                _ => self.stmt(stmt, &mut out),
            }
        }
        self.scopes.pop();
        let end = self.barrier();
        self.bodies.push((start, end));
        Body {
            start,
            end,
            stmts: out,
            tail,
            is_unsafe,
        }
    }

    /// The body just normalised is a block without a label: its code runs
    /// whenever the code around it does, in order, like that code.
    fn transparent_body(&mut self) {
        self.bodies.pop();
    }

    fn block_body(&mut self, block: &syn::Block) -> Body {
        self.body(&block.stmts, false)
    }

    fn stmt(&mut self, stmt: &syn::Stmt, out: &mut Vec<Stmt>) {
        match stmt {
            // `macro_rules!` stays in place: its body sees the locals in scope.
            syn::Stmt::Item(syn::Item::Macro(m)) if m.mac.path.is_ident("macro_rules") => {
                let mut m = m.clone();
                // Each block that continues its scope has a copy; some copies go unused.
                m.attrs.push(syn::parse_quote!(#[allow(unused_macros)]));
                m.mac.tokens = self.resolve_tokens(m.mac.tokens.clone());
                if let Some(name) = &m.ident {
                    let mut idents = Vec::new();
                    token_idents(m.mac.tokens.clone(), &mut idents);
                    self.local_macros.push((name.to_string(), idents));
                }
                out.push(Stmt::Plain(Box::new(syn::Stmt::Item(syn::Item::Macro(m)))));
            }
            syn::Stmt::Item(_) => self.items.push(stmt.clone()),
            syn::Stmt::Local(local) => {
                let borrowed = local
                    .init
                    .as_ref()
                    .and_then(|init| self.borrowed_owner(&init.expr));
                let simple = simple_ident(&local.pat);
                let init_start = self.pos;
                let init = local.init.as_ref().map(|init| {
                    if simple.is_some() || expr_has_yield(&init.expr) {
                        self.value(&init.expr)
                    } else if binds_nothing(&local.pat) {
                        // `let _ = x;` does not move `x`: it stays to the end
                        // of its scope.
                        Value::Expr(self.resolved(&init.expr, Use::Place))
                    } else {
                        Value::Expr(self.resolved(&init.expr, Use::Scrutinee))
                    }
                });
                let diverge = local
                    .init
                    .as_ref()
                    .and_then(|init| init.diverge.as_ref())
                    .map(|(_, e)| match &**e {
                        Expr::Block(b) => self.block_body(&b.block),
                        other => self.body(&[syn::Stmt::Expr(other.clone(), None)], false),
                    });
                if diverge.is_some() {
                    let extent = *self.bodies.last().expect("the `else` body was recorded");
                    self.diverges.push(extent);
                }
                let mut pat = local.pat.clone();
                let bindings = self.declare_pat(&mut pat);
                if let (None, Some(init)) = (simple, &local.init) {
                    self.note_borrowing_pattern(&init.expr, &local.pat, &bindings);
                }
                let init_moves = moves_since(&self.bindings, init_start);
                let init_is_closure = local
                    .init
                    .as_ref()
                    .is_some_and(|i| matches!(&*i.expr, Expr::Closure(_)));
                if let (Some(ty), [b]) = (simple, &bindings[..]) {
                    let binding = &mut self.bindings[*b];
                    binding.simple = true;
                    binding.ty = ty.cloned();
                    binding.reference = ty.is_some_and(|t| matches!(t, syn::Type::Reference(_)))
                        || local.init.as_ref().is_some_and(|i| {
                            matches!(&*i.expr, Expr::Reference(_))
                                || matches!(&*i.expr, Expr::Closure(c) if c.capture.is_none())
                                    && !init_moves
                        });
                    binding.closure = init_is_closure;
                    // A literal, or a shared reference (`let r = &x;`).
                    binding.copy_hint = ty.is_some_and(crate::parse::is_copy_type)
                        || local.init.as_ref().is_some_and(|i| {
                            is_literal(&i.expr)
                                || matches!(&*i.expr, Expr::Reference(r) if r.mutability.is_none())
                        });
                }
                match &local.init {
                    Some(init) => self.note_init(&init.expr, &bindings, borrowed),
                    None => {
                        for &b in &bindings {
                            self.bindings[b].deferred = Some(local.let_token.span);
                        }
                    }
                }
                let (pat, init) = match (&bindings[..], init) {
                    (&[b], init) if self.flagged.contains(&b) => {
                        self.drop_flag(b, &local.pat, init)
                    }
                    (_, init) => (pat, init),
                };
                out.push(Stmt::Let(Let {
                    pat,
                    init,
                    diverge,
                    bindings,
                }));
            }
            syn::Stmt::Macro(m) if is_yield_from(&m.mac) => {
                match desugar_yield_from(&m.mac, self.krate()) {
                    Ok(e) => self.stmt(&syn::Stmt::Expr(e, Some(Default::default())), out),
                    Err(err) => self.errors.push(err),
                }
            }
            syn::Stmt::Macro(m) if is_yield(&m.mac) => {
                let v = self.value(&Expr::Macro(syn::ExprMacro {
                    attrs: m.attrs.clone(),
                    mac: m.mac.clone(),
                }));
                out.push(Stmt::Value(v));
            }
            syn::Stmt::Expr(e, semi) if expr_has_yield(e) => {
                let v = self.value(e);
                match (v, semi) {
                    // `expr;` where the expression is yield-free after hoisting.
                    (Value::Expr(e), Some(semi)) => {
                        out.push(Stmt::Plain(Box::new(syn::Stmt::Expr(e, Some(*semi)))))
                    }
                    (v, _) => out.push(Stmt::Value(v)),
                }
            }
            _ => {
                let mut stmt = stmt.clone();
                if stmt_has_cfg(&stmt) {
                    // Kept or removed by rustc, after the macro: what it does
                    // happens on some configurations only, as in a branch.
                    self.conditionally(|n| n.resolve_stmt(&mut stmt));
                } else {
                    self.resolve_stmt(&mut stmt);
                }
                let leaves = always_leaves(&stmt);
                let jumps = matches!(
                    stmt,
                    syn::Stmt::Expr(Expr::Return(_) | Expr::Break(_) | Expr::Continue(_), _)
                );
                out.push(Stmt::Plain(Box::new(stmt)));
                if leaves {
                    self.barrier();
                    self.leaves.push(self.pos);
                }
                if jumps {
                    self.exit();
                }
            }
        }
    }

    /// Declares the tracked bindings of a pattern (after its initialiser),
    /// renaming those that are renamed.
    /// The declaration of binding `b` as a drop flag: `let x: T = e;`
    /// becomes `let mut x = DropFlag::<T>::new(e);`, `let x;` becomes `let
    /// mut x = DropFlag::empty();`. (Only a plain `let` with a yield-free
    /// initialiser or none is given one, see `flags`.)
    fn drop_flag(&mut self, b: BindingId, pat: &Pat, init: Option<Value>) -> (Pat, Option<Value>) {
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
    fn flagged_receiver_in_args(&self, m: &syn::ExprMethodCall) -> bool {
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

    fn flagged_target(&self, left: &Expr) -> Option<BindingId> {
        simple_path(left)
            .and_then(|name| self.lookup(&name.to_string()))
            .filter(|id| self.flagged.contains(id))
    }

    /// `x = right` of drop flag `x`: a new flag, holding the value; the old
    /// one drops what it holds, if anything. (Not a method call: one on a
    /// flag whose type is still open would need it known.)
    fn assign_flag(&self, id: BindingId, a: &syn::ExprAssign, right: &Expr) -> Expr {
        let name = Ident::new(&self.bindings[id].ident.to_string(), a.left.span());
        let span = a.eq_token.span;
        let krate = crate::parse::crate_at(self.krate(), span);
        syn::parse_quote_spanned!(span=> #name = #krate::__private::DropFlag::new(#right))
    }

    /// The bindings of a pattern matched against a value that visibly
    /// borrows (`if let Some(top) = stack.last()`, `match map.get(&k)`,
    /// `match &x`) are references, by the default binding mode, unless a `&`
    /// pattern takes them by value (`Some(&top)`): see `Binding::reference`.
    fn note_borrowing_pattern(&mut self, scrutinee: &Expr, pat: &Pat, bindings: &[BindingId]) {
        let borrows = match scrutinee {
            Expr::Reference(_) => true,
            Expr::MethodCall(m) => RETURNS_A_BORROW.contains(&m.method.to_string().as_str()),
            _ => false,
        };
        if !borrows {
            return;
        }
        let mut by_value = Vec::new();
        names_under_reference_patterns(pat, false, &mut by_value);
        for &b in bindings {
            let binding = &mut self.bindings[b];
            if !by_value.contains(&binding.name) {
                binding.reference = true;
            }
        }
    }

    fn declare_pat(&mut self, pat: &mut Pat) -> Vec<BindingId> {
        let mut ids = Vec::new();
        for_each_binding(pat, &mut |p| {
            let id = self.declare(p.ident.clone(), p.mutability.is_some());
            p.ident = self.bindings[id].ident.clone();
            // `ref x`, `ref mut x`: a reference (see `Binding::reference`).
            self.bindings[id].reference = p.by_ref.is_some();
            ids.push(id);
        });
        ids
    }

    // ---- values: constructs that may contain yields -----------------------

    /// Normalises an expression in a position where its value is used as a
    /// whole (a `let` initialiser, a statement, a tail, an arm body).
    fn value(&mut self, e: &Expr) -> Value {
        if !expr_has_yield(e) {
            return Value::Expr(self.resolved(e, Use::Move));
        }
        match e {
            Expr::Macro(m) if is_yield_from(&m.mac) => {
                match desugar_yield_from(&m.mac, self.krate()) {
                    Ok(d) => self.value(&d),
                    Err(err) => {
                        self.errors.push(err);
                        Value::Expr(e.clone())
                    }
                }
            }
            Expr::Macro(m) if is_yield(&m.mac) => match yield_operand(&m.mac) {
                Ok(operand) if !expr_has_yield(&operand) => {
                    let operand = self.resolved(&operand, Use::Move);
                    Value::Yield {
                        value: self.yielded(operand),
                        span: m.mac.path.span(),
                        pos: self.tick(),
                    }
                }
                Ok(_) => self.hoisting_block(e),
                Err(err) => {
                    self.errors.push(err);
                    Value::Expr(e.clone())
                }
            },
            Expr::Paren(p) => self.value(&p.expr),
            Expr::Group(g) => self.value(&g.expr),
            // Its attributes (`#[allow(..)]`; `validate` refuses `#[cfg]`) are
            // not kept: the block becomes states.
            Expr::Block(b) => {
                let label = b.label.as_ref().map(|l| l.name.clone());
                if label.is_some() {
                    self.open_target(label.as_ref(), false, self.pos);
                }
                let body = self.block_body(&b.block);
                let end = self.tick();
                if label.is_some() {
                    self.close_target(end);
                } else {
                    self.transparent_body();
                }
                Value::Block {
                    body: Box::new(body),
                    label,
                    end,
                }
            }
            Expr::Unsafe(u) => {
                let body = self.body(&u.block.stmts, true);
                self.transparent_body();
                Value::Block {
                    body: Box::new(body),
                    label: None,
                    end: self.tick(),
                }
            }
            Expr::If(i) => self.if_value(i),
            Expr::Match(m) => self.match_value(m),
            Expr::Loop(l) => {
                let label = l.label.as_ref().map(|l| l.name.clone());
                self.loop_value(label, |n| n.block_body(&l.body))
            }
            Expr::While(w) => self.while_value(w),
            Expr::ForLoop(f) => self.for_value(f),
            _ => self.hoisting_block(e),
        }
    }

    /// `{ hoisted temporaries; rest }`: the temporaries die with the statement.
    fn hoisting_block(&mut self, e: &Expr) -> Value {
        let start = self.pos;
        self.scopes.push(Vec::new());
        let mut stmts = Vec::new();
        let rest = self.expr(e, Use::Move, &mut stmts);
        self.mention_temps(&rest);
        self.scopes.pop();
        let end = self.tick();
        Value::Block {
            body: Box::new(Body {
                start,
                end,
                stmts,
                tail: Some(Value::Expr(rest)),
                is_unsafe: false,
            }),
            label: None,
            end,
        }
    }

    fn if_value(&mut self, i: &syn::ExprIf) -> Value {
        let start = self.pos;
        let branches_yield = block_has_yield(&i.then_branch)
            || i.else_branch
                .as_ref()
                .is_some_and(|(_, e)| expr_has_yield(e));
        if !branches_yield && !has_let(&i.cond) {
            // Only the condition yields: hoist it, keep a plain `if`.
            let mut pre = Vec::new();
            let cond = self.hoist(&i.cond, &mut pre);
            let plain = Expr::If(syn::ExprIf {
                cond: Box::new(cond),
                ..i.clone()
            });
            let plain = self.resolved(&plain, Use::Move);
            return self.wrap_pre(start, pre, Value::Expr(plain));
        }
        let mut pre = Vec::new();
        self.scopes.push(Vec::new());
        let (cond, bindings) = self.condition(&i.cond, &mut pre);
        let then = self.block_body(&i.then_branch);
        self.scopes.pop();
        let otherwise = i.else_branch.as_ref().map(|(_, e)| {
            Box::new(match &**e {
                Expr::Block(b) if b.label.is_none() => self.block_body(&b.block),
                // `else if ..`: a body whose tail is the inner `if`.
                other => self.body(&[syn::Stmt::Expr(other.clone(), None)], false),
            })
        });
        let v = Value::If {
            cond,
            bindings,
            then: Box::new(then),
            otherwise,
            end: self.tick(),
        };
        self.wrap_pre(start, pre, v)
    }

    /// Wraps a value after statements that compute its operands, which
    /// start after position `start`.
    fn wrap_pre(&mut self, start: Pos, pre: Vec<Stmt>, v: Value) -> Value {
        if pre.is_empty() {
            v
        } else {
            let end = self.tick();
            Value::Block {
                body: Box::new(Body {
                    start,
                    end,
                    stmts: pre,
                    tail: Some(v),
                    is_unsafe: false,
                }),
                label: None,
                end,
            }
        }
    }

    /// An `if` condition: yields in it are hoisted into `pre` (their
    /// temporaries are declared in the scope around the `if`); `let`
    /// patterns declare bindings in the current (then-branch) scope.
    fn condition(&mut self, cond: &Expr, pre: &mut Vec<Stmt>) -> (Expr, Vec<BindingId>) {
        match cond {
            Expr::Let(l) => {
                let scrutinee = if expr_has_yield(&l.expr) {
                    self.hoist_into_outer(&l.expr, pre)
                } else {
                    self.resolved(&l.expr, Use::Scrutinee)
                };
                let mut l = l.clone();
                let bindings = self.declare_pat(&mut l.pat);
                self.note_borrowing_pattern(&l.expr, &l.pat, &bindings);
                l.expr = Box::new(scrutinee);
                (Expr::Let(l), bindings)
            }
            Expr::Binary(b) if matches!(b.op, BinOp::And(_)) && has_let(cond) => {
                if expr_has_yield(&b.right) {
                    self.error(
                        b.right.span(),
                        "`yield_!` in a later condition of a `let` chain is not supported; \
                         compute it in a `let` before the `if`",
                    );
                }
                let (left, mut bindings) = self.condition(&b.left, pre);
                let (right, more) = self.condition(&b.right, pre);
                bindings.extend(more);
                let mut b = b.clone();
                b.left = Box::new(left);
                b.right = Box::new(right);
                (Expr::Binary(b), bindings)
            }
            _ if expr_has_yield(cond) => (self.hoist_into_outer(cond, pre), Vec::new()),
            _ => (self.resolved(cond, Use::Move), Vec::new()),
        }
    }

    /// Evaluates `e` into a temporary declared in the scope *below* the top
    /// one (the top scope holds the then-branch bindings being built).
    fn hoist_into_outer(&mut self, e: &Expr, pre: &mut Vec<Stmt>) -> Expr {
        let inner = self.scopes.pop().expect("condition scope");
        let t = self.hoist(e, pre);
        self.scopes.push(inner);
        t
    }

    fn match_value(&mut self, m: &syn::ExprMatch) -> Value {
        let start = self.pos;
        if !m.arms.iter().any(|a| {
            expr_has_yield(&a.body) || a.guard.as_ref().is_some_and(|(_, g)| expr_has_yield(g))
        }) {
            // Only the scrutinee yields: hoist it, keep a plain `match`.
            let mut pre = Vec::new();
            let scrutinee = self.hoist(&m.expr, &mut pre);
            let plain = Expr::Match(syn::ExprMatch {
                expr: Box::new(scrutinee),
                ..m.clone()
            });
            let plain = self.resolved(&plain, Use::Move);
            return self.wrap_pre(start, pre, Value::Expr(plain));
        }
        let mut pre = Vec::new();
        let scrutinee = if expr_has_yield(&m.expr) {
            self.scopes.push(Vec::new());
            let s = self.hoist_into_outer(&m.expr, &mut pre);
            self.scopes.pop();
            s
        } else {
            self.resolved(&m.expr, Use::Scrutinee)
        };
        let mut arms = Vec::new();
        for arm in &m.arms {
            let start = self.pos;
            self.scopes.push(Vec::new());
            let mut pat = arm.pat.clone();
            let bindings = self.declare_pat(&mut pat);
            self.note_borrowing_pattern(&m.expr, &arm.pat, &bindings);
            let guard = arm.guard.as_ref().map(|(_, g)| {
                if expr_has_yield(g) {
                    self.error(
                        g.span(),
                        "`yield_!` in a match guard is not supported; \
                         compute it before the `match` or inside the arm",
                    );
                }
                self.resolved(g, Use::Place)
            });
            let body = match &*arm.body {
                Expr::Block(b) if b.label.is_none() => self.block_body(&b.block),
                other => self.body(&[syn::Stmt::Expr(other.clone(), None)], false),
            };
            self.scopes.pop();
            arms.push(Arm {
                start,
                pat,
                guard,
                bindings,
                body,
            });
        }
        let v = Value::Match {
            scrutinee,
            arms,
            end: self.tick(),
        };
        self.wrap_pre(start, pre, v)
    }

    fn loop_value(
        &mut self,
        label: Option<syn::Lifetime>,
        body: impl FnOnce(&mut Self) -> Body,
    ) -> Value {
        let start = self.tick();
        self.open_target(label.as_ref(), true, start);
        let body = body(self);
        let end = self.tick();
        self.close_target(end);
        self.loops.push((start, end));
        Value::Loop {
            label,
            body: Box::new(body),
            start,
            end,
        }
    }

    /// `while c { body }` is `loop { if !(c) { break } body }`;
    /// `while let p = e { body }` is `loop { let p = e else { break }; body }`.
    fn while_value(&mut self, w: &syn::ExprWhile) -> Value {
        let label = w.label.as_ref().map(|l| l.name.clone());
        let brk = match &label {
            Some(l) => quote_spanned!(w.while_token.span=> break #l;),
            None => quote_spanned!(w.while_token.span=> break;),
        };
        let cond = (*w.cond).clone();
        let mut stmts: Vec<syn::Stmt> = Vec::new();
        match &cond {
            Expr::Let(l) => {
                let (pat, expr) = (&l.pat, &l.expr);
                stmts.push(syn::parse_quote!(let #pat = #expr else { #brk };));
            }
            // A `let` chain: `loop { if c { body } else { break } }`.
            _ if has_let(&cond) => {
                let body = &w.body;
                stmts.push(syn::parse_quote!(if #cond #body else { #brk }));
                return self.loop_value(label, |n| n.body(&stmts, false));
            }
            _ => stmts.push(syn::parse_quote!(if !(#cond) { #brk })),
        }
        stmts.extend(w.body.stmts.iter().cloned());
        if let Some(syn::Stmt::Expr(_, semi @ None)) = stmts.last_mut() {
            // A `while` body's value is `()`.
            *semi = Some(Default::default());
        }
        self.loop_value(label, |n| n.body(&stmts, false))
    }

    /// `for p in e { body }` is
    /// `{ let mut it = IntoIterator::into_iter(e); loop { let Some(p) = Iterator::next(&mut it) else { break }; body } }`.
    fn for_value(&mut self, f: &syn::ExprForLoop) -> Value {
        let iterable = &f.expr;
        let start = self.pos;
        let mut pre = Vec::new();
        self.scopes.push(Vec::new());
        let init = if expr_has_yield(iterable) {
            let iterable = self.hoist(iterable, &mut pre);
            quote_spanned!(f.for_token.span=> ::core::iter::IntoIterator::into_iter(#iterable))
        } else {
            let iterable = self.resolved(iterable, Use::Move);
            quote_spanned!(f.for_token.span=> ::core::iter::IntoIterator::into_iter(#iterable))
        };
        let borrowed = self.borrowed_owner(iterable);
        let (iter_id, iter) = self.temp(f.for_token.span, true);
        self.bindings[iter_id].name = "iter".into();
        if let Some((lender, span, how)) = borrowed {
            // `for x in &v` iterates a borrow.
            let how = match how {
                Borrowing::Reference => Borrowing::Method { of_text: false },
                how => how,
            };
            self.note_borrow(iter_id, (lender, span, how));
        }
        pre.push(Stmt::Let(Let {
            pat: ident_pat(&iter, true),
            init: Some(Value::Expr(syn::parse_quote!(#init))),
            diverge: None,
            bindings: vec![iter_id],
        }));
        let label = f.label.as_ref().map(|l| l.name.clone());
        let brk = match &label {
            Some(l) => quote_spanned!(f.for_token.span=> break #l;),
            None => quote_spanned!(f.for_token.span=> break;),
        };
        let pat = &f.pat;
        let mut stmts: Vec<syn::Stmt> = vec![syn::parse_quote_spanned!(f.for_token.span=>
            let ::core::option::Option::Some(#pat) = ::core::iter::Iterator::next(&mut #iter) else { #brk };
        )];
        stmts.extend(f.body.stmts.iter().cloned());
        if let Some(syn::Stmt::Expr(_, semi @ None)) = stmts.last_mut() {
            *semi = Some(Default::default());
        }
        let lp = self.loop_value(label, |n| n.body(&stmts, false));
        pre.push(Stmt::Value(lp));
        self.scopes.pop();
        let end = self.tick();
        Value::Block {
            body: Box::new(Body {
                start,
                end,
                stmts: pre,
                tail: None,
                is_unsafe: false,
            }),
            label: None,
            end,
        }
    }

    /// Evaluates `e` into a temporary of the current scope, used right away.
    fn hoist(&mut self, e: &Expr, pre: &mut Vec<Stmt>) -> Expr {
        let v = self.value(e);
        let t = self.bind_temp(v, e.span(), pre);
        self.mention(&quote!(#t).to_string(), Use::Move);
        t
    }

    // ---- expressions: hoisting operands around yields ---------------------

    /// Returns a yield-free expression with the same value, pushing onto `out`
    /// the statements that must run before it.
    fn expr(&mut self, e: &Expr, usage: Use, out: &mut Vec<Stmt>) -> Expr {
        if !expr_has_yield(e) {
            return self.resolved(e, usage);
        }
        match e {
            Expr::Macro(m) if is_yield_from(&m.mac) => {
                match desugar_yield_from(&m.mac, self.krate()) {
                    Ok(d) => self.expr(&d, usage, out),
                    Err(err) => {
                        self.errors.push(err);
                        e.clone()
                    }
                }
            }
            Expr::Macro(m) if is_yield(&m.mac) => match yield_operand(&m.mac) {
                Ok(operand) => {
                    let value = self.expr(&operand, Use::Move, out);
                    self.mention_temps(&value);
                    let v = Value::Yield {
                        value: self.yielded(value),
                        span: m.mac.path.span(),
                        pos: self.tick(),
                    };
                    self.bind_temp(v, e.span(), out)
                }
                Err(err) => {
                    self.errors.push(err);
                    e.clone()
                }
            },
            Expr::Paren(p) => {
                let inner = self.expr(&p.expr, usage, out);
                Expr::Paren(syn::ExprParen {
                    expr: Box::new(inner),
                    ..p.clone()
                })
            }
            Expr::Group(g) => self.expr(&g.expr, usage, out),
            Expr::Binary(b)
                if matches!(b.op, BinOp::And(_) | BinOp::Or(_)) && expr_has_yield(&b.right) =>
            {
                let (l, r) = (&b.left, &b.right);
                let as_if: Expr = match b.op {
                    BinOp::And(_) => {
                        syn::parse_quote_spanned!(b.op.span()=> if #l { #r } else { false })
                    }
                    _ => syn::parse_quote_spanned!(b.op.span()=> if #l { true } else { #r }),
                };
                self.expr(&as_if, usage, out)
            }
            Expr::Binary(b) => {
                let compound = is_compound_assign(&b.op);
                let by_ref = compound || is_comparison(&b.op);
                let right_yields = expr_has_yield(&b.right);
                // A comparison reads its left operand before the right one: a
                // place the right side may change is read into a temporary.
                let changed_on_the_right =
                    !compound && right_yields && self.may_change(&b.right, &b.left, true);
                let left = if compound || (by_ref && is_place(&b.left) && !changed_on_the_right) {
                    let place = self.place(&b.left, out);
                    self.defer_place(&b.left, right_yields);
                    place
                } else {
                    let l = self.expr(&b.left, Use::Move, out);
                    if right_yields { self.freeze(l, out) } else { l }
                };
                let right = self.expr(&b.right, Use::Move, out);
                Expr::Binary(syn::ExprBinary {
                    left: Box::new(left),
                    right: Box::new(right),
                    ..b.clone()
                })
            }
            Expr::Assign(a) => {
                // The assigned value is evaluated before the place.
                let right = self.expr(&a.right, Use::Move, out);
                let right = if expr_has_yield(&a.left) {
                    self.freeze(right, out)
                } else {
                    right
                };
                let flagged = self.flagged_target(&a.left);
                let left = if expr_has_yield(&a.left) {
                    self.place(&a.left, out)
                } else {
                    self.resolved(&a.left, Use::Assign)
                };
                match flagged {
                    Some(id) => self.assign_flag(id, a, &right),
                    None => Expr::Assign(syn::ExprAssign {
                        left: Box::new(left),
                        right: Box::new(right),
                        ..a.clone()
                    }),
                }
            }
            Expr::Unary(u) => {
                let inner = match u.op {
                    UnOp::Deref(_) => self.expr(&u.expr, Use::Place, out),
                    _ => self.expr(&u.expr, Use::Move, out),
                };
                Expr::Unary(syn::ExprUnary {
                    expr: Box::new(inner),
                    ..u.clone()
                })
            }
            Expr::Reference(r) => {
                let inner = if is_place(&r.expr) {
                    self.place(&r.expr, out)
                } else {
                    let v = self.expr(&r.expr, Use::Move, out);
                    self.freeze(v, out)
                };
                Expr::Reference(syn::ExprReference {
                    expr: Box::new(inner),
                    ..r.clone()
                })
            }
            Expr::Cast(c) => {
                let inner = self.expr(&c.expr, Use::Move, out);
                Expr::Cast(syn::ExprCast {
                    expr: Box::new(inner),
                    ..c.clone()
                })
            }
            Expr::Try(t) => {
                let inner = self.expr(&t.expr, Use::Move, out);
                Expr::Try(syn::ExprTry {
                    expr: Box::new(inner),
                    ..t.clone()
                })
            }
            Expr::Field(_) | Expr::Index(_) => self.place(e, out),
            Expr::Call(c) => {
                let func = if expr_has_yield(&c.func)
                    || (c.args.iter().any(expr_has_yield) && !matches!(&*c.func, Expr::Path(_)))
                {
                    let f = self.expr(&c.func, Use::Move, out);
                    self.freeze(f, out)
                } else {
                    self.resolved(&c.func, Use::Callee)
                };
                let args = self.operands(c.args.iter(), out);
                Expr::Call(syn::ExprCall {
                    func: Box::new(func),
                    args: args.into_iter().collect(),
                    ..c.clone()
                })
            }
            Expr::MethodCall(m) => {
                let args_yield = m.args.iter().any(expr_has_yield);
                let consuming = is_consuming_method(m);
                // The receiver is read before the arguments: a place they may
                // change is read into a temporary.
                let by_value = takes_receiver_by_value(m) || self.visibly_copy(&m.receiver);
                let changed_by_args = args_yield
                    && m.args
                        .iter()
                        .any(|a| self.may_change(a, &m.receiver, by_value));
                let receiver =
                    if !expr_has_yield(&m.receiver) && is_place(&m.receiver) && !changed_by_args {
                        let place = self
                            .resolved(&m.receiver, if consuming { Use::Move } else { Use::Place });
                        self.defer_place(&m.receiver, args_yield);
                        place
                    } else {
                        let r = self.expr(&m.receiver, Use::Move, out);
                        if args_yield {
                            self.freeze_receiver(r, out)
                        } else {
                            r
                        }
                    };
                let args = self.operands(m.args.iter(), out);
                Expr::MethodCall(syn::ExprMethodCall {
                    receiver: Box::new(receiver),
                    args: args.into_iter().collect(),
                    ..m.clone()
                })
            }
            Expr::Tuple(t) => {
                let elems = self.operands(t.elems.iter(), out);
                Expr::Tuple(syn::ExprTuple {
                    elems: elems.into_iter().collect(),
                    ..t.clone()
                })
            }
            Expr::Array(a) => {
                let elems = self.operands(a.elems.iter(), out);
                Expr::Array(syn::ExprArray {
                    elems: elems.into_iter().collect(),
                    ..a.clone()
                })
            }
            Expr::Repeat(r) => {
                let inner = self.expr(&r.expr, Use::Move, out);
                Expr::Repeat(syn::ExprRepeat {
                    expr: Box::new(inner),
                    ..r.clone()
                })
            }
            Expr::Range(r) => {
                let ops: Vec<&Expr> = r.start.iter().chain(r.end.iter()).map(|b| &**b).collect();
                let mut done = self.operands(ops.into_iter(), out).into_iter();
                let mut r = r.clone();
                if r.start.is_some() {
                    r.start = done.next().map(Box::new);
                }
                if r.end.is_some() {
                    r.end = done.next().map(Box::new);
                }
                Expr::Range(r)
            }
            Expr::Struct(s) => {
                let mut all: Vec<&Expr> = s.fields.iter().map(|f| &f.expr).collect();
                if let Some(rest) = &s.rest {
                    all.push(rest);
                }
                let mut done = self.operands(all.into_iter(), out).into_iter();
                let mut s = s.clone();
                for f in s.fields.iter_mut() {
                    f.expr = done.next().expect("one operand per field");
                    f.colon_token.get_or_insert_with(Default::default);
                }
                if s.rest.is_some() {
                    s.rest = done.next().map(Box::new);
                }
                Expr::Struct(s)
            }
            Expr::Return(r) => {
                let value = r.expr.as_ref().map(|v| self.expr(v, Use::Move, out));
                if let Some(v) = &value {
                    self.mention_temps(v);
                }
                let ret = r.return_token;
                out.push(Stmt::Plain(Box::new(syn::parse_quote!(#ret #value;))));
                self.exit();
                syn::parse_quote_spanned!(ret.span=> ::core::unreachable!())
            }
            Expr::Break(b) => {
                let value = b.expr.as_ref().map(|v| self.expr(v, Use::Move, out));
                if let Some(v) = &value {
                    self.mention_temps(v);
                }
                let (brk, label) = (b.break_token, &b.label);
                self.note_jump(label.as_ref(), false);
                out.push(Stmt::Plain(Box::new(
                    syn::parse_quote!(#brk #label #value;),
                )));
                self.exit();
                syn::parse_quote_spanned!(brk.span=> ::core::unreachable!())
            }
            Expr::Block(_)
            | Expr::Unsafe(_)
            | Expr::If(_)
            | Expr::Match(_)
            | Expr::Loop(_)
            | Expr::While(_)
            | Expr::ForLoop(_) => {
                let v = self.value(e);
                self.bind_temp(v, e.span(), out)
            }
            Expr::Let(l) => {
                self.error(l.span(), "`yield_!` is not supported here");
                e.clone()
            }
            other => {
                self.error(
                    other.span(),
                    "`yield_!` is not supported in this kind of expression; \
                     bind its value to a local first: `let v = yield_!(..);`",
                );
                e.clone()
            }
        }
    }

    /// Normalises operands evaluated left to right: those before the last
    /// operand containing a yield are frozen into temporaries.
    fn operands<'e>(
        &mut self,
        ops: impl Iterator<Item = &'e Expr>,
        out: &mut Vec<Stmt>,
    ) -> Vec<Expr> {
        let ops: Vec<&Expr> = ops.collect();
        let last_yield = ops.iter().rposition(|e| expr_has_yield(e));
        ops.iter()
            .enumerate()
            .map(|(i, op)| match last_yield {
                Some(last) if i < last => {
                    if let Expr::Reference(r) = op
                        && is_place(&r.expr)
                    {
                        let place = self.expr(op, Use::Place, out);
                        self.defer_place(&r.expr, true);
                        return place;
                    }
                    let v = self.expr(op, Use::Move, out);
                    self.freeze(v, out)
                }
                _ => self.expr(op, Use::Move, out),
            })
            .collect()
    }

    /// A place expression (`a`, `a.b`, `a[i]`, `*a`): yields inside index
    /// operands are hoisted, the place itself is left in place.
    fn place(&mut self, e: &Expr, out: &mut Vec<Stmt>) -> Expr {
        if !expr_has_yield(e) {
            return self.resolved(e, Use::Place);
        }
        match e {
            Expr::Field(f) => {
                let base = self.place(&f.base, out);
                Expr::Field(syn::ExprField {
                    base: Box::new(base),
                    ..f.clone()
                })
            }
            Expr::Index(i) => {
                // A computed base (`f()[yield_!()]`) is evaluated before the index.
                let base = if expr_has_yield(&i.index) && !is_place(&i.expr) {
                    let b = self.expr(&i.expr, Use::Move, out);
                    self.freeze(b, out)
                } else {
                    self.place(&i.expr, out)
                };
                let index = self.expr(&i.index, Use::Move, out);
                Expr::Index(syn::ExprIndex {
                    expr: Box::new(base),
                    index: Box::new(index),
                    ..i.clone()
                })
            }
            Expr::Paren(p) => self.place(&p.expr, out),
            Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => {
                let inner = self.expr(&u.expr, Use::Place, out);
                Expr::Unary(syn::ExprUnary {
                    expr: Box::new(inner),
                    ..u.clone()
                })
            }
            _ => {
                let v = self.expr(e, Use::Move, out);
                self.freeze(v, out)
            }
        }
    }

    /// Evaluates an operand now, into a temporary, unless it is a literal.
    fn freeze(&mut self, e: Expr, out: &mut Vec<Stmt>) -> Expr {
        if matches!(e, Expr::Lit(_)) {
            return e;
        }
        let span = e.span();
        let borrowed = self.borrowed_owner(&e);
        self.mention_temps(&e);
        let temp = self.bind_temp(Value::Expr(e), span, out);
        if let Some((lender, span, _)) = borrowed {
            let id = self.bindings.len() - 1;
            self.note_borrow(id, (lender, span, Borrowing::Operand));
        }
        temp
    }

    /// A method's receiver evaluated before a yield in its arguments, kept
    /// in a `mut` temporary: the method may take `&mut self`
    /// (`out.borrow_mut().push(yield_!())` pushes through the `RefMut`).
    fn freeze_receiver(&mut self, e: Expr, out: &mut Vec<Stmt>) -> Expr {
        if matches!(e, Expr::Lit(_)) {
            return e;
        }
        let span = e.span();
        self.mention_temps(&e);
        let (id, ident) = self.temp(span, true);
        out.push(Stmt::Let(Let {
            pat: ident_pat(&ident, true),
            init: Some(Value::Expr(e)),
            diverge: None,
            bindings: vec![id],
        }));
        syn::parse_quote!(#ident)
    }

    /// Whether `later` code may change `place`, which is read before it: it
    /// assigns to the place's root or borrows it mutably; or, where the place
    /// is read by value (`read_by_value`: a comparison's operand, the
    /// receiver of `min`), it calls a method on an overlapping place
    /// (`x.lower()` for `x.n`), which may take `&mut self`.
    ///
    /// A method call is not enough where the receiver may be borrowed: the
    /// Python idiom `v.push(yield_!(v.len()))` keeps `v` a place (rustc
    /// refuses it, E0626, but it is valid across baozi's yields). Nor is it
    /// through a reference (`p.peek()` for `p.name`, `p: &Pair`): rustc
    /// accepts that borrow across a yield, and reading the place into a
    /// temporary would move out of the reference.
    fn may_change(&self, later: &Expr, place: &Expr, read_by_value: bool) -> bool {
        let through_reference = place_root(place)
            .and_then(|root| self.lookup(&root.to_string()))
            .is_some_and(|id| self.bindings[id].reference);
        changes_root_of(later, place)
            || (read_by_value && !through_reference && calls_method_on(later, place))
    }

    /// Whether `e` is a local visibly of a `Copy` type.
    fn visibly_copy(&self, e: &Expr) -> bool {
        match e {
            Expr::Path(p) => plain_name(p)
                .and_then(|name| self.lookup(&name.to_string()))
                .is_some_and(|id| self.bindings[id].copy_hint),
            _ => false,
        }
    }

    /// A place left in place while a later operand yields is read after the
    /// yield: it is mentioned again where the expression using it runs.
    /// So are the other locals it reads (`i` of `arr[i] += yield_!()`).
    fn defer_place(&mut self, place: &Expr, later_yields: bool) {
        if !later_yields {
            return;
        }
        let mut names = Vec::new();
        place_names(place, &mut names);
        for name in names {
            if let Some(id) = self.lookup(&name.to_string()) {
                self.deferred.push(Deferred {
                    emitted: self.bindings[id].ident.to_string(),
                    source: name.to_string(),
                    id,
                });
            }
        }
    }

    /// Temporaries are mentioned where the expression using them runs,
    /// which may be after later yields of the same statement.
    fn mention_temps(&mut self, e: &Expr) {
        fn scan(n: &mut Normalizer, tokens: TokenStream) {
            for tt in tokens {
                match tt {
                    TokenTree::Ident(i) if i.to_string().starts_with("__baozi_tmp") => {
                        n.mention(&i.to_string(), Use::Move);
                    }
                    TokenTree::Ident(i) => {
                        let name = i.to_string();
                        // Only where the name still means that binding (an
                        // earlier one of the same name may be out of scope).
                        if let Some(id) = n
                            .deferred
                            .iter()
                            .find(|d| d.emitted == name && n.lookup(&d.source) == Some(d.id))
                            .map(|d| d.id)
                        {
                            let pos = n.tick();
                            n.bindings[id].accesses.push(Access {
                                pos,
                                usage: Use::Place,
                                conditional: false,
                                region: None,
                                unknown_method: false,
                            });
                        }
                    }
                    TokenTree::Group(g) => scan(n, g.stream()),
                    _ => {}
                }
            }
        }
        scan(self, quote!(#e));
    }

    fn bind_temp(&mut self, v: Value, span: Span, out: &mut Vec<Stmt>) -> Expr {
        let (id, ident) = self.temp(span, false);
        out.push(Stmt::Let(Let {
            pat: ident_pat(&ident, false),
            init: Some(v),
            diverge: None,
            bindings: vec![id],
        }));
        syn::parse_quote!(#ident)
    }

    // ---- resolution of yield-free code -------------------------------------
    //
    // Resolution also renames: a binding that another binding of the same
    // name shadows gets a name of its own (in its pattern and at every
    // mention), so the state machine can still store it by name.

    fn resolve_stmt(&mut self, stmt: &mut syn::Stmt) {
        match stmt {
            syn::Stmt::Local(l) => {
                let usage = if simple_ident(&l.pat).is_some() {
                    Use::Move
                } else {
                    Use::Scrutinee
                };
                if let Some(init) = &mut l.init {
                    self.resolve(&mut init.expr, usage);
                    if let Some((_, d)) = &mut init.diverge {
                        self.conditionally(|n| n.resolve(d, Use::Move));
                    }
                }
                self.shadow_pat(&l.pat);
            }
            syn::Stmt::Item(_) => {}
            syn::Stmt::Expr(e, _) => self.resolve(e, Use::Move),
            syn::Stmt::Macro(m) => self.resolve_macro(&mut m.mac),
        }
    }

    fn shadow_pat(&mut self, pat: &Pat) {
        let mut found = Vec::new();
        pat_bindings(pat, &mut found);
        for (ident, _) in found {
            self.shadow(ident.to_string());
        }
    }

    fn resolve_block(&mut self, b: &mut syn::Block) {
        self.scopes.push(Vec::new());
        for s in &mut b.stmts {
            self.resolve_stmt(s);
        }
        self.scopes.pop();
    }

    /// Resolves a cloned expression, renaming shadowed bindings in it.
    fn resolved(&mut self, e: &Expr, usage: Use) -> Expr {
        let mut e = e.clone();
        self.resolve(&mut e, usage);
        e
    }

    fn resolve(&mut self, e: &mut Expr, usage: Use) {
        use Use::{Move as Val, Place};
        match e {
            Expr::Path(p) if plain_name(p).is_some() => {
                let ident = &mut p.path.segments[0].ident;
                if let Some(id) = self.mention_binding(&ident.to_string(), usage) {
                    let span = ident.span();
                    let name = Ident::new(&self.bindings[id].ident.to_string(), span);
                    if self.flagged.contains(&id) {
                        *e = match usage {
                            // Copied if `Copy`, taken out of the flag otherwise.
                            Use::Move => syn::parse_quote_spanned!(span=>
                                (&mut &mut #name).move_out()
                            ),
                            _ => syn::parse_quote_spanned!(span=> (*#name)),
                        };
                    } else if self.in_place.contains(&id) {
                        // A reference to the value, wherever it is stored.
                        *e = syn::parse_quote_spanned!(span=> (*#name));
                    } else if self.renames.contains_key(&id) {
                        *ident = name;
                    }
                }
            }
            Expr::Macro(m) => self.resolve_macro(&mut m.mac),
            Expr::MethodCall(m) => {
                let consuming = is_consuming_method(m);
                let flagged_receiver_in_args = self.flagged_receiver_in_args(m);
                let receiver = match &*m.receiver {
                    Expr::Path(p) => plain_name(p).and_then(|n| self.lookup(&n.to_string())),
                    _ => None,
                };
                self.resolve(&mut m.receiver, if consuming { Val } else { Use::Receiver });
                if let Some(id) = receiver
                    && !consuming
                    && !is_borrowing_method(m)
                    && let Some(access) = self.bindings[id].accesses.last_mut()
                {
                    access.unknown_method = true;
                }
                for a in &mut m.args {
                    self.resolve(a, Val);
                }
                if flagged_receiver_in_args {
                    *e = args_first(m);
                }
            }
            Expr::Field(f) => {
                let base = match usage {
                    Place | Use::Assign => Place,
                    _ => Use::FieldBase,
                };
                // By value, or matched (a pattern may move out of it).
                if matches!(usage, Val | Use::Scrutinee)
                    && let Some(root) = place_root(&f.base)
                    && let Some(id) = self.lookup(&root.to_string())
                {
                    self.bindings[id].field_used_by_value = true;
                }
                self.resolve(&mut f.base, base)
            }
            Expr::Index(i) => {
                self.resolve(&mut i.expr, Place);
                self.resolve(&mut i.index, Val);
            }
            Expr::Reference(r) => self.resolve(&mut r.expr, Place),
            Expr::Unary(u) => {
                let usage = match u.op {
                    // `*b` moves out of a `Box` where its value is used.
                    UnOp::Deref(_) if matches!(usage, Place | Use::Assign | Use::Receiver) => Place,
                    UnOp::Deref(_) => Use::FieldBase,
                    _ => Val,
                };
                self.resolve(&mut u.expr, usage)
            }
            Expr::Binary(b) => {
                let by_ref = is_comparison(&b.op) || is_compound_assign(&b.op);
                if by_ref {
                    self.resolve(&mut b.left, Place);
                } else {
                    self.resolve_operand(&mut b.left);
                }
                if is_comparison(&b.op) {
                    self.resolve(&mut b.right, Place);
                } else if matches!(b.op, BinOp::And(_) | BinOp::Or(_)) {
                    self.conditionally(|n| n.resolve(&mut b.right, Val));
                } else {
                    self.resolve_operand(&mut b.right);
                }
            }
            Expr::Assign(a) => {
                self.resolve(&mut a.right, Val);
                let flagged = self.flagged_target(&a.left);
                self.resolve(&mut a.left, Use::Assign);
                if let Some(id) = flagged {
                    *e = self.assign_flag(id, a, &a.right);
                }
            }
            Expr::Call(c) => {
                // `drop(x.f)`: a field moved out (dropping a `Copy` field
                // would do nothing). Looked up before the arguments' names
                // are resolved (`x` may be renamed).
                if let (Expr::Path(callee), [Expr::Field(field)]) =
                    (&*c.func, &c.args.iter().collect::<Vec<_>>()[..])
                    && callee
                        .path
                        .segments
                        .last()
                        .is_some_and(|s| s.ident == "drop")
                    && let Some(root) = place_root(&field.base)
                    && let Some(id) = self.lookup(&root.to_string())
                {
                    self.bindings[id].partly_moved = true;
                }
                self.resolve(&mut c.func, Use::Callee);
                for a in &mut c.args {
                    self.resolve(a, Val);
                }
            }
            Expr::Closure(c) => {
                self.scopes.push(Vec::new());
                for p in &c.inputs {
                    self.shadow_pat(p);
                }
                let is_move = c.capture.is_some();
                self.move_closures += usize::from(is_move);
                self.closures += 1;
                self.conditionally(|n| n.resolve(&mut c.body, Val));
                self.closures -= 1;
                self.move_closures -= usize::from(is_move);
                self.scopes.pop();
            }
            Expr::Async(a) => {
                let is_move = a.capture.is_some();
                self.move_closures += usize::from(is_move);
                self.closures += 1;
                self.conditionally(|n| n.resolve_block(&mut a.block));
                self.closures -= 1;
                self.move_closures -= usize::from(is_move);
            }
            Expr::Block(b) if b.label.is_some() => {
                let label = b.label.clone();
                self.in_plain_target(label.as_ref(), false, |n| {
                    n.conditionally(|n| n.resolve_block(&mut b.block))
                })
            }
            Expr::Block(b) => self.resolve_block(&mut b.block),
            Expr::Unsafe(b) => self.resolve_block(&mut b.block),
            Expr::Const(b) => self.resolve_block(&mut b.block),
            Expr::TryBlock(b) => self.resolve_block(&mut b.block),
            Expr::If(i) => {
                self.scopes.push(Vec::new());
                self.resolve(&mut i.cond, Val);
                let leaves = i.then_branch.stmts.iter().any(always_leaves);
                let then = self.branch(leaves, |n| n.resolve_block(&mut i.then_branch));
                self.scopes.pop();
                if let Some((_, e)) = &mut i.else_branch {
                    let leaves = expr_always_leaves(e);
                    let otherwise = self.branch(leaves, |n| n.resolve(e, Val));
                    self.assigned_in_every_branch(vec![then, otherwise]);
                }
            }
            Expr::Let(l) => {
                self.resolve(&mut l.expr, Use::Scrutinee);
                self.shadow_pat(&l.pat);
            }
            Expr::Match(m) => {
                self.resolve(&mut m.expr, Use::Scrutinee);
                let mut arms = Vec::new();
                for arm in &mut m.arms {
                    self.scopes.push(Vec::new());
                    self.shadow_pat(&arm.pat);
                    let leaves = expr_always_leaves(&arm.body);
                    arms.push(self.branch(leaves, |n| {
                        if let Some((_, g)) = &mut arm.guard {
                            n.resolve(g, Place);
                        }
                        n.resolve(&mut arm.body, Val);
                    }));
                    self.scopes.pop();
                }
                self.assigned_in_every_branch(arms);
            }
            Expr::ForLoop(f) => {
                self.resolve(&mut f.expr, Val);
                self.scopes.push(Vec::new());
                self.shadow_pat(&f.pat);
                let label = f.label.clone();
                self.in_plain_target(label.as_ref(), true, |n| {
                    n.conditionally(|n| n.resolve_block(&mut f.body))
                });
                self.scopes.pop();
            }
            Expr::While(w) => {
                self.scopes.push(Vec::new());
                let label = w.label.clone();
                self.in_plain_target(label.as_ref(), true, |n| {
                    n.conditionally(|n| {
                        n.resolve(&mut w.cond, Val);
                        n.resolve_block(&mut w.body);
                    })
                });
                self.scopes.pop();
            }
            Expr::Loop(l) => {
                let label = l.label.clone();
                self.in_plain_target(label.as_ref(), true, |n| {
                    n.conditionally(|n| n.resolve_block(&mut l.body))
                })
            }
            // What follows a `return` or `break` does not run.
            Expr::Break(b) => {
                if let Some(v) = &mut b.expr {
                    self.conditionally(|n| n.resolve(v, Val));
                }
                self.note_jump(b.label.as_ref(), false);
            }
            Expr::Continue(c) => self.note_jump(c.label.as_ref(), true),
            Expr::Return(syn::ExprReturn { expr: Some(v), .. }) => {
                self.conditionally(|n| n.resolve(v, Val))
            }
            Expr::Yield(syn::ExprYield { expr: Some(v), .. }) => self.resolve(v, Val),
            Expr::Tuple(t) => t.elems.iter_mut().for_each(|e| self.resolve(e, Val)),
            Expr::Array(a) => a.elems.iter_mut().for_each(|e| self.resolve(e, Val)),
            Expr::Repeat(r) => self.resolve(&mut r.expr, Val),
            Expr::Range(r) => {
                for e in r.start.iter_mut().chain(r.end.iter_mut()) {
                    self.resolve(e, Val);
                }
            }
            Expr::Struct(s) => {
                for f in &mut s.fields {
                    let shorthand = f.colon_token.is_none();
                    self.resolve(&mut f.expr, Val);
                    if shorthand
                        && !matches!((&f.expr, &f.member), (Expr::Path(p), syn::Member::Named(m)) if p.path.is_ident(m))
                    {
                        // `S { x }` with `x` renamed becomes `S { x: x_renamed }`.
                        f.colon_token = Some(Default::default());
                    }
                }
                if let Some(rest) = &mut s.rest {
                    self.resolve(rest, Place);
                }
            }
            Expr::Cast(c) => self.resolve(&mut c.expr, Val),
            Expr::Paren(p) => self.resolve(&mut p.expr, usage),
            Expr::Group(g) => self.resolve(&mut g.expr, usage),
            Expr::Try(t) => self.resolve(&mut t.expr, Val),
            Expr::Await(a) => self.resolve(&mut a.base, Val),
            Expr::Verbatim(ts) => *ts = self.resolve_tokens(ts.clone()),
            _ => {}
        }
    }

    /// An operand of an arithmetic or bitwise operator, used by value. A
    /// field there (`x.n + 1`) is taken to be a number, so `Copy`: it does
    /// not count as a use of the field by value (see
    /// `Binding::field_used_by_value`).
    fn resolve_operand(&mut self, e: &mut Expr) {
        match e {
            Expr::Field(f) => self.resolve(&mut f.base, Use::FieldBase),
            _ => self.resolve(e, Use::Move),
        }
    }

    fn resolve_macro(&mut self, mac: &mut syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        // What a local macro's expansion uses (liveness must see it there).
        if mac.path.segments.len() == 1
            && let Some((_, idents)) = self.local_macros.iter().find(|(n, _)| *n == name)
        {
            for ident in idents.clone() {
                self.mention_binding(&ident, Use::Opaque);
            }
        }
        let usage = match name.as_str() {
            "vec" | "dbg" => Some(Use::Move),
            n if FORMAT_MACROS.contains(&n) => Some(Use::Place),
            _ => None,
        };
        if let Some(usage) = usage
            && let Ok(mut args) =
                mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated)
        {
            // Inline captures of renamed bindings become named arguments.
            let mut extra: Vec<(String, Ident)> = Vec::new();
            for arg in args.iter_mut() {
                if let Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = arg
                {
                    extra.extend(self.format_captures(&s.value()));
                } else {
                    self.resolve(arg, usage);
                }
            }
            for (name, renamed) in extra {
                let name = Ident::new(&name, renamed.span());
                args.push(syn::parse_quote!(#name = #renamed));
            }
            mac.tokens = quote!(#args);
            return;
        }
        if name == "vec"
            && let Ok(mut repeat) = mac.parse_body::<syn::ExprRepeat>()
        {
            self.resolve(&mut repeat.expr, Use::Move);
            self.resolve(&mut repeat.len, Use::Move);
            let (expr, len) = (&repeat.expr, &repeat.len);
            mac.tokens = quote!(#expr; #len);
            return;
        }
        mac.tokens = self.resolve_tokens(mac.tokens.clone());
    }

    /// Every identifier in an opaque token stream may name a local.
    fn resolve_tokens(&mut self, tokens: TokenStream) -> TokenStream {
        tokens
            .into_iter()
            .map(|tt| match tt {
                TokenTree::Ident(i) => match self.mention(&i.to_string(), Use::Opaque) {
                    Some(renamed) => TokenTree::Ident(Ident::new(&renamed.to_string(), i.span())),
                    None => TokenTree::Ident(i),
                },
                TokenTree::Group(g) => {
                    let mut ng =
                        proc_macro2::Group::new(g.delimiter(), self.resolve_tokens(g.stream()));
                    ng.set_span(g.span());
                    TokenTree::Group(ng)
                }
                TokenTree::Literal(l) => {
                    if let Ok(syn::Lit::Str(s)) =
                        syn::parse2::<syn::Lit>(TokenTree::Literal(l.clone()).into())
                    {
                        self.format_captures(&s.value());
                    }
                    TokenTree::Literal(l)
                }
                other => other,
            })
            .collect()
    }

    /// Inline captures of a format string (`{name}`, `{name:?}`); returns
    /// those naming a renamed binding, with its new name.
    fn format_captures(&mut self, s: &str) -> Vec<(String, Ident)> {
        let mut renamed = Vec::new();
        let mut rest = s;
        while let Some(open) = rest.find('{') {
            rest = &rest[open + 1..];
            if let Some(stripped) = rest.strip_prefix('{') {
                rest = stripped;
                continue;
            }
            let end = rest.find(['}', ':']).unwrap_or(rest.len());
            let close = rest.find('}').unwrap_or(rest.len());
            // The value, and the width and precision arguments of its spec
            // (`{x:>width$.prec$}`).
            let spec = rest.get(end + 1..close).unwrap_or("");
            let mut names = vec![rest[..end].trim()];
            let mut spec_rest = spec;
            while let Some(dollar) = spec_rest.find('$') {
                let before = &spec_rest[..dollar];
                let start = before
                    .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .map_or(0, |i| i + 1);
                names.push(&before[start..]);
                spec_rest = &spec_rest[dollar + 1..];
            }
            for name in names {
                if syn::parse_str::<Ident>(name).is_ok()
                    && let Some(new) = self.mention(name, Use::Place)
                    && !renamed.iter().any(|(n, _): &(String, Ident)| n == name)
                {
                    renamed.push((name.to_owned(), new));
                }
            }
            rest = &rest[close.min(rest.len())..];
        }
        renamed
    }
}

/// The identifiers of a token stream, at any depth.
fn token_idents(tokens: TokenStream, out: &mut Vec<String>) {
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) => out.push(i.to_string()),
            TokenTree::Group(g) => token_idents(g.stream(), out),
            _ => {}
        }
    }
}

/// `x`, `mut x` or `x: T` (with the type): a pattern that binds one name
/// to the whole value.
fn simple_ident(pat: &Pat) -> Option<Option<&syn::Type>> {
    match pat {
        Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => Some(None),
        Pat::Type(t) => match &*t.pat {
            Pat::Ident(p) if p.by_ref.is_none() && p.subpat.is_none() => Some(Some(&t.ty)),
            _ => None,
        },
        _ => None,
    }
}

/// `_` or `_: T`: a pattern that binds (and moves) nothing.
fn binds_nothing(pat: &Pat) -> bool {
    match pat {
        Pat::Wild(_) => true,
        Pat::Type(t) => binds_nothing(&t.pat),
        _ => false,
    }
}

/// A literal, maybe negated: a value of a `Copy` type.
fn is_literal(e: &Expr) -> bool {
    match e {
        Expr::Lit(_) => true,
        Expr::Unary(u) if matches!(u.op, UnOp::Neg(_)) => is_literal(&u.expr),
        Expr::Paren(p) => is_literal(&p.expr),
        _ => false,
    }
}

/// A statement after which the code that follows never runs.
fn always_leaves(stmt: &syn::Stmt) -> bool {
    const PANICS: &[&str] = &["panic", "unreachable", "todo", "unimplemented"];
    let is_panic = |m: &syn::Macro| {
        m.path
            .segments
            .last()
            .is_some_and(|s| PANICS.contains(&s.ident.to_string().as_str()))
    };
    match stmt {
        syn::Stmt::Expr(Expr::Return(_) | Expr::Break(_) | Expr::Continue(_), _) => true,
        syn::Stmt::Expr(Expr::Macro(m), _) => is_panic(&m.mac),
        syn::Stmt::Macro(m) => is_panic(&m.mac),
        _ => false,
    }
}

/// Whether evaluating `e` always leaves (a block with a statement that
/// does, a `return`, a `panic!`...).
fn expr_always_leaves(e: &Expr) -> bool {
    match e {
        Expr::Block(b) if b.label.is_none() => b.block.stmts.iter().any(always_leaves),
        _ => always_leaves(&syn::Stmt::Expr(e.clone(), None)),
    }
}

fn has_let(e: &Expr) -> bool {
    match e {
        Expr::Let(_) => true,
        Expr::Binary(b) if matches!(b.op, BinOp::And(_)) => has_let(&b.left) || has_let(&b.right),
        _ => false,
    }
}

fn is_comparison(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::Eq(_) | BinOp::Ne(_) | BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_)
    )
}

fn is_compound_assign(op: &BinOp) -> bool {
    matches!(
        op,
        BinOp::AddAssign(_)
            | BinOp::SubAssign(_)
            | BinOp::MulAssign(_)
            | BinOp::DivAssign(_)
            | BinOp::RemAssign(_)
            | BinOp::BitXorAssign(_)
            | BinOp::BitAndAssign(_)
            | BinOp::BitOrAssign(_)
            | BinOp::ShlAssign(_)
            | BinOp::ShrAssign(_)
    )
}

/// A place expression whose evaluation has no effect but its index operands.
pub fn is_place(e: &Expr) -> bool {
    match e {
        Expr::Path(p) => p.qself.is_none() && p.path.segments.len() == 1,
        Expr::Field(f) => is_place(&f.base),
        Expr::Index(i) => is_place(&i.expr),
        Expr::Paren(p) => is_place(&p.expr),
        Expr::Unary(u) => matches!(u.op, UnOp::Deref(_)) && is_place(&u.expr),
        _ => false,
    }
}

fn ident_pat(ident: &Ident, mutable: bool) -> Pat {
    Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: mutable.then(Default::default),
        ident: ident.clone(),
        subpat: None,
    })
}

/// The bindings a pattern introduces, in order, with their mutability.
pub fn pat_bindings(pat: &Pat, out: &mut Vec<(Ident, bool)>) {
    for_each_binding(&mut pat.clone(), &mut |p| {
        out.push((p.ident.clone(), p.mutability.is_some()))
    });
}

/// Visits the binding identifiers of a pattern in order. An identifier
/// starting with an upper-case letter, with no `mut`, `ref` or `@`, is taken
/// to be a constant or unit variant, as Rust's naming conventions say. In an
/// or-pattern every alternative binds the same names; all are visited, and
/// only the first alternative's count.
fn for_each_binding(pat: &mut Pat, f: &mut dyn FnMut(&mut syn::PatIdent)) {
    match pat {
        Pat::Ident(i) => {
            let upper = i.ident.to_string().starts_with(|c: char| c.is_uppercase());
            if !(upper && i.mutability.is_none() && i.by_ref.is_none() && i.subpat.is_none()) {
                f(i);
            }
            if let Some((_, sub)) = &mut i.subpat {
                for_each_binding(sub, f);
            }
        }
        Pat::Or(o) => {
            let mut cases = o.cases.iter_mut();
            if let Some(first) = cases.next() {
                let mut renamed: Vec<(String, Ident)> = Vec::new();
                for_each_binding(first, &mut |p| {
                    let before = p.ident.to_string();
                    f(p);
                    renamed.push((before, p.ident.clone()));
                });
                for case in cases {
                    for_each_binding(case, &mut |p| {
                        if let Some((_, new)) = renamed.iter().find(|(old, _)| p.ident == old) {
                            p.ident = new.clone();
                        }
                    });
                }
            }
        }
        Pat::Paren(p) => for_each_binding(&mut p.pat, f),
        Pat::Reference(r) => for_each_binding(&mut r.pat, f),
        Pat::Slice(s) => s.elems.iter_mut().for_each(|p| for_each_binding(p, f)),
        Pat::Struct(s) => s.fields.iter_mut().for_each(|fp| {
            for_each_binding(&mut fp.pat, f);
            if fp.colon_token.is_none()
                && let (syn::Member::Named(field), Pat::Ident(p)) = (&fp.member, &*fp.pat)
                && p.ident != *field
            {
                // `S { x }` with `x` renamed becomes `S { x: x_renamed }`.
                fp.colon_token = Some(Default::default());
            }
        }),
        Pat::Tuple(t) => t.elems.iter_mut().for_each(|p| for_each_binding(p, f)),
        Pat::TupleStruct(t) => t.elems.iter_mut().for_each(|p| for_each_binding(p, f)),
        Pat::Type(t) => for_each_binding(&mut t.pat, f),
        _ => {}
    }
}

/// A name for a fresh binding of a parameter with a complex pattern.
pub fn param_ident(index: usize, span: Span) -> Ident {
    format_ident!("__baozi_arg{}", index, span = span)
}

/// Methods that return a borrow of their receiver.
const BORROWING_METHODS: &[&str] = &[
    "iter",
    "iter_mut",
    "chars",
    "char_indices",
    "bytes",
    "lines",
    "split",
    "split_whitespace",
    "windows",
    "chunks",
    "chunks_mut",
    "keys",
    "values",
    "values_mut",
    "drain",
    "as_str",
    "as_slice",
    "as_mut_slice",
    "as_ref",
    "as_mut",
    "as_bytes",
    "first",
    "last",
    "get",
    "get_mut",
    "trim",
    "lock",
    "borrow",
    "borrow_mut",
];

/// Methods whose value holds a borrow of their receiver that a pattern
/// binds by reference (`Some(x)` of an `Option<&T>`).
const RETURNS_A_BORROW: &[&str] = &[
    "get",
    "get_mut",
    "first",
    "last",
    "first_mut",
    "last_mut",
    "peek",
    "peek_mut",
    "as_ref",
    "as_mut",
    "as_deref",
    "as_deref_mut",
    "get_key_value",
    "split_first",
    "split_last",
];

/// The names a pattern binds inside a `&` pattern (`Some(&x)`, `&(a, b)`):
/// by value, not by the default binding mode's reference.
fn names_under_reference_patterns(pat: &Pat, under: bool, out: &mut Vec<String>) {
    match pat {
        Pat::Ident(p) => {
            if under {
                out.push(p.ident.to_string());
            }
            if let Some((_, sub)) = &p.subpat {
                names_under_reference_patterns(sub, under, out);
            }
        }
        Pat::Reference(r) => names_under_reference_patterns(&r.pat, true, out),
        Pat::Or(o) => o
            .cases
            .iter()
            .for_each(|p| names_under_reference_patterns(p, under, out)),
        Pat::Paren(p) => names_under_reference_patterns(&p.pat, under, out),
        Pat::Slice(s) => s
            .elems
            .iter()
            .for_each(|p| names_under_reference_patterns(p, under, out)),
        Pat::Struct(s) => s
            .fields
            .iter()
            .for_each(|f| names_under_reference_patterns(&f.pat, under, out)),
        Pat::Tuple(t) => t
            .elems
            .iter()
            .for_each(|p| names_under_reference_patterns(p, under, out)),
        Pat::TupleStruct(t) => t
            .elems
            .iter()
            .for_each(|p| names_under_reference_patterns(p, under, out)),
        Pat::Type(t) => names_under_reference_patterns(&t.pat, under, out),
        _ => {}
    }
}

/// Iterator adapters: the iterator they return holds the one they adapt
/// (and what it borrows).
const ADAPTERS: &[&str] = &[
    "map",
    "filter",
    "filter_map",
    "flat_map",
    "flatten",
    "enumerate",
    "rev",
    "skip",
    "take",
    "skip_while",
    "take_while",
    "map_while",
    "step_by",
    "chain",
    "zip",
    "peekable",
    "fuse",
    "inspect",
    "copied",
    "cloned",
    "cycle",
    "scan",
    "unwrap",
    "expect",
];

/// The local a borrowing expression (`&v`, `&mut v[..]`, `v.iter()`,
/// `v.iter().map(..)`) borrows from. Not one whose last method may make an
/// owned value of the borrow (`v.iter().map(..).collect()` may build a
/// `Vec<T>` or a `Vec<&T>`): that is for rustc's borrow checker to say.
fn borrowed_place_root(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Reference(r) => place_root(&r.expr),
        Expr::Paren(p) => borrowed_place_root(&p.expr),
        Expr::MethodCall(m) if BORROWING_METHODS.contains(&m.method.to_string().as_str()) => {
            place_root(&m.receiver)
        }
        // `v.first().copied()` is an owned value.
        Expr::MethodCall(m)
            if matches!(m.method.to_string().as_str(), "copied" | "cloned")
                && matches!(&*m.receiver, Expr::MethodCall(inner)
                    if matches!(inner.method.to_string().as_str(), "first" | "last" | "get" | "get_mut")) =>
        {
            None
        }
        // An adapter over a borrowing iterator still borrows.
        Expr::MethodCall(m) if ADAPTERS.contains(&m.method.to_string().as_str()) => {
            borrowed_place_root(&m.receiver)
        }
        _ => None,
    }
}

fn is_bare_path(e: &Expr) -> bool {
    matches!(e, Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some())
}

/// Whether a reference borrows a temporary that Rust keeps as long as the
/// binding it initialises, rather than a constant it promotes to
/// `'static`: `&mut` of a value that is not a place (`&mut 0`, `&mut
/// make()`), or `&` of a call (`&make()`).
fn borrows_a_temporary(r: &syn::ExprReference) -> bool {
    let call = matches!(
        &*r.expr,
        Expr::Call(_) | Expr::MethodCall(_) | Expr::Macro(_)
    );
    call || (r.mutability.is_some()
        && !is_place(&r.expr)
        && !matches!(&*r.expr, Expr::Array(a) if a.elems.is_empty()))
}

/// Whether a method chain takes a guard (`m.lock().unwrap()`).
fn calls_guard_method(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => {
            matches!(
                m.method.to_string().as_str(),
                "lock" | "borrow" | "borrow_mut"
            ) || calls_guard_method(&m.receiver)
        }
        Expr::Paren(p) => calls_guard_method(&p.expr),
        _ => false,
    }
}

/// Whether a method chain calls a method of text (`s.chars().rev()`).
fn calls_text_method(e: &Expr) -> bool {
    match e {
        Expr::MethodCall(m) => {
            matches!(
                m.method.to_string().as_str(),
                "chars"
                    | "char_indices"
                    | "bytes"
                    | "lines"
                    | "split_whitespace"
                    | "trim"
                    | "as_str"
            ) || calls_text_method(&m.receiver)
        }
        Expr::Paren(p) => calls_text_method(&p.expr),
        _ => false,
    }
}

/// The local a value moves or adapts, keeping what it borrows: `x` in `x`,
/// `x.rev()`, `x.iter().map(..)`, `&x[..]`; not in `x.len()`, which gives a
/// value of its own.
fn chain_root(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::MethodCall(m) => {
            let method = m.method.to_string();
            let keeps =
                ADAPTERS.contains(&method.as_str()) || BORROWING_METHODS.contains(&method.as_str());
            if keeps { chain_root(&m.receiver) } else { None }
        }
        Expr::Reference(r) => chain_root(&r.expr),
        other => place_root(other),
    }
}

/// The name of a path of one plain segment (`x`).
fn simple_path(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Path(p) => plain_name(p),
        _ => None,
    }
}

/// The name of a path expression of one plain segment (`x`, not `a::x`,
/// `::x`, `x::<T>` or `<T>::x`).
fn plain_name(p: &syn::ExprPath) -> Option<&Ident> {
    let plain = p.qself.is_none()
        && p.path.leading_colon.is_none()
        && p.path.segments.len() == 1
        && p.path.segments[0].arguments.is_none();
    plain.then(|| &p.path.segments[0].ident)
}

/// The names a place reads: every plain path in it (`arr` and `i` of
/// `arr[i].n`, `counts` and `k` of `*counts.entry(k).or_insert(0)`).
fn place_names<'e>(e: &'e Expr, out: &mut Vec<&'e Ident>) {
    struct Names<'a, 'o>(&'o mut Vec<&'a Ident>);
    impl<'a> Visit<'a> for Names<'a, '_> {
        fn visit_expr_path(&mut self, p: &'a syn::ExprPath) {
            self.0.extend(plain_name(p));
        }
        // A macro's tokens are not read here: its mentions are `Opaque`.
        fn visit_macro(&mut self, _: &'a syn::Macro) {}
    }
    Names(out).visit_expr(e);
}

fn place_root(e: &Expr) -> Option<&Ident> {
    match e {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            Some(&p.path.segments[0].ident)
        }
        Expr::Field(f) => place_root(&f.base),
        Expr::Index(i) => place_root(&i.expr),
        Expr::Paren(p) => place_root(&p.expr),
        _ => None,
    }
}

/// Whether an initialiser visibly creates an owning container.
fn is_owning_expr(e: &Expr) -> bool {
    match e {
        Expr::Array(_) | Expr::Repeat(_) => true,
        e if crate::parse::is_owning_constructor(e) => true,
        Expr::MethodCall(m) => matches!(
            m.method.to_string().as_str(),
            "to_string"
                | "to_vec"
                | "to_owned"
                | "collect"
                | "repeat"
                | "to_uppercase"
                | "to_lowercase"
                | "join"
                | "concat"
                | "into_owned"
        ),
        _ => false,
    }
}

/// Whether `e` may change the local at the root of the place `place`: it
/// assigns to it or borrows it mutably.
fn changes_root_of(e: &Expr, place: &Expr) -> bool {
    struct Finder<'n> {
        name: &'n str,
        found: bool,
    }
    impl Finder<'_> {
        fn hits(&self, target: &Expr) -> bool {
            place_root(target).is_some_and(|r| r == self.name)
        }
    }
    impl<'a> Visit<'a> for Finder<'_> {
        fn visit_expr_assign(&mut self, a: &'a syn::ExprAssign) {
            self.found |= self.hits(&a.left);
            syn::visit::visit_expr_assign(self, a);
        }
        fn visit_expr_binary(&mut self, b: &'a syn::ExprBinary) {
            self.found |= is_compound_assign(&b.op) && self.hits(&b.left);
            syn::visit::visit_expr_binary(self, b);
        }
        fn visit_expr_reference(&mut self, r: &'a syn::ExprReference) {
            self.found |= r.mutability.is_some() && self.hits(&r.expr);
            syn::visit::visit_expr_reference(self, r);
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            visit_macro_operands(self, m);
        }
    }
    let Some(root) = place_root(place) else {
        return false;
    };
    let name = root.to_string();
    let mut f = Finder {
        name: &name,
        found: false,
    };
    f.visit_expr(e);
    f.found
}

/// Visits the operands of `yield_!` and of any macro whose arguments are
/// expressions (`yield_!({ p.v = 0; 0 })`).
fn visit_macro_operands<V: for<'b> Visit<'b>>(visitor: &mut V, m: &syn::Macro) {
    if let Ok(args) = m.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
        for arg in &args {
            visitor.visit_expr(arg);
        }
    }
}

/// Whether a statement kept as it is has a `#[cfg]` or `#[cfg_attr]` of its
/// own (`validate` refuses one on a `let` and on a statement the transform
/// rewrites).
fn stmt_has_cfg(stmt: &syn::Stmt) -> bool {
    let attrs: &[syn::Attribute] = match stmt {
        syn::Stmt::Macro(m) => &m.attrs,
        syn::Stmt::Expr(e, _) => crate::parse::expr_attrs(e),
        syn::Stmt::Local(_) | syn::Stmt::Item(_) => &[],
    };
    crate::parse::cfg_attr(attrs).is_some()
}

/// Whether a mention after position `since` moves a binding (a closure
/// written there that moves a capture, `|| drop(v)`, captures it by value).
fn moves_since(bindings: &[Binding], since: Pos) -> bool {
    bindings
        .iter()
        .flat_map(|b| &b.accesses)
        .any(|a| a.pos > since && a.usage == Use::Move)
}

/// `value` with `wrap` applied to the expression that is its result (see
/// `flags::ends_in_expr`, which says where there is one).
fn wrap_result(value: Value, wrap: &dyn Fn(Expr) -> Expr) -> Value {
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
fn args_first(m: &syn::ExprMethodCall) -> Expr {
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

/// The root of a place and its field names, with `None` for an index
/// (`v[i].n` is `v`, `[None, Some("n")]`).
fn place_steps(e: &Expr) -> Option<(&Ident, Vec<Option<String>>)> {
    match e {
        Expr::Path(p) if p.qself.is_none() && p.path.segments.len() == 1 => {
            Some((&p.path.segments[0].ident, Vec::new()))
        }
        Expr::Field(f) => place_steps(&f.base).map(|(root, mut steps)| {
            let member = &f.member;
            steps.push(Some(quote!(#member).to_string()));
            (root, steps)
        }),
        Expr::Index(i) => place_steps(&i.expr).map(|(root, mut steps)| {
            steps.push(None);
            (root, steps)
        }),
        Expr::Paren(p) => place_steps(&p.expr),
        _ => None,
    }
}

/// Whether `e` calls a method on a place that overlaps `place`: one is the
/// other or a part of it (`x.lower()` or `x.n.set(..)` for `x.n`; an index
/// overlaps every other).
fn calls_method_on(e: &Expr, place: &Expr) -> bool {
    struct Finder<'p> {
        place: (&'p Ident, Vec<Option<String>>),
        found: bool,
    }
    impl Finder<'_> {
        fn overlaps(&self, other: &Expr) -> bool {
            let (root, steps) = &self.place;
            place_steps(other).is_some_and(|(r, s)| {
                r == *root
                    && steps
                        .iter()
                        .zip(&s)
                        .all(|(a, b)| a.is_none() || b.is_none() || a == b)
            })
        }
    }
    impl<'a> Visit<'a> for Finder<'_> {
        fn visit_expr_method_call(&mut self, m: &'a syn::ExprMethodCall) {
            self.found |= self.overlaps(&m.receiver);
            syn::visit::visit_expr_method_call(self, m);
        }
        fn visit_macro(&mut self, m: &'a syn::Macro) {
            visit_macro_operands(self, m);
        }
    }
    let Some(place) = place_steps(place) else {
        return false;
    };
    let mut f = Finder {
        place,
        found: false,
    };
    f.visit_expr(e);
    f.found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program(item: &str) -> Program {
        let func =
            crate::parse::parse(quote!(yield = i32, resume = i32), item.parse().unwrap()).unwrap();
        normalize(&func, &HashSet::new()).unwrap_or_else(|e| panic!("{}", e[0]))
    }

    /// A compact text form of the IR, one statement per line.
    fn show(prog: &Program) -> String {
        fn body(p: &Program, b: &Body, depth: usize, out: &mut String) {
            for s in &b.stmts {
                out.push_str(&"  ".repeat(depth));
                match s {
                    Stmt::Plain(s) => out.push_str(&format!("plain {}\n", quote!(#s))),
                    Stmt::Let(l) => {
                        let pat = &l.pat;
                        out.push_str(&format!("let {} =", quote!(#pat)));
                        match &l.init {
                            Some(v) => value(p, v, depth, out),
                            None => out.push('\n'),
                        }
                    }
                    Stmt::Value(v) => {
                        out.push_str("do");
                        value(p, v, depth, out);
                    }
                }
            }
            if let Some(t) = &b.tail {
                out.push_str(&"  ".repeat(depth));
                out.push_str("tail");
                value(p, t, depth, out);
            }
        }
        fn value(p: &Program, v: &Value, depth: usize, out: &mut String) {
            match v {
                Value::Expr(e) => out.push_str(&format!(" {}\n", quote!(#e))),
                Value::Yield { value, .. } => out.push_str(&format!(" yield {}\n", quote!(#value))),
                Value::Block { body: b, .. } => {
                    out.push_str(" block\n");
                    body(p, b, depth + 1, out);
                }
                Value::If {
                    cond,
                    then,
                    otherwise,
                    ..
                } => {
                    out.push_str(&format!(" if {}\n", quote!(#cond)));
                    body(p, then, depth + 1, out);
                    if let Some(o) = otherwise {
                        out.push_str(&format!("{}else\n", "  ".repeat(depth)));
                        body(p, o, depth + 1, out);
                    }
                }
                Value::Match {
                    scrutinee, arms, ..
                } => {
                    out.push_str(&format!(" match {}\n", quote!(#scrutinee)));
                    for a in arms {
                        let pat = &a.pat;
                        out.push_str(&format!("{}arm {}\n", "  ".repeat(depth + 1), quote!(#pat)));
                        body(p, &a.body, depth + 2, out);
                    }
                }
                Value::Loop { body: b, .. } => {
                    out.push_str(" loop\n");
                    body(p, b, depth + 1, out);
                }
            }
        }
        let mut out = String::new();
        body(prog, &prog.body, 0, &mut out);
        out
    }

    #[test]
    fn operands_before_a_yield_are_hoisted_in_order() {
        let p = program("fn f() { g(a(), yield_!(1), b()); }");
        assert_eq!(
            show(&p),
            "do block\n  \
               let __baozi_tmp1 = a ()\n  \
               let __baozi_tmp2 = yield 1\n  \
               tail g (__baozi_tmp1 , __baozi_tmp2 , b ())\n"
        );
    }

    #[test]
    fn a_yield_in_a_let_is_not_wrapped() {
        let p = program("fn f() { let x = yield_!(1); x }");
        assert_eq!(show(&p), "let x = yield 1\ntail x\n");
    }

    #[test]
    fn while_becomes_loop_with_break() {
        let p = program("fn f() { while c() { yield_!(1); } }");
        assert_eq!(
            show(&p),
            "tail loop\n  \
               plain if ! (c ()) { break ; }\n  \
               do yield 1\n"
        );
    }

    #[test]
    fn lazy_and_with_a_yield_becomes_if() {
        let p = program("fn f() -> bool { a() && yield_!(1) > 0 }");
        assert_eq!(
            show(&p),
            "tail block\n  \
               let __baozi_tmp2 = if a ()\n    \
                 tail block\n      \
                   let __baozi_tmp1 = yield 1\n      \
                   tail __baozi_tmp1 > 0\n  \
               else\n    \
                 tail false\n  \
               tail __baozi_tmp2\n"
        );
    }

    #[test]
    fn shadowed_bindings_get_names_of_their_own() {
        let p = program("fn f(x: i32) { let x = x + 1; yield_!(x); }");
        let names: Vec<String> = p.bindings.iter().map(|b| b.ident.to_string()).collect();
        assert_eq!(names, ["x_baozi_shadowed0", "x"]);
        assert_eq!(show(&p), "let x = x_baozi_shadowed0 + 1\ndo yield x\n");
    }

    #[test]
    fn assignments_and_jumps_out_of_yield_free_code_are_recorded() {
        let p = program(
            "fn f() { let mut a = mk(); loop { drop(a); a = mk2(yield_!(1)); \
             if c() { continue; } for i in x() { break; } } }",
        );
        let usages: Vec<Use> = p.bindings[0].accesses.iter().map(|a| a.usage).collect();
        // The target of an assignment whose value yields is assigned.
        assert_eq!(usages, [Use::Move, Use::Assign]);
        // The `continue` leaves for the loop; the `break` stays in its `for`.
        assert_eq!(p.jumps.len(), 1);
        assert_eq!(p.jumps[0].target, p.loops[0]);
        assert!(p.jumps[0].continues);
    }

    #[test]
    fn a_place_read_late_is_mentioned_after_an_earlier_namesake() {
        let p = program(
            "fn f(c: bool) { if c { let mut x = 1; x += yield_!(1); } \
             let mut x = 2; x += yield_!(x); }",
        );
        let x = p.bindings.iter().rfind(|b| b.name == "x").unwrap();
        let usages: Vec<Use> = x.accesses.iter().map(|a| a.usage).collect();
        // The place, the operand, the place again, read after the yield.
        assert_eq!(usages.last(), Some(&Use::Place), "{usages:?}");
        assert!(usages.contains(&Use::Move));
    }

    #[test]
    fn moves_are_noticed() {
        let p = program(
            "fn f() { let s = S::new(); let t = s; let g = G::new(); g.touch(); yield_!(1); }",
        );
        let moved: Vec<(String, bool)> = p
            .bindings
            .iter()
            .map(|b| (b.name.clone(), b.maybe_moved()))
            .collect();
        assert_eq!(
            moved,
            [("s".into(), true), ("t".into(), false), ("g".into(), false)]
        );
    }

    #[test]
    fn format_captures_are_mentions() {
        let p = program(r#"fn f() { let name = 1; yield_!(1); println!("{name}"); }"#);
        assert_eq!(p.bindings[0].accesses.len(), 1);
    }
}
