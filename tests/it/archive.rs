//! `archive` and `verify PACKAGE`: FGS 2.0 packages checked by the E-ARK validator, the XML
//! schemas, and by reading them back.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Run, SAMPLE, Test, flat_text, python};
use serde_json::Value;

/// The sample with another `date` (a later follow-up of the same contract).
fn dated(date: &str) -> String {
    SAMPLE.replace("date: 2016-03-01", &format!("date: {date}"))
}

/// The sample with another dnr.
fn with_dnr(dnr: &str) -> String {
    SAMPLE.replace("dnr: 125-1210/2014", &format!("dnr: {dnr}"))
}

/// Archives `files` (name, YAML) into `out` with `extra` arguments.
fn archive(files: &[(&str, &str)], extra: &[&str]) -> Test {
    let mut test = Test::new();
    let mut args = vec!["archive"];
    for (name, yaml) in files {
        test = test.file(name, yaml);
        args.push(name);
    }
    args.extend(["--out-dir", "out"]);
    args.extend(extra);
    test.args(&args)
}

/// The one package (folder or zip) in `out`.
fn the_package(run: &Run) -> PathBuf {
    let mut found: Vec<PathBuf> = std::fs::read_dir(run.path("out"))
        .expect("out")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(found.len(), 1, "one package: {found:?}\n{}", run.stderr);
    found.remove(0)
}

/// Every file below `dir`, by path relative to it, with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("dir")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for path in entries {
            let name = format!(
                "{prefix}{}",
                path.file_name().expect("name").to_string_lossy()
            );
            if path.is_dir() {
                walk(&path, &format!("{name}/"), out);
            } else {
                out.push((name, std::fs::read(&path).expect("file")));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, "", &mut out);
    out
}

/// Runs one of the Python scripts beside this file and returns its JSON; `None` where the
/// Python tools cannot be had (the test is then skipped).
fn script(name: &str, args: &[&Path]) -> Option<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/archive")
        .join(name);
    let output = Command::new(python()?)
        .arg(path)
        .args(args)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{name} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{name}: {e}\n{}", String::from_utf8_lossy(&output.stdout)));
    Some(value)
}

/// The validator's findings: (severity, rule, what it is about).
pub(crate) type Findings = BTreeSet<(String, String, String)>;

/// The E-ARK validator's errors and warnings on `package`, each as (rule, what it is about).
///
/// The location of an agent or file group is given as its position; it is named here after
/// the order the root METS writes them in: software, archival creator, submitter, contact
/// person; Documentation, Schemas, then the representations.
pub(crate) fn eark_findings(package: &Path) -> Option<(String, Findings)> {
    let report = script("eark_validate.py", &[package])?;
    let report = &report[package.to_str().expect("utf-8 path")];
    let structure = report["structure"].as_str().unwrap_or_default().to_owned();
    let mut findings = BTreeSet::new();
    for message in report["messages"].as_array().expect("messages") {
        let rule = message["rule_id"].as_str().unwrap_or_default().to_owned();
        let severity = message["severity"].as_str().unwrap_or_default().to_owned();
        let location = message["location"].as_str().unwrap_or_default();
        findings.insert((severity, rule, about(location)));
    }
    Some((structure, findings))
}

/// What a validator location points at, by the position in its last step.
fn about(location: &str) -> String {
    let position = |what: &str| {
        let marker =
            format!("local-name()='{what}' and namespace-uri()='http://www.loc.gov/METS/'][");
        location
            .rfind(&marker)
            .map(|i| &location[i + marker.len()..])
            .and_then(|rest| rest.split(']').next())
            .unwrap_or("?")
            .to_owned()
    };
    let note = if location.ends_with("namespace-uri()='http://www.loc.gov/METS/']")
        && location.contains("'note'")
    {
        " note"
    } else {
        ""
    };
    if location.contains("'agent'") {
        let agent = match position("agent").as_str() {
            "1" => "software agent",
            "2" => "archival creator agent",
            "3" => "submitter agent",
            "4" => "contact person agent",
            other => return format!("agent {other}{note}"),
        };
        return format!("{agent}{note}");
    }
    if location.contains("'fileGrp'") {
        return match position("fileGrp").as_str() {
            "1" => "Documentation file group".to_owned(),
            "2" => "Schemas file group".to_owned(),
            other => format!("file group {other}"),
        };
    }
    location.to_owned()
}

