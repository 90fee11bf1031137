//! Everyday Rust generator shapes (tree iterators, lexers, parsers, state
//! machines, chunkers, pagination, windows, merges, pipelines), written with
//! baozi as a new user would first write them.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Debug;

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;

// Origin: everyday shape, a pre-order iterator over a borrowed n-ary tree
// with an explicit stack.
struct Node {
    name: &'static str,
    children: Vec<Node>,
}

fn n(name: &'static str, children: Vec<Node>) -> Node {
    Node { name, children }
}

#[generator(yield = &'a str)]
fn preorder<'a>(root: &'a Node) {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        yield_!(node.name);
        for child in node.children.iter().rev() {
            stack.push(child);
        }
    }
}

#[test]
fn tree_preorder() {
    let t = n("a", vec![n("b", vec![n("d", vec![])]), n("c", vec![])]);
    assert_eq!(preorder(&t).collect::<Vec<_>>(), ["a", "b", "d", "c"]);
}

// Origin: everyday shape, breadth-first search over a borrowed graph.
#[generator(yield = u32)]
fn bfs<'g>(graph: &'g HashMap<u32, Vec<u32>>, start: u32) {
    let mut seen = HashSet::from([start]);
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        yield_!(node);
        for &next in graph.get(&node).into_iter().flatten() {
            if seen.insert(next) {
                queue.push_back(next);
            }
        }
    }
}

#[test]
fn graph_bfs() {
    let g = HashMap::from([(1, vec![2, 3]), (2, vec![4]), (3, vec![4]), (4, vec![1])]);
    assert_eq!(bfs(&g, 1).collect::<Vec<_>>(), [1, 2, 3, 4]);
}

// Origin: everyday shape, a lexer over a borrowed `&str` with a peekable
// `char_indices`.
#[derive(Debug, PartialEq)]
enum Tok<'s> {
    Num(i64),
    Ident(&'s str),
    Op(char),
}

#[generator(yield = Tok<'s>)]
fn lex<'s>(src: &'s str) {
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_ascii_digit() {
            let mut value = c.to_digit(10).unwrap() as i64;
            while let Some(d) = chars.next_if(|(_, d)| d.is_ascii_digit()) {
                value = value * 10 + d.1.to_digit(10).unwrap() as i64;
            }
            yield_!(Tok::Num(value));
        } else if c.is_alphabetic() {
            let mut end = i + c.len_utf8();
            while let Some((j, d)) = chars.next_if(|(_, d)| d.is_alphanumeric()) {
                end = j + d.len_utf8();
            }
            yield_!(Tok::Ident(&src[i..end]));
        } else {
            yield_!(Tok::Op(c));
        }
    }
}

#[test]
fn lexer() {
    let toks: Vec<_> = lex("x1 = 42 + y").collect();
    assert_eq!(
        toks,
        [
            Tok::Ident("x1"),
            Tok::Op('='),
            Tok::Num(42),
            Tok::Op('+'),
            Tok::Ident("y")
        ]
    );
}

// Origin: everyday shape, a `key = value` config parser that skips blank
// lines and comments and stops with an error (`?`-style) on a bad line.
#[generator(yield = (&'a str, &'a str))]
fn config_pairs<'a>(text: &'a str) -> Result<(), usize> {
    for (no, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line.split_once('=').ok_or(no + 1)?;
        yield_!((k.trim(), v.trim()));
    }
    Ok(())
}

#[test]
fn config_parser() {
    let mut g = config_pairs("# c\na = 1\n\nb=two\noops\nc=3");
    assert_eq!(g.by_ref().collect::<Vec<_>>(), [("a", "1"), ("b", "two")]);
    assert_eq!(g.take_return(), Some(Err(5)));
}

// Origin: everyday shape, numbers parsed from a line with `?` on parse
// errors.
#[generator(yield = i32)]
fn numbers<'a>(line: &'a str) -> Result<(), std::num::ParseIntError> {
    for tok in line.split_whitespace() {
        let n: i32 = tok.parse()?;
        yield_!(n);
    }
    Ok(())
}

