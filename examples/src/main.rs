//! `baozi-examples`: runs the seed tutorial's programs, and the programs
//! beyond it. See `--help`, and the `examples` library for the programs
//! themselves.

use std::io::{self, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut stdout = io::stdout().lock();
    match examples::run(std::env::args_os().skip(1), &mut stdout) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            let _ = stdout.flush();
            eprintln!("baozi-examples: {error}");
            match error {
                examples::Error::Usage(_) => ExitCode::from(2),
                examples::Error::Io(_) | examples::Error::Failed(_) => ExitCode::FAILURE,
                // The exit code of a process killed by SIGKILL, as shells report it.
                examples::Error::Crashed { .. } => ExitCode::from(137),
            }
        }
    }
}
