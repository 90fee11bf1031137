//! Macros in a generator body that use locals saved across yields.

mod common;

use std::fmt::Write as _;

use baozi_core::prelude::*;
use common::*;

#[generator(yield = String)]
fn format_inline_captures(name: &'static str) -> String {
    let count = 3;
    let mut acc = String::new();
    for i in 0..count {
        let width = 4;
        yield_!(format!("{name}-{i}"));
        yield_!(format!("[{i:>width$}]"));
        acc += &format!("{i}{name}");
    }
    let summary = format!("{name} x{count}: {acc}");
    summary
}

#[test]
fn format_with_inline_captures_of_saved_locals() {
    let (ys, summary) = run(format_inline_captures("n"));
    assert_eq!(ys, ["n-0", "[   0]", "n-1", "[   1]", "n-2", "[   2]"]);
    assert_eq!(summary, "n x3: 0n1n2n");
}

#[generator(yield = usize)]
fn println_and_eprintln(tag: &'static str) {
    let mut total = 0;
    for i in 1..=2 {
        total += i;
        println!("{tag}: i = {i}, total = {total}");
        yield_!(total);
        eprintln!("{tag}: resumed after {}", total);
        print!("{}", "");
    }
}

#[test]
fn print_macros_with_saved_locals() {
    assert_eq!(println_and_eprintln("t").collect::<Vec<_>>(), [1, 3]);
}

#[generator(yield = Vec<u32>)]
fn vec_macro(n: u32) -> Vec<Vec<u32>> {
    let a = n;
    let b = n * 2;
    let first = vec![a, b];
    yield_!(first.clone());
    let zeros = vec![0; n as usize];
    yield_!(zeros);
    vec![first, vec![b; 2]]
}

#[test]
fn vec_macro_with_saved_locals() {
    assert_eq!(
        run(vec_macro(2)),
        (vec![vec![2, 4], vec![0, 0]], vec![vec![2, 4], vec![4, 4]])
    );
}

#[generator(yield = u8)]
fn assertion_macros(x: u8) -> u8 {
    let y = x + 1;
    yield_!(y);
    assert!(y > x, "{y} > {x}");
    assert_eq!(y, x + 1, "y = {y}");
    assert_ne!(y, x);
    debug_assert!(y != 0);
    let is_small = matches!(y, 0..=9);
    yield_!(u8::from(is_small));
    y * 2
}

#[test]
fn assert_family_and_matches() {
    assert_eq!(run(assertion_macros(4)), (vec![5, 1], 10));
    assert_eq!(run(assertion_macros(20)), (vec![21, 0], 42));
}

#[generator(yield = String)]
fn write_macros(items: Vec<(&'static str, u32)>) -> String {
    let mut out = String::new();
    for (k, v) in items {
        write!(out, "{k}={v}").unwrap();
        yield_!(out.clone());
        writeln!(out, ";").unwrap();
    }
    out
}

#[test]
fn write_and_writeln_into_a_saved_string() {
    let (ys, out) = run(write_macros(vec![("a", 1), ("b", 2)]));
    assert_eq!(ys, ["a=1", "a=1;\nb=2"]);
    assert_eq!(out, "a=1;\nb=2;\n");
}

macro_rules! square {
    ($e:expr) => {
        $e * $e
    };
}

macro_rules! sum_all {
    ($($e:expr),* $(,)?) => {
        0 $(+ $e)*
    };
}

#[generator(yield = i64)]
fn user_macros(n: i64) -> i64 {
    let base = n;
    yield_!(square!(base));
    let other = base + 1;
    yield_!(sum_all![base, other, square!(other)]);
    sum_all!()
}

#[test]
fn user_macro_rules_defined_outside() {
    assert_eq!(run(user_macros(3)), (vec![9, 3 + 4 + 16], 0));
}

#[generator(yield = i32)]
fn local_macro_rules(base: i32) {
    let offset = 100;
    macro_rules! shifted {
        ($e:expr) => {
            $e + offset + base
        };
    }
    yield_!(shifted!(1));
    let k = 5;
    yield_!(shifted!(k));
    macro_rules! emit_twice {
        ($e:expr) => {{
            let v = $e;
            v * 2
        }};
    }
    yield_!(emit_twice!(k + offset));
}

#[test]
fn macro_rules_defined_in_the_body_referring_to_saved_locals() {
    assert_eq!(local_macro_rules(10).collect::<Vec<_>>(), [111, 115, 210]);
}

#[generator(yield = &'static str)]
fn std_misc_macros(flag: bool) -> String {
    let s = stringify!(a + b);
    yield_!(s);
    yield_!(concat!("x", 1, "y"));
    let line = line!();
    yield_!(if cfg!(test) || !flag { "cfg" } else { "no" });
    let kind = match flag {
        true => "on",
        false => unreachable!("never called with false"),
    };
    format!("{kind}@{}", line > 0)
}

#[test]
fn stringify_concat_line_cfg_unreachable() {
    assert_eq!(
        run(std_misc_macros(true)),
        (vec!["a + b", "x1y", "cfg"], "on@true".to_string())
    );
}

#[generator(yield = String)]
fn format_args_heavy(xs: Vec<f64>) {
    let precision = 2;
    for (idx, x) in xs.into_iter().enumerate() {
        let label = format!("#{idx}");
        yield_!(format!("{label}: {x:.precision$} {x:>8.1} {:?}", Some(idx)));
        yield_!(format!("{0}-{0}-{label}", idx + 1));
    }
}

#[test]
fn format_specs_with_positional_and_named_captures() {
    assert_eq!(
        format_args_heavy(vec![1.0, 2.345]).collect::<Vec<_>>(),
        [
            "#0: 1.00      1.0 Some(0)",
            "1-1-#0",
            "#1: 2.35      2.3 Some(1)",
            "2-2-#1",
        ]
    );
}

#[generator(yield = u32)]
fn macros_in_yield_and_conditions(t: Trace) -> u32 {
    let limit = 3;
    let mut seen = vec![];
    for i in 0..10 {
        if matches!(i % 2, 0) && seen.len() < limit {
            seen.push(i);
            log(&t, format!("{i}"));
            yield_!(*seen.last().unwrap());
        }
    }
    assert_eq!(seen, vec![0, 2, 4], "seen = {seen:?}, limit = {limit}");
    seen.iter().sum()
}

#[test]
fn macros_in_conditions_and_yield_arguments() {
    let t = trace();
    assert_eq!(
        run(macros_in_yield_and_conditions(t.clone())),
        (vec![0, 2, 4], 6)
    );
    assert_eq!(take(&t), ["0", "2", "4"]);
}

#[generator(yield = String)]
fn dbg_and_todo_in_dead_branch(x: u32) -> u32 {
    let y = x * 2;
    yield_!(format!("{y}"));
    if y > 1000 {
        todo!("big values: {y}");
    }
    let z = dbg!(y) + 1;
    yield_!(format!("{z}"));
    z
}

#[test]
fn dbg_and_todo() {
    assert_eq!(
        run(dbg_and_todo_in_dead_branch(2)),
        (vec!["4".to_string(), "5".to_string()], 5)
    );
}
