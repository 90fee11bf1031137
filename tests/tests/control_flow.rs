//! `yield_!` inside every statement and expression form.

mod common;

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;
use common::*;

// ---------------------------------------------------------------- if / else

#[generator(yield = &'static str, resume = bool)]
fn if_else() -> u32 {
    let mut score = 0;
    if yield_!("cond?") {
        yield_!("then");
        score += 1;
    } else {
        yield_!("else");
        score += 10;
    }
    score
}

#[test]
fn if_with_yield_in_condition_and_branches() {
    let mut g = if_else();
    assert_eq!(
        drive(&mut g, [false, true, false]),
        [Yielded("cond?"), Yielded("then"), Complete(1)]
    );
    let mut g = if_else();
    assert_eq!(
        drive(&mut g, [false, false, false]),
        [Yielded("cond?"), Yielded("else"), Complete(10)]
    );
}

#[generator(yield = i32)]
fn else_if_chain(xs: Vec<i32>) {
    for x in xs {
        if x < 0 {
            yield_!(-1);
        } else if x == 0 {
            yield_!(0);
        } else if x < 10 {
            yield_!(1);
            yield_!(x);
        } else {
            yield_!(2);
        }
    }
}

#[test]
fn else_if_chains() {
    assert_eq!(
        else_if_chain(vec![-5, 0, 3, 50]).collect::<Vec<_>>(),
        [-1, 0, 1, 3, 2]
    );
}

#[generator(yield = u8, resume = bool)]
fn if_as_expression() -> u8 {
    let a = if yield_!(0) {
        yield_!(1) as u8 + 10
    } else {
        20
    };
    let b = if a > 15 {
        100
    } else {
        yield_!(2);
        200
    };
    a + b
}

#[test]
fn if_as_an_expression_value() {
    let mut g = if_as_expression();
    assert_eq!(
        drive(&mut g, [false, true, true]),
        [Yielded(0), Yielded(1), Yielded(2)]
    );
    assert_eq!(g.resume(false), Complete(11 + 200));
    let mut g = if_as_expression();
    assert_eq!(drive(&mut g, [false, false]), [Yielded(0), Complete(120)]);
}

#[generator(yield = &'static str, resume = Option<i32>)]
fn if_let() -> i32 {
    let mut sum = 0;
    while let Some(x) = yield_!("more?") {
        if let 0..=9 = x {
            yield_!("digit");
        } else if let Some(half) = (x % 2 == 0).then_some(x / 2) {
            sum += half;
            yield_!("even");
        } else {
            sum += x;
        }
    }
    sum
}

#[test]
fn if_let_and_while_let_with_yield_in_the_scrutinee() {
    let mut g = if_let();
    assert_eq!(
        drive(
            &mut g,
            [None, Some(3), None, Some(20), None, Some(11), None]
        ),
        [
            Yielded("more?"),
            Yielded("digit"),
            Yielded("more?"),
            Yielded("even"),
            Yielded("more?"),
            Yielded("more?"),
            Complete(10 + 11),
        ]
    );
}

// ---------------------------------------------------------------- match

#[derive(Debug, Clone, PartialEq)]
enum Cmd {
    Push(i32),
    Pop,
    Dup,
    Stop,
}

#[generator(yield = Option<i32>, resume = Cmd)]
fn stack_machine() -> Vec<i32> {
    let mut stack = Vec::new();
    let mut cmd = yield_!(None);
    loop {
        cmd = match cmd {
            Cmd::Push(n) if n < 0 => yield_!(None),
            Cmd::Push(n) => {
                stack.push(n);
                yield_!(Some(n))
            }
            Cmd::Pop => {
                let top = stack.pop();
                yield_!(top)
            }
            Cmd::Dup => match stack.last().copied() {
                Some(top) => {
                    stack.push(top);
                    yield_!(Some(top))
                }
                None => yield_!(None),
            },
            Cmd::Stop => break,
        };
    }
    stack
}

#[test]
fn match_with_guards_and_yield_in_arms() {
    let mut g = stack_machine();
    assert_eq!(
        drive(
            &mut g,
            [
                Cmd::Stop,
                Cmd::Push(1),
                Cmd::Push(-1),
                Cmd::Dup,
                Cmd::Push(7),
                Cmd::Pop,
                Cmd::Stop,
            ]
        ),
        [
            Yielded(None),
            Yielded(Some(1)),
            Yielded(None),
            Yielded(Some(1)),
            Yielded(Some(7)),
            Yielded(Some(7)),
            Complete(vec![1, 1]),
        ]
    );
}

