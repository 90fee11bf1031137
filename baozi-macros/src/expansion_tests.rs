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
