//! `generator_block!`: anonymous generators that capture like closures.

use baozi_core::GeneratorState::*;
use baozi_core::prelude::*;

#[test]
fn a_move_block_owns_what_it_uses() {
    let names = vec![String::from("A"), String::from("B")];
    let greeting = String::from("準備吃包子啦!");
    let g = generator_block!(move {
        for name in names {
            yield_!(format!("{name} {greeting}"));
        }
    });
    // `names` and `greeting` were moved into the generator.
    let all: Vec<String> = g.collect();
    assert_eq!(all, ["A 準備吃包子啦!", "B 準備吃包子啦!"]);
}

#[test]
fn a_block_without_move_borrows() {
    let data = [3, 1, 2];
    let mut log = Vec::new();
    {
        let g = generator_block!({
            for x in data.iter() {
                log.push(*x);
                yield_!(*x * 10);
            }
        });
        assert_eq!(g.collect::<Vec<i32>>(), [30, 10, 20]);
    }
    assert_eq!(log, [3, 1, 2]);
    assert_eq!(data, [3, 1, 2]);
}

#[test]
fn types_are_inferred_or_named() {
    let mut g = generator_block!(move {
        let a: u8 = yield_!('x');
        let b: u8 = yield_!('y');
        a + b
    });
    assert_eq!(g.resume(0), Yielded('x'));
    assert_eq!(g.resume(2), Yielded('y'));
    assert_eq!(g.resume(3), Complete(5));

    let mut named = generator_block!(yield = u64, resume = u64; {
        let mut sum = 0;
        loop {
            let x = yield_!(sum);
            if x == 0 {
                return sum;
            }
            sum += x;
        }
    });
    named.resume(0);
    named.resume(4);
    assert_eq!(named.resume(5), Yielded(9));
    assert_eq!(named.resume(0), Complete(9));
}

#[test]
fn blocks_delegate_and_are_delegated_to() {
    let inner = generator_block!(move {
        yield_!(1);
        yield_!(2);
        "inner done"
    });
    let mut outer = generator_block!(move {
        let said = yield_from!(inner);
        yield_!(said.len() as i32);
    });
    assert_eq!((&mut outer).collect::<Vec<i32>>(), [1, 2, 10]);
}

struct Baker {
    name: &'static str,
    batches: u32,
}

impl Baker {
    fn bake(&self) -> impl Iterator<Item = String> + '_ {
        generator_block!({
            for i in 0..self.batches {
                yield_!(format!("{} 做了包子 {i}", self.name));
            }
        })
    }

    fn into_batches(self) -> impl Iterator<Item = u32> {
        generator_block!(move {
            let mut done = 0;
            while done < self.batches {
                done += 1;
                yield_!(done);
            }
        })
    }
}

#[test]
fn self_is_captured_like_any_variable() {
    let b = Baker {
        name: "Tony",
        batches: 2,
    };
    assert_eq!(
        b.bake().collect::<Vec<_>>(),
        ["Tony 做了包子 0", "Tony 做了包子 1"]
    );
    assert_eq!(b.into_batches().collect::<Vec<_>>(), [1, 2]);
}

#[test]
fn functions_called_in_a_block_are_not_captured() {
    fn double(x: i32) -> i32 {
        x * 2
    }
    let n = 3;
    let g = generator_block!(move {
        for i in 0..n {
            yield_!(double(i));
        }
    });
    assert_eq!(g.collect::<Vec<_>>(), [0, 2, 4]);
}

/// A block that never reads a resume value is resumed with `()`, as
/// rustc's `|| { .. yield .. }` coroutines are: no annotations needed when
/// it is only dropped, returned as `impl Generator`, or checked for `Send`.
mod resumed_with_unit {
    use baozi_core::prelude::*;

    fn assert_send<T: Send>(_: T) {}

    fn returned() -> impl Generator<Yield = u8, Return = ()> {
        generator_block!({
            yield_!(1u8);
            yield_!(2u8);
        })
    }

    #[test]
    fn only_dropped() {
        let _ = generator_block!({
            yield_!();
        });
        let g = generator_block!(move {
            let _ = yield_!(5u32);
        });
        drop(g);
    }

    #[test]
    fn returned_as_impl_generator() {
        let mut g = returned();
        assert_eq!(g.resume(()), GeneratorState::Yielded(1));
        assert_eq!(g.send(()), Some(2));
    }

    #[test]
    fn checked_for_send() {
        assert_send(generator_block!({
            yield_!();
        }));
        // A `yield_!` that ends the block gives the block's return value.
        assert_send(generator_block!({ yield_!() }));
    }

    #[test]
    fn a_block_that_uses_the_resume_value_still_infers_it() {
        let mut g = generator_block!({
            let x: u64 = yield_!(0u64);
            yield_!(x * 2);
        });
        g.resume(10);
        assert_eq!(g.resume(21), GeneratorState::Yielded(42));
    }
}

/// A block without `move` captures by value what it moves, as a closure
/// does (rustc's `drop-env.rs`): the captured value drops with the block.
#[test]
fn a_block_without_move_captures_what_it_moves_by_value() {
    use std::cell::Cell;
    struct Noisy<'a>(&'a Cell<u32>);
    impl Drop for Noisy<'_> {
        fn drop(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }
    let drops = Cell::new(0);
    let b = Noisy(&drops);
    let label = String::from("kept");
    let mut g = generator_block!({
        yield_!(label.len());
        drop(b);
    });
    assert_eq!(g.next(), Some(4));
    assert_eq!(drops.get(), 0);
    drop(g);
    assert_eq!(
        drops.get(),
        1,
        "dropped with the block, never run to `drop(b)`"
    );
    assert_eq!(label, "kept", "only borrowed");
}

/// A variable the block both moves and assigns stays borrowed: were it
/// `Copy`, a closure would capture it by mutable reference.
#[test]
fn a_block_without_move_that_assigns_a_copy_variable_changes_it() {
    let mut count = 0u32;
    let mut g = generator_block!({
        count += 1;
        yield_!(count);
    });
    assert_eq!(g.next(), Some(1));
    drop(g);
    assert_eq!(count, 1);
}