#[test]
fn parse_numbers_with_question_mark() {
    let mut g = numbers("1 2 x 4");
    assert_eq!(g.by_ref().collect::<Vec<_>>(), [1, 2]);
    assert!(matches!(g.take_return(), Some(Err(_))));
}

// Origin: everyday shape, a state machine driven by events (a turnstile).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Event {
    Coin,
    Push,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Turnstile {
    Locked,
    Unlocked,
}

#[generator(yield = Turnstile, resume = Event)]
fn turnstile() {
    loop {
        while yield_!(Turnstile::Locked) != Event::Coin {}
        while yield_!(Turnstile::Unlocked) != Event::Push {}
    }
}

#[test]
fn state_machine() {
    let mut t = turnstile();
    assert_eq!(t.resume(Event::Push), Yielded(Turnstile::Locked));
    assert_eq!(t.send(Event::Push), Some(Turnstile::Locked));
    assert_eq!(t.send(Event::Coin), Some(Turnstile::Unlocked));
    assert_eq!(t.send(Event::Coin), Some(Turnstile::Unlocked));
    assert_eq!(t.send(Event::Push), Some(Turnstile::Locked));
}

// Origin: everyday shape, fixed-size chunks of any iterator.
#[generator(yield = Vec<I::Item>)]
fn chunks<I: Iterator>(it: I, size: usize) {
    let mut buf = Vec::with_capacity(size);
    for x in it {
        buf.push(x);
        if buf.len() == size {
            yield_!(std::mem::take(&mut buf));
        }
    }
    if !buf.is_empty() {
        yield_!(buf);
    }
}

#[test]
fn chunker() {
    let got: Vec<_> = chunks(1..=7, 3).collect();
    assert_eq!(got, [vec![1, 2, 3], vec![4, 5, 6], vec![7]]);
}

// Origin: everyday shape, pagination: fetch page after page until there is
// no next page.
fn fetch(page: usize) -> (Vec<String>, Option<usize>) {
    let items = (0..2).map(|i| format!("item{}", page * 2 + i)).collect();
    (items, if page < 2 { Some(page + 1) } else { None })
}

#[generator(yield = String)]
fn all_items() {
    let mut next = Some(0);
    while let Some(page) = next {
        let (items, more) = fetch(page);
        for item in items {
            yield_!(item);
        }
        next = more;
    }
}

#[test]
fn pagination() {
    let got: Vec<_> = all_items().collect();
    assert_eq!(got, ["item0", "item1", "item2", "item3", "item4", "item5"]);
}

// Origin: everyday shape, sums of windows over a borrowed slice.
#[generator(yield = i32)]
fn window_sums<'a>(data: &'a [i32], width: usize) {
    for w in data.windows(width) {
        yield_!(w.iter().sum());
    }
}

#[test]
fn windows_over_slice() {
    assert_eq!(
        window_sums(&[1, 2, 3, 4, 5], 3).collect::<Vec<_>>(),
        [6, 9, 12]
    );
}

// Origin: everyday shape, a length-prefixed frame parser over a borrowed
// byte buffer.
#[generator(yield = &'a [u8])]
fn frames<'a>(buf: &'a [u8]) -> usize {
    let mut rest = buf;
    while let Some((&len, tail)) = rest.split_first() {
        if tail.len() < len as usize {
            break;
        }
        let (frame, tail) = tail.split_at(len as usize);
        yield_!(frame);
        rest = tail;
    }
    rest.len()
}

#[test]
fn frame_parser() {
    let mut g = frames(&[2, b'h', b'i', 1, b'!', 5, b'x']);
    assert_eq!(g.by_ref().collect::<Vec<_>>(), [&b"hi"[..], b"!"]);
    assert_eq!(g.take_return(), Some(2));
}

// Origin: everyday shape, a push parser: fed chunks of text with `send`,
// it yields the complete lines seen so far.
#[generator(yield = Vec<String>, resume = &'static str)]
fn line_splitter() {
    let mut partial = String::new();
    let mut lines = Vec::new();
    loop {
        let chunk = yield_!(std::mem::take(&mut lines));
        for c in chunk.chars() {
            if c == '\n' {
                lines.push(std::mem::take(&mut partial));
            } else {
                partial.push(c);
            }
        }
    }
}

