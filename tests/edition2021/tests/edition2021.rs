//! The edition 2021 crate's generators, used from outside the crate.

use baozi_core::prelude::*;
use baozi_tests_edition2021::*;
use GeneratorState::{Complete, Yielded};

fn run<G: Generator<Yield = Y, Return = T>, Y, T>(mut g: G) -> (Vec<Y>, T) {
    let mut ys = Vec::new();
    loop {
        match g.resume(()) {
            Yielded(y) => ys.push(y),
            Complete(t) => return (ys, t),
        }
    }
}

#[test]
fn elided_lifetime_in_argument_and_yield_type() {
    let text = String::from("the quick brown fox");
    assert_eq!(run(words(&text)), (vec!["the", "quick", "brown", "fox"], 4));
    let collected: Vec<&str> = {
        let g = words(&text);
        g.collect()
    };
    assert_eq!(collected.len(), 4);
}

#[test]
fn elided_lifetime_not_named_by_the_yield_type() {
    let text = String::from("ab cde f");
    assert_eq!(word_lengths(&text).collect::<Vec<_>>(), [2, 3, 1]);
}

#[test]
fn explicit_lifetime_and_type_parameter() {
    let v = vec![1, 2, 3, 4, 5];
    assert_eq!(run(every_other(&v)), (vec![&1, &3, &5], 3));
}

#[test]
fn lifetime_named_only_by_an_argument() {
    let s = String::from("abc;def");
    assert_eq!(bytes_until(&s, b';').collect::<Vec<_>>(), b"abc");
}

#[test]
fn impl_trait_argument_with_a_lifetime() {
    let owned = String::from("x y");
    assert_eq!(upper(owned.split(' ')).collect::<Vec<_>>(), ["X", "Y"]);
}

#[test]
fn resume_values() {
    let mut g = running_total(10);
    assert_eq!(g.resume(0), Yielded(0));
    assert_eq!(g.resume(4), Yielded(4));
    assert_eq!(g.resume(7), Complete(11));
}

#[test]
fn methods_on_shared_self() {
    let s = Sentence {
        text: "a,bb,,ccc".to_string(),
        sep: ',',
    };
    assert_eq!(s.parts().collect::<Vec<_>>(), ["a", "bb", "ccc"]);
    assert_eq!(run(s.part_lengths()), (vec![1, 2, 0, 3], 6));
    let (p, l) = (s.parts(), s.part_lengths());
    assert_eq!(p.count() + l.count(), 3 + 4);
}

#[test]
fn method_on_mutable_self() {
    let mut s = Sentence {
        text: "abc".to_string(),
        sep: ' ',
    };
    assert_eq!(s.pop_chars(2).collect::<String>(), "cb");
    assert_eq!(s.text, "a");
    assert_eq!(s.pop_chars(5).collect::<String>(), "a");
    assert_eq!(s.text, "");
}

#[test]
fn method_consuming_self() {
    let s = Sentence {
        text: "x-y".to_string(),
        sep: '-',
    };
    assert_eq!(
        run(s.into_parts()),
        (vec!["x".to_string(), "y".to_string()], '-')
    );
}

#[test]
fn two_elided_lifetimes() {
    let (a, b) = (String::from("ab"), String::from("xyz"));
    assert_eq!(
        zip_chars(&a, &b).collect::<Vec<_>>(),
        [('a', 'x'), ('b', 'y')]
    );
}

#[test]
fn yield_from_an_iterator_and_a_boxed_recursive_loop() {
    let text = String::from("包子");
    let g = nested(&text, 2);
    fn assert_unpin<T: Unpin>(t: T) -> T {
        t
    }
    assert_eq!(assert_unpin(g).collect::<String>(), "包子包子包子");
}
