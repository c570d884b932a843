//! The workspace's pages over HTTP, on SQLite and on PostgreSQL: what the officer reads at `/`
//! and on a report's page (in Swedish, every value escaped), changes made from a form (and
//! refused from another site's), a folder imported all or nothing, and the editor mounted on
//! a report, its saves new versions and a stale one refused.

use super::Service;
use super::workspace::{engines, service_on};
use crate::common::{Answer, MINIMAL, SAMPLE, http};

/// What a form on the service's own page sends with a change.
const OWN: [(&str, &str); 2] = [
    ("Origin", "http://127.0.0.1"),
    ("Sec-Fetch-Site", "same-origin"),
];

impl Service {
    /// `path` posted from the service's own page with a form's `body`.
    fn post_form(&self, path: &str, body: &str) -> Answer {
        let mut headers = OWN.to_vec();
        headers.push(("Content-Type", "application/x-www-form-urlencoded"));
        self.request("POST", path, &headers, body.as_bytes())
    }

    /// A report created over the API from `yaml`: its id.
    fn created(&self, yaml: &str) -> i64 {
        let created = self.yaml("POST", "/v1/reports", &[], yaml);
        assert_eq!(created.status, 201, "{}", created.text());
        created.json()["id"].as_i64().expect("an id")
    }
}

/// A report of another case, its next follow-up planned for `next`, its supplier `supplier`.
fn other_case(dnr: &str, supplier: &str, next: &str) -> String {
    MINIMAL
        .replace("1.5.3-219-2012", dnr)
        .replace("Rent AB", supplier)
        .replace(
            "  performed: 2015-12\n",
            &format!("  performed: 2015-12\n  next: {next}\n"),
        )
}

#[test]
fn the_start_page_lists_finds_and_shows_the_coming_follow_ups_in_swedish() {
    for database in engines() {
        let engine = database.name();
        let service = service_on(&database);
        service.created(SAMPLE);
        service.created(&other_case("KS-2020/1", "Förr AB", "2020-01"));
        let hostile = "\"<script>alert(1)</script> & {{ dnr }}\"";
        service.created(&other_case("KS-2099/9", hostile, "2099-12-31"));

        let start = service.get("/");
        assert_eq!(start.status, 200, "{engine}: {}", start.text());
        assert_eq!(
            start.header("content-type").as_deref(),
            Some("text/html; charset=utf-8")
        );
        assert!(
            start
                .header("content-security-policy")
                .is_some_and(|p| p.contains("default-src 'none'"))
        );
        let html = start.text();
        assert!(html.contains("<html lang=\"sv\">"), "{engine}");
        for words in [
            "Kommande uppföljningar",
            "Rapporter",
            "3 rapporter",
            "Ny uppföljning",
            "Importera en mapp",
        ] {
            assert!(html.contains(words), "{engine}: no {words:?} in {html}");
        }
        // The overdue case first and marked; the one in 2099 after it, not marked.
        let coming = &html
            [html.find("Kommande").expect("coming")..html.find("id=\"rapporter\"").expect("list")];
        let overdue = coming.find("2020-01").expect("the overdue one");
        let later = coming.find("2099-12-31").expect("the later one");
        assert!(overdue < later, "{engine}: {coming}");
        assert_eq!(coming.matches("försenad").count(), 1, "{engine}: {coming}");
        // Shown as written, never as markup.
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; {{ dnr }}"),
            "{engine}: {html}"
        );
        assert!(!html.contains("<script>"), "{engine}");

        // Searched, filtered and sorted as the API does.
        let found = service.get("/?q=IGO-R&state=&sort=dnr").text();
        assert!(
            found.contains("1 rapport<") && found.contains("IGO-R AB"),
            "{engine}: {found}"
        );
        let listed = &found[found.find("id=\"rapporter\"").expect("the list")..];
        assert!(!listed.contains("Förr AB</td>"), "{engine}: {listed}");
        let none = service.get("/?q=&state=approved&sort=").text();
        assert!(none.contains("0 rapporter"), "{engine}: {none}");
        let bad = service.get("/?sort=lösenord");
        assert_eq!(bad.status, 400, "{engine}");
        assert!(
            bad.text().contains("sökningen går inte att läsa"),
            "{engine}: {}",
            bad.text()
        );
    }
}