#[generator(yield = &'static str, resume = (i32, i32))]
fn match_scrutinee() -> i32 {
    let mut total = 0;
    loop {
        match yield_!("pair?") {
            (0, 0) => return total,
            (a, 0) | (0, a) => total += a,
            (a, b) if a == b => {
                yield_!("same");
                total += a;
            }
            (a, b) => {
                let p = a * b;
                yield_!("product");
                total += p;
            }
        }
    }
}

#[test]
fn match_on_a_yielded_value_with_or_patterns_and_guards() {
    let mut g = match_scrutinee();
    assert_eq!(
        drive(
            &mut g,
            [(9, 9), (0, 5), (3, 3), (0, 0), (2, 4), (0, 0), (0, 0)]
        ),
        [
            Yielded("pair?"),
            Yielded("pair?"),
            Yielded("same"),
            Yielded("pair?"),
            Yielded("product"),
            Yielded("pair?"),
            Complete(5 + 3 + 8),
        ]
    );
}

// ---------------------------------------------------------------- loops

#[generator(yield = u32)]
fn loops() -> u32 {
    let mut i = 0;
    loop {
        i += 1;
        if i % 2 == 0 {
            continue;
        }
        if i > 5 {
            break;
        }
        yield_!(i);
    }
    let mut j = 10;
    while j < 13 {
        yield_!(j);
        j += 1;
    }
    let mut sum = 0;
    for k in (100..=300).step_by(100) {
        yield_!(k);
        sum += k;
    }
    sum
}

#[test]
fn loop_while_and_for_with_break_and_continue() {
    assert_eq!(
        run(loops()),
        (vec![1, 3, 5, 10, 11, 12, 100, 200, 300], 600)
    );
}

#[generator(yield = (u8, u8))]
fn labeled() -> u32 {
    let mut inner_runs = 0;
    'outer: for i in 0..4 {
        'inner: for j in 0..4 {
            inner_runs += 1;
            if j > i {
                continue 'outer;
            }
            if i == 3 {
                break 'outer;
            }
            if j == 1 {
                continue 'inner;
            }
            yield_!((i, j));
        }
    }
    inner_runs
}

#[test]
fn labeled_break_and_continue() {
    assert_eq!(
        run(labeled()),
        (vec![(0, 0), (1, 0), (2, 0), (2, 2)], 2 + 3 + 4 + 1)
    );
}

#[generator(yield = i32, resume = i32)]
fn loop_break_value() -> (i32, i32) {
    let first = loop {
        let x = yield_!(0);
        if x > 3 {
            break x * 2;
        }
    };
    let second = 'search: loop {
        loop {
            let y = yield_!(first);
            if y == 0 {
                break 'search -1;
            }
            if y % 5 == 0 {
                break 'search y;
            }
            if y % 2 == 0 {
                break;
            }
        }
        yield_!(-100);
    };
    (first, second)
}

#[test]
fn break_with_a_value_from_nested_labeled_loops() {
    let mut g = loop_break_value();
    assert_eq!(
        drive(&mut g, [0, 1, 5, 2, 7, 3, 10]),
        [
            Yielded(0),
            Yielded(0),
            Yielded(10),
            Yielded(-100),
            Yielded(10),
            Yielded(10),
            Complete((10, 10)),
        ]
    );
}

#[generator(yield = i32)]
fn labeled_block(xs: Vec<i32>) -> &'static str {
    let verdict = 'check: {
        for x in xs {
            yield_!(x);
            if x < 0 {
                break 'check "negative";
            }
        }
        "all non-negative"
    };
    verdict
}

#[test]
fn break_out_of_a_labeled_block() {
    assert_eq!(
        run(labeled_block(vec![1, -2, 3])),
        (vec![1, -2], "negative")
    );
    assert_eq!(
        run(labeled_block(vec![1, 2])),
        (vec![1, 2], "all non-negative")
    );
}

