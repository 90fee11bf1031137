//! `durable`: a run killed after N steps, then resumed from its checkpoint
//! file, prints exactly what one uninterrupted run prints.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Output};

use baozi_core::prelude::*;
use examples::durable::{Order, consumer, producer};
use examples::{Error, run};

/// The tutorial's `producer("tony")` output, which `durable` prints too.
fn uninterrupted() -> String {
    let mut out = Vec::new();
    run(["producer", "--interval-ms", "0"], &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn binary(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baozi-examples"))
        .args(args)
        .output()
        .unwrap()
}

/// A checkpoint path of its own for each test, under the temp directory.
fn checkpoint(name: &str) -> PathBuf {
    let path =
        std::env::temp_dir().join(format!("baozi-durable-{}-{name}.json", std::process::id()));
    let _ = fs::remove_file(&path);
    path
}

#[test]
fn one_run_prints_the_tutorial_output() {
    let mut out = Vec::new();
    run(["durable"], &mut out).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), uninterrupted());
}

#[test]
fn a_crashed_run_resumes_where_it_stopped() {
    let expected = uninterrupted();
    // The producer's orders: Start, a print, and 10 × (print, send).
    for crash_after in [1, 2, 7, 12, 22] {
        let path = checkpoint(&format!("crash-{crash_after}"));
        let file = path.to_str().unwrap();

        let first = binary(&[
            "durable",
            "--checkpoint",
            file,
            "--crash-after",
            &crash_after.to_string(),
        ]);
        assert_eq!(first.status.code(), Some(137), "{first:?}");
        let stderr = String::from_utf8(first.stderr).unwrap();
        assert!(
            stderr.contains(&format!("crashed on purpose after step {crash_after}")),
            "{stderr}"
        );
        assert!(path.exists());

        let second = binary(&["durable", "--checkpoint", file]);
        assert!(second.status.success(), "{second:?}");
        assert!(second.stderr.is_empty());
        assert!(!path.exists(), "the finished job removes its checkpoint");

        let combined =
            String::from_utf8(first.stdout).unwrap() + &String::from_utf8(second.stdout).unwrap();
        assert_eq!(combined, expected, "crashed after step {crash_after}");
    }
}

#[test]
fn crashing_twice() {
    let path = checkpoint("twice");
    let file = path.to_str().unwrap();
    let runs = [
        binary(&["durable", "--checkpoint", file, "--crash-after", "5"]),
        binary(&["durable", "--checkpoint", file, "--crash-after", "15"]),
        binary(&["durable", "--checkpoint", file]),
    ];
    let codes: Vec<Option<i32>> = runs.iter().map(|run| run.status.code()).collect();
    assert_eq!(codes, [Some(137), Some(137), Some(0)]);
    let combined: String = runs
        .iter()
        .map(|run| String::from_utf8(run.stdout.clone()).unwrap())
        .collect();
    assert_eq!(combined, uninterrupted());
}

#[test]
fn a_corrupt_checkpoint_is_an_error_not_a_panic() {
    for contents in [
        "",
        "{",
        r#"{"steps":3}"#,
        r#"{"steps":3,"producer":{"S9":{}},"a":1,"b":2}"#,
    ] {
        let path = checkpoint("corrupt");
        fs::write(&path, contents).unwrap();
        let mut out = Vec::new();
        let result = run(
            ["durable", "--checkpoint", path.to_str().unwrap()],
            &mut out,
        );
        assert!(
            matches!(result, Err(Error::Failed(_))),
            "{contents}: {result:?}"
        );
        assert!(out.is_empty());
        let message = result.unwrap_err().to_string();
        assert!(message.starts_with("checkpoint "), "{message}");
        fs::remove_file(&path).unwrap();
    }
}

#[test]
fn crash_after_needs_a_checkpoint_and_a_step() {
    for args in [
        &["durable", "--crash-after", "3"][..],
        &["durable", "--checkpoint", "x.json", "--crash-after", "0"],
        &["durable", "--checkpoint", "x.json", "--crash-after", "soon"],
        &["pipeline", "--checkpoint", "x.json"],
    ] {
        let result = run(args, &mut Vec::new());
        assert!(
            matches!(result, Err(Error::Usage(_))),
            "{args:?}: {result:?}"
        );
    }
}

/// The generators themselves: saved after a few resumes, restored into fresh
/// ones, they continue identically.
#[test]
fn the_generators_round_trip_through_json() {
    let mut p = producer();
    let mut c = consumer("A".into());
    assert_eq!(p.next(), Some(Order::Start));
    assert_eq!(c.send(None).as_deref(), Some("A 準備吃包子啦!"));
    assert_eq!(p.next(), Some(Order::Print("老子开始準備做包子啦!")));
    assert_eq!(p.next(), Some(Order::Print("做了1個包子分兩半!")));
    assert_eq!(p.next(), Some(Order::Send(0)));
    assert_eq!(c.send(Some(0)).as_deref(), Some("包子[0]来了,被[A]吃了!"));

    let (saved_p, saved_c) = (
        serde_json::to_string(&p).unwrap(),
        serde_json::to_string(&c).unwrap(),
    );
    let mut p2 = producer();
    p2.restore(&mut serde_json::Deserializer::from_str(&saved_p))
        .unwrap();
    let mut c2 = consumer(String::new());
    c2.restore(&mut serde_json::Deserializer::from_str(&saved_c))
        .unwrap();

    assert_eq!(p2.next(), p.next());
    assert_eq!(c2.send(Some(1)), c.send(Some(1)));
    assert_eq!(c2.send(Some(1)).as_deref(), Some("包子[1]来了,被[A]吃了!"));
    assert_eq!(p2.count(), p.count());
}
