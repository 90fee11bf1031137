//! A fixed-seed differential run against rustc's native coroutines, as part
//! of `cargo test --workspace`: a few hundred random generators, built in
//! `target/difftest/` with `RUSTC_BOOTSTRAP=1`. Fails on any mismatch,
//! printing the program and its minimised form.
//!
//! The shapes of the known, still open baozi bugs (`tests/regressions.rs`)
//! are not generated here (`Avoid::all()`), so that this test guards against
//! new bugs; `cargo run -p baozi-difftest --release` generates everything.
//!
//! Environment knobs: `BAOZI_DIFFTEST_SEED`, `BAOZI_DIFFTEST_PROGRAMS`,
//! `BAOZI_DIFFTEST_ALL=1` (also generate the known bugs' shapes).

use std::time::Instant;

use baozi_difftest::generate::{Avoid, GenConfig};
use baozi_difftest::{Config, Runner, run};

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map(|v| v.parse().unwrap_or_else(|e| panic!("{name}={v:?}: {e}")))
        .unwrap_or(default)
}

#[test]
fn random_generators_behave_like_rustc_coroutines() {
    let all = std::env::var_os("BAOZI_DIFFTEST_ALL").is_some_and(|v| v == "1");
    let cfg = Config {
        seed: env_num("BAOZI_DIFFTEST_SEED", 20_261_126),
        programs: env_num("BAOZI_DIFFTEST_PROGRAMS", 300) as usize,
        per_crate: 150,
        generator: GenConfig {
            avoid: if all { Avoid::default() } else { Avoid::all() },
            ..GenConfig::default()
        },
        minimize: true,
        max_minimized: 2,
        max_minimize_rounds: 30,
        verbose: false,
    };
    let start = Instant::now();
    let report = run(&cfg, &Runner::for_workspace()).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "difftest: seed {}: {} programs compared in {:.1?}",
        cfg.seed,
        report.compared,
        start.elapsed()
    );
    let flag = if all { "" } else { "--avoid-known-bugs " };
    assert!(
        report.findings.is_empty() && report.invalid.is_empty(),
        "baozi differs from rustc's coroutines (reproduce one program with \
         `cargo run -p baozi-difftest --release -- {flag}--program-seed <seed>`):\n{report}"
    );
    assert!(report.compared >= cfg.programs * 9 / 10, "{report}");
}