#[generator(yield = i32, resume = bool)]
fn yield_in_while_condition() -> i32 {
    let mut i = 0;
    while yield_!(i) {
        i += 1;
    }
    i
}

#[test]
fn yield_in_a_while_condition() {
    let mut g = yield_in_while_condition();
    assert_eq!(
        drive(&mut g, [false, true, true, false]),
        [Yielded(0), Yielded(1), Yielded(2), Complete(2)]
    );
}

#[generator(yield = i32, resume = Vec<i32>)]
fn yield_in_for_iterable() -> usize {
    let mut n = 0;
    for x in yield_!(-1) {
        yield_!(x * 10);
        n += 1;
    }
    n
}

#[test]
fn yield_as_the_iterable_of_a_for_loop() {
    let mut g = yield_in_for_iterable();
    assert_eq!(
        drive(&mut g, [vec![], vec![1, 2], vec![], vec![]]),
        [Yielded(-1), Yielded(10), Yielded(20), Complete(2)]
    );
}

#[generator(yield = u32)]
fn while_let_pop(mut stack: Vec<u32>) -> usize {
    let mut popped = 0;
    while let Some(top) = stack.pop() {
        popped += 1;
        if top > 1 {
            stack.push(top - 1);
            stack.push(top - 2);
        }
        yield_!(top);
    }
    popped
}

#[test]
fn while_let_on_a_saved_local() {
    assert_eq!(run(while_let_pop(vec![3])), (vec![3, 1, 2, 0, 1], 5));
}

// ---------------------------------------------------------------- return and ?

#[generator(yield = u32)]
fn early_return(limit: u32) -> Result<u32, String> {
    let mut total = 0;
    for i in 0.. {
        for j in 0..i {
            if total > limit {
                return Err(format!("over {limit} at {i},{j}"));
            }
            total += j;
            yield_!(total);
        }
        if i == 3 {
            return Ok(total);
        }
    }
    unreachable!()
}

#[test]
fn return_from_nested_loops() {
    assert_eq!(run(early_return(100)), (vec![0, 0, 1, 1, 2, 4], Ok(4)));
    assert_eq!(
        run(early_return(0)),
        (vec![0, 0, 1], Err("over 0 at 3,0".to_string()))
    );
}

#[generator(yield = i32, resume = i32)]
fn return_yield() -> i32 {
    return yield_!(1) + yield_!(2);
}

#[test]
fn return_of_a_yield_expression() {
    let mut g = return_yield();
    assert_eq!(
        drive(&mut g, [0, 10, 20]),
        [Yielded(1), Yielded(2), Complete(30)]
    );
}

#[derive(Debug, PartialEq)]
enum MyError {
    Parse(String),
    TooBig(i64),
}

impl From<std::num::ParseIntError> for MyError {
    fn from(e: std::num::ParseIntError) -> Self {
        MyError::Parse(e.to_string())
    }
}

#[generator(yield = i64)]
fn parse_all(inputs: Vec<&'static str>) -> Result<i64, MyError> {
    let mut sum = 0;
    for s in inputs {
        let n: i64 = s.trim().parse()?;
        if n > 1000 {
            Err::<(), _>(MyError::TooBig(n))?;
        }
        sum += n;
        yield_!(n);
    }
    Ok(sum)
}

#[test]
fn question_mark_on_result_with_from_conversion() {
    assert_eq!(
        run(parse_all(vec!["1", " 2 ", "3"])),
        (vec![1, 2, 3], Ok(6))
    );
    assert_eq!(
        run(parse_all(vec!["1", "x", "3"])),
        (
            vec![1],
            Err(MyError::Parse("invalid digit found in string".to_string()))
        )
    );
    assert_eq!(
        run(parse_all(vec!["5000"])),
        (vec![], Err(MyError::TooBig(5000)))
    );
}

#[generator(yield = char)]
fn first_chars(words: Vec<&'static str>) -> Option<usize> {
    let mut n = 0;
    for w in words {
        let c = w.chars().next()?;
        yield_!(c);
        n += 1;
    }
    Some(n)
}

#[test]
fn question_mark_on_option() {
    assert_eq!(
        run(first_chars(vec!["ab", "cd"])),
        (vec!['a', 'c'], Some(2))
    );
    assert_eq!(run(first_chars(vec!["ab", "", "cd"])), (vec!['a'], None));
}

