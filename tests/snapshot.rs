//! The generated Typst source of the sample, as a reviewed snapshot: a template change shows
//! up here as a diff (`cargo insta review`).

use std::path::Path;

use uppfoljning::parse::parse_report;
use uppfoljning::render::{Renderer, Setup};

#[test]
fn sample_typst_source() {
    let path = Path::new("samples/coachning-2015.yaml");
    let yaml = include_str!("../samples/coachning-2015.yaml");
    let report = parse_report(yaml, path).expect("the sample is valid");
    let renderer = Renderer::new(Setup::default()).expect("the default setup works");
    let source = renderer
        .typst_source(&report, path)
        .expect("the template renders");
    insta::assert_snapshot!(source);
}

#[test]
fn long_sample_typst_source() {
    let path = Path::new("samples/verksamhetsuppfoljning.yaml");
    let yaml = include_str!("../samples/verksamhetsuppfoljning.yaml");
    let report = parse_report(yaml, path).expect("the sample is valid");
    let renderer = Renderer::new(Setup::default()).expect("the default setup works");
    let source = renderer
        .typst_source(&report, path)
        .expect("the template renders");
    insta::assert_snapshot!(source);
}
