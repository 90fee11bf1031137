//! P0: the expansion of `baozi::consumer` and `baozi::bigstate_gen`, verbatim
//! (`-Zunpretty=expanded`), the starting point of the prototype steps.

use crate::{BUF, STOP, bigstate_init, bigstate_item, bigstate_step};

pub fn consumer()
-> impl ::baozi_core::Generator<u64, Yield = (), Return = u64> + ::core::marker::Unpin {
    #[allow(non_camel_case_types)]
    enum StateOf_consumer<T0, TReturn> {
        Start {},
        S0 { total_0: T0 },
        Done,
        Poisoned,
        Returned(TReturn),
    }
    impl<T0, TReturn> ::baozi_core::__private::StateEnum for StateOf_consumer<T0, TReturn> {
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
        fn ended(&self) -> ::core::option::Option<::baozi_core::__private::Ended> {
            match self {
                Self::Done | Self::Returned(_) => {
                    ::core::option::Option::Some(::baozi_core::__private::Ended::Complete)
                }
                Self::Poisoned => {
                    ::core::option::Option::Some(::baozi_core::__private::Ended::Poisoned)
                }
                _ => ::core::option::Option::None,
            }
        }
        #[inline(always)]
        fn take_return(&mut self) -> ::core::option::Option<TReturn> {
            if !matches!(self, Self::Returned(_)) {
                return ::core::option::Option::None;
            }
            match ::core::mem::replace(self, Self::Done) {
                Self::Returned(value) => ::core::option::Option::Some(value),
                _ => ::core::option::Option::None,
            }
        }
    }
    #[allow(dead_code)]
    enum __BaoziBlock<T0, R> {
        B1 { total_0: T0 },
        Resume { __baozi_value: R },
    }
    ::baozi_core::__private::StateMachine::<_, _, (), u64>::new::<u64>(
        StateOf_consumer::Start {},
        |__baozi_state, __baozi_arg| {
            #[allow(unused_mut)]
            let mut __baozi_cur = __BaoziBlock::Resume {
                __baozi_value: __baozi_arg,
            };
            '__baozi_dispatch: loop {
                match (__baozi_cur, &*__baozi_state) {
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::Resume {
                            __baozi_value: __baozi_first,
                        },
                        StateOf_consumer::Start { .. },
                    ) => {
                        {
                            let _first_argument = __baozi_first;
                        }
                        let StateOf_consumer::Start {} =
                            ::core::mem::replace(__baozi_state, StateOf_consumer::Poisoned)
                        else {
                            ::baozi_core::__private::impossible_state()
                        };
                        {
                            {
                                #[allow(unused_mut)]
                                let mut total = 0u64;
                                {
                                    __baozi_cur = __BaoziBlock::B1 { total_0: total };
                                    continue '__baozi_dispatch;
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::B1 {
                            total_0: __baozi_f0,
                        },
                        _,
                    ) => {
                        #[allow(unused_mut, unused_variables)]
                        let mut total = __baozi_f0;
                        {
                            {
                                let __baozi_yielded = ();
                                *__baozi_state = StateOf_consumer::S0 { total_0: total };
                                return ::baozi_core::GeneratorState::Yielded(__baozi_yielded);
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (__BaoziBlock::Resume { __baozi_value }, StateOf_consumer::S0 { .. }) => {
                        #[allow(unused_mut)]
                        let mut __baozi_guard = ::baozi_core::__private::InPlace {
                            state: &mut *__baozi_state,
                            returned: ::core::option::Option::None,
                        };
                        let StateOf_consumer::S0 {
                            total_0: __baozi_r0,
                        } = &mut *__baozi_guard.state
                        else {
                            ::baozi_core::__private::impossible_state()
                        };
                        let __baozi_f0 = ::baozi_core::__private::copied(__baozi_r0);
                        {
                            #[allow(unused_variables)]
                            let (__baozi_f0,) = {
                                {
                                    #[allow(unused_mut, unused_variables)]
                                    let mut total = __baozi_f0;
                                    {
                                        #[allow(unused_mut)]
                                        let x = __baozi_value;
                                        if x == STOP {
                                            {
                                                #[allow(
                                                    unreachable_code,
                                                    clippy::let_unit_value,
                                                    clippy::diverging_sub_expression
                                                )]
                                                let _ = {
                                                    let __baozi_return = total;
                                                    __baozi_guard.complete(__baozi_return);
                                                    return ::baozi_core::GeneratorState::Complete(
                                                        (),
                                                    );
                                                };
                                            };
                                        }
                                        total += x;
                                    }
                                    (total,)
                                }
                            };
                            {
                                {
                                    #[allow(unused_mut, unused_variables)]
                                    let mut total = __baozi_f0;
                                    {
                                        {
                                            let __baozi_yielded = ();
                                            *__baozi_r0 = total;
                                            ::core::mem::forget(__baozi_guard);
                                            return ::baozi_core::GeneratorState::Yielded(
                                                __baozi_yielded,
                                            );
                                        }
                                    }
                                }
                            }
                        }
                    }
                    _ => ::baozi_core::__private::impossible_state(),
                }
            }
        },
    )
}

pub fn bigstate_gen(
    n: u64,
) -> impl ::baozi_core::Generator<(), Yield = u64, Return = ()>
+ ::core::iter::Iterator<Item = u64>
+ ::core::marker::Unpin {
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
    impl<T0, T1, T2, T3, TReturn> ::baozi_core::__private::StateEnum
        for StateOf_bigstate_gen<T0, T1, T2, T3, TReturn>
    {
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
        fn ended(&self) -> ::core::option::Option<::baozi_core::__private::Ended> {
            match self {
                Self::Done | Self::Returned(_) => {
                    ::core::option::Option::Some(::baozi_core::__private::Ended::Complete)
                }
                Self::Poisoned => {
                    ::core::option::Option::Some(::baozi_core::__private::Ended::Poisoned)
                }
                _ => ::core::option::Option::None,
            }
        }
        #[inline(always)]
        fn take_return(&mut self) -> ::core::option::Option<TReturn> {
            if !matches!(self, Self::Returned(_)) {
                return ::core::option::Option::None;
            }
            match ::core::mem::replace(self, Self::Done) {
                Self::Returned(value) => ::core::option::Option::Some(value),
                _ => ::core::option::Option::None,
            }
        }
    }
    #[allow(dead_code)]
    enum __BaoziBlock<T0, T1, T2, R, V3> {
        B1 { i_2: T2, buf_1: T1, n_0: T0 },
        B2 { buf_1: T1, __baozi_value: V3 },
        Resume { __baozi_value: R },
    }
    ::baozi_core::__private::StateMachine::<_, _, u64, ()>::new::<()>(
        StateOf_bigstate_gen::Start { n_0: n },
        |__baozi_state, __baozi_arg| {
            #[allow(unused_mut)]
            let mut __baozi_cur = __BaoziBlock::Resume {
                __baozi_value: __baozi_arg,
            };
            '__baozi_dispatch: loop {
                match (__baozi_cur, &*__baozi_state) {
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::Resume {
                            __baozi_value: __baozi_first,
                        },
                        StateOf_bigstate_gen::Start { .. },
                    ) => {
                        {
                            let _first_argument = __baozi_first;
                        }
                        let StateOf_bigstate_gen::Start { n_0: __baozi_f0 } =
                            ::core::mem::replace(__baozi_state, StateOf_bigstate_gen::Poisoned)
                        else {
                            ::baozi_core::__private::impossible_state()
                        };
                        {
                            #[allow(unused_mut, unused_variables)]
                            let n = __baozi_f0;
                            {
                                #[allow(unused_mut)]
                                let mut __baozi_own1: [u8; BUF] = bigstate_init();
                                let buf = &mut __baozi_own1;
                                #[allow(unused_mut)]
                                let mut i = 0;
                                {
                                    __baozi_cur = __BaoziBlock::B1 {
                                        n_0: n,
                                        buf_1: __baozi_own1,
                                        i_2: i,
                                    };
                                    continue '__baozi_dispatch;
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::B1 {
                            n_0: __baozi_f0,
                            buf_1: __baozi_f1,
                            i_2: __baozi_f2,
                        },
                        _,
                    ) => {
                        #[allow(unused_mut, unused_variables)]
                        let n = __baozi_f0;
                        {
                            let mut __baozi_own1 = __baozi_f1;
                            let buf = &mut __baozi_own1;
                            #[allow(unused_mut, unused_variables)]
                            let mut i = __baozi_f2;
                            {
                                if !(i < n) {
                                    {
                                        __baozi_cur = __BaoziBlock::B2 {
                                            buf_1: __baozi_own1,
                                            __baozi_value: (),
                                        };
                                        continue '__baozi_dispatch;
                                    };
                                }
                                #[allow(unused_mut)]
                                let x = bigstate_item(&(*buf), i);
                                {
                                    let __baozi_yielded = x;
                                    *__baozi_state = StateOf_bigstate_gen::S0 {
                                        n_0: n,
                                        buf_1: __baozi_own1,
                                        i_2: i,
                                        x_3: x,
                                    };
                                    return ::baozi_core::GeneratorState::Yielded(__baozi_yielded);
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (__BaoziBlock::Resume { __baozi_value }, StateOf_bigstate_gen::S0 { .. }) => {
                        #[allow(unused_mut)]
                        let mut __baozi_guard = ::baozi_core::__private::InPlace {
                            state: &mut *__baozi_state,
                            returned: ::core::option::Option::None,
                        };
                        let StateOf_bigstate_gen::S0 {
                            n_0: __baozi_r0,
                            buf_1: __baozi_f1,
                            i_2: __baozi_r2,
                            x_3: __baozi_r3,
                        } = &mut *__baozi_guard.state
                        else {
                            ::baozi_core::__private::impossible_state()
                        };
                        let __baozi_f0 = ::baozi_core::__private::copied(__baozi_r0);
                        let __baozi_f2 = ::baozi_core::__private::copied(__baozi_r2);
                        let __baozi_f3 = ::baozi_core::__private::copied(__baozi_r3);
                        {
                            #[allow(unused_variables)]
                            let (__baozi_f0, __baozi_f1, __baozi_f2) = {
                                #[allow(unused_mut, unused_variables)]
                                let n = __baozi_f0;
                                {
                                    let buf = __baozi_f1;
                                    #[allow(unused_mut, unused_variables)]
                                    let mut i = __baozi_f2;
                                    {
                                        #[allow(unused_mut, unused_variables)]
                                        let x = __baozi_f3;
                                        let _ = __baozi_value;
                                        bigstate_step(&mut (*buf), i, x);
                                        i += 1;
                                    }
                                    (n, buf, i)
                                }
                            };
                            {
                                #[allow(unused_mut, unused_variables)]
                                let n = __baozi_f0;
                                {
                                    let buf = __baozi_f1;
                                    #[allow(unused_mut, unused_variables)]
                                    let mut i = __baozi_f2;
                                    {
                                        if !(i < n) {
                                            {
                                                let StateOf_bigstate_gen::S0 {
                                                    buf_1: __baozi_m1,
                                                    ..
                                                } = ::core::mem::replace(
                                                    __baozi_guard.state,
                                                    StateOf_bigstate_gen::Poisoned,
                                                )
                                                else {
                                                    ::baozi_core::__private::impossible_state()
                                                };
                                                __baozi_cur = __BaoziBlock::B2 {
                                                    buf_1: __baozi_m1,
                                                    __baozi_value: (),
                                                };
                                                continue '__baozi_dispatch;
                                            };
                                        }
                                        #[allow(unused_mut)]
                                        let x = bigstate_item(&(*buf), i);
                                        {
                                            let __baozi_yielded = x;
                                            *__baozi_r2 = i;
                                            *__baozi_r3 = x;
                                            ::core::mem::forget(__baozi_guard);
                                            return ::baozi_core::GeneratorState::Yielded(
                                                __baozi_yielded,
                                            );
                                        }
                                    }
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::B2 {
                            buf_1: __baozi_f1,
                            __baozi_value,
                        },
                        _,
                    ) => {
                        let mut __baozi_own1 = __baozi_f1;
                        let buf = &mut __baozi_own1;
                        {
                            #[allow(
                                unreachable_code,
                                clippy::let_unit_value,
                                clippy::diverging_sub_expression
                            )]
                            let _ = {
                                let __baozi_return = __baozi_value;
                                *__baozi_state = StateOf_bigstate_gen::Returned(__baozi_return);
                                return ::baozi_core::GeneratorState::Complete(());
                            };
                        }
                    }
                    _ => ::baozi_core::__private::impossible_state(),
                }
            }
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
