//! What the tokens tell of ownership, for `normalize`: takes expressions
//! and patterns, gives guesses of whether a use moves, borrows or only reads
//! a binding, and which local a borrow points into. The macro never sees a
//! signature: the guesses read std's method names (by arity where std uses
//! one name both ways), `Type::method(x)`, `drop(x)` and literals, and
//! where they must guess they say so in the IR (`Access::unknown_method`).

use super::*;

/// Macros whose arguments are expressions taken by reference.
pub(super) const FORMAT_MACROS: &[&str] = &[
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
pub(super) fn is_consuming_method(m: &syn::ExprMethodCall) -> bool {
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
pub(super) fn takes_receiver_by_value(m: &syn::ExprMethodCall) -> bool {
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
pub(super) fn is_borrowing_method(m: &syn::ExprMethodCall) -> bool {
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

/// Methods that return a borrow of their receiver.
pub(super) const BORROWING_METHODS: &[&str] = &[
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
pub(super) const RETURNS_A_BORROW: &[&str] = &[
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
pub(super) fn names_under_reference_patterns(pat: &Pat, under: bool, out: &mut Vec<String>) {
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
pub(super) const ADAPTERS: &[&str] = &[
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
pub(super) fn borrowed_place_root(e: &Expr) -> Option<&Ident> {
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

pub(super) fn is_bare_path(e: &Expr) -> bool {
    matches!(e, Expr::Path(p) if p.qself.is_none() && p.path.get_ident().is_some())
}

/// Whether a reference borrows a temporary that Rust keeps as long as the
/// binding it initialises, rather than a constant it promotes to
/// `'static`: `&mut` of a value that is not a place (`&mut 0`, `&mut
/// make()`), or `&` of a call (`&make()`).
pub(super) fn borrows_a_temporary(r: &syn::ExprReference) -> bool {
    let call = matches!(
        &*r.expr,
        Expr::Call(_) | Expr::MethodCall(_) | Expr::Macro(_)
    );
    call || (r.mutability.is_some()
        && !is_place(&r.expr)
        && !matches!(&*r.expr, Expr::Array(a) if a.elems.is_empty()))
}

/// Whether a method chain takes a guard (`m.lock().unwrap()`).
pub(super) fn calls_guard_method(e: &Expr) -> bool {
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
pub(super) fn calls_text_method(e: &Expr) -> bool {
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
pub(super) fn chain_root(e: &Expr) -> Option<&Ident> {
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

/// Whether an initialiser visibly creates an owning container.
pub(super) fn is_owning_expr(e: &Expr) -> bool {
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
pub(super) fn changes_root_of(e: &Expr, place: &Expr) -> bool {
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

/// The root of a place and its field names, with `None` for an index
/// (`v[i].n` is `v`, `[None, Some("n")]`).
pub(super) fn place_steps(e: &Expr) -> Option<(&Ident, Vec<Option<String>>)> {
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
pub(super) fn calls_method_on(e: &Expr, place: &Expr) -> bool {
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

/// Whether `e` mentions the root of `place` as a whole value, other than as
/// a place (a field's base, a method's receiver, an index's base or under
/// `&`): `drop(x)`, `let y = x;`, `f(x)` for `x.n`. It moves or copies it.
pub(super) fn uses_root_by_value(e: &Expr, place: &Expr) -> bool {
    struct Finder<'n> {
        name: &'n str,
        found: bool,
    }
    impl<'a> Visit<'a> for Finder<'_> {
        fn visit_expr(&mut self, e: &'a Expr) {
            match e {
                Expr::Path(p) => {
                    self.found |= plain_name(p).is_some_and(|n| n == self.name);
                }
                Expr::Field(f) if is_place(&f.base) => {}
                Expr::Reference(r) if is_place(&r.expr) => {}
                Expr::Index(i) if is_place(&i.expr) => self.visit_expr(&i.index),
                Expr::MethodCall(m) if is_place(&m.receiver) => {
                    m.args.iter().for_each(|a| self.visit_expr(a));
                }
                _ => syn::visit::visit_expr(self, e),
            }
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

impl Normalizer {
    /// What `e` borrows, if it visibly borrows a local of the generator
    /// (`&x`, an owning local by `v.iter()` or `&v[..]`, or a borrower it
    /// moves or adapts) or a temporary that lives as long as the binding it
    /// initialises (`&mut 0`, `&make()`).
    pub(super) fn borrowed_owner(&self, e: &Expr) -> Option<Borrowed> {
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
    pub(super) fn closure_borrow(&self, e: &Expr) -> Option<Borrowed> {
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
    pub(super) fn note_init(
        &mut self,
        init: &Expr,
        bindings: &[BindingId],
        borrowed: Option<Borrowed>,
    ) {
        let owned = is_owning_expr(init);
        for &b in bindings {
            self.bindings[b].owned = owned;
            if let Some(borrowed) = borrowed {
                self.note_borrow(b, borrowed);
            }
        }
    }

    pub(super) fn note_borrow(&mut self, borrower: BindingId, (lender, span, how): Borrowed) {
        self.borrows.push(Borrow {
            borrower,
            lender,
            span,
            how,
        });
    }

    /// The bindings of a pattern matched against a value that visibly
    /// borrows (`if let Some(top) = stack.last()`, `match map.get(&k)`,
    /// `match &x`) are references, by the default binding mode, unless a `&`
    /// pattern takes them by value (`Some(&top)`): see `Binding::reference`.
    pub(super) fn note_borrowing_pattern(
        &mut self,
        scrutinee: &Expr,
        pat: &Pat,
        bindings: &[BindingId],
    ) {
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

    /// Whether `later` code may change `place`, which is read before it: it
    /// assigns to the place's root or borrows it mutably; or, where the place
    /// is read by value (`read_by_value`: a comparison's operand, the
    /// receiver of `min`), it calls a method on an overlapping place
    /// (`x.lower()` for `x.n`), which may take `&mut self`, or uses the
    /// root by value (`drop(x)` for `x.n`): Rust reads the value first.
    ///
    /// A method call is not enough where the receiver may be borrowed: the
    /// Python idiom `v.push(yield_!(v.len()))` keeps `v` a place (rustc
    /// refuses it, E0626, but it is valid across baozi's yields). Nor is it
    /// through a reference (`p.peek()` for `p.name`, `p: &Pair`): rustc
    /// accepts that borrow across a yield, and reading the place into a
    /// temporary would move out of the reference.
    pub(super) fn may_change(&self, later: &Expr, place: &Expr, read_by_value: bool) -> bool {
        let through_reference = place_root(place)
            .and_then(|root| self.lookup(&root.to_string()))
            .is_some_and(|id| self.bindings[id].reference);
        changes_root_of(later, place)
            || (read_by_value
                && !through_reference
                && (calls_method_on(later, place) || uses_root_by_value(later, place)))
    }

    /// Whether `e` is a local visibly of a `Copy` type.
    pub(super) fn visibly_copy(&self, e: &Expr) -> bool {
        match e {
            Expr::Path(p) => plain_name(p)
                .and_then(|name| self.lookup(&name.to_string()))
                .is_some_and(|id| self.bindings[id].copy_hint),
            _ => false,
        }
    }
}
