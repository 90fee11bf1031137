//! Nothing leaks: every allocation a generator's locals make is freed, on
//! completion, on drop while suspended at each suspension point, and on panic,
//! over many generators. Counted with a global allocator and `Rc` counts.

use baozi_core::prelude::*;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::rc::Rc;

/// Counts live allocations, per thread: the test harness's other threads
/// allocate meanwhile (the test's own code all runs on its thread).
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.with(|live| live.set(live.get() + 1));
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.with(|live| live.set(live.get() - 1));
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[generator(yield = usize, resume = bool)]
fn busy(shared: Rc<()>) -> usize {
    let names: Vec<String> = (0..3).map(|i| format!("baozi {i}")).collect();
    let mut total = 0;
    for name in names {
        let copy = Rc::clone(&shared);
        let boxed = Box::new(name.len());
        if yield_!(*boxed) {
            panic!("asked to fail while holding {name}");
        }
        total += *boxed + Rc::strong_count(&copy);
    }
    let tail = vec![1u8; 100];
    yield_!(tail.len());
    total
}

/// Runs a `busy` generator for `steps` resumes, then drops it (or lets it
/// fail at that point when `fail`).
fn run(steps: usize, fail: bool) {
    let shared = Rc::new(());
    let mut g = busy(Rc::clone(&shared));
    let result = catch_unwind(AssertUnwindSafe(|| {
        for i in 0..steps {
            let last = i + 1 == steps;
            if let GeneratorState::Complete(_) = g.resume(fail && last) {
                break;
            }
        }
    }));
    assert_eq!(result.is_err(), fail && (2..=4).contains(&steps));
    drop(g);
    assert_eq!(Rc::strong_count(&shared), 1, "steps {steps}, fail {fail}");
}

#[test]
fn nothing_leaks_at_any_suspension_point_on_completion_or_panic() {
    // Warm up the test harness's own allocations.
    run(1, false);
    let before = LIVE.with(Cell::get);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for _ in 0..200 {
        for steps in 0..=6 {
            run(steps, false);
            run(steps, true);
        }
    }
    std::panic::set_hook(hook);
    assert_eq!(LIVE.with(Cell::get), before);
}
