//! Criterion benchmarks: one group per workload, one bench per
//! implementation; every implementation's result is checked against the
//! reference once before the group runs.
//!
//! ```sh
//! cargo bench -p baozi-benches                                     # stable
//! RUSTC_BOOTSTRAP=1 cargo bench -p baozi-benches --features native # + rustc coroutines
//! ```
//!
//! Results land in `target/criterion/<workload>/<implementation>/new/`;
//! `run.sh` turns them into one table.

use std::hint::black_box;
use std::time::Duration;

use baozi_benches::workloads;
use criterion::{Criterion, SamplingMode, Throughput, criterion_group, criterion_main};

fn generators(c: &mut Criterion) {
    for w in workloads() {
        let expected = (w.expected)(w.n);
        for (name, run) in &w.impls {
            assert_eq!(run(w.n), expected, "{}/{name}: wrong result", w.name);
        }
        let mut g = c.benchmark_group(w.name);
        g.throughput(Throughput::Elements((w.items)(w.n)));
        // Each iteration runs a whole workload (milliseconds): sample flat.
        g.sampling_mode(SamplingMode::Flat);
        for (name, run) in &w.impls {
            g.bench_function(*name, |b| b.iter(|| run(black_box(w.n))));
        }
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = generators
}
criterion_main!(benches);
