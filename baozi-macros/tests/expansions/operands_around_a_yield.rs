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
    impl<T0, TReturn> ::baozi_core::__private::StateEnum for StateOf_order<T0, TReturn> {
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
                    ::core::option::Option::Some(
                        ::baozi_core::__private::Ended::Complete,
                    )
                }
                Self::Poisoned => {
                    ::core::option::Option::Some(
                        ::baozi_core::__private::Ended::Poisoned,
                    )
                }
                _ => ::core::option::Option::None,
            }
        }
        #[inline(always)]
        fn take_return(&mut self) -> ::core::option::Option<TReturn> {
            if !::core::matches!(self, Self::Returned(_)) {
                return ::core::option::Option::None;
            }
            match ::core::mem::replace(self, Self::Done) {
                Self::Returned(value) => ::core::option::Option::Some(value),
                _ => ::core::option::Option::None,
            }
        }
    }
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
                                            #[allow(unused_mut, unused_variables)]
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
