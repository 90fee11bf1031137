fn bigstate(
    n: usize,
) -> impl ::baozi_core::Generator<
    (),
    Yield = u8,
    Return = (),
> + ::core::iter::Iterator<Item = u8> + ::core::marker::Unpin {
    #[allow(non_camel_case_types)]
    enum StateOf_bigstate<T0, T1, T2, TReturn> {
        Start { n_0: T0 },
        S0 { i_2: T2, buf_1: T1, n_0: T0 },
        Done,
        Poisoned,
        Returned(TReturn),
    }
    ::baozi_core::__state_enum_impl!(StateOf_bigstate < T0, T1, T2 > TReturn);
    #[allow(dead_code)]
    enum __BaoziBlock<T1, R, V3> {
        B2 { buf_1: T1, __baozi_value: V3 },
        Resume { __baozi_value: R },
    }
    ::baozi_core::__private::StateMachine::<
        _,
        _,
        u8,
        (),
    >::new::<
        (),
    >(
        StateOf_bigstate::Start { n_0: n },
        |__baozi_state, __baozi_arg| {
            #[allow(unused_mut)]
            let mut __baozi_cur = __BaoziBlock::Resume {
                __baozi_value: __baozi_arg,
            };
            '__baozi_dispatch: loop {
                match (__baozi_cur, &*__baozi_state) {
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::Resume { __baozi_value: __baozi_first },
                        StateOf_bigstate::Start { .. },
                    ) => {
                        {
                            let _first_argument = __baozi_first;
                        }
                        let StateOf_bigstate::Start { n_0: __baozi_f0 } = ::core::mem::replace(
                            __baozi_state,
                            StateOf_bigstate::Poisoned,
                        ) else { ::baozi_core::__private::impossible_state() };
                        {
                            let n = __baozi_f0;
                            {
                                #[allow(unused_mut)]
                                let mut __baozi_own1 = [0u8; 4096];
                                let buf = &mut __baozi_own1;
                                #[allow(unused_mut)]
                                let mut i = 0;
                                {
                                    #[allow(unreachable_code)]
                                    {
                                        let __baozi_f0 = n;
                                        let __baozi_f1 = __baozi_own1;
                                        let __baozi_f2 = i;
                                        {
                                            let n = __baozi_f0;
                                            {
                                                let mut __baozi_own1 = __baozi_f1;
                                                let buf = &mut __baozi_own1;
                                                let mut i = __baozi_f2;
                                                {
                                                    if !(i < n) {
                                                        {
                                                            #[allow(unreachable_code)]
                                                            {
                                                                __baozi_cur = __BaoziBlock::B2 {
                                                                    buf_1: __baozi_own1,
                                                                    __baozi_value: (),
                                                                };
                                                                continue '__baozi_dispatch;
                                                            }
                                                        };
                                                    }
                                                    {
                                                        let __baozi_yielded = (*buf)[i % 4096];
                                                        *__baozi_state = StateOf_bigstate::S0 {
                                                            n_0: n,
                                                            buf_1: __baozi_own1,
                                                            i_2: i,
                                                        };
                                                        return ::baozi_core::GeneratorState::Yielded(
                                                            __baozi_yielded,
                                                        );
                                                    }
                                                }
                                            }
                                        }
                                        continue '__baozi_dispatch;
                                    }
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::Resume { __baozi_value },
                        StateOf_bigstate::S0 { .. },
                    ) => {
                        #[allow(unused_mut)]
                        let mut __baozi_guard = ::baozi_core::__private::InPlace {
                            state: &mut *__baozi_state,
                            returned: ::core::option::Option::None,
                        };
                        let StateOf_bigstate::S0 {
                            n_0: __baozi_r0,
                            buf_1: __baozi_f1,
                            i_2: __baozi_r2,
                        } = &mut *__baozi_guard.state else {
                            ::baozi_core::__private::impossible_state()
                        };
                        let __baozi_f0 = ::baozi_core::__private::copied(__baozi_r0);
                        let __baozi_f2 = ::baozi_core::__private::copied(__baozi_r2);
                        {
                            #[allow(unused_variables)]
                            let (__baozi_f0, __baozi_f1, __baozi_f2) = {
                                let n = __baozi_f0;
                                {
                                    let buf = __baozi_f1;
                                    let mut i = __baozi_f2;
                                    {
                                        __baozi_value;
                                        step(&mut (*buf), i);
                                        i += 1;
                                    }
                                    (n, buf, i)
                                }
                            };
                            {
                                let n = __baozi_f0;
                                {
                                    let buf = __baozi_f1;
                                    let mut i = __baozi_f2;
                                    {
                                        if !(i < n) {
                                            {
                                                #[allow(unreachable_code)]
                                                {
                                                    let StateOf_bigstate::S0 { buf_1: __baozi_m1, .. } = ::core::mem::replace(
                                                        __baozi_guard.state,
                                                        StateOf_bigstate::Poisoned,
                                                    ) else { ::baozi_core::__private::impossible_state() };
                                                    __baozi_cur = __BaoziBlock::B2 {
                                                        buf_1: __baozi_m1,
                                                        __baozi_value: (),
                                                    };
                                                    continue '__baozi_dispatch;
                                                }
                                            };
                                        }
                                        {
                                            let __baozi_yielded = (*buf)[i % 4096];
                                            *__baozi_r2 = i;
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
                    (__BaoziBlock::B2 { buf_1: __baozi_f1, __baozi_value }, _) => {
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
                                *__baozi_state = StateOf_bigstate::Returned(__baozi_return);
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
