//! Many reports at once, the records sidecar, the embedded source, extract and verify.

use crate::common::{SAMPLE, Test, flat_text};
use sha2::{Digest, Sha256};

/// The sample with another dnr.
fn with_dnr(dnr: &str) -> String {
    SAMPLE.replace("dnr: 125-1210/2014", &format!("dnr: {dnr}"))
}

#[test]
fn a_batch_renders_the_good_names_the_bad_and_summarises() {
    let run = Test::new()
        .file("in/a.yaml", with_dnr("1-1/2020"))
        .file("in/b.yaml", with_dnr("2-2/2020"))
        .file("in/broken.yaml", "dnr: [unclosed\n")
        .file("c.yaml", with_dnr("3-3/2020"))
        .args(&["render", "in", "c.yaml", "--out-dir", "out"])
        .status(1)
        .run();
    for name in ["a.pdf", "b.pdf", "c.pdf"] {
        assert!(
            run.read(&format!("out/{name}")).starts_with(b"%PDF-"),
            "{name}"
        );
    }
    assert!(!run.path("out/broken.pdf").exists());
    run.assert_stderr("┌─ in/broken.yaml:1:");
    run.assert_stderr("3 rendered, 1 failed");
}

#[test]
fn a_clean_batch_exits_0_and_each_pdf_is_its_own() {
    let run = Test::new()
        .file("in/a.yaml", with_dnr("1-1/2020"))
        .file("in/b.yaml", with_dnr("2-2/2020"))
        .args(&["render", "in", "--out-dir", "out", "-j", "2"])
        .status(0)
        .run();
    run.assert_stderr("2 rendered, 0 failed");
    assert!(flat_text(&run.read("out/a.pdf")).contains("Dnr 1-1/2020"));
    assert!(flat_text(&run.read("out/b.pdf")).contains("Dnr 2-2/2020"));
}

#[test]
fn name_from_dnr_gives_the_filing_name_and_refuses_duplicates() {
    let run = Test::new()
        .file("in/a.yaml", with_dnr("125-1210/2014"))
        .file("in/b.yaml", with_dnr("3.1.3-81/2017"))
        .file("in/c.yaml", with_dnr("3.1.3-81/2017"))
        .args(&["render", "in", "--out-dir", "out", "--name-from-dnr"])
        .status(1)
        .run();
    assert!(
        run.read("out/125-1210-2014_2016-03-01.pdf")
            .starts_with(b"%PDF-")
    );
    assert!(
        !run.path("out/3.1.3-81-2017_2016-03-01.pdf").exists(),
        "no overwrite, no winner"
    );
    run.assert_stderr(
        "in/b.yaml would be written to out/3.1.3-81-2017_2016-03-01.pdf, and so would in/c.yaml",
    );
    run.assert_stderr(
        "in/c.yaml would be written to out/3.1.3-81-2017_2016-03-01.pdf, and so would in/b.yaml",
    );
}

#[test]
fn name_from_dnr_gives_each_year_s_follow_up_of_a_case_its_own_file() {
    let last_year = with_dnr("3.1.3-81/2017").replace("date: 2016-03-01", "date: 2017-03-01");
    let run = Test::new()
        .file("2016.yaml", with_dnr("3.1.3-81/2017"))
        .file("2017.yaml", last_year.as_str())
        .args(&[
            "render",
            "2016.yaml",
            "2017.yaml",
            "--out-dir",
            "out",
            "--name-from-dnr",
        ])
        .status(0)
        .run();
    let first = run.read("out/3.1.3-81-2017_2016-03-01.pdf");
    let second = run.read("out/3.1.3-81-2017_2017-03-01.pdf");
    assert_ne!(first, second);
    // A later run for this year leaves last year's PDF as it was.
    let again = Test::reuse(run.dir)
        .args(&["render", "2017.yaml", "--out-dir", "out", "--name-from-dnr"])
        .status(0)
        .run();
    assert_eq!(again.read("out/3.1.3-81-2017_2016-03-01.pdf"), first);
}

#[test]
fn name_from_dnr_reads_standard_input_once_alongside_files() {
    let run = Test::new()
        .stdin(with_dnr("7-7/2021"))
        .file("in/a.yaml", with_dnr("1-1/2020"))
        .args(&[
            "render",
            "-",
            "in/a.yaml",
            "--out-dir",
            "out",
            "--name-from-dnr",
        ])
        .status(0)
        .run();
    run.assert_stderr("2 rendered, 0 failed");
    assert!(flat_text(&run.read("out/7-7-2021_2016-03-01.pdf")).contains("Dnr 7-7/2021"));
    assert!(flat_text(&run.read("out/1-1-2020_2016-03-01.pdf")).contains("Dnr 1-1/2020"));
}

