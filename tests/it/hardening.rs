//! Limits, failure modes and escape routes: each refused with a clear error, nothing lost.

use std::time::{Duration, Instant};

use crate::common::{SAMPLE, Test, flat_text, page_texts};

/// The sample with `extra` in the first section's body.
fn with_blocks(extra: &str) -> String {
    SAMPLE.replacen("  - body:\n", &format!("  - body:\n{extra}"), 1)
}

#[test]
fn an_alias_flood_is_refused_fast_naming_the_limit() {
    let aliases = vec!["*x"; 1_500].join(", ");
    let yaml = format!(
        "dnr: &x 1-1/2020\ncontract: A\nsupplier: B\norganisation: C\ndate: 2016-03-01\n\
         follow_up: {{performed: 2015-12}}\ncontact: [{aliases}]\nsections: [{{body: [x]}}]\n"
    );
    let started = Instant::now();
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "refused quickly"
    );
    run.assert_stderr("the YAML is over one of the reader's limits");
    assert!(
        run.stderr.contains("at most 1000 aliases"),
        "the limit is named: {}",
        run.stderr
    );
}

#[test]
fn deep_nesting_is_refused_fast() {
    let yaml = format!("dnr: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let started = Instant::now();
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    assert!(started.elapsed() < Duration::from_secs(5));
    run.assert_stderr("in.yaml:1:");
}

#[test]
fn a_huge_input_is_refused_naming_the_limit() {
    let yaml = format!("{SAMPLE}# {}\n", "x".repeat(5 * 1024 * 1024));
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    run.assert_stderr("more than the limit of 4194304 bytes");
}

#[test]
fn an_overlong_text_is_refused_naming_the_limit() {
    let yaml = with_blocks(&format!("      - {}\n", "ord ".repeat(30_000)));
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    run.assert_stderr(
        "`sections[0].body[0]`: the text has 119999 characters, more than the limit of 100000",
    );
}

#[test]
fn a_character_no_font_has_is_named_by_code_point() {
    let yaml = SAMPLE.replace("supplier: IGO-R AB", "supplier: \"IGO-R AB 文\"");
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    run.assert_stderr(
        "`supplier`: the text has '文' (U+6587), which none of the report's fonts can show",
    );
    let yaml = SAMPLE.replace("supplier: IGO-R AB", "supplier: \"IGO-R \\uE000AB\"");
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    run.assert_stderr("`supplier`: the text has U+E000");
}

#[test]
fn scripts_symbols_and_emoji_render() {
    let text = "Ελληνικά Кириллица עברית ✓ ✗ • → € § 😀";
    let yaml = SAMPLE.replace("supplier: IGO-R AB", &format!("supplier: \"{text}\""));
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .status(0)
        .run();
    let pdf_text = flat_text(&run.read("in.pdf"));
    for word in ["Ελληνικά", "Кириллица", "✓", "✗", "•", "→", "€", "§", "😀"]
    {
        assert!(pdf_text.contains(word), "{word} missing");
    }
    let doc = lopdf::Document::load_mem(&run.read("in.pdf")).expect("a PDF");
    let fonts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| {
            o.as_dict()
                .ok()?
                .get(b"BaseFont")
                .ok()?
                .as_name()
                .ok()
                .map(|n| String::from_utf8_lossy(n).into_owned())
        })
        .collect();
    assert!(
        fonts.iter().any(|f| f.ends_with("+DejaVuSans")),
        "DejaVu Sans embedded: {fonts:?}"
    );
}

#[test]
fn thousands_of_quotes_make_a_long_report() {
    let quote = "      - quote: Konsulterna har varit tillgängliga och flexibla, och bemötandet har alltid varit vänligt och professionellt.\n";
    let yaml = with_blocks(&quote.repeat(2_000));
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .status(0)
        .run();
    let pages = page_texts(&run.read("in.pdf"));
    assert!(pages.len() >= 100, "{} pages", pages.len());
    let last = pages.len();
    assert!(pages[last - 1].contains(&format!("Sida\u{a0}{last}\u{a0}({last})")));
}

#[test]
fn a_failed_write_leaves_nothing_behind() {
    // The output's folder is a file: the write fails however privileged the user.
    let run = Test::new()
        .file("in.yaml", SAMPLE)
        .args(&["render", "in.yaml", "-o", "in.yaml/out.pdf"])
        .status(1)
        .run();
    run.assert_stderr("cannot write in.yaml/out.pdf");
    assert_eq!(run.files(), ["in.yaml"]);
}