#[generator(yield = &'static str, resume = Result<i32, String>)]
fn question_mark_on_yield() -> Result<i32, String> {
    let a = yield_!("a?")?;
    let b = yield_!("b?")?;
    Ok(a + b)
}

#[test]
fn question_mark_applied_to_a_yield_expression() {
    let mut g = question_mark_on_yield();
    assert_eq!(
        drive(&mut g, [Ok(0), Ok(1), Ok(2)]),
        [Yielded("a?"), Yielded("b?"), Complete(Ok(3))]
    );
    let mut g = question_mark_on_yield();
    assert_eq!(
        drive(&mut g, [Ok(0), Err("bad".to_string())]),
        [Yielded("a?"), Complete(Err("bad".to_string()))]
    );
}

#[generator(yield = u8)]
fn question_mark_in_closure() -> Option<u8> {
    let checked_sum = |a: u8, b: u8| -> Option<u8> {
        let s = a.checked_add(b)?;
        if s == 0 {
            return Some(0);
        }
        Some(s)
    };
    yield_!(checked_sum(1, 2)?);
    let r: Result<u8, String> = (|| {
        let n: u8 = "300".parse().map_err(|_| "overflow".to_string())?;
        Ok(n)
    })();
    yield_!(r.unwrap_or(255));
    yield_!(checked_sum(200, 100).unwrap_or(9));
    let v = checked_sum(250, 10)?;
    Some(v)
}

#[test]
fn return_and_question_mark_inside_closures_are_the_closures_own() {
    assert_eq!(run(question_mark_in_closure()), (vec![3, 255, 9], None));
}

// ---------------------------------------------------------------- let forms

#[derive(Debug, PartialEq, Clone, Copy)]
struct Point {
    x: i32,
    y: i32,
}

#[generator(yield = i32, resume = (i32, i32))]
fn let_patterns() -> (i32, u16, i32, [i32; 3]) {
    let (a, b): (i32, u16) = (yield_!(1).0, 7);
    let Point { x, y: why } = Point {
        x: yield_!(2).1,
        y: 3,
    };
    let [first, .., last] = [a, yield_!(3).0, x];
    let mut arr: [i32; 3] = [0; 3];
    arr[1] = why;
    (first + last, b, why, arr)
}

#[test]
fn let_with_patterns_and_type_annotations() {
    let mut g = let_patterns();
    assert_eq!(
        drive(&mut g, [(0, 0), (5, 6), (0, 8), (9, 9)]),
        [
            Yielded(1),
            Yielded(2),
            Yielded(3),
            Complete((5 + 8, 7, 3, [0, 3, 0]))
        ]
    );
}

#[generator(yield = &'static str, resume = Option<u32>)]
fn let_else() -> u32 {
    let mut sum = 0;
    loop {
        let Some(n) = yield_!("next?") else {
            yield_!("none seen");
            return sum;
        };
        let 1..=100 = n else {
            continue;
        };
        sum += n;
    }
}

#[test]
fn let_else_with_yield_in_initializer_and_else_block() {
    let mut g = let_else();
    assert_eq!(
        drive(&mut g, [None, Some(4), Some(500), Some(6), None, None]),
        [
            Yielded("next?"),
            Yielded("next?"),
            Yielded("next?"),
            Yielded("next?"),
            Yielded("none seen"),
            Complete(10),
        ]
    );
}

// A `let` without a value may not live across a yield (the macro rejects it
// with a diagnostic); inside a yield-free block it is ordinary Rust.
#[generator(yield = i32, resume = i32)]
fn uninitialized_let() -> i32 {
    let flag = yield_!(0) > 0;
    let sum = {
        let x;
        let y: i32;
        if flag {
            x = 1;
            y = 10;
        } else {
            x = 100;
            y = 1000;
        }
        x + y
    };
    yield_!(sum) + sum
}

#[test]
fn deferred_initialization_of_let_in_a_yield_free_block() {
    let mut g = uninitialized_let();
    assert_eq!(
        drive(&mut g, [0, 1, 5]),
        [Yielded(0), Yielded(11), Complete(16)]
    );
    let mut g = uninitialized_let();
    assert_eq!(
        drive(&mut g, [0, 0, 5]),
        [Yielded(0), Yielded(1100), Complete(1105)]
    );
}