#[test]
fn dash_o_with_several_inputs_is_a_usage_error() {
    Test::new()
        .file("a.yaml", SAMPLE)
        .file("b.yaml", SAMPLE)
        .args(&["render", "a.yaml", "b.yaml", "-o", "x.pdf"])
        .status(2)
        .run();
}

#[test]
fn the_sidecar_carries_the_record_and_checksums() {
    let run = Test::new()
        .file("in.yaml", SAMPLE)
        .args(&["render", "in.yaml", "--sidecar"])
        .status(0)
        .run();
    let pdf = run.read("in.pdf");
    let json: serde_json::Value = serde_json::from_slice(&run.read("in.json")).expect("JSON");
    let hex = |bytes: &[u8]| format!("{:x}", Sha256::digest(bytes));
    assert_eq!(json["dnr"], "125-1210/2014");
    assert_eq!(
        json["title"],
        "Uppföljning av avtal, dnr 125-1210/2014, Coachning av chefer, grupper och individer"
    );
    assert_eq!(json["document_type"], "Uppföljning");
    assert_eq!(json["organisation"], "Stockholms stad");
    assert_eq!(json["unit"], "Upphandlingsavdelningen");
    assert_eq!(json["author"], "Förnamn Efternamn");
    assert_eq!(json["date"], "2016-03-01");
    assert_eq!(json["follow_up"]["performed"], "2015-12");
    assert_eq!(json["follow_up"]["supplier_summary_until"], "2016-02");
    assert_eq!(json["supplier"], "IGO-R AB");
    assert_eq!(json["language"], "sv");
    assert_eq!(json["pdf"]["file"], "in.pdf");
    assert_eq!(
        json["pdf"]["standards"],
        serde_json::json!(["a-2a", "ua-1"])
    );
    assert_eq!(json["pdf"]["pages"], crate::common::page_texts(&pdf).len());
    assert_eq!(json["pdf"]["bytes"], pdf.len());
    assert_eq!(json["pdf"]["sha256"], hex(&pdf));
    assert_eq!(json["source"]["sha256"], hex(SAMPLE.as_bytes()));
    assert_eq!(json["generator"]["name"], "uppfoljning");
    let id = json["id"].as_str().expect("an id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(&id[14..15], "5", "a name-based (v5) UUID: {id}");
}

#[test]
fn the_same_input_gives_the_same_sidecar_and_another_dnr_another_id() {
    let render = |yaml: &str| {
        let run = Test::new()
            .file("in.yaml", yaml)
            .args(&["render", "in.yaml", "--sidecar"])
            .status(0)
            .run();
        run.read("in.json")
    };
    let first = render(SAMPLE);
    assert_eq!(first, render(SAMPLE));
    let other: serde_json::Value =
        serde_json::from_slice(&render(&with_dnr("9-9/2020"))).expect("JSON");
    let first: serde_json::Value = serde_json::from_slice(&first).expect("JSON");
    assert_ne!(first["id"], other["id"]);
    assert_ne!(first["case_id"], other["case_id"]);
    // Next year's follow-up of the same case: a document of its own, the same case.
    let next_year: serde_json::Value = serde_json::from_slice(&render(
        &SAMPLE.replace("date: 2016-03-01", "date: 2017-03-01"),
    ))
    .expect("JSON");
    assert_ne!(first["id"], next_year["id"]);
    assert_eq!(first["case_id"], next_year["case_id"]);
    // An edit of this year's text keeps its id.
    let edited: serde_json::Value =
        serde_json::from_slice(&render(&SAMPLE.replace("IGO-R AB", "IGO-R Aktiebolag")))
            .expect("JSON");
    assert_eq!(first["id"], edited["id"]);
}

#[test]
fn the_embedded_source_comes_back_byte_for_byte_and_renders_the_same_pdf() {
    // Odd bytes on purpose: a comment, CRLF line ends and no final newline survive.
    let yaml = format!("# kommentar\r\n{}", SAMPLE.trim_end().replace('\n', "\r\n"));
    let run = Test::new()
        .file("in.yaml", &yaml)
        .args(&["render", "in.yaml", "--embed-source", "-o", "report.pdf"])
        .status(0)
        .run();
    let pdf = run.read("report.pdf");
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("<pdfaid:part>3</pdfaid:part>"),
        "PDF/A-3 carries attachments"
    );
    let doc = lopdf::Document::load_mem(&pdf).expect("a PDF");
    let relationships: Vec<Vec<u8>> = doc
        .objects
        .values()
        .filter_map(|o| {
            o.as_dict()
                .ok()?
                .get(b"AFRelationship")
                .ok()?
                .as_name()
                .ok()
                .map(<[u8]>::to_vec)
        })
        .collect();
    assert_eq!(
        relationships,
        [b"Source".to_vec()],
        "attached once, as the source"
    );

    let extracted = Test::new()
        .file("report.pdf", &pdf)
        .args(&["extract", "report.pdf", "-o", "back.yaml"])
        .status(0)
        .run();
    assert_eq!(extracted.read("back.yaml"), yaml.as_bytes());

    let again = Test::new()
        .file("back.yaml", extracted.read("back.yaml"))
        .args(&["render", "back.yaml", "--embed-source"])
        .status(0)
        .run();
    assert!(
        again.read("back.pdf") == pdf,
        "extract → render gives the identical PDF"
    );
}

