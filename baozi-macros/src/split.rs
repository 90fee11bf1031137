//! Splitting: takes the normalised [`Program`] and gives a [`Machine`]: the
//! body cut into blocks at its suspension points and at the joins of
//! constructs that contain them.
//!
//! Each block is the code of one arm of the step function's dispatch loop
//! (or, when one jump enters it, written where that jump is: `emit`). It
//! starts by re-binding the locals it receives (in nested `{}` scopes that
//! mirror the source's, so they drop where Rust would drop them; a local
//! moved out before the block starts and assigned again in it is declared
//! there without a value) and ends in
//! exactly one way: a jump to another block (`__cur = Block { .. }; continue`),
//! a suspension (`*__state = State::Sk { .. }; return Yielded(v)`), or
//! completion. At the end of a loop's body, a small, already written header
//! is copied in place of the jump, after the body's scopes have closed.
//! Constructs without yields stay ordinary Rust inside a block;
//! their `return`, `?`, `break`, `continue` and `self` are rewritten here.
//! Where the code depends on whether the block ends up working on its state
//! in place (storing a state, re-binding or handing on an in-place binding,
//! completing), `split` leaves a [`Hole`] that `emit` fills per block.

use std::cell::Cell;

use proc_macro2::{Ident, Span, TokenStream, TokenTree};
use quote::{format_ident, quote, quote_spanned};
use syn::visit_mut::VisitMut;

use crate::init::Init;
use crate::ir::{
    BindingId, Body, Let, Pos, Program, Reach, Stmt, Usage, Value, mentions, opens_a_closure,
};
use crate::liveness::Liveness;
use crate::names::Names;
use crate::scope::{Storage, in_body_of, reinitialised, storage, unassigned};
use syn::Pat;

pub type BlockId = usize;

pub struct Block {
    pub name: Ident,
    /// The bindings it receives, in declaration order.
    pub entry: Vec<BindingId>,
    /// Those of `entry` that are dead where it starts ([`Storage::Dead`]).
    pub dead: Vec<BindingId>,
    /// Whether it also receives a value (a resume value, a branch's value).
    pub has_value: bool,
    /// Whether its code declares a binding without a value (see
    /// `scope::reinitialised`), itself or in a loop header copied into it.
    pub declares_uninit: bool,
    /// It receives nothing and only completes (see `StoreTo::Block`).
    pub only_completes: bool,
    pub code: TokenStream,
}

pub struct Suspend {
    pub name: Ident,
    /// The bindings stored while suspended here, in declaration order.
    pub fields: Vec<BindingId>,
    /// Those of `fields` that are dead here ([`Storage::Dead`]).
    pub dead: Vec<BindingId>,
    /// Index into `Machine::blocks` of the block that continues after it.
    pub resume: usize,
    /// Where the `yield_!` is.
    pub span: Span,
}

/// Code whose shape depends on where the block it ends up in keeps its
/// in-place bindings (in the state or in locals, see `emit`), left as a
/// marker in the code: the identifier [`hole_ident`] of its index.
pub enum Hole {
    /// Binding a received in-place binding at the top of its scope.
    Bind(BindingId),
    /// The value of an in-place binding handed on to a copied block.
    Pass(BindingId),
    /// Marking the state completed with the return value in this local
    /// (its remaining locals drop last).
    Complete(Ident),
    /// `code`, the declaration of `bindings` without a value, if the block
    /// it ends up in mentions one of them.
    DeclareWithoutValue {
        bindings: Vec<BindingId>,
        code: TokenStream,
    },
    /// Storing `fields` in a suspended state or in a block to jump to.
    Store {
        to: StoreTo,
        fields: Vec<BindingId>,
        /// Those of `fields` that are dead there: see [`dead_value`].
        dead: Vec<BindingId>,
        /// Those of `dead` already ended before the yielded value was
        /// computed: the elements of the tuple [`ENDED`], in this order.
        ended: Vec<BindingId>,
        /// Errors about a stored value ("use of moved value") point here.
        span: Span,
    },
}

/// The tuple of the dead values a suspension ends before its yielded value
/// is computed (see [`Hole::Store`]).
pub const ENDED: &str = "__baozi_ended";

pub enum StoreTo {
    /// `*state = State::Sk { .. }`, with `k` the index of the suspension.
    Suspend(usize),
    /// `cur = Block::Bn { .. }`, with `extra` the field of its value; or,
    /// when block `target` only completes, completing here with `value`
    /// (a jump less through the dispatch loop: the optimiser keeps a loop
    /// whose exit only completes as tight as one without it).
    Block {
        name: Ident,
        extra: TokenStream,
        target: BlockId,
        value: TokenStream,
        /// Whether the jump leaves the scope of a binding that `target`
        /// does not receive (which the jump drops, or ends): then the
        /// target's code cannot run where the jump is (see `emit`).
        ends_scopes: bool,
    },
}

/// The marker of hole `i`.
pub fn hole_ident(i: usize) -> Ident {
    Ident::new(&format!("__baozi_hole{i}"), Span::mixed_site())
}

/// The hole an identifier marks, if it is a marker.
pub fn hole_of(ident: &Ident) -> Option<usize> {
    ident.to_string().strip_prefix("__baozi_hole")?.parse().ok()
}

pub struct Machine {
    /// Used blocks, in the order their code starts (source order).
    pub blocks: Vec<Block>,
    pub suspends: Vec<Suspend>,
    pub holes: Vec<Hole>,
    /// Index into `blocks` of the block the first resume runs.
    pub entry: usize,
    /// Whether the generator can complete (or only ever yields).
    pub completes: bool,
}

/// The field of a state variant that stores binding `b`.
pub fn field_name(prog: &Program, b: BindingId) -> Ident {
    format_ident!("{}_{}", prog.bindings[b].name, b)
}

/// The local that owns an in-place binding's value outside the state.
pub fn owned_name(b: BindingId) -> Ident {
    Ident::new(&format!("__baozi_own{b}"), Span::mixed_site())
}

/// The arm-local name a received binding is first bound to.
pub fn received_name(b: BindingId) -> Ident {
    Ident::new(&format!("__baozi_f{b}"), Span::mixed_site())
}