#[test]
fn a_render_killed_midway_leaves_the_old_pdf_and_no_partial_file() {
    // Long enough to write for a while, within what one report may take to typeset.
    let quote = "      - quote: Ett citat som upprepas för att göra rapporten lång nog att hinna avbrytas.\n";
    let test = Test::new()
        .file("in.yaml", with_blocks(&quote.repeat(4_000)))
        .file("in.pdf", "the old PDF");
    let dir = test.path("");
    // Killed (SIGKILL, which no cleanup survives) while it writes: once the file it writes
    // into is open in the output's folder, seen among its open files. The window is a few
    // milliseconds; a render that finished before it was seen is tried again.
    let caught = (0..10).any(|_| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_uppfoljning"))
            .args(["render", "in.yaml"])
            .current_dir(&dir)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("starts");
        let writing = wait_for_output_file(child.id(), &dir, Duration::from_secs(60));
        child.kill().expect("killed");
        let status = child.wait().expect("ended");
        // Caught writing, and the kill landed before it exited.
        writing && status.code().is_none()
    });
    assert!(caught, "no render was caught writing its output");
    let pdf = std::fs::read(dir.join("in.pdf")).expect("the PDF");
    // A whole new PDF reads as one, to its end-of-file marker; a torn one does not.
    let whole_new = || {
        pdf.starts_with(b"%PDF-")
            && pdf.trim_ascii_end().ends_with(b"%%EOF")
            && lopdf::Document::load_mem(&pdf).is_ok()
    };
    assert!(
        pdf == b"the old PDF" || whole_new(),
        "whole old or whole new, never partial ({} bytes)",
        pdf.len()
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["in.pdf", "in.yaml"], "no temporary file left");
    drop(test);
}

#[test]
fn reading_a_folder_as_a_report_is_a_clear_error() {
    let run = Test::new()
        .file("dir/x.txt", "")
        .args(&["typst", "dir"])
        .status(1)
        .run();
    run.assert_stderr("cannot read dir");
}

#[test]
fn a_template_that_loops_forever_is_stopped() {
    let main = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}";
    let started = Instant::now();
    let run = Test::new()
        .file("in.yaml", SAMPLE)
        .file("tpl/report.typ.j2", main)
        .args(&["render", "in.yaml", "--templates", "tpl"])
        .status(1)
        .run();
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "stopped by the fuel limit"
    );
    run.assert_stderr("fuel");
}

#[test]
fn a_style_that_loops_forever_is_stopped() {
    let style = "#let report(..args, body) = body\n#let n = 0\n#while n >= 0 { n += 1 }\n";
    let run = Test::new()
        .file("in.yaml", SAMPLE)
        .file("tpl/style.typ", style)
        .args(&["render", "in.yaml", "--templates", "tpl"])
        .status(1)
        .run();
    run.assert_stderr("infinite");
}

#[cfg(unix)]
#[test]
fn a_link_in_the_templates_folder_cannot_lead_out() {
    let test = Test::new()
        .file("secret.txt", "hemligt")
        .file("in.yaml", SAMPLE)
        .file(
            "tpl/style.typ",
            "#let report(..args, body) = body\n#read(\"leak.txt\")\n",
        );
    std::os::unix::fs::symlink(test.path("secret.txt"), test.path("tpl/leak.txt")).expect("a link");
    let run = test
        .args(&["render", "in.yaml", "--templates", "tpl"])
        .status(1)
        .run();
    run.assert_stderr("denied");
    assert!(!run.path("in.pdf").exists());
}

/// Whether process `pid` opened a file in `dir` other than its input within `limit`: a new
/// file being written (unnamed, shown as `dir/#… (deleted)`, or a temporary name).
fn wait_for_output_file(pid: u32, dir: &std::path::Path, limit: Duration) -> bool {
    let dir = dir.canonicalize().expect("the folder");
    let started = std::time::Instant::now();
    let fds = std::path::PathBuf::from(format!("/proc/{pid}/fd"));
    while started.elapsed() < limit {
        let open = std::fs::read_dir(&fds).into_iter().flatten().flatten();
        let writing = open
            .filter_map(|fd| std::fs::read_link(fd.path()).ok())
            .any(|target| {
                target.starts_with(&dir)
                    && !target.ends_with("in.yaml")
                    && !target.ends_with("in.pdf")
            });
        if writing {
            return true;
        }
        std::thread::yield_now();
    }
    false
}