/// The validator's findings that the README documents as contradicted by the specification's
/// own text, for a package with a contact person (the sample's handläggare) with a note.
pub(crate) fn pinned() -> BTreeSet<(String, String, String)> {
    [
        // SIP14 as implemented demands an unprefixed NOTETYPE on every CREATOR agent's note.
        ("SIP14", "software agent note"),
        ("SIP14", "contact person agent note"),
        // CSIP12–16 are the software agent's rules, applied by the validator to every CREATOR.
        ("CSIP12", "submitter agent"),
        ("CSIP13", "submitter agent"),
        ("CSIP15", "submitter agent"),
        ("CSIP16", "submitter agent"),
        ("CSIP12", "contact person agent"),
        ("CSIP13", "contact person agent"),
        ("CSIP16", "contact person agent"),
        // CSIP63 as implemented fails a file group that has no content information type.
        ("CSIP63", "Documentation file group"),
        ("CSIP63", "Schemas file group"),
    ]
    .into_iter()
    .map(|(rule, about)| ("Error".to_owned(), rule.to_owned(), about.to_owned()))
    .collect()
}

#[test]
fn the_sample_package_passes_the_eark_validator_but_for_the_pinned_exceptions() {
    let run = archive(&[("a.yaml", SAMPLE), ("b.yaml", &dated("2016-09-01"))], &[])
        .status(0)
        .run();
    run.assert_stderr("1 package written, 0 failed");
    let package = the_package(&run);
    let Some((structure, findings)) = eark_findings(&package) else {
        return;
    };
    assert_eq!(structure, "WellFormed");
    assert_eq!(
        findings,
        pinned(),
        "errors and warnings, as (severity, rule, what)"
    );
}

#[test]
fn a_zip_with_every_option_passes_the_eark_validator_but_for_the_pinned_exceptions() {
    let options = [
        "--zip",
        "--archival-creator",
        "Stockholms stad, Kommunstyrelsen",
        "--archival-creator-id",
        "212000-0142",
        "--submission-agreement",
        "LÖ 2026-17",
        "--reference-code",
        "SE/SSA/0001/F1",
        "--created",
        "2026-11-30",
    ];
    let run = archive(&[("a.yaml", SAMPLE)], &options).status(0).run();
    let package = the_package(&run);
    assert!(package.extension().is_some_and(|e| e == "zip"));
    let Some((structure, findings)) = eark_findings(&package) else {
        return;
    };
    assert_eq!(structure, "WellFormed");
    assert_eq!(findings, pinned());
}

#[test]
fn every_metadata_file_is_valid_against_its_schema() {
    let run = archive(&[("a.yaml", SAMPLE), ("b.yaml", &dated("2016-09-01"))], &[])
        .status(0)
        .run();
    let package = the_package(&run);
    let files: Vec<PathBuf> = [
        "METS.xml",
        "representations/rep1/METS.xml",
        "representations/rep2/METS.xml",
        "metadata/descriptive/ERMS.xml",
        "metadata/preservation/PREMIS.xml",
    ]
    .iter()
    .map(|f| package.join(f))
    .collect();
    let schemas = package.join("schemas");
    let mut args: Vec<&Path> = vec![&schemas];
    args.extend(files.iter().map(PathBuf::as_path));
    let Some(result) = script("xsd_validate.py", &args) else {
        return;
    };
    for file in &files {
        let errors = &result[file.to_str().expect("utf-8")];
        assert_eq!(errors, &Value::Array(vec![]), "{}", file.display());
    }
}