/// What is stored for binding `b`, dead where it is stored, named `value`:
/// rustc picks `()` for a `Copy` value or a `&mut` (no drop glue: it ends
/// here, and a borrow it holds ends with it), and the value itself for
/// anything else (it drops at the end of its scope), which is baozi's error
/// at the borrow for a binding that visibly borrows another local (see
/// `baozi_core::__private::dead_local`). Evaluated before the live values
/// are moved, so that a dead borrow of one of them has ended.
pub fn dead_value(prog: &Program, names: &Names, b: BindingId, value: &Ident) -> TokenStream {
    match prog.borrows.iter().find(|borrow| borrow.borrower == b) {
        Some(borrow) => {
            let dead = &names.dead_borrow;
            quote_spanned!(borrow.span=> #dead(&#value).store(#value))
        }
        None => {
            let dead = &names.dead_local;
            let span = value.span();
            quote_spanned!(span=> #dead(&#value).store(#value))
        }
    }
}

pub fn split(prog: &Program, live: &Liveness, init: &Init, names: &Names) -> Machine {
    let mut s = Splitter {
        prog,
        live,
        init,
        names,
        blocks: Vec::new(),
        started: Vec::new(),
        suspends: Vec::new(),
        scopes: Vec::new(),
        cur: None,
        slots: Vec::new(),
        loops: Vec::new(),
        completes: Cell::new(false),
        holes: Vec::new(),
        split_points: Vec::new(),
    };
    split_points(&prog.body, &mut s.split_points);
    s.split_points.extend(&prog.exits);
    s.scopes.push(Scope {
        bindings: prog.params.clone(),
        macros: Vec::new(),
        is_unsafe: false,
    });
    let entry = s.new_block(prog.params.clone(), Vec::new(), false);
    s.start_block(entry);
    s.lower_body(&prog.body, &Dest::Return);
    let mut blocks: Vec<Option<BlockSlot>> = s.blocks.into_iter().map(Some).collect();
    let order = s.started;
    let mut index_of = vec![usize::MAX; blocks.len()];
    let mut out = Vec::new();
    for id in order {
        let slot = blocks[id].take().expect("a block starts once");
        index_of[id] = out.len();
        out.push(Block {
            name: slot.name,
            entry: slot.entry,
            dead: slot.dead,
            has_value: slot.has_value,
            declares_uninit: !slot.uninit.is_empty() || slot.inlined_uninit,
            only_completes: slot.only_completes,
            code: slot.code.expect("a started block is finished"),
        });
    }
    let mut suspends = s.suspends;
    for suspend in &mut suspends {
        suspend.resume = index_of[suspend.resume];
    }
    let mut holes = s.holes;
    for hole in &mut holes {
        if let Hole::Store {
            to: StoreTo::Block { target, .. },
            ..
        } = hole
        {
            *target = index_of[*target];
        }
    }
    Machine {
        completes: s.completes.get(),
        blocks: out,
        suspends,
        holes,
        entry: index_of[entry],
    }
}

struct BlockSlot {
    name: Ident,
    entry: Vec<BindingId>,
    dead: Vec<BindingId>,
    /// Bindings in scope that it declares without a value: moved out where
    /// it starts, assigned again after (see `scope::reinitialised`).
    uninit: Vec<BindingId>,
    /// Whether a loop header copied into it declares some.
    inlined_uninit: bool,
    has_value: bool,
    used: bool,
    /// It receives nothing and only completes, with its value or `()`: a
    /// jump to it completes in place (see `StoreTo::Block`).
    only_completes: bool,
    code: Option<TokenStream>,
}

struct Scope {
    bindings: Vec<BindingId>,
    /// `macro_rules!` definitions made in this scope so far: every block
    /// that continues the scope defines them again.
    macros: Vec<TokenStream>,
    is_unsafe: bool,
}

/// Code being written for a block or for one branch of a construct.
struct Segment {
    /// Open `{}` scopes, outermost first.
    frames: Vec<Frame>,
    sink: Sink,
}

enum Sink {
    Block(BlockId),
    Slot(usize),
}

struct Frame {
    stmts: TokenStream,
    is_unsafe: bool,
}

impl Frame {
    fn close(self) -> TokenStream {
        let stmts = self.stmts;
        if self.is_unsafe {
            quote!(unsafe { #stmts })
        } else {
            quote!({ #stmts })
        }
    }
}

struct LoopCtx {
    label: Option<String>,
    /// `None` for a labelled block, which `continue` cannot target.
    header: Option<BlockId>,
    exit: BlockId,
}

/// Where a value goes once computed.
enum Dest<'a> {
    /// Dropped; code continues after it.
    Discard,
    /// Bound by a `let`; code continues after it.
    Let(&'a Let),
    /// Bound to `__baozi_tail`, the value of the enclosing scope.
    Tail,
    /// The generator completes with it.
    Return,
    /// Passed to a block.
    Goto(BlockId),
}

struct Splitter<'p> {
    prog: &'p Program,
    live: &'p Liveness,
    init: &'p Init,
    names: &'p Names,
    blocks: Vec<BlockSlot>,
    started: Vec<BlockId>,
    suspends: Vec<Suspend>,
    scopes: Vec<Scope>,
    cur: Option<Segment>,
    slots: Vec<Option<TokenStream>>,
    loops: Vec<LoopCtx>,
    completes: Cell<bool>,
    holes: Vec<Hole>,
    /// Positions where a block may end and another start: the yields, the
    /// ends of `if`s, `match`es, loops and labelled blocks, loop headers,
    /// and after a `return`, `break` or `continue` statement.
    split_points: Vec<Pos>,
}

fn tail_ident() -> Ident {
    Ident::new("__baozi_tail", Span::mixed_site())
}

impl<'p> Splitter<'p> {
    // ---- blocks, segments and scopes ---------------------------------------

    fn new_block(
        &mut self,
        entry: Vec<BindingId>,
        dead: Vec<BindingId>,
        has_value: bool,
    ) -> BlockId {
        let id = self.blocks.len();
        self.blocks.push(BlockSlot {
            name: format_ident!("B{}", id),
            entry,
            dead,
            uninit: Vec::new(),
            inlined_uninit: false,
            has_value,
            used: false,
            only_completes: false,
            code: None,
        });
        id
    }

    /// The bindings in scope now that must be stored at position `at`, and
    /// those of them that are dead there.
    fn stored_at(&self, at: Pos) -> (Vec<BindingId>, Vec<BindingId>) {
        let stored: Vec<(BindingId, Storage)> = self
            .in_scope()
            .filter_map(|b| Some((b, storage(self.prog, self.live, self.init, b, at)?)))
            .collect();
        let dead = stored
            .iter()
            .filter(|(_, s)| *s == Storage::Dead)
            .map(|&(b, _)| b)
            .collect();
        (stored.into_iter().map(|(b, _)| b).collect(), dead)
    }

    fn in_scope(&self) -> impl Iterator<Item = BindingId> + '_ {
        self.scopes.iter().flat_map(|s| s.bindings.iter().copied())
    }

    /// A block that continues at position `at`: it receives the bindings
    /// stored there, and declares those moved out there that it assigns
    /// again (an uninitialised binding that the block does not assign
    /// would have no type).
    fn block_at(&mut self, at: Pos, has_value: bool) -> BlockId {
        let (entry, dead) = self.stored_at(at);
        let id = self.new_block(entry, dead, has_value);
        self.blocks[id].uninit = self
            .in_scope()
            .filter(|&b| {
                let assigned_here = |assigned: Pos| assigned > at && self.reaches(at, assigned);
                let assignments = self.prog.bindings[b].accesses.iter();
                // In the body `at` is in: a sibling branch's code is not
                // this block's.
                let assigns = || {
                    assignments
                        .filter(|a| a.usage == crate::ir::Usage::Assign)
                        .any(|a| assigned_here(a.pos) && in_body_of(self.prog, at, a.pos))
                };
                (unassigned(self.prog, self.live, self.init, b, at) && assigns())
                    || reinitialised(self.prog, self.live, b, at).is_some_and(assigned_here)
            })
            .collect();
        id
    }

    /// Whether the code of a block that starts at position `at` runs on to
    /// position `to`, later in the same body: no block ends in between.
    /// The `else` of a `let .. else` is split off as a branch: the code
    /// around it goes on after it, the code in it never leaves it. A split
    /// point in a sibling branch (a body holding neither `at` nor `to`:
    /// `if c { yield_!(0) } else { x = 0 }` from before the `if` to the
    /// assignment) ends no block on the way.
    fn reaches(&self, at: Pos, to: Pos) -> bool {
        let inside = |(start, end): (Pos, Pos), pos: Pos| start < pos && pos < end;
        let diverges = &self.prog.diverges;
        if diverges.iter().any(|&d| inside(d, at) && !inside(d, to)) {
            return false;
        }
        let in_a_sibling_branch = |p: Pos| {
            self.prog
                .bodies
                .iter()
                .any(|&b| inside(b, p) && !inside(b, at) && !inside(b, to))
        };
        !self.split_points.iter().any(|&p| {
            at < p
                && p < to
                && !diverges
                    .iter()
                    .any(|&d| inside(d, p) && !inside(d, at) && !inside(d, to))
                && !in_a_sibling_branch(p)
        })
    }

    fn hole(&mut self, hole: Hole) -> TokenStream {
        let ident = hole_ident(self.holes.len());
        self.holes.push(hole);
        quote!(#ident)
    }

    fn in_place(&self, b: BindingId) -> bool {
        self.prog.bindings[b].reach == Reach::InPlace
    }

    fn start_block(&mut self, id: BlockId) {
        self.started.push(id);
        let entry = self.blocks[id].entry.clone();
        let uninit = self.blocks[id].uninit.clone();
        let mut frames = Vec::new();
        for s in 0..self.scopes.len() {
            let mut stmts = TokenStream::new();
            for b in self.scopes[s].bindings.clone() {
                if uninit.contains(&b) {
                    // Assigned before it is used again.
                    let binding = &self.prog.bindings[b];
                    let ident = &binding.ident;
                    let mutability = binding.mutable.then(|| quote!(mut));
                    let ty = binding.ty.as_ref().map(|ty| quote!(: #ty));
                    stmts.extend(quote! {
                        #[allow(unused_mut, unused_variables)]
                        let #mutability #ident #ty;
                    });
                    continue;
                }
                if !entry.contains(&b) {
                    continue;
                }
                if self.in_place(b) {
                    let bind = self.hole(Hole::Bind(b));
                    stmts.extend(bind);
                    continue;
                }
                let binding = &self.prog.bindings[b];
                let ident = &binding.ident;
                let mutability = binding.mutable.then(|| quote!(mut));
                let received = received_name(b);
                // No `#[allow(unused_mut, unused_variables)]`: rustc reports
                // neither on these re-bindings (the workspace's generators
                // build clean under clippy's `-D warnings` without it), and
                // every token costs compile time.
                stmts.extend(quote! {
                    let #mutability #ident = #received;
                });
            }
            let scope = &self.scopes[s];
            stmts.extend(scope.macros.iter().cloned());
            frames.push(Frame {
                stmts,
                is_unsafe: scope.is_unsafe,
            });
        }
        self.cur = Some(Segment {
            frames,
            sink: Sink::Block(id),
        });
    }

    fn push(&mut self, code: TokenStream) {
        if let Some(seg) = &mut self.cur {
            seg.frames
                .last_mut()
                .expect("an open frame")
                .stmts
                .extend(code);
        }
    }

    fn push_scope(&mut self, bindings: Vec<BindingId>, is_unsafe: bool) {
        self.scopes.push(Scope {
            bindings,
            macros: Vec::new(),
            is_unsafe,
        });
        if let Some(seg) = &mut self.cur {
            seg.frames.push(Frame {
                stmts: TokenStream::new(),
                is_unsafe,
            });
        }
    }

    fn declare(&mut self, bindings: &[BindingId]) {
        self.scopes
            .last_mut()
            .expect("a scope is open")
            .bindings
            .extend_from_slice(bindings);
    }

    /// Closes the innermost scope as a statement.
    fn pop_scope(&mut self) {
        self.scopes.pop();
        if let Some(seg) = &mut self.cur {
            let frame = seg.frames.pop().expect("a frame per scope");
            let code = frame.close();
            seg.frames
                .last_mut()
                .expect("an enclosing frame")
                .stmts
                .extend(code);
        }
    }

    /// Closes the innermost scope as an expression whose value is `tail`.
    fn pop_scope_with_tail(&mut self, tail: TokenStream) -> Option<TokenStream> {
        self.scopes.pop();
        let seg = self.cur.as_mut()?;
        let mut frame = seg.frames.pop().expect("a frame per scope");
        frame.stmts.extend(tail);
        Some(frame.close())
    }

    /// Ends the current segment with `last`, which must not fall through.
    fn terminate(&mut self, last: TokenStream) {
        self.push(last);
        self.finish_segment();
    }

    fn finish_segment(&mut self) {
        let Some(seg) = self.cur.take() else { return };
        let mut frames = seg.frames;
        let mut code = frames.pop().expect("an open frame").close();
        while let Some(mut parent) = frames.pop() {
            parent.stmts.extend(code);
            code = parent.close();
        }
        match seg.sink {
            Sink::Block(id) => self.blocks[id].code = Some(code),
            Sink::Slot(slot) => self.slots[slot] = Some(code),
        }
    }

    /// Lowers one branch of a construct into code of its own, nested in the
    /// current segment; `bindings` are bound by the construct's pattern.
    fn branch(&mut self, bindings: Vec<BindingId>, lower: impl FnOnce(&mut Self)) -> TokenStream {
        let saved = self.cur.take();
        let slot = self.slots.len();
        self.slots.push(None);
        self.cur = Some(Segment {
            frames: vec![Frame {
                stmts: TokenStream::new(),
                is_unsafe: false,
            }],
            sink: Sink::Slot(slot),
        });
        self.push_scope(bindings, false);
        lower(self);
        self.pop_scope();
        if let Some(Segment {
            sink: Sink::Block(_),
            ..
        }) = &self.cur
        {
            // A `let ... else` block that was split and falls through.
            self.terminate(quote!(::core::unreachable!("`let ... else` block did not diverge");));
        }
        self.finish_segment();
        self.cur = saved;
        self.slots[slot].take().expect("a branch is finished")
    }

    // ---- jumps -------------------------------------------------------------

    fn goto(&mut self, target: BlockId, value: Option<TokenStream>) -> TokenStream {
        self.blocks[target].used = true;
        let Names {
            dispatch,
            value: value_field,
            ..
        } = self.names;
        let block = &self.blocks[target];
        let name = block.name.clone();
        let fields = block.entry.clone();
        let dead = block.dead.clone();
        // A block that receives nothing may turn out to only complete.
        let may_complete_here = block.entry.is_empty() && block.uninit.is_empty();
        let (eval, extra, passed) = match (block.has_value, value) {
            (true, Some(v)) => (
                quote!(let #value_field = #v;),
                quote!(#value_field: #value_field,),
                quote!(#value_field),
            ),
            (true, None) => (quote!(), quote!(#value_field: (),), quote!(())),
            (false, Some(v)) => (quote!(let _ = #v;), quote!(), quote!(())),
            (false, None) => (quote!(), quote!(), quote!(())),
        };
        let ends_scopes = self.in_scope().any(|b| !fields.contains(&b));
        let store = self.hole(Hole::Store {
            to: StoreTo::Block {
                name,
                extra,
                target,
                value: passed,
                ends_scopes,
            },
            fields,
            dead,
            ended: Vec::new(),
            span: Span::call_site(),
        });
        if eval.is_empty() && !may_complete_here {
            // The store may be the target block itself (see `emit`), which
            // never falls through.
            return quote!({
                #[allow(unreachable_code)]
                {
                    #store
                    continue #dispatch;
                }
            });
        }
        // The value may diverge (`{ ...; return x; }`), or the store may
        // complete in place: then the jump is dead.
        quote!({
            #[allow(unreachable_code, clippy::let_unit_value, clippy::diverging_sub_expression)]
            let _ = {
                #eval
                #store
                continue #dispatch;
            };
        })
    }

    /// Ends a loop's body by going back to its header. When the header is
    /// written and small, a copy of it runs here rather than going round the
    /// dispatch loop: the body's scopes close first (dropping its locals, as
    /// Rust does at the end of an iteration), handing the header's bindings
    /// out as their value.
    fn next_iteration(&mut self, header: BlockId) {
        let inline = matches!(
            self.cur,
            Some(Segment {
                sink: Sink::Block(_),
                ..
            })
        ) && self.blocks[header].code.as_ref().is_some_and(|code| {
            token_count(code.clone()) <= INLINE_LIMIT && !has_a_type_of_its_own(code)
        });
        if !inline {
            let again = self.goto(header, None);
            self.terminate(again);
            return;
        }
        self.blocks[header].used = true;
        // The dead values first: a borrow they hold ends before the others
        // are moved.
        let dead = self.blocks[header].dead.clone();
        let (mut entry, live): (Vec<BindingId>, Vec<BindingId>) = self.blocks[header]
            .entry
            .iter()
            .partition(|b| dead.contains(b));
        // The last declared first: a borrow ends before what it borrows is
        // moved.
        entry.reverse();
        entry.extend(live);
        let received: Vec<Ident> = entry.iter().map(|&b| received_name(b)).collect();
        let values: Vec<TokenStream> = entry
            .iter()
            .map(|&b| {
                if self.in_place(b) {
                    self.hole(Hole::Pass(b))
                } else if dead.contains(&b) {
                    dead_value(self.prog, self.names, b, &self.prog.bindings[b].ident)
                } else {
                    let ident = &self.prog.bindings[b].ident;
                    quote!(#ident)
                }
            })
            .collect();
        let header_code = self.blocks[header].code.clone().expect("checked above");
        let seg = self.cur.take().expect("checked above");
        let Sink::Block(id) = seg.sink else {
            unreachable!("checked above")
        };
        let mut frames = seg.frames;
        let mut kept = if values.is_empty() {
            quote!()
        } else {
            quote!((#(#values,)*))
        };
        while let Some(mut frame) = frames.pop() {
            frame.stmts.extend(kept);
            kept = frame.close();
        }
        let receive = if received.is_empty() {
            quote!(#kept)
        } else {
            quote! {
                #[allow(unused_variables)]
                let (#(#received,)*) = #kept;
            }
        };
        self.blocks[id].inlined_uninit |=
            !self.blocks[header].uninit.is_empty() || self.blocks[header].inlined_uninit;
        self.blocks[id].code = Some(quote!({
            #receive
            #header_code
        }));
    }

    /// Marks the block being written as one that only completes, when
    /// completing with `value` is all it does: it receives nothing, has
    /// written nothing, and `value` is its own value or `()`.
    fn note_only_completes(&mut self, value: &TokenStream) {
        let Some(Segment {
            sink: Sink::Block(id),
            frames,
        }) = &self.cur
        else {
            return;
        };
        let block = &self.blocks[*id];
        let nothing_written = frames.iter().all(|f| f.stmts.is_empty() && !f.is_unsafe);
        let mut tokens = value.clone().into_iter();
        let value_is_own_or_unit = match (tokens.next(), tokens.next()) {
            (Some(TokenTree::Ident(i)), None) => block.has_value && i == self.names.value,
            (Some(TokenTree::Group(g)), None) => {
                g.delimiter() == proc_macro2::Delimiter::Parenthesis && g.stream().is_empty()
            }
            _ => false,
        };
        if block.entry.is_empty()
            && block.uninit.is_empty()
            && nothing_written
            && value_is_own_or_unit
        {
            self.blocks[*id].only_completes = true;
        }
    }

    /// Completing: the return value is left in the state (see `Hole::Complete`)
    /// and the step says `Complete(())`.
    fn complete(&mut self, value: TokenStream, span: Span) -> TokenStream {
        self.completes.set(true);
        let ret = Ident::new("__baozi_return", span.resolved_at(Span::mixed_site()));
        let done = self.hole(Hole::Complete(ret.clone()));
        let krate = crate::parse::crate_at(&self.names.krate, span);
        quote_spanned!(span=> {
            #[allow(unreachable_code, clippy::let_unit_value, clippy::diverging_sub_expression)]
            let _ = {
                let #ret = #value;
                #done
                return #krate::GeneratorState::Complete(());
            };
        })
    }

    /// Emits a computed value according to where it goes.
    fn finish_value(&mut self, value: TokenStream, dest: &Dest) {
        let span = value
            .clone()
            .into_iter()
            .next()
            .map_or(Span::call_site(), |t| t.span());
        self.finish_value_at(value, dest, span);
    }

    /// As `finish_value`; type errors about the value point at `span`.
    fn finish_value_at(&mut self, value: TokenStream, dest: &Dest, span: Span) {
        match dest {
            Dest::Discard => self.push(quote!(#value;)),
            Dest::Let(l) => self.emit_let(l, Some(value)),
            Dest::Tail => {
                let tail = tail_ident();
                self.push(quote!(let #tail = #value;));
            }
            Dest::Return => {
                self.note_only_completes(&value);
                let code = self.complete(value, span);
                self.terminate(code);
            }
            Dest::Goto(b) => {
                let code = self.goto(*b, Some(value));
                self.terminate(code);
            }
        }
    }

    /// Where a construct's branches send their values, and the block that
    /// continues after the construct, if any.
    fn join(&mut self, dest: &Dest, end: Pos) -> (Option<BlockId>, Dest<'static>) {
        match dest {
            Dest::Goto(b) => (None, Dest::Goto(*b)),
            // Branch values complete the generator directly.
            Dest::Return => (None, Dest::Return),
            Dest::Discard => {
                let j = self.block_at(end, false);
                (Some(j), Dest::Goto(j))
            }
            Dest::Let(_) | Dest::Tail => {
                let j = self.block_at(end, true);
                (Some(j), Dest::Goto(j))
            }
        }
    }

    /// Continues after a construct in its join block.
    fn continue_at(&mut self, join: Option<BlockId>, dest: &Dest) {
        match join {
            Some(j) if self.blocks[j].used => {
                self.start_block(j);
                if self.blocks[j].has_value {
                    let v = &self.names.value;
                    self.finish_value(quote!(#v), dest);
                }
            }
            _ => self.cur = None,
        }
    }

    // ---- lowering ----------------------------------------------------------

    fn lower_body(&mut self, body: &Body, dest: &Dest) {
        self.push_scope(Vec::new(), body.is_unsafe);
        for stmt in &body.stmts {
            if self.cur.is_none() {
                break;
            }
            self.lower_stmt(stmt);
        }
        if self.cur.is_none() {
            self.scopes.pop();
            return;
        }
        match (dest, &body.tail) {
            (Dest::Discard, None) => self.pop_scope(),
            // A construct in tail position sends its value on by itself.
            (Dest::Discard | Dest::Return | Dest::Goto(_), Some(v))
                if !matches!(v, Value::Expr(_)) =>
            {
                self.lower_value(v, dest);
                if self.cur.is_some() {
                    self.pop_scope();
                } else {
                    self.scopes.pop();
                }
            }
            // Otherwise the scope closes as a `{ ...; tail }` expression, so
            // that a body ending in a diverging statement has type `!`.
            (_, tail) => {
                let span = match tail {
                    Some(Value::Expr(e)) => first_span(e),
                    _ => None,
                };
                let tail = match tail {
                    None => quote!(),
                    Some(Value::Expr(e)) => self.rewrite_expr(e),
                    Some(v) => {
                        self.lower_value(v, &Dest::Tail);
                        let t = tail_ident();
                        quote!(#t)
                    }
                };
                if let Some(block) = self.pop_scope_with_tail(tail) {
                    match span {
                        Some(span) => self.finish_value_at(block, dest, span),
                        None => self.finish_value(block, dest),
                    }
                }
            }
        }
    }

    fn lower_stmt(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::Plain(s) => {
                let code = self.rewrite_stmt(s);
                if let syn::Stmt::Item(syn::Item::Macro(_)) = &**s {
                    self.scopes
                        .last_mut()
                        .expect("a scope is open")
                        .macros
                        .push(code.clone());
                }
                self.push(code);
                if let syn::Stmt::Expr(
                    syn::Expr::Return(_) | syn::Expr::Break(_) | syn::Expr::Continue(_),
                    _,
                ) = &**s
                {
                    // What follows is dead code.
                    self.finish_segment();
                }
            }
            Stmt::Let(l) => match &l.init {
                None => self.emit_let(l, None),
                Some(Value::Expr(e)) => {
                    let init = self.rewrite_expr(e);
                    self.emit_let(l, Some(init));
                }
                Some(v) => self.lower_value(v, &Dest::Let(l)),
            },
            Stmt::Value(v) => self.lower_value(v, &Dest::Discard),
        }
    }

    fn emit_let(&mut self, l: &Let, init: Option<TokenStream>) {
        if let [b] = l.bindings[..]
            && self.in_place(b)
        {
            // The value in a local of its own; the name, a reference to it.
            let binding = &self.prog.bindings[b];
            let ident = &binding.ident;
            let own = owned_name(b);
            let mut pat = l.pat.clone();
            let p = match &mut pat {
                Pat::Type(t) => &mut *t.pat,
                p => p,
            };
            if let Pat::Ident(p) = p {
                p.ident = own.clone();
                p.mutability = Some(Default::default());
            }
            let init = init.map(|init| quote!(= #init));
            let otherwise = l.diverge.as_ref().map(|diverge| {
                let otherwise = self.branch(Vec::new(), |s| s.lower_body(diverge, &Dest::Discard));
                quote!(else #otherwise)
            });
            self.push(quote! {
                #[allow(unused_mut)]
                let #pat #init #otherwise;
                let #ident = &mut #own;
            });
            self.declare(&l.bindings);
            return;
        }
        let pat = &l.pat;
        // The binding may be mutated only in other blocks.
        let allow = quote!(#[allow(unused_mut)]);
        let code = match (init, &l.diverge) {
            // Not where the block does not use it (later blocks declare it
            // again where they assign it): it would have no type.
            (None, _) => self.hole(Hole::DeclareWithoutValue {
                bindings: l.bindings.clone(),
                code: quote!(#allow let #pat;),
            }),
            (Some(init), None) => quote!(#allow let #pat = #init;),
            (Some(init), Some(diverge)) => {
                let otherwise = self.branch(Vec::new(), |s| s.lower_body(diverge, &Dest::Discard));
                // A `let .. else` initialiser must not end in `}`.
                quote!(#allow let #pat = (#init) else #otherwise;)
            }
        };
        self.push(code);
        self.declare(&l.bindings);
    }

    /// The dead bindings of a suspension that end before its yielded value
    /// `value` is computed, as a dead borrow ends at its last use in Rust:
    /// `let last = v.last_mut().unwrap(); *last += 1; yield_!(v.len())`.
    /// Not one the value mentions, nor one that a binding the value mentions
    /// may borrow (one declared or assigned after it: `let line =
    /// line.trim(); yield_!(line.len())`), and only those declared after
    /// every other binding stored there. The last declared first, so that a
    /// borrow ends before what it borrows moves; kept in one tuple, which
    /// drops its elements in that order if the value's code exits (`?`), as
    /// they would have dropped. None where the value reads no binding
    /// (`yield_!(0)`), and none where it has a macro or a string, whose
    /// format string may name a binding (`format!("{label}")`): the store
    /// ends them.
    fn ended_before(
        &self,
        value: &TokenStream,
        fields: &[BindingId],
        dead: &[BindingId],
    ) -> Vec<BindingId> {
        fn opaque(tokens: &TokenStream) -> bool {
            tokens.clone().into_iter().any(|tt| match tt {
                TokenTree::Punct(p) => p.as_char() == '!',
                TokenTree::Literal(l) => l.to_string().contains('"'),
                TokenTree::Group(g) => opaque(&g.stream()),
                TokenTree::Ident(_) => false,
            })
        }
        let bindings = &self.prog.bindings;
        let read: Vec<BindingId> = (0..bindings.len())
            .filter(|&b| mentions(value, &bindings[b].ident))
            .collect();
        if read.is_empty() || opaque(value) {
            return Vec::new();
        }
        let may_borrow = |reader: BindingId, b: BindingId| {
            let since = bindings[b].declared_at;
            bindings[reader].declared_at > since
                || bindings[reader]
                    .accesses
                    .iter()
                    .any(|a| a.usage == Usage::Assign && a.pos > since)
        };
        // Only the latest declared of what is stored, so that the tuple, the
        // latest local, drops them where they would drop: a stored binding
        // declared after one of them would drop after it, not before.
        let mut stored = fields.to_vec();
        stored.sort_by_key(|&b| std::cmp::Reverse(bindings[b].declared_at));
        stored
            .into_iter()
            .take_while(|&b| {
                dead.contains(&b) && !read.contains(&b) && !read.iter().any(|&r| may_borrow(r, b))
            })
            .collect()
    }

    fn lower_value(&mut self, v: &Value, dest: &Dest) {
        match v {
            Value::Expr(e) => {
                let code = self.rewrite_expr(e);
                self.finish_value(code, dest);
            }
            Value::Yield { value, span, pos } => {
                let resume = self.block_at(*pos, true);
                let fields = self.blocks[resume].entry.clone();
                let dead = self.blocks[resume].dead.clone();
                self.blocks[resume].used = true;
                let index = self.suspends.len();
                let name = format_ident!("S{}", index);
                let value_span = first_span(value).unwrap_or(*span);
                let value = self.rewrite_expr(value);
                let ended = self.ended_before(&value, &fields, &dead);
                let end_dead = (!ended.is_empty()).then(|| {
                    let tuple = Ident::new(ENDED, Span::mixed_site());
                    let values = ended.iter().map(|&b| {
                        let ident = &self.prog.bindings[b].ident;
                        let value = Ident::new(&ident.to_string(), span.resolved_at(ident.span()));
                        dead_value(self.prog, self.names, b, &value)
                    });
                    quote!(let #tuple = (#(#values,)*);)
                });
                let stored = self.hole(Hole::Store {
                    to: StoreTo::Suspend(index),
                    fields: fields.clone(),
                    dead: dead.clone(),
                    ended,
                    span: *span,
                });
                // Type errors about the yielded value point at the user's value.
                let y = Ident::new(
                    "__baozi_yielded",
                    value_span.resolved_at(Span::mixed_site()),
                );
                let krate = crate::parse::crate_at(&self.names.krate, *span);
                let code = quote_spanned!(*span=> {
                    #end_dead
                    let #y = #value;
                    #stored
                    return #krate::GeneratorState::Yielded(#y);
                });
                self.suspends.push(Suspend {
                    name,
                    fields,
                    dead,
                    resume,
                    span: *span,
                });
                self.terminate(code);
                self.start_block(resume);
                // Type errors about the resume value point at the `yield_!`.
                let v = Ident::new(
                    &self.names.value.to_string(),
                    span.resolved_at(Span::mixed_site()),
                );
                self.finish_value(quote!(#v), dest);
            }
            Value::Block { body, label, end } => match label {
                None => self.lower_body(body, dest),
                Some(label) => {
                    let exit = self.block_at(*end, true);
                    self.loops.push(LoopCtx {
                        label: Some(label.ident.to_string()),
                        header: None,
                        exit,
                    });
                    self.lower_body(body, &Dest::Goto(exit));
                    self.loops.pop();
                    self.continue_at(Some(exit), dest);
                }
            },
            Value::If {
                cond,
                bindings,
                then,
                otherwise,
                end,
            } => {
                let (join, branch_dest) = self.join(dest, *end);
                let cond = self.rewrite_expr(cond);
                let then = self.branch(bindings.clone(), |s| s.lower_body(then, &branch_dest));
                let otherwise = self.branch(Vec::new(), |s| match otherwise {
                    Some(b) => s.lower_body(b, &branch_dest),
                    None => s.finish_value(quote!(()), &branch_dest),
                });
                self.terminate(quote!(if #cond #then else #otherwise));
                self.continue_at(join, dest);
            }
            Value::Match {
                scrutinee,
                arms,
                end,
            } => {
                let (join, branch_dest) = self.join(dest, *end);
                let scrutinee = self.rewrite_expr(scrutinee);
                let mut code = TokenStream::new();
                for arm in arms {
                    let pat = &arm.pat;
                    let guard = arm.guard.as_ref().map(|g| {
                        let g = self.rewrite_expr(g);
                        quote!(if #g)
                    });
                    let body = self.branch(arm.bindings.clone(), |s| {
                        s.lower_body(&arm.body, &branch_dest)
                    });
                    code.extend(quote!(#pat #guard => #body));
                }
                self.terminate(quote!(match #scrutinee { #code }));
                self.continue_at(join, dest);
            }
            Value::Loop {
                label,
                body,
                start,
                end,
            } => {
                let header = self.block_at(*start, false);
                let exit = self.block_at(*end, true);
                let enter = self.goto(header, None);
                self.terminate(enter);
                self.start_block(header);
                self.loops.push(LoopCtx {
                    label: label.as_ref().map(|l| l.ident.to_string()),
                    header: Some(header),
                    exit,
                });
                self.lower_body(body, &Dest::Discard);
                if self.cur.is_some() {
                    self.next_iteration(header);
                }
                self.loops.pop();
                self.continue_at(Some(exit), dest);
            }
        }
    }

    // ---- rewriting yield-free code -----------------------------------------

    fn rewrite_expr(&mut self, e: &syn::Expr) -> TokenStream {
        let mut e = e.clone();
        Rewriter {
            sp: self,
            plain: Vec::new(),
        }
        .visit_expr_mut(&mut e);
        quote!(#e)
    }

    fn rewrite_stmt(&mut self, s: &syn::Stmt) -> TokenStream {
        let mut s = s.clone();
        Rewriter {
            sp: self,
            plain: Vec::new(),
        }
        .visit_stmt_mut(&mut s);
        quote!(#s)
    }
}

/// Rewrites yield-free code for life inside the step function: `return` and
/// `?` complete the generator, `break`/`continue` that leave the code for a
/// split loop become jumps, and `self` becomes `__baozi_self`. Nested
/// closures, async blocks and items keep their own `return`, `?` and loops.
struct Rewriter<'s, 'p> {
    sp: &'s mut Splitter<'p>,
    /// Loops and labelled blocks of the yield-free code around the current
    /// node: (label, is a loop).
    plain: Vec<(Option<String>, bool)>,
}

impl Rewriter<'_, '_> {
    fn jump_target(&self, label: Option<&syn::Lifetime>) -> Option<&LoopCtx> {
        match label {
            Some(l) => {
                let name = l.ident.to_string();
                if self
                    .plain
                    .iter()
                    .any(|(pl, _)| pl.as_deref() == Some(&name))
                {
                    return None;
                }
                self.sp
                    .loops
                    .iter()
                    .rev()
                    .find(|c| c.label.as_deref() == Some(&name))
            }
            None => {
                if self.plain.iter().any(|(_, is_loop)| *is_loop) {
                    return None;
                }
                self.sp.loops.iter().rev().find(|c| c.header.is_some())
            }
        }
    }

    fn nested_loop(
        &mut self,
        label: Option<&syn::Label>,
        is_loop: bool,
        f: impl FnOnce(&mut Self),
    ) {
        self.plain
            .push((label.map(|l| l.name.ident.to_string()), is_loop));
        f(self);
        self.plain.pop();
    }
}

/// Renames `self` inside code that keeps its own control flow.
struct SelfRenamer<'n>(&'n Ident);

impl VisitMut for SelfRenamer<'_> {
    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        if let syn::Expr::Path(p) = e
            && p.path.is_ident("self")
        {
            let span = p.path.segments[0].ident.span();
            let ident = Ident::new(&self.0.to_string(), span);
            *e = syn::parse_quote!(#ident);
            return;
        }
        syn::visit_mut::visit_expr_mut(self, e);
    }
    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        m.tokens = rename_self_tokens(m.tokens.clone(), self.0);
    }
    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

fn rename_self_tokens(tokens: TokenStream, to: &Ident) -> TokenStream {
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Ident(i) if i == "self" => {
                TokenTree::Ident(Ident::new(&to.to_string(), i.span()))
            }
            TokenTree::Group(g) => {
                let mut ng =
                    proc_macro2::Group::new(g.delimiter(), rename_self_tokens(g.stream(), to));
                ng.set_span(g.span());
                TokenTree::Group(ng)
            }
            other => other,
        })
        .collect()
}

impl VisitMut for Rewriter<'_, '_> {
    fn visit_expr_mut(&mut self, e: &mut syn::Expr) {
        match e {
            syn::Expr::Closure(_) | syn::Expr::Async(_) => {
                if let Some(s) = &self.sp.names.self_ident {
                    SelfRenamer(s).visit_expr_mut(e);
                }
            }
            syn::Expr::Path(p) if p.path.is_ident("self") => {
                if let Some(s) = &self.sp.names.self_ident {
                    SelfRenamer(s).visit_expr_mut(e);
                }
            }
            syn::Expr::Return(r) => {
                if let Some(v) = &mut r.expr {
                    self.visit_expr_mut(v);
                }
                let span = r.return_token.span;
                let value = match &r.expr {
                    Some(v) => quote!(#v),
                    None => quote_spanned!(span=> ()),
                };
                let code = self.sp.complete(value, span);
                *e = syn::Expr::Verbatim(code);
            }
            syn::Expr::Try(t) => {
                self.visit_expr_mut(&mut t.expr);
                let inner = &t.expr;
                let span = t.question_token.span;
                let residual = Ident::new("__baozi_residual", Span::mixed_site());
                let output = Ident::new("__baozi_output", Span::mixed_site());
                let krate = crate::parse::crate_at(&self.sp.names.krate, span);
                let ret = self.sp.complete(
                    quote_spanned!(span=> #krate::__private::return_residual(#residual)),
                    span,
                );
                // Parenthesised: `(match ..)` stays one operand wherever `e?` stood.
                *e = syn::Expr::Verbatim(quote_spanned!(span=>
                    (match #krate::__private::Branch::branch(#inner) {
                        ::core::ops::ControlFlow::Continue(#output) => #output,
                        ::core::ops::ControlFlow::Break(#residual) => #ret,
                    })
                ));
            }
            syn::Expr::Break(b) => {
                if let Some(v) = &mut b.expr {
                    self.visit_expr_mut(v);
                }
                let exit = self.jump_target(b.label.as_ref()).map(|c| c.exit);
                if let Some(exit) = exit {
                    let value = b.expr.as_ref().map(|v| quote!(#v));
                    *e = syn::Expr::Verbatim(self.sp.goto(exit, value));
                }
            }
            syn::Expr::Continue(c) => {
                let header = self.jump_target(c.label.as_ref()).and_then(|c| c.header);
                if let Some(header) = header {
                    *e = syn::Expr::Verbatim(self.sp.goto(header, None));
                }
            }
            syn::Expr::Loop(l) => {
                let label = l.label.clone();
                self.nested_loop(label.as_ref(), true, |r| r.visit_block_mut(&mut l.body));
            }
            syn::Expr::While(w) => {
                let label = w.label.clone();
                self.visit_expr_mut(&mut w.cond);
                self.nested_loop(label.as_ref(), true, |r| r.visit_block_mut(&mut w.body));
            }
            syn::Expr::ForLoop(f) => {
                let label = f.label.clone();
                self.visit_expr_mut(&mut f.expr);
                self.nested_loop(label.as_ref(), true, |r| r.visit_block_mut(&mut f.body));
            }
            syn::Expr::Block(b) if b.label.is_some() => {
                let label = b.label.clone();
                self.nested_loop(label.as_ref(), false, |r| r.visit_block_mut(&mut b.block));
            }
            _ => syn::visit_mut::visit_expr_mut(self, e),
        }
    }

    fn visit_macro_mut(&mut self, m: &mut syn::Macro) {
        if let Some(s) = &self.sp.names.self_ident {
            m.tokens = rename_self_tokens(m.tokens.clone(), s);
        }
    }

    fn visit_item_mut(&mut self, _: &mut syn::Item) {}
}

/// The span of an expression's first token (what stable proc macros can
/// report for a whole expression).
fn first_span(e: &syn::Expr) -> Option<Span> {
    quote!(#e).into_iter().next().map(|t| t.span())
}

/// The positions in `body` where a block may end and another start.
fn split_points(body: &Body, out: &mut Vec<Pos>) {
    fn value(v: &Value, out: &mut Vec<Pos>) {
        match v {
            Value::Expr(_) => {}
            Value::Yield { pos, .. } => out.push(*pos),
            Value::Block { body, label, end } => {
                split_points(body, out);
                // An unlabelled block's code goes on in the same block.
                if label.is_some() {
                    out.push(*end);
                }
            }
            Value::If {
                then,
                otherwise,
                end,
                ..
            } => {
                split_points(then, out);
                if let Some(otherwise) = otherwise {
                    split_points(otherwise, out);
                }
                out.push(*end);
            }
            Value::Match { arms, end, .. } => {
                for arm in arms {
                    split_points(&arm.body, out);
                }
                out.push(*end);
            }
            Value::Loop {
                body, start, end, ..
            } => {
                out.push(*start);
                split_points(body, out);
                out.push(*end);
            }
        }
    }
    for stmt in &body.stmts {
        match stmt {
            Stmt::Plain(_) => {}
            Stmt::Let(l) => {
                if let Some(init) = &l.init {
                    value(init, out);
                }
                if let Some(diverge) = &l.diverge {
                    split_points(diverge, out);
                }
            }
            Stmt::Value(v) => value(v, out),
        }
    }
    if let Some(tail) = &body.tail {
        value(tail, out);
    }
}

/// Whether code makes a value whose type is that expression's own: a
/// closure, an `async` block or a `generator_block!`. Written twice, such
/// code makes two types, and a local the state keeps gets one of them on
/// each path ("expected closure, found a different closure"), so a block
/// with one is not copied. A closure is told from `a | b` and `a || b` by
/// what comes before its `|`: no operand.
fn has_a_type_of_its_own(code: &TokenStream) -> bool {
    let tokens: Vec<TokenTree> = code.clone().into_iter().collect();
    tokens.iter().enumerate().any(|(i, tt)| match tt {
        TokenTree::Ident(id) => id == "async" || id == "generator_block",
        TokenTree::Group(g) => has_a_type_of_its_own(&g.stream()),
        TokenTree::Punct(p) if p.as_char() == '|' => opens_a_closure(&tokens, i),
        _ => false,
    })
}

/// Blocks up to this many tokens are copied into the blocks that jump to
/// them, once written.
const INLINE_LIMIT: usize = 600;

fn token_count(tokens: TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => 1 + token_count(g.stream()),
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn machine(item: proc_macro2::TokenStream) -> (Program, Machine) {
        let func = crate::parse::parse(quote!(yield = i32), item).unwrap();
        let prog = crate::normalize::normalize(&func, &Default::default())
            .unwrap_or_else(|e| panic!("{}", e[0]));
        let m = split(
            &prog,
            &crate::liveness::liveness(&prog),
            &crate::init::init(&prog),
            &crate::names::Names::new(&func),
        );
        (prog, m)
    }

    fn stored(prog: &Program, m: &Machine) -> Vec<Vec<String>> {
        m.suspends
            .iter()
            .map(|s| {
                s.fields
                    .iter()
                    .map(|&b| prog.bindings[b].name.clone())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn each_yield_stores_exactly_the_bindings_in_scope() {
        let (p, m) = machine(quote!(
            fn f(n: i32) {
                let a = 1;
                {
                    let b = 2;
                    yield_!(a + b);
                }
                let c = 3;
                yield_!(c);
            }
        ));
        // `a` and `c` are used by value and not mentioned again; `b` too;
        // the parameter, never mentioned, is dead and visibly `Copy`.
        assert_eq!(stored(&p, &m), [Vec::<String>::new(), vec![]]);
    }

    #[test]
    fn guards_live_until_their_scope_ends() {
        let (p, m) = machine(quote!(
            fn f() {
                let g = lock();
                yield_!(1);
                {
                    let h = lock();
                    yield_!(2);
                }
                yield_!(3);
            }
        ));
        assert_eq!(stored(&p, &m), [vec!["g"], vec!["g", "h"], vec!["g"]]);
    }

    #[test]
    fn operands_spanning_a_yield_are_stored_only_while_they_span_it() {
        let (p, m) = machine(quote!(
            fn f() {
                let x = a() + yield_!(1) + yield_!(2);
                yield_!(x);
            }
        ));
        assert_eq!(stored(&p, &m), [vec!["tmp1"], vec!["tmp3"], vec![]]);
    }

    /// The code of the block that resumes suspension `k`, without spaces.
    fn resumed_code(m: &Machine, k: usize) -> String {
        m.blocks[m.suspends[k].resume]
            .code
            .to_string()
            .replace(' ', "")
    }

    #[test]
    fn a_moved_local_assigned_after_a_yield_is_declared_not_stored() {
        let (p, m) = machine(quote!(
            fn f() {
                let mut a: Tr = mk(1);
                drop(a);
                let g = guard();
                yield_!(0);
                a = mk(2);
                yield_!(1);
                check(&a);
            }
        ));
        assert_eq!(stored(&p, &m), [vec!["g"], vec!["a", "g"]]);
        // In its own scope, before `g` (which drops first), with its type.
        let code = resumed_code(&m, 0);
        let declared = code.find("letmuta:Tr;").expect(&code);
        assert!(declared < code.find("letg=").unwrap(), "{code}");
        // Not where it holds a value.
        assert!(!resumed_code(&m, 1).contains("letmuta;"));
    }

    #[test]
    fn only_the_block_that_assigns_it_declares_it() {
        let (p, m) = machine(quote!(
            fn f(c: bool) -> i32 {
                let mut a = mk(1);
                drop(a);
                let Some(v) = opt(yield_!(0)) else {
                    yield_!(1);
                    return 0;
                };
                if c {
                    yield_!(2);
                }
                a = mk(v);
                a.n
            }
        ));
        // `c` is not used after the `else`'s yield, which returns.
        assert_eq!(stored(&p, &m), [vec!["c"], vec![], vec!["v"]]);
        // After the first yield: the `else` is split off, the `if` ends the
        // block; after the others: the `else` returns, the `if`'s branch
        // goes on in the join block, which assigns it.
        for k in 0..3 {
            assert!(!resumed_code(&m, k).contains("letmuta;"), "{k}");
        }
        let join = m
            .blocks
            .iter()
            .filter(|b| b.code.to_string().replace(' ', "").contains("letmuta;"));
        assert_eq!(join.count(), 1);
        // Nor does one whose code ends before it (the rest is unreachable).
        let (_, m) = machine(quote!(
            fn f() -> i32 {
                let mut a = mk(1);
                drop(a);
                yield_!(0);
                return 1;
                a = mk(2);
                a.n
            }
        ));
        assert!(!resumed_code(&m, 0).contains("letmuta;"));
    }

    #[test]
    fn a_copy_read_again_after_a_jump_stays_stored() {
        let (p, m) = machine(quote!(
            fn f(x: i32) -> i32 {
                let mut x = x;
                loop {
                    let y = x;
                    yield_!(y);
                    if done() {
                        continue;
                    }
                    x = 5;
                }
            }
        ));
        assert_eq!(stored(&p, &m), [vec!["x"]]);
    }

    #[test]
    fn a_loop_needs_a_header_and_its_exit_only_when_broken() {
        let (_, m) = machine(quote!(
            fn f() {
                loop {
                    yield_!(1);
                }
            }
        ));
        assert_eq!(m.suspends.len(), 1);
        // entry, header, resume: no exit block, nothing breaks out.
        assert_eq!(m.blocks.len(), 3);
        let (_, m) = machine(quote!(
            fn f() {
                loop {
                    if yield_!(1) == () {
                        break;
                    }
                }
            }
        ));
        assert_eq!(m.blocks.len(), 4);
    }
}
