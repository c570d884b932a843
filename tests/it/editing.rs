//! Writing and customising reports: watch, schema, new, did-you-mean, templates, fonts, English.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::{SAMPLE, Test, flat_text, page_texts};

const STARTER: &str = include_str!("../../templates/starter.yaml");

/// `uppfoljning watch in.yaml` running in a folder, its standard error read on a thread of its
/// own: a watch that falls silent fails the test at the deadline instead of hanging the suite,
/// and a failing test never leaves it running.
struct Watch {
    child: Child,
    lines: mpsc::Receiver<String>,
}

impl Watch {
    fn start(dir: &std::path::Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_uppfoljning"))
            .args(["watch", "in.yaml"])
            .current_dir(dir)
            .stderr(Stdio::piped())
            .spawn()
            .expect("watch starts");
        let stderr = BufReader::new(child.stderr.take().expect("stderr"));
        let (send, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Self { child, lines }
    }

    /// The first line starting with `prefix` within 30 s, and the lines before it.
    #[track_caller]
    fn wait_for(&self, prefix: &str) -> (String, Vec<String>) {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut before = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.starts_with(prefix) => return (line, before),
                Ok(line) => before.push(line),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    panic!("no {prefix:?} line within 30 s; before it: {before:?}")
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    panic!("watch ended before a {prefix:?} line; before it: {before:?}")
                }
            }
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_rebuilds_after_an_edit_and_keeps_the_last_good_pdf_on_an_error() {
    let dir = tempfile::tempdir().expect("a folder");
    let input = dir.path().join("in.yaml");
    let output = dir.path().join("in.pdf");
    std::fs::write(&input, SAMPLE).expect("the input");
    let watch = Watch::start(dir.path());
    watch.wait_for("built");
    let first = std::fs::read(&output).expect("the first PDF");
    assert!(flat_text(&first).contains("Han är väldigt duktig."));

    std::thread::sleep(Duration::from_millis(100));
    std::fs::write(
        &input,
        SAMPLE.replace("Han är väldigt duktig.", "Han är mycket duktig."),
    )
    .expect("an edit");
    watch.wait_for("built");
    let second = std::fs::read(&output).expect("the second PDF");
    assert!(
        flat_text(&second).contains("Han är mycket duktig."),
        "the edit is in the new PDF"
    );

    std::thread::sleep(Duration::from_millis(100));
    std::fs::write(
        &input,
        SAMPLE.replace("date: 2016-03-01", "date: 2016-02-31"),
    )
    .expect("a bad edit");
    watch.wait_for("error:");
    watch.wait_for("(kept the last good");
    assert_eq!(
        std::fs::read(&output).expect("the PDF"),
        second,
        "the last good PDF is kept"
    );
}

#[test]
fn watch_rebuilds_when_a_figure_s_image_is_saved() {
    let dir = tempfile::tempdir().expect("a folder");
    let svg = |width: u32| {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"50\"><rect width=\"{width}\" height=\"50\" fill=\"#00594F\"/></svg>"
        )
    };
    std::fs::create_dir_all(dir.path().join("bilder")).expect("a folder");
    std::fs::write(dir.path().join("bilder/stapel.svg"), svg(50)).expect("the image");
    let yaml = SAMPLE.replacen(
        "  - body:\n",
        "  - body:\n      - figure: {image: bilder/stapel.svg, alt: En stapel}\n",
        1,
    );
    std::fs::write(dir.path().join("in.yaml"), yaml).expect("the input");
    let watch = Watch::start(dir.path());
    let built = || {
        let (_, before) = watch.wait_for("built");
        let errors: Vec<&String> = before.iter().filter(|l| l.starts_with("error")).collect();
        assert!(errors.is_empty(), "{errors:?}");
    };
    built();
    let first = std::fs::read(dir.path().join("in.pdf")).expect("the first PDF");
    std::thread::sleep(Duration::from_millis(100));
    std::fs::write(dir.path().join("bilder/stapel.svg"), svg(150)).expect("a new image");
    built();
    let second = std::fs::read(dir.path().join("in.pdf")).expect("the second PDF");
    assert_ne!(first, second, "the new image is in the new PDF");
}

