fn evens(
    v: Vec<i32>,
) -> impl ::baozi_core::Generator<
    (),
    Yield = i32,
    Return = Option<i32>,
> + ::core::iter::Iterator<Item = i32> + ::core::marker::Unpin {
    use ::baozi_core::__private::{
        EndsHereIfCopy as _, EndsHereIfMutRef as _, KeptBorrowOtherwise as _,
        KeptOtherwise as _, dead as __baozi_dead, dead_borrow as __baozi_dead_borrow,
    };
    #[allow(non_camel_case_types)]
    enum StateOf_evens<T0, T1, T2, TReturn> {
        Start { v_0: T0 },
        S0 { iter_2: T2, total_1: T1 },
        Done,
        Poisoned,
        Returned(TReturn),
    }
    ::baozi_core::__state_enum_impl!(StateOf_evens < T0, T1, T2 > TReturn);
    #[allow(dead_code)]
    enum __BaoziBlock<T1, T2, D2, R, V4> {
        B1 { iter_2: T2, total_1: T1 },
        B3 { iter_2: T2, total_1: T1 },
        B2 { iter_2: D2, total_1: T1, __baozi_value: V4 },
        Resume { __baozi_value: R },
    }
    ::baozi_core::__private::StateMachine::<
        _,
        _,
        i32,
        Option<i32>,
    >::new::<
        (),
    >(
        StateOf_evens::Start { v_0: v },
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
                        StateOf_evens::Start { .. },
                    ) => {
                        {
                            let _first_argument = __baozi_first;
                        }
                        let StateOf_evens::Start { v_0: __baozi_f0 } = ::core::mem::replace(
                            __baozi_state,
                            StateOf_evens::Poisoned,
                        ) else { ::baozi_core::__private::impossible_state() };
                        {
                            let v = __baozi_f0;
                            {
                                #[allow(unused_mut)]
                                let mut total = 0;
                                {
                                    #[allow(unused_mut)]
                                    let mut __baozi_tmp1 = ::core::iter::IntoIterator::into_iter(
                                        v,
                                    );
                                    {
                                        #[allow(unreachable_code)]
                                        {
                                            __baozi_cur = __BaoziBlock::B1 {
                                                total_1: total,
                                                iter_2: __baozi_tmp1,
                                            };
                                            continue '__baozi_dispatch;
                                        }
                                    }
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::B1 { total_1: __baozi_f1, iter_2: __baozi_f2 },
                        _,
                    ) => {
                        let mut total = __baozi_f1;
                        {
                            let mut __baozi_tmp1 = __baozi_f2;
                            {
                                #[allow(unused_mut)]
                                let ::core::option::Option::Some(__baozi_next) = (::core::iter::Iterator::next(
                                    &mut __baozi_tmp1,
                                )) else {
                                    {
                                        {
                                            {
                                                #[allow(unreachable_code)]
                                                {
                                                    __baozi_cur = __BaoziBlock::B2 {
                                                        iter_2: __baozi_dead(&__baozi_tmp1).store(__baozi_tmp1),
                                                        total_1: total,
                                                        __baozi_value: (),
                                                    };
                                                    continue '__baozi_dispatch;
                                                }
                                            };
                                        }
                                    }
                                };
                                #[allow(unused_mut)]
                                let x = __baozi_next;
                                if x < 0 {
                                    {
                                        #[allow(
                                            unreachable_code,
                                            clippy::let_unit_value,
                                            clippy::diverging_sub_expression
                                        )]
                                        let _ = {
                                            let __baozi_return = None;
                                            *__baozi_state = StateOf_evens::Returned(__baozi_return);
                                            return ::baozi_core::GeneratorState::Complete(());
                                        };
                                    };
                                }
                                if x % 2 == 0 {
                                    {
                                        {
                                            {
                                                let __baozi_yielded = x;
                                                *__baozi_state = StateOf_evens::S0 {
                                                    total_1: total,
                                                    iter_2: __baozi_tmp1,
                                                };
                                                return ::baozi_core::GeneratorState::Yielded(
                                                    __baozi_yielded,
                                                );
                                            }
                                        }
                                    }
                                } else {
                                    {
                                        {
                                            #[allow(
                                                unreachable_code,
                                                clippy::let_unit_value,
                                                clippy::diverging_sub_expression
                                            )]
                                            let _ = {
                                                let _ = {
                                                    total += x;
                                                };
                                                __baozi_cur = __BaoziBlock::B3 {
                                                    total_1: total,
                                                    iter_2: __baozi_tmp1,
                                                };
                                                continue '__baozi_dispatch;
                                            };
                                        }
                                    }
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::Resume { __baozi_value },
                        StateOf_evens::S0 { .. },
                    ) => {
                        let StateOf_evens::S0 {
                            total_1: __baozi_f1,
                            iter_2: __baozi_f2,
                        } = ::core::mem::replace(__baozi_state, StateOf_evens::Poisoned)
                        else { ::baozi_core::__private::impossible_state() };
                        {
                            {
                                let mut total = __baozi_f1;
                                {
                                    let mut __baozi_tmp1 = __baozi_f2;
                                    {
                                        {
                                            {
                                                #[allow(
                                                    unreachable_code,
                                                    clippy::let_unit_value,
                                                    clippy::diverging_sub_expression
                                                )]
                                                let _ = {
                                                    let _ = {
                                                        __baozi_value;
                                                    };
                                                    __baozi_cur = __BaoziBlock::B3 {
                                                        total_1: total,
                                                        iter_2: __baozi_tmp1,
                                                    };
                                                    continue '__baozi_dispatch;
                                                };
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::B3 { total_1: __baozi_f1, iter_2: __baozi_f2 },
                        _,
                    ) => {
                        #[allow(unused_variables)]
                        let (__baozi_f1, __baozi_f2) = {
                            {
                                let mut total = __baozi_f1;
                                {
                                    let mut __baozi_tmp1 = __baozi_f2;
                                    {}
                                    (total, __baozi_tmp1)
                                }
                            }
                        };
                        {
                            {
                                let mut total = __baozi_f1;
                                {
                                    let mut __baozi_tmp1 = __baozi_f2;
                                    {
                                        #[allow(unused_mut)]
                                        let ::core::option::Option::Some(__baozi_next) = (::core::iter::Iterator::next(
                                            &mut __baozi_tmp1,
                                        )) else {
                                            {
                                                {
                                                    {
                                                        #[allow(unreachable_code)]
                                                        {
                                                            __baozi_cur = __BaoziBlock::B2 {
                                                                iter_2: __baozi_dead(&__baozi_tmp1).store(__baozi_tmp1),
                                                                total_1: total,
                                                                __baozi_value: (),
                                                            };
                                                            continue '__baozi_dispatch;
                                                        }
                                                    };
                                                }
                                            }
                                        };
                                        #[allow(unused_mut)]
                                        let x = __baozi_next;
                                        if x < 0 {
                                            {
                                                #[allow(
                                                    unreachable_code,
                                                    clippy::let_unit_value,
                                                    clippy::diverging_sub_expression
                                                )]
                                                let _ = {
                                                    let __baozi_return = None;
                                                    *__baozi_state = StateOf_evens::Returned(__baozi_return);
                                                    return ::baozi_core::GeneratorState::Complete(());
                                                };
                                            };
                                        }
                                        if x % 2 == 0 {
                                            {
                                                {
                                                    {
                                                        let __baozi_yielded = x;
                                                        *__baozi_state = StateOf_evens::S0 {
                                                            total_1: total,
                                                            iter_2: __baozi_tmp1,
                                                        };
                                                        return ::baozi_core::GeneratorState::Yielded(
                                                            __baozi_yielded,
                                                        );
                                                    }
                                                }
                                            }
                                        } else {
                                            {
                                                {
                                                    #[allow(
                                                        unreachable_code,
                                                        clippy::let_unit_value,
                                                        clippy::diverging_sub_expression
                                                    )]
                                                    let _ = {
                                                        let _ = {
                                                            total += x;
                                                        };
                                                        __baozi_cur = __BaoziBlock::B3 {
                                                            total_1: total,
                                                            iter_2: __baozi_tmp1,
                                                        };
                                                        continue '__baozi_dispatch;
                                                    };
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::B2 {
                            total_1: __baozi_f1,
                            iter_2: __baozi_f2,
                            __baozi_value,
                        },
                        _,
                    ) => {
                        #[allow(
                            unreachable_code,
                            clippy::let_unit_value,
                            clippy::diverging_sub_expression
                        )]
                        let _ = {
                            let __baozi_return = {
                                let mut total = __baozi_f1;
                                {
                                    let mut __baozi_tmp1 = __baozi_f2;
                                    __baozi_value;
                                }
                                Some(total)
                            };
                            *__baozi_state = StateOf_evens::Returned(__baozi_return);
                            return ::baozi_core::GeneratorState::Complete(());
                        };
                    }
                    _ => ::baozi_core::__private::impossible_state(),
                }
            }
        },
    )
}
