//! Builds and runs a generated crate with `RUSTC_BOOTSTRAP=1`, and turns its
//! output into one [`Outcome`] per case.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::emit::{self, Case};

/// What happened to one case.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Both flavours produced the same events in every scenario.
    Same,
    /// The event logs differ in `scenario` (`run`, or `drop@k`: dropped after
    /// the k-th yield).
    Diff {
        scenario: String,
        baozi: String,
        native: String,
    },
    /// The native flavour compiles, the baozi one does not.
    BaoziRejected { errors: String },
    /// The native flavour does not compile: a bug of the generator.
    Invalid { errors: String },
    /// The driver process died (abort, stack overflow, hang) in this case.
    Crash { output: String },
    /// Not run: an earlier case crashed and the batch was stopped.
    Skipped,
}

impl Outcome {
    /// A mismatch between baozi and rustc (not a generator problem).
    pub fn is_finding(&self) -> bool {
        matches!(
            self,
            Outcome::Diff { .. } | Outcome::BaoziRejected { .. } | Outcome::Crash { .. }
        )
    }

    /// The kind of outcome, for "does the mismatch persist" while minimising.
    pub fn kind(&self) -> &'static str {
        match self {
            Outcome::Same => "same",
            Outcome::Diff { .. } => "diff",
            Outcome::BaoziRejected { .. } => "rejected",
            Outcome::Invalid { .. } => "invalid",
            Outcome::Crash { .. } => "crash",
            Outcome::Skipped => "skipped",
        }
    }
}

/// Where generated crates are written and built.
#[derive(Clone, Debug)]
pub struct Runner {
    /// Parent of the generated crates and of their shared target dir.
    pub work_dir: PathBuf,
    /// Absolute path of the `baozi-core` crate.
    pub baozi_core: PathBuf,
    /// A `Cargo.lock` to start from (the workspace's), so that the
    /// dependencies of baozi resolve to the versions already built/cached.
    pub lockfile: Option<PathBuf>,
    /// Time limit for one run of a driver binary.
    pub run_timeout: Duration,
    /// Print cargo's commands and timings.
    pub verbose: bool,
}

#[derive(Clone, Debug)]
enum Status {
    Full,
    /// The baozi flavour failed to compile; the native one is still built
    /// to tell a baozi rejection from an invalid program.
    NativeOnly(String),
    Excluded(String),
}

impl Runner {
    /// The runner for this workspace: crates under `<target>/difftest`.
    pub fn for_workspace() -> Runner {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf();
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target"));
        let target = if target.is_absolute() {
            target
        } else {
            root.join(target)
        };
        let lock = root.join("Cargo.lock");
        Runner {
            work_dir: target.join("difftest"),
            baozi_core: root.join("baozi-core"),
            lockfile: lock.exists().then_some(lock),
            run_timeout: Duration::from_secs(20),
            verbose: false,
        }
    }

    fn target_dir(&self) -> PathBuf {
        self.work_dir.join("target")
    }

    fn cargo(&self) -> Command {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut c = Command::new(cargo);
        c.env("RUSTC_BOOTSTRAP", "1")
            .env("CARGO_TARGET_DIR", self.target_dir())
            .env("CARGO_INCREMENTAL", "0")
            .env_remove("CARGO_BUILD_TARGET_DIR")
            .env_remove("CARGO_MANIFEST_DIR")
            .env_remove("CARGO_PRIMARY_PACKAGE");
        c
    }

    /// Writes the crate `name` for `cases`, builds it, runs it, and returns
    /// one outcome per case.
    pub fn run_batch(&self, name: &str, cases: &[Case]) -> Result<Vec<Outcome>, String> {
        self.run_batch_opts(name, cases, false)
    }