#[test]
fn a_case_holds_every_report_as_render_makes_it_and_its_yaml_byte_for_byte() {
    let later = dated("2016-09-01");
    let run = archive(&[("a.yaml", SAMPLE), ("b.yaml", &later)], &[])
        .status(0)
        .run();
    let package = the_package(&run);
    let rendered = Test::new()
        .file("a.yaml", SAMPLE)
        .args(&["render", "a.yaml"])
        .status(0)
        .run()
        .read("a.pdf");
    let data = package.join("representations/rep1/data");
    assert_eq!(
        std::fs::read(data.join("125-1210-2014_2016-03-01.pdf")).expect("pdf"),
        rendered,
        "the archived PDF is the one render writes"
    );
    let later_pdf = std::fs::read(data.join("125-1210-2014_2016-09-01.pdf")).expect("pdf");
    assert!(flat_text(&later_pdf).contains("2016-09-01"));
    let sources = package.join("representations/rep2/data");
    assert_eq!(
        std::fs::read(sources.join("125-1210-2014_2016-09-01.yaml")).expect("yaml"),
        later.as_bytes()
    );
    let erms = package.join("metadata/descriptive/ERMS.xml");
    let Some(values) = script(
        "xml_values.py",
        &[
            &erms,
            Path::new("//erms:aggregation/@aggregationType"),
            Path::new("//erms:aggregation/erms:objectId"),
            Path::new("//erms:aggregation/erms:title"),
            Path::new("//erms:record/erms:objectId"),
            Path::new("//erms:record/erms:dates/erms:date[@dateType='created']"),
            Path::new("//erms:record/erms:agents/erms:agent[@agentType='creator']/erms:name"),
            Path::new("//erms:record/erms:additionalInformation/erms:appendix/@path"),
        ],
    ) else {
        return;
    };
    let expect = |path: &str, values_: &[&str]| {
        assert_eq!(values[path], serde_json::json!(values_), "{path}");
    };
    expect("//erms:aggregation/@aggregationType", &["caseFile"]);
    expect("//erms:aggregation/erms:objectId", &["125-1210/2014"]);
    expect(
        "//erms:aggregation/erms:title",
        &["Coachning av chefer, grupper och individer"],
    );
    expect(
        "//erms:record/erms:objectId",
        &["125-1210/2014 (2016-03-01)", "125-1210/2014 (2016-09-01)"],
    );
    expect(
        "//erms:record/erms:dates/erms:date[@dateType='created']",
        &["2016-03-01T00:00:00Z", "2016-09-01T00:00:00Z"],
    );
    expect(
        "//erms:record/erms:agents/erms:agent[@agentType='creator']/erms:name",
        &["Förnamn Efternamn", "Förnamn Efternamn"],
    );
    expect(
        "//erms:record/erms:additionalInformation/erms:appendix/@path",
        &[
            "representations/rep1/data/125-1210-2014_2016-03-01.pdf",
            "representations/rep2/data/125-1210-2014_2016-03-01.yaml",
            "representations/rep1/data/125-1210-2014_2016-09-01.pdf",
            "representations/rep2/data/125-1210-2014_2016-09-01.yaml",
        ],
    );
}

