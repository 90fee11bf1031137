//! `scheduler`: named tasks interleave on the virtual clock, thousands of
//! tasks take turns, and a summary reports the task switches per second.

use std::time::Duration;

use baozi_core::prelude::*;
use examples::run;
use examples::scheduler::{Clock, Scheduler, SysCall, SysResult, Task};

/// Everything but the last line, which has the timing.
const INTERLEAVING: &str = concat!(
    "[   0 ms] A 準備吃包子啦!\n",
    "[   0 ms] B 準備吃包子啦!\n",
    "[   0 ms] main: spawned A (task 1) and B (task 2), waiting for A\n",
    "[ 200 ms] 包子[0]来了,被[A]吃了!\n",
    "[ 300 ms] 包子[0]来了,被[B]吃了!\n",
    "[ 400 ms] 包子[1]来了,被[A]吃了!\n",
    "[ 600 ms] 包子[2]来了,被[A]吃了!\n",
    "[ 600 ms] 包子[1]来了,被[B]吃了!\n",
    "[ 800 ms] 包子[3]来了,被[A]吃了!\n",
    "[ 900 ms] 包子[2]来了,被[B]吃了!\n",
    "[1000 ms] 包子[4]来了,被[A]吃了!\n",
    "[1000 ms] main: A is done, waiting for B\n",
    "[1000 ms] main: B is done\n",
);

/// Runs `scheduler` with these arguments; checks the output and returns the
/// number of switches from its summary line.
fn switches(args: &[&str], tasks: usize) -> u64 {
    let mut out = Vec::new();
    run(args, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let expected = format!(
        "{INTERLEAVING}\
         [1000 ms] main: spawned {tasks} tasks of 100 rounds each, waiting for them\n\
         [1000 ms] main: all {tasks} tasks are done\n"
    );
    let summary = out
        .strip_prefix(&expected)
        .unwrap_or_else(|| panic!("unexpected output:\n{out}"));

    // "1030015 task switches in 0.060 s: 17170884 switches per second\n"
    let words: Vec<&str> = summary.split_whitespace().collect();
    assert!(
        summary.ends_with('\n') && summary.lines().count() == 1,
        "{summary:?}"
    );
    assert!(
        matches!(
            words[..],
            [
                _,
                "task",
                "switches",
                "in",
                _,
                "s:",
                _,
                "switches",
                "per",
                "second"
            ]
        ),
        "{summary:?}"
    );
    let seconds: f64 = words[4].parse().unwrap();
    let rate: f64 = words[6].parse().unwrap();
    assert!(seconds >= 0.0 && rate > 0.0, "{summary:?}");
    words[0].parse().unwrap()
}

/// The task switches (resumes) for `tasks` spinners: main's first resume,
/// then one per system call (2 spawns, 2 waits, `tasks` spawns, `tasks`
/// waits); A's 6 and B's 4 (a first resume, one per sleep); each
/// spinner's 100 yields and its last resume.
fn expected(tasks: u64) -> u64 {
    (1 + 2 + 2 + 2 * tasks) + 6 + 4 + tasks * 101
}

#[test]
fn a_few_tasks() {
    assert_eq!(switches(&["scheduler", "--tasks", "10"], 10), expected(10));
}

#[test]
fn thousands_of_tasks() {
    assert_eq!(switches(&["scheduler"], 10_000), expected(10_000));
}

#[test]
fn zero_tasks() {
    assert_eq!(switches(&["scheduler", "--tasks=0"], 0), expected(0));
}

/// A task that logs what it is resumed with.
#[generator(yield = SysCall<'a>, resume = SysResult)]
fn parent<'a>(log: &'a std::cell::RefCell<Vec<String>>, clock: &'a Clock) {
    let child = sleeper("child", 50, log, clock).boxed();
    let spawned = yield_!(SysCall::Spawn(child));
    log.borrow_mut().push(format!("parent got {spawned:?}"));
    let SysResult::Spawned(id) = spawned else {
        unreachable!()
    };
    let ok = yield_!(SysCall::WaitTask(id));
    log.borrow_mut()
        .push(format!("parent waited: {ok:?} at {:?}", clock.now()));
    yield_!(SysCall::WaitTask(id)); // already finished: at once
    yield_!(SysCall::WaitTask(999)); // never existed: at once
    log.borrow_mut().push("parent done".into());
}

#[generator(yield = SysCall<'a>, resume = SysResult)]
fn sleeper<'a>(
    name: &'a str,
    millis: u64,
    log: &'a std::cell::RefCell<Vec<String>>,
    clock: &'a Clock,
) {
    yield_!(SysCall::Sleep(Duration::from_millis(millis)));
    log.borrow_mut()
        .push(format!("{name} woke at {:?}", clock.now()));
}

#[test]
fn system_calls_and_their_results() {
    let log = std::cell::RefCell::new(Vec::new());
    let clock = Clock::default();
    let mut scheduler = Scheduler::new(&clock);
    let first: Task<'_> = parent(&log, &clock).boxed();
    assert_eq!(scheduler.spawn(first), 0);
    assert_eq!(
        scheduler.spawn(sleeper("other", 20, &log, &clock).boxed()),
        1
    );
    scheduler.run();
    drop(scheduler);
    assert_eq!(
        log.into_inner(),
        [
            "parent got Spawned(2)",
            "other woke at 20ms",
            "child woke at 50ms",
            "parent waited: Ok at 50ms",
            "parent done",
        ]
    );
    assert_eq!(clock.now(), Duration::from_millis(50));
}
