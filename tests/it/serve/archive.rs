//! `POST /v1/archive` and `POST /v1/verify`: the package `archive --zip` writes and the answer
//! `verify` gives, over HTTP.

use super::{Service, multipart, multipart_files};
use crate::common::{SAMPLE, Test, sample_pdf};

/// The sample with another `date` (a later follow-up of the same contract).
fn dated(date: &str) -> String {
    SAMPLE.replace("date: 2016-03-01", &format!("date: {date}"))
}

#[test]
fn a_case_sent_as_parts_is_the_zip_archive_writes_and_a_mixed_or_bad_one_is_refused() {
    let later = dated("2016-09-01");
    let run = Test::new()
        .file("a.yaml", SAMPLE)
        .file("b.yaml", &later)
        .args(&[
            "archive",
            "b.yaml",
            "a.yaml",
            "--out-dir",
            "out",
            "--zip",
            "--submitter",
            "Stadsarkivet",
            "--created",
            "2017-01-02",
        ])
        .status(0)
        .run();
    let zips: Vec<String> = std::fs::read_dir(run.path("out"))
        .expect("out")
        .map(|entry| {
            entry
                .expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let [file_name] = zips.as_slice() else {
        panic!("one package: {zips:?}")
    };
    let written = run.read(&format!("out/{file_name}"));

    let service = Service::start();
    // The reports in another order than on the command line: a package orders them by date.
    let (kind, body) = multipart_files(&[
        ("report", Some("a.yaml"), SAMPLE.as_bytes()),
        ("report", Some("b.yaml"), later.as_bytes()),
    ]);
    let packaged = service.post(
        "/v1/archive?submitter=Stadsarkivet&created=2017-01-02",
        &kind,
        &body,
    );
    assert_eq!(
        packaged.status,
        200,
        "{}",
        String::from_utf8_lossy(&packaged.body)
    );
    assert!(packaged.head.contains("content-type: application/zip"));
    assert!(
        packaged
            .head
            .contains(&format!("attachment; filename=\"{file_name}\"")),
        "{}",
        packaged.head
    );
    assert!(
        packaged.body == written,
        "the zip differs from `archive --zip` ({} and {} bytes)",
        packaged.body.len(),
        written.len()
    );

    // One report as a plain YAML body is a case of one.
    let one = service.post("/v1/archive", "application/yaml", SAMPLE.as_bytes());
    assert_eq!(one.status, 200);
    assert_eq!(&one.body[..2], b"PK");

    // Two dnrs are two packages: refused with the reason and the fix.
    let other = SAMPLE.replace("dnr: 125-1210/2014", "dnr: 125-9999/2015");
    let (kind, body) = multipart(&[("report", SAMPLE.as_bytes()), ("report", other.as_bytes())]);
    let mixed = service.post("/v1/archive", &kind, &body);
    assert_eq!(mixed.status, 422);
    let diagnostic = &mixed.json()["diagnostics"][0];
    assert!(
        diagnostic["message"]
            .as_str()
            .is_some_and(|m| m.contains("2 cases: dnr 125-1210/2014 and 125-9999/2015")),
        "{diagnostic}"
    );
    assert!(
        diagnostic["hints"][0]
            .as_str()
            .is_some_and(|h| h.contains("request of its own")),
        "{diagnostic}"
    );

    // Two reports of one date would share a file name in the package.
    let (kind, body) = multipart_files(&[
        ("report", Some("a.yaml"), SAMPLE.as_bytes()),
        ("report", Some("kopia.yaml"), SAMPLE.as_bytes()),
    ]);
    let same = service.post("/v1/archive", &kind, &body);
    assert_eq!(same.status, 422);
    assert!(
        same.json()["detail"]
            .as_str()
            .is_some_and(|d| d.contains("a.yaml and kopia.yaml are reports of dnr")),
        "{}",
        same.json()
    );

    // A broken report names its part's file name and its field.
    let broken = SAMPLE.replace("date: 2016-03-01", "date: 2016-02-30");
    let (kind, body) = multipart_files(&[
        ("report", Some("mars.yaml"), broken.as_bytes()),
        ("report", Some("b.yaml"), later.as_bytes()),
    ]);
    let invalid = service.post("/v1/archive", &kind, &body);
    assert_eq!(invalid.status, 422);
    let diagnostic = &invalid.json()["diagnostics"][0];
    assert_eq!(diagnostic["file"], "mars.yaml", "{diagnostic}");
    assert_eq!(diagnostic["field"], "date", "{diagnostic}");

    // The options are checked as `archive` checks its flags, and unknown ones refused.
    for (query, why) in [
        (
            "created=2017-02-30",
            "created: \"2017-02-30\" is not a date",
        ),
        ("submitter=a%0Ab", "submitter: the value has a line break"),
        ("submiter=x", "unknown field `submiter`"),
    ] {
        let refused = service.post(
            &format!("/v1/archive?{query}"),
            "application/yaml",
            SAMPLE.as_bytes(),
        );
        assert_eq!(refused.status, 400, "{query}");
        assert!(
            refused.json()["detail"]
                .as_str()
                .is_some_and(|d| d.contains(why)),
            "{query}: {}",
            refused.json()
        );
    }

    // A part's file name that leaves the folder is not taken as the name it is shown by.
    let (kind, body) = multipart_files(&[("report", Some("../../etc/x.yaml"), broken.as_bytes())]);
    let shown = service.post("/v1/archive", &kind, &body);
    assert_eq!(shown.status, 422);
    assert_eq!(shown.json()["diagnostics"][0]["file"], "report-1.yaml");
}

#[test]
fn verify_says_whether_a_pdf_is_its_report_s_rendering_also_with_its_source_attached() {
    let service = Service::start();
    let (kind, body) = multipart(&[("pdf", sample_pdf()), ("report", SAMPLE.as_bytes())]);
    let same = service.post("/v1/verify", &kind, &body);
    assert_eq!(same.status, 200, "{}", String::from_utf8_lossy(&same.body));
    let verdict = same.json();
    assert_eq!(verdict["matches"], true, "{verdict}");
    assert_eq!(verdict["embedded_source"], false);
    assert_eq!(verdict["pdf"]["sha256"], verdict["rendered"]["sha256"]);

    // One byte changed (inside the content, not the header).
    let mut changed = sample_pdf().to_vec();
    let at = changed.len() / 2;
    changed[at] ^= 0x01;
    let (kind, body) = multipart(&[("pdf", &changed), ("report", SAMPLE.as_bytes())]);
    let differs = service.post("/v1/verify", &kind, &body);
    assert_eq!(differs.status, 200);
    assert_eq!(differs.json()["matches"], false);

    // The sample edited: its old PDF no longer matches.
    let edited = SAMPLE.replace("date: 2016-03-01", "date: 2016-03-02");
    let (kind, body) = multipart(&[("pdf", sample_pdf()), ("report", edited.as_bytes())]);
    assert_eq!(
        service.post("/v1/verify", &kind, &body).json()["matches"],
        false
    );

    // `?embed-source=true` is `render --embed-source`, and verify renders such a PDF the same way.
    let embedded_cli = Test::new()
        .file("in.yaml", SAMPLE)
        .args(&["render", "in.yaml", "--embed-source"])
        .status(0)
        .run()
        .read("in.pdf");
    let embedded = service.post(
        "/v1/render?embed-source=true",
        "application/yaml",
        SAMPLE.as_bytes(),
    );
    assert_eq!(embedded.status, 200);
    assert!(
        embedded.body == embedded_cli,
        "the PDF differs from `render --embed-source`"
    );
    let (kind, body) = multipart(&[("pdf", &embedded.body), ("report", SAMPLE.as_bytes())]);
    let verdict = service.post("/v1/verify", &kind, &body).json();
    assert_eq!(verdict["matches"], true, "{verdict}");
    assert_eq!(verdict["embedded_source"], true);

    // Not a PDF: a problem of what was sent, named.
    let (kind, body) = multipart(&[
        ("pdf", b"%PDF-1.7 not really"),
        ("report", SAMPLE.as_bytes()),
    ]);
    let not_pdf = service.post("/v1/verify", &kind, &body);
    assert_eq!(
        not_pdf.status,
        422,
        "{}",
        String::from_utf8_lossy(&not_pdf.body)
    );
    assert!(
        not_pdf.json()["detail"]
            .as_str()
            .is_some_and(|d| d.contains("report.pdf")),
        "{}",
        not_pdf.json()
    );

    let (kind, body) = multipart(&[("report", SAMPLE.as_bytes())]);
    let no_pdf = service.post("/v1/verify", &kind, &body);
    assert_eq!(no_pdf.status, 400);
    assert!(
        no_pdf.json()["detail"]
            .as_str()
            .is_some_and(|d| d.contains("no part is named pdf"))
    );
    let plain = service.post("/v1/verify", "application/yaml", SAMPLE.as_bytes());
    assert_eq!(plain.status, 415);
    let unknown = service.post(
        "/v1/render?embed=true",
        "application/yaml",
        SAMPLE.as_bytes(),
    );
    assert_eq!(unknown.status, 400);
}

#[test]
fn the_problem_answers_read_as_reviewed() {
    let service = Service::start();
    let mut transcripts = Vec::new();
    let mut record = |what: &str, answer: crate::common::Answer| {
        let body: serde_json::Value = answer.json();
        let pretty = serde_json::to_string_pretty(&body).expect("JSON");
        transcripts.push(format!("== {what}: {}\n{pretty}", answer.status));
    };
    let id = [
        ("X-Request-Id", "review-1"),
        ("Content-Type", "application/yaml"),
    ];
    let broken = SAMPLE.replace("date: 2016-03-01", "date: 2016-02-30");
    record(
        "check, an impossible date",
        service.request("POST", "/v1/check", &id, broken.as_bytes()),
    );
    let other = SAMPLE.replace("dnr: 125-1210/2014", "dnr: 125-9999/2015");
    let (kind, body) = multipart(&[("report", SAMPLE.as_bytes()), ("report", other.as_bytes())]);
    record(
        "archive, two dnrs",
        service.request(
            "POST",
            "/v1/archive",
            &[("X-Request-Id", "review-2"), ("Content-Type", &kind)],
            &body,
        ),
    );
    record(
        "archive, an unknown option",
        service.request("POST", "/v1/archive?dnr=1", &id, SAMPLE.as_bytes()),
    );
    record(
        "verify, no pdf",
        service.request("POST", "/v1/verify", &id, SAMPLE.as_bytes()),
    );
    insta::assert_snapshot!(transcripts.join("\n"));
}