#[test]
fn the_same_inputs_give_the_same_bytes_and_are_not_written_twice() {
    let inputs = [("a.yaml", SAMPLE), ("b.yaml", &*dated("2016-09-01"))];
    let first = archive(&inputs, &[]).status(0).run();
    let second = archive(&inputs, &[]).status(0).run();
    let (a, b) = (the_package(&first), the_package(&second));
    assert_eq!(a.file_name(), b.file_name(), "the same id");
    assert_eq!(tree(&a), tree(&b), "the same files, byte for byte");

    let zip_a = archive(&inputs, &["--zip"]).status(0).run();
    let zip_b = archive(&inputs, &["--zip"]).status(0).run();
    let bytes = std::fs::read(the_package(&zip_a)).expect("zip");
    assert_eq!(bytes, std::fs::read(the_package(&zip_b)).expect("zip"));

    // Again into the same folder: the package there is left as it is.
    let again = Test::new()
        .file("a.yaml", SAMPLE)
        .file("b.yaml", dated("2016-09-01"))
        .args(&["archive", "a.yaml", "b.yaml", "--out-dir", "out", "--zip"])
        .status(0)
        .run();
    let path = the_package(&again);
    let rerun = Command::new(env!("CARGO_BIN_EXE_uppfoljning"))
        .args(["archive", "a.yaml", "b.yaml", "--out-dir", "out", "--zip"])
        .current_dir(again.dir.path())
        .output()
        .expect("runs");
    assert_eq!(rerun.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&rerun.stderr);
    assert!(
        stderr.contains("0 packages written, 1 already there, 0 failed"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&path).expect("zip"), bytes);
}

#[test]
fn an_edit_to_any_report_gives_a_new_package_id() {
    let before = archive(&[("a.yaml", SAMPLE)], &[]).status(0).run();
    let edited = SAMPLE.replace("IGO-R AB", "IGO-R Aktiebolag");
    let after = archive(&[("a.yaml", &edited)], &[]).status(0).run();
    let (a, b) = (the_package(&before), the_package(&after));
    assert_ne!(a.file_name(), b.file_name());
    for package in [&a, &b] {
        let name = package
            .file_name()
            .expect("name")
            .to_string_lossy()
            .into_owned();
        assert!(name.starts_with("uuid-") && name.len() == 41, "{name}");
        let mets = std::fs::read_to_string(package.join("METS.xml")).expect("mets");
        assert!(mets.contains(&format!("OBJID=\"{name}\"")));
    }
}

/// Archives the sample, lets `tamper` change the package, and verifies it, expecting `status`.
#[track_caller]
fn verify_after(status: i32, tamper: impl FnOnce(&Path)) -> Run {
    let run = archive(&[("a.yaml", SAMPLE)], &[]).status(0).run();
    let package = the_package(&run);
    tamper(&package);
    let name = package
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    Test::new()
        .args(&[
            "verify",
            &format!("{}/out/{name}", run.dir.path().display()),
        ])
        .status(status)
        .run()
}

#[test]
fn verify_passes_a_package_as_written() {
    let run = verify_after(0, |_| {});
    run.assert_stderr(
        "14 files as its METS files record them; 1 PDF as rendered again from its YAML",
    );
}

#[test]
fn verify_names_a_changed_pdf() {
    let run = verify_after(1, |package| {
        let pdf = package.join("representations/rep1/data/125-1210-2014_2016-03-01.pdf");
        let mut bytes = std::fs::read(&pdf).expect("pdf");
        let last = bytes.len() - 10;
        bytes[last] ^= 1;
        std::fs::write(&pdf, bytes).expect("write");
    });
    run.assert_stderr(
        "representations/rep1/data/125-1210-2014_2016-03-01.pdf: its SHA-256 differs from the one representations/rep1/METS.xml records",
    );
    run.assert_stderr("125-1210-2014_2016-03-01.pdf: differs from what");
}

#[test]
fn verify_names_a_changed_yaml_a_missing_file_and_an_extra_one() {
    let run = verify_after(1, |package| {
        let yaml = package.join("representations/rep2/data/125-1210-2014_2016-03-01.yaml");
        let text = std::fs::read_to_string(&yaml).expect("yaml");
        std::fs::write(&yaml, text.replace("IGO-R AB", "IGO-R AC")).expect("write");
        std::fs::remove_file(package.join("schemas/premis.xsd")).expect("remove");
        std::fs::write(package.join("documentation/notes.txt"), "added").expect("write");
    });
    run.assert_stderr(
        "representations/rep2/data/125-1210-2014_2016-03-01.yaml: its SHA-256 differs from the one representations/rep2/METS.xml records",
    );
    run.assert_stderr(
        "differs from what representations/rep2/data/125-1210-2014_2016-03-01.yaml renders to",
    );
    run.assert_stderr("schemas/premis.xsd: missing (listed in METS.xml)");
    run.assert_stderr("documentation/notes.txt: extra (no METS file lists it)");
    run.assert_stderr("4 problems");
}

