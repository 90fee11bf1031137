//! Differential testing of `#[generator]` against rustc's native coroutines.
//!
//! [`generate::generate`] makes a random generator program from a seed; each
//! program is printed twice, as a `#[generator(yield = i64, resume = i64)]`
//! function and as a `#[coroutine]` closure with the same body (the native
//! one ignores its first resume argument, as baozi does). Many programs go
//! into one generated crate (under `target/difftest/`, built with
//! `RUSTC_BOOTSTRAP=1`), whose driver resumes each pair with the same values
//! and compares, event by event, the yielded values, the trace written by
//! `lg` and by `Tr`'s constructor and `Drop`, the completion value and
//! panics; then it does it again dropping the generator after each of its
//! first yields. A mismatch is minimised ([`minimize`]) and reported with its
//! seed.
//!
//! ```no_run
//! let cfg = baozi_difftest::Config { seed: 1, programs: 300, ..Default::default() };
//! let report = baozi_difftest::run(&cfg, &baozi_difftest::Runner::for_workspace()).unwrap();
//! assert!(report.findings.is_empty(), "{report}");
//! ```

pub mod ast;
pub mod check;
pub mod emit;
pub mod generate;
pub mod minimize;
pub mod rng;
pub mod run;

use std::fmt;
use std::time::{Duration, Instant};

pub use emit::Case;
pub use generate::GenConfig;
pub use run::{Outcome, Runner};

use ast::Flavor;
use rng::Rng;

/// One differential-testing run.
#[derive(Clone, Debug)]
pub struct Config {
    /// Seeds the whole run: program `i` gets the `i`-th number of this seed's
    /// stream as its own seed.
    pub seed: u64,
    /// How many programs.
    pub programs: usize,
    /// Programs per generated crate.
    pub per_crate: usize,
    pub generator: GenConfig,
    /// Minimise mismatches (each costs a few builds).
    pub minimize: bool,
    /// Rounds of minimisation, at most.
    pub max_minimize_rounds: usize,
    /// Findings minimised, at most (the rest are reported as found).
    pub max_minimized: usize,
    /// Progress on stderr.
    pub verbose: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: 0,
            programs: 200,
            per_crate: 150,
            generator: GenConfig::default(),
            minimize: true,
            max_minimize_rounds: 40,
            max_minimized: 5,
            verbose: false,
        }
    }
}

/// The case (program and inputs) for a program seed.
pub fn case_for(program_seed: u64, generator: &GenConfig) -> Case {
    let program = generate::generate(program_seed, generator);
    let mut r = Rng::new(program_seed ^ 0x05EE_D0F1_A9A7);
    Case {
        program,
        a0: r.range(-2, 9),
        a1: r.range(-2, 9),
        resume_seed: r.next_u64(),
    }
}

/// The program seeds of a run.
pub fn program_seeds(seed: u64, n: usize) -> Vec<u64> {
    let mut r = Rng::new(seed);
    (0..n).map(|_| r.fork()).collect()
}

/// A mismatch between baozi and rustc.
#[derive(Clone, Debug)]
pub struct Finding {
    /// Regenerates the program: `--program-seed`.
    pub program_seed: u64,
    pub case: Case,
    pub outcome: Outcome,
    /// The minimised case and its outcome.
    pub minimized: Option<(Case, Outcome)>,
}

/// The result of [`run()`].
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub seed: u64,
    /// Programs compared (both flavours compiled and ran).
    pub compared: usize,
    pub findings: Vec<Finding>,
    /// Programs whose native flavour did not compile (generator bugs):
    /// program seed and errors.
    pub invalid: Vec<(u64, String)>,
    pub elapsed: Duration,
}