/// YAML as JSON, the way an editor's schema check sees it.
fn yaml_as_json(yaml: &str) -> serde_json::Value {
    serde_saphyr::from_str(yaml).expect("valid YAML")
}

#[test]
fn the_schema_is_the_committed_one_and_every_sample_validates() {
    let run = Test::new().args(&["schema"]).status(0).run();
    let printed = String::from_utf8(run.stdout).expect("UTF-8");
    let committed = include_str!("../../samples/uppfoljning.schema.json");
    assert_eq!(
        printed.trim(),
        committed.trim(),
        "samples/uppfoljning.schema.json is stale: regenerate it"
    );
    let schema: serde_json::Value = serde_json::from_str(&printed).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    for (name, yaml) in [("sample", SAMPLE), ("starter", STARTER)] {
        let errors: Vec<String> = validator
            .iter_errors(&yaml_as_json(yaml))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    let typo = yaml_as_json(&SAMPLE.replace("supplier: IGO-R AB", "suplier: IGO-R AB"));
    assert!(
        !validator.is_valid(&typo),
        "the schema flags a misspelt key"
    );
    let bad_block = yaml_as_json(&SAMPLE.replace("- subheading: Vad", "- subhead: Vad"));
    assert!(
        !validator.is_valid(&bad_block),
        "the schema flags an unknown block kind"
    );
}

#[test]
fn samples_point_editors_at_the_schema() {
    assert!(SAMPLE.starts_with("# yaml-language-server: $schema=uppfoljning.schema.json\n"));
    assert!(STARTER.starts_with("# yaml-language-server: $schema=uppfoljning.schema.json\n"));
}

#[test]
fn new_writes_a_starter_whose_every_placeholder_check_names_and_never_overwrites() {
    let run = Test::new().args(&["new", "rapport.yaml"]).status(0).run();
    let written = run.read("rapport.yaml");
    assert_eq!(written, STARTER.as_bytes());
    // Left as it is, every placeholder is a problem at its field; replaced, the starter is a
    // report.
    let left = Test::new()
        .file("rapport.yaml", &written)
        .args(&["check", "rapport.yaml"])
        .status(1)
        .run();
    left.assert_stderr(
        "`contract`: \"Avtalets namn\" is the starter's placeholder, not the report's own text",
    );
    left.assert_stderr("`sections[1].body[1].quote`: ");
    left.assert_stderr("15 problems in the report");
    let mut filled = String::from_utf8(written).expect("UTF-8");
    for (i, placeholder) in uppfoljning::internals::PLACEHOLDERS.iter().enumerate() {
        assert!(
            filled.contains(placeholder),
            "{placeholder} is not in the starter"
        );
        let own = match i {
            0 => "1.5.3-219-2026".to_owned(),
            _ => format!("Egen text {i}"),
        };
        filled = filled.replace(placeholder, &own);
    }
    Test::new()
        .file("rapport.yaml", filled)
        .args(&["check", "rapport.yaml"])
        .run();
    let again = Test::new()
        .file("rapport.yaml", "mine")
        .args(&["new", "rapport.yaml"])
        .status(1)
        .run();
    again.assert_stderr("rapport.yaml already exists");
    assert_eq!(again.read("rapport.yaml"), b"mine");
}

#[test]
fn a_typo_gets_a_did_you_mean() {
    let run = Test::new()
        .file("in.yaml", SAMPLE.replace("organisation:", "organisaton:"))
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    run.assert_stderr("hint: did you mean `organisation`?");
    let run = Test::new()
        .file(
            "in.yaml",
            SAMPLE.replace("- subheading: Vad", "- subheadin: Vad"),
        )
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    run.assert_stderr("hint: did you mean `subheading`?");
}

#[test]
fn exported_templates_render_the_same_and_a_change_to_them_shows() {
    let builtin = Test::new()
        .file("in.yaml", SAMPLE)
        .args(&["render", "in.yaml"])
        .status(0)
        .run()
        .read("in.pdf");
    let export = Test::new()
        .args(&["templates", "export", "tpl"])
        .status(0)
        .run();
    let style = String::from_utf8(export.read("tpl/style.typ")).expect("UTF-8");
    let main = export.read("tpl/report.typ.j2");

    let same = Test::new()
        .file("in.yaml", SAMPLE)
        .file("tpl/style.typ", &style)
        .file("tpl/report.typ.j2", &main)
        .args(&["render", "in.yaml", "--templates", "tpl"])
        .status(0)
        .run();
    assert!(
        same.read("in.pdf") == builtin,
        "the exported set is the built-in one"
    );

    let custom_style = style.replace("strong(doc-type)", "strong(doc-type + \" (utkast)\")");
    let custom_main = String::from_utf8(main).expect("UTF-8").replace(
        "#title-heading(",
        "#paragraph(\"Egen mall\")\n#title-heading(",
    );
    let custom = Test::new()
        .file("in.yaml", SAMPLE)
        .file("tpl/style.typ", custom_style)
        .file("tpl/report.typ.j2", custom_main)
        .args(&["render", "in.yaml", "--templates", "tpl"])
        .status(0)
        .run();
    let text = flat_text(&custom.read("in.pdf"));
    assert!(
        text.contains("Uppföljning (utkast)"),
        "the custom style is used"
    );
    assert!(
        text.contains("Egen mall"),
        "the custom main template is used"
    );
    assert!(
        text.contains("Han är väldigt duktig."),
        "the data is still placed, escaped"
    );
}

#[test]
fn templates_export_never_overwrites() {
    let run = Test::new()
        .file("tpl/style.typ", "mine")
        .args(&["templates", "export", "tpl"])
        .status(1)
        .run();
    assert_eq!(run.read("tpl/style.typ"), b"mine");
}

#[test]
fn a_custom_template_cannot_read_outside_its_folder() {
    let style = "#let report(..args, body) = body\n#read(\"../secret.txt\")\n";
    let run = Test::new()
        .file("secret.txt", "hemligt")
        .file("in.yaml", SAMPLE)
        .file("tpl/style.typ", style)
        .args(&["render", "in.yaml", "--templates", "tpl"])
        .status(1)
        .run();
    run.assert_stderr("escape");
    assert!(!run.path("in.pdf").exists());
}

#[test]
fn a_city_font_from_font_path_is_used_when_the_yaml_names_it() {
    let font = include_bytes!("../fixtures/fonts/LiberationSerif-Regular.ttf");
    let yaml = SAMPLE.replace(
        "date: 2016-03-01",
        "date: 2016-03-01\nfont: Liberation Serif",
    );
    let run = Test::new()
        .file("fonts/LiberationSerif-Regular.ttf", font)
        .file("in.yaml", &yaml)
        .args(&["render", "in.yaml", "--font-path", "fonts"])
        .status(0)
        .run();
    let pdf = String::from_utf8_lossy(&run.read("in.pdf")).into_owned();
    assert!(
        pdf.contains("LiberationSerif"),
        "the city's font is embedded"
    );

    let missing = Test::new()
        .file("in.yaml", &yaml)
        .args(&["render", "in.yaml"])
        .status(1)
        .run();
    missing.assert_stderr("`font`: the font family \"Liberation Serif\" is not available");
    assert!(
        missing.stderr.contains("Liberation Sans"),
        "the available families are listed"
    );
}

#[test]
fn language_en_gives_english_labels() {
    let yaml = SAMPLE.replace("date: 2016-03-01", "date: 2016-03-01\nlanguage: en");
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .status(0)
        .run();
    let pdf = run.read("in.pdf");
    let pages = page_texts(&pdf);
    let total = pages.len();
    assert!(
        pages[0].contains(&format!("Page\u{a0}1\u{a0}({total})")),
        "{}",
        pages[0]
    );
    assert!(
        pages[0].contains("Ref. no.\u{a0}125-1210/2014"),
        "{}",
        pages[0]
    );
    let text = flat_text(&pdf);
    assert!(
        text.contains("Follow-up performed : December 2015"),
        "{text}"
    );
    assert!(
        text.contains("Målgruppsanpassning 5 4.8"),
        "decimal point in English"
    );
    let doc = lopdf::Document::load_mem(&pdf).expect("a PDF");
    let lang = doc
        .catalog()
        .expect("a catalog")
        .get(b"Lang")
        .and_then(lopdf::Object::as_str)
        .expect("Lang");
    assert_eq!(lang, b"en");
}
