//! `uppfoljning edit` in real Chromium: this starts the editor on a scratch copy of a sample,
//! lets `tests/browser/editor.py` drive it over WebDriver as an officer would, then checks the
//! files left behind: the saved YAML, the downloaded PDF against `render`, the kept original.
//!
//! Chromium and ChromeDriver come from Debian (`apt-get install chromium chromium-driver`);
//! `.ci/run` installs them and sets `UPPFOLJNING_BROWSER_TESTS=require`, so that in CI a missing
//! browser fails these tests instead of skipping them.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{Editor, Test, flat_text, python};

/// Copies `files` from the repository into a scratch folder and edits `file` there with
/// `args`.
fn start(files: &[&str], file: &str, args: &[&str]) -> Editor {
    let dir = tempfile::tempdir().expect("a scratch folder");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in files {
        let to = dir
            .path()
            .join(Path::new(name).file_name().expect("a name"));
        copy(&root.join(name), &to);
    }
    Editor::start(dir, file, args)
}

/// Runs a scenario of the driver script on `editor` and returns what it measured.
fn drive(editor: &Editor, scenario: &str, extra: &[&str]) -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = editor.path("result.json");
    let output = Command::new(python().expect("checked by browser_available"))
        .arg(root.join("tests/browser/editor.py"))
        .arg(scenario)
        .args(["--address", &editor.address])
        .arg("--dir")
        .arg(editor.dir.path())
        .arg("--out")
        .arg(&out)
        .arg("--axe")
        .arg(root.join("tests/browser/vendor/axe.min.js"))
        .arg("--pid")
        .arg(editor.child.id().to_string())
        .args(extra)
        .output()
        .expect("the driver runs");
    let result = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        output.status.success(),
        "{scenario} failed:\n{}\n{}\nmeasured: {result}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&result).expect("the driver's JSON")
}

fn copy(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("a folder");
        for entry in std::fs::read_dir(from).expect("a folder").flatten() {
            copy(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).expect("a copy");
    }
}

/// Whether Chromium and ChromeDriver are here; in CI they must be.
pub(crate) fn browser_available() -> bool {
    let chromium = std::env::var("UPPFOLJNING_CHROMIUM").unwrap_or("/usr/bin/chromium".into());
    let driver =
        std::env::var("UPPFOLJNING_CHROMEDRIVER").unwrap_or("/usr/bin/chromedriver".into());
    let found = Path::new(&chromium).exists() && Path::new(&driver).exists();
    let required = std::env::var("UPPFOLJNING_BROWSER_TESTS").is_ok_and(|v| v == "require");
    assert!(
        found || !required,
        "the browser tests need {chromium} and {driver}: apt-get install chromium chromium-driver"
    );
    if !found {
        eprintln!("skipped: no Chromium here (apt-get install chromium chromium-driver)");
    }
    found && python().is_some()
}

