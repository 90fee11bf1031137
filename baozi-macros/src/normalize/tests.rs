use super::*;

fn program(item: &str) -> Program {
    let func =
        crate::parse::parse(quote!(yield = i32, resume = i32), item.parse().unwrap()).unwrap();
    normalize(&func, &HashSet::new()).unwrap_or_else(|e| panic!("{}", e[0]))
}

/// A compact text form of the IR, one statement per line.
fn show(prog: &Program) -> String {
    fn body(p: &Program, b: &Body, depth: usize, out: &mut String) {
        for s in &b.stmts {
            out.push_str(&"  ".repeat(depth));
            match s {
                Stmt::Plain(s) => out.push_str(&format!("plain {}\n", quote!(#s))),
                Stmt::Let(l) => {
                    let pat = &l.pat;
                    out.push_str(&format!("let {} =", quote!(#pat)));
                    match &l.init {
                        Some(v) => value(p, v, depth, out),
                        None => out.push('\n'),
                    }
                }
                Stmt::Value(v) => {
                    out.push_str("do");
                    value(p, v, depth, out);
                }
            }
        }
        if let Some(t) = &b.tail {
            out.push_str(&"  ".repeat(depth));
            out.push_str("tail");
            value(p, t, depth, out);
        }
    }
    fn value(p: &Program, v: &Value, depth: usize, out: &mut String) {
        match v {
            Value::Expr(e) => out.push_str(&format!(" {}\n", quote!(#e))),
            Value::Yield { value, .. } => out.push_str(&format!(" yield {}\n", quote!(#value))),
            Value::Block { body: b, .. } => {
                out.push_str(" block\n");
                body(p, b, depth + 1, out);
            }
            Value::If {
                cond,
                then,
                otherwise,
                ..
            } => {
                out.push_str(&format!(" if {}\n", quote!(#cond)));
                body(p, then, depth + 1, out);
                if let Some(o) = otherwise {
                    out.push_str(&format!("{}else\n", "  ".repeat(depth)));
                    body(p, o, depth + 1, out);
                }
            }
            Value::Match {
                scrutinee, arms, ..
            } => {
                out.push_str(&format!(" match {}\n", quote!(#scrutinee)));
                for a in arms {
                    let pat = &a.pat;
                    out.push_str(&format!("{}arm {}\n", "  ".repeat(depth + 1), quote!(#pat)));
                    body(p, &a.body, depth + 2, out);
                }
            }
            Value::Loop { body: b, .. } => {
                out.push_str(" loop\n");
                body(p, b, depth + 1, out);
            }
        }
    }
    let mut out = String::new();
    body(prog, &prog.body, 0, &mut out);
    out
}

#[test]
fn operands_before_a_yield_are_hoisted_in_order() {
    let p = program("fn f() { g(a(), yield_!(1), b()); }");
    assert_eq!(
        show(&p),
        "do block\n  \
           let __baozi_tmp1 = a ()\n  \
           let __baozi_tmp2 = yield 1\n  \
           tail g (__baozi_tmp1 , __baozi_tmp2 , b ())\n"
    );
}

#[test]
fn a_yield_in_a_let_is_not_wrapped() {
    let p = program("fn f() { let x = yield_!(1); x }");
    assert_eq!(show(&p), "let x = yield 1\ntail x\n");
}

#[test]
fn while_becomes_loop_with_break() {
    let p = program("fn f() { while c() { yield_!(1); } }");
    assert_eq!(
        show(&p),
        "tail loop\n  \
           plain if ! (c ()) { break ; }\n  \
           do yield 1\n"
    );
}

#[test]
fn lazy_and_with_a_yield_becomes_if() {
    let p = program("fn f() -> bool { a() && yield_!(1) > 0 }");
    assert_eq!(
        show(&p),
        "tail block\n  \
           let __baozi_tmp2 = if a ()\n    \
             tail block\n      \
               let __baozi_tmp1 = yield 1\n      \
               tail __baozi_tmp1 > 0\n  \
           else\n    \
             tail false\n  \
           tail __baozi_tmp2\n"
    );
}

#[test]
fn shadowed_bindings_get_names_of_their_own() {
    let p = program("fn f(x: i32) { let x = x + 1; yield_!(x); }");
    let names: Vec<String> = p.bindings.iter().map(|b| b.ident.to_string()).collect();
    assert_eq!(names, ["x_baozi_shadowed0", "x"]);
    assert_eq!(show(&p), "let x = x_baozi_shadowed0 + 1\ndo yield x\n");
}

#[test]
fn assignments_and_jumps_out_of_yield_free_code_are_recorded() {
    let p = program(
        "fn f() { let mut a = mk(); loop { drop(a); a = mk2(yield_!(1)); \
         if c() { continue; } for i in x() { break; } } }",
    );
    let usages: Vec<Use> = p.bindings[0].accesses.iter().map(|a| a.usage).collect();
    // The target of an assignment whose value yields is assigned.
    assert_eq!(usages, [Use::Move, Use::Assign]);
    // The `continue` leaves for the loop; the `break` stays in its `for`.
    assert_eq!(p.jumps.len(), 1);
    assert_eq!(p.jumps[0].target, p.loops[0]);
    assert!(p.jumps[0].continues);
}

#[test]
fn a_place_read_late_is_mentioned_after_an_earlier_namesake() {
    let p = program(
        "fn f(c: bool) { if c { let mut x = 1; x += yield_!(1); } \
         let mut x = 2; x += yield_!(x); }",
    );
    let x = p.bindings.iter().rfind(|b| b.name == "x").unwrap();
    let usages: Vec<Use> = x.accesses.iter().map(|a| a.usage).collect();
    // The place, the operand, the place again, read after the yield.
    assert_eq!(usages.last(), Some(&Use::Place), "{usages:?}");
    assert!(usages.contains(&Use::Move));
}

#[test]
fn moves_are_noticed() {
    let p =
        program("fn f() { let s = S::new(); let t = s; let g = G::new(); g.touch(); yield_!(1); }");
    let moved: Vec<(String, bool)> = p
        .bindings
        .iter()
        .map(|b| (b.name.clone(), b.maybe_moved()))
        .collect();
    assert_eq!(
        moved,
        [("s".into(), true), ("t".into(), false), ("g".into(), false)]
    );
}

#[test]
fn format_captures_are_mentions() {
    let p = program(r#"fn f() { let name = 1; yield_!(1); println!("{name}"); }"#);
    assert_eq!(p.bindings[0].accesses.len(), 1);
}
