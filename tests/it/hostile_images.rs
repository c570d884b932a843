//! Fuzzing in the suite, as for PDFs in `hostile_pdfs.rs`: damaged images through the figure
//! check and the renderer, damaged PDFs through `extract`. A few hundred cases here; set
//! `UPPFOLJNING_FUZZ_CASES` for a longer run (the cargo-fuzz targets `figures` and `extract`
//! in `fuzz/` search further).

use std::path::Path;
use std::sync::LazyLock;

use proptest::prelude::*;
use uppfoljning::internals::{ImageFiles, ImageFormat, check};
use uppfoljning::{Renderer, Setup};

use crate::common::MINIMAL;

fn fuzz_cases() -> u32 {
    std::env::var("UPPFOLJNING_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .map_or(150, |n: u32| n / 2)
}

/// Real images of each kind, made by real encoders (and an SVG as drawing programs write it).
static IMAGES: LazyLock<Vec<Vec<u8>>> = LazyLock::new(|| {
    let encode = |format| crate::common::encoded_image(48, 32, format);
    vec![
        encode(image::ImageFormat::Png),
        encode(image::ImageFormat::Jpeg),
        include_bytes!("../../samples/bilder/belaggning.svg").to_vec(),
    ]
});

static RENDERER: LazyLock<Renderer> =
    LazyLock::new(|| Renderer::new(Setup::default()).expect("the default setup"));

/// One image served as `bild` to the report.
struct One(Vec<u8>);

impl ImageFiles for One {
    fn read(&self, _: &str) -> Result<std::sync::Arc<[u8]>, uppfoljning::internals::ImageUnread> {
        Ok(self.0.as_slice().into())
    }
}

fn damaged(image: usize, cuts: &[(usize, u8)], keep: usize) -> Vec<u8> {
    let mut bytes = IMAGES[image].clone();
    for (at, byte) in cuts {
        let at = at % bytes.len();
        bytes[at] = *byte;
    }
    bytes.truncate(keep % (bytes.len() + 1));
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: fuzz_cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A damaged image is refused at its figure, or renders: never a panic, never a typst
    /// error blamed on the templates.
    #[test]
    fn a_damaged_image_is_refused_or_renders(
        image in 0..3usize,
        cuts in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6),
        keep in any::<usize>(),
    ) {
        let bytes = damaged(image, &cuts, keep);
        let checked = std::panic::catch_unwind(|| {
            ImageFormat::detect(&bytes).map(|format| check(&bytes, format))
        });
        prop_assert!(checked.is_ok(), "the check panicked");
        let yaml = format!("{MINIMAL}      - figure: {{image: bild, alt: En bild}}\n");
        let path = Path::new("in.yaml");
        match uppfoljning::internals::parse_report_in(&yaml, path, &One(bytes.clone())) {
            Ok(report) => {
                prop_assert!(matches!(checked, Ok(Some(Ok(_)))), "accepted only what passed");
                let rendered = RENDERER.render(&report, &yaml, path);
                prop_assert!(rendered.is_ok(), "an accepted image failed to render: {:?}", rendered.err().map(|e| e.to_string()));
            }
            Err(err) => {
                let text = err.diagnostics().iter().map(|d| d.message.clone()).collect::<Vec<_>>().join("\n");
                prop_assert!(text.contains("\"bild\""), "{text}");
            }
        }
    }
}

/// A PDF with an embedded source and figure, rendered once.
static PDF: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let run = crate::common::Test::new()
        .file(
            "r.yaml",
            format!("{MINIMAL}      - figure: {{image: bilder/b.png, alt: En bild}}\n"),
        )
        .file("bilder/b.png", &IMAGES[0])
        .args(&["render", "r.yaml", "--embed-source"])
        .status(0)
        .run();
    run.read("r.pdf")
});

proptest! {
    #![proptest_config(ProptestConfig {
        cases: fuzz_cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// `extract` of a damaged PDF writes all its files inside the output folder, or none.
    #[test]
    fn a_damaged_pdf_is_extracted_whole_or_not_at_all(
        cuts in prop::collection::vec((any::<usize>(), any::<u8>()), 1..8),
    ) {
        let mut pdf = PDF.clone();
        for (at, byte) in &cuts {
            let at = at % pdf.len();
            pdf[at] = *byte;
        }
        let dir = tempfile::tempdir().expect("a folder");
        let input = dir.path().join("in.pdf");
        std::fs::write(&input, &pdf).expect("written");
        let out = dir.path().join("out");
        std::fs::create_dir(&out).expect("a folder");
        let result = std::panic::catch_unwind(|| {
            uppfoljning::internals::extract(&input, Some(&out.join("r.yaml")), false)
        });
        prop_assert!(result.is_ok(), "extract panicked");
        let mut outside: Vec<_> = std::fs::read_dir(dir.path()).expect("listed")
            .map(|e| e.expect("an entry").file_name())
            .collect();
        outside.sort();
        prop_assert_eq!(outside, ["in.pdf", "out"]);
        let written: Vec<_> = std::fs::read_dir(&out).expect("listed")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        match result.expect("no panic") {
            Ok(()) => prop_assert!(written.contains(&"r.yaml".to_owned()), "{written:?}"),
            Err(_) => prop_assert!(written.is_empty(), "a failure left {written:?}"),
        }
    }
}