#[test]
fn an_officer_edits_saves_and_downloads_the_sample() {
    if !browser_available() {
        return;
    }
    let editor = start(&["samples/coachning-2015.yaml"], "coachning-2015.yaml", &[]);
    let original = std::fs::read(editor.path("coachning-2015.yaml")).expect("the sample");
    let result = drive(&editor, "officer", &[]);
    eprintln!("officer: {result}");

    // The page shows its state to other scripts only when the address asks for it, and says
    // so when the server is gone instead of failing silently.
    assert_eq!(result["hooks_unasked"], "undefined", "{result}");
    let gone = result["server_gone"].as_str().unwrap_or_default();
    assert!(
        gone.contains("uppfoljning edit körs inte längre"),
        "{result}"
    );
    assert_eq!(result["server_gone_status"], "Ingen kontakt med servern");

    // What others may not do was refused, and changed nothing.
    for (what, status) in result["refusals"].as_object().expect("refusals") {
        assert_eq!(status, 403, "{what}");
    }
    let refusal: Value = result["cross_origin_page"]
        .as_str()
        .and_then(|body| serde_json::from_str(body).ok())
        .unwrap_or_default();
    assert_eq!(
        refusal["type"], "urn:uppfoljning:problem:forbidden",
        "{result}"
    );
    // Another local server got the page's requests, and neither the launch token nor the
    // session's secret with them (checked in the driver, which saw the headers).
    assert!(
        result["other_server_requests"].as_u64() >= Some(1),
        "{result}"
    );

    // The saved YAML holds what was typed, exactly; the hand-written original is kept.
    let saved = editor.path("coachning-2015.yaml");
    let loaded = uppfoljning::load(&saved).expect("the saved file is a valid report");
    let heading = result["heading"].as_str().expect("heading");
    let quote = result["quote"].as_str().expect("quote");
    assert_eq!(loaded.report.supplier.as_str(), result["supplier"]);
    let yaml = &loaded.yaml;
    let reread: Value =
        serde_json::to_value(uppfoljning::internals::to_value(yaml).expect("the saved file reads"))
            .expect("json");
    let last = reread["sections"]
        .as_array()
        .and_then(|s| s.last())
        .expect("the new section");
    assert_eq!(last["heading"], heading);
    assert_eq!(last["body"][0]["quote"], quote);
    assert_eq!(
        std::fs::read(editor.path("coachning-2015.orig.yaml")).expect("the kept original"),
        original
    );

    // Download gave the very PDF `render` writes for the saved file, with the text verbatim.
    let downloaded = std::fs::read(result["downloaded"].as_str().expect("a path")).expect("pdf");
    let rendered = Test::new()
        .file("report.yaml", yaml.as_bytes())
        .args(&["render", "report.yaml", "-o", "report.pdf"])
        .status(0)
        .run()
        .read("report.pdf");
    assert!(
        downloaded == rendered,
        "Download and render differ ({} and {} bytes)",
        downloaded.len(),
        rendered.len()
    );
    // A long run without spaces may be broken over lines: compare without white space.
    let bare = |text: &str| text.split_whitespace().collect::<String>();
    let text = bare(&flat_text(&downloaded));
    assert!(text.contains(&bare(heading)), "{text}");
    assert!(text.contains(&bare(quote)), "{text}");
}

#[test]
fn every_property_has_an_accessible_control() {
    if !browser_available() {
        return;
    }
    // In English, the other language of the editor's words (the officer's test is in Swedish).
    let editor = start(
        &["samples/verksamhetsuppfoljning.yaml", "samples/bilder"],
        "verksamhetsuppfoljning.yaml",
        &["--lang", "en"],
    );
    let schema = editor.path("schema.json");
    std::fs::write(&schema, uppfoljning::internals::schema()).expect("the schema");
    let mut extra = vec![
        "--schema".to_owned(),
        schema.display().to_string(),
        "--lang".to_owned(),
        "en".to_owned(),
    ];
    // `UPPFOLJNING_SCREENSHOT=$PWD/docs/editor-en.png cargo test` remakes the README's English
    // screenshot.
    if let Ok(path) = std::env::var("UPPFOLJNING_SCREENSHOT") {
        extra.extend(["--screenshot".to_owned(), path]);
    }
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    let result = drive(&editor, "form", &extra);
    eprintln!("form: {result}");
    assert!(
        result["properties"].as_u64().is_some_and(|n| n > 60),
        "{result}"
    );
}

#[test]
fn each_edit_shows_its_pages() {
    if !browser_available() {
        return;
    }
    let editor = start(&["samples/coachning-2015.yaml"], "coachning-2015.yaml", &[]);
    let result = drive(&editor, "speed", &["--edits", "40"]);
    // Timed in a debug build beside other tests: the numbers are reported, the targets are
    // met in `bench/run`.
    eprintln!(
        "40 edits: median {} ms, p95 {} ms",
        result["median_ms"], result["p95_ms"]
    );
    assert_eq!(result["edits"], 40);
}
