//! The city's other follow-up shapes: tables, findings and actions, numbered headings and
//! contents, proposal, signatures, figures and appendices, read back from the real PDF.

use std::time::{Duration, Instant};

use crate::common::{SAMPLE, Test, flat_text, normalise, page_texts, structure};

use crate::common::{LONG_SAMPLE as LONG, LONG_SAMPLE_CHART as CHART, long_sample_pdf as long_pdf};

/// Page texts with the word joiner typst puts before an outline's page number removed.
fn pages(pdf: &[u8]) -> Vec<String> {
    page_texts(pdf)
        .into_iter()
        .map(|p| p.replace('\u{2060}', ""))
        .collect()
}

#[test]
fn the_long_sample_is_an_archival_accessible_report_of_eight_pages_or_more() {
    let pdf = long_pdf();
    let pages = pages(pdf);
    assert!(pages.len() >= 8, "{} pages", pages.len());
    let xmp = String::from_utf8_lossy(pdf);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"));
    assert!(xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"));
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"));
    let text = flat_text(pdf).replace(" :", ":");
    for expected in [
        "Förslag till beslut",
        "1. Stadsdelsnämnden godkänner rapporten.",
        "Innehåll",
        "1 Bakgrund",
        "2.1 Underlag",
        "12 Registrerade klagomål och avvikelser",
        "15 Iakttagelser och åtgärder",
        "15.1 Iakttagelse 1",
        "Krav: Avtalet avsnitt 5.3 och SOSFS 2014:5",
        "Senast: 2026-05-31",
        "Status: Pågår",
        "Status: Åtgärdad",
        "Nästa uppföljning: oktober 2026",
        "Lokaler 0 –",
        "Lokaler: Lokalerna bedömdes inte med poäng",
        "Karin Berg Stadsdelsdirektör",
        "Bilaga 1. Leverantörens handlingsplan daterad 2025-11-20",
        "Bilaga 3. Leverantörens nyckeltal till och med februari 2026",
        "Figur 1. Registrerade avvikelser per månad 2025",
    ] {
        assert!(text.contains(&normalise(expected)), "lacks {expected:?}");
    }
}

/// The contents list on page 1 as (title, page), read from the extracted text: each entry's
/// title lines, a run of dot leaders, its page number.
fn contents_entries(page: &str) -> (Vec<(String, usize)>, usize, usize) {
    let start = page.find("Innehåll").expect("a contents list");
    let mut entries = Vec::new();
    let mut title: Vec<&str> = Vec::new();
    let mut in_leaders = false;
    let mut end = start;
    let mut offset = start + "Innehåll".len();
    for line in page[offset..].split_inclusive('\n') {
        offset += line.len();
        let line = line.trim();
        if line == "." {
            in_leaders = true;
            continue;
        }
        if in_leaders {
            let Ok(number) = line.parse::<usize>() else {
                break;
            };
            entries.push((title.join(" "), number));
            title.clear();
            in_leaders = false;
            end = offset;
            continue;
        }
        if !line.is_empty() {
            title.push(line);
        }
    }
    (entries, start, end)
}

#[test]
fn every_contents_entry_names_the_page_its_heading_is_on() {
    let pdf = long_pdf();
    let pages = pages(pdf);
    let (entries, start, end) = contents_entries(&pages[0]);
    assert_eq!(entries.len(), 18, "{entries:?}");
    assert_eq!(entries[0].0, "Förslag till beslut");
    assert_eq!(entries[1].0, "1 Bakgrund");
    assert_eq!(entries[17].0, "Bilagor");
    // Each page's text without the contents list itself.
    let bodies: Vec<String> = pages
        .iter()
        .enumerate()
        .map(|(i, text)| match i {
            0 => normalise(&format!("{} {}", &text[..start], &text[end..])),
            _ => normalise(text),
        })
        .collect();
    for (title, page) in &entries {
        let title = normalise(title);
        let found = bodies.iter().position(|body| body.contains(&title));
        assert_eq!(found.map(|p| p + 1), Some(*page), "{title}");
    }
}

#[test]
fn tables_print_every_cell_in_swedish_number_form() {
    let text = flat_text(long_pdf());
    for expected in [
        "Tabell 1. Beläggning och vårddygn per månad",
        "Månad Belagda lägenheter Vårddygn Frånvarodygn Beläggningsgrad (%)",
        "September 2025 6 180 4 97,8",
        "Summa 1 018 17",
        "Tillsvidareanställda 11 9,75 10 90,9",
        "Timanställda 6 3 50",
        "September 2025 180 4 125,5 742 590 Ja",
        "December 2025 155 4 125,5 639 452,5 Ja",
        "Summa 1 018 4 221 238,3",
        "Nr Åtgärd Ansvarig Senast Status",
    ] {
        assert!(text.contains(&normalise(expected)), "lacks {expected:?}");
    }
    assert!(!text.contains("none"), "an empty cell prints nothing");
}

#[test]
fn the_structure_has_header_cells_captions_contents_and_the_figure_s_alternative() {
    let elements = structure(long_pdf());
    let count = |kind: &str| elements.iter().filter(|(k, _)| k == kind).count();
    assert_eq!(count("Table"), 6, "tables 1–4, actions, scores");
    // Tables 1–4 and the actions table (5 columns each) and the score table (3): header cells,
    // once each (a header repeated on a later page is an artifact).
    assert_eq!(count("TH"), 5 * 5 + 3);
    assert!(count("TD") > 100, "{} TD", count("TD"));
    assert!(
        count("Caption") >= 5,
        "table and figure captions: {}",
        count("Caption")
    );
    assert!(count("TOC") >= 1, "a table of contents");
    assert_eq!(count("TOCI"), 18);
    let alts: Vec<&String> = elements
        .iter()
        .filter(|(k, _)| k == "Figure")
        .filter_map(|(_, alt)| alt.as_ref())
        .collect();
    assert!(
        alts.iter()
            .any(|a| a.starts_with("Stapeldiagram över antal registrerade avvikelser")),
        "{alts:?}"
    );
    let headings: Vec<&str> = elements
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| k.starts_with('H') && k.len() == 2)
        .collect();
    assert_eq!(headings[0], "H1");
    for pair in headings.windows(2) {
        let (a, b) = (pair[0].as_bytes()[1], pair[1].as_bytes()[1]);
        assert!(b <= a + 1, "a heading level is skipped: {pair:?}");
    }
}

