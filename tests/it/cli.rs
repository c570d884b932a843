//! The command line through the real binary: exit codes, errors, and what is (not) written.

use crate::common::{MINIMAL, SAMPLE, Test, flat_text};

#[test]
fn render_writes_input_with_pdf_extension_by_default() {
    let run = Test::new()
        .file("report.yaml", MINIMAL)
        .args(&["render", "report.yaml"])
        .status(0)
        .run();
    assert!(run.read("report.pdf").starts_with(b"%PDF-"));
    assert_eq!(run.files(), ["report.pdf", "report.yaml"], "no stray files");
}

#[test]
fn render_reads_stdin_and_writes_stdout() {
    let run = Test::new()
        .stdin(MINIMAL)
        .args(&["render", "-"])
        .status(0)
        .run();
    assert!(run.stdout.starts_with(b"%PDF-"));
    assert!(flat_text(&run.stdout).contains("En mening."));
}

/// The permission bits of a file.
#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("the file exists")
        .permissions()
        .mode()
        & 0o777
}

#[cfg(unix)]
#[test]
fn a_new_pdf_gets_the_mode_of_any_new_file_and_a_replaced_one_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let test = Test::new()
        .file("a.yaml", MINIMAL)
        .file("b.yaml", MINIMAL)
        .file("b.pdf", "an older render")
        .file("plain.txt", "written the ordinary way");
    let kept = std::fs::Permissions::from_mode(0o640);
    std::fs::set_permissions(test.path("b.pdf"), kept).expect("chmod");
    let run = test.args(&["render", "a.yaml", "b.yaml"]).status(0).run();
    // The test harness wrote plain.txt with the process's umask, as any program would.
    assert_eq!(mode(&run.path("a.pdf")), mode(&run.path("plain.txt")));
    assert_eq!(mode(&run.path("b.pdf")), 0o640);
    assert!(run.read("b.pdf").starts_with(b"%PDF-"));
}

#[test]
fn render_honours_dash_o() {
    let run = Test::new()
        .file("in.yaml", MINIMAL)
        .args(&["render", "in.yaml", "-o", "ut.pdf"])
        .status(0)
        .run();
    assert!(run.read("ut.pdf").starts_with(b"%PDF-"));
    assert!(!run.path("in.pdf").exists());
}

#[test]
fn validation_lists_every_problem_with_line_and_field_and_writes_nothing() {
    let yaml = "\
dnr: 125-1210/2014
contract: \"  \"
supplier: IGO-R AB
organisation: Stockholms stad
date: 2016-02-30
follow_up:
  performed: 2015-13
  supplier_summary_until: 2016-02
sections:
  - heading: Rubrik
    body: []
assessment:
  scale: {min: 1, max: 5, description: skala}
  criteria:
    - name: Målgruppsanpassning
      scores: [5, 0, 6]
";
    let run = Test::new()
        .file("bad.yaml", yaml)
        .args(&["render", "bad.yaml"])
        .status(1)
        .run();
    for (place, headline) in [
        ("bad.yaml:2:11", "`contract`: the text is empty"),
        ("bad.yaml:5:7", "`date`: \"2016-02-30\" is not a date"),
        (
            "bad.yaml:7:14",
            "`follow_up.performed`: \"2015-13\" is not a month or a date",
        ),
        ("bad.yaml:11:11", "`sections[0].body`: there are no blocks"),
        (
            "bad.yaml:16:19",
            "`assessment.criteria[0].scores[1]`: the score 0 is outside the scale 1–5",
        ),
        (
            "bad.yaml:16:22",
            "`assessment.criteria[0].scores[2]`: the score 6 is outside the scale 1–5",
        ),
    ] {
        run.assert_diagnostic(place, headline);
    }
    run.assert_stderr("= hint: write the text, or remove the key if it is optional");
    run.assert_stderr("error: bad.yaml: 6 problems in the report");
    assert_eq!(run.files(), ["bad.yaml"], "nothing written");
}

/// One change to the minimal report, and the problem `render` must name for it, at its field
/// (and its place where given). The wording of every kind of error is in the error snapshots;
/// these hold the field paths and places that the validation finds.
const PROBLEMS: &[(&str, &str, Option<&str>, &str)] = &[
    (
        "performed: 2015-12",
        "performed: 2016-04",
        Some("in.yaml:7:14"),
        "`follow_up.performed`: 2016-04 is after the report's date 2016-03-01",
    ),
    (
        "supplier: Rent AB",
        "supplier: \"Rent\\u0007 AB\"",
        None,
        "`supplier`: the text has the control character U+0007",
    ),
    (
        "- En mening.",
        "- quote: {text: Hej, sorce: Chef}",
        None,
        "`sections[0].body[0].quote.sorce`: unknown field `sorce`",
    ),
    (
        "contract: Städtjänster",
        "contract: [Städtjänster",
        Some("in.yaml:2:11"),
        "`contract`: ",
    ),
    (
        "sections:",
        "assessment:\n  scale: {min: 5, max: 5, description: x}\n  criteria:\n    - {name: A, scores: [5]}\nsections:",
        None,
        "`assessment.scale`: the scale runs from 5 to 5, but min must be less than max",
    ),
];

#[test]
fn each_problem_is_named_at_its_field_and_nothing_is_written() {
    for (from, to, place, problem) in PROBLEMS {
        assert!(MINIMAL.contains(from), "{from:?} is in the minimal report");
        let run = Test::new()
            .file("in.yaml", MINIMAL.replace(from, to))
            .args(&["render", "in.yaml"])
            .status(1)
            .stderr_has(problem)
            .run();
        if let Some(place) = place {
            run.assert_stderr(&format!("┌─ {place}"));
        }
        assert_eq!(run.files(), ["in.yaml"], "nothing written for {to:?}");
    }
}