/// Generates, builds and compares `cfg.programs` programs.
pub fn run(cfg: &Config, runner: &Runner) -> Result<Report, String> {
    let start = Instant::now();
    let seeds = program_seeds(cfg.seed, cfg.programs);
    let mut report = Report {
        seed: cfg.seed,
        ..Report::default()
    };
    for (k, chunk) in seeds.chunks(cfg.per_crate.max(1)).enumerate() {
        let cases: Vec<Case> = chunk.iter().map(|&s| case_for(s, &cfg.generator)).collect();
        let name = format!("s{}-{k}", cfg.seed);
        let outcomes = runner.run_batch(&name, &cases)?;
        for ((&seed, case), outcome) in chunk.iter().zip(cases).zip(outcomes) {
            match &outcome {
                Outcome::Same => report.compared += 1,
                Outcome::Invalid { errors } => report.invalid.push((seed, errors.clone())),
                _ => {
                    if matches!(outcome, Outcome::Diff { .. } | Outcome::Crash { .. }) {
                        report.compared += 1;
                    }
                    report.findings.push(Finding {
                        program_seed: seed,
                        case,
                        outcome,
                        minimized: None,
                    });
                }
            }
        }
        if cfg.verbose {
            eprintln!(
                "difftest: {} programs, {} findings, {} invalid, {:.1?}",
                (k * cfg.per_crate + chunk.len()),
                report.findings.len(),
                report.invalid.len(),
                start.elapsed()
            );
        }
    }
    if cfg.minimize {
        for f in report.findings.iter_mut().take(cfg.max_minimized) {
            let name = format!("min-{}", cfg.seed);
            f.minimized = Some(minimize::minimize(
                runner,
                &name,
                &f.case,
                &f.outcome,
                cfg.max_minimize_rounds,
                cfg.verbose,
            )?);
        }
    }
    report.elapsed = start.elapsed();
    Ok(report)
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Same => write!(f, "same behaviour"),
            Outcome::Diff {
                scenario,
                baozi,
                native,
            } => {
                let (b, n) = (words(baozi), words(native));
                let common = b.iter().zip(&n).take_while(|(x, y)| x == y).count();
                writeln!(
                    f,
                    "behaviour differs ({scenario}) after {common} common events"
                )?;
                writeln!(f, "  baozi:  {baozi}")?;
                writeln!(f, "  native: {native}")?;
                write!(
                    f,
                    "  first difference: baozi {:?} vs native {:?}",
                    b.get(common).copied().unwrap_or("<end>"),
                    n.get(common).copied().unwrap_or("<end>")
                )
            }
            Outcome::BaoziRejected { errors } => {
                write!(f, "baozi rejects a program rustc accepts:\n{errors}")
            }
            Outcome::Invalid { errors } => write!(f, "invalid program (generator bug):\n{errors}"),
            Outcome::Crash { output } => write!(f, "driver crashed:\n{output}"),
            Outcome::Skipped => write!(f, "not run"),
        }
    }
}

fn words(s: &str) -> Vec<&str> {
    s.split(' ').collect()
}

/// Events: `+tI:V`/`-tI:V` a `Tr` created/dropped, `cI` consumed, `fI`
/// finished (`t.finish()`), `gI` read by `t.get()`, `bI:V` bumped, `Lx`
/// `lg(x)`, `Rr` resumed with `r`, `Yy` yielded `y`, `C..` completed,
/// `P..` panicked, `drop` the generator is dropped, `limit` too many resumes.
pub const EVENT_LEGEND: &str = "events: R<r> resume(r), Y<y> yielded, C<..> completed, P<msg> panicked, \
     +tI:V/-tI:V Tr created/dropped, cI consumed, fI finished, gI get, bI:V bumped, \
     L<x> lg(x), drop = generator dropped";

fn print_case(f: &mut fmt::Formatter<'_>, c: &Case) -> fmt::Result {
    writeln!(
        f,
        "// driven with a0 = {}, a1 = {}, p = mk(0, a0), resume seed {}",
        c.a0, c.a1, c.resume_seed
    )?;
    writeln!(f, "{}", c.program.baozi_fn("g"))
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "=== program seed {} ===", self.program_seed)?;
        writeln!(f, "{}", self.outcome)?;
        print_case(f, &self.case)?;
        if let Some((c, o)) = &self.minimized {
            writeln!(f, "--- minimised (size {}) ---", c.program.size())?;
            writeln!(f, "{o}")?;
            print_case(f, c)?;
            writeln!(
                f,
                "native body:\n{}",
                c.program.body_text(Flavor::Native, 0)
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "seed {}: {} programs compared, {} findings, {} invalid, {:.1?}",
            self.seed,
            self.compared,
            self.findings.len(),
            self.invalid.len(),
            self.elapsed
        )?;
        if !self.findings.is_empty() {
            writeln!(f, "{EVENT_LEGEND}")?;
        }
        for x in &self.findings {
            writeln!(f, "{x}")?;
        }
        for (seed, errors) in &self.invalid {
            writeln!(f, "invalid program, seed {seed}:\n{errors}")?;
        }
        Ok(())
    }
}
