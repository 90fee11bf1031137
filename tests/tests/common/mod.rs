//! Helpers shared by the integration tests: an event trace, a value that logs
//! its creation and drop, and drivers for generators.
#![allow(dead_code)]

use std::any::Any;
use std::cell::RefCell;
use std::rc::Rc;

use baozi_core::{Generator, GeneratorState};

/// An event log shared between a test and the generator it drives.
pub type Trace = Rc<RefCell<Vec<String>>>;

pub fn trace() -> Trace {
    Rc::new(RefCell::new(Vec::new()))
}

pub fn log(t: &Trace, event: impl Into<String>) {
    t.borrow_mut().push(event.into());
}

/// Takes the events logged so far, leaving the trace empty.
pub fn take(t: &Trace) -> Vec<String> {
    std::mem::take(&mut *t.borrow_mut())
}

/// Resumes `g` `n` times, then drops it: what `t` logged before the drop,
/// and by it.
pub fn dropped_after<G: Generator<()>>(
    t: &Trace,
    mut g: G,
    n: usize,
) -> (Vec<String>, Vec<String>) {
    for _ in 0..n {
        g.resume(());
    }
    let before = take(t);
    drop(g);
    (before, take(t))
}

/// Logs `name` and returns `value`: marks when an operand is evaluated.
pub fn f<T>(t: &Trace, name: &str, value: T) -> T {
    log(t, name);
    value
}

/// Logs `+name` when created and `-name` when dropped.
#[derive(Debug)]
pub struct Noisy {
    pub name: String,
    trace: Trace,
}

impl Noisy {
    pub fn new(t: &Trace, name: impl Into<String>) -> Noisy {
        let name = name.into();
        log(t, format!("+{name}"));
        Noisy {
            name,
            trace: t.clone(),
        }
    }
}

impl PartialEq for Noisy {
    fn eq(&self, other: &Noisy) -> bool {
        self.name == other.name
    }
}

impl Drop for Noisy {
    fn drop(&mut self) {
        log(&self.trace, format!("-{}", self.name));
    }
}

/// Resumes `g` with `()` until it completes: every yielded value, then the
/// return value.
pub fn run<G: Generator<Yield = Y, Return = T>, Y, T>(mut g: G) -> (Vec<Y>, T) {
    let mut yielded = Vec::new();
    loop {
        match g.resume(()) {
            GeneratorState::Yielded(y) => yielded.push(y),
            GeneratorState::Complete(t) => return (yielded, t),
        }
    }
}

/// Resumes `g` once with each of `args`, recording what each resume returned.
pub fn drive<R, G: Generator<R>>(
    g: &mut G,
    args: impl IntoIterator<Item = R>,
) -> Vec<GeneratorState<G::Yield, G::Return>> {
    args.into_iter().map(|arg| g.resume(arg)).collect()
}

/// The message of a panic payload (`&str` or `String`), or a placeholder.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "<non-string panic payload>".to_string()
    }
}

/// Runs `f`, expecting it to panic, and returns the panic message.
pub fn expect_panic<T>(f: impl FnOnce() -> T) -> String {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(_) => panic!("expected a panic, but the call returned normally"),
        Err(payload) => panic_message(&*payload),
    }
}

pub fn strings(events: &[&str]) -> Vec<String> {
    events.iter().map(|s| s.to_string()).collect()
}
