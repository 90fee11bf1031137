//! The intermediate representation between `normalize` and `split`.
//!
//! A generator body after normalisation: every `yield_!` sits at statement
//! level (as a [`Value::Yield`] bound by a `let`, discarded, or returned),
//! every construct that contains a `yield_!` is a [`Value`] node, and
//! everything else is ordinary, yield-free `syn` code. Every binding the body
//! declares outside yield-free code has a [`BindingId`], and every point where
//! the state machine may stop or jump has a position, so that the `scope`
//! stage can decide what each state variant stores.

use proc_macro2::Ident;

/// Index into [`Program::bindings`].
pub type BindingId = usize;

/// A position in evaluation order; larger means later.
pub type Pos = u32;

/// A local of the generator body (a user's binding, a parameter, or a
/// temporary introduced by normalisation).
pub struct Binding {
    /// The name the code uses for it (the user's own token for user bindings).
    pub ident: Ident,
    /// The user's name, for field names and diagnostics.
    pub name: String,
    pub mutable: bool,
    pub declared_at: Pos,
    /// Whether it visibly owns its data (`vec![..]`, `String::new()`, a
    /// `Vec<T>` parameter...), so that a borrow of it cannot be stored.
    pub owned: bool,
    /// Declared by a `let` without initialiser (`let x;`), with its span.
    pub deferred: Option<proc_macro2::Span>,
    /// How each mention uses it, in order.
    pub accesses: Vec<Access>,
    /// Declared in the function's outermost scope (or a parameter): it lives
    /// until the generator completes.
    pub top_level: bool,
    /// Declared by a plain identifier pattern (`x`, `mut x`, `x: T`).
    pub simple: bool,
    /// The type ascription of such a `let` (`T` of `let x: T = ..`).
    pub ty: Option<syn::Type>,
    /// Visibly of a `Copy` type: initialised with a literal, or of a
    /// primitive or shared-reference type by its ascription.
    pub copy_hint: bool,
    /// Visibly a reference: by its type (`&T`, `&mut T`) or its initialiser
    /// (`&x`, `&mut x`), a `ref` binding, a pattern's binding of a scrutinee
    /// that borrows (`Some(top)` of `stack.last()`), or a closure that is not
    /// `move` and moves no capture out (it captures by reference). A place
    /// through it is not the generator's own, and it has no drop glue.
    pub reference: bool,
    /// Initialised with a closure. Dead, one that is not [`reference`] is
    /// stored as it is: the dead dispatch cannot ask whether a closure's
    /// type is `Copy` (rustc decides that after it picks the method).
    ///
    /// [`reference`]: Binding::reference
    pub closure: bool,
    /// A field of it is visibly moved out (`drop(x.f)`): what remains of
    /// it cannot be borrowed, so where it is dead it is not stored.
    pub partly_moved: bool,
    /// A field of it is used by value (`let u = x.name;`, `f(x.name)`) or
    /// matched (`match x.kind`): maybe moved out, so it cannot be reached
    /// through a reference.
    pub field_used_by_value: bool,
    /// Mentioned inside a closure or an `async` block, which may capture it.
    pub captured: bool,
    /// Declared as a `baozi_core::__private::DropFlag` (decided by the
    /// `flags` analysis): its mentions go through the flag.
    pub drop_flag: bool,
    /// How a resumed generator reaches it where it is stored.
    pub reach: Reach,
}

/// How the code after a `yield_!` reaches a binding stored in the state
/// (decided by the `access` stage).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Reach {
    /// Through a reference to where it is stored: every mention is a place
    /// (`(*x)`), and it lives until the generator completes.
    InPlace,
    /// Copied out and written back: it is `Copy`.
    Copied,
    /// Moved out of the state and back in.
    Moved,
}

impl Binding {
    /// Whether some mention may move the value out (a by-value use).
    pub fn maybe_moved(&self) -> bool {
        self.accesses
            .iter()
            .any(|a| matches!(a.usage, Usage::Move | Usage::Scrutinee))
    }
}

/// One mention of a binding.
#[derive(Clone, Copy)]
pub struct Access {
    pub pos: Pos,
    pub usage: Usage,
    /// Inside a branch, loop body or closure of yield-free code: it may not
    /// run when its statement does.
    pub conditional: bool,
    /// The innermost such branch, loop body or closure: an index into
    /// [`Program::regions`].
    pub region: Option<usize>,
    /// The receiver of a method that baozi knows neither to take `self`
    /// nor to borrow it (`x.finish()`, a [`Usage::Receiver`]): it may move.
    pub unknown_method: bool,
}