#[test]
fn a_report_s_page_shows_its_history_in_words_and_approves_from_its_form_only() {
    for database in engines() {
        let engine = database.name();
        let service = service_on(&database);
        let id = service.created(SAMPLE);
        let edited = SAMPLE.replace("supplier: IGO-R AB", "supplier: IGO-R Coaching AB");
        let saved = service.yaml(
            "PUT",
            &format!("/v1/reports/{id}/yaml"),
            &[("If-Match", "\"1\"")],
            &edited,
        );
        assert_eq!(saved.status, 200, "{engine}: {}", saved.text());

        let page = service.get(&format!("/rapporter/{id}")).text();
        for words in [
            "Historik",
            "Version 2",
            "Version 1",
            "Leverantör: IGO-R AB → IGO-R Coaching AB",
            "Fastställ version 2",
        ] {
            assert!(page.contains(words), "{engine}: no {words:?} in {page}");
        }
        assert!(
            page.contains(&format!("/v1/reports/{id}/versions/1/pdf")),
            "{engine}"
        );

        // From another site's page: refused, nothing approved.
        let forged = service.request(
            "POST",
            &format!("/rapporter/{id}/faststall"),
            &[
                ("Origin", "http://evil.example"),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            b"version=2",
        );
        assert_eq!(forged.status, 403, "{engine}: {}", forged.text());
        assert!(
            forged.text().contains("kom inte från tjänstens egna sidor"),
            "{engine}"
        );
        assert!(service.get(&format!("/v1/reports/{id}")).json()["approved_version"].is_null());

        // A stale version named by the page: refused, in Swedish.
        let stale = service.post_form(&format!("/rapporter/{id}/faststall"), "version=1");
        assert_eq!(stale.status, 412, "{engine}: {}", stale.text());
        assert!(stale.text().contains("lang=\"sv\""), "{engine}");

        // From its own page: approved, and the page says so.
        let approved = service.post_form(&format!("/rapporter/{id}/faststall"), "version=2");
        assert_eq!(approved.status, 303, "{engine}: {}", approved.text());
        let then = approved.header("location").expect("where to go");
        assert_eq!(then, format!("/rapporter/{id}?klart=faststalld"));
        let page = service.get(&then).text();
        assert!(page.contains("Versionen är fastställd"), "{engine}: {page}");
        assert!(
            page.contains("<dd>Fastställd</dd>") && page.contains("fastställd</strong>"),
            "{engine}"
        );
        assert!(
            !page.contains("Fastställ version 2"),
            "{engine}: approved once"
        );

        // An edit after it is a draft on top, and the pages say it differs.
        let after = service.yaml(
            "PUT",
            &format!("/v1/reports/{id}/yaml"),
            &[("If-Match", "\"2\"")],
            SAMPLE,
        );
        assert_eq!(after.status, 200, "{engine}");
        let page = service.get(&format!("/rapporter/{id}")).text();
        assert!(
            page.contains("Utkastet (version 3) skiljer sig från den fastställda versionen 2"),
            "{engine}: {page}"
        );
        assert!(
            service.get("/").text().contains("utkast efter fastställd"),
            "{engine}"
        );

        // The changes between any two versions, on a page of their own.
        let changes = service
            .get(&format!("/rapporter/{id}/andringar?fran=1&till=2"))
            .text();
        assert!(
            changes.contains("Ändringar från version 1 till 2"),
            "{engine}: {changes}"
        );
        assert!(changes.contains("IGO-R AB → IGO-R Coaching AB"), "{engine}");
        assert_eq!(service.get("/rapporter/999").status, 404, "{engine}");
    }
}

#[test]
fn without_login_only_this_machine_s_names_are_answered() {
    let database = engines().remove(0);
    let service = service_on(&database);
    // A name pointed at 127.0.0.1 by someone else's DNS (rebinding): refused.
    let rebound = http(
        service.port,
        "GET",
        "/",
        &[("Host", "evil.example:8080")],
        b"",
    );
    assert_eq!(
        rebound.status,
        403,
        "{}",
        String::from_utf8_lossy(&rebound.body)
    );
    let api = http(
        service.port,
        "GET",
        "/v1/reports",
        &[("Host", "evil.example")],
        b"",
    );
    assert_eq!(api.status, 403);
    for host in ["localhost:8080", "127.0.0.1", "[::1]:80", "127.0.0.2:1"] {
        let own = http(service.port, "GET", "/", &[("Host", host)], b"");
        assert_eq!(own.status, 200, "{host}");
    }
}

/// A multipart body of a folder's `files` (path, bytes) as a browser sends a chosen folder.
fn folder(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----mappen7";
    let mut body = Vec::new();
    for (path, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"filer\"; filename=\"{path}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn a_folder_is_imported_from_the_page_all_or_nothing() {
    use crate::common::{LONG_SAMPLE, LONG_SAMPLE_CHART};
    for database in engines() {
        let engine = database.name();
        let service = service_on(&database);
        let post = |files: &[(&str, &[u8])]| {
            let (kind, body) = folder(files);
            let mut headers = OWN.to_vec();
            headers.push(("Content-Type", &kind));
            service.request("POST", "/importera", &headers, &body)
        };
        let bad = SAMPLE.replace("date: 2016-03-01", "date: 2016-02-30");
        let refused = post(&[
            ("mapp/a.yaml", SAMPLE.as_bytes()),
            ("mapp/b.yaml", bad.as_bytes()),
            ("mapp/.DS_Store", b"\0\0"),
        ]);
        assert_eq!(refused.status, 422, "{engine}: {}", refused.text());
        let text = refused.text();
        assert!(
            text.contains("mapp&#x2f;b.yaml:13")
                && text.contains("&quot;2016-02-30&quot; är inget datum som finns"),
            "{engine}: {text}"
        );
        assert_eq!(
            service.get("/v1/reports").json()["total"],
            0,
            "{engine}: nothing kept"
        );

        let imported = post(&[
            ("mapp/coachning.yaml", SAMPLE.as_bytes()),
            ("mapp/verksamhet/rapport.yaml", LONG_SAMPLE.as_bytes()),
            ("mapp/verksamhet/bilder/belaggning.svg", LONG_SAMPLE_CHART),
            ("mapp/anteckningar.txt", b"inte en rapport"),
        ]);
        assert_eq!(imported.status, 303, "{engine}: {}", imported.text());
        assert_eq!(
            imported.header("location").as_deref(),
            Some("/?klart=importerade")
        );
        let listed = service.get("/v1/reports?sort=dnr").json();
        assert_eq!(listed["total"], 2, "{engine}: {listed}");
        assert!(
            service
                .get("/?klart=importerade")
                .text()
                .contains("Mappens rapporter är importerade")
        );

        let empty = post(&[("mapp/anteckningar.txt", b"inte en rapport")]);
        assert_eq!(empty.status, 400, "{engine}: {}", empty.text());
        assert!(
            empty.text().contains("mappen har ingen rapport"),
            "{engine}"
        );
    }
}

#[test]
fn the_editor_mounted_on_a_report_saves_versions_and_refuses_a_stale_save() {
    for database in engines() {
        let engine = database.name();
        let service = service_on(&database);
        let id = service.created(SAMPLE);
        let base = format!("/rapporter/{id}/redigera");
        let page = service.get(&format!("{base}/"));
        assert_eq!(page.status, 200, "{engine}: {}", page.text());
        assert!(page.text().contains("js/main.js"), "{engine}");
        assert_eq!(
            service.get(&format!("{base}/js/main.js")).status,
            200,
            "{engine}"
        );
        let state = service.get(&format!("{base}/api/state")).json();
        assert_eq!(
            state["opened"]["document"]["supplier"], "IGO-R AB",
            "{engine}"
        );
        let fingerprint = state["opened"]["base"].as_str().expect("a base").to_owned();

        // Saved from the form: version 2, by the person editing, with its PDF's digest.
        let mut document = state["opened"]["document"].clone();
        document["supplier"] = "IGO-R Coaching AB".into();
        let change = |document: &serde_json::Value, base: &str| {
            let body = serde_json::json!({ "document": document, "base": base }).to_string();
            let mut headers = OWN.to_vec();
            headers.push(("Content-Type", "application/json"));
            service.request(
                "POST",
                &format!("/rapporter/{id}/redigera/api/save"),
                &headers,
                body.as_bytes(),
            )
        };
        let saved = change(&document, &fingerprint);
        assert_eq!(saved.status, 200, "{engine}: {}", saved.text());
        let versions = service.get(&format!("/v1/reports/{id}/versions")).json();
        assert_eq!(versions[0]["number"], 2, "{engine}: {versions}");
        assert_eq!(
            versions[0]["pdf_sha256"].as_str().map(str::len),
            Some(64),
            "{engine}"
        );
        assert_eq!(
            service.get(&format!("/v1/reports/{id}")).json()["supplier"],
            "IGO-R Coaching AB"
        );

        // Another save on the version the form first opened would lose this one: 409.
        document["supplier"] = "Någon annan AB".into();
        let stale = change(&document, &fingerprint);
        assert_eq!(stale.status, 409, "{engine}: {}", stale.text());
        assert_eq!(
            service
                .get(&format!("/v1/reports/{id}/versions"))
                .json()
                .as_array()
                .map(Vec::len),
            Some(2)
        );

        // From another site: refused before the editor sees it.
        let forged = service.request(
            "POST",
            &format!("{base}/api/save"),
            &[
                ("Origin", "http://evil.example"),
                ("Content-Type", "application/json"),
            ],
            b"{}",
        );
        assert_eq!(forged.status, 403, "{engine}");
        assert_eq!(service.get("/rapporter/999/redigera/").status, 404);
    }
}

#[test]
fn a_new_follow_up_and_next_year_s_start_from_a_form_and_open_in_the_editor() {
    let database = engines().remove(0);
    let service = service_on(&database);
    let new = service.post_form("/rapporter/ny", "");
    assert_eq!(new.status, 303, "{}", new.text());
    assert_eq!(
        new.header("location").as_deref(),
        Some("/rapporter/1/redigera/")
    );
    let versions = service.get("/v1/reports/1/versions").json();
    assert_eq!(
        versions[0]["note"], "ny uppföljning från mallen",
        "{versions}"
    );

    let id = service.created(SAMPLE);
    let next = service.post_form(&format!("/rapporter/{id}/nasta"), "");
    assert_eq!(next.status, 303, "{}", next.text());
    let created = next.header("location").expect("the new report");
    let new_id: i64 = created
        .trim_start_matches("/rapporter/")
        .trim_end_matches("/redigera/")
        .parse()
        .expect("an id");
    let summary = service.get(&format!("/v1/reports/{new_id}")).json();
    assert_eq!(summary["dnr"], "125-1210/2014", "{summary}");
    assert_eq!(summary["supplier"], "IGO-R AB");
}

/// The workspace in Chromium: `tests/browser/workspace.py` imports a folder, edits a report in
/// the mounted editor (a second browser's stale save refused), reads its history, approves it,
/// edits after approval, archives the case and starts next year's follow-up; axe-core scans
/// every page at 1280 and 375 px. Here: what it left in the workspace and the intake folder.
/// `UPPFOLJNING_SCREENSHOTS=DIR` keeps the pages' screenshots there.
#[test]
fn a_department_works_in_the_workspace_in_chromium() {
    use crate::common::{LONG_SAMPLE, LONG_SAMPLE_CHART};
    if !crate::browser::browser_available() {
        return;
    }
    let scratch = tempfile::tempdir().expect("a folder");
    let dir = scratch.path();
    let intake = dir.join("intake");
    std::fs::create_dir_all(dir.join("mapp/verksamhet/bilder")).expect("folders");
    std::fs::create_dir_all(&intake).expect("the intake folder");
    std::fs::write(dir.join("mapp/verksamhet/rapport.yaml"), LONG_SAMPLE).expect("written");
    std::fs::write(
        dir.join("mapp/verksamhet/bilder/belaggning.svg"),
        LONG_SAMPLE_CHART,
    )
    .expect("written");
    std::fs::write(
        dir.join("mapp/andra.yaml"),
        other_case("KS-2020/1", "Förr AB", "2020-01"),
    )
    .expect("written");
    let database = format!("sqlite:{}/workspace.db", dir.display());
    let intake_arg = intake.display().to_string();
    let service = Service::start_with(&["--database", &database, "--archive-intake", &intake_arg]);
    service.created(SAMPLE);

    let address = format!("http://127.0.0.1:{}", service.port);
    let result = crate::common::drive_browser(
        "workspace.py",
        &address,
        dir,
        &["--dir".as_ref(), dir.as_os_str()],
    );
    eprintln!("{result:#}");

    // Every page scanned at both widths, none with a violation (the script fails on one).
    let scans = result["axe"].as_object().expect("scans");
    assert_eq!(scans.len(), 10, "{scans:?}");
    // The second person was told, in Swedish, and nothing of theirs was saved over the first.
    let refused = result["refused"].as_str().unwrap_or_default();
    assert!(
        refused.contains("Någon annan har sparat en ny version av rapporten")
            && refused.contains("Spara min version ovanpå"),
        "{result}"
    );
    let versions = service.get("/v1/reports/1/versions").json();
    let numbers: Vec<i64> = versions
        .as_array()
        .expect("versions")
        .iter()
        .filter_map(|v| v["number"].as_i64())
        .collect();
    assert_eq!(numbers, [3, 2, 1], "{versions}");
    let v2 = service.get("/v1/reports/1/versions/2/yaml").text();
    assert!(v2.contains("supplier: Coachkompaniet i Norden AB"), "{v2}");
    assert!(
        !v2.contains("Coachning av alla"),
        "the stale save was not kept"
    );
    // Approved at version 2, its PDF kept; archived into the intake folder, one package.
    let summary = service.get("/v1/reports/1").json();
    assert_eq!(summary["approved_version"], 2, "{summary}");
    let packages: Vec<_> = std::fs::read_dir(&intake)
        .expect("intake")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(packages.len(), 1, "{packages:?}");
    assert!(packages[0].to_string_lossy().ends_with(".zip"));
    // The first, the folder's two, and next year's from the first: four in all.
    assert_eq!(service.get("/v1/reports").json()["total"], 4);
    assert_eq!(result["next_dnr"], "125-1210/2014", "{result}");
}
