//! Validation: takes the parsed [`GeneratorFn`] and gives every misuse we can
//! see before transforming, as spanned errors (all of them, not just the
//! first): `async`/`const` generators, `yield_!` where it cannot suspend
//! the generator (in closures, async blocks, nested items, or inside the
//! tokens of another macro), and a generator keeping its own recursive call
//! in its state.

use proc_macro2::{Ident, TokenStream, TokenTree};
use syn::spanned::Spanned;
use syn::visit::Visit;
use syn::{Expr, Pat};

use crate::ir::mentions;
use crate::parse::{GeneratorFn, cfg_attr, expr_attrs};
use crate::yields::{contains_yield, is_yield, is_yield_from};

pub fn validate(func: &GeneratorFn) -> Vec<syn::Error> {
    let mut errors = Vec::new();
    let sig = &func.item.sig;
    if let Some(a) = &sig.asyncness {
        // An async generator is polled by its task, which is its resume.
        if let Some(resume) = &func.args.resume_ty {
            errors.push(syn::Error::new(
                resume.span(),
                "an async generator is a `Stream`: its task polls it, and nothing sends it \
                 values; remove `resume = ..`",
            ));
        }
        if !func.args.derives.is_empty() {
            errors.push(syn::Error::new(
                a.span,
                "`derive(..)` is not supported on an async generator: a `Stream` that is \
                 awaiting keeps the future it awaits, which is not cloned, compared or saved; \
                 remove `derive(..)`",
            ));
        }
    }
    if let Some(c) = &sig.constness {
        errors.push(syn::Error::new(
            c.span,
            "a `const fn` cannot be a #[generator]: remove `const`",
        ));
    }
    if let Some(v) = &sig.variadic {
        errors.push(syn::Error::new(
            v.span(),
            "a #[generator] cannot be variadic",
        ));
    }
    let mut v = Validator {
        errors: &mut errors,
        context: Vec::new(),
    };
    v.visit_block(&func.item.block);
    let block = &func.item.block;
    reserved_names(quote::quote!(#block), &mut errors);
    let mut recursion = Recursion {
        name: &sig.ident,
        by_name: !names_shadowed(func),
        errors: &mut errors,
    };
    recursion.visit_block(block);
    errors
}

/// A generator that keeps the value of its own recursive call across a
/// suspension would contain itself: rustc says "cannot resolve opaque type"
/// (E0720) at the attribute. Found where the call is the whole operand of
/// `yield_from!`, the iterable of a `for` loop whose body suspends, or the
/// initialiser of a `let` whose binding is in scope at a later suspension
/// (not shadowed before it, and mentioned after it, or not at all before it,
/// so not moved before).
/// A boxed call (`walk(n - 1).boxed()`) is a method call on the call, and a
/// call whose value is not kept (`walk(n - 1).count()`) is not flagged.
struct Recursion<'f> {
    name: &'f Ident,
    /// Whether a plain `name(..)` calls the generator, not a local of that name.
    by_name: bool,
    errors: &'f mut Vec<syn::Error>,
}

impl Recursion<'_> {
    /// How `e` names the generator (`walk`, `Self::walk`, `self.walk`) when
    /// it is a call of it.
    fn callee(&self, e: &Expr) -> Option<String> {
        match e {
            Expr::Paren(p) => self.callee(&p.expr),
            Expr::Group(g) => self.callee(&g.expr),
            Expr::Call(call) => {
                let Expr::Path(p) = &*call.func else {
                    return None;
                };
                if p.qself.is_some() || p.path.leading_colon.is_some() {
                    return None;
                }
                let segments: Vec<&Ident> = p.path.segments.iter().map(|s| &s.ident).collect();
                match segments[..] {
                    [f] if f == self.name && self.by_name => Some(f.to_string()),
                    [s, f] if s == "Self" && f == self.name => Some(format!("Self::{f}")),
                    _ => None,
                }
            }
            Expr::MethodCall(m) if m.method == *self.name => match &*m.receiver {
                Expr::Path(p) if p.path.is_ident("self") => Some(format!("self.{}", m.method)),
                _ => None,
            },
            _ => None,
        }
    }

    /// `let x = walk(..);` followed by `rest`, the statements of its scope.
    fn check_let(&mut self, local: &syn::Local, rest: &[syn::Stmt]) {
        let (Some(init), Some(binding)) = (&local.init, bound_ident(&local.pat)) else {
            return;
        };
        let Some(callee) = self.callee(&init.expr) else {
            return;
        };
        let Some(suspends) = rest
            .iter()
            .position(|s| contains_yield(|y| y.visit_stmt(s)))
        else {
            return;
        };
        let ident = &binding.ident;
        let shadows = |s: &syn::Stmt| matches!(s, syn::Stmt::Local(l) if bound_ident(&l.pat).is_some_and(|b| b.ident == *ident));
        if rest[..=suspends].iter().any(shadows) {
            return;
        }
        let mentioned =
            |stmts: &[syn::Stmt]| stmts.iter().any(|s| mentions(&quote::quote!(#s), ident));
        let mut after = MentionAfterYield {
            ident,
            suspended: false,
            loops: 0,
            found: false,
        };
        after.visit_stmt(&rest[suspends]);
        let kept =
            after.found || mentioned(&rest[suspends + 1..]) || !mentioned(&rest[..=suspends]);
        if kept {
            let mutability = binding.mutability.map(|_| "mut ").unwrap_or_default();
            self.report(
                &init.expr,
                &format!(
                    "`{}` keeps what the call returns across a `yield_!`",
                    binding.ident
                ),
                format!("let {mutability}{} = {callee}(..).boxed();", binding.ident),
            );
        }
    }

    fn report(&mut self, call: &Expr, keeper: &str, fix: String) {
        self.errors.push(syn::Error::new_spanned(
            call,
            format!(
                "this generator calls itself, and {keeper}: a generator cannot contain itself. \
                 Box the recursive call: `{fix}`"
            ),
        ));
    }
}

impl<'a> Visit<'a> for Recursion<'_> {
    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        if !is_yield(mac) && !is_yield_from(mac) {
            return;
        }
        let Ok(operand) = mac.parse_body::<Expr>() else {
            return;
        };
        if is_yield_from(mac)
            && let Some(callee) = self.callee(&operand)
        {
            self.report(
                &operand,
                "`yield_from!` keeps what the call returns across its yields",
                format!("yield_from!({callee}(..).boxed())"),
            );
        }
        self.visit_expr(&operand);
    }

    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        if let Some(callee) = self.callee(&f.expr)
            && contains_yield(|y| y.visit_block(&f.body))
        {
            let pat = match &*f.pat {
                Pat::Ident(p) => p.ident.to_string(),
                _ => "..".to_string(),
            };
            self.report(
                &f.expr,
                "the `for` loop keeps what the call returns across the `yield_!` in its body",
                format!("for {pat} in {callee}(..).boxed()"),
            );
        }
        syn::visit::visit_expr_for_loop(self, f);
    }

    fn visit_block(&mut self, block: &'a syn::Block) {
        for (i, stmt) in block.stmts.iter().enumerate() {
            if let syn::Stmt::Local(local) = stmt {
                self.check_let(local, &block.stmts[i + 1..]);
            }
            self.visit_stmt(stmt);
        }
    }

    // Code that does not run as part of the generator.
    fn visit_expr_closure(&mut self, _: &'a syn::ExprClosure) {}
    fn visit_expr_async(&mut self, _: &'a syn::ExprAsync) {}
    fn visit_item(&mut self, _: &'a syn::Item) {}
}

/// Whether a statement mentions `ident` after one of its own suspensions, in
/// evaluation order, or anywhere in a loop that suspends (a later iteration
/// comes after the suspension).
struct MentionAfterYield<'i> {
    ident: &'i Ident,
    suspended: bool,
    loops: usize,
    found: bool,
}

impl MentionAfterYield<'_> {
    fn counts(&self) -> bool {
        self.suspended || self.loops > 0
    }

    fn in_loop(&mut self, suspends: bool, visit: impl FnOnce(&mut Self)) {
        self.loops += usize::from(suspends);
        visit(self);
        self.loops -= usize::from(suspends);
    }
}

impl<'a> Visit<'a> for MentionAfterYield<'_> {
    fn visit_ident(&mut self, i: &'a Ident) {
        self.found |= i == self.ident && self.counts();
    }

    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        if is_yield(mac) || is_yield_from(mac) {
            if let Ok(operand) = mac.parse_body::<Expr>() {
                self.visit_expr(&operand);
            }
            self.suspended = true;
        } else {
            self.found |= self.counts() && mentions(&mac.tokens, self.ident);
        }
    }

    fn visit_expr_loop(&mut self, l: &'a syn::ExprLoop) {
        let suspends = contains_yield(|y| y.visit_block(&l.body));
        self.in_loop(suspends, |v| syn::visit::visit_expr_loop(v, l));
    }

    fn visit_expr_while(&mut self, w: &'a syn::ExprWhile) {
        let suspends = contains_yield(|y| y.visit_expr_while(w));
        self.in_loop(suspends, |v| syn::visit::visit_expr_while(v, w));
    }

    fn visit_expr_for_loop(&mut self, f: &'a syn::ExprForLoop) {
        let suspends = contains_yield(|y| y.visit_block(&f.body));
        self.in_loop(suspends, |v| syn::visit::visit_expr_for_loop(v, f));
    }
}

