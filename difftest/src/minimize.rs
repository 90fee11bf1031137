//! Greedy minimisation: every one-step simplification of the program
//! (delete a statement, inline a block, replace an expression by a literal
//! or by one of its operands, drop a match arm, shrink a loop), filtered by
//! [`check::valid`], is built in one batch; the smallest
//! candidate whose outcome is of the same kind as the original's replaces it.
//! Repeat until no candidate keeps the mismatch.

use std::collections::HashSet;

use crate::ast::*;
use crate::check;
use crate::emit::Case;
use crate::run::{Outcome, Runner};

/// Candidates built per batch.
const CHUNK: usize = 80;

/// Minimises `case`, whose outcome has kind `kind`. Returns the smallest
/// case found and its outcome.
pub fn minimize(
    runner: &Runner,
    name: &str,
    case: &Case,
    outcome: &Outcome,
    max_rounds: usize,
    verbose: bool,
) -> Result<(Case, Outcome), String> {
    let kind = outcome.kind();
    let mut current = (case.clone(), outcome.clone());
    'rounds: for round in 0..max_rounds {
        let cands = candidates(&current.0.program);
        if verbose {
            eprintln!(
                "difftest: minimise round {round}: size {}, {} candidates",
                current.0.program.size(),
                cands.len()
            );
        }
        for chunk in cands.chunks(CHUNK) {
            let cases: Vec<Case> = chunk
                .iter()
                .map(|p| Case {
                    program: p.clone(),
                    ..current.0.clone()
                })
                .collect();
            let outcomes = runner.run_batch_opts(name, &cases, kind == "crash")?;
            // Candidates are sorted by size: the first hit is the smallest.
            if let Some(i) = outcomes.iter().position(|o| o.kind() == kind) {
                current = (cases[i].clone(), outcomes[i].clone());
                continue 'rounds;
            }
        }
        break;
    }
    Ok(current)
}

/// Every valid one-step simplification of `p`, smallest first.
pub fn candidates(p: &Program) -> Vec<Program> {
    let mut seen = HashSet::new();
    seen.insert(p.body_text(Flavor::Baozi, 0));
    let size = p.size();
    let mut out: Vec<Program> = block_variants(&p.body)
        .into_iter()
        .map(|body| Program { body })
        .filter(|c| c.size() <= size && check::valid(c))
        .filter(|c| seen.insert(c.body_text(Flavor::Baozi, 0)))
        .collect();
    out.sort_by_key(|c| c.size());
    out
}

fn block_variants(b: &Block) -> Vec<Block> {
    let mut out = Vec::new();
    for (i, s) in b.stmts.iter().enumerate() {
        for repl in stmt_variants(s) {
            let mut nb = b.clone();
            nb.stmts.splice(i..=i, repl);
            out.push(nb);
        }
    }
    if let Some(t) = &b.tail {
        for e in expr_variants(t) {
            out.push(Block {
                stmts: b.stmts.clone(),
                tail: Some(e),
            });
        }
    }
    out
}

