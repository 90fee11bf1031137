//! The seed tutorial's Python programs, ported to Rust with `#[generator]`.
//!
//! The tutorial (a Chinese introduction to Python generators as coroutines)
//! has one consumer, who eats baozi handed to it through `baozi = yield`, and
//! five programs that drive it: primed with `__next__()`, fed with `send()`,
//! and finally a producer that feeds two consumers in turn. Each program is a
//! function of [`programs`], and a subcommand of the `baozi-examples` binary:
//!
//! ```text
//! cargo run -p examples -- next-once
//! cargo run -p examples                      # the producer, one baozi per second
//! cargo run -p examples -- --interval-ms 0   # the producer, without pauses
//! ```
//!
//! The Python ↔ Rust correspondence used throughout:
//!
//! | Python                 | Rust                                                        |
//! |------------------------|-------------------------------------------------------------|
//! | `def consumer(name):`  | `#[generator(yield = (), resume = Option<T>)] fn consumer`  |
//! | `baozi = yield`        | `let baozi = yield_!();`                                    |
//! | `c = consumer("Tony")` | `let mut c = consumer("Tony", &out);`                       |
//! | `c.__next__()`         | `c.resume(None);`                                           |
//! | `c.send(b1)`           | `c.send(Some(b1));`                                         |
//! | `print("%s" % baozi)`  | `out.print(format_args!("{}", PyStr(&baozi)));`             |
//!
//! Output goes to a [`Printer`] rather than to `println!`, so that the tests
//! can capture it; the consumers print, as in the Python.
//!
//! The tutorial ends by saying that switching between generators is
//! concurrency in a single thread, the prototype of asynchronous IO, and
//! that epoll works essentially this way. Four more subcommands follow that
//! thought ([`FURTHER_SUBCOMMANDS`]), each in its own module:
//!
//! - [`pipeline`]: consumers chained into a coroutine pipeline (`send`
//!   through filters and a broadcast into sinks), after David Beazley;
//! - [`scheduler`]: generator tasks yielding system calls to a round-robin
//!   scheduler;
//! - [`echo_server`]: that scheduler serving TCP connections, with readiness
//!   from epoll (through `mio`);
//! - [`durable`]: the producer and consumers saved to a file after every
//!   step (`derive(Serialize, Deserialize)`), resumable after a crash.

#![warn(missing_docs)]

use std::cell::RefCell;
use std::ffi::{OsStr, OsString};
use std::fmt::{self, Display};
use std::io::{self, Write};
use std::path::Path;
use std::thread;
use std::time::Duration;

use baozi_core::prelude::*;

pub mod durable;
pub mod echo_server;
pub mod pipeline;
pub mod scheduler;

/// Python's `def consumer(name)`: announces itself, then eats every baozi it
/// is sent, forever.
///
/// Resume it with `None` for Python's `c.__next__()` and with `Some(baozi)`
/// for `c.send(baozi)`. As in Python, the first resume (the "priming" one)
/// only runs the generator up to its first `yield_!()`; its argument is
/// dropped.
///
/// ```python
/// def consumer(name):
///     print("%s 準備吃包子啦!" %name)
///     while True:
///        baozi = yield  # baozi 沒有返回值就會為none
///
///        print("包子[%s]来了,被[%s]吃了!" %(baozi,name))
/// ```
///
/// ```
/// use baozi_core::prelude::*;
/// use examples::{Printer, consumer};
///
/// let mut buf = Vec::new();
/// {
///     let out = Printer::new(&mut buf);
///     let mut c = consumer("Tony", &out);
///     c.resume(None); // c.__next__()
///     c.send(Some("韭菜餡")); // c.send("韭菜餡")
///     out.finish().unwrap();
/// }
/// assert_eq!(
///     String::from_utf8(buf).unwrap(),
///     "Tony 準備吃包子啦!\n包子[韭菜餡]来了,被[Tony]吃了!\n",
/// );
/// ```
#[generator(yield = (), resume = Option<T>)]
pub fn consumer<'a, 'w, T: Display>(name: &'a str, out: &'a Printer<'w>) {
    out.print(format_args!("{name} 準備吃包子啦!"));
    loop {
        let baozi = yield_!(); // Python: baozi = yield
        out.print(format_args!("包子[{}]来了,被[{name}]吃了!", PyStr(&baozi)));
    }
}