#[test]
fn the_first_sample_renders_to_the_same_bytes_as_before() {
    // The PDF the previous release wrote for the sample, by its SHA-256.
    let pdf = crate::common::sample_pdf();
    let sum = sha2::Sha256::digest(pdf);
    let hex: String = sum.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(
        hex,
        include_str!("../fixtures/coachning-2015.sha256").trim()
    );
}

/// A minimal report with `extra` top-level keys and `blocks` in its one section.
fn report(extra: &str, blocks: &str) -> String {
    format!(
        "dnr: 1-1/2026\ncontract: Avtal\nsupplier: Leverantör AB\norganisation: Förvaltningen\n\
         date: 2026-03-01\nfollow_up:\n  performed: 2026-02\n{extra}sections:\n  - heading: Avsnitt\n    body:\n{blocks}"
    )
}

#[test]
fn every_new_kind_of_mistake_is_reported_at_once_with_its_place() {
    let yaml = report(
        "findings:\n  items:\n    - finding: Brist\n      status: closed\n      deadline: 2026-02-30\n\
         signatures:\n  - {name: \"\"}\n",
        "      - table:\n          columns: [A, B]\n          rows:\n            - [1, 2, 3]\n\
         \x20           - [x, \"\"]\n          total: [Summa]\n\
         \x20     - figure: {image: ../utanför.png, alt: Bild}\n\
         \x20     - figure: {image: saknas.png, alt: \"\"}\n",
    );
    let yaml = yaml.replace(
        "  performed: 2026-02\n",
        "  performed: 2026-02\n  next: 2026-01\n",
    );
    let run = Test::new()
        .file("in.yaml", &yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    for expected in [
        "`follow_up.next`: 2026-01 is before the follow-up this report is about (2026-02)",
        "`sections[0].body[0].table.rows[0]`: the row has 3 cells, but the table has 2 columns",
        "`sections[0].body[0].table.total`: the row has 1 cell, but the table has 2 columns",
        "`sections[0].body[1].figure.image`: the image \"../utanför.png\" is not inside the YAML file's folder",
        "`sections[0].body[2].figure.image`: the image \"saknas.png\" cannot be read",
        "`sections[0].body[2].figure.alt`: the text is empty",
        "`findings.items[0].deadline`: \"2026-02-30\" is not a date",
        "`findings.items[0].status`: \"closed\" is not a status",
        "hint: use open, ongoing or done",
        "`signatures[0].name`: the text is empty",
    ] {
        run.assert_stderr(expected);
    }
    run.assert_stderr("in.yaml:");
    run.assert_stderr("in.yaml: 9 problems in the report");
}

#[test]
fn a_criterion_without_scores_needs_a_comment_and_a_misspelt_key_gets_a_suggestion() {
    let yaml = SAMPLE.replace("scores: [5, 5, 4, 5, 5]", "scores: []");
    let run = Test::new()
        .file("in.yaml", &yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    run.assert_stderr("there are no scores");
    run.assert_stderr("hint: give at least one score, or a `comment`");
    let yaml = report(
        "",
        "      - table:\n          colums: [A]\n          rows: [[1]]\n",
    );
    let run = Test::new()
        .file("in.yaml", &yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    run.assert_stderr("hint: did you mean `columns`?");
    let yaml = report(
        "",
        "      - table:\n          columns: [A]\n          rows: [[.nan]]\n",
    );
    let run = Test::new()
        .file("in.yaml", &yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    run.assert_stderr(
        "`sections[0].body[0].table.rows[0][0]`: `.nan` is not a number a report can show",
    );
}

#[test]
fn an_image_behind_a_link_leading_out_is_refused_and_a_non_image_too() {
    let outside = tempfile::tempdir().expect("a folder");
    std::fs::write(
        outside.path().join("hemlig.png"),
        b"\x89PNG\r\n\x1a\nsecret",
    )
    .expect("file");
    let test = Test::new()
        .file("in.yaml", report("", "      - figure: {image: bilder/länk.png, alt: Bild}\n      - figure: {image: text.png, alt: Bild}\n"))
        .file("text.png", "not an image");
    std::fs::create_dir_all(test.path("bilder")).expect("folder");
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        outside.path().join("hemlig.png"),
        test.path("bilder/länk.png"),
    )
    .expect("a link");
    let run = test.args(&["render", "in.yaml"]).status(1).run();
    #[cfg(unix)]
    run.assert_stderr("it leads outside the YAML file's folder (through a link)");
    run.assert_stderr("\"text.png\" is not a PNG, JPEG or SVG image");
    assert!(!run.path("in.pdf").exists(), "nothing written");
}

#[test]
fn hostile_text_in_every_new_field_and_cell_is_printed_verbatim() {
    let hostile = |n: usize| format!("#{n} $x$ *b* [l] {{{{ v }}}} <h> \\\\ // @r _u_");
    let quoted = |n: usize| format!("{:?}", hostile(n));
    let extra = format!(
        "proposal: [{}]\nfindings:\n  heading: {}\n  items:\n    - finding: {}\n      requirement: {}\n      action: {}\n      responsible: {}\n\
         signatures:\n  - {{name: {}, title: {}}}\nappendices: [{}]\n",
        quoted(1),
        quoted(2),
        quoted(3),
        quoted(4),
        quoted(5),
        quoted(6),
        quoted(7),
        quoted(8),
        quoted(9)
    );
    let blocks = format!(
        "      - table:\n          caption: {}\n          columns: [{}, Belopp]\n          rows:\n            - [{}, 1200]\n          total: [{}, 1200]\n\
         \x20     - figure: {{image: bild.svg, alt: {}, caption: {}}}\n",
        quoted(10),
        quoted(11),
        quoted(12),
        quoted(13),
        quoted(14),
        quoted(15)
    );
    let assessment = format!(
        "assessment:\n  scale: {{min: 1, max: 5, description: Skala}}\n  criteria:\n    - {{name: {}, scores: [], comment: {}}}\n",
        quoted(16),
        quoted(17)
    );
    let yaml = report(&format!("{extra}{assessment}"), &blocks);
    let run = Test::new()
        .file("in.yaml", &yaml)
        .file("bild.svg", CHART)
        .args(&["render", "in.yaml"])
        .status(0)
        .run();
    let pdf = run.read("in.pdf");
    let text = flat_text(&pdf);
    for n in (1..=13).chain(15..=17) {
        let expected = hostile(n);
        assert!(
            text.contains(&normalise(&expected)),
            "field {n}: lacks {expected:?}\n{text}"
        );
    }
    // The text alternative is not on the page but in the structure, as written.
    let alts: Vec<String> = structure(&pdf)
        .into_iter()
        .filter_map(|(_, alt)| alt)
        .collect();
    assert!(alts.contains(&hostile(14)), "{alts:?}");
    assert!(text.contains("1 200"));
}

#[test]
fn english_reports_use_english_words_and_number_form() {
    let yaml = report(
        "language: en\nfindings:\n  items:\n    - {finding: Gap, action: Fix it, status: done}\n",
        "      - table:\n          columns: [Item, Amount]\n          rows:\n            - [A, 155500.75]\n",
    );
    let text = flat_text(&crate::common::render(&yaml)).replace(" :", ":");
    assert!(text.contains("Findings and actions"));
    assert!(text.contains("Finding 1"));
    assert!(text.contains("Status: Done"));
    assert!(text.contains("A 155,500.75"));
}

#[test]
fn a_table_of_two_thousand_rows_repeats_its_header_on_every_page() {
    let rows: String = (1..=2000)
        .map(|i| format!("            - [Rad {i}, {}, {}.5]\n", i * 37, i))
        .collect();
    let blocks = format!(
        "      - table:\n          caption: Lång tabell\n          columns: [Post, Antal, Belopp]\n          rows:\n{rows}          total: [Summa, 74037000, 2001000]\n"
    );
    let started = Instant::now();
    let pdf = crate::common::render(&report("", &blocks));
    let elapsed = started.elapsed();
    let pages = pages(&pdf);
    assert!(pages.len() > 30, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate().skip(1) {
        assert!(
            normalise(page).contains("Post Antal Belopp"),
            "page {} lacks the header",
            i + 1
        );
    }
    let text = flat_text(&pdf);
    assert!(text.contains("Rad 2000 74 000 2 000,5"));
    assert!(text.contains("Summa 74 037 000 2 001 000"));
    // Generous: a debug build on a shared machine; the release figure is in the README.
    assert!(elapsed < Duration::from_secs(120), "{elapsed:?}");
}

#[test]
fn the_sidecar_carries_the_next_follow_up_the_findings_and_the_appendices() {
    let run = Test::new()
        .file("v.yaml", LONG)
        .file("bilder/belaggning.svg", CHART)
        .args(&["render", "v.yaml", "--sidecar"])
        .status(0)
        .run();
    let json: serde_json::Value = serde_json::from_slice(&run.read("v.json")).expect("json");
    assert_eq!(json["follow_up"]["next"], "2026-10");
    assert_eq!(json["findings"][0]["number"], 1);
    assert_eq!(json["findings"][0]["deadline"], "2026-05-31");
    assert_eq!(json["findings"][0]["status"], "ongoing");
    assert_eq!(json["findings"][3]["deadline"], serde_json::Value::Null);
    assert_eq!(json["appendices"][1], "Sammanställning av intervjuerna");
}

#[test]
fn an_embedded_source_carries_its_images_and_extract_gives_back_a_set_that_renders_the_same() {
    let run = Test::new()
        .file("v.yaml", LONG)
        .file("bilder/belaggning.svg", CHART)
        .args(&["render", "v.yaml", "--embed-source", "-o", "v.pdf"])
        .status(0)
        .run();
    let pdf = run.read("v.pdf");
    let again = Test::new()
        .file("v.pdf", &pdf)
        .args(&["extract", "v.pdf", "-o", "ut/v.yaml"])
        .status(0)
        .run();
    assert_eq!(again.read("ut/v.yaml"), LONG.as_bytes());
    assert_eq!(again.read("ut/bilder/belaggning.svg"), CHART);
    let rerun = Test::new()
        .file("v.yaml", LONG)
        .file("bilder/belaggning.svg", CHART)
        .args(&["render", "v.yaml", "--embed-source", "-o", "v.pdf"])
        .status(0)
        .run();
    assert_eq!(rerun.read("v.pdf"), pdf, "the same image, the same PDF");
    let verified = Test::new()
        .file("v.pdf", &pdf)
        .file("v.yaml", LONG)
        .file(
            "bilder/belaggning.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>",
        )
        .args(&["verify", "v.pdf", "v.yaml"])
        .status(1)
        .run();
    verified.assert_stderr("does not match");
}

#[test]
fn an_archive_package_keeps_the_images_beside_the_yaml_and_verifies() {
    let run = Test::new()
        .file("v.yaml", LONG)
        .file("bilder/belaggning.svg", CHART)
        .args(&["archive", "v.yaml", "--out-dir", "out", "--zip"])
        .status(0)
        .run();
    let zip = std::fs::read_dir(run.path("out"))
        .expect("out")
        .next()
        .expect("a package")
        .expect("entry")
        .path();
    let verified = Test::new()
        .args(&["verify", zip.to_str().expect("utf-8")])
        .status(0)
        .run();
    verified.assert_stderr("1 PDF as rendered again from its YAML");
    let bytes = std::fs::read(&zip).expect("zip");
    let name = b"representations/rep2/data/bilder/belaggning.svg";
    assert!(bytes.windows(name.len()).any(|w| w == name));
}

use sha2::Digest;

#[test]
fn a_custom_template_words_the_facts_the_scale_and_the_chart_its_own_way() {
    let main = include_str!("../../templates/report.typ.j2")
        .replace(
            "({{ labels.fact_date }}, {{ date }})",
            "(\"Datum för rapporten\", {{ date }})",
        )
        .replace("{{ labels.scale ~ \" \" ~", "{{ \"Betygsskala\" ~ \" \" ~")
        .replace(
            "labels.chart ~ \": \"",
            "\"Medelbetyg per kriterium\" ~ \": \"",
        );
    let run = Test::new()
        .file("in.yaml", SAMPLE)
        .file("t/report.typ.j2", &main)
        .args(&["render", "--templates", "t", "in.yaml"])
        .status(0)
        .run();
    let text = flat_text(&run.read("in.pdf"));
    assert!(text.contains("Datum för rapporten"), "{text}");
    assert!(!text.contains("Rapportdatum"), "{text}");
    assert!(text.contains("Betygsskala 1–5"), "{text}");
    let typst = Test::new()
        .file("in.yaml", SAMPLE)
        .file("t/report.typ.j2", &main)
        .args(&["typst", "--templates", "t", "in.yaml"])
        .status(0)
        .run();
    let source = String::from_utf8(typst.stdout).expect("UTF-8");
    assert!(
        source.contains("alt: \"Medelbetyg per kriterium: "),
        "{source}"
    );
}

/// The paths painted (stroked or filled) on page 1 of `pdf`.
fn strokes_on_page_one(pdf: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(pdf).expect("a PDF");
    let first = *doc.get_pages().values().next().expect("a page");
    let content = doc.get_page_content(first);
    let operations = lopdf::content::Content::decode(&content)
        .expect("operations")
        .operations;
    let painting = ["S", "s", "f", "F", "f*", "B", "B*", "b", "b*"];
    operations
        .iter()
        .filter(|op| painting.contains(&op.operator.as_str()))
        .count()
}

#[test]
fn a_rule_sets_the_proposal_apart_from_the_text_after_it() {
    let with = SAMPLE.replacen(
        "sections:",
        "proposal:\n  - Kommunstyrelsen godkänner rapporten.\nsections:",
        1,
    );
    let render = |yaml: &str| {
        Test::new()
            .file("in.yaml", yaml)
            .args(&["render", "in.yaml"])
            .status(0)
            .run()
            .read("in.pdf")
    };
    let (plain, proposed) = (render(SAMPLE), render(&with));
    // One rule more than the same page without a proposal: the line under the decision.
    assert_eq!(
        strokes_on_page_one(&proposed),
        strokes_on_page_one(&plain) + 1
    );
    let text = flat_text(&proposed);
    let decision = text.find("godkänner rapporten.").expect("the point");
    let introduction = text.find("I december 2015").expect("the introduction");
    assert!(decision < introduction);
}

#[test]
fn a_missing_figure_is_named_in_words_not_by_the_system_s_error_code() {
    let yaml = format!(
        "{}      - figure: {{image: bilder/saknas.png, alt: Ett diagram}}\n",
        crate::common::MINIMAL
    );
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    run.assert_stderr("`sections[0].body[1].figure.image`: the image \"bilder/saknas.png\" cannot be read: there is no such file in the report's folder");
    assert!(!run.stderr.contains("os error"), "{}", run.stderr);
}

#[test]
fn a_number_written_as_the_report_prints_it_is_a_problem_not_silent_text() {
    let yaml = format!(
        "{}      - table:\n          columns: [Förvaltning, Timmar]\n          rows:\n            - [Förskola, \"12 415,5\"]\n            - [Skola, \"3,5\"]\n",
        crate::common::MINIMAL
    );
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["check", "in.yaml"])
        .status(1)
        .run();
    run.assert_stderr("`sections[0].body[1].table.rows[0][1]`: \"12 415,5\" is a number written as the report prints it");
    run.assert_stderr("write it 12415.5: the report prints it 12 415,5");
    run.assert_stderr("`sections[0].body[1].table.rows[1][1]`: \"3,5\" is a number");
}
