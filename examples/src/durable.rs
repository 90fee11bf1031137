//! Durable execution: the tutorial's producer and consumers, saved to a file
//! after every step, so that a killed run continues where it stopped.
//!
//! A generator suspended at a `yield_!` is a plain value: the point where it
//! stopped and the locals alive there. With `derive(Serialize, Deserialize)`
//! that value can be written to a file, and a later process can restore it
//! into a fresh generator of the same function and resume it.
//!
//! The job is three such generators. None of them does any I/O, since a
//! reference to a printer cannot be saved: each yields what it wants done,
//! and a small runtime ([`program`]) does it, as a scheduler carries out
//! system calls. The producer mirrors the Python `producer` line by line,
//! yielding an [`Order`] for each side effect; the consumers yield the lines
//! they print. After each order the runtime writes the three suspended
//! generators to the checkpoint file, as one JSON object. After step 7 the
//! producer is suspended at its third `yield_!` (`S2`, the first in the
//! loop) with `i` = 2, and each consumer at its second, having eaten baozi 1:
//!
//! ```text
//! {"a":{"S1":{"baozi_1":1,"name_0":"A"}},"b":{"S1":{"baozi_1":1,"name_0":"B"}},
//!  "producer":{"S2":{"i_1":2,"iter_0":{"end":10,"start":3}}},"steps":7}
//! ```
//!
//! (The field names are the generator's locals, numbered by the macro.)
//!
//! Why not a producer that owns its two consumers as locals, as in Python?
//! It could be saved, but not restored: restoring fills a fresh generator
//! in place, so its locals must be `Deserialize`, and a generator cannot be
//! deserialized from nothing (its code comes from its function). Hence one
//! generator per saved value, side by side.
//!
//! ```text
//! baozi-examples durable --checkpoint job.json --crash-after 7   # dies after 7 steps
//! baozi-examples durable --checkpoint job.json                   # finishes the job
//! ```
//!
//! The two runs together print exactly what one uninterrupted run prints.
//! (A real kill can fall between printing a step and saving it; that step is
//! then printed again on resumption: output is at least once.)

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use baozi_core::prelude::*;
use serde_json::{Value, json};

use crate::{Error, PyStr};

/// What the producer asks the runtime to do: one side effect of the Python
/// `producer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// `c.__next__()`, `c2.__next__()`: start both consumers.
    Start,
    /// `print(line)`.
    Print(&'static str),
    /// `c.send(i)`, `c2.send(i)`: hand baozi `i` to both consumers.
    Send(u32),
}

/// The Python `producer`, as a saveable generator of [`Order`]s.
///
/// ```python
/// def producer(name):
///     c = consumer('A')
///     c2 = consumer('B')
///     c.__next__()
///     c2.__next__()
///     print("老子开始準備做包子啦!")
///     for i in range(10):
///         time.sleep(1)
///         print("做了1個包子分兩半!")
///         c.send(i)
///         c2.send(i)
/// ```
#[generator(yield = Order, derive(Serialize, Deserialize))]
pub fn producer() {
    yield_!(Order::Start);
    yield_!(Order::Print("老子开始準備做包子啦!"));
    for i in 0..10 {
        yield_!(Order::Print("做了1個包子分兩半!"));
        yield_!(Order::Send(i));
    }
}

/// The Python `consumer`, as a saveable generator: it yields each line it
/// prints instead of printing it.
#[generator(yield = String, resume = Option<u32>, derive(Serialize, Deserialize))]
pub fn consumer(name: String) {
    let mut baozi = yield_!(format!("{name} 準備吃包子啦!"));
    loop {
        baozi = yield_!(format!("包子[{}]来了,被[{name}]吃了!", PyStr(&baozi)));
    }
}

/// Runs the job, printing to `out`.
///
/// With a `checkpoint` file, resumes from it if it exists, saves the job to
/// it after every step, and removes it at the end. With `crash_after`,
/// stops with [`Error::Crashed`] once that many steps have been done in
/// total, as if the process had been killed.
pub fn program(
    out: &mut dyn Write,
    checkpoint: Option<&Path>,
    crash_after: Option<u64>,
) -> Result<(), Error> {
    let mut steps: u64 = 0;
    let mut producer = producer();
    let mut a = consumer("A".into());
    let mut b = consumer("B".into());

    if let Some(path) = checkpoint
        && path.exists()
    {
        // Fresh generators of the same functions, then the saved states.
        let text = fs::read_to_string(path).map_err(|e| checkpoint_error(path, e))?;
        let saved: Value =
            serde_json::from_str(&text).map_err(|e| checkpoint_error(path, e.into()))?;
        let restored: serde_json::Result<()> = (|| {
            producer.restore(&saved["producer"])?;
            a.restore(&saved["a"])?;
            b.restore(&saved["b"])
        })();
        restored.map_err(|e| checkpoint_error(path, e.into()))?;
        steps = saved["steps"]
            .as_u64()
            .ok_or_else(|| checkpoint_error(path, io::Error::other("no step count")))?;
    }

    let mut print = |line: &str| writeln!(out, "{line}").and_then(|()| out.flush());
    while let GeneratorState::Yielded(order) = producer.resume(()) {
        match order {
            Order::Start => {
                print(&a.send(None).expect("a consumer never ends"))?;
                print(&b.send(None).expect("a consumer never ends"))?;
            }
            Order::Print(line) => print(line)?,
            Order::Send(i) => {
                print(&a.send(Some(i)).expect("a consumer never ends"))?;
                print(&b.send(Some(i)).expect("a consumer never ends"))?;
            }
        }
        steps += 1;
        if let Some(path) = checkpoint {
            let job = json!({ "steps": steps, "producer": &producer, "a": &a, "b": &b });
            save(path, &job.to_string()).map_err(|e| checkpoint_error(path, e))?;
        }
        if crash_after == Some(steps) {
            return Err(Error::Crashed { steps });
        }
    }

    if let Some(path) = checkpoint {
        fs::remove_file(path).map_err(|e| checkpoint_error(path, e))?;
    }
    Ok(())
}

/// Writes `contents` to `path` atomically: to a temporary file first, then
/// renamed over `path`, so a kill never leaves half a checkpoint.
fn save(path: &Path, contents: &str) -> io::Result<()> {
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    fs::write(&temporary, contents)?;
    fs::rename(&temporary, path)
}

fn checkpoint_error(path: &Path, error: io::Error) -> Error {
    Error::Failed(io::Error::new(
        error.kind(),
        format!("checkpoint {}: {error}", path.display()),
    ))
}
