fn order() -> impl ::baozi_core::Generator<
    i32,
    Yield = &'static str,
    Return = i32,
> + ::core::marker::Unpin {
    #[allow(non_camel_case_types)]
    enum StateOf_order<T0, TReturn> {
        Start {},
        S0 { tmp1_0: T0 },
        Done,
        Poisoned,
        Returned(TReturn),
    }
    ::baozi_core::__state_enum_impl!(StateOf_order < T0 > TReturn);
    #[allow(dead_code)]
    enum __BaoziBlock<R> {
        Resume { __baozi_value: R },
    }
    ::baozi_core::__private::StateMachine::<
        _,
        _,
        &'static str,
        i32,
    >::new::<
        i32,
    >(
        StateOf_order::Start {},
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
                        StateOf_order::Start { .. },
                    ) => {
                        {
                            let _first_argument = __baozi_first;
                        }
                        let StateOf_order::Start {} = ::core::mem::replace(
                            __baozi_state,
                            StateOf_order::Poisoned,
                        ) else { ::baozi_core::__private::impossible_state() };
                        {
                            {
                                {
                                    #[allow(unused_mut)]
                                    let __baozi_tmp1 = a();
                                    {
                                        let __baozi_yielded = "x?";
                                        *__baozi_state = StateOf_order::S0 {
                                            tmp1_0: __baozi_tmp1,
                                        };
                                        return ::baozi_core::GeneratorState::Yielded(
                                            __baozi_yielded,
                                        );
                                    }
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::Resume { __baozi_value },
                        StateOf_order::S0 { .. },
                    ) => {
                        let StateOf_order::S0 { tmp1_0: __baozi_f0 } = ::core::mem::replace(
                            __baozi_state,
                            StateOf_order::Poisoned,
                        ) else { ::baozi_core::__private::impossible_state() };
                        {
                            {
                                #[allow(
                                    unreachable_code,
                                    clippy::let_unit_value,
                                    clippy::diverging_sub_expression
                                )]
                                let _ = {
                                    let __baozi_return = {
                                        #[allow(unused_mut)]
                                        let x = {
                                            let __baozi_tmp1 = __baozi_f0;
                                            #[allow(unused_mut)]
                                            let __baozi_tmp2 = __baozi_value;
                                            __baozi_tmp1 + __baozi_tmp2 + b()
                                        };
                                        x
                                    };
                                    *__baozi_state = StateOf_order::Returned(__baozi_return);
                                    return ::baozi_core::GeneratorState::Complete(());
                                };
                            }
                        }
                    }
                    _ => ::baozi_core::__private::impossible_state(),
                }
            }
        },
    )
}
