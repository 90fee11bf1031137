//! A round-robin scheduler of generator tasks, in one thread.
//!
//! The tutorial ends on this thought: switching between generators is
//! concurrency in a single thread. Here that is made literal, as in the
//! second half of David Beazley's coroutine course: a task is a generator,
//! and `yield_!` is its system call. The task yields a [`SysCall`] (spawn a
//! task, sleep, wait for a task, or just let the others run), the
//! [`Scheduler`] carries it out, and resumes the task later with the result
//! ([`SysResult`]), which is the value of its `yield_!`:
//!
//! ```text
//! let SysResult::Spawned(id) = yield_!(SysCall::Spawn(task)) else { unreachable!() };
//! yield_!(SysCall::Sleep(Duration::from_millis(200)));
//! yield_!(SysCall::WaitTask(id));
//! ```
//!
//! Sleeping uses a virtual [`Clock`]: when no task can run, the scheduler
//! jumps the clock to the next wake-up, so the demo takes no real time and
//! its output is deterministic.

use std::cell::Cell;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};
use std::fmt;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use baozi_core::prelude::*;
use baozi_core::{BoxGenerator, GeneratorState};

use crate::Printer;

/// A task: a boxed generator that yields system calls and is resumed with
/// their results.
pub type Task<'a> = BoxGenerator<'a, SysCall<'a>, SysResult>;

/// Identifies a task; the first task spawned is 0.
pub type TaskId = usize;

/// What a task asks the scheduler for, by yielding it.
pub enum SysCall<'a> {
    /// Start a new task; the result is [`SysResult::Spawned`] with its id.
    Spawn(Task<'a>),
    /// Sleep this long (on the virtual clock).
    Sleep(Duration),
    /// Wait until that task has finished (at once if it already has).
    WaitTask(TaskId),
    /// Let the other ready tasks run first.
    Yield,
}

/// What a task is resumed with: the result of its last system call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SysResult {
    /// Done. (Also the first resume, which the task never sees.)
    #[default]
    Ok,
    /// The id of the task just spawned.
    Spawned(TaskId),
}

/// The virtual time, shared by the scheduler (which advances it) and the
/// tasks (which read it). Shows as `[ 200 ms]`.
#[derive(Default)]
pub struct Clock(Cell<Duration>);

impl Clock {
    /// The time since the scheduler started.
    pub fn now(&self) -> Duration {
        self.0.get()
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{:>4} ms]", self.now().as_millis())
    }
}

/// Runs tasks in turn until none is left.
pub struct Scheduler<'a> {
    /// Every task ever spawned, by id; `None` once finished.
    tasks: Vec<Option<Task<'a>>>,
    /// The tasks that can run, each with the value to resume it with.
    ready: VecDeque<(TaskId, SysResult)>,
    /// The sleeping tasks, soonest wake-up first.
    sleeping: BinaryHeap<Reverse<(Duration, TaskId)>>,
    /// For each task, the tasks waiting for it to finish.
    waiting: HashMap<TaskId, Vec<TaskId>>,
    clock: &'a Clock,
    /// How many times a task was resumed.
    pub switches: u64,
}

impl<'a> Scheduler<'a> {
    /// A scheduler without tasks, advancing `clock`.
    pub fn new(clock: &'a Clock) -> Self {
        Scheduler {
            tasks: Vec::new(),
            ready: VecDeque::new(),
            sleeping: BinaryHeap::new(),
            waiting: HashMap::new(),
            clock,
            switches: 0,
        }
    }

    /// Adds a task at the end of the ready queue; returns its id.
    pub fn spawn(&mut self, task: Task<'a>) -> TaskId {
        let id = self.tasks.len();
        self.tasks.push(Some(task));
        self.ready.push_back((id, SysResult::Ok));
        id
    }

    /// Runs until no task can run: all have finished (or the rest wait for
    /// each other forever).
    pub fn run(&mut self) {
        loop {
            let Some((id, result)) = self.ready.pop_front() else {
                // No task can run: wake the next sleepers, or stop.
                let Some(&Reverse((wake_up, _))) = self.sleeping.peek() else {
                    return;
                };
                self.clock.0.set(wake_up);
                while let Some(&Reverse((at, id))) = self.sleeping.peek()
                    && at == wake_up
                {
                    self.sleeping.pop();
                    self.ready.push_back((id, SysResult::Ok));
                }
                continue;
            };
            self.switches += 1;
            let task = self.tasks[id].as_mut().expect("ready tasks exist");
            match task.resume(result) {
                GeneratorState::Yielded(call) => self.handle(id, call),
                GeneratorState::Complete(()) => {
                    self.tasks[id] = None;
                    for waiter in self.waiting.remove(&id).unwrap_or_default() {
                        self.ready.push_back((waiter, SysResult::Ok));
                    }
                }
            }
        }
    }

