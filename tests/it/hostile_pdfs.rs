//! The PDF-reading paths (`extract`, `verify`) fed hostile PDFs: each gets a clear error
//! within bounded time and memory, never a panic. Hand-made attacks run through the real
//! binary under a memory limit; random damage to a real PDF runs in-process.

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use lopdf::{Document, Object, Stream, dictionary};
use proptest::prelude::*;

use crate::common::{SAMPLE, Test};

/// Address space the binary may use while it reads a hostile PDF: enough for typst and its
/// threads, far too little for a bomb unpacked in memory.
const MEMORY_LIMIT_KIB: u64 = 1_500_000;

/// A PDF whose catalog names one attachment `source.yaml` with `stream` as its file.
pub(crate) fn with_attachment(stream: Stream) -> Vec<u8> {
    with_attachments(vec![("source.yaml".into(), stream)])
}

/// A PDF whose catalog names `files`, each a name and its stream.
pub(crate) fn with_attachments(files: Vec<(String, Stream)>) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let mut names = Vec::new();
    for (name, stream) in files {
        let file = doc.add_object(stream);
        let spec = doc.add_object(dictionary! {
            "Type" => "Filespec",
            "F" => Object::string_literal(name.as_str()),
            "EF" => dictionary! { "F" => file },
        });
        names.push(Object::string_literal(name.as_str()));
        names.push(spec.into());
    }
    let names = dictionary! {
        "EmbeddedFiles" => dictionary! { "Names" => names },
    };
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Names" => names });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("a PDF in memory");
    bytes
}

/// `size` bytes of `byte`, deflated: a few hundred kilobytes that unpack to `size`.
pub(crate) fn bomb(byte: u8, size: u64) -> Stream {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::copy(&mut std::io::repeat(byte).take(size), &mut encoder).expect("deflated");
    let packed = encoder.finish().expect("deflated");
    Stream::new(dictionary! { "Filter" => "FlateDecode" }, packed)
}

/// `data` deflated.
fn deflated(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(data).expect("deflated");
    encoder.finish().expect("deflated")
}

/// A PDF whose catalog (object 1) lies in an object stream (object 2) of `count` objects that
/// holds `content` after its head, found through a cross-reference stream (object 3): the
/// catalog cannot be reached without unpacking the stream. 16 MiB of `0 ` tokens pack into
/// 16 KB.
pub(crate) fn packed_catalog(head: &str, count: usize, content: &[u8]) -> Vec<u8> {
    let mut data = head.as_bytes().to_vec();
    data.extend_from_slice(content);
    let packed = deflated(&data);
    let mut out = b"%PDF-1.7\n".to_vec();
    let stream_at = out.len();
    out.extend(
        format!(
            "2 0 obj\n<< /Type /ObjStm /N {count} /First {} /Filter /FlateDecode /Length {} >>\nstream\n",
            head.len(),
            packed.len()
        )
        .bytes(),
    );
    out.extend(&packed);
    out.extend(b"\nendstream\nendobj\n");
    let xref_at = out.len();
    let mut rows = Vec::new();
    for (kind, second, third) in [
        (0u8, 0u32, 65535u16),
        (2, 2, 0),
        (1, stream_at as u32, 0),
        (1, xref_at as u32, 0),
    ] {
        rows.push(kind);
        rows.extend(second.to_be_bytes());
        rows.extend(third.to_be_bytes());
    }
    out.extend(
        format!(
            "3 0 obj\n<< /Type /XRef /Size 4 /W [1 4 2] /Root 1 0 R /Length {} >>\nstream\n",
            rows.len()
        )
        .bytes(),
    );
    out.extend(&rows);
    out.extend(format!("\nendstream\nendobj\nstartxref\n{xref_at}\n%%EOF\n").bytes());
    out
}

