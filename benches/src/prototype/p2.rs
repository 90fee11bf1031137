//! P2: one `match` on the state instead of the dispatch loop over
//! `(__BaoziBlock, &state)`: the resume arms are arms of a match on the
//! state's variant (the hot one first); a block reached by falling through
//! (`continue '__baozi_dispatch` to `B1`, `B2`) is written where it is
//! reached (for these two bodies each block has one predecessor besides its
//! resume, so nothing is duplicated that matters). The ended variants' arm
//! returns `Complete(())` (P1's `send`). The step is still a closure, the
//! poison guard still `InPlace`, completion still a `mem::replace` when the
//! completing block takes a stored local by value.

use core::mem;

use baozi_core::__private::{InPlace, StateEnum, impossible_state};
use baozi_core::GeneratorState;

use super::Machine;
use crate::{BUF, STOP, bigstate_init, bigstate_item, bigstate_step};

macro_rules! state_enum {
    ($name:ident <$($t:ident),*>) => {
        impl<$($t,)* TReturn> StateEnum for $name<$($t,)* TReturn> {
            type Return = TReturn;
            #[inline(always)]
            fn done() -> Self {
                Self::Done
            }
            #[inline(always)]
            fn poisoned() -> Self {
                Self::Poisoned
            }
            #[inline(always)]
            fn returned(value: TReturn) -> Self {
                Self::Returned(value)
            }
            #[inline(always)]
            fn ended(&self) -> Option<baozi_core::__private::Ended> {
                match self {
                    Self::Done | Self::Returned(_) => Some(baozi_core::__private::Ended::Complete),
                    Self::Poisoned => Some(baozi_core::__private::Ended::Poisoned),
                    _ => None,
                }
            }
            #[inline(always)]
            fn take_return(&mut self) -> Option<TReturn> {
                if !matches!(self, Self::Returned(_)) {
                    return None;
                }
                match mem::replace(self, Self::Done) {
                    Self::Returned(value) => Some(value),
                    _ => None,
                }
            }
        }
    };
}

#[allow(non_camel_case_types)]
enum StateOf_consumer<T0, TReturn> {
    Start {},
    S0 { total_0: T0 },
    Done,
    Poisoned,
    Returned(TReturn),
}
state_enum!(StateOf_consumer<T0>);

pub fn consumer() -> impl baozi_core::Generator<u64, Yield = (), Return = u64> + Unpin {
    Machine::<_, _, (), u64>::new::<u64>(
        StateOf_consumer::Start {},
        |state: &mut StateOf_consumer<u64, u64>, arg: u64| match state {
            StateOf_consumer::S0 { .. } => {
                let mut guard = InPlace {
                    state: &mut *state,
                    returned: None,
                };
                let StateOf_consumer::S0 { total_0: r0 } = &mut *guard.state else {
                    impossible_state()
                };
                let mut total = *r0;
                let x = arg;
                if x == STOP {
                    guard.complete(total);
                    return GeneratorState::Complete(());
                }
                total += x;
                *r0 = total;
                mem::forget(guard);
                GeneratorState::Yielded(())
            }
            StateOf_consumer::Start {} => {
                let StateOf_consumer::Start {} = mem::replace(state, StateOf_consumer::Poisoned)
                else {
                    impossible_state()
                };
                let total = 0u64;
                *state = StateOf_consumer::S0 { total_0: total };
                GeneratorState::Yielded(())
            }
            _ => GeneratorState::Complete(()),
        },
    )
}

#[allow(non_camel_case_types)]
enum StateOf_bigstate_gen<T0, T1, T2, T3, TReturn> {
    Start {
        n_0: T0,
    },
    S0 {
        x_3: T3,
        i_2: T2,
        buf_1: T1,
        n_0: T0,
    },
    Done,
    Poisoned,
    Returned(TReturn),
}
state_enum!(StateOf_bigstate_gen<T0, T1, T2, T3>);

pub fn bigstate_gen(
    n: u64,
) -> impl baozi_core::Generator<(), Yield = u64, Return = ()> + Iterator<Item = u64> + Unpin {
    Machine::<_, _, u64, ()>::new::<()>(
        StateOf_bigstate_gen::Start { n_0: n },
        |state: &mut StateOf_bigstate_gen<u64, [u8; BUF], u64, u64, ()>, (): ()| match state {
            StateOf_bigstate_gen::S0 { .. } => {
                let guard = InPlace {
                    state: &mut *state,
                    returned: None,
                };
                let StateOf_bigstate_gen::S0 {
                    n_0: r0,
                    buf_1: buf,
                    i_2: r2,
                    x_3: r3,
                } = &mut *guard.state
                else {
                    impossible_state()
                };
                let n = *r0;
                let mut i = *r2;
                let x = *r3;
                bigstate_step(buf, i, x);
                i += 1;
                if i >= n {
                    // B2, which takes `buf` by value.
                    let StateOf_bigstate_gen::S0 { buf_1: _buf, .. } =
                        mem::replace(guard.state, StateOf_bigstate_gen::Poisoned)
                    else {
                        impossible_state()
                    };
                    mem::forget(guard);
                    *state = StateOf_bigstate_gen::Returned(());
                    return GeneratorState::Complete(());
                }
                let x = bigstate_item(buf, i);
                *r2 = i;
                *r3 = x;
                mem::forget(guard);
                GeneratorState::Yielded(x)
            }
            StateOf_bigstate_gen::Start { .. } => {
                let StateOf_bigstate_gen::Start { n_0: n } =
                    mem::replace(state, StateOf_bigstate_gen::Poisoned)
                else {
                    impossible_state()
                };
                let buf: [u8; BUF] = bigstate_init();
                let i = 0;
                if i >= n {
                    *state = StateOf_bigstate_gen::Returned(());
                    return GeneratorState::Complete(());
                }
                let x = bigstate_item(&buf, i);
                *state = StateOf_bigstate_gen::S0 {
                    n_0: n,
                    buf_1: buf,
                    i_2: i,
                    x_3: x,
                };
                GeneratorState::Yielded(x)
            }
            _ => GeneratorState::Complete(()),
        },
    )
}

/// `pingpong`.
pub fn pingpong(n: u64) -> u64 {
    crate::hand::produce(consumer(), consumer(), n)
}

/// `bigstate`.
pub fn bigstate(n: u64) -> u64 {
    crate::sum(bigstate_gen(n))
}
