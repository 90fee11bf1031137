//! The IDE probe's subject (issue 14): ten generators and the same bodies as
//! plain functions, with markers that `probe.py` finds.
//!
//! Generators are `gNN`, their plain twins `pNN`: a `yield_!(v)` becomes
//! `emit(v)`, a `let x = yield_!(v)` becomes `let x = recv(v)`, a
//! `yield_from!(g)` a recursive call. `c09` is a control: a plain body inside
//! a `macro_rules!` call, as `g09`'s is inside `generator_block!`. Each body
//! has a `String` local `msg` declared before a `yield_!` and used after it.
//! Markers:
//!
//! - `//@begin:ID` .. `//@end:ID`: the function (references, rename and the
//!   inlay hints are checked over this span);
//! - `/*@let:ID*/`: the binding of `msg` (where go-to-definition must land);
//! - `/*@use:ID*/`: a use of `msg` three lines after a `yield_!` (hover,
//!   go-to-definition, references, rename), the next token after the
//!   marker (rustfmt puts it at the end of the line before);
//! - `/*@member:ID*/`: before `msg.len()`; completion right after `msg.`;
//! - `//@typed:ID`: a line where `msg.` is typed, before a line starting
//!   with `let`; `//@paren:ID`: the same before a line starting with `(`;
//! - `//@half:ID`: where `let x = ;` is typed (a half-typed body);
//! - `/*@call:ID*/`: a call of the function (hover shows its signature).
//!
//! Keep the file ASCII (LSP positions are UTF-16) and do not write `msg`
//! in strings or comments inside a function.

use baozi_core::prelude::*;

/// What a plain twin does where its generator yields.
pub fn emit<T>(_value: T) {}

/// What a plain twin does where its generator yields and is resumed.
pub fn recv<T>(_value: T) -> u32 {
    0
}

//@begin:g01
#[generator(yield = u32)]
pub fn counter(n: u32) {
    //@half:g01
    let mut /*@let:g01*/ msg = String::from("count");
    let (mut a, mut b) = (0u32, 1u32);
    for i in 0..n {
        yield_!(i + a);
        let step = i + 1;
        a += step; /*@use:g01*/
        msg.push_str("+");
        let len = /*@member:g01*/msg.len() as u32;
        //@typed:g01
        let total = len + b;
        //@paren:g01
        (a, b) = (a + b, total);
    }
    yield_!(msg.len() as u32 + a);
}
//@end:g01

//@begin:p01
pub fn counter_plain(n: u32) {
    //@half:p01
    let mut /*@let:p01*/ msg = String::from("count");
    let (mut a, mut b) = (0u32, 1u32);
    for i in 0..n {
        emit(i + a);
        let step = i + 1;
        a += step; /*@use:p01*/
        msg.push_str("+");
        let len = /*@member:p01*/msg.len() as u32;
        //@typed:p01
        let total = len + b;
        //@paren:p01
        (a, b) = (a + b, total);
    }
    emit(msg.len() as u32 + a);
}
//@end:p01

//@begin:g02
#[generator(yield = u64)]
pub fn fib(limit: u64) {
    //@half:g02
    let mut /*@let:g02*/ msg = String::new();
    let (mut a, mut b) = (0u32, 1u32);
    let mut x: u64 = 0;
    while x < limit {
        yield_!(x);
        x += 1;
        let digits = x.to_string(); /*@use:g02*/
        msg.push_str(&digits);
        let width = /*@member:g02*/msg.len();
        //@typed:g02
        let shown = width.min(8);
        //@paren:g02
        (a, b) = (a + b, a.wrapping_add(shown as u32));
    }
    yield_!(u64::from(a + b));
}
//@end:g02

//@begin:p02
pub fn fib_plain(limit: u64) {
    //@half:p02
    let mut /*@let:p02*/ msg = String::new();
    let (mut a, mut b) = (0u32, 1u32);
    let mut x: u64 = 0;
    while x < limit {
        emit(x);
        x += 1;
        let digits = x.to_string(); /*@use:p02*/
        msg.push_str(&digits);
        let width = /*@member:p02*/msg.len();
        //@typed:p02
        let shown = width.min(8);
        //@paren:p02
        (a, b) = (a + b, a.wrapping_add(shown as u32));
    }
    emit(u64::from(a + b));
}
//@end:p02

