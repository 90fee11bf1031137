//! A generator is `Send` when the locals it keeps across yields are, so it can
//! be moved to another thread between resumes.

use std::marker::PhantomData;
use std::rc::Rc;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;

use GeneratorState::{Complete, Yielded};
use baozi_core::prelude::*;

fn assert_send<T: Send>(t: T) -> T {
    t
}

/// `is_send!(expr)`: whether the type of `expr` is `Send`, decided at compile
/// time by autoref specialization (works for unnameable types).
struct Probe<T>(PhantomData<T>);
trait SendYes {
    fn is_send(&self) -> bool {
        true
    }
}
impl<T: Send> SendYes for Probe<T> {}
trait SendNo {
    fn is_send(&self) -> bool {
        false
    }
}
impl<T> SendNo for &Probe<T> {}
fn probe<T>(_: &T) -> Probe<T> {
    Probe(PhantomData)
}
macro_rules! is_send {
    ($e:expr) => {
        (&probe(&$e)).is_send()
    };
}

#[test]
fn the_probe_itself_works() {
    assert!(is_send!(5u8));
    assert!(!is_send!(Rc::new(5u8)));
}

#[generator(yield = u64)]
fn squares(n: u64) -> u64 {
    let mut sum = 0;
    let mut history = Vec::new();
    for i in 0..n {
        sum += i * i;
        history.push(i);
        yield_!(i * i);
    }
    sum + history.len() as u64
}

#[test]
fn run_entirely_on_another_thread() {
    let g = assert_send(squares(4));
    let handle = thread::spawn(move || g.collect::<Vec<_>>());
    assert_eq!(handle.join().unwrap(), [0, 1, 4, 9]);
}

#[test]
fn start_on_one_thread_finish_on_another() {
    let mut g = squares(4);
    assert_eq!(g.resume(()), Yielded(0));
    assert_eq!(g.resume(()), Yielded(1));
    let handle = thread::spawn(move || {
        let mut rest = Vec::new();
        loop {
            match g.resume(()) {
                Yielded(y) => rest.push(y),
                Complete(r) => return (rest, r),
            }
        }
    });
    assert_eq!(handle.join().unwrap(), (vec![4, 9], 14 + 4));
}

#[test]
fn ping_pong_a_generator_between_threads() {
    let mut g = squares(6);
    let mut seen = Vec::new();
    for _ in 0..3 {
        let (g2, y) = thread::spawn(move || {
            let y = g.next();
            (g, y)
        })
        .join()
        .unwrap();
        g = g2;
        seen.push(y.unwrap());
        seen.push(g.next().unwrap());
    }
    assert_eq!(seen, [0, 1, 4, 9, 16, 25]);
    assert_eq!(g.next(), None);
}

#[test]
fn many_generators_on_many_threads() {
    let handles: Vec<_> = (1..=4)
        .map(|n| {
            let g = squares(n);
            thread::spawn(move || g.sum::<u64>())
        })
        .collect();
    let sums: Vec<u64> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(sums, [0, 1, 5, 14]);
}

#[generator(yield = usize, resume = String)]
fn shared_log(log: Arc<Mutex<Vec<String>>>) -> usize {
    loop {
        let n = log.lock().unwrap().len();
        let line = yield_!(n);
        if line.is_empty() {
            return log.lock().unwrap().len();
        }
        log.lock().unwrap().push(line);
    }
}

#[test]
fn arc_mutex_state_resumed_from_several_threads() {
    let log = Arc::new(Mutex::new(Vec::new()));
    let g = Arc::new(Mutex::new(shared_log(log.clone())));
    assert_eq!(g.lock().unwrap().resume(String::new()), Yielded(0));
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let g = g.clone();
            thread::spawn(move || match g.lock().unwrap().resume(format!("t{i}")) {
                Yielded(n) => n,
                Complete(_) => unreachable!(),
            })
        })
        .collect();
    let mut counts: Vec<usize> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    counts.sort();
    assert_eq!(counts, [1, 2, 3, 4]);
    assert_eq!(g.lock().unwrap().resume(String::new()), Complete(4));
    let mut lines = log.lock().unwrap().clone();
    lines.sort();
    assert_eq!(lines, ["t0", "t1", "t2", "t3"]);
}