fn stmt_variants(s: &Stmt) -> Vec<Vec<Stmt>> {
    let mut out: Vec<Vec<Stmt>> = vec![Vec::new()];
    let one = |s: Stmt| vec![s];
    match s {
        Stmt::Let {
            name,
            mutable,
            init,
        } => {
            if *mutable {
                out.push(one(Stmt::Let {
                    name: name.clone(),
                    mutable: false,
                    init: init.clone(),
                }));
            }
            for e in expr_variants(init) {
                out.push(one(Stmt::Let {
                    name: name.clone(),
                    mutable: *mutable,
                    init: e,
                }));
            }
        }
        Stmt::LetTr { name, id, init } => {
            for e in expr_variants(init) {
                out.push(one(Stmt::LetTr {
                    name: name.clone(),
                    id: *id,
                    init: e,
                }));
            }
        }
        Stmt::LetElse {
            name,
            kind,
            init,
            els,
        } => {
            out.push(one(Stmt::Let {
                name: name.clone(),
                mutable: false,
                init: init.clone(),
            }));
            for e in expr_variants(init) {
                out.push(one(Stmt::LetElse {
                    name: name.clone(),
                    kind: *kind,
                    init: e,
                    els: els.clone(),
                }));
            }
            for b in block_variants(els) {
                out.push(one(Stmt::LetElse {
                    name: name.clone(),
                    kind: *kind,
                    init: init.clone(),
                    els: b,
                }));
            }
        }
        // Without the reference, or the branch.
        Stmt::LetRef { name, init, .. } => out.push(one(Stmt::Let {
            name: name.clone(),
            mutable: false,
            init: init.clone(),
        })),
        Stmt::LetLate { name, a, b, .. } => {
            for init in [a, b] {
                out.push(one(Stmt::Let {
                    name: name.clone(),
                    mutable: false,
                    init: init.clone(),
                }));
            }
        }
        Stmt::MutRef { of, via, id, value } => {
            for e in expr_variants(value) {
                out.push(one(Stmt::MutRef {
                    of: of.clone(),
                    via: *via,
                    id: *id,
                    value: e,
                }));
            }
        }
        Stmt::Bump { name, value } => {
            for e in expr_variants(value) {
                out.push(one(Stmt::Bump {
                    name: name.clone(),
                    value: e,
                }));
            }
        }
        Stmt::Init { name, value } => {
            for e in expr_variants(value) {
                out.push(one(Stmt::Init {
                    name: name.clone(),
                    value: e,
                }));
            }
        }
        Stmt::LetPair { name, id, v, n } => {
            for e in expr_variants(v) {
                out.push(one(Stmt::LetPair {
                    name: name.clone(),
                    id: *id,
                    v: e,
                    n: n.clone(),
                }));
            }
            for e in expr_variants(n) {
                out.push(one(Stmt::LetPair {
                    name: name.clone(),
                    id: *id,
                    v: v.clone(),
                    n: e,
                }));
            }
        }
        Stmt::SetPairName { pair, id, init } => {
            for e in expr_variants(init) {
                out.push(one(Stmt::SetPairName {
                    pair: pair.clone(),
                    id: *id,
                    init: e,
                }));
            }
        }
        Stmt::PartialMove { pair, how } => {
            if let PartHow::Consume(x) = how {
                out.push(vec![
                    Stmt::PartialMove {
                        pair: pair.clone(),
                        how: PartHow::Drop,
                    },
                    Stmt::Let {
                        name: x.clone(),
                        mutable: false,
                        init: Expr::Lit(0),
                    },
                ]);
            }
        }
        Stmt::MovePair { pair, how } => {
            if let PairHow::Destructure(_, x) = how {
                out.push(vec![
                    Stmt::MovePair {
                        pair: pair.clone(),
                        how: PairHow::Drop,
                    },
                    Stmt::Let {
                        name: x.clone(),
                        mutable: false,
                        init: Expr::Lit(0),
                    },
                ]);
            }
        }
        Stmt::LetLateTr { .. } | Stmt::LetLateInt { .. } => {}
        Stmt::Move { from, how } => match how {
            MoveHow::Drop => {}
            MoveHow::Finish(x) | MoveHow::FinishPath(x) => {
                if matches!(how, MoveHow::Finish(_)) {
                    out.push(one(Stmt::Move {
                        from: from.clone(),
                        how: MoveHow::FinishPath(x.clone()),
                    }));
                }
                out.push(vec![
                    Stmt::Move {
                        from: from.clone(),
                        how: MoveHow::Drop,
                    },
                    Stmt::Let {
                        name: x.clone(),
                        mutable: false,
                        init: Expr::Lit(0),
                    },
                ]);
            }
            MoveHow::Consume(x) => out.push(vec![
                Stmt::Move {
                    from: from.clone(),
                    how: MoveHow::Drop,
                },
                Stmt::Let {
                    name: x.clone(),
                    mutable: false,
                    init: Expr::Lit(0),
                },
            ]),
            MoveHow::Rebind(_) | MoveHow::Log | MoveHow::Yield => out.push(one(Stmt::Move {
                from: from.clone(),
                how: MoveHow::Drop,
            })),
        },
        Stmt::SetTr { name, id, init } => {
            for e in expr_variants(init) {
                out.push(one(Stmt::SetTr {
                    name: name.clone(),
                    id: *id,
                    init: e,
                }));
            }
        }
        Stmt::SetField { name, op, value } => {
            if *op != AssignOp::Set {
                out.push(one(Stmt::SetField {
                    name: name.clone(),
                    op: AssignOp::Set,
                    value: value.clone(),
                }));
            }
            for e in expr_variants(value) {
                out.push(one(Stmt::SetField {
                    name: name.clone(),
                    op: *op,
                    value: e,
                }));
            }
        }
        Stmt::IfLet {
            name,
            kind,
            init,
            then,
            els,
        } => {
            let mk = |init: &Expr, then: &Block, els: &Option<Block>| Stmt::IfLet {
                name: name.clone(),
                kind: *kind,
                init: init.clone(),
                then: then.clone(),
                els: els.clone(),
            };
            if let Some(e) = els {
                out.push(e.stmts.clone());
                out.push(one(mk(init, then, &None)));
            }
            let mut inlined = vec![Stmt::Let {
                name: name.clone(),
                mutable: false,
                init: init.clone(),
            }];
            inlined.extend(then.stmts.iter().cloned());
            out.push(inlined);
            for e in expr_variants(init) {
                out.push(one(mk(&e, then, els)));
            }
            for b in block_variants(then) {
                out.push(one(mk(init, &b, els)));
            }
            if let Some(e) = els {
                for b in block_variants(e) {
                    out.push(one(mk(init, then, &Some(b))));
                }
            }
        }
        Stmt::Assign { name, op, value } => {
            if *op != AssignOp::Set {
                out.push(one(Stmt::Assign {
                    name: name.clone(),
                    op: AssignOp::Set,
                    value: value.clone(),
                }));
            }
            for e in expr_variants(value) {
                out.push(one(Stmt::Assign {
                    name: name.clone(),
                    op: *op,
                    value: e,
                }));
            }
        }
        Stmt::Expr(e) => {
            for e in expr_variants(e) {
                out.push(one(Stmt::Expr(e)));
            }
        }
        Stmt::If { cond, then, els } => {
            out.push(then.stmts.clone());
            out.push(one(Stmt::Block {
                label: None,
                block: then.clone(),
            }));
            if let Some(e) = els {
                out.push(e.stmts.clone());
                out.push(one(Stmt::If {
                    cond: cond.clone(),
                    then: then.clone(),
                    els: None,
                }));
            }
            for c in cond_variants(cond) {
                out.push(one(Stmt::If {
                    cond: c,
                    then: then.clone(),
                    els: els.clone(),
                }));
            }
            for b in block_variants(then) {
                out.push(one(Stmt::If {
                    cond: cond.clone(),
                    then: b,
                    els: els.clone(),
                }));
            }
            if let Some(e) = els {
                for b in block_variants(e) {
                    out.push(one(Stmt::If {
                        cond: cond.clone(),
                        then: then.clone(),
                        els: Some(b),
                    }));
                }
            }
        }
        Stmt::Match { scrut, arms } => {
            for a in arms {
                out.push(a.body.stmts.clone());
            }
            for e in expr_variants(scrut) {
                out.push(one(Stmt::Match {
                    scrut: e,
                    arms: arms.clone(),
                }));
            }
            for arms in arms_variants(arms) {
                out.push(one(Stmt::Match {
                    scrut: scrut.clone(),
                    arms,
                }));
            }
        }
        Stmt::Loop(l) => {
            out.push(l.body.stmts.clone());
            for l in loop_variants(l) {
                out.push(one(Stmt::Loop(l)));
            }
        }
        Stmt::Block { label, block } => {
            out.push(block.stmts.clone());
            if label.is_some() {
                out.push(one(Stmt::Block {
                    label: None,
                    block: block.clone(),
                }));
            }
            for b in block_variants(block) {
                out.push(one(Stmt::Block {
                    label: *label,
                    block: b,
                }));
            }
        }
        Stmt::Break { label, value } => {
            if let Some(v) = value {
                for e in expr_variants(v) {
                    out.push(one(Stmt::Break {
                        label: *label,
                        value: Some(e),
                    }));
                }
            }
        }
        Stmt::Return { ok, value } => {
            if !*ok {
                out.push(one(Stmt::Return {
                    ok: true,
                    value: value.clone(),
                }));
            }
            for e in expr_variants(value) {
                out.push(one(Stmt::Return { ok: *ok, value: e }));
            }
        }
        Stmt::Continue { .. } | Stmt::Panic(_) => {}
    }
    out
}