//@begin:g03
#[generator(yield = u32, resume = u32)]
pub fn accumulate(name: &'static str) -> String {
    //@half:g03
    let mut /*@let:g03*/ msg = String::from(name);
    let (mut a, mut b) = (0u32, 1u32);
    loop {
        let x = yield_!(a);
        if x == 0 {
            return msg;
        } /*@use:g03*/
        msg.push_str(": ");
        let len = /*@member:g03*/msg.len() as u32;
        //@typed:g03
        let sum = len + x + b;
        //@paren:g03
        (a, b) = (a + b, sum);
    }
}
//@end:g03

//@begin:p03
pub fn accumulate_plain(name: &'static str) -> String {
    //@half:p03
    let mut /*@let:p03*/ msg = String::from(name);
    let (mut a, mut b) = (0u32, 1u32);
    loop {
        let x = recv(a);
        if x == 0 {
            return msg;
        } /*@use:p03*/
        msg.push_str(": ");
        let len = /*@member:p03*/msg.len() as u32;
        //@typed:p03
        let sum = len + x + b;
        //@paren:p03
        (a, b) = (a + b, sum);
    }
}
//@end:p03

//@begin:g04
#[generator(yield = &'a str)]
pub fn words<'a>(text: &'a str) {
    //@half:g04
    let mut /*@let:g04*/ msg = String::new();
    let (mut a, mut b) = (0usize, 1usize);
    for w in text.split(' ') {
        yield_!(w);
        let wl = w.len();
        a += wl; /*@use:g04*/
        msg.push_str(w);
        let len = /*@member:g04*/msg.len();
        //@typed:g04
        let both = len + b;
        //@paren:g04
        (a, b) = (a + b, both);
    }
    if a > b {
        yield_!(text);
    }
}
//@end:g04

//@begin:p04
pub fn words_plain<'a>(text: &'a str) {
    //@half:p04
    let mut /*@let:p04*/ msg = String::new();
    let (mut a, mut b) = (0usize, 1usize);
    for w in text.split(' ') {
        emit(w);
        let wl = w.len();
        a += wl; /*@use:p04*/
        msg.push_str(w);
        let len = /*@member:p04*/msg.len();
        //@typed:p04
        let both = len + b;
        //@paren:p04
        (a, b) = (a + b, both);
    }
    if a > b {
        emit(text);
    }
}
//@end:p04

//@begin:g05
#[generator(yield = usize)]
pub fn line_lengths(text: &str, min: usize) {
    //@half:g05
    let mut /*@let:g05*/ msg = String::new();
    let (mut a, mut b) = (0usize, 1usize);
    for line in text.lines() {
        let n = line.len();
        if n >= min {
            yield_!(n);
        }
        let trimmed = line.trim();
        a += trimmed.len(); /*@use:g05*/
        msg.push_str(trimmed);
        let len = /*@member:g05*/msg.len();
        //@typed:g05
        let both = len + b;
        //@paren:g05
        (a, b) = (a + b, both);
    }
    yield_!(a);
}
//@end:g05

//@begin:p05
pub fn line_lengths_plain(text: &str, min: usize) {
    //@half:p05
    let mut /*@let:p05*/ msg = String::new();
    let (mut a, mut b) = (0usize, 1usize);
    for line in text.lines() {
        let n = line.len();
        if n >= min {
            emit(n);
        }
        let trimmed = line.trim();
        a += trimmed.len(); /*@use:p05*/
        msg.push_str(trimmed);
        let len = /*@member:p05*/msg.len();
        //@typed:p05
        let both = len + b;
        //@paren:p05
        (a, b) = (a + b, both);
    }
    emit(a);
}
//@end:p05

//@begin:g06
#[generator(yield = u32)]
pub fn flatten(items: Vec<Option<u32>>) -> usize {
    //@half:g06
    let mut /*@let:g06*/ msg = String::new();
    let (mut a, mut b) = (0u32, 1u32);
    for item in items {
        match item {
            Some(v) => {
                yield_!(v);
                let twice = v * 2;
                a += twice; /*@use:g06*/
                msg.push_str("some");
                let len = /*@member:g06*/msg.len() as u32;
                //@typed:g06
                let both = len + b;
                //@paren:g06
                (a, b) = (a + b, both);
            }
            None => yield_!(a),
        }
    }
    msg.len()
}
//@end:g06

//@begin:p06
pub fn flatten_plain(items: Vec<Option<u32>>) -> usize {
    //@half:p06
    let mut /*@let:p06*/ msg = String::new();
    let (mut a, mut b) = (0u32, 1u32);
    for item in items {
        match item {
            Some(v) => {
                emit(v);
                let twice = v * 2;
                a += twice; /*@use:p06*/
                msg.push_str("some");
                let len = /*@member:p06*/msg.len() as u32;
                //@typed:p06
                let both = len + b;
                //@paren:p06
                (a, b) = (a + b, both);
            }
            None => emit(a),
        }
    }
    msg.len()
}
//@end:p06