#[test]
fn extract_from_a_pdf_without_a_source_is_a_clear_error() {
    let run = Test::new()
        .file("in.yaml", SAMPLE)
        .args(&["render", "in.yaml"])
        .status(0)
        .run();
    let run = Test::new()
        .file("plain.pdf", run.read("in.pdf"))
        .args(&["extract", "plain.pdf"])
        .status(1)
        .run();
    run.assert_stderr("plain.pdf has no embedded source YAML");
    let run = Test::new()
        .file("junk.pdf", "not a pdf")
        .args(&["extract", "junk.pdf"])
        .status(1)
        .run();
    run.assert_stderr("junk.pdf is not a PDF");
}

#[test]
fn verify_accepts_the_match_and_rejects_a_tampered_pdf_or_an_edited_yaml() {
    let run = Test::new()
        .file("in.yaml", SAMPLE)
        .args(&["render", "in.yaml"])
        .status(0)
        .run();
    let pdf = run.read("in.pdf");
    let ok = Test::new()
        .file("in.yaml", SAMPLE)
        .file("in.pdf", &pdf)
        .args(&["verify", "in.pdf", "in.yaml"])
        .run();
    ok.assert_stderr("in.pdf matches in.yaml");

    let mut tampered = pdf.clone();
    let at = tampered.len() / 2;
    tampered[at] ^= 0x20;
    let bad = Test::new()
        .file("in.yaml", SAMPLE)
        .file("in.pdf", &tampered)
        .args(&["verify", "in.pdf", "in.yaml"]);
    let bad = bad.status(1).run();
    bad.assert_stderr("in.pdf does not match in.yaml");

    let edited = SAMPLE.replace("Han är väldigt duktig.", "Han är duktig.");
    let changed = Test::new()
        .file("in.yaml", &edited)
        .file("in.pdf", &pdf)
        .args(&["verify", "in.pdf", "in.yaml"])
        .status(1)
        .run();
    // Without its source the PDF cannot say which: content or options.
    changed.assert_stderr("the YAML's content or the options it is rendered with differ");

    // A PDF that carries its source names the fields the YAML changed.
    let embedded = Test::new()
        .file("in.yaml", SAMPLE)
        .args(&["render", "in.yaml", "--embed-source"])
        .status(0)
        .run()
        .read("in.pdf");
    let edited = edited.replace("supplier: IGO-R AB", "supplier: IGO-R Aktiebolag");
    let named = Test::new()
        .file("in.yaml", &edited)
        .file("in.pdf", &embedded)
        .args(&["verify", "in.pdf", "in.yaml"])
        .status(1)
        .run();
    named.assert_stderr("the YAML differs from the one the PDF carries at supplier, sections[");
    // The very YAML it carries, rendered with other options: the options differ.
    let options = Test::new()
        .file("in.yaml", SAMPLE)
        .file("in.pdf", &embedded)
        .args(&["verify", "in.pdf", "in.yaml", "--pdf-standard", "a-3b"])
        .status(1)
        .run();
    options.assert_stderr("the PDF carries this very YAML, so the options differ");
}

#[test]
fn verify_detects_an_embedded_source_by_itself() {
    let run = Test::new()
        .file("in.yaml", SAMPLE)
        .args(&["render", "in.yaml", "--embed-source"])
        .status(0)
        .run();
    Test::new()
        .file("in.yaml", SAMPLE)
        .file("in.pdf", run.read("in.pdf"))
        .args(&["verify", "in.pdf", "in.yaml"])
        .status(0)
        .run();
}