#[test]
fn verify_names_a_changed_file_inside_a_zip() {
    let run = archive(&[("a.yaml", SAMPLE)], &["--zip"]).status(0).run();
    let zip = the_package(&run);
    let mut bytes = std::fs::read(&zip).expect("zip");
    // The PDFs are stored, so a PDF's own bytes are in the zip as written: change one.
    let marker: &[u8] = b"%PDF-";
    let at = bytes
        .windows(marker.len())
        .position(|w| w == marker)
        .expect("the stored PDF");
    bytes[at + 200] ^= 1;
    std::fs::write(&zip, bytes).expect("write");
    let verified = Test::new()
        .args(&["verify", zip.to_str().expect("utf-8")])
        .status(1)
        .run();
    verified.assert_stderr(
        "representations/rep1/data/125-1210-2014_2016-03-01.pdf: its bytes do not match the zip's CRC-32",
    );
}

#[test]
fn a_failing_case_is_named_and_the_others_are_still_written() {
    let bad_date = with_dnr("2-2/2020").replace("date: 2016-03-01", "date: 2016-02-30");
    let run = archive(
        &[
            ("good.yaml", &with_dnr("1-1/2020")),
            (
                "case2-ok.yaml",
                &dated("2016-09-01").replace("125-1210/2014", "2-2/2020"),
            ),
            ("case2-bad.yaml", &bad_date),
            ("broken.yaml", "dnr: [unclosed\n"),
        ],
        &[],
    )
    .status(1)
    .run();
    run.assert_diagnostic(
        "case2-bad.yaml:13:7",
        "`date`: \"2016-02-30\" is not a date",
    );
    run.assert_stderr("no package for dnr 2-2/2020: 1 of 2 reports failed");
    run.assert_stderr("┌─ broken.yaml:1:");
    run.assert_stderr("1 package written, 2 failed");
    let package = the_package(&run);
    let erms =
        std::fs::read_to_string(package.join("metadata/descriptive/ERMS.xml")).expect("erms");
    assert!(erms.contains("<objectId>1-1/2020</objectId>"));
    let leftovers: Vec<_> = std::fs::read_dir(run.path("out")).expect("out").collect();
    assert_eq!(leftovers.len(), 1, "no half-written package");
}

#[test]
fn two_reports_of_one_case_on_one_date_fail_that_case() {
    let run = archive(&[("a.yaml", SAMPLE), ("copy.yaml", SAMPLE)], &[])
        .status(1)
        .run();
    run.assert_stderr("a.yaml and copy.yaml are reports of dnr 125-1210/2014 dated 2016-03-01");
    run.assert_stderr("0 packages written, 1 failed");
}

