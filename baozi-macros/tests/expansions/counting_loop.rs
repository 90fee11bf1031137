fn count(
    n: u64,
) -> impl ::baozi_core::Generator<
    (),
    Yield = u64,
    Return = (),
> + ::core::iter::Iterator<Item = u64> + ::core::marker::Unpin {
    #[allow(non_camel_case_types)]
    enum StateOf_count<T0, T1, TReturn> {
        Start { n_0: T0 },
        S0 { i_1: T1, n_0: T0 },
        Done,
        Poisoned,
        Returned(TReturn),
    }
    ::baozi_core::__state_enum_impl!(StateOf_count < T0, T1 > TReturn);
    #[allow(dead_code)]
    enum __BaoziBlock<R, V3> {
        B2 { __baozi_value: V3 },
        Resume { __baozi_value: R },
    }
    ::baozi_core::__private::StateMachine::<
        _,
        _,
        u64,
        (),
    >::new::<
        (),
    >(
        StateOf_count::Start { n_0: n },
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
                        StateOf_count::Start { .. },
                    ) => {
                        {
                            let _first_argument = __baozi_first;
                        }
                        let StateOf_count::Start { n_0: __baozi_f0 } = ::core::mem::replace(
                            __baozi_state,
                            StateOf_count::Poisoned,
                        ) else { ::baozi_core::__private::impossible_state() };
                        {
                            let n = __baozi_f0;
                            {
                                #[allow(unused_mut)]
                                let mut i = 0;
                                {
                                    #[allow(unreachable_code)]
                                    {
                                        let __baozi_f0 = n;
                                        let __baozi_f1 = i;
                                        {
                                            let n = __baozi_f0;
                                            {
                                                let mut i = __baozi_f1;
                                                {
                                                    if !(i < n) {
                                                        {
                                                            #[allow(
                                                                unreachable_code,
                                                                clippy::let_unit_value,
                                                                clippy::diverging_sub_expression
                                                            )]
                                                            let _ = {
                                                                let __baozi_return = ();
                                                                *__baozi_state = StateOf_count::Returned(__baozi_return);
                                                                return ::baozi_core::GeneratorState::Complete(());
                                                                continue '__baozi_dispatch;
                                                            };
                                                        };
                                                    }
                                                    {
                                                        let __baozi_yielded = i;
                                                        *__baozi_state = StateOf_count::S0 {
                                                            n_0: n,
                                                            i_1: i,
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
                        StateOf_count::S0 { .. },
                    ) => {
                        #[allow(unused_mut)]
                        let mut __baozi_guard = ::baozi_core::__private::InPlace {
                            state: &mut *__baozi_state,
                            returned: ::core::option::Option::None,
                        };
                        let StateOf_count::S0 { n_0: __baozi_r0, i_1: __baozi_r1 } = &mut *__baozi_guard
                            .state else { ::baozi_core::__private::impossible_state() };
                        let __baozi_f0 = ::baozi_core::__private::copied(__baozi_r0);
                        let __baozi_f1 = ::baozi_core::__private::copied(__baozi_r1);
                        {
                            #[allow(unused_variables)]
                            let (__baozi_f0, __baozi_f1) = {
                                let n = __baozi_f0;
                                {
                                    let mut i = __baozi_f1;
                                    {
                                        __baozi_value;
                                        i += 1;
                                    }
                                    (n, i)
                                }
                            };
                            {
                                let n = __baozi_f0;
                                {
                                    let mut i = __baozi_f1;
                                    {
                                        if !(i < n) {
                                            {
                                                #[allow(
                                                    unreachable_code,
                                                    clippy::let_unit_value,
                                                    clippy::diverging_sub_expression
                                                )]
                                                let _ = {
                                                    let StateOf_count::S0 { .. } = ::core::mem::replace(
                                                        __baozi_guard.state,
                                                        StateOf_count::Poisoned,
                                                    ) else { ::baozi_core::__private::impossible_state() };
                                                    let __baozi_return = ();
                                                    __baozi_guard.complete(__baozi_return);
                                                    return ::baozi_core::GeneratorState::Complete(());
                                                    continue '__baozi_dispatch;
                                                };
                                            };
                                        }
                                        {
                                            let __baozi_yielded = i;
                                            *__baozi_r1 = i;
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
                    (__BaoziBlock::B2 { __baozi_value }, _) => {
                        #[allow(
                            unreachable_code,
                            clippy::let_unit_value,
                            clippy::diverging_sub_expression
                        )]
                        let _ = {
                            let __baozi_return = __baozi_value;
                            *__baozi_state = StateOf_count::Returned(__baozi_return);
                            return ::baozi_core::GeneratorState::Complete(());
                        };
                    }
                    _ => ::baozi_core::__private::impossible_state(),
                }
            }
        },
    )
}