#[test]
fn push_parser() {
    let mut p = line_splitter();
    p.resume("");
    assert_eq!(p.send("ab"), Some(vec![]));
    assert_eq!(
        p.send("c\nde\nf"),
        Some(vec!["abc".to_string(), "de".to_string()])
    );
    assert_eq!(p.send("\n"), Some(vec!["f".to_string()]));
}

// Origin: everyday shape, primes by trial division against the primes found
// so far (a local `Vec` borrowed between yields, not across them).
#[generator(yield = u64)]
fn primes() {
    let mut found: Vec<u64> = Vec::new();
    let mut n = 2;
    loop {
        if found.iter().all(|p| n % p != 0) {
            found.push(n);
            yield_!(n);
        }
        n += 1;
    }
}

#[test]
fn growing_primes() {
    assert_eq!(primes().take(6).collect::<Vec<_>>(), [2, 3, 5, 7, 11, 13]);
}

// Origin: everyday shape, Fibonacci that stops at overflow.
#[generator(yield = u8)]
fn fib_u8() {
    let (mut a, mut b) = (0u8, 1u8);
    loop {
        yield_!(a);
        match a.checked_add(b) {
            Some(c) => (a, b) = (b, c),
            None => {
                yield_!(b);
                return;
            }
        }
    }
}

#[test]
fn fib_until_overflow() {
    let v: Vec<_> = fib_u8().collect();
    assert_eq!(v.last(), Some(&233));
    assert_eq!(v.len(), 14);
}

// Origin: everyday shape, the Collatz sequence.
#[generator(yield = u64)]
fn collatz(mut n: u64) {
    while n != 1 {
        yield_!(n);
        n = if n % 2 == 0 { n / 2 } else { 3 * n + 1 };
    }
    yield_!(1);
}

#[test]
fn collatz_sequence() {
    assert_eq!(
        collatz(6).collect::<Vec<_>>(),
        [6, 3, 10, 5, 16, 8, 4, 2, 1]
    );
}

// Origin: everyday shape, flattening a vector of vectors by value.
#[generator(yield = T)]
fn flatten_vecs<T>(vecs: Vec<Vec<T>>) {
    for v in vecs {
        for x in v {
            yield_!(x);
        }
    }
}

#[test]
fn flatten_owned() {
    let got: Vec<_> = flatten_vecs(vec![vec!["a"], vec![], vec!["b", "c"]]).collect();
    assert_eq!(got, ["a", "b", "c"]);
}

// Origin: everyday shape, draining a `&mut Vec` argument.
#[generator(yield = i32)]
fn drain_evens<'a>(v: &'a mut Vec<i32>) {
    while let Some(x) = v.pop() {
        if x % 2 == 0 {
            yield_!(x);
        }
    }
}

#[test]
fn drain_mut_argument() {
    let mut v = vec![1, 2, 3, 4];
    assert_eq!(drain_evens(&mut v).collect::<Vec<_>>(), [4, 2]);
    assert!(v.is_empty());
}

// Origin: everyday shape, a method generator over a struct's cells.
struct Grid {
    w: usize,
    cells: Vec<char>,
}

impl Grid {
    #[generator(yield = (usize, usize))]
    fn find<'a>(&'a self, target: char) {
        for (i, &c) in self.cells.iter().enumerate() {
            if c == target {
                yield_!((i % self.w, i / self.w));
            }
        }
    }
}

#[test]
fn method_generator() {
    let g = Grid {
        w: 3,
        cells: "ab.\n.b.".chars().filter(|&c| c != '\n').collect(),
    };
    assert_eq!(g.find('b').collect::<Vec<_>>(), [(1, 0), (1, 1)]);
}

