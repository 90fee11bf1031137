//! Every program of the seed tutorial prints exactly the output the tutorial
//! shows (its `執行結果` blocks, copied below byte for byte, without the IDE's
//! `Process finished with exit code 0` line).

use std::io::{self, Write};
use std::process::Command;
use std::time::{Duration, Instant};

use examples::{Error, SUBCOMMANDS, run};

/// `c.__next__()` once.
const NEXT_ONCE: &str = "Tony 準備吃包子啦!\n";

/// `c.__next__()` twice.
const NEXT_TWICE: &str = concat!("Tony 準備吃包子啦!\n", "包子[None]来了,被[Tony]吃了!\n",);

/// `c.__next__()`, then `c.send(b1)`.
const SEND: &str = concat!("Tony 準備吃包子啦!\n", "包子[韭菜餡]来了,被[Tony]吃了!\n",);

/// `c.__next__()`, `c.send(b1)`, then `c.__next__()`.
const SEND_THEN_NEXT: &str = concat!(
    "Tony 準備吃包子啦!\n",
    "包子[韭菜餡]来了,被[Tony]吃了!\n",
    "包子[None]来了,被[Tony]吃了!\n",
);

/// `producer("tony")`.
const PRODUCER: &str = concat!(
    "A 準備吃包子啦!\n",
    "B 準備吃包子啦!\n",
    "老子开始準備做包子啦!\n",
    "做了1個包子分兩半!\n",
    "包子[0]来了,被[A]吃了!\n",
    "包子[0]来了,被[B]吃了!\n",
    "做了1個包子分兩半!\n",
    "包子[1]来了,被[A]吃了!\n",
    "包子[1]来了,被[B]吃了!\n",
    "做了1個包子分兩半!\n",
    "包子[2]来了,被[A]吃了!\n",
    "包子[2]来了,被[B]吃了!\n",
    "做了1個包子分兩半!\n",
    "包子[3]来了,被[A]吃了!\n",
    "包子[3]来了,被[B]吃了!\n",
    "做了1個包子分兩半!\n",
    "包子[4]来了,被[A]吃了!\n",
    "包子[4]来了,被[B]吃了!\n",
    "做了1個包子分兩半!\n",
    "包子[5]来了,被[A]吃了!\n",
    "包子[5]来了,被[B]吃了!\n",
    "做了1個包子分兩半!\n",
    "包子[6]来了,被[A]吃了!\n",
    "包子[6]来了,被[B]吃了!\n",
    "做了1個包子分兩半!\n",
    "包子[7]来了,被[A]吃了!\n",
    "包子[7]来了,被[B]吃了!\n",
    "做了1個包子分兩半!\n",
    "包子[8]来了,被[A]吃了!\n",
    "包子[8]来了,被[B]吃了!\n",
    "做了1個包子分兩半!\n",
    "包子[9]来了,被[A]吃了!\n",
    "包子[9]来了,被[B]吃了!\n",
);

fn output(args: &[&str]) -> String {
    let mut out = Vec::new();
    run(args, &mut out).unwrap_or_else(|e| panic!("{args:?} failed: {e}"));
    String::from_utf8(out).unwrap()
}

#[test]
fn next_once() {
    assert_eq!(output(&["next-once"]), NEXT_ONCE);
}

#[test]
fn next_twice() {
    assert_eq!(output(&["next-twice"]), NEXT_TWICE);
}

#[test]
fn send() {
    assert_eq!(output(&["send"]), SEND);
}

#[test]
fn send_then_next() {
    assert_eq!(output(&["send-then-next"]), SEND_THEN_NEXT);
}

#[test]
fn producer() {
    assert_eq!(output(&["producer", "--interval-ms", "0"]), PRODUCER);
    assert_eq!(output(&["--interval-ms=0", "producer"]), PRODUCER);
}

#[test]
fn no_subcommand_runs_the_producer() {
    assert_eq!(output(&["--interval-ms", "0"]), PRODUCER);
}

/// The signature of the programs that do not pause.
type Program = fn(&mut dyn Write) -> io::Result<()>;

#[test]
fn the_programs_called_directly() {
    let cases: [(Program, &str); 5] = [
        (examples::programs::next_once, NEXT_ONCE),
        (examples::programs::next_twice, NEXT_TWICE),
        (examples::programs::send, SEND),
        (examples::programs::send_then_next, SEND_THEN_NEXT),
        (
            |out| examples::programs::producer(out, Duration::ZERO),
            PRODUCER,
        ),
    ];
    for (program, expected) in cases {
        let mut out = Vec::new();
        program(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}

#[test]
fn the_producer_pauses_before_each_baozi() {
    assert_eq!(examples::DEFAULT_INTERVAL, Duration::from_secs(1));
    let start = Instant::now();
    assert_eq!(output(&["--interval-ms", "10"]), PRODUCER);
    assert!(start.elapsed() >= Duration::from_millis(100));
}

#[test]
fn help_lists_every_subcommand() {
    let help = output(&["--help"]);
    assert_eq!(output(&["-h"]), help);
    assert_eq!(examples::help(), help);
    let names: Vec<&str> = SUBCOMMANDS.iter().map(|(name, _)| *name).collect();
    assert_eq!(
        names,
        [
            "next-once",
            "next-twice",
            "send",
            "send-then-next",
            "producer"
        ]
    );
    for name in names {
        assert!(
            help.lines().any(|line| line.trim_start().starts_with(name)),
            "{name} is not in the help:\n{help}"
        );
    }
}

#[test]
fn bad_command_lines_are_usage_errors() {
    for args in [
        &["bake"][..],
        &["--bake"],
        &["send", "send"],
        &["--interval-ms"],
        &["--interval-ms", "soon"],
        &["send", "--interval-ms", "0"],
    ] {
        let mut out = Vec::new();
        match run(args, &mut out) {
            Err(Error::Usage(message)) => assert!(!message.is_empty()),
            other => panic!("{args:?}: expected a usage error, got {other:?}"),
        }
        assert!(out.is_empty(), "{args:?} printed something");
    }
}

/// A writer that fails on the first write.
struct Broken;

impl Write for Broken {
    fn write(&mut self, _: &[u8]) -> io::Result<usize> {
        Err(io::Error::other("broken"))
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn write_errors_are_reported() {
    for args in [
        &["next-once"][..],
        &["send-then-next"],
        &["producer", "--interval-ms", "0"],
    ] {
        let result = run(args, &mut Broken);
        assert!(matches!(result, Err(Error::Io(_))), "{args:?}: {result:?}");
    }
}

fn binary(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_baozi-examples"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_binary_prints_the_tutorial_output() {
    let result = binary(&["send-then-next"]);
    assert!(result.status.success());
    assert_eq!(String::from_utf8(result.stdout).unwrap(), SEND_THEN_NEXT);
    assert!(result.stderr.is_empty());

    let result = binary(&["--interval-ms", "0"]);
    assert!(result.status.success());
    assert_eq!(String::from_utf8(result.stdout).unwrap(), PRODUCER);
}

#[test]
fn the_binary_rejects_an_unknown_subcommand() {
    let result = binary(&["bake"]);
    assert!(!result.status.success());
    assert!(result.stdout.is_empty());
    let stderr = String::from_utf8(result.stderr).unwrap();
    assert!(stderr.contains("unknown subcommand `bake`"), "{stderr}");
}