/// Python's `def producer(name)`: primes two consumers, then makes ten baozi,
/// sleeping `interval` before each (the tutorial's `time.sleep(1)`), and
/// sends each one to both consumers.
///
/// As in the tutorial, `name` is not used.
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
pub fn producer(_name: &str, interval: Duration, out: &Printer<'_>) {
    let mut c = consumer("A", out);
    let mut c2 = consumer("B", out);
    c.resume(None); // Python: c.__next__()
    c2.resume(None);
    out.print(format_args!("老子开始準備做包子啦!"));
    for i in 0..10 {
        thread::sleep(interval);
        out.print(format_args!("做了1個包子分兩半!"));
        c.send(Some(i)); // Python: c.send(i)
        c2.send(Some(i));
    }
}

/// The five programs of the tutorial, in its order. Each prints exactly what
/// the tutorial shows as its `執行結果` (its output), minus the IDE's closing
/// `Process finished with exit code 0` line, which Python does not print.
pub mod programs {
    use std::io::{self, Write};
    use std::time::Duration;

    use baozi_core::prelude::*;

    use crate::{Printer, consumer};

    /// ```python
    /// c = consumer("Tony")
    /// c.__next__()
    /// ```
    ///
    /// Prints `Tony 準備吃包子啦!`: the consumer stops at its `yield`.
    pub fn next_once(out: &mut dyn Write) -> io::Result<()> {
        let out = Printer::new(out);
        // Python leaves the type of the baozi open; Rust needs one.
        let mut c = consumer::<&str>("Tony", &out);
        c.resume(None); // c.__next__()
        out.finish()
    }

    /// ```python
    /// c = consumer("Tony")
    /// c.__next__()
    /// c.__next__()
    /// ```
    ///
    /// The second `__next__()` resumes the `yield` with `None`, so the
    /// consumer eats `包子[None]`.
    pub fn next_twice(out: &mut dyn Write) -> io::Result<()> {
        let out = Printer::new(out);
        // Python leaves the type of the baozi open; Rust needs one.
        let mut c = consumer::<&str>("Tony", &out);
        c.resume(None); // c.__next__()
        c.resume(None); // c.__next__()
        out.finish()
    }

    /// ```python
    /// c = consumer("Tony")
    /// c.__next__()
    ///
    /// b1 = "韭菜餡"
    /// c.send(b1)
    /// ```
    pub fn send(out: &mut dyn Write) -> io::Result<()> {
        let out = Printer::new(out);
        let mut c = consumer("Tony", &out);
        c.resume(None); // c.__next__()

        let b1 = "韭菜餡";
        c.send(Some(b1));
        out.finish()
    }

    /// ```python
    /// c = consumer("Tony")
    /// c.__next__()
    ///
    /// b1 = "韭菜餡"
    /// c.send(b1)
    /// c.__next__()
    /// ```
    ///
    /// `send` hands the `yield` a value; `__next__()` only resumes it.
    pub fn send_then_next(out: &mut dyn Write) -> io::Result<()> {
        let out = Printer::new(out);
        let mut c = consumer("Tony", &out);
        c.resume(None); // c.__next__()

        let b1 = "韭菜餡";
        c.send(Some(b1));
        c.resume(None); // c.__next__()
        out.finish()
    }