// ---------------------------------------------------------------- assignment

#[generator(yield = &'static str, resume = i32)]
fn assignments() -> (i32, i32, Point, Vec<i32>, (i32, i32)) {
    let mut a = 0;
    a = yield_!("a =");
    let mut b = 1;
    b += yield_!("b +=");
    b *= yield_!("b *=");
    b -= 1;
    let mut p = Point { x: 0, y: 0 };
    p.x = yield_!("p.x =");
    p.y -= yield_!("p.y -=");
    let mut v = vec![0, 0, 0];
    v[1] = yield_!("v[1] =");
    v[2] += yield_!("v[2] +=");
    let (mut c, mut d) = (0, 0);
    (c, d) = (yield_!("c"), yield_!("d"));
    (c, d) = (d, c);
    (a, b, p, v, (c, d))
}

#[test]
fn assignment_and_compound_assignment_to_locals_fields_and_indices() {
    let mut g = assignments();
    let states = drive(&mut g, [0, 5, 2, 3, 7, 4, 8, 9, 10, 20]);
    let expected_yields = [
        "a =", "b +=", "b *=", "p.x =", "p.y -=", "v[1] =", "v[2] +=", "c", "d",
    ];
    assert_eq!(&states[..9], expected_yields.map(Yielded));
    assert_eq!(
        states[9],
        Complete((
            5,
            (1 + 2) * 3 - 1,
            Point { x: 7, y: -4 },
            vec![0, 8, 9],
            (20, 10)
        ))
    );
}

// ---------------------------------------------------------------- blocks, casts, unsafe

#[generator(yield = i64, resume = i64)]
fn blocks_and_casts() -> (u8, i64, f64) {
    let a = {
        let t = yield_!(1);
        let u = { yield_!(2) + t };
        u * 2
    };
    let small = yield_!(a) as u8;
    let f = yield_!(4) as f64 / 2.0;
    (small, a, f)
}

#[test]
fn block_expressions_and_casts() {
    let mut g = blocks_and_casts();
    assert_eq!(
        drive(&mut g, [0, 3, 4, 300, 5]),
        [
            Yielded(1),
            Yielded(2),
            Yielded(14),
            Yielded(4),
            Complete((44, 14, 2.5))
        ]
    );
}

unsafe fn unchecked_double(x: u32) -> u32 {
    x.wrapping_mul(2)
}

#[generator(yield = u32, resume = u32)]
fn unsafe_blocks() -> u32 {
    let a = unsafe { unchecked_double(yield_!(1)) };
    let b = unsafe {
        let t = unchecked_double(a);
        yield_!(t) + t
    };
    a + b
}

#[test]
fn yield_inside_unsafe_blocks() {
    let mut g = unsafe_blocks();
    assert_eq!(
        drive(&mut g, [0, 5, 1]),
        [Yielded(1), Yielded(20), Complete(10 + 21)]
    );
}

// ---------------------------------------------------------------- nested items and closures

#[generator(yield = String)]
fn nested_items(n: u32) -> u32 {
    use std::fmt::Write as _;
    const SCALE: u32 = 3;
    static GREETING: &str = "hi";
    struct Pair {
        a: u32,
        b: u32,
    }
    fn combine(p: &Pair) -> u32 {
        p.a * SCALE + p.b
    }
    #[derive(Clone, Copy)]
    enum Kind {
        Small,
        Big,
    }
    let mut total = 0;
    for i in 0..n {
        let p = Pair { a: i, b: 1 };
        let kind = if combine(&p) > 4 {
            Kind::Big
        } else {
            Kind::Small
        };
        let mut s = String::new();
        write!(s, "{GREETING} {}", combine(&p)).unwrap();
        yield_!(s);
        total += match kind {
            Kind::Small => 1,
            Kind::Big => 100,
        };
    }
    total
}

#[test]
fn nested_fn_struct_enum_const_static_and_use_items() {
    assert_eq!(
        run(nested_items(3)),
        (
            vec!["hi 1".to_string(), "hi 4".to_string(), "hi 7".to_string()],
            102
        )
    );
}

