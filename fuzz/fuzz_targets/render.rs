//! The whole path: bytes → YAML → model → Typst → PDF. Any input may be refused, with an
//! error; none may panic, hang, or reach the user as a typst error.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use uppfoljning::Error;
use uppfoljning::parse_report;
use uppfoljning::{Renderer, Setup};

static RENDERER: LazyLock<Renderer> =
    LazyLock::new(|| Renderer::new(Setup::default()).expect("the default setup works"));

fuzz_target!(|data: &[u8]| {
    let Ok(yaml) = std::str::from_utf8(data) else { return };
    let path = Path::new("fuzz.yaml");
    let Ok(report) = parse_report(yaml, path) else { return };
    match RENDERER.render(&report, yaml, path) {
        Ok(rendered) => assert!(rendered.pdf.starts_with(b"%PDF-")),
        Err(err @ Error::Typeset { .. }) => panic!("valid input failed to typeset: {err}"),
        Err(_) => {}
    }
});