#[generator(yield = &'a str)]
fn long_words<'a>(words: &'a [String], min: usize) {
    for w in words {
        if w.len() >= min {
            yield_!(w.as_str());
        }
    }
}

#[test]
fn borrowing_generator_in_a_scoped_thread() {
    let words: Vec<String> = ["a", "abc", "abcd", "ab"].map(String::from).to_vec();
    let got = thread::scope(|s| {
        let g = long_words(&words, 3);
        s.spawn(move || g.collect::<Vec<_>>()).join().unwrap()
    });
    assert_eq!(got, ["abc", "abcd"]);
}

#[generator(yield = u32, resume = u32)]
fn channel_relay(tx: mpsc::Sender<u32>) -> usize {
    let mut sent = 0;
    let mut x = yield_!(0);
    while x != 0 {
        tx.send(x * 10).unwrap();
        sent += 1;
        x = yield_!(x);
    }
    sent
}

#[test]
fn generator_owning_a_channel_sender_on_a_worker_thread() {
    let (tx, rx) = mpsc::channel();
    let mut g = channel_relay(tx);
    let worker = thread::spawn(move || {
        g.resume(0);
        for x in [1, 2, 3, 0] {
            g.resume(x);
        }
        g
    });
    let g = worker.join().unwrap();
    drop(g);
    assert_eq!(rx.iter().collect::<Vec<_>>(), [10, 20, 30]);
}

#[generator(yield = i32)]
fn rc_only_between_yields() -> i32 {
    let mut total = 0;
    for i in 0..3 {
        {
            let rc = Rc::new(i);
            total += *rc;
        }
        yield_!(total);
    }
    total
}

#[generator(yield = i32)]
fn rc_across_a_yield() {
    let rc = Rc::new(1);
    yield_!(*rc);
    yield_!(*rc + 1);
}

#[generator(yield = Rc<i32>)]
fn yields_rc() {
    yield_!(Rc::new(1));
}

#[test]
fn send_is_decided_by_what_lives_across_yields() {
    let g = rc_only_between_yields();
    assert!(
        is_send!(g),
        "an Rc that is dead at every yield does not make it !Send"
    );
    assert_eq!(
        thread::spawn(move || g.collect::<Vec<_>>()).join().unwrap(),
        [0, 1, 3]
    );

    let g = rc_across_a_yield();
    assert!(
        !is_send!(g),
        "an Rc alive across a yield makes the generator !Send"
    );
    assert_eq!(g.collect::<Vec<_>>(), [1, 2]);

    assert!(is_send!(squares(3)));
    assert!(
        is_send!(yields_rc()),
        "the yield type alone does not matter before it is produced"
    );
}

#[generator(yield = String)]
fn boxed_send_state(parts: Vec<Box<dyn Fn(usize) -> String + Send>>) {
    for (i, p) in parts.into_iter().enumerate() {
        let s = p(i);
        yield_!(s);
    }
}

#[test]
fn boxed_send_trait_objects_in_the_state() {
    let parts: Vec<Box<dyn Fn(usize) -> String + Send>> =
        vec![Box::new(|i| format!("a{i}")), Box::new(|i| format!("b{i}"))];
    let g = boxed_send_state(parts);
    let out = thread::spawn(move || g.collect::<Vec<_>>()).join().unwrap();
    assert_eq!(out, ["a0", "b1"]);
}

#[test]
fn boxed_dyn_generator_plus_send() {
    let g: Box<dyn Generator<Yield = u64, Return = u64> + Send> = Box::new(squares(3));
    let (ys, r) = thread::spawn(move || {
        let mut g = g;
        let mut ys = Vec::new();
        loop {
            match g.resume(()) {
                Yielded(y) => ys.push(y),
                Complete(r) => break (ys, r),
            }
        }
    })
    .join()
    .unwrap();
    assert_eq!((ys, r), (vec![0, 1, 4], 5 + 3));
}