fn arms_variants(arms: &[Arm]) -> Vec<Vec<Arm>> {
    let mut out = Vec::new();
    for i in 0..arms.len() {
        if i + 1 < arms.len() {
            let mut a = arms.to_vec();
            a.remove(i);
            out.push(a);
        }
        let arm = &arms[i];
        if let Some(g) = &arm.guard {
            let mut a = arms.to_vec();
            a[i].guard = None;
            out.push(a);
            for c in cond_variants(g) {
                let mut a = arms.to_vec();
                a[i].guard = Some(c);
                out.push(a);
            }
        }
        if !matches!(arm.pat, Pat::Wild) {
            let mut a = arms.to_vec();
            a[i].pat = Pat::Wild;
            out.push(a);
        }
        for b in block_variants(&arm.body) {
            let mut a = arms.to_vec();
            a[i].body = b;
            out.push(a);
        }
    }
    out
}

fn loop_variants(l: &Loop) -> Vec<Loop> {
    let mut out = Vec::new();
    let with_kind = |kind: LoopKind| Loop {
        id: l.id,
        kind,
        body: l.body.clone(),
    };
    match &l.kind {
        LoopKind::Range { var, hi } => {
            for e in expr_variants(hi) {
                out.push(with_kind(LoopKind::Range {
                    var: var.clone(),
                    hi: e,
                }));
            }
        }
        LoopKind::Array { var, elems } => {
            for i in 0..elems.len() {
                let mut es = elems.clone();
                es.remove(i);
                out.push(with_kind(LoopKind::Array {
                    var: var.clone(),
                    elems: es,
                }));
                for e in expr_variants(&elems[i]) {
                    let mut es = elems.clone();
                    es[i] = e;
                    out.push(with_kind(LoopKind::Array {
                        var: var.clone(),
                        elems: es,
                    }));
                }
            }
        }
        LoopKind::WhileLet { bound, var, init } => {
            if *bound > 1 {
                out.push(with_kind(LoopKind::WhileLet {
                    bound: bound - 1,
                    var: var.clone(),
                    init: init.clone(),
                }));
            }
            for e in expr_variants(init) {
                out.push(with_kind(LoopKind::WhileLet {
                    bound: *bound,
                    var: var.clone(),
                    init: e,
                }));
            }
        }
        LoopKind::TrArray { var, elems } => {
            for i in 0..elems.len() {
                let mut es = elems.clone();
                es.remove(i);
                out.push(with_kind(LoopKind::TrArray {
                    var: var.clone(),
                    elems: es,
                }));
                for e in expr_variants(&elems[i].1) {
                    let mut es = elems.clone();
                    es[i].1 = e;
                    out.push(with_kind(LoopKind::TrArray {
                        var: var.clone(),
                        elems: es,
                    }));
                }
            }
        }
        LoopKind::While { bound, cond } => {
            if *bound > 1 {
                out.push(with_kind(LoopKind::While {
                    bound: bound - 1,
                    cond: cond.clone(),
                }));
            }
            for c in cond_variants(cond) {
                out.push(with_kind(LoopKind::While {
                    bound: *bound,
                    cond: c,
                }));
            }
        }
        LoopKind::Loop { bound, value } => {
            if *bound > 0 {
                out.push(with_kind(LoopKind::Loop {
                    bound: bound - 1,
                    value: value.clone(),
                }));
            }
            if let Some(v) = value {
                for e in expr_variants(v) {
                    out.push(with_kind(LoopKind::Loop {
                        bound: *bound,
                        value: Some(e),
                    }));
                }
            }
        }
    }
    for b in block_variants(&l.body) {
        out.push(Loop {
            id: l.id,
            kind: l.kind.clone(),
            body: b,
        });
    }
    out
}