    /// ```python
    /// producer("tony")
    /// ```
    ///
    /// Two consumers taking turns, driven by one producer: cooperative
    /// multitasking on one thread. `interval` replaces the tutorial's
    /// `time.sleep(1)`; zero means no pause.
    pub fn producer(out: &mut dyn Write, interval: Duration) -> io::Result<()> {
        let out = Printer::new(out);
        crate::producer("tony", interval, &out);
        out.finish()
    }
}

/// Python's `"%s" % value` for a value that may be `None`: shows `None` or
/// the value.
///
/// ```
/// use examples::PyStr;
/// assert_eq!(PyStr(&Some("韭菜餡")).to_string(), "韭菜餡");
/// assert_eq!(PyStr::<i32>(&None).to_string(), "None");
/// ```
pub struct PyStr<'a, T>(pub &'a Option<T>);

impl<T: Display> Display for PyStr<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(value) => value.fmt(f),
            None => f.write_str("None"),
        }
    }
}

/// Python's `print`, to a writer shared by several generators.
///
/// [`print`](Printer::print) takes `&self`, so any number of consumers can
/// hold a `&Printer` at once. The first write error is kept (later lines are
/// dropped) and returned by [`finish`](Printer::finish).
pub struct Printer<'w> {
    out: RefCell<(&'w mut dyn Write, io::Result<()>)>,
}

impl<'w> Printer<'w> {
    /// A printer writing to `out`.
    pub fn new(out: &'w mut dyn Write) -> Self {
        Printer {
            out: RefCell::new((out, Ok(()))),
        }
    }

    /// Writes `line` and a newline, like Python's `print(line)`.
    pub fn print(&self, line: fmt::Arguments<'_>) {
        let (out, result) = &mut *self.out.borrow_mut();
        if result.is_ok() {
            *result = writeln!(out, "{line}");
        }
    }

    /// Flushes the writer; returns the first error met while printing (and
    /// forgets it).
    ///
    /// Takes `&self`, so that it can be called while generators still hold
    /// the printer.
    pub fn finish(&self) -> io::Result<()> {
        let (out, result) = &mut *self.out.borrow_mut();
        std::mem::replace(result, Ok(()))?;
        out.flush()
    }
}

/// The subcommands of `baozi-examples`, with a one-line description each, in
/// the tutorial's order.
pub const SUBCOMMANDS: &[(&str, &str)] = &[
    (
        "next-once",
        "c.__next__() once: the consumer gets ready and waits",
    ),
    (
        "next-twice",
        "c.__next__() twice: the consumer eats 包子[None]",
    ),
    ("send", "c.__next__(), then c.send(\"韭菜餡\")"),
    (
        "send-then-next",
        "c.__next__(), c.send(\"韭菜餡\"), then c.__next__()",
    ),
    (
        "producer",
        "producer(\"tony\"): one producer feeds two consumers (the default)",
    ),
];

/// The subcommands beyond the tutorial's programs, where its closing words
/// point: switching between generators is concurrency in one thread, the
/// prototype of asynchronous IO, and epoll works essentially this way.
pub const FURTHER_SUBCOMMANDS: &[(&str, &str)] = &[
    (
        "pipeline",
        "coroutine pipeline: a source sends lines through grep and broadcast into sinks",
    ),
    (
        "scheduler",
        "round-robin scheduler of generator tasks making system calls",
    ),
    (
        "echo-server",
        "TCP echo server on 127.0.0.1: one generator per connection, epoll via mio",
    ),
    (
        "durable",
        "the producer and consumers checkpointed to a file, resumable after a crash",
    ),
];

/// The options, each with the subcommand it applies to, the name of its
/// value, and what it does.
pub const OPTIONS: &[(&str, &str, &str, &str)] = &[
    (
        "--interval-ms",
        "producer",
        "N",
        "pause N milliseconds before each baozi (default 1000)",
    ),
    (
        "--tasks",
        "scheduler",
        "N",
        "spawn N tasks of 100 rounds each (default 10000, at most 1000000)",
    ),
    (
        "--clients",
        "echo-server",
        "N",
        "connect N well-behaved clients at once (default 50, at most 1000)",
    ),
    (
        "--messages",
        "echo-server",
        "N",
        "each client sends N messages (default 100, at most 100000)",
    ),
    (
        "--checkpoint",
        "durable",
        "FILE",
        "save the job to FILE after every step; resume from it if it exists",
    ),
    (
        "--crash-after",
        "durable",
        "N",
        "stop as if killed after step N (exit code 137); needs --checkpoint",
    ),
];

