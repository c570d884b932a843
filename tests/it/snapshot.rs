//! The generated Typst source of the sample, as a reviewed snapshot: a template change shows
//! up here as a diff (`cargo insta review`).

use std::path::Path;

use uppfoljning::parse_report;
use uppfoljning::{Renderer, Setup};

/// The generated Typst source of the sample at `path`.
fn typst_source(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    let yaml = std::fs::read_to_string(&path).expect("the sample");
    let report = parse_report(&yaml, &path).expect("the sample is valid");
    let renderer = Renderer::new(Setup::default()).expect("the default setup works");
    renderer
        .typst_source(&report, &path)
        .expect("the template renders")
}

#[test]
fn sample_typst_source() {
    insta::assert_snapshot!(typst_source("samples/coachning-2015.yaml"));
}

#[test]
fn long_sample_typst_source() {
    insta::assert_snapshot!(typst_source("samples/verksamhetsuppfoljning.yaml"));
}
