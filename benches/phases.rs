//! The phases of one render of the sample, so the next optimisation has a target:
//! parse YAML + validate, template, Typst parse, typst compile, PDF export, write.

// criterion_group! makes a public function it gives no documentation.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use uppfoljning::internals::write_atomically;
use uppfoljning::parse_report;
use uppfoljning::{Renderer, Setup};

const SAMPLE: &str = include_str!("../samples/coachning-2015.yaml");

fn phases(c: &mut Criterion) {
    let path = Path::new("samples/coachning-2015.yaml");
    let renderer = Renderer::new(Setup::default()).expect("the default setup");
    let report = parse_report(SAMPLE, path).expect("the sample is valid");
    let world = renderer.world(&report, SAMPLE, path).expect("a world");
    let document = renderer.compile(&world, path).expect("compiles");
    let pdf = renderer
        .export(&world, &document, &report, path)
        .expect("exports");
    let out = tempfile::tempdir().expect("a folder");
    let out = out.path().join("out.pdf");

    let mut group = c.benchmark_group("phase");
    group.bench_function("1 parse+validate", |b| {
        b.iter(|| parse_report(black_box(SAMPLE), path))
    });
    group.bench_function("2 template", |b| {
        b.iter(|| renderer.typst_source(black_box(&report), path))
    });
    group.bench_function("2+3 template + typst parse", |b| {
        b.iter(|| renderer.world(black_box(&report), SAMPLE, path))
    });
    // Each compile gets a new world and starts from empty caches, as every report does (see
    // Renderer::render). A loop of compiles that keeps its caches measures nothing a user
    // meets, and slows every later benchmark in the process down tenfold.
    group.bench_function("4 compile", |b| {
        b.iter_batched(
            || renderer.world(&report, SAMPLE, path).expect("a world"),
            |world| {
                let document = renderer.compile(black_box(&world), path);
                comemo::evict(0);
                (document, world)
            },
            BatchSize::SmallInput,
        )
    });
    group.bench_function("5 export", |b| {
        b.iter(|| renderer.export(&world, black_box(&document), &report, path))
    });
    group.bench_function("6 write", |b| {
        b.iter(|| write_atomically(&out, black_box(&pdf)))
    });
    group.bench_function("all: render", |b| {
        b.iter(|| renderer.render(black_box(&report), SAMPLE, path))
    });
    group.finish();
}

criterion_group!(benches, phases);
criterion_main!(benches);