/// The pause between two baozi in the producer, as in the tutorial's
/// `time.sleep(1)`.
pub const DEFAULT_INTERVAL: Duration = Duration::from_secs(1);

/// The number of tasks `scheduler` spawns by default.
pub const DEFAULT_TASKS: usize = 10_000;

/// The number of well-behaved clients `echo-server` connects by default.
pub const DEFAULT_CLIENTS: usize = 50;

/// The number of messages each client of `echo-server` sends by default.
pub const DEFAULT_MESSAGES: usize = 100;

/// Why [`run`] failed.
#[derive(Debug)]
pub enum Error {
    /// The command line was wrong; the message says how.
    Usage(String),
    /// Writing the output failed.
    Io(io::Error),
    /// The program failed (a network or checkpoint error); the message says
    /// what it was doing.
    Failed(io::Error),
    /// `durable --crash-after N` stopped on purpose after `steps` steps, as
    /// if the process had been killed.
    Crashed {
        /// The steps done, and saved, in total.
        steps: u64,
    },
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(message) => write!(f, "{message} (try --help)"),
            Error::Io(error) => write!(f, "cannot write the output: {error}"),
            Error::Failed(error) => error.fmt(f),
            Error::Crashed { steps } => write!(
                f,
                "crashed on purpose after step {steps}; run again with the same --checkpoint to resume"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Usage(_) | Error::Crashed { .. } => None,
            Error::Io(error) | Error::Failed(error) => Some(error),
        }
    }
}

impl From<io::Error> for Error {
    fn from(error: io::Error) -> Self {
        Error::Io(error)
    }
}