/// The binding of `let x` or `let mut x: T`.
fn bound_ident(pat: &Pat) -> Option<&syn::PatIdent> {
    match pat {
        Pat::Ident(i) if i.subpat.is_none() && i.by_ref.is_none() => Some(i),
        Pat::Type(t) => bound_ident(&t.pat),
        _ => None,
    }
}

/// Whether the generator's name may name something else in its body: a
/// parameter, a local or a nested function of the same name.
fn names_shadowed(func: &GeneratorFn) -> bool {
    struct Finder<'n>(&'n Ident, bool);
    impl<'a> Visit<'a> for Finder<'_> {
        fn visit_pat_ident(&mut self, p: &'a syn::PatIdent) {
            self.1 |= p.ident == *self.0;
            syn::visit::visit_pat_ident(self, p);
        }
        fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
            self.1 |= f.sig.ident == *self.0;
            syn::visit::visit_item_fn(self, f);
        }
    }
    let item = &func.item;
    let mut finder = Finder(&item.sig.ident, false);
    for input in &item.sig.inputs {
        finder.visit_fn_arg(input);
    }
    finder.visit_block(&item.block);
    finder.1
}

/// Names starting with `__baozi_` are the expansion's own: one in the body
/// could be taken for one of them.
fn reserved_names(tokens: TokenStream, errors: &mut Vec<syn::Error>) {
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) if i.to_string().starts_with("__baozi_") => {
                errors.push(syn::Error::new(
                    i.span(),
                    format!("`{i}`: names starting with `__baozi_` are reserved for baozi's expansion; rename it"),
                ));
            }
            TokenTree::Group(g) => reserved_names(g.stream(), errors),
            _ => {}
        }
    }
}