// Origin: everyday shape, a labelled search that yields the first match of
// each row.
#[generator(yield = (usize, usize))]
fn first_in_rows<'a>(rows: &'a [Vec<i32>], target: i32) {
    'rows: for (r, row) in rows.iter().enumerate() {
        for (c, &v) in row.iter().enumerate() {
            if v == target {
                yield_!((r, c));
                continue 'rows;
            }
        }
    }
}

#[test]
fn labelled_loops() {
    let rows = vec![vec![1, 2, 2], vec![3], vec![2, 2]];
    assert_eq!(
        first_in_rows(&rows, 2).collect::<Vec<_>>(),
        [(0, 1), (2, 0)]
    );
}

// Origin: everyday shape, a moving average over a `VecDeque` window.
#[generator(yield = f64)]
fn moving_average<I: Iterator<Item = f64>>(it: I, width: usize) {
    let mut window = VecDeque::new();
    let mut sum = 0.0;
    for x in it {
        window.push_back(x);
        sum += x;
        if window.len() > width {
            sum -= window.pop_front().unwrap();
        }
        if window.len() == width {
            yield_!(sum / width as f64);
        }
    }
}

#[test]
fn moving_average_window() {
    let got: Vec<_> = moving_average([1.0, 2.0, 3.0, 4.0].into_iter(), 2).collect();
    assert_eq!(got, [1.5, 2.5, 3.5]);
}

// Origin: everyday shape, a coroutine pipeline (Beazley): a filter stage
// sending into a sink stage.
#[generator(resume = Option<String>)]
fn collect_sink() -> Vec<String> {
    let mut got = Vec::new();
    while let Some(line) = yield_!() {
        got.push(line);
    }
    got
}