fn cond_variants(c: &Cond) -> Vec<Cond> {
    let mut out = Vec::new();
    if *c != Cond::Bool(true) {
        out.push(Cond::Bool(true));
    }
    if *c != Cond::Bool(false) {
        out.push(Cond::Bool(false));
    }
    match c {
        Cond::Bool(_) => {}
        Cond::Cmp(op, a, b) => {
            for e in expr_variants(a) {
                out.push(Cond::Cmp(*op, e, b.clone()));
            }
            for e in expr_variants(b) {
                out.push(Cond::Cmp(*op, a.clone(), e));
            }
        }
        Cond::Not(x) => {
            out.push((**x).clone());
            for x in cond_variants(x) {
                out.push(Cond::Not(Box::new(x)));
            }
        }
        Cond::And(a, b) | Cond::Or(a, b) => {
            out.push((**a).clone());
            out.push((**b).clone());
            let and = matches!(c, Cond::And(..));
            let mk = |a: Cond, b: Cond| {
                if and {
                    Cond::And(Box::new(a), Box::new(b))
                } else {
                    Cond::Or(Box::new(a), Box::new(b))
                }
            };
            for x in cond_variants(a) {
                out.push(mk(x, (**b).clone()));
            }
            for x in cond_variants(b) {
                out.push(mk((**a).clone(), x));
            }
        }
    }
    out
}