/// A PDF whose catalog holds one unpacked array of `count` zeros (2 bytes each in the file).
pub(crate) fn zeros_array(count: usize) -> Vec<u8> {
    let mut body = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Names [".to_vec();
    body.extend(b"0 ".repeat(count));
    body.extend(b"] >>\nendobj\n");
    let xref = body.len();
    body.extend(
        format!("xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n")
            .bytes(),
    );
    body
}

/// The sample's source with `count` more attachments of 16 MiB each, packed to 16 KB apiece.
pub(crate) fn many_attachments(count: usize) -> Vec<u8> {
    let mut files = vec![(
        "source.yaml".to_owned(),
        Stream::new(dictionary! {}, SAMPLE.as_bytes().to_vec()),
    )];
    for i in 0..count {
        files.push((format!("bilder/{i}.png"), bomb(0, 16 << 20)));
    }
    with_attachments(files)
}

/// A catalog whose name tree points at itself through two references.
fn reference_loop() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let (a, b) = (doc.new_object_id(), doc.new_object_id());
    doc.objects
        .insert(a, Object::Dictionary(dictionary! { "EmbeddedFiles" => b }));
    doc.objects.insert(
        b,
        Object::Dictionary(dictionary! { "Names" => a, "Kids" => vec![a.into()] }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Names" => a });
    doc.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("a PDF in memory");
    bytes
}

/// A PDF with one object nested `depth` arrays deep, written by hand.
fn deep_nesting(depth: usize) -> Vec<u8> {
    let body = format!(
        "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Names {}1{} >>\nendobj\n",
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let xref = body.len();
    format!(
        "{body}xref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    )
    .into_bytes()
}

/// The sample rendered with its source embedded.
fn sample_pdf() -> Vec<u8> {
    let run = Test::new()
        .file("in.yaml", SAMPLE)
        .args(&["render", "in.yaml", "--embed-source"])
        .status(0)
        .run();
    run.read("in.pdf")
}

/// Runs the binary on `pdf` under the memory limit; returns exit code, stderr, time taken and
/// the peak resident memory in KiB.
fn run_limited(args: &[&str], pdf: &[u8], dir: &Path) -> (Option<i32>, String, Duration, i64) {
    std::fs::write(dir.join("hostile.pdf"), pdf).expect("written");
    std::fs::write(dir.join("in.yaml"), SAMPLE).expect("written");
    let started = Instant::now();
    let mut command = Command::new("bash");
    command
        .arg("-c")
        .arg(format!("ulimit -v {MEMORY_LIMIT_KIB}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_uppfoljning"))
        .args(args)
        .current_dir(dir);
    let (code, stderr, peak) = crate::common::measured(command);
    (code, stderr, started.elapsed(), peak)
}

#[test]
fn hostile_pdfs_get_a_clear_error_in_bounded_time_and_memory() {
    let sample = sample_pdf();
    let hostile: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "truncated",
            sample[..sample.len() / 2].to_vec(),
            "is not a PDF that can be read",
        ),
        ("empty", Vec::new(), "is not a PDF that can be read"),
        (
            "reference loop",
            reference_loop(),
            "has no embedded source YAML",
        ),
        (
            "deep nesting",
            deep_nesting(100_000),
            "nests objects more than 32 deep",
        ),
        (
            "compression bomb of 1 GiB",
            with_attachment(bomb(0, 1 << 30)),
            "is not a PDF that can be read",
        ),
        (
            "a YAML attachment of 100 MiB",
            with_attachment(bomb(b'a', 100 << 20)),
            "is not a PDF that can be read",
        ),
        (
            "a catalog in an object stream of 8 million tokens",
            packed_catalog("1 0 ", 8 << 20, &b"0 ".repeat(8 << 20)),
            "holds more than 200000 objects",
        ),
        (
            "a catalog in an object stream that is one array of 8 million zeros",
            packed_catalog(
                "1 0 ",
                1,
                &[b"[".as_slice(), &b"0 ".repeat(8 << 20), b"]"].concat(),
            ),
            "more than the 200000 items",
        ),
        (
            "an unpacked array of 12.5 million zeros",
            zeros_array(12_500_000),
            "more than the 200000 items",
        ),
    ];
    let dir = tempfile::tempdir().expect("a folder");
    for (name, pdf, expected) in &hostile {
        for args in [
            &["extract", "hostile.pdf", "-o", "out.yaml"][..],
            &["verify", "hostile.pdf", "in.yaml"][..],
        ] {
            let (code, stderr, took, peak_kib) = run_limited(args, pdf, dir.path());
            let what = format!("{name}, {}: {stderr}", args[0]);
            assert_eq!(code, Some(1), "{what}");
            // A PDF that reads but has no source is simply not what the YAML renders to; verify
            // only looks for the source's name, so a bomb in the source is never unpacked.
            let unpacked_by_extract_only = name.contains("bomb") || name.contains("attachment of");
            let expected = match (args[0], *expected) {
                ("verify", "has no embedded source YAML") => "does not match in.yaml",
                ("verify", _) if unpacked_by_extract_only => "does not match in.yaml",
                (_, expected) => expected,
            };
            assert!(stderr.contains(expected), "{what}");
            assert!(!stderr.contains("panicked"), "{what}");
            assert!(took < Duration::from_secs(20), "{what}: took {took:?}");
            // The sample's render alone (verify) peaks near 100 MiB; reading the PDF adds
            // little (before the bounded reader: 991 MiB for the object stream of 16 KB).
            assert!(peak_kib < 250 * 1024, "{what}: peak {peak_kib} KiB");
            assert!(
                !dir.path().join("out.yaml").exists(),
                "{what}: wrote a file"
            );
        }
    }
}

#[test]
fn attachments_the_source_does_not_name_are_never_unpacked() {
    // 40 attachments of 16 MiB each (640 MiB unpacked, 650 KB packed) beside the source:
    // verify looks only for the source's name, extract reads only the source and the images
    // it names (none).
    let pdf = many_attachments(40);
    assert!(pdf.len() < 1 << 20, "{} bytes", pdf.len());
    let dir = tempfile::tempdir().expect("a folder");
    let (code, stderr, _, peak_kib) = run_limited(
        &["extract", "hostile.pdf", "-o", "out.yaml"],
        &pdf,
        dir.path(),
    );
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.yaml")).expect("written"),
        SAMPLE
    );
    assert!(peak_kib < 100 * 1024, "extract: peak {peak_kib} KiB");
    let (code, stderr, _, peak_kib) =
        run_limited(&["verify", "hostile.pdf", "in.yaml"], &pdf, dir.path());
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("does not match in.yaml"), "{stderr}");
    assert!(peak_kib < 250 * 1024, "verify: peak {peak_kib} KiB");
}