#[test]
fn hostile_text_is_escaped_and_reads_back_exactly() {
    let contract = "Avtal <b>&amp;</b> ]]> \"citat\" 'apostrof' \u{202b}ערבית\u{202c} {{ x }} #set";
    let supplier = "Leverantör & Co <script>alert(1)</script>";
    let author = "Anna \"Ann\" O'Brien\t<x/>";
    let yaml = SAMPLE
        .replace(
            "contract: Coachning av chefer, grupper och individer",
            &format!("contract: '{}'", contract.replace('\'', "''")),
        )
        .replace("supplier: IGO-R AB", &format!("supplier: {supplier:?}"))
        .replace("author: Förnamn Efternamn", &format!("author: {author:?}"));
    let run = archive(&[("a.yaml", &yaml)], &[]).status(0).run();
    let package = the_package(&run);
    let erms = package.join("metadata/descriptive/ERMS.xml");
    let mets = package.join("METS.xml");
    let Some(values) = script(
        "xml_values.py",
        &[
            &erms,
            Path::new("//erms:aggregation/erms:title"),
            Path::new(
                "//erms:aggregation/erms:agents/erms:agent[@agentType='counterpart']/erms:name",
            ),
            Path::new("//erms:record/erms:agents/erms:agent[@agentType='creator']/erms:name"),
        ],
    ) else {
        return;
    };
    assert_eq!(
        values["//erms:aggregation/erms:title"],
        serde_json::json!([contract])
    );
    assert_eq!(
        values["//erms:aggregation/erms:agents/erms:agent[@agentType='counterpart']/erms:name"],
        serde_json::json!([supplier])
    );
    assert_eq!(
        values["//erms:record/erms:agents/erms:agent[@agentType='creator']/erms:name"],
        serde_json::json!([author])
    );
    let Some(values) = script(
        "xml_values.py",
        &[
            &mets,
            Path::new("/mets:mets/@LABEL"),
            Path::new("//mets:agent[@TYPE='INDIVIDUAL']/mets:name"),
        ],
    ) else {
        return;
    };
    assert_eq!(
        values["/mets:mets/@LABEL"],
        serde_json::json!([format!(
            "Uppföljning av avtal, dnr 125-1210/2014, {contract}"
        )])
    );
    assert_eq!(
        values["//mets:agent[@TYPE='INDIVIDUAL']/mets:name"],
        serde_json::json!([author])
    );
    let raw = std::fs::read_to_string(&erms).expect("erms");
    assert!(
        !raw.contains("<script>") && !raw.contains("<b>"),
        "no markup from the text"
    );
    let Some((structure, findings)) = eark_findings(&package) else {
        return;
    };
    assert_eq!(structure, "WellFormed");
    assert_eq!(findings, pinned());
    Test::new()
        .args(&["verify", package.to_str().expect("utf-8")])
        .status(0)
        .run();
}

#[test]
fn verify_refuses_what_is_not_a_package_and_a_pdf_without_its_yaml() {
    let run = Test::new()
        .file("empty/readme.txt", "nothing")
        .args(&["verify", "empty"])
        .status(1)
        .run();
    run.assert_stderr("empty is not an archive package: it has no METS.xml at its root");
    let run = Test::new()
        .file("report.pdf", "%PDF-1.7")
        .args(&["verify", "report.pdf"])
        .status(2)
        .run();
    run.assert_stderr("give its YAML too");
}

#[test]
fn a_figure_named_with_dot_steps_is_packaged_under_its_one_name_and_verifies() {
    use crate::common::{LONG_SAMPLE, LONG_SAMPLE_CHART};
    for written in [
        "./bilder/belaggning.svg",
        "bilder//belaggning.svg",
        "bilder/./belaggning.svg",
    ] {
        let yaml = LONG_SAMPLE.replace("bilder/belaggning.svg", written);
        assert_ne!(yaml, LONG_SAMPLE, "the long sample names its figure");
        let run = archive(&[("a.yaml", &yaml)], &["--zip"])
            .file("bilder/belaggning.svg", LONG_SAMPLE_CHART)
            .status(0)
            .run();
        let package = the_package(&run);
        let names: Vec<String> = {
            let file = std::fs::File::open(&package).expect("the zip");
            let zip = zip::ZipArchive::new(file).expect("a zip");
            zip.file_names()
                .map(|name| name.expect("a name").into_owned())
                .collect()
        };
        assert!(
            names
                .iter()
                .any(|name| name.ends_with("/data/bilder/belaggning.svg")),
            "{written}: {names:?}"
        );
        assert!(
            !names
                .iter()
                .any(|name| name.contains("/./") || name.contains("//")),
            "{written}: {names:?}"
        );
        let verified = Test::new()
            .args(&["verify", &package.display().to_string()])
            .status(0)
            .run();
        verified.assert_stderr("1 PDF as rendered again from its YAML");
    }
}
