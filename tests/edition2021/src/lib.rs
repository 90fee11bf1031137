//! Generators defined in an edition 2021 crate.
//!
//! In edition 2021 a return-position `impl Trait` only captures the lifetimes
//! it names, so generators that borrow their arguments through elided
//! lifetimes (`&str`, `&self`) need the attribute's help.

use baozi_core::prelude::*;

/// The words of `s`, borrowed from it (elided lifetime in the yield type).
#[generator(yield = &str)]
pub fn words(s: &str) -> usize {
    let mut n = 0;
    for w in s.split_whitespace() {
        n += 1;
        yield_!(w);
    }
    n
}

/// The lengths of the words of `s`: borrows `s`, but the yield type does not
/// mention its lifetime.
#[generator(yield = usize)]
pub fn word_lengths(s: &str) {
    for w in s.split_whitespace() {
        yield_!(w.len());
    }
}

/// Explicit lifetimes, a type parameter and a where clause.
#[generator(yield = &'a T)]
pub fn every_other<'a, T>(items: &'a [T]) -> usize
where
    T: PartialEq,
{
    let mut n = 0;
    for (i, item) in items.iter().enumerate() {
        if i % 2 == 0 {
            n += 1;
            yield_!(item);
        }
    }
    n
}

/// A lifetime named only by an argument, not by the yield or return type.
#[generator(yield = u8)]
pub fn bytes_until<'a>(s: &'a str, stop: u8) {
    for b in s.bytes() {
        if b == stop {
            return;
        }
        yield_!(b);
    }
}

/// A type parameter carrying a lifetime, in an `impl Trait` argument.
#[generator(yield = String)]
pub fn upper<'a>(it: impl Iterator<Item = &'a str>) {
    for s in it {
        yield_!(s.to_uppercase());
    }
}

/// A running total fed by `send`.
#[generator(yield = i64, resume = i64)]
pub fn running_total(limit: i64) -> i64 {
    let mut total = 0;
    while total < limit {
        total += yield_!(total);
    }
    total
}

pub struct Sentence {
    pub text: String,
    pub sep: char,
}

impl Sentence {
    /// Borrows `self` with an elided lifetime, yielding borrowed pieces.
    #[generator(yield = &str)]
    pub fn parts(&self) {
        for p in self.text.split(self.sep) {
            if !p.is_empty() {
                yield_!(p);
            }
        }
    }

    /// Borrows `self`, yielding owned values (the lifetime is not named).
    #[generator(yield = usize)]
    pub fn part_lengths(&self) -> usize {
        let mut total = 0;
        for p in self.text.split(self.sep) {
            total += p.len();
            yield_!(p.len());
        }
        total
    }

    /// Mutably borrows `self`.
    #[generator(yield = char)]
    pub fn pop_chars(&mut self, n: usize) {
        for _ in 0..n {
            match self.text.pop() {
                Some(c) => yield_!(c),
                None => return,
            }
        }
    }

    /// Consumes `self`.
    #[generator(yield = String)]
    pub fn into_parts(self) -> char {
        let sep = self.sep;
        // owned parts: the generator cannot borrow its own `self` across a yield
        let parts: Vec<String> = self.text.split(sep).map(String::from).collect();
        for p in parts {
            yield_!(p);
        }
        sep
    }
}

/// Borrows two arguments with elided lifetimes.
#[generator(yield = (char, char))]
pub fn zip_chars(a: &str, b: &str) {
    for pair in a.chars().zip(b.chars()) {
        yield_!(pair);
    }
}

/// `yield_from!` of an iterator borrowed from an argument, and a recursive
/// `for` over the boxed call.
#[generator(yield = char)]
pub fn nested(s: &str, depth: u32) {
    yield_from!(s.chars());
    if depth > 0 {
        for c in nested(s, depth - 1).boxed() {
            yield_!(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_borrowed_from_the_argument() {
        let s = String::from("a bb  ccc");
        assert_eq!(words(&s).collect::<Vec<_>>(), ["a", "bb", "ccc"]);
        let mut g = words(&s);
        assert_eq!(g.resume(()), GeneratorState::Yielded("a"));
    }
}