//@begin:g07
#[generator(yield = i64)]
pub fn until_zero(values: Vec<i64>) -> Result<u32, String> {
    //@half:g07
    let mut /*@let:g07*/ msg = String::new();
    let (mut a, mut b) = (0u32, 1u32);
    for v in values {
        if v == 0 {
            return Err(msg);
        }
        yield_!(v);
        let parsed: u32 = u32::try_from(v).map_err(|e| e.to_string())?;
        a += parsed; /*@use:g07*/
        msg.push('x');
        let len = /*@member:g07*/msg.len() as u32;
        //@typed:g07
        let both = len + b;
        //@paren:g07
        (a, b) = (a + b, both);
    }
    Ok(a + b)
}
//@end:g07

//@begin:p07
pub fn until_zero_plain(values: Vec<i64>) -> Result<u32, String> {
    //@half:p07
    let mut /*@let:p07*/ msg = String::new();
    let (mut a, mut b) = (0u32, 1u32);
    for v in values {
        if v == 0 {
            return Err(msg);
        }
        emit(v);
        let parsed: u32 = u32::try_from(v).map_err(|e| e.to_string())?;
        a += parsed; /*@use:p07*/
        msg.push('x');
        let len = /*@member:p07*/msg.len() as u32;
        //@typed:p07
        let both = len + b;
        //@paren:p07
        (a, b) = (a + b, both);
    }
    Ok(a + b)
}
//@end:p07

pub struct Tree {
    pub left: Option<Box<Tree>>,
    pub value: u32,
    pub right: Option<Box<Tree>>,
}

impl Tree {
    //@begin:g08
    #[generator(yield = u32)]
    pub fn iter(&self) {
        //@half:g08
        let mut /*@let:g08*/ msg = String::new();
        let (mut a, mut b) = (0u32, 1u32);
        if let Some(left) = &self.left {
            yield_from!(left.iter().boxed());
        }
        yield_!(self.value);
        let v = self.value;
        a += v; /*@use:g08*/
        msg.push_str("node");
        let len = /*@member:g08*/msg.len() as u32;
        //@typed:g08
        let both = len + b;
        //@paren:g08
        (a, b) = (a + b, both);
        if let Some(right) = &self.right {
            yield_from!(right.iter().boxed());
        }
        if a > b {
            yield_!(a);
        }
    }
    //@end:g08

    //@begin:p08
    pub fn walk(&self) {
        //@half:p08
        let mut /*@let:p08*/ msg = String::new();
        let (mut a, mut b) = (0u32, 1u32);
        if let Some(left) = &self.left {
            left.walk();
        }
        emit(self.value);
        let v = self.value;
        a += v; /*@use:p08*/
        msg.push_str("node");
        let len = /*@member:p08*/msg.len() as u32;
        //@typed:p08
        let both = len + b;
        //@paren:p08
        (a, b) = (a + b, both);
        if let Some(right) = &self.right {
            right.walk();
        }
        if a > b {
            emit(a);
        }
    }
    //@end:p08
}

//@begin:g09
pub fn block_squares(n: u32) -> impl Iterator<Item = u32> {
    generator_block!(move {
        //@half:g09
        let mut /*@let:g09*/msg = String::new();
        let (mut a, mut b) = (0u32, 1u32);
        for i in 0..n {
            yield_!(i * i);
            let sq = i * i;
            a += sq;
            /*@use:g09*/msg.push_str("sq");
            let len = /*@member:g09*/msg.len() as u32;
            //@typed:g09
            let next = len + b;
            //@paren:g09
            (a, b) = (a + b, next);
        }
        yield_!(a + b);
    })
}
//@end:g09

//@begin:p09
pub fn block_squares_plain(n: u32) -> impl Iterator<Item = u32> {
    let mut out = Vec::new();
    {
        //@half:p09
        let mut /*@let:p09*/ msg = String::new();
        let (mut a, mut b) = (0u32, 1u32);
        for i in 0..n {
            out.push(i * i);
            let sq = i * i;
            a += sq; /*@use:p09*/
            msg.push_str("sq");
            let len = /*@member:p09*/msg.len() as u32;
            //@typed:p09
            let next = len + b;
            //@paren:p09
            (a, b) = (a + b, next);
        }
        out.push(a + b);
    }
    out.into_iter()
}
//@end:p09