/// Whether a macro invocation is `generator_block!`.
fn is_generator_block(mac: &syn::Macro) -> bool {
    mac.path
        .segments
        .last()
        .is_some_and(|s| s.ident == "generator_block")
}

struct Validator<'e> {
    errors: &'e mut Vec<syn::Error>,
    /// What the code being visited is nested in, innermost last.
    context: Vec<&'static str>,
}

impl Validator<'_> {
    fn nested<T>(&mut self, what: &'static str, f: impl FnOnce(&mut Self) -> T) -> T {
        self.context.push(what);
        let r = f(self);
        self.context.pop();
        r
    }

    fn check_yield(&mut self, mac: &syn::Macro) {
        if let Some(what) = self.context.last() {
            let msg = match *what {
                "a closure" => {
                    "`yield_!` inside a closure cannot suspend the generator: a closure is a function \
                     of its own. Use a loop instead of an iterator adapter (`for x in it { yield_!(x) }`)"
                }
                "an async block" => "`yield_!` inside an async block cannot suspend the generator",
                _ => {
                    "`yield_!` inside a nested item cannot suspend the generator: mark that function \
                      `#[generator]` itself"
                }
            };
            self.errors.push(syn::Error::new(mac.path.span(), msg));
        }
    }

    /// `yield_!` hidden in another macro's tokens.
    fn check_tokens(&mut self, outer: &syn::Macro, tokens: TokenStream) {
        let mut prev: Option<TokenTree> = None;
        for tt in tokens {
            match &tt {
                TokenTree::Punct(p) if p.as_char() == '!' => {
                    if let Some(TokenTree::Ident(y)) = &prev
                        && (y == "yield_" || y == "yield_from")
                    {
                        let name = outer
                            .path
                            .segments
                            .last()
                            .map(|s| s.ident.to_string())
                            .unwrap_or_default();
                        self.errors.push(syn::Error::new(
                            y.span(),
                            format!(
                                "`{y}!` inside the arguments of `{name}!` is not supported: \
                                 bind it to a local first (`let v = {y}!(..);`) and pass `v`"
                            ),
                        ));
                    }
                }
                TokenTree::Group(g) => self.check_tokens(outer, g.stream()),
                _ => {}
            }
            prev = Some(tt);
        }
    }
}