    /// [`run_batch`](Self::run_batch); with `stop_at_crash`, the cases after
    /// the first crash are [`Outcome::Skipped`].
    pub fn run_batch_opts(
        &self,
        name: &str,
        cases: &[Case],
        stop_at_crash: bool,
    ) -> Result<Vec<Outcome>, String> {
        let dir = self.work_dir.join(name);
        let src = dir.join("src");
        let package = format!("dt_{}", name.replace(['-', '.'], "_"));
        self.write_manifest(&dir, &package)?;
        for (i, c) in cases.iter().enumerate() {
            write(&src.join(format!("b{i}.rs")), &emit::baozi_file(&c.program))?;
            write(
                &src.join(format!("n{i}.rs")),
                &emit::native_file(&c.program),
            )?;
        }

        let mut status = vec![Status::Full; cases.len()];
        loop {
            let compiled: Vec<usize> = (0..cases.len())
                .filter(|&i| !matches!(status[i], Status::Excluded(_)))
                .collect();
            let full: Vec<usize> = (0..cases.len())
                .filter(|&i| matches!(status[i], Status::Full))
                .collect();
            let mut main = emit::main_rs(cases, &full);
            for &i in &compiled {
                if !full.contains(&i) {
                    main.push_str(&format!("mod n{i};\n"));
                }
            }
            write(&src.join("main.rs"), &main)?;
            let t = Instant::now();
            let out = self
                .cargo()
                .args(["build", "--quiet", "--message-format=short"])
                .current_dir(&dir)
                .stdin(Stdio::null())
                .output()
                .map_err(|e| format!("running cargo: {e}"))?;
            if self.verbose {
                eprintln!(
                    "difftest: built {name} ({} programs) in {:.1?}",
                    compiled.len(),
                    t.elapsed()
                );
            }
            if out.status.success() {
                break;
            }
            let stderr = String::from_utf8_lossy(&out.stderr);
            let errors = attribute_errors(&stderr);
            if errors.is_empty() {
                return Err(format!(
                    "cargo build failed in {}:\n{stderr}",
                    dir.display()
                ));
            }
            for (i, (b_err, n_err)) in errors {
                if i >= cases.len() {
                    return Err(format!("error in unknown file:\n{stderr}"));
                }
                if !n_err.is_empty() {
                    status[i] = Status::Excluded(n_err);
                } else if matches!(status[i], Status::Full) {
                    status[i] = Status::NativeOnly(b_err);
                    let _ = fs::remove_file(src.join(format!("b{i}.rs")));
                } else {
                    return Err(format!("unexpected error for case {i}:\n{stderr}"));
                }
            }
        }

        let mut outcomes: Vec<Option<Outcome>> = status
            .iter()
            .map(|s| match s {
                Status::Full => None,
                Status::NativeOnly(e) => Some(Outcome::BaoziRejected { errors: e.clone() }),
                Status::Excluded(e) => Some(Outcome::Invalid { errors: e.clone() }),
            })
            .collect();
        let exe = self
            .target_dir()
            .join("debug")
            .join(format!("{package}{}", std::env::consts::EXE_SUFFIX));
        let mut from = 0;
        loop {
            let (ok, stdout) = self.run_exe(&exe, from, &dir)?;
            let mut last_start = None;
            let mut in_native = false;
            let mut lines = stdout.lines();
            while let Some(line) = lines.next() {
                if let Some(i) = line.strip_prefix("START ") {
                    last_start = Some(i.parse::<usize>().map_err(|e| e.to_string())?);
                } else if line == "NATIVE" || line == "BAOZI" {
                    in_native = line == "NATIVE";
                } else if let Some(i) = line.strip_prefix("OK ") {
                    outcomes[parse_idx(i)?] = Some(Outcome::Same);
                    last_start = None;
                } else if let Some(rest) = line.strip_prefix("DIFF ") {
                    let (i, scenario) = rest.split_once(' ').ok_or("bad DIFF line")?;
                    let baozi = lines
                        .next()
                        .unwrap_or("")
                        .trim_start_matches("B ")
                        .to_string();
                    let native = lines
                        .next()
                        .unwrap_or("")
                        .trim_start_matches("N ")
                        .to_string();
                    outcomes[parse_idx(i)?] = Some(Outcome::Diff {
                        scenario: scenario.to_string(),
                        baozi,
                        native,
                    });
                    last_start = None;
                }
            }
            if ok {
                break;
            }
            let Some(i) = last_start else {
                return Err(format!("driver failed outside of a case:\n{stdout}"));
            };
            let output = stdout.lines().rev().take(5).collect::<Vec<_>>().join("\n");
            outcomes[i] = Some(if in_native {
                Outcome::Invalid {
                    errors: format!("the native flavour crashed or hung:\n{output}"),
                }
            } else {
                Outcome::Crash { output }
            });
            if stop_at_crash {
                for o in outcomes.iter_mut().filter(|o| o.is_none()) {
                    *o = Some(Outcome::Skipped);
                }
                break;
            }
            from = i + 1;
        }
        let _ = fs::remove_file(&exe);
        outcomes
            .into_iter()
            .enumerate()
            .map(|(i, o)| o.ok_or_else(|| format!("no result for case {i}")))
            .collect()
    }