//@begin:g10
pub fn block_adder(inputs: &[u32]) -> u32 {
    let mut adder = generator_block!(yield = u32, resume = u32; {
        //@half:g10
        let mut /*@let:g10*/msg = String::new();
        let (mut a, mut b) = (0u32, 1u32);
        loop {
            let x = yield_!(a);
            b += x;
            a += 1;
            /*@use:g10*/msg.push_str("+");
            let len = /*@member:g10*/msg.len() as u32;
            //@typed:g10
            let sum = len + x;
            //@paren:g10
            (a, b) = (a + b, sum);
        }
    });
    adder.resume(0);
    let mut last = 0;
    for &i in inputs {
        last = adder.send(i).unwrap_or(0);
    }
    last
}
//@end:g10

//@begin:p10
pub fn block_adder_plain(inputs: &[u32]) -> u32 {
    let adder = |first: u32| {
        //@half:p10
        let mut /*@let:p10*/ msg = String::new();
        let (mut a, mut b) = (0u32, first);
        for _ in 0..3 {
            let x = recv(a);
            b += x;
            a += 1; /*@use:p10*/
            msg.push_str("+");
            let len = /*@member:p10*/msg.len() as u32;
            //@typed:p10
            let sum = len + x;
            //@paren:p10
            (a, b) = (a + b, sum);
        }
        a + b
    };
    let mut last = 0;
    for &i in inputs {
        last = adder(i);
    }
    last
}
//@end:p10

/// A control for the inlay hints of `generator_block!`: a plain body in a
/// call of a `macro_rules!` macro that gives its input back.
macro_rules! same {
    ($($body:tt)*) => { $($body)* };
}

//@begin:c09
pub fn control_in_macro(n: u32) -> u32 {
    same!({
        let mut /*@let:c09*/ msg = String::new();
        let (mut a, mut b) = (0u32, 1u32);
        for i in 0..n {
            out_of_line(i);
            let sq = i * i;
            a += sq; /*@use:c09*/
            msg.push_str("sq");
            let len = /*@member:c09*/msg.len() as u32;
            let next = len + b;
            (a, b) = (a + b, next);
        }
        a + b
    })
}
//@end:c09

fn out_of_line(_: u32) {}

/// The calls whose hover shows each function's signature.
pub fn callers() -> usize {
    let tree = Tree {
        left: None,
        value: 1,
        right: None,
    };
    let mut n = 0;
    n += /*@call:g01*/counter(3).count();
    /*@call:p01*/
    counter_plain(3);
    n += /*@call:g02*/fib(5).count();
    /*@call:p02*/
    fib_plain(5);
    let mut acc = /*@call:g03*/accumulate("a");
    acc.resume(0);
    n += acc.send(1).unwrap_or(0) as usize;
    n += /*@call:p03*/accumulate_plain("a").len();
    n += /*@call:g04*/words("a b").count();
    /*@call:p04*/
    words_plain("a b");
    n += /*@call:g05*/line_lengths("a\nb", 0).count();
    /*@call:p05*/
    line_lengths_plain("a\nb", 0);
    n += /*@call:g06*/flatten(vec![Some(1), None]).count();
    n += /*@call:p06*/flatten_plain(vec![Some(1), None]);
    n += /*@call:g07*/until_zero(vec![1, 0]).count();
    n += /*@call:p07*/until_zero_plain(vec![1, 0]).unwrap_or(0) as usize;
    n += tree./*@call:g08*/iter().count();
    tree./*@call:p08*/walk();
    n += block_squares(2).count() + block_squares_plain(2).count();
    n += (block_adder(&[1, 2]) + block_adder_plain(&[1, 2])) as usize;
    n += control_in_macro(2) as usize;
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generators_run() {
        assert_eq!(counter(3).count(), 4);
        assert_eq!(words("a b").take(2).collect::<Vec<_>>(), ["a", "b"]);
        let leaf = |v| {
            Some(Box::new(Tree {
                left: None,
                value: v,
                right: None,
            }))
        };
        let tree = Tree {
            left: leaf(1),
            value: 2,
            right: leaf(3),
        };
        assert_eq!(
            tree.iter().filter(|&v| v <= 3).collect::<Vec<_>>(),
            [1, 2, 3]
        );
        assert_eq!(block_squares(3).take(3).collect::<Vec<_>>(), [0, 1, 4]);
        assert!(callers() > 0);
    }
}