#[generator(yield = i32)]
fn closures(k: i32) -> i32 {
    let add_k = move |x: i32| x + k;
    let square = |x: i32| x * x;
    yield_!(add_k(1));
    yield_!(square(add_k(2)));
    let mut counter = 0;
    {
        // a closure borrowing a local must not live across a yield
        let mut bump = || {
            counter += 1;
            counter
        };
        bump();
        bump();
    }
    yield_!(counter);
    let v: Vec<i32> = (1..=3).map(|x| add_k(x) * 10).collect();
    for x in v {
        yield_!(x);
    }
    let early = (|| {
        if k > 0 {
            return 1;
        }
        2
    })();
    early
}

#[test]
fn closures_in_the_body_kept_across_yields() {
    assert_eq!(run(closures(10)), (vec![11, 144, 2, 110, 120, 130], 1));
}

// ---------------------------------------------------------------- deep nesting

#[generator(yield = String, resume = bool)]
fn deep_nesting(rows: Vec<Vec<i32>>) -> i32 {
    let mut acc = 0;
    for (r, row) in rows.into_iter().enumerate() {
        match row.len() {
            0 => continue,
            n => {
                let mut i = 0;
                while i < n {
                    if row[i] % 2 == 0 {
                        let keep = yield_!(format!("{r}:{}", row[i]));
                        if keep {
                            acc += {
                                let doubled = row[i] * 2;
                                if doubled > 10 {
                                    yield_!("big".to_string());
                                }
                                doubled
                            };
                        }
                    }
                    i += 1;
                }
            }
        }
    }
    acc
}

#[test]
fn deeply_nested_control_flow() {
    let mut g = deep_nesting(vec![vec![1, 2], vec![], vec![6, 4, 3]]);
    assert_eq!(
        drive(&mut g, [false, true, true, false, false]),
        [
            Yielded("0:2".to_string()),
            Yielded("2:6".to_string()),
            Yielded("big".to_string()),
            Yielded("2:4".to_string()),
            Complete(4 + 12),
        ]
    );
}

#[generator(yield = u8)]
fn yield_in_unreachable_branch(flag: bool) -> &'static str {
    if flag {
        yield_!(1);
        return "yielded";
    }
    "skipped"
}

#[test]
fn branches_that_never_yield() {
    assert_eq!(run(yield_in_unreachable_branch(false)), (vec![], "skipped"));
    assert_eq!(run(yield_in_unreachable_branch(true)), (vec![1], "yielded"));
}

// ---------------------------------------------------------------- more forms

#[generator(yield = i32)]
fn let_chains(items: Vec<Option<i32>>) -> i32 {
    let mut sum = 0;
    let mut stack = items;
    while let Some(top) = stack.pop()
        && let Some(x) = top
    {
        if let 0..=9 = x
            && x % 2 == 1
        {
            yield_!(x);
        } else if x > 100
            && let Some(half) = x.checked_div(2)
        {
            yield_!(half);
            sum += half;
        }
        sum += x;
    }
    sum
}

#[test]
fn let_chains_in_if_and_while() {
    assert_eq!(
        run(let_chains(vec![None, Some(5), Some(200), Some(3), Some(4)])),
        (vec![3, 100, 5], 4 + 3 + 200 + 100 + 5)
    );
}

#[derive(Debug, PartialEq, Clone)]
struct Config {
    name: String,
    level: u8,
    verbose: bool,
}

#[generator(yield = &'static str, resume = u8)]
fn struct_update(base: Config) -> Config {
    Config {
        level: yield_!("level?"),
        ..base
    }
}

#[test]
fn struct_update_syntax_with_a_yield() {
    let base = Config {
        name: "x".into(),
        level: 1,
        verbose: true,
    };
    let mut g = struct_update(base.clone());
    assert_eq!(g.resume(0), Yielded("level?"));
    assert_eq!(g.resume(7), Complete(Config { level: 7, ..base }));
}

#[generator(yield = i32, resume = i32)]
fn break_with_yield_value() -> i32 {
    let mut n = 0;
    let r = loop {
        n += 1;
        if n == 3 {
            break yield_!(n * 100) + 1;
        }
        yield_!(n);
    };
    r * 2
}

#[test]
fn break_whose_value_is_a_yield() {
    let mut g = break_with_yield_value();
    assert_eq!(
        drive(&mut g, [0, 0, 0, 20]),
        [Yielded(1), Yielded(2), Yielded(300), Complete(42)]
    );
}