fn expr_variants(e: &Expr) -> Vec<Expr> {
    let mut out = Vec::new();
    match e {
        Expr::Lit(0) => {}
        Expr::Lit(1) => out.push(Expr::Lit(0)),
        _ => {
            out.push(Expr::Lit(0));
            out.push(Expr::Lit(1));
        }
    }
    let bx = |e: Expr| Box::new(e);
    match e {
        Expr::Lit(_) | Expr::Var(_) | Expr::TrField(_) | Expr::PairN(_) | Expr::PairNameV(_) => {}
        Expr::TrGet(n) => out.push(Expr::TrField(n.clone())),
        Expr::Bin(op, a, b) => {
            out.push((**a).clone());
            out.push((**b).clone());
            for x in expr_variants(a) {
                out.push(Expr::Bin(*op, bx(x), b.clone()));
            }
            for x in expr_variants(b) {
                out.push(Expr::Bin(*op, a.clone(), bx(x)));
            }
        }
        Expr::Method(a, m, b) => {
            out.push((**a).clone());
            out.push((**b).clone());
            for x in expr_variants(a) {
                out.push(Expr::Method(bx(x), *m, b.clone()));
            }
            for x in expr_variants(b) {
                out.push(Expr::Method(a.clone(), *m, bx(x)));
            }
        }
        Expr::Rem(a, k) => {
            out.push((**a).clone());
            for x in expr_variants(a) {
                out.push(Expr::Rem(bx(x), *k));
            }
        }
        Expr::Yield(a) => {
            out.push((**a).clone());
            for x in expr_variants(a) {
                out.push(Expr::Yield(bx(x)));
            }
        }
        Expr::Try(a) => {
            out.push((**a).clone());
            for x in expr_variants(a) {
                out.push(Expr::Try(bx(x)));
            }
        }
        Expr::MkField(id, a) => {
            out.push((**a).clone());
            for x in expr_variants(a) {
                out.push(Expr::MkField(*id, bx(x)));
            }
        }
        Expr::Call(f, args) => {
            out.extend(args.iter().cloned());
            for (i, a) in args.iter().enumerate() {
                for x in expr_variants(a) {
                    let mut args = args.clone();
                    args[i] = x;
                    out.push(Expr::Call(*f, args));
                }
            }
        }
        Expr::Block(b) => {
            out.extend(b.tail.clone());
            for b in block_variants(b) {
                out.push(Expr::Block(bx_block(b)));
            }
        }
        Expr::Labeled(id, b) => {
            out.extend(b.tail.clone());
            out.push(Expr::Block(b.clone()));
            for b in block_variants(b) {
                out.push(Expr::Labeled(*id, bx_block(b)));
            }
        }
        Expr::If(c, a, b) => {
            out.push(Expr::Block(a.clone()));
            out.push(Expr::Block(b.clone()));
            for x in cond_variants(c) {
                out.push(Expr::If(Box::new(x), a.clone(), b.clone()));
            }
            for x in block_variants(a) {
                out.push(Expr::If(c.clone(), bx_block(x), b.clone()));
            }
            for x in block_variants(b) {
                out.push(Expr::If(c.clone(), a.clone(), bx_block(x)));
            }
        }
        Expr::Match(s, arms) => {
            out.push((**s).clone());
            for a in arms {
                out.push(Expr::Block(bx_block(a.body.clone())));
            }
            for x in expr_variants(s) {
                out.push(Expr::Match(bx(x), arms.clone()));
            }
            for a in arms_variants(arms) {
                out.push(Expr::Match(s.clone(), a));
            }
        }
        Expr::Loop(l) => {
            if let LoopKind::Loop { value: Some(v), .. } = &l.kind {
                out.push(v.clone());
            }
            for l in loop_variants(l) {
                out.push(Expr::Loop(Box::new(l)));
            }
        }
    }
    out
}

fn bx_block(b: Block) -> Box<Block> {
    Box::new(b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{GenConfig, generate};

    #[test]
    fn candidates_are_valid_and_smaller() {
        for seed in 0..20 {
            let p = generate(seed, &GenConfig::default());
            let cands = candidates(&p);
            assert!(!cands.is_empty());
            for c in cands {
                assert!(check::valid(&c));
                assert!(c.size() <= p.size());
                assert_ne!(c, p);
            }
        }
    }
}