#[generator(resume = Option<String>)]
fn grep<G>(pattern: &'static str, mut target: G) -> Vec<String>
where
    G: Generator<Option<String>, Yield = (), Return = Vec<String>>,
{
    target.resume(None);
    loop {
        match yield_!() {
            Some(line) if line.contains(pattern) => {
                target.resume(Some(line));
            }
            Some(_) => {}
            None => match target.resume(None) {
                Complete(got) => return got,
                Yielded(()) => unreachable!(),
            },
        }
    }
}

#[test]
fn coroutine_pipeline() {
    let mut g = grep("bao", collect_sink());
    g.resume(None);
    for line in ["baozi", "mantou", "xiaolongbao"] {
        g.resume(Some(line.to_string()));
    }
    assert_eq!(
        g.resume(None),
        Complete(vec!["baozi".to_string(), "xiaolongbao".to_string()])
    );
}

// Origin: everyday shape, a `Debug` dump of every item of a generic
// iterator, with index.
#[generator(yield = String)]
fn numbered<T: Debug, I: IntoIterator<Item = T>>(items: I) {
    for (i, x) in items.into_iter().enumerate() {
        yield_!(format!("{i}: {x:?}"));
    }
}

#[test]
fn numbered_debug() {
    assert_eq!(
        numbered(['a', 'b']).collect::<Vec<_>>(),
        ["0: 'a'", "1: 'b'"]
    );
}

// Origin: everyday shape, run-length encoding of any iterator (`let else`
// for the empty input).
#[generator(yield = (T, usize))]
fn rle<T: PartialEq, I: Iterator<Item = T>>(mut it: I) {
    let Some(mut cur) = it.next() else { return };
    let mut count = 1;
    for x in it {
        if x == cur {
            count += 1;
        } else {
            yield_!((cur, count));
            cur = x;
            count = 1;
        }
    }
    yield_!((cur, count));
}

#[test]
fn run_length_encoding() {
    assert_eq!(
        rle("aaabcc".chars()).collect::<Vec<_>>(),
        [('a', 3), ('b', 1), ('c', 2)]
    );
    let words = ["x", "x", "y"].map(String::from);
    assert_eq!(
        rle(words.into_iter()).collect::<Vec<_>>(),
        [("x".to_string(), 2), ("y".to_string(), 1)]
    );
    assert_eq!(rle(std::iter::empty::<u8>()).count(), 0);
}

// Origin: everyday shape, collecting sent values with `v.push(yield_!())`.
#[generator(resume = u32)]
fn collect3() -> Vec<u32> {
    let mut v = Vec::new();
    for _ in 0..3 {
        v.push(yield_!());
    }
    v
}

#[test]
fn push_sent_values() {
    let mut g = collect3();
    g.resume(0);
    g.resume(1);
    g.resume(2);
    assert_eq!(g.resume(3), Complete(vec![1, 2, 3]));
}

// Origin: everyday shape, permutations by Heap's algorithm (iterative).
#[generator(yield = Vec<T>)]
fn permutations<T: Clone>(items: Vec<T>) {
    let n = items.len();
    let mut a = items;
    let mut c = vec![0; n];
    yield_!(a.clone());
    let mut i = 1;
    while i < n {
        if c[i] < i {
            if i % 2 == 0 {
                a.swap(0, i);
            } else {
                a.swap(c[i], i);
            }
            yield_!(a.clone());
            c[i] += 1;
            i = 1;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
}

#[test]
fn heap_permutations() {
    let mut all: Vec<_> = permutations(vec![1, 2, 3]).collect();
    all.sort();
    assert_eq!(
        all,
        [
            [1, 2, 3],
            [1, 3, 2],
            [2, 1, 3],
            [2, 3, 1],
            [3, 1, 2],
            [3, 2, 1]
        ]
    );
}

// Origin: everyday shape, round-robin over several iterators.
#[generator(yield = T)]
fn round_robin<T, I: Iterator<Item = T>>(its: Vec<I>) {
    let mut its = its;
    while !its.is_empty() {
        let mut i = 0;
        while i < its.len() {
            match its[i].next() {
                Some(x) => {
                    yield_!(x);
                    i += 1;
                }
                None => {
                    its.remove(i);
                }
            }
        }
    }
}

#[test]
fn round_robin_iterators() {
    let its = vec![
        vec![1, 4].into_iter(),
        vec![2].into_iter(),
        vec![3, 5, 6].into_iter(),
    ];
    assert_eq!(round_robin(its).collect::<Vec<_>>(), [1, 2, 3, 4, 5, 6]);
}

// Origin: everyday shape, a parser struct holding a token generator with
// one token of lookahead.
#[generator(yield = char)]
fn non_space(s: &'static str) {
    for c in s.chars() {
        if !c.is_whitespace() {
            yield_!(c)
        }
    }
}

struct SumParser<G: Iterator<Item = char>> {
    toks: std::iter::Peekable<G>,
}

impl<G: Iterator<Item = char>> SumParser<G> {
    fn sum(&mut self) -> u32 {
        let mut total = self.toks.next().unwrap().to_digit(10).unwrap();
        while self.toks.next_if_eq(&'+').is_some() {
            total += self.toks.next().unwrap().to_digit(10).unwrap();
        }
        total
    }
}

#[test]
fn parser_holding_generator() {
    let mut p = SumParser {
        toks: non_space("1 + 2 + 3").peekable(),
    };
    assert_eq!(p.sum(), 6);
}

// Origin: everyday shape, `match &s` on an owned enum, yielding in the arms.
enum Shape {
    Circle(f64),
    Rect(f64, f64),
}

#[generator(yield = f64)]
fn areas(shapes: Vec<Shape>) {
    for s in shapes {
        match &s {
            Shape::Circle(r) => yield_!(3.0 * r * r),
            Shape::Rect(w, h) => yield_!(w * h),
        }
    }
}

#[test]
fn match_by_reference_arms() {
    let got: Vec<_> = areas(vec![Shape::Circle(1.0), Shape::Rect(2.0, 3.0)]).collect();
    assert_eq!(got, [3.0, 6.0]);
}

// Origin: everyday shape, a stack popped in the arm of a match on its top.
#[test]
fn match_on_borrowing_scrutinee() {
    let g = generator_block!(move {
        let mut stack = vec![3, 2, 1];
        loop {
            match stack.last() {
                Some(_) => yield_!(stack.pop().unwrap()),
                None => break,
            }
        }
    });
    assert_eq!(g.collect::<Vec<_>>(), [1, 2, 3]);
}
