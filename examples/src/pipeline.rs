//! Coroutine pipelines, after David Beazley's *A Curious Course on Coroutines
//! and Concurrency* (PyCon 2009).
//!
//! The tutorial's consumer is a coroutine that data is *pushed* into with
//! `send`. Chain such consumers and you get a pipeline: a source sends each
//! line into the first stage, every stage does a little work and sends the
//! result on to its target, and the sinks at the end accumulate. Nothing is
//! pulled; each stage sleeps at its `yield_!()` until the next line arrives.
//!
//! ```text
//! source ─▶ broadcast ─┬─▶ grep("baozi") ─▶ printer("baozi")
//!                      ├─▶ grep("yield") ─▶ printer("yield")
//!                      └─▶ word_count()
//! ```
//!
//! Every stage is resumed with `Option<&str>`: `Some(line)` is the next line
//! (Python's `target.send(line)`), and `None` is the end of the stream (where
//! Beazley calls `target.close()`). On `None` a stage closes its own targets
//! and *returns*: the sinks' results travel back up the pipeline as return
//! values, and the source gets them all.
//!
//! Beazley's `@coroutine` decorator primes each coroutine with `next()`;
//! here each stage primes its targets itself with a first `resume(None)`,
//! whose argument baozi drops, as Python's first `send` must be `None`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use baozi_core::prelude::*;

use crate::Printer;

/// The input: a few lines about the tutorial.
pub const TEXT: &str = "\
A baozi is a steamed bun with a filling.
The consumer waits at yield for the next baozi.
The producer makes each baozi and sends it to both consumers.
send() resumes a generator with a value; __next__() resumes it with None.
Switching between generators is concurrency in a single thread.
It is the prototype of asynchronous IO, and epoll works the same way.
Every stage of this pipeline is a generator waiting at yield.
";

/// What every stage is resumed with: a line, or `None` for the end of the
/// stream.
pub type Line<'a> = Option<&'a str>;

/// The pipeline above, run over [`TEXT`]: the printers print as the lines
/// flow, then the sinks' results are printed.
pub fn program(out: &mut dyn Write) -> io::Result<()> {
    let out = Printer::new(out);
    let sinks = vec![
        grep("baozi", printer("baozi", &out)).boxed(),
        grep("yield", printer("yield", &out)).boxed(),
        word_count().boxed(),
    ];
    let results = source(TEXT, broadcast(sinks));
    out.print(format_args!("-- end of stream --"));
    for result in results {
        out.print(format_args!("{result}"));
    }
    out.finish()
}

/// The source: a plain function, not a coroutine. Sends every line of
/// `text` into `target`, then the end of the stream, and returns what the
/// target returns.
pub fn source<'a, T>(text: &'a str, mut target: T) -> T::Return
where
    T: Generator<Line<'a>, Yield = ()>,
{
    target.resume(None); // prime it: run it to its first `yield_!()`
    for line in text.lines() {
        target.resume(Some(line)); // Python: target.send(line)
    }
    close(target)
}

/// Ends the stream of `target` and returns its result.
///
/// # Panics
/// When `target` does not complete on the end of the stream.
pub fn close<'a, T>(mut target: T) -> T::Return
where
    T: Generator<Line<'a>, Yield = ()>,
{
    match target.resume(None) {
        GeneratorState::Complete(result) => result,
        GeneratorState::Yielded(()) => panic!("a pipeline stage ignored the end of its stream"),
    }
}

/// A filter: passes on the lines containing `pattern`.
///
/// ```python
/// @coroutine
/// def grep(pattern, target):
///     while True:
///         line = (yield)
///         if pattern in line:
///             target.send(line)
/// ```
#[generator(resume = Line<'a>)]
pub fn grep<'a, T>(pattern: &'a str, mut target: T) -> T::Return
where
    T: Generator<Line<'a>, Yield = ()>,
{
    target.resume(None);
    while let Some(line) = yield_!() {
        if line.contains(pattern) {
            target.resume(Some(line));
        }
    }
    close(target)
}

/// A fan-out: sends every line to each of `targets`, in order. Returns their
/// results, in the same order.
///
/// ```python
/// @coroutine
/// def broadcast(targets):
///     while True:
///         item = (yield)
///         for target in targets:
///             target.send(item)
/// ```
#[generator(resume = Line<'a>)]
pub fn broadcast<'a, T>(mut targets: Vec<T>) -> Vec<T::Return>
where
    T: Generator<Line<'a>, Yield = ()>,
{
    for target in &mut targets {
        target.resume(None);
    }
    while let Some(line) = yield_!() {
        for target in &mut targets {
            target.resume(Some(line));
        }
    }
    targets.into_iter().map(close).collect()
}

/// A sink: prints every line it gets, tagged. Returns how many it printed.
#[generator(resume = Line<'a>)]
pub fn printer<'a, 'w>(tag: &'a str, out: &'a Printer<'w>) -> String {
    let mut count = 0;
    while let Some(line) = yield_!() {
        out.print(format_args!("[{tag}] {line}"));
        count += 1;
    }
    format!("printer(\"{tag}\"): {count} lines")
}

/// A sink: counts lines and words (lowercase runs of letters), and returns
/// them with the three most frequent words.
#[generator(resume = Line<'a>)]
pub fn word_count<'a>() -> String {
    let (mut lines, mut words) = (0, 0);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    while let Some(line) = yield_!() {
        lines += 1;
        for word in line.split(|c: char| !c.is_alphabetic()) {
            if !word.is_empty() {
                words += 1;
                *counts.entry(word.to_lowercase()).or_default() += 1;
            }
        }
    }
    let mut frequent: Vec<(String, usize)> = counts.into_iter().collect();
    frequent.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let top: Vec<String> = frequent
        .iter()
        .take(3)
        .map(|(word, n)| format!("{word} ×{n}"))
        .collect();
    format!(
        "word_count(): {lines} lines, {words} words; most frequent: {}",
        top.join(", ")
    )
}
