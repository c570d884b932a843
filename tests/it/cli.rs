//! The command line through the real binary: exit codes, errors, and what is (not) written.

use crate::common::{MINIMAL, SAMPLE, Test, flat_text};

#[test]
fn render_writes_input_with_pdf_extension_by_default() {
    let run = Test::new()
        .file("report.yaml", MINIMAL)
        .args(&["render", "report.yaml"])
        .run()
        .code(0);
    assert!(run.read("report.pdf").starts_with(b"%PDF-"));
    assert_eq!(run.files(), ["report.pdf", "report.yaml"], "no stray files");
}

#[test]
fn render_reads_stdin_and_writes_stdout() {
    let run = Test::new()
        .stdin(MINIMAL)
        .args(&["render", "-"])
        .run()
        .code(0);
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
    let run = test.args(&["render", "a.yaml", "b.yaml"]).run().code(0);
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
        .run()
        .code(0);
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
        .run()
        .code(1);
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

#[test]
fn a_follow_up_after_the_report_date_is_an_error() {
    let yaml = MINIMAL.replace("performed: 2015-12", "performed: 2016-04");
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .run()
        .code(1);
    run.assert_diagnostic(
        "in.yaml:7:14",
        "`follow_up.performed`: 2016-04 is after the report's date 2016-03-01",
    );
}

#[test]
fn a_scale_in_the_wrong_order_is_an_error() {
    let yaml = format!(
        "{MINIMAL}assessment:\n  scale: {{min: 5, max: 5, description: x}}\n  criteria:\n    - {{name: A, scores: [5]}}\n"
    );
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .run()
        .code(1);
    run.assert_stderr(
        "`assessment.scale`: the scale runs from 5 to 5, but min must be less than max",
    );
}

#[test]
fn a_control_character_is_named_by_code_point() {
    let yaml = MINIMAL.replace("supplier: Rent AB", "supplier: \"Rent\\u0007 AB\"");
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .run()
        .code(1);
    run.assert_stderr("`supplier`: the text has the control character U+0007");
}

#[test]
fn an_unknown_key_is_an_error_naming_line_and_key() {
    let yaml = MINIMAL.replace("supplier:", "suplier:");
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .run()
        .code(1);
    run.assert_diagnostic("in.yaml:3:1", "`suplier`: unknown field `suplier`, expected one of dnr, contract, supplier, organisation, unit, author, phone, recipient, date, language, font, follow_up, contact, numbered, contents, proposal, sections, findings, assessment, signatures, appendices");
    run.assert_stderr("hint: did you mean `supplier`?");
}

#[test]
fn an_unknown_key_inside_a_block_names_its_path() {
    let yaml = MINIMAL.replace("- En mening.", "- quote: {text: Hej, sorce: Chef}");
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .run()
        .code(1);
    run.assert_stderr("`sections[0].body[0].quote.sorce`: unknown field `sorce`");
}

#[test]
fn a_yaml_syntax_error_names_file_line_and_column() {
    let yaml = MINIMAL.replace("contract: Städtjänster", "contract: [Städtjänster");
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .run()
        .code(1);
    run.assert_stderr("┌─ in.yaml:2:11");
    assert!(
        run.stderr.starts_with("error: `contract`: "),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_required_key_is_named() {
    let yaml = MINIMAL.replace("dnr: 1.5.3-219-2012\n", "");
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .run()
        .code(1);
    run.assert_stderr("missing field `dnr`");
}

#[test]
fn a_failed_render_leaves_an_existing_pdf_untouched() {
    let yaml = MINIMAL.replace("date: 2016-03-01", "date: 2016-03-32");
    let run = Test::new()
        .file("in.yaml", yaml)
        .file("in.pdf", "the good old PDF")
        .args(&["render", "in.yaml"])
        .run()
        .code(1);
    assert_eq!(run.read("in.pdf"), b"the good old PDF");
    assert_eq!(
        run.files(),
        ["in.pdf", "in.yaml"],
        "no temporary file left behind"
    );
}

#[test]
fn a_write_into_a_missing_folder_fails_cleanly() {
    let run = Test::new()
        .file("in.yaml", MINIMAL)
        .args(&["render", "in.yaml", "-o", "nowhere/out.pdf"])
        .run()
        .code(1);
    run.assert_stderr("cannot write nowhere/out.pdf");
}

#[test]
fn the_output_may_not_be_the_input() {
    let run = Test::new()
        .file("in.yaml", MINIMAL)
        .args(&["render", "in.yaml", "-o", "./in.yaml"])
        .run()
        .code(2);
    run.assert_stderr("refusing to write ./in.yaml over its own input");
    assert_eq!(run.read("in.yaml"), MINIMAL.as_bytes());
}

#[test]
fn a_missing_input_is_a_clear_error() {
    let run = Test::new().args(&["render", "nope.yaml"]).run().code(1);
    run.assert_stderr("cannot read nope.yaml");
}

#[test]
fn input_that_is_not_utf8_is_a_clear_error() {
    let run = Test::new()
        .file("in.yaml", b"dnr: \xff\xfe\n")
        .args(&["render", "in.yaml"])
        .run()
        .code(1);
    run.assert_stderr("in.yaml is not UTF-8 text");
}

#[test]
fn a_byte_order_mark_and_crlf_line_ends_just_work() {
    let yaml = format!("\u{feff}{}", MINIMAL.replace('\n', "\r\n"));
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .run()
        .code(0);
    let text = flat_text(&run.read("in.pdf"));
    assert!(
        text.contains("Dnr\u{a0}1.5.3-219-2012") || text.contains("Dnr 1.5.3-219-2012"),
        "{text}"
    );
    assert!(text.contains("En mening."));
}

#[test]
fn usage_errors_exit_2() {
    Test::new().run().code(2);
    Test::new().args(&["frobnicate"]).run().code(2);
    Test::new().args(&["render"]).run().code(2);
    let run = Test::new()
        .args(&["render", "x.yaml", "--pdf-standard", "a-9"])
        .run()
        .code(2);
    run.assert_stderr("a-9");
    Test::new().args(&["--help"]).run().code(0);
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
        .run()
        .code(2);
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
        .run()
        .code(0);
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
        .run()
        .code(1);
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
        .run()
        .code(0);
}

#[test]
fn typst_prints_the_generated_source() {
    let run = Test::new()
        .file("in.yaml", MINIMAL)
        .args(&["typst", "in.yaml"])
        .run()
        .code(0);
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
        .run()
        .code(0);
    assert!(flat_text(&run.read("in.pdf")).contains("En fråga En mening."));
}

#[test]
fn completions_and_the_manual_come_from_the_same_definitions_as_help() {
    let run = Test::new().args(&["completions", "bash"]).run().code(0);
    let script = String::from_utf8(run.stdout).expect("text");
    assert!(
        script.contains("uppfoljning") && script.contains("archive"),
        "{script}"
    );
    assert!(script.contains("--archival-creator"));
    let run = Test::new().args(&["man"]).run().code(0);
    let page = String::from_utf8(run.stdout).expect("text");
    assert!(
        page.starts_with(".ie") || page.contains(".TH uppfoljning"),
        "{page}"
    );
    assert!(page.contains("archive"));
    let run = Test::new().args(&["completions", "tcsh"]).run().code(2);
    run.assert_stderr("invalid value 'tcsh'");
}