impl<'a> Visit<'a> for Validator<'_> {
    /// A `#[cfg]` on a statement that the transform rewrites: the macro sees
    /// the body before rustc configures it, so it would keep a statement
    /// that rustc drops (a `let`, whose binding the analyses see, or one
    /// with a `yield_!`, which becomes states).
    fn visit_stmt(&mut self, stmt: &'a syn::Stmt) {
        let (attrs, what, fix) = match stmt {
            syn::Stmt::Local(l) => (
                &l.attrs[..],
                "a `let`",
                "`let x = if cfg!(..) { a } else { b };`",
            ),
            syn::Stmt::Macro(m) if contains_yield(|f| f.visit_stmt_macro(m)) => (
                &m.attrs[..],
                "a statement with a `yield_!`",
                "`if cfg!(..) { .. }`",
            ),
            syn::Stmt::Expr(e, _) if contains_yield(|f| f.visit_expr(e)) => (
                expr_attrs(e),
                "a statement with a `yield_!`",
                "`if cfg!(..) { .. }`",
            ),
            _ => (&[][..], "", ""),
        };
        if self.context.is_empty()
            && let Some(attr) = cfg_attr(attrs)
        {
            self.errors.push(syn::Error::new(
                attr.path().span(),
                format!(
                    "`#[cfg]` on {what} in a #[generator] body is not supported: the macro \
                     rewrites the body before rustc configures it, and would keep the statement; \
                     write {fix} instead"
                ),
            ));
        }
        syn::visit::visit_stmt(self, stmt);
    }

    /// The same for an arm of a `match` with a `yield_!`, which becomes
    /// states.
    fn visit_expr_match(&mut self, m: &'a syn::ExprMatch) {
        if self.context.is_empty() && contains_yield(|f| f.visit_expr_match(m)) {
            for attr in m.arms.iter().filter_map(|arm| cfg_attr(&arm.attrs)) {
                self.errors.push(syn::Error::new(
                    attr.path().span(),
                    "`#[cfg]` on an arm of a `match` with a `yield_!` in a #[generator] body is \
                     not supported: the macro rewrites the body before rustc configures it, and \
                     would keep the arm; test `cfg!(..)` in the arm's guard or body instead",
                ));
            }
        }
        syn::visit::visit_expr_match(self, m);
    }

    fn visit_macro(&mut self, mac: &'a syn::Macro) {
        if is_yield(mac) || is_yield_from(mac) {
            self.check_yield(mac);
            if let Ok(operand) = mac.parse_body::<syn::Expr>() {
                self.visit_expr(&operand);
            }
        } else if !is_generator_block(mac) {
            // A nested `generator_block!`'s yields are its own.
            self.check_tokens(mac, mac.tokens.clone());
        }
    }

    fn visit_expr_closure(&mut self, c: &'a syn::ExprClosure) {
        self.nested("a closure", |v| syn::visit::visit_expr_closure(v, c));
    }

    fn visit_expr_async(&mut self, a: &'a syn::ExprAsync) {
        self.nested("an async block", |v| syn::visit::visit_expr_async(v, a));
    }

    fn visit_item(&mut self, i: &'a syn::Item) {
        // A nested `#[generator]` function owns its yields.
        if let syn::Item::Fn(f) = i
            && f.attrs.iter().any(|a| {
                a.path()
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "generator")
            })
        {
            return;
        }
        self.nested("an item", |v| syn::visit::visit_item(v, i));
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;

    fn errors(item: proc_macro2::TokenStream) -> Vec<String> {
        errors_with(quote!(), item)
    }

    fn errors_with(args: proc_macro2::TokenStream, item: proc_macro2::TokenStream) -> Vec<String> {
        let f = crate::parse::parse(args, item).unwrap();
        super::validate(&f)
            .into_iter()
            .map(|e| e.to_string())
            .collect()
    }

    #[test]
    fn an_async_generator_takes_no_resume_type_and_derives_nothing() {
        let item = quote!(
            async fn f() {
                yield_!(1);
            }
        );
        assert!(errors_with(quote!(yield = u8), item.clone()).is_empty());
        let errs = errors_with(quote!(yield = u8, resume = u8, derive(Clone)), item);
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert!(errs[0].contains("remove `resume = ..`"));
        assert!(errs[1].contains("remove `derive(..)`"));
    }

    #[test]
    fn every_misplaced_yield_is_reported() {
        let errs = errors(quote!(
            const fn f() {
                let c = || yield_!(1);
                fn inner() {
                    yield_!(2);
                }
                println!("{}", yield_!(3));
                yield_!(4);
            }
        ));
        assert_eq!(errs.len(), 4, "{errs:#?}");
        assert!(errs[0].starts_with("a `const fn`"));
        assert!(errs[1].contains("inside a closure"));
        assert!(errs[2].contains("nested item"));
        assert!(errs[3].contains("`println!`"));
    }

    fn recursion_errors(item: proc_macro2::TokenStream) -> Vec<String> {
        errors(item)
            .into_iter()
            .filter(|e| e.starts_with("this generator calls itself"))
            .collect()
    }

    #[test]
    fn recursive_calls_kept_in_the_state_are_reported() {
        let errs = recursion_errors(quote!(
            fn walk(n: u32) {
                yield_from!(walk(n - 1));
                for x in walk(n - 1) {
                    yield_!(x);
                }
                let mut g = walk(n - 1);
                while let Some(x) = g.next() {
                    yield_!(x);
                }
                let _unused = (walk(n));
                yield_!(0);
            }
        ));
        assert_eq!(errs.len(), 4, "{errs:#?}");
        assert!(
            errs[0].ends_with("`yield_from!(walk(..).boxed())`"),
            "{}",
            errs[0]
        );
        assert!(
            errs[1].ends_with("`for x in walk(..).boxed()`"),
            "{}",
            errs[1]
        );
        assert!(errs[2].contains("`g` keeps"), "{}", errs[2]);
        assert!(
            errs[2].ends_with("`let mut g = walk(..).boxed();`"),
            "{}",
            errs[2]
        );
        assert!(errs[3].contains("`_unused` keeps"), "{}", errs[3]);
    }

    #[test]
    fn a_local_used_before_the_yield_of_its_statement_is_not_reported() {
        let errs = recursion_errors(quote!(
            fn walk(n: u32) {
                let g = walk(n - 1);
                yield_!(g.count());
                let h = walk(n - 1);
                let c = (h.count(), yield_!(0));
                yield_!(c.0);
            }
        ));
        assert!(errs.is_empty(), "{errs:#?}");
    }

    #[test]
    fn a_local_used_after_the_yield_of_its_statement_is_reported() {
        let errs = recursion_errors(quote!(
            fn walk(n: u32) {
                let g = walk(n - 1);
                let c = (yield_!(0), g.count());
                let mut h = walk(n - 1);
                if c > 0 {
                    loop {
                        let Some(x) = h.next() else { break };
                        yield_!(x);
                    }
                }
                let k = walk(n - 1);
                match c {
                    0 => yield_!(1),
                    _ => println!("{}", k.count()),
                }
            }
        ));
        assert_eq!(errs.len(), 3, "{errs:#?}");
        assert!(errs[0].contains("`g` keeps"), "{}", errs[0]);
        assert!(errs[1].contains("`h` keeps"), "{}", errs[1]);
        assert!(errs[2].contains("`k` keeps"), "{}", errs[2]);
    }

    #[test]
    fn recursive_methods_are_reported() {
        let errs = recursion_errors(quote!(
            fn walk(&self, n: u32) {
                yield_from!(self.walk(n - 1));
                yield_from!(Self::walk(self, n - 1));
            }
        ));
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert!(
            errs[0].ends_with("`yield_from!(self.walk(..).boxed())`"),
            "{}",
            errs[0]
        );
        assert!(
            errs[1].ends_with("`yield_from!(Self::walk(..).boxed())`"),
            "{}",
            errs[1]
        );
    }

    #[test]
    fn recursive_calls_not_kept_are_not_reported() {
        let errs = recursion_errors(quote!(
            fn walk(n: u32) {
                yield_from!(walk(n - 1).boxed());
                yield_from!(Box::new(walk(n - 1)) as Box<dyn Generator<Yield = u32>>);
                for x in walk(n - 1).boxed() {
                    yield_!(x);
                }
                yield_!(walk(n - 1).count());
                let mut total = 0;
                for x in walk(n - 1) {
                    total += x;
                }
                let g = walk(n - 1);
                let sum: u32 = g.sum();
                yield_!(sum);
                let _ = walk(n - 1);
                yield_!(total);
                let s = walk(n - 1);
                let s: u32 = s.sum();
                yield_!(s);
                drop(s);
                let c = || walk(n - 1);
                fn other() -> u32 {
                    for x in walk(0) {
                        yield_!(x);
                    }
                }
                let last = walk(n - 1);
            }
        ));
        assert!(errs.is_empty(), "{errs:#?}");
    }

    #[test]
    fn a_local_of_the_generators_name_is_not_the_generator() {
        let errs = recursion_errors(quote!(
            fn walk(n: u32) {
                let walk = |n: u32| 0..n;
                yield_from!(walk(n));
            }
        ));
        assert!(errs.is_empty(), "{errs:#?}");
    }

    #[test]
    fn nested_generators_own_their_yields() {
        assert!(
            errors(quote!(
                fn f() {
                    #[generator]
                    fn g() {
                        yield_!();
                    }
                    yield_!();
                }
            ))
            .is_empty()
        );
    }
}