/// The command line of `baozi-examples`, without the program name:
/// `[SUBCOMMAND] [OPTION VALUE]...`, or `--help`. Each option (see
/// [`OPTIONS`]) applies to one subcommand, and may be written `--name value`
/// or `--name=value`.
///
/// Runs the chosen program (the producer when there is none), writing its
/// output to `out`.
///
/// ```
/// let mut out = Vec::new();
/// examples::run(["next-once"], &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "Tony 準備吃包子啦!\n");
///
/// assert!(examples::run(["bake"], &mut Vec::new()).is_err());
/// ```
pub fn run<I>(args: I, out: &mut dyn Write) -> Result<(), Error>
where
    I: IntoIterator,
    I::Item: AsRef<OsStr>,
{
    let mut subcommand: Option<String> = None;
    // The options given, by name; a later value replaces an earlier one.
    let mut options: Vec<(&str, String)> = Vec::new();
    let mut args = args.into_iter().map(|arg| arg.as_ref().to_owned());
    while let Some(arg) = args.next() {
        let arg = utf8(arg)?;
        if arg == "-h" || arg == "--help" {
            out.write_all(help().as_bytes())?;
            out.flush()?;
            return Ok(());
        }
        if arg.starts_with('-') {
            let (name, inline) = match arg.split_once('=') {
                Some((name, value)) => (name, Some(value.to_owned())),
                None => (arg.as_str(), None),
            };
            let Some(&(name, ..)) = OPTIONS.iter().find(|option| option.0 == name) else {
                return Err(usage(format!("unknown option `{arg}`")));
            };
            let value = match inline {
                Some(value) => value,
                None => utf8(
                    args.next()
                        .ok_or_else(|| usage(format!("{name} needs a value")))?,
                )?,
            };
            options.retain(|(given, _)| *given != name);
            options.push((name, value));
        } else if let Some(first) = &subcommand {
            return Err(usage(format!(
                "one subcommand at a time (got `{first}` and `{arg}`)"
            )));
        } else {
            subcommand = Some(arg);
        }
    }

    let subcommand = subcommand.as_deref().unwrap_or("producer");
    for (name, _) in &options {
        let (_, applies_to, ..) = OPTIONS.iter().find(|option| option.0 == *name).unwrap();
        if *applies_to != subcommand {
            return Err(usage(format!(
                "{name} only applies to `{applies_to}`, not `{subcommand}`"
            )));
        }
    }
    let option = |name: &str| {
        options
            .iter()
            .find(|(given, _)| *given == name)
            .map(|(_, value)| value.as_str())
    };
    let number = |name: &str| -> Result<Option<u64>, Error> {
        option(name)
            .map(|value| {
                value
                    .parse()
                    .map_err(|_| usage(format!("{name} needs a number, not `{value}`")))
            })
            .transpose()
    };
    // A load, bounded so that the program stays quick and small.
    let count = |name: &str, default: usize, max: u64| -> Result<usize, Error> {
        match number(name)? {
            None => Ok(default),
            Some(n) if n <= max => Ok(n as usize),
            Some(n) => Err(usage(format!("{name} is at most {max}, not {n}"))),
        }
    };
    match subcommand {
        "next-once" => programs::next_once(out)?,
        "next-twice" => programs::next_twice(out)?,
        "send" => programs::send(out)?,
        "send-then-next" => programs::send_then_next(out)?,
        "producer" => {
            let interval = number("--interval-ms")?.map_or(DEFAULT_INTERVAL, Duration::from_millis);
            programs::producer(out, interval)?;
        }
        "pipeline" => pipeline::program(out)?,
        "scheduler" => scheduler::program(out, count("--tasks", DEFAULT_TASKS, 1_000_000)?)?,
        "echo-server" => echo_server::program(
            out,
            count("--clients", DEFAULT_CLIENTS, 1_000)?,
            count("--messages", DEFAULT_MESSAGES, 100_000)?,
        )?,
        "durable" => {
            let checkpoint = option("--checkpoint").map(Path::new);
            let crash_after = number("--crash-after")?;
            if crash_after == Some(0) {
                return Err(usage("--crash-after needs a step, counted from 1"));
            }
            if crash_after.is_some() && checkpoint.is_none() {
                return Err(usage("--crash-after needs --checkpoint, to resume from"));
            }
            durable::program(out, checkpoint, crash_after)?;
        }
        unknown => return Err(usage(format!("unknown subcommand `{unknown}`"))),
    }
    Ok(())
}

/// The text printed by `baozi-examples --help`.
pub fn help() -> String {
    let mut text = String::from(
        "The Python generator programs of the baozi tutorial, ported to Rust,\n\
         and where its last words lead.\n\
         \n\
         Usage: baozi-examples [SUBCOMMAND] [OPTION VALUE]...\n\
         \n\
         The tutorial's programs:\n",
    );
    for (name, description) in SUBCOMMANDS {
        text += &format!("  {name:<16}{description}\n");
    }
    text += "\nFurther (concurrency in one thread, the prototype of async IO):\n";
    for (name, description) in FURTHER_SUBCOMMANDS {
        text += &format!("  {name:<16}{description}\n");
    }
    text += "\nOptions:\n";
    for (name, applies_to, value, description) in OPTIONS {
        let name = format!("{name} {value}");
        text += &format!("  {name:<20}{applies_to}: {description}\n");
    }
    text += &format!("  {:<20}print this help\n", "-h, --help");
    text
}

fn usage(message: impl Into<String>) -> Error {
    Error::Usage(message.into())
}

fn utf8(arg: OsString) -> Result<String, Error> {
    arg.into_string()
        .map_err(|arg| usage(format!("not UTF-8: {}", arg.to_string_lossy())))
}
