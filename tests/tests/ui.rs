//! Compile-fail and compile-pass tests: every misuse `#[generator]`
//! diagnoses, with its reviewed message in `tests/ui/fail/*.stderr`.
//! Rerun with `TRYBUILD=overwrite` after a deliberate change, and review.

#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.compile_fail("ui/fail/*.rs");
    t.pass("ui/pass/*.rs");
}
