// Each generator keeps a borrow of its own local (or of a temporary it
// keeps) across a `yield_!`; rustc's movable coroutines refuse all of them
// (E0626). baozi explains each at the user's tokens.
use baozi_core::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Mutex;

#[generator(yield = char)]
fn chars_of_a_computed_string(n: u32) {
    let s = n.to_string().repeat(2);
    let it = s.chars();
    for c in it {
        yield_!(c)
    }
}

#[generator(yield = i32)]
fn reference_to_a_local() {
    let local = Cell::new(1);
    let r: &Cell<i32> = &local;
    yield_!(0);
    r.set(2);
}

#[generator(yield = i32)]
fn iterating_a_lock_guard(m: Mutex<Vec<i32>>) {
    let guard = m.lock().unwrap();
    for e in guard.iter().copied() {
        yield_!(e);
    }
}

#[generator(yield = i32)]
fn reference_to_a_temporary() {
    let x = &mut 0;
    yield_!(1);
    *x += 1;
}

#[generator(resume = usize)]
fn guard_operand_before_a_yield(d: Rc<RefCell<Vec<i32>>>) {
    d.borrow_mut()[yield_!()] = 27;
}

#[generator(yield = i32)]
fn closure_in_a_kept_iterator(v: Vec<i32>) {
    let limit = 3;
    for x in v.into_iter().filter(|x| *x > limit) {
        yield_!(x);
    }
}

fn main() {
    let _ = Cell::new(0);
    let _ = chars_of_a_computed_string(1);
    let _ = reference_to_a_local();
    let _ = iterating_a_lock_guard(Mutex::new(vec![1]));
    let _ = reference_to_a_temporary();
    let _ = guard_operand_before_a_yield(Rc::new(RefCell::new(vec![0])));
    let _ = closure_in_a_kept_iterator(vec![1]);
}