/// What a mention does with a binding.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Usage {
    /// Moved out unless `Copy`: an operand, argument, initialiser, value.
    Move,
    /// Matched against a pattern (`match x`, `if let .. = x`): moved only
    /// by the pattern's by-value bindings.
    Scrutinee,
    /// Borrowed, indexed, dereferenced, compared or compound-assigned.
    Place,
    /// The receiver of a method that usually takes `&self`/`&mut self`.
    Receiver,
    /// The base of a field access (`x.f`), which may move the field out.
    FieldBase,
    /// The target of a plain assignment (`x = ..`).
    Assign,
    /// Called (`f(..)`).
    Callee,
    /// Inside the tokens of a macro baozi cannot parse.
    Opaque,
}

/// `borrower` was initialised with a borrow (`&v`, `v.iter()`, `&mut 0`),
/// which it holds as long as it lives.
pub struct Borrow {
    pub borrower: BindingId,
    /// What it borrows.
    pub lender: Lender,
    pub span: proc_macro2::Span,
    /// How, for the advice of the error when it is kept across a yield.
    pub how: Borrowing,
}

/// What a [`Borrow`] points into.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Lender {
    /// A local of the generator.
    Local(BindingId),
    /// A temporary the borrow creates (`let x = &mut 0;`), which Rust keeps
    /// as long as the binding.
    Temporary,
}

/// How the tokens of a [`Borrow`] borrow.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Borrowing {
    /// Through a method that iterates or views (`v.iter()`, `m.lock()`).
    /// `of_text`: one of text (`s.chars()`, `s.trim()`): the lender is a
    /// `String` or `str`, which `for x in s` cannot iterate.
    Method { of_text: bool },
    /// Through a guard of a lock or cell (`m.lock()`, `c.borrow_mut()`).
    Guard,
    /// A reference (`&v`, `&mut v[..]`).
    Reference,
    /// An operand evaluated before a later operand's `yield_!` (`d.borrow_mut()`
    /// of `d.borrow_mut()[yield_!()] = 1`).
    Operand,
    /// Through a closure that is not `move` and names the lender whole
    /// (`filter(|x| *x > limit)`): it captures the local by reference.
    Closure,
}

/// A `break` or `continue` of yield-free code that leaves it for a loop or
/// labelled block with a yield.
#[derive(Clone, Copy, Debug)]
pub struct Jump {
    pub at: Pos,
    /// The position interval `(start, end)` of the construct it targets.
    pub target: (Pos, Pos),
    /// A `continue` (to the start of the target), not a `break` (to its end).
    pub continues: bool,
}

pub struct Program {
    pub bindings: Vec<Binding>,
    /// Positions where straight-line code ends: where a body of a construct
    /// with a yield starts or ends, and after a statement that always
    /// leaves (`return`, `break`, `continue`, `panic!`).
    pub barriers: Vec<Pos>,
    /// Position intervals `(start, end)` of the function's body and of every
    /// body of a construct with a yield (a branch, an arm, a loop's body, a
    /// labelled block, a `let .. else`'s `else`), not of blocks without a
    /// label (their code runs with the code around them): code at the top
    /// level of one runs, in order, whenever control enters it.
    pub bodies: Vec<(Pos, Pos)>,
    /// Position intervals of the `else` bodies of `let .. else`, among
    /// `bodies`: the code around one goes on after it.
    pub diverges: Vec<(Pos, Pos)>,
    /// Positions just after the `return`, `break` and `continue` statements,
    /// after which `split` writes no more code of their body.
    pub exits: Vec<Pos>,
    /// Jumps out of yield-free code, in order.
    pub jumps: Vec<Jump>,
    /// Positions right after a statement that always leaves (`return`,
    /// `break`, `continue`, `panic!` and the like).
    pub leaves: Vec<Pos>,
    /// Position intervals `[start, end)` of the loops that contain a yield.
    pub loops: Vec<(Pos, Pos)>,
    /// The position intervals `(start, end]` of the branches, loop bodies
    /// and closures of yield-free code, which [`Access::region`] names.
    pub regions: Vec<(Pos, Pos)>,
    pub borrows: Vec<Borrow>,
    /// Bindings of the function's parameters, in order (the receiver first).
    pub params: Vec<BindingId>,
    /// Items declared in the body, hoisted so every state sees them.
    pub items: Vec<syn::Stmt>,
    pub body: Body,
}

