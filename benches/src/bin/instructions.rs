//! Runs one workload once with one implementation, for instruction counts:
//!
//! ```sh
//! instructions list                          # workload, implementation, default n, items
//! instructions sizes                         # size_of_val of each generator object
//! instructions run <workload> <impl> [n]     # run once, check, print the checksum
//! valgrind --tool=callgrind --toggle-collect='*measured*' \
//!     target/release/instructions run count baozi_while 1000000
//! ```
//!
//! The implementations are [`workloads`]'s: besides `hand` (the enum
//! baseline) and `baozi`, `struct` (the hand-written struct baseline).
//! `benches/ir-diff.sh` gives instructions per item as the difference of two
//! runs (set-up cancels).

use std::process::ExitCode;

use baozi_benches::{Run, sizes, workloads};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["list"] => {
            for w in workloads() {
                for (name, _) in &w.impls {
                    println!("{}\t{name}\t{}\t{}", w.name, w.n, (w.items)(w.n));
                }
            }
        }
        ["sizes"] => {
            for (w, imp, bytes) in sizes() {
                println!("{w}\t{imp}\t{bytes}");
            }
        }
        ["run", workload, imp, rest @ ..] => {
            let Some(w) = workloads().into_iter().find(|w| w.name == *workload) else {
                eprintln!("unknown workload {workload}");
                return ExitCode::FAILURE;
            };
            let Some(&(_, run)) = w.impls.iter().find(|(name, _)| name == imp) else {
                eprintln!("unknown implementation {imp} of {workload}");
                return ExitCode::FAILURE;
            };
            let n = match rest {
                [] => w.n,
                [n] => match n.parse() {
                    Ok(n) => n,
                    Err(e) => {
                        eprintln!("bad n {n}: {e}");
                        return ExitCode::FAILURE;
                    }
                },
                _ => return usage(),
            };
            if w.name == "tree" {
                baozi_benches::tree(n); // build it outside the measured code
            }
            let got = measured(run, std::hint::black_box(n));
            let expected = (w.expected)(n);
            println!("{workload}\t{imp}\t{n}\t{got}");
            if got != expected {
                eprintln!("wrong result: got {got}, expected {expected}");
                return ExitCode::FAILURE;
            }
        }
        _ => return usage(),
    }
    ExitCode::SUCCESS
}

/// The only code callgrind counts (`--toggle-collect='*measured*'`).
#[inline(never)]
fn measured(run: Run, n: u64) -> u64 {
    run(n)
}

fn usage() -> ExitCode {
    eprintln!("usage: instructions list | sizes | run <workload> <impl> [n]");
    ExitCode::FAILURE
}