    /// Whether task `id` was spawned and has not finished.
    fn is_running(&self, id: TaskId) -> bool {
        matches!(self.tasks.get(id), Some(Some(_)))
    }

    /// Carries out the system call of task `id`.
    fn handle(&mut self, id: TaskId, call: SysCall<'a>) {
        match call {
            SysCall::Spawn(task) => {
                let child = self.spawn(task);
                self.ready.push_back((id, SysResult::Spawned(child)));
            }
            SysCall::Sleep(duration) => {
                let wake_up = self.clock.now() + duration;
                self.sleeping.push(Reverse((wake_up, id)));
            }
            SysCall::WaitTask(other) if self.is_running(other) => {
                self.waiting.entry(other).or_default().push(id);
            }
            SysCall::WaitTask(_) | SysCall::Yield => self.ready.push_back((id, SysResult::Ok)),
        }
    }
}

/// The tutorial's consumer as a task: eats `count` baozi, one every `every`.
#[generator(yield = SysCall<'a>, resume = SysResult)]
pub fn eater<'a, 'w: 'a>(
    name: &'a str,
    every: Duration,
    count: u32,
    clock: &'a Clock,
    out: &'a Printer<'w>,
) {
    out.print(format_args!("{clock} {name} 準備吃包子啦!"));
    for i in 0..count {
        yield_!(SysCall::Sleep(every));
        out.print(format_args!("{clock} 包子[{i}]来了,被[{name}]吃了!"));
    }
}

/// A task that only lets the others run, `rounds` times.
#[generator(yield = SysCall<'a>, resume = SysResult)]
pub fn spinner<'a>(rounds: u32) {
    for _ in 0..rounds {
        yield_!(SysCall::Yield);
    }
}

/// The first task: spawns A and B and waits for them, then spawns `tasks`
/// spinners of `rounds` rounds each and waits for all of them.
#[generator(yield = SysCall<'a>, resume = SysResult)]
pub fn main_task<'a, 'w: 'a>(tasks: usize, rounds: u32, clock: &'a Clock, out: &'a Printer<'w>) {
    let a = eater("A", Duration::from_millis(200), 5, clock, out).boxed();
    let SysResult::Spawned(a) = yield_!(SysCall::Spawn(a)) else {
        unreachable!()
    };
    let b = eater("B", Duration::from_millis(300), 3, clock, out).boxed();
    let SysResult::Spawned(b) = yield_!(SysCall::Spawn(b)) else {
        unreachable!()
    };
    out.print(format_args!(
        "{clock} main: spawned A (task {a}) and B (task {b}), waiting for A"
    ));
    yield_!(SysCall::WaitTask(a));
    out.print(format_args!("{clock} main: A is done, waiting for B"));
    yield_!(SysCall::WaitTask(b));
    out.print(format_args!("{clock} main: B is done"));

    let mut spinners = Vec::with_capacity(tasks);
    for _ in 0..tasks {
        let SysResult::Spawned(id) = yield_!(SysCall::Spawn(spinner(rounds).boxed())) else {
            unreachable!()
        };
        spinners.push(id);
    }
    out.print(format_args!(
        "{clock} main: spawned {tasks} tasks of {rounds} rounds each, waiting for them"
    ));
    for id in spinners {
        yield_!(SysCall::WaitTask(id));
    }
    out.print(format_args!("{clock} main: all {tasks} tasks are done"));
}

/// The rounds of each spinner in the demo.
pub const ROUNDS: u32 = 100;

/// The demo: A and B interleaved on the virtual clock, then `tasks` spinners
/// of [`ROUNDS`] rounds, then a summary of the task switches per second
/// (the only line that varies from run to run).
pub fn program(out: &mut dyn Write, tasks: usize) -> io::Result<()> {
    let out = Printer::new(out);
    let clock = Clock::default();
    let mut scheduler = Scheduler::new(&clock);
    scheduler.spawn(main_task(tasks, ROUNDS, &clock, &out).boxed());
    let start = Instant::now();
    scheduler.run();
    let seconds = start.elapsed().as_secs_f64();
    let switches = scheduler.switches;
    out.print(format_args!(
        "{switches} task switches in {seconds:.3} s: {:.0} switches per second",
        switches as f64 / seconds.max(1e-9)
    ));
    out.finish()
}
