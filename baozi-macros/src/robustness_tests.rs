//! Bad input never panics the macro: mutations of valid generators (tokens
//! deleted, duplicated, swapped, replaced) give code or `compile_error!`,
//! never an internal error. A fixed-seed run, so it is reproducible.

use proc_macro2::{TokenStream, TokenTree};

/// Valid generators to mutate.
const SEEDS: &[(&str, &str)] = &[
    (
        "yield = u64",
        "fn count(n: u64) { let mut i = 0; while i < n { yield_!(i); i += 1; } }",
    ),
    (
        "yield = i32, resume = i32",
        "fn f(v: Vec<i32>) -> Result<i32, String> {
            let mut t = 0;
            'o: for x in v { match x { 0 => continue, y if y < 0 => break 'o, _ => t += yield_!(x) } }
            let Some(z) = Some(t) else { return Err(\"no\".into()) };
            let w = if z > 1 { yield_!(z) } else { loop { break 3; } };
            Ok(w + a(b(yield_!(1)), [c(), yield_!(2)][0]))
        }",
    ),
    (
        "yield = String, derive(Clone, Debug)",
        "fn m(&self, (a, b): (u8, u8)) { let s = format!(\"{a}{b}\"); { let s = s.clone(); yield_!(s); } \
         macro_rules! twice { ($e:expr) => { $e + $e } } yield_!(twice!(1).to_string()); yield_from!(other()); }",
    ),
];

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Flattens a token stream to (depth-first) leaves and rebuilds it after a
/// mutation of one leaf-level position, keeping groups balanced.
fn mutate(tokens: TokenStream, rng: &mut Rng) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    if trees.is_empty() {
        return TokenStream::new();
    }
    let i = rng.below(trees.len());
    match (rng.below(5), trees[i].clone()) {
        (0, TokenTree::Group(g)) => {
            let mut ng = proc_macro2::Group::new(g.delimiter(), mutate(g.stream(), rng));
            ng.set_span(g.span());
            trees[i] = TokenTree::Group(ng);
        }
        (0 | 1, _) => {
            trees.remove(i);
        }
        (2, t) => trees.insert(i, t),
        (3, _) => {
            let j = rng.below(trees.len());
            trees.swap(i, j);
        }
        (_, _) => {
            let junk: TokenStream = [
                "yield_!()",
                ";",
                "return",
                "?",
                "self",
                "'a",
                "break",
                "let",
                "{}",
                "=",
                "move",
            ][rng.below(11)]
            .parse()
            .expect("valid tokens");
            trees.splice(i..i, junk);
        }
    }
    trees.into_iter().collect()
}

#[test]
fn mutated_generators_never_make_the_macro_panic() {
    let mut rng = Rng(0xba02);
    // Panics are caught and turned into an internal error; keep the test's
    // output quiet while we look for them.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let mut internal = Vec::new();
    for round in 0..600 {
        let (attr, item) = SEEDS[round % SEEDS.len()];
        let mut item: TokenStream = item.parse().unwrap();
        let mut attr: TokenStream = attr.parse().unwrap();
        for _ in 0..1 + rng.below(3) {
            if rng.below(8) == 0 {
                attr = mutate(attr, &mut rng);
            } else {
                item = mutate(item, &mut rng);
            }
        }
        let out = super::expand(attr.clone(), item.clone()).to_string();
        if out.contains("internal error") {
            internal.push(format!("#[generator({attr})] {item}"));
        }
        let block = super::expand_block(item.clone()).to_string();
        if block.contains("internal error") {
            internal.push(format!("generator_block!({item})"));
        }
    }
    std::panic::set_hook(hook);
    assert!(
        internal.is_empty(),
        "the macro panicked on:\n{}",
        internal.join("\n")
    );
}