/// A `{ ... }` scope.
pub struct Body {
    /// The position before its code's: the positions of everything in it
    /// (the mentions, declarations, jumps and constructs of its statements)
    /// come after it, and before those of the code after it.
    pub start: Pos,
    /// The position after its code's.
    pub end: Pos,
    pub stmts: Vec<Stmt>,
    pub tail: Option<Value>,
    pub is_unsafe: bool,
}

// The IR lives for one expansion; boxing every variant would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Stmt {
    /// Yield-free code that declares no binding visible after it.
    Plain(Box<syn::Stmt>),
    Let(Let),
    /// A value computed for its effects.
    Value(Value),
}

pub struct Let {
    /// The pattern, with its type ascription if any.
    pub pat: syn::Pat,
    pub init: Option<Value>,
    pub diverge: Option<Body>,
    pub bindings: Vec<BindingId>,
}

pub enum Value {
    /// Yield-free.
    Expr(syn::Expr),
    Yield {
        value: syn::Expr,
        span: proc_macro2::Span,
        pos: Pos,
    },
    Block {
        body: Box<Body>,
        label: Option<syn::Lifetime>,
        end: Pos,
    },
    If {
        cond: syn::Expr,
        /// Bindings of `let` patterns in the condition, scoped to `then`.
        bindings: Vec<BindingId>,
        then: Box<Body>,
        otherwise: Option<Box<Body>>,
        end: Pos,
    },
    Match {
        scrutinee: syn::Expr,
        arms: Vec<Arm>,
        end: Pos,
    },
    Loop {
        label: Option<syn::Lifetime>,
        body: Box<Body>,
        start: Pos,
        end: Pos,
    },
}

pub struct Arm {
    /// The position before its pattern's declarations and its guard's
    /// mentions (those of the scrutinee and earlier arms come before it).
    pub start: Pos,
    pub pat: syn::Pat,
    pub guard: Option<syn::Expr>,
    pub bindings: Vec<BindingId>,
    pub body: Body,
}

/// A set of bindings, as the analyses compute them.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct BindingSet(Vec<u64>);

impl BindingSet {
    /// The empty set, of a program with `bindings` bindings.
    pub fn new(bindings: usize) -> BindingSet {
        BindingSet(vec![0; bindings.div_ceil(64)])
    }

    /// The set of all `bindings` bindings.
    pub fn full(bindings: usize) -> BindingSet {
        let mut set = BindingSet::new(bindings);
        (0..bindings).for_each(|b| set.insert(b));
        set
    }

    pub fn contains(&self, b: BindingId) -> bool {
        self.0[b / 64] & (1 << (b % 64)) != 0
    }

    pub fn insert(&mut self, b: BindingId) {
        self.0[b / 64] |= 1 << (b % 64);
    }

    pub fn remove(&mut self, b: BindingId) {
        self.0[b / 64] &= !(1 << (b % 64));
    }

    /// Adds `other`'s bindings; whether that added any.
    pub fn union(&mut self, other: &BindingSet) -> bool {
        let mut grew = false;
        for (word, &more) in self.0.iter_mut().zip(&other.0) {
            grew |= more & !*word != 0;
            *word |= more;
        }
        grew
    }

    /// Keeps only `other`'s bindings.
    pub fn intersect(&mut self, other: &BindingSet) {
        for (word, &keep) in self.0.iter_mut().zip(&other.0) {
            *word &= keep;
        }
    }
}

/// Whether the `|` at `i` of `tokens` opens a closure's parameters, told
/// from `a | b` and `a || b` by what comes before it: no operand (nothing,
/// a punctuation other than `|`, `move` or `return`).
pub fn opens_a_closure(tokens: &[proc_macro2::TokenTree], i: usize) -> bool {
    use proc_macro2::TokenTree;
    match i.checked_sub(1).map(|j| &tokens[j]) {
        None => true,
        Some(TokenTree::Punct(q)) => q.as_char() != '|',
        Some(TokenTree::Ident(id)) => id == "move" || id == "return",
        Some(_) => false,
    }
}

/// Whether `tokens` mention `ident` anywhere, inside groups too (a token
/// scan: it cannot tell a binding from a field or a path segment of the
/// same name, so it errs on the side of "mentioned").
pub fn mentions(tokens: &proc_macro2::TokenStream, ident: &Ident) -> bool {
    tokens.clone().into_iter().any(|tt| match tt {
        proc_macro2::TokenTree::Ident(i) => i == *ident,
        proc_macro2::TokenTree::Group(g) => mentions(&g.stream(), ident),
        _ => false,
    })
}