#[test]
fn a_failed_render_leaves_an_existing_pdf_untouched() {
    let yaml = MINIMAL.replace("date: 2016-03-01", "date: 2016-03-32");
    let run = Test::new()
        .file("in.yaml", yaml)
        .file("in.pdf", "the good old PDF")
        .args(&["render", "in.yaml"])
        .status(1)
        .run();
    assert_eq!(run.read("in.pdf"), b"the good old PDF");
    assert_eq!(
        run.files(),
        ["in.pdf", "in.yaml"],
        "no temporary file left behind"
    );
}

#[test]
fn the_output_may_not_be_the_input() {
    let run = Test::new()
        .file("in.yaml", MINIMAL)
        .args(&["render", "in.yaml", "-o", "./in.yaml"])
        .status(2)
        .run();
    run.assert_stderr("refusing to write ./in.yaml over its own input");
    assert_eq!(run.read("in.yaml"), MINIMAL.as_bytes());
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_just_work() {
    let yaml = format!("\u{feff}{}", MINIMAL.replace('\n', "\r\n"));
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .status(0)
        .run();
    let text = flat_text(&run.read("in.pdf"));
    assert!(
        text.contains("Dnr\u{a0}1.5.3-219-2012") || text.contains("Dnr 1.5.3-219-2012"),
        "{text}"
    );
    assert!(text.contains("En mening."));
}

#[test]
fn usage_errors_exit_2() {
    Test::new().status(2).run();
    Test::new().args(&["frobnicate"]).status(2).run();
    Test::new().args(&["render"]).status(2).run();
    let run = Test::new()
        .args(&["render", "x.yaml", "--pdf-standard", "a-9"])
        .status(2)
        .run();
    run.assert_stderr("a-9");
    Test::new().args(&["--help"]).status(0).run();
}

#[test]
fn incompatible_pdf_standards_are_a_usage_error() {
    let run = Test::new()
        .file("in.yaml", MINIMAL)
        .args(&[
            "render",
            "in.yaml",
            "--pdf-standard",
            "a-2a",
            "--pdf-standard",
            "a-3a",
        ])
        .status(2)
        .run();
    run.assert_stderr("cannot combine the PDF standards a-2a, a-3a");
    run.assert_stderr("hint: ");
    assert!(!run.path("in.pdf").exists());
}

#[test]
fn another_pdf_standard_can_be_chosen() {
    let run = Test::new()
        .file("in.yaml", MINIMAL)
        .args(&[
            "render",
            "in.yaml",
            "--pdf-standard",
            "a-3a",
            "--pdf-standard",
            "ua-1",
        ])
        .status(0)
        .run();
    let pdf = String::from_utf8_lossy(&run.read("in.pdf")).into_owned();
    assert!(
        pdf.contains("<pdfaid:part>3</pdfaid:part>"),
        "PDF/A-3 in the XMP"
    );
    assert!(pdf.contains("<pdfuaid:part>1</pdfuaid:part>"));
}

#[test]
fn check_reports_every_input_and_writes_nothing() {
    let bad = MINIMAL.replace("date: 2016-03-01", "date: 2016-3-1");
    let run = Test::new()
        .file("good.yaml", MINIMAL)
        .file("bad.yaml", bad)
        .file("sample.yaml", SAMPLE)
        .args(&["check", "good.yaml", "bad.yaml", "sample.yaml"])
        .status(1)
        .run();
    run.assert_stderr("ok good.yaml");
    run.assert_stderr("ok sample.yaml");
    run.assert_diagnostic("bad.yaml:5:7", "`date`: \"2016-3-1\" is not a date");
    run.assert_stderr("2 ok, 1 failed");
    assert_eq!(run.files(), ["bad.yaml", "good.yaml", "sample.yaml"]);
}

#[test]
fn check_passes_on_good_input() {
    Test::new()
        .file("good.yaml", MINIMAL)
        .args(&["check", "good.yaml"])
        .status(0)
        .run();
}

#[test]
fn typst_prints_the_generated_source() {
    let run = Test::new()
        .file("in.yaml", MINIMAL)
        .args(&["typst", "in.yaml"])
        .status(0)
        .run();
    let source = String::from_utf8(run.stdout).expect("UTF-8");
    assert!(source.contains("#import \"style.typ\": *"));
    assert!(source.contains("#paragraph(\"En mening.\")"));
}

#[test]
fn a_subheading_in_the_untitled_introduction_keeps_heading_levels_consecutive() {
    // Found by the fuzzer: H1 then H3 broke PDF/UA's rule against skipped levels.
    let yaml = MINIMAL.replace(
        "      - En mening.\n",
        "      - subheading: En fråga\n      - En mening.\n",
    );
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .status(0)
        .run();
    assert!(flat_text(&run.read("in.pdf")).contains("En fråga En mening."));
}

#[test]
fn completions_and_the_manual_come_from_the_same_definitions_as_help() {
    let run = Test::new().args(&["completions", "bash"]).status(0).run();
    let script = String::from_utf8(run.stdout).expect("text");
    assert!(
        script.contains("uppfoljning") && script.contains("archive"),
        "{script}"
    );
    assert!(script.contains("--archival-creator"));
    let run = Test::new().args(&["man"]).status(0).run();
    let page = String::from_utf8(run.stdout).expect("text");
    assert!(
        page.starts_with(".ie") || page.contains(".TH uppfoljning"),
        "{page}"
    );
    assert!(page.contains("archive"));
    let run = Test::new().args(&["completions", "tcsh"]).status(2).run();
    run.assert_stderr("invalid value 'tcsh'");
}
