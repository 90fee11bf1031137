fn consumer(
    name: &'static str,
) -> impl ::baozi_core::Generator<
    Option<&'static str>,
    Yield = (),
    Return = (),
> + ::core::marker::Unpin {
    #[allow(non_camel_case_types)]
    enum StateOf_consumer<T0, TReturn> {
        Start { name_0: T0 },
        S0 { name_0: T0 },
        Done,
        Poisoned,
        Returned(TReturn),
    }
    ::baozi_core::__state_enum_impl!(StateOf_consumer < T0 > TReturn);
    #[allow(dead_code)]
    enum __BaoziBlock<R> {
        Resume { __baozi_value: R },
    }
    ::baozi_core::__private::StateMachine::<
        _,
        _,
        (),
        (),
    >::new::<
        Option<&'static str>,
    >(
        StateOf_consumer::Start {
            name_0: name,
        },
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
                        StateOf_consumer::Start { .. },
                    ) => {
                        {
                            let _first_argument = __baozi_first;
                        }
                        let StateOf_consumer::Start { name_0: __baozi_f0 } = ::core::mem::replace(
                            __baozi_state,
                            StateOf_consumer::Poisoned,
                        ) else { ::baozi_core::__private::impossible_state() };
                        {
                            let name = __baozi_f0;
                            {
                                println!("{} 準備吃包子啦!", name);
                                {
                                    #[allow(unreachable_code)]
                                    {
                                        let __baozi_f0 = name;
                                        {
                                            let name = __baozi_f0;
                                            {
                                                {
                                                    {
                                                        let __baozi_yielded = ();
                                                        *__baozi_state = StateOf_consumer::S0 {
                                                            name_0: name,
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
                        StateOf_consumer::S0 { .. },
                    ) => {
                        #[allow(unused_mut)]
                        let mut __baozi_guard = ::baozi_core::__private::InPlace {
                            state: &mut *__baozi_state,
                            returned: ::core::option::Option::None,
                        };
                        let StateOf_consumer::S0 { name_0: __baozi_r0 } = &mut *__baozi_guard
                            .state else { ::baozi_core::__private::impossible_state() };
                        let __baozi_f0 = ::baozi_core::__private::copied(__baozi_r0);
                        {
                            #[allow(unused_variables)]
                            let (__baozi_f0,) = {
                                let name = __baozi_f0;
                                {
                                    {
                                        #[allow(unused_mut)]
                                        let baozi = __baozi_value;
                                        println!("包子[{:?}]来了,被[{}]吃了!", baozi, name);
                                    }
                                    (name,)
                                }
                            };
                            {
                                let name = __baozi_f0;
                                {
                                    {
                                        {
                                            let __baozi_yielded = ();
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