    /// Builds and runs `src` as the `main.rs` of a crate depending on
    /// baozi-core (for reproducers that baozi fails to compile): its stdout,
    /// or the compile errors / the failure.
    pub fn run_snippet(&self, name: &str, src: &str) -> Result<String, String> {
        let dir = self.work_dir.join(name);
        let package = format!("dt_{}", name.replace(['-', '.'], "_"));
        self.write_manifest(&dir, &package)?;
        write(&dir.join("src").join("main.rs"), src)?;
        let out = self
            .cargo()
            .args(["run", "--quiet", "--message-format=short"])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("running cargo: {e}"))?;
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if out.status.success() {
            Ok(stdout)
        } else {
            Err(format!("{stdout}{}", String::from_utf8_lossy(&out.stderr)))
        }
    }

    fn write_manifest(&self, dir: &Path, package: &str) -> Result<(), String> {
        let src = dir.join("src");
        if src.exists() {
            fs::remove_dir_all(&src).map_err(|e| format!("{}: {e}", src.display()))?;
        }
        fs::create_dir_all(&src).map_err(|e| format!("{}: {e}", src.display()))?;
        let manifest = format!(
            "[package]\nname = \"{package}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\nbaozi-core = {{ path = {:?} }}\n\n\
             [profile.dev]\ndebug = 0\noverflow-checks = false\nincremental = false\n\n\
             [workspace]\n",
            self.baozi_core.display().to_string()
        );
        write(&dir.join("Cargo.toml"), &manifest)?;
        if let Some(lock) = &self.lockfile {
            let dst = dir.join("Cargo.lock");
            if !dst.exists() {
                fs::copy(lock, &dst).map_err(|e| format!("{}: {e}", dst.display()))?;
            }
        }
        Ok(())
    }

    /// Runs the driver from case `from`: (exited successfully, stdout).
    fn run_exe(&self, exe: &Path, from: usize, dir: &Path) -> Result<(bool, String), String> {
        let out_path = dir.join("stdout.txt");
        let out_file = fs::File::create(&out_path).map_err(|e| e.to_string())?;
        let mut child = Command::new(exe)
            .arg(from.to_string())
            .stdin(Stdio::null())
            .stdout(out_file)
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("running {}: {e}", exe.display()))?;
        let start = Instant::now();
        let ok = loop {
            if let Some(st) = child.try_wait().map_err(|e| e.to_string())? {
                break st.success();
            }
            if start.elapsed() > self.run_timeout {
                let _ = child.kill();
                let _ = child.wait();
                break false;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let stdout = fs::read_to_string(&out_path).map_err(|e| e.to_string())?;
        let ok = ok && stdout.lines().last() == Some("DONE");
        Ok((ok, stdout))
    }
}

fn parse_idx(s: &str) -> Result<usize, String> {
    s.trim()
        .parse()
        .map_err(|e| format!("bad index {s:?}: {e}"))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Compile errors by case: (errors in `b{i}.rs`, errors in `n{i}.rs`).
fn attribute_errors(stderr: &str) -> BTreeMap<usize, (String, String)> {
    let mut map: BTreeMap<usize, (String, String)> = BTreeMap::new();
    for line in stderr.lines() {
        if !line.contains("error") {
            continue;
        }
        let Some(pos) = line.find("src/") else {
            continue;
        };
        let rest = &line[pos + 4..];
        let flavor = rest.chars().next();
        let digits: String = rest[1..]
            .chars()
            .take_while(|c| c.is_ascii_digit())
            .collect();
        if digits.is_empty() || !rest[1 + digits.len()..].starts_with(".rs:") {
            continue;
        }
        let i: usize = digits.parse().unwrap();
        let entry = map.entry(i).or_default();
        match flavor {
            Some('b') => {
                entry.0.push_str(line);
                entry.0.push('\n');
            }
            Some('n') => {
                entry.1.push_str(line);
                entry.1.push('\n');
            }
            _ => {}
        }
    }
    map
}
