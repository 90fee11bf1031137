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
//!
//! One `Normalizer` walks the body; this module holds its state and the
//! bookkeeping every part shares (scopes, positions, jump targets). The
//! parts, one concern each:
//! - [`stmts`]: statements and `let`s;
//! - [`control`]: `if`, `match`, loops and blocks that yield;
//! - [`exprs`]: operands and evaluation order around a yield;
//! - [`resolve`]: the names of yield-free code;
//! - [`guesses`]: what the tokens tell of moves and borrows;
//! - [`drop_flags`]: the bindings `flags` chose, written through their flag;
//! - [`syntax`]: small questions about syntax.

mod control;
mod drop_flags;
mod exprs;
mod guesses;
mod resolve;
mod stmts;
mod syntax;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{BinOp, Expr, Pat, Token, UnOp};

use crate::ir::{
    Access, Arm, Binding, BindingId, Body, Borrow, Borrowing, Jump, Lender, Let, Pos, Program,
    Reach, Stmt, Value,
};
use crate::parse::{Form, GeneratorFn, Param};
use crate::yields::{block_has_yield, expr_has_yield, is_yield, is_yield_from, yield_operand};

use drop_flags::*;
use exprs::*;
use guesses::*;
use resolve::*;
use syntax::*;

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
}
