//! The generated crate: one file per program and flavour (so that a compile
//! error names the program it is in), and a driver that runs each baozi
//! generator and its native twin with the same resume sequence and compares
//! the event logs.

use std::fmt::Write;

use crate::ast::Program;

/// One program with the inputs it is driven with.
#[derive(Clone, Debug)]
pub struct Case {
    pub program: Program,
    /// The arguments `a0`, `a1` (the `Tr` parameter `p` is `mk(0, a0)`).
    pub a0: i64,
    pub a1: i64,
    /// Seeds the resume values (in `-4..=12`).
    pub resume_seed: u64,
}

/// Maximum number of resumes per run; the generator is dropped after it.
pub const MAX_RESUMES: usize = 40;

/// The support code of the generated crate: the trace, `Tr`, the helper
/// functions programs call, and the driver.
pub const RUNTIME: &str = r#"
use std::cell::RefCell;
use std::ops::{Coroutine, CoroutineState};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;

pub use baozi_core::prelude::*;

thread_local! {
    static TRACE: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

pub fn ev(s: String) {
    TRACE.with(|t| t.borrow_mut().push(s));
}

fn flush(log: &mut Vec<String>) {
    TRACE.with(|t| log.append(&mut t.borrow_mut()));
}

pub struct Tr {
    pub id: u32,
    pub v: i64,
}

impl Drop for Tr {
    fn drop(&mut self) {
        ev(format!("-t{}:{}", self.id, self.v));
    }
}

impl Tr {
    pub fn get(&self) -> i64 {
        ev(format!("g{}", self.id));
        self.v
    }

    pub fn bump(&mut self, d: i64) {
        self.v = self.v.wrapping_add(d);
        ev(format!("b{}:{}", self.id, self.v));
    }

    pub fn finish(self) -> i64 {
        ev(format!("f{}", self.id));
        self.v
    }
}

/// A user struct without a `Drop` of its own: its `name` can be moved out
/// alone (a partial move), `n` is `Copy`.
pub struct Pair {
    pub name: Tr,
    pub n: i64,
}

pub fn mk(id: u32, v: i64) -> Tr {
    ev(format!("+t{id}:{v}"));
    Tr { id, v }
}

pub fn consume(t: Tr) -> i64 {
    ev(format!("c{}", t.id));
    t.v
}

pub fn lg(x: i64) -> i64 {
    ev(format!("L{x}"));
    x
}

pub fn mix(a: i64, b: i64) -> i64 {
    a.wrapping_mul(3).wrapping_add(b)
}

pub fn add3(a: i64, b: i64, c: i64) -> i64 {
    a.wrapping_add(b.wrapping_mul(5)).wrapping_add(c.wrapping_mul(25))
}

pub fn boom(x: i64) -> i64 {
    if x.rem_euclid(16) == 5 {
        panic!("boom{x}");
    }
    x
}

pub fn chk(x: i64) -> Result<i64, i64> {
    if x.rem_euclid(7) == 3 { Err(x) } else { Ok(x) }
}

pub fn opt(x: i64) -> Option<i64> {
    if x.rem_euclid(5) == 2 { None } else { Some(x) }
}

pub fn gate(ok: bool, o: Option<i64>) -> Option<i64> {
    if ok { o } else { None }
}

pub fn lim(x: i64) -> i64 {
    x.rem_euclid(4)
}

pub enum St {
    Y(i64),
    C(Result<i64, i64>),
}

pub trait Step {
    fn step(&mut self, r: i64) -> St;
}

pub struct B<G>(pub G);

impl<G: Generator<i64, Yield = i64, Return = Result<i64, i64>>> Step for B<G> {
    fn step(&mut self, r: i64) -> St {
        match self.0.resume(r) {
            GeneratorState::Yielded(y) => St::Y(y),
            GeneratorState::Complete(c) => St::C(c),
        }
    }
}

pub struct N<G>(pub Pin<Box<G>>);

impl<G: Coroutine<i64, Yield = i64, Return = Result<i64, i64>>> Step for N<G> {
    fn step(&mut self, r: i64) -> St {
        match self.0.as_mut().resume(r) {
            CoroutineState::Yielded(y) => St::Y(y),
            CoroutineState::Complete(c) => St::C(c),
        }
    }
}

type Make = fn(i64, i64, Tr) -> Box<dyn Step>;

fn splitmix(s: &mut u64) -> u64 {
    *s = s.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *s;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Runs one generator: the event log, and how many times it yielded.
fn drive(make: Make, a0: i64, a1: i64, seed: u64, drop_at: Option<usize>) -> (Vec<String>, usize) {
    PROGRESS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut log = Vec::new();
    let mut s = make(a0, a1, mk(0, a0));
    flush(&mut log);
    let mut rs = seed;
    let mut yields = 0;
    for _ in 0..MAX_RESUMES {
        let r = (splitmix(&mut rs) % 17) as i64 - 4;
        log.push(format!("R{r}"));
        let res = catch_unwind(AssertUnwindSafe(|| s.step(r)));
        flush(&mut log);
        match res {
            Ok(St::Y(v)) => {
                log.push(format!("Y{v}"));
                yields += 1;
                if drop_at == Some(yields) {
                    log.push("drop".to_string());
                    drop(s);
                    flush(&mut log);
                    return (log, yields);
                }
            }
            Ok(St::C(c)) => {
                log.push(format!("C{c:?}"));
                log.push("drop".to_string());
                drop(s);
                flush(&mut log);
                return (log, yields);
            }
            Err(e) => {
                let msg = if let Some(s) = e.downcast_ref::<String>() {
                    s.clone()
                } else if let Some(s) = e.downcast_ref::<&str>() {
                    s.to_string()
                } else {
                    "?".to_string()
                };
                log.push(format!("P{msg}"));
                log.push("drop".to_string());
                drop(s);
                flush(&mut log);
                return (log, yields);
            }
        }
    }
    log.push("limit".to_string());
    log.push("drop".to_string());
    drop(s);
    flush(&mut log);
    (log, yields)
}

/// Bumped by every run of a generator; the watchdog ends the process when a
/// case makes no progress for a second (a generator that never yields).
static PROGRESS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn watchdog() {
    std::thread::spawn(|| {
        let mut last = u64::MAX;
        loop {
            std::thread::sleep(std::time::Duration::from_secs(1));
            let now = PROGRESS.load(std::sync::atomic::Ordering::Relaxed);
            if now == last {
                println!("HANG");
                std::process::exit(3);
            }
            last = now;
        }
    });
}

fn check(idx: usize, a0: i64, a1: i64, seed: u64, b: Make, n: Make) {
    PROGRESS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    println!("START {idx}");
    // The native flavour first: when it crashes, the program is at fault.
    println!("NATIVE");
    let (ln, _) = drive(n, a0, a1, seed, None);
    println!("BAOZI");
    let (lb, yb) = drive(b, a0, a1, seed, None);
    if lb != ln {
        println!("DIFF {idx} run\nB {}\nN {}", lb.join(" "), ln.join(" "));
        return;
    }
    let mut points: Vec<usize> = (1..=yb.min(12)).collect();
    if yb > 12 {
        points.push(yb);
    }
    for d in points {
        let (lb, _) = drive(b, a0, a1, seed, Some(d));
        let (ln, _) = drive(n, a0, a1, seed, Some(d));
        if lb != ln {
            println!("DIFF {idx} drop@{d}\nB {}\nN {}", lb.join(" "), ln.join(" "));
            return;
        }
    }
    println!("OK {idx}");
}

fn main() {
    std::panic::set_hook(Box::new(|_| {}));
    watchdog();
    let from: usize = std::env::args().nth(1).map_or(0, |a| a.parse().unwrap());
    for &(idx, a0, a1, seed, b, n) in CASES {
        if idx >= from {
            check(idx, a0, a1, seed, b, n);
        }
    }
    println!("DONE");
}
"#;

/// `src/main.rs` of the generated crate, for the cases whose index is in
/// `included`.
pub fn main_rs(cases: &[Case], included: &[usize]) -> String {
    let mut s = String::new();
    s.push_str("#![feature(coroutines, coroutine_trait, stmt_expr_attributes)]\n");
    s.push_str(
        "#![allow(warnings, arithmetic_overflow, unconditional_panic, unreachable_code, unused)]\n",
    );
    writeln!(s, "const MAX_RESUMES: usize = {MAX_RESUMES};").unwrap();
    s.push_str(RUNTIME);
    for &i in included {
        writeln!(s, "mod b{i};\nmod n{i};").unwrap();
    }
    s.push_str("\nconst CASES: &[(usize, i64, i64, u64, Make, Make)] = &[\n");
    for &i in included {
        let c = &cases[i];
        writeln!(
            s,
            "    ({i}, {}, {}, {}, b{i}::make, n{i}::make),",
            c.a0, c.a1, c.resume_seed
        )
        .unwrap();
    }
    s.push_str("];\n");
    s
}

/// `src/b{i}.rs`: the baozi flavour.
pub fn baozi_file(p: &Program) -> String {
    format!(
        "use crate::*;\n\n{}\npub fn make(a0: i64, a1: i64, p: Tr) -> Box<dyn Step> {{\n    Box::new(B(g(a0, a1, p)))\n}}\n",
        p.baozi_fn("g")
    )
}

/// `src/n{i}.rs`: the native flavour.
pub fn native_file(p: &Program) -> String {
    format!(
        "use crate::*;\n\n{}\npub fn make(a0: i64, a1: i64, p: Tr) -> Box<dyn Step> {{\n    Box::new(N(Box::pin(g(a0, a1, p))))\n}}\n",
        p.native_fn("g")
    )
}

/// A standalone reproducer for one case: both flavours and a `main` that
/// prints the two event logs.
pub fn standalone(case: &Case) -> String {
    let mut s = main_rs(std::slice::from_ref(case), &[]);
    s = s.replace(
        "const CASES: &[(usize, i64, i64, u64, Make, Make)] = &[\n];\n",
        &format!(
            "mod b0 {{\n{}}}\nmod n0 {{\n{}}}\nconst CASES: &[(usize, i64, i64, u64, Make, Make)] = &[(0, {}, {}, {}, b0::make, n0::make)];\n",
            baozi_file(&case.program),
            native_file(&case.program),
            case.a0,
            case.a1,
            case.resume_seed
        ),
    );
    s
}
