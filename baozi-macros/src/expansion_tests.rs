//! Expansion snapshots: what a generator becomes. Set `BAOZI_BLESS=1` to
//! rewrite the snapshots in `tests/expansions/` after reviewing the change.

use std::path::Path;

fn pretty(tokens: proc_macro2::TokenStream) -> String {
    match syn::parse2::<syn::File>(tokens.clone()) {
        Ok(file) => prettyplease::unparse(&file),
        Err(_) => tokens.to_string(),
    }
}

/// Expands `#[generator(<attr>)] <item>` and compares with the snapshot.
fn check(name: &str, attr: &str, item: &str) {
    let out = super::expand(attr.parse().unwrap(), item.parse().unwrap());
    let text = pretty(out);
    assert!(
        !text.contains("unsafe"),
        "the expansion of {name} contains `unsafe`:\n{text}"
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expansions")
        .join(format!("{name}.rs"));
    if std::env::var_os("BAOZI_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == text,
        "expansion of {name} changed; rerun with BAOZI_BLESS=1 to accept:\n{text}"
    );
}

#[test]
fn dump() {
    if let Ok(src) = std::env::var("BAOZI_DUMP") {
        let file: syn::File = syn::parse_str(&std::fs::read_to_string(src).unwrap()).unwrap();
        for item in file.items {
            if let syn::Item::Fn(mut f) = item {
                let attr = f.attrs.remove(0);
                let args = match attr.meta {
                    syn::Meta::List(l) => l.tokens,
                    _ => Default::default(),
                };
                println!("{}", pretty(super::expand(args, quote::quote!(#f))));
            }
        }
    }
}

#[test]
fn seed_consumer() {
    check(
        "seed_consumer",
        "yield = (), resume = Option<&'static str>",
        r#"fn consumer(name: &'static str) {
            println!("{} 準備吃包子啦!", name);
            loop {
                let baozi = yield_!();
                println!("包子[{:?}]来了,被[{}]吃了!", baozi, name);
            }
        }"#,
    );
}

#[test]
fn counting_loop() {
    check(
        "counting_loop",
        "yield = u64",
        "fn count(n: u64) {
            let mut i = 0;
            while i < n {
                yield_!(i);
                i += 1;
            }
        }",
    );
}

#[test]
fn for_loop_with_early_return() {
    check(
        "for_loop_with_early_return",
        "yield = i32",
        "fn evens(v: Vec<i32>) -> Option<i32> {
            let mut total = 0;
            for x in v {
                if x < 0 {
                    return None;
                }
                if x % 2 == 0 {
                    yield_!(x);
                } else {
                    total += x;
                }
            }
            Some(total)
        }",
    );
}

#[test]
fn operands_around_a_yield() {
    check(
        "operands_around_a_yield",
        "yield = &'static str, resume = i32",
        r#"fn order() -> i32 {
            let x = a() + yield_!("x?") + b();
            x
        }"#,
    );
}

#[test]
fn method_with_shadowing() {
    check(
        "method_with_shadowing",
        "yield = String",
        "fn lines(&self) -> usize {
            let mut n = 0;
            for line in self.text.lines() {
                let line = line.trim();
                yield_!(line.to_uppercase());
                n += 1;
            }
            n
        }",
    );
}

/// A 4 KiB buffer and a counter kept across a yield in a loop: resumed in
/// place, the buffer reached through a reference into the state, the
/// counters copied out and written back when the loop suspends again.
#[test]
fn in_place_buffer_loop() {
    check(
        "in_place_buffer_loop",
        "yield = u8",
        "fn bigstate(n: usize) {
            let mut buf = [0u8; 4096];
            let mut i = 0;
            while i < n {
                yield_!(buf[i % 4096]);
                step(&mut buf, i);
                i += 1;
            }
        }",
    );
}

/// Counts the `unsafe` keywords in a token stream.
fn unsafe_count(tokens: proc_macro2::TokenStream) -> usize {
    tokens
        .into_iter()
        .map(|tt| match tt {
            proc_macro2::TokenTree::Ident(i) if i == "unsafe" => 1,
            proc_macro2::TokenTree::Group(g) => unsafe_count(g.stream()),
            _ => 0,
        })
        .sum()
}

/// Every `#[generator]` function of the workspace's tests and examples.
fn all_test_generators() -> Vec<(String, syn::ItemFn)> {
    struct Collect(Vec<syn::ItemFn>);
    impl<'a> syn::visit::Visit<'a> for Collect {
        fn visit_item_fn(&mut self, f: &'a syn::ItemFn) {
            if f.attrs.iter().any(|a| a.path().is_ident("generator")) {
                self.0.push(f.clone());
            }
            syn::visit::visit_item_fn(self, f);
        }
        fn visit_impl_item_fn(&mut self, f: &'a syn::ImplItemFn) {
            if f.attrs.iter().any(|a| a.path().is_ident("generator")) {
                self.0.push(syn::ItemFn {
                    attrs: f.attrs.clone(),
                    vis: f.vis.clone(),
                    sig: f.sig.clone(),
                    block: Box::new(f.block.clone()),
                });
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut out = Vec::new();
    for dir in [
        "tests/tests",
        "tests/edition2021/src",
        "tests/edition2021/tests",
        "examples/src",
        "benches/src",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let file: syn::File = syn::parse_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let mut c = Collect(Vec::new());
            syn::visit::Visit::visit_file(&mut c, &file);
            out.extend(
                c.0.into_iter()
                    .map(|f| (format!("{}: {}", path.display(), f.sig.ident), f)),
            );
        }
    }
    out
}

#[test]
fn no_expansion_adds_unsafe() {
    let generators = all_test_generators();
    assert!(
        generators.len() > 150,
        "found only {} generators",
        generators.len()
    );
    for (name, mut f) in generators {
        let attr = f.attrs.remove(
            f.attrs
                .iter()
                .position(|a| a.path().is_ident("generator"))
                .unwrap(),
        );
        let args = match attr.meta {
            syn::Meta::List(l) => l.tokens,
            _ => Default::default(),
        };
        let input = quote::quote!(#f);
        let output = super::expand(args, input.clone());
        assert!(
            !output.to_string().contains("compile_error"),
            "{name} does not expand"
        );
        // A user's `unsafe` block split at a yield is reopened in each part.
        if unsafe_count(input) == 0 {
            assert_eq!(
                unsafe_count(output),
                0,
                "{name}: the expansion adds `unsafe`"
            );
        }
    }
}
