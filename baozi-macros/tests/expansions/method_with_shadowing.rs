fn lines<'__baozi_l0>(
    &'__baozi_l0 self,
) -> impl ::baozi_core::Generator<
    (),
    Yield = String,
    Return = usize,
> + ::core::iter::Iterator<
    Item = String,
> + ::core::marker::Unpin + ::baozi_core::__private::Captures<(&'__baozi_l0 (),)> {
    use ::baozi_core::__private::{
        EndsHereIfCopy as _, EndsHereIfMutRef as _, KeptBorrowOtherwise as _,
        KeptOtherwise as _, dead as __baozi_dead, dead_borrow as __baozi_dead_borrow,
    };
    #[allow(non_camel_case_types)]
    enum StateOf_lines<T0, T1, T2, D4, D5, TReturn> {
        Start { self_0: T0 },
        S0 { line_5: D5, line_4: D4, iter_2: T2, n_1: T1 },
        Done,
        Poisoned,
        Returned(TReturn),
    }
    ::baozi_core::__state_enum_impl!(StateOf_lines < T0, T1, T2, D4, D5 > TReturn);
    #[allow(dead_code)]
    enum __BaoziBlock<T1, T2, D2, R, V3> {
        B1 { iter_2: T2, n_1: T1 },
        B2 { iter_2: D2, n_1: T1, __baozi_value: V3 },
        Resume { __baozi_value: R },
    }
    ::baozi_core::__private::StateMachine::<
        _,
        _,
        String,
        usize,
    >::new::<
        (),
    >(
        StateOf_lines::Start {
            self_0: self,
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
                        StateOf_lines::Start { .. },
                    ) => {
                        {
                            let _first_argument = __baozi_first;
                        }
                        let StateOf_lines::Start { self_0: __baozi_f0 } = ::core::mem::replace(
                            __baozi_state,
                            StateOf_lines::Poisoned,
                        ) else { ::baozi_core::__private::impossible_state() };
                        {
                            let __baozi_self = __baozi_f0;
                            {
                                #[allow(unused_mut)]
                                let mut n = 0;
                                {
                                    #[allow(unused_mut)]
                                    let mut __baozi_tmp1 = ::core::iter::IntoIterator::into_iter(
                                        __baozi_self.text.lines(),
                                    );
                                    {
                                        #[allow(unreachable_code)]
                                        {
                                            __baozi_cur = __BaoziBlock::B1 {
                                                n_1: n,
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
                    (__BaoziBlock::B1 { n_1: __baozi_f1, iter_2: __baozi_f2 }, _) => {
                        let mut n = __baozi_f1;
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
                                                        n_1: n,
                                                        __baozi_value: (),
                                                    };
                                                    continue '__baozi_dispatch;
                                                }
                                            };
                                        }
                                    }
                                };
                                #[allow(unused_mut)]
                                let line_baozi_shadowed4 = __baozi_next;
                                #[allow(unused_mut)]
                                let line = line_baozi_shadowed4.trim();
                                {
                                    let __baozi_yielded = line.to_uppercase();
                                    *__baozi_state = StateOf_lines::S0 {
                                        line_5: __baozi_dead(&line).store(line),
                                        line_4: __baozi_dead(&line_baozi_shadowed4)
                                            .store(line_baozi_shadowed4),
                                        n_1: n,
                                        iter_2: __baozi_tmp1,
                                    };
                                    return ::baozi_core::GeneratorState::Yielded(
                                        __baozi_yielded,
                                    );
                                }
                            }
                        }
                    }
                    #[allow(unused_variables)]
                    (
                        __BaoziBlock::Resume { __baozi_value },
                        StateOf_lines::S0 { .. },
                    ) => {
                        let StateOf_lines::S0 {
                            n_1: __baozi_f1,
                            iter_2: __baozi_f2,
                            line_4: __baozi_f4,
                            line_5: __baozi_f5,
                        } = ::core::mem::replace(__baozi_state, StateOf_lines::Poisoned)
                        else { ::baozi_core::__private::impossible_state() };
                        {
                            #[allow(unused_variables)]
                            let (__baozi_f1, __baozi_f2) = {
                                {
                                    let mut n = __baozi_f1;
                                    {
                                        let mut __baozi_tmp1 = __baozi_f2;
                                        {
                                            let line_baozi_shadowed4 = __baozi_f4;
                                            let line = __baozi_f5;
                                            __baozi_value;
                                            n += 1;
                                        }
                                        (n, __baozi_tmp1)
                                    }
                                }
                            };
                            {
                                {
                                    let mut n = __baozi_f1;
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
                                                                    n_1: n,
                                                                    __baozi_value: (),
                                                                };
                                                                continue '__baozi_dispatch;
                                                            }
                                                        };
                                                    }
                                                }
                                            };
                                            #[allow(unused_mut)]
                                            let line_baozi_shadowed4 = __baozi_next;
                                            #[allow(unused_mut)]
                                            let line = line_baozi_shadowed4.trim();
                                            {
                                                let __baozi_yielded = line.to_uppercase();
                                                *__baozi_state = StateOf_lines::S0 {
                                                    line_5: __baozi_dead(&line).store(line),
                                                    line_4: __baozi_dead(&line_baozi_shadowed4)
                                                        .store(line_baozi_shadowed4),
                                                    n_1: n,
                                                    iter_2: __baozi_tmp1,
                                                };
                                                return ::baozi_core::GeneratorState::Yielded(
                                                    __baozi_yielded,
                                                );
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
                            n_1: __baozi_f1,
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
                                let mut n = __baozi_f1;
                                {
                                    let mut __baozi_tmp1 = __baozi_f2;
                                    __baozi_value;
                                }
                                n
                            };
                            *__baozi_state = StateOf_lines::Returned(__baozi_return);
                            return ::baozi_core::GeneratorState::Complete(());
                        };
                    }
                    _ => ::baozi_core::__private::impossible_state(),
                }
            }
        },
    )
}
