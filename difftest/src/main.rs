//! `cargo run -p baozi-difftest --release -- --seed S --programs N`
//!
//! Options:
//!   --seed S            seed of the run (default 0)
//!   --programs N        number of programs (default 1000)
//!   --per-crate K       programs per generated crate (default 150)
//!   --program-seed X    only the program with this seed (as printed in a finding)
//!   --print             print the program(s) instead of running them
//!   --no-minimize       report mismatches without minimising them
//!   --max-minimized M   minimise at most M findings (default 5)
//!   --no-temporaries    do not generate `mk(..).v` temporaries
//!   --no-panics         do not generate panics
//!   --no-let-else       do not generate `let ... else`
//!   --no-try            do not generate `?`
//!   --no-methods        do not generate method calls
//!   --no-shadowing      give every local a fresh name
//!   --no-compound-assign  only `x = e;`, no `x += e;`
//!   --no-dead-refs      no `let r = &mut x; *r += e;`, no yield right after
//!                       a dead reference
//!   --no-pairs          no `Pair { name: Tr, n: i64 }` locals, no partial moves
//!   --no-cond-moves     move `Tr` locals only in their own block (no
//!                       `if c { drop(t) }`)
//!   --no-late-decls     no `let mut a: Tr;` / `let a: i64;` assigned later
//!   --no-scoped-blocks  no `{ let t = mk(..); yield_!(t.v); }` blocks
//!   --no-tr-methods     no `t.get()`, `t.bump(e)`, `t.finish()`
//!   --avoid-known-bugs  do not generate the shapes of the known baozi bugs
//!                       (`generate::Avoid`, `tests/regressions.rs`, the
//!                       README's limitations)
//!   --allow BUG         after --avoid-known-bugs: generate this one again
//!                       (`generate::Avoid::NAMES`: let_else_yield,
//!                       try_yield, place_left_of_yield,
//!                       temporary_across_yield, reinit_moved,
//!                       maybe_moved_at_yield, maybe_moved_at_join,
//!                       unknown_method_in_branch,
//!                       pattern_bound_on_some_paths, partial_reinit, partial_move_shadowed,
//!                       cond_reinit_read, partial_move_compare,
//!                       mut_ref_after_yield, partial_move_kept, method_move,
//!                       mut_ref_read_at_yield); repeatable
//!   --baozi-core PATH   test this baozi-core (e.g. a snapshot of a commit)
//!   --quiet             no progress output
//!
//! Exits with 1 when a mismatch was found.

use std::process::ExitCode;

use baozi_difftest::{Config, Runner, ast::Flavor, case_for, program_seeds, run};

fn main() -> ExitCode {
    let mut cfg = Config {
        programs: 1000,
        verbose: true,
        ..Config::default()
    };
    let mut only: Option<u64> = None;
    let mut print = false;
    let mut baozi_core: Option<std::path::PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut num = |what: &str| -> u64 {
            let v = args
                .next()
                .unwrap_or_else(|| panic!("{what} needs a value"));
            v.parse()
                .unwrap_or_else(|e| panic!("{what}: bad number {v:?}: {e}"))
        };
        match a.as_str() {
            "--seed" => cfg.seed = num("--seed"),
            "--programs" => cfg.programs = num("--programs") as usize,
            "--per-crate" => cfg.per_crate = num("--per-crate") as usize,
            "--program-seed" => only = Some(num("--program-seed")),
            "--max-minimized" => cfg.max_minimized = num("--max-minimized") as usize,
            "--print" => print = true,
            "--baozi-core" => baozi_core = args.next().map(Into::into),
            "--no-minimize" => cfg.minimize = false,
            "--no-temporaries" => cfg.generator.temporaries = false,
            "--no-panics" => cfg.generator.panics = false,
            "--no-let-else" => cfg.generator.let_else = false,
            "--no-try" => cfg.generator.try_op = false,
            "--no-methods" => cfg.generator.methods = false,
            "--no-shadowing" => cfg.generator.shadowing = false,
            "--no-compound-assign" => cfg.generator.compound_assign = false,
            "--no-dead-refs" => cfg.generator.dead_refs = false,
            "--no-pairs" => cfg.generator.pairs = false,
            "--no-cond-moves" => cfg.generator.cond_moves = false,
            "--no-late-decls" => cfg.generator.late_decls = false,
            "--no-scoped-blocks" => cfg.generator.scoped_blocks = false,
            "--no-tr-methods" => cfg.generator.tr_methods = false,
            "--avoid-known-bugs" => cfg.generator.avoid = baozi_difftest::generate::Avoid::all(),
            "--allow" => {
                let name = args.next().unwrap_or_default();
                if !cfg.generator.avoid.allow(&name) {
                    eprintln!(
                        "--allow: unknown known bug {name:?} (one of {})",
                        baozi_difftest::generate::Avoid::NAMES.join(", ")
                    );
                    return ExitCode::from(2);
                }
            }
            "--quiet" => cfg.verbose = false,
            "--help" | "-h" => {
                println!(
                    "usage: baozi-difftest [--seed S] [--programs N] [--per-crate K] \
                     [--program-seed X] [--print] [--baozi-core PATH] [--no-minimize] [--max-minimized M] \
                     [--no-temporaries] [--no-panics] [--no-let-else] [--no-try] [--no-methods] \
                     [--no-shadowing] [--no-compound-assign] [--no-dead-refs] [--no-pairs] \
                     [--no-cond-moves] [--no-late-decls] [--no-scoped-blocks] [--no-tr-methods] \
                     [--avoid-known-bugs] [--allow BUG] [--quiet]"
                );
                return ExitCode::SUCCESS;
            }
            _ => {
                eprintln!("unknown argument {a:?} (try --help)");
                return ExitCode::from(2);
            }
        }
    }

    let mut runner = Runner {
        verbose: cfg.verbose,
        ..Runner::for_workspace()
    };
    if let Some(path) = baozi_core {
        let path = std::fs::canonicalize(&path).expect("--baozi-core: no such directory");
        let lock = path.parent().unwrap().join("Cargo.lock");
        runner.lockfile = lock.exists().then_some(lock);
        runner.baozi_core = path;
    }
    if let Some(seed) = only {
        let case = case_for(seed, &cfg.generator);
        if print {
            println!("{}", case.program.baozi_fn("g"));
            println!("{}", case.program.native_fn("g"));
            return ExitCode::SUCCESS;
        }
        let outcome = match runner.run_batch(&format!("one-{seed}"), std::slice::from_ref(&case)) {
            Ok(mut o) => o.remove(0),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        println!("{outcome}");
        println!("{}", case.program.baozi_fn("g"));
        if outcome.is_finding() && cfg.minimize {
            match baozi_difftest::minimize::minimize(
                &runner,
                &format!("min-one-{seed}"),
                &case,
                &outcome,
                cfg.max_minimize_rounds,
                cfg.verbose,
            ) {
                Ok((c, o)) => {
                    println!("--- minimised ---\n{o}\n{}", c.program.baozi_fn("g"));
                    println!("{}", c.program.native_fn("g"));
                }
                Err(e) => eprintln!("{e}"),
            }
        }
        return if outcome.is_finding() {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    if print {
        for s in program_seeds(cfg.seed, cfg.programs) {
            let case = case_for(s, &cfg.generator);
            println!(
                "// program seed {s}\n{}",
                case.program.body_text(Flavor::Baozi, 0)
            );
        }
        return ExitCode::SUCCESS;
    }
    match run(&cfg, &runner) {
        Ok(report) => {
            println!("{report}");
            if report.findings.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("difftest failed: {e}");
            ExitCode::from(2)
        }
    }
}
