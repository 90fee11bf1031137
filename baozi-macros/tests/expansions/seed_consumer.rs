fn consumer(
    name: &'static str,
) -> impl ::baozi_core::Generator<Option<&'static str>, Yield = (), Return = ()> {
    enum __BaoziState<T0> {
        Start { name_0: T0 },
        S0 { name_0: T0 },
        Done,
        Poisoned,
    }
    impl<T0> ::baozi_core::__private::StateEnum for __BaoziState<T0> {
        #[inline(always)]
        fn done() -> Self {
            Self::Done
        }
        #[inline(always)]
        fn poisoned() -> Self {
            Self::Poisoned
        }
    }
    #[allow(dead_code)]
    enum __BaoziBlock<T0, V2> {
        B0 {},
        B1 { name_0: T0 },
        B3 { __baozi_value: V2 },
    }
    ::baozi_core::__private::StateMachine::<
        _,
        _,
        (),
        (),
    >::new::<
        Option<&'static str>,
    >(
        __BaoziState::Start {
            name_0: name,
        },
        |__baozi_state, __baozi_arg| {
            #[allow(unused_mut)]
            let mut __baozi_cur = match &*__baozi_state {
                __BaoziState::Start { .. } => {
                    {
                        let _first_argument = __baozi_arg;
                    }
                    __BaoziBlock::B0 {}
                }
                __BaoziState::S0 { .. } => {
                    __BaoziBlock::B3 {
                        __baozi_value: __baozi_arg,
                    }
                }
                __BaoziState::Done => return ::core::option::Option::None,
                __BaoziState::Poisoned => {
                    ::baozi_core::__private::resumed_after_panicking()
                }
            };
            '__baozi_dispatch: loop {
                match __baozi_cur {
                    #[allow(unused_variables)]
                    __BaoziBlock::B0 {} => {
                        let __BaoziState::Start { name_0: __baozi_f0 } = ::core::mem::replace(
                            __baozi_state,
                            __BaoziState::Poisoned,
                        ) else { ::baozi_core::__private::impossible_state() };
                        {
                            #[allow(unused_mut, unused_variables)]
                            let name = __baozi_f0;
                            {
                                println!("{} 準備吃包子啦!", name);
                                {
                                    __baozi_cur = __BaoziBlock::B1 { name_0: name };
                                    continue '__baozi_dispatch;
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    __BaoziBlock::B1 { name_0: __baozi_f0 } => {
                        #[allow(unused_mut, unused_variables)]
                        let name = __baozi_f0;
                        {
                            {
                                {
                                    let __baozi_yielded = ();
                                    *__baozi_state = __BaoziState::S0 { name_0: name };
                                    return ::core::option::Option::Some(
                                        ::baozi_core::GeneratorState::Yielded(__baozi_yielded),
                                    );
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    __BaoziBlock::B3 { __baozi_value } => {
                        #[allow(unused_mut)]
                        let mut __baozi_guard = ::baozi_core::__private::InPlace {
                            state: &mut *__baozi_state,
                            done: false,
                        };
                        let __BaoziState::S0 { name_0: __baozi_r0 } = &mut *__baozi_guard
                            .state else { ::baozi_core::__private::impossible_state() };
                        let __baozi_f0 = ::baozi_core::__private::copied(__baozi_r0);
                        {
                            #[allow(unused_variables)]
                            let (__baozi_f0,) = {
                                #[allow(unused_mut, unused_variables)]
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
                                #[allow(unused_mut, unused_variables)]
                                let name = __baozi_f0;
                                {
                                    {
                                        {
                                            let __baozi_yielded = ();
                                            ::core::mem::forget(__baozi_guard);
                                            return ::core::option::Option::Some(
                                                ::baozi_core::GeneratorState::Yielded(__baozi_yielded),
                                            );
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    )
}