/// How many damaged PDFs the property below reads: a few hundred in the suite; set
/// `UPPFOLJNING_FUZZ_CASES` for a longer run.
fn fuzz_cases() -> u32 {
    std::env::var("UPPFOLJNING_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300)
}

/// A damage done to a PDF: bytes overwritten, a cut, or a span repeated.
#[derive(Debug, Clone)]
enum Damage {
    Overwrite { at: usize, bytes: Vec<u8> },
    Truncate { at: usize },
    Repeat { at: usize, len: usize, times: usize },
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        (any::<usize>(), prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, bytes)| Damage::Overwrite { at, bytes }),
        any::<usize>().prop_map(|at| Damage::Truncate { at }),
        (any::<usize>(), 1..64usize, 1..50usize).prop_map(|(at, len, times)| Damage::Repeat {
            at,
            len,
            times
        }),
    ]
}

fn apply(pdf: &mut Vec<u8>, damage: &Damage) {
    if pdf.is_empty() {
        return;
    }
    match damage {
        Damage::Overwrite { at, bytes } => {
            let at = at % pdf.len();
            for (i, byte) in bytes.iter().enumerate() {
                if let Some(slot) = pdf.get_mut(at + i) {
                    *slot = *byte;
                }
            }
        }
        Damage::Truncate { at } => pdf.truncate(at % pdf.len()),
        Damage::Repeat { at, len, times } => {
            let at = at % pdf.len();
            let end = (at + len).min(pdf.len());
            let span = pdf[at..end].to_vec();
            for _ in 0..*times {
                pdf.splice(at..at, span.iter().copied());
            }
        }
    }
}

static SAMPLE_PDF: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(sample_pdf);

proptest! {
    #![proptest_config(ProptestConfig {
        cases: fuzz_cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_damaged_pdf_is_read_or_refused_never_a_panic(
        damages in prop::collection::vec(damage(), 1..6)
    ) {
        let mut pdf = SAMPLE_PDF.clone();
        for damage in &damages {
            apply(&mut pdf, damage);
        }
        let path = Path::new("damaged.pdf");
        let result = std::panic::catch_unwind(|| uppfoljning::internals::attachments(&pdf, path));
        prop_assert!(result.is_ok(), "panicked on {damages:?}");
        if let Ok(Ok(files)) = result {
            for (_, bytes) in files {
                prop_assert!(bytes.len() <= uppfoljning::internals::limits::MAX_IMAGE_BYTES);
            }
        }
    }
}

#[test]
fn an_undamaged_pdf_gives_back_its_source() {
    let files =
        uppfoljning::internals::attachments(&SAMPLE_PDF, Path::new("in.pdf")).expect("readable");
    let (name, yaml) = files.first().expect("one attachment");
    assert_eq!(name, "source.yaml");
    assert_eq!(yaml, SAMPLE.as_bytes());
    let _ = std::io::stdout().flush();
}
