use baozi_core::prelude::*;
use std::rc::Rc;

#[generator(yield = usize)]
fn counts() {
    let owned = vec![1, 2, 3];
    for x in owned {
        yield_!(x);
    }
    // An `Rc` that never lives across a yield does not make the generator !Send.
    let rc = Rc::new(1);
    drop(rc);
}

fn assert_send<T: Send + Sync>(_: &T) {}

fn main() {
    let g = counts();
    assert_send(&g);
    assert_eq!(std::thread::spawn(move || g.sum::<usize>()).join().unwrap(), 6);
}