#[generator(yield = u32)]
fn generator_defined_in_a_generator(n: u32) -> u32 {
    #[generator(yield = u32)]
    fn helper(k: u32) {
        for i in 0..k {
            yield_!(i);
        }
    }
    let mut total = 0;
    for x in helper(n) {
        total += x;
        yield_!(x * 10);
    }
    total
}

#[test]
fn a_generator_item_nested_in_a_generator_body() {
    assert_eq!(
        run(generator_defined_in_a_generator(3)),
        (vec![0, 10, 20], 3)
    );
}

#[generator(yield = String)]
fn continue_from_match_in_nested_loops(grid: Vec<Vec<Option<u8>>>) -> usize {
    let mut skipped = 0;
    'rows: for (r, row) in grid.into_iter().enumerate() {
        for cell in row {
            match cell {
                None => {
                    skipped += 1;
                    continue;
                }
                Some(0) => {
                    yield_!(format!("row {r} stopped"));
                    continue 'rows;
                }
                Some(v) => yield_!(format!("{r}:{v}")),
            }
        }
        yield_!(format!("row {r} done"));
    }
    skipped
}

#[test]
fn continue_and_labeled_continue_from_match_arms() {
    let grid = vec![
        vec![Some(1), None, Some(2)],
        vec![Some(3), Some(0), Some(4)],
        vec![None],
    ];
    assert_eq!(
        run(continue_from_match_in_nested_loops(grid)),
        (
            [
                "0:1",
                "0:2",
                "row 0 done",
                "1:3",
                "row 1 stopped",
                "row 2 done"
            ]
            .map(String::from)
            .to_vec(),
            2
        )
    );
}

#[generator(yield = usize, resume = &'a str)]
fn collect_strs<'a>() -> Vec<&'a str> {
    let mut v = Vec::new();
    loop {
        let s = yield_!(v.len());
        if s.is_empty() {
            return v;
        }
        v.push(s);
    }
}

#[test]
fn resume_type_with_a_lifetime_parameter() {
    let a = String::from("a");
    let b = String::from("bc");
    let mut g = collect_strs();
    assert_eq!(
        drive(&mut g, ["", &a, &b, ""]),
        [
            Yielded(0),
            Yielded(1),
            Yielded(2),
            Complete(vec!["a", "bc"])
        ]
    );
}

#[generator(yield = u32)]
fn nested_block_question_mark(inputs: Vec<&'static str>) -> Result<u32, std::num::ParseIntError> {
    let mut total = 0;
    for s in inputs {
        total += {
            let n: u32 = s.parse()?;
            yield_!(n);
            n
        };
    }
    Ok(total)
}

#[test]
fn question_mark_inside_a_block_expression_with_a_yield() {
    assert_eq!(
        run(nested_block_question_mark(vec!["1", "2"])),
        (vec![1, 2], Ok(3))
    );
    let (ys, r) = run(nested_block_question_mark(vec!["1", "x", "2"]));
    assert_eq!(ys, [1]);
    assert!(r.is_err());
}

#[generator(yield = String)]
fn shadow_loop_variable(lines: Vec<&'static str>) -> usize {
    let mut n = 0;
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let line = line.to_uppercase();
        yield_!(line);
        n += 1;
    }
    n
}

#[test]
fn shadowing_a_loop_variable() {
    assert_eq!(
        run(shadow_loop_variable(vec![" a ", "", "b"])),
        (vec!["A".to_string(), "B".to_string()], 2)
    );
}

#[generator(yield = i32, resume = i32)]
fn tail_match(x: i32) -> i32 {
    match x {
        0 => yield_!(1) + 1,
        1 => {
            let a = yield_!(2);
            a * yield_!(3)
        }
        _ => x,
    }
}

#[test]
fn match_with_yields_as_the_tail_expression() {
    let mut g = tail_match(0);
    assert_eq!(drive(&mut g, [0, 41]), [Yielded(1), Complete(42)]);
    let mut g = tail_match(1);
    assert_eq!(
        drive(&mut g, [0, 6, 7]),
        [Yielded(2), Yielded(3), Complete(42)]
    );
    let mut g = tail_match(9);
    assert_eq!(g.resume(0), Complete(9));
}
