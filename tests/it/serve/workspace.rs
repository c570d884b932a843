//! `serve --database`: the workspace's reports over HTTP, each test on SQLite and on a
//! PostgreSQL server of its own. Every save a version, a stale one refused, an approval bound to
//! the exact version and its PDF.

use super::Service;
use crate::common::postgres::Postgres;
use crate::common::{Answer, MINIMAL, SAMPLE, flat_text};

/// A database for one test: an SQLite file, or a database on a cluster of the test's own
/// (kept running while the test holds it).
pub(super) enum Database {
    Sqlite(tempfile::TempDir),
    Postgres(#[allow(dead_code)] Postgres, String),
}

impl Database {
    pub(super) fn url(&self) -> String {
        match self {
            Self::Sqlite(folder) => format!("sqlite:{}/workspace.db", folder.path().display()),
            Self::Postgres(_, url) => url.clone(),
        }
    }

    pub(super) fn name(&self) -> &'static str {
        match self {
            Self::Sqlite(_) => "sqlite",
            Self::Postgres(..) => "postgres",
        }
    }
}

/// SQLite, and PostgreSQL where it is installed (or required).
pub(super) fn engines() -> Vec<Database> {
    let mut engines = vec![Database::Sqlite(tempfile::tempdir().expect("a folder"))];
    if let Some(cluster) = Postgres::start() {
        let url = cluster.database("uppfoljning");
        engines.push(Database::Postgres(cluster, url));
    }
    engines
}

/// The service with a workspace in `database`.
pub(super) fn service_on(database: &Database) -> Service {
    Service::start_with(&["--database", &database.url()])
}

impl Service {
    /// `method path` with `headers` and a YAML body.
    pub(super) fn yaml(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &str,
    ) -> Answer {
        let mut headers = headers.to_vec();
        headers.push(("Content-Type", "application/yaml"));
        self.request(method, path, &headers, body.as_bytes())
    }

    pub(super) fn get(&self, path: &str) -> Answer {
        self.request("GET", path, &[], b"")
    }
}

impl Answer {
    /// The value of the header `name` (the head is in lowercase).
    pub(super) fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            (key.trim() == name).then(|| value.trim().to_owned())
        })
    }

    pub(super) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

#[test]
fn every_save_is_a_version_and_a_save_on_a_stale_version_is_refused() {
    for database in engines() {
        let engine = database.name();
        eprintln!("on {engine}");
        let service = service_on(&database);
        let created = service.yaml("POST", "/v1/reports", &[], SAMPLE);
        assert_eq!(created.status, 201, "{engine}: {}", created.text());
        let location = created.header("location").expect("a Location");
        assert_eq!(created.header("etag").as_deref(), Some("\"1\""), "{engine}");
        let summary = created.json();
        assert_eq!(summary["supplier"], "IGO-R AB", "{engine}");
        assert_eq!(summary["state"], "draft", "{engine}");

        // The YAML comes back exactly as sent, comments and all.
        let read = service.get(&format!("{location}/yaml"));
        assert_eq!(read.text(), SAMPLE, "{engine}");
        assert_eq!(read.header("etag").as_deref(), Some("\"1\""), "{engine}");

        // An edit of version 1 is version 2.
        let edited = SAMPLE.replace("supplier: IGO-R AB", "supplier: IGO-R Coaching AB");
        let saved = service.yaml(
            "PUT",
            &format!("{location}/yaml"),
            &[("If-Match", "\"1\"")],
            &edited,
        );
        assert_eq!(saved.status, 200, "{engine}: {}", saved.text());
        assert_eq!(saved.header("etag").as_deref(), Some("\"2\""), "{engine}");
        assert_eq!(saved.json()["supplier"], "IGO-R Coaching AB", "{engine}");

        // A second edit of version 1 would lose the first: 412, and the current version named.
        let stale = service.yaml(
            "PUT",
            &format!("{location}/yaml"),
            &[("If-Match", "\"1\"")],
            SAMPLE,
        );
        assert_eq!(stale.status, 412, "{engine}: {}", stale.text());
        assert_eq!(stale.header("etag").as_deref(), Some("\"2\""), "{engine}");
        assert_eq!(
            stale.json()["type"],
            "urn:uppfoljning:problem:stale-version"
        );
        // Without naming the version it edits: 428.
        let blind = service.yaml("PUT", &format!("{location}/yaml"), &[], SAMPLE);
        assert_eq!(blind.status, 428, "{engine}: {}", blind.text());
        assert_eq!(service.get(&format!("{location}/yaml")).text(), edited);

        // Both versions are kept, each as it was saved.
        let versions = service.get(&format!("{location}/versions")).json();
        let numbers: Vec<i64> = versions
            .as_array()
            .expect("a list")
            .iter()
            .filter_map(|v| v["number"].as_i64())
            .collect();
        assert_eq!(numbers, [2, 1], "{engine}");
        assert_eq!(
            service.get(&format!("{location}/versions/1/yaml")).text(),
            SAMPLE,
            "{engine}"
        );
        assert!(
            versions[0]["pdf_sha256"]
                .as_str()
                .is_some_and(|sha| sha.len() == 64),
            "{engine}: {versions}"
        );
        // What changed, in words, in the language asked for.
        let changes = service
            .request(
                "GET",
                &format!("{location}/changes?from=1&to=2"),
                &[("Accept-Language", "sv")],
                b"",
            )
            .json();
        assert_eq!(
            changes["changes"],
            serde_json::json!(["Leverantör: IGO-R AB → IGO-R Coaching AB"]),
            "{engine}"
        );
        let missing = service.get(&format!("{location}/versions/3/yaml"));
        assert_eq!(missing.status, 404, "{engine}");
        assert_eq!(service.get("/v1/reports/999/yaml").status, 404, "{engine}");
        assert_eq!(service.get("/v1/reports/x/yaml").status, 400, "{engine}");
    }
}

#[test]
fn the_list_finds_by_words_in_any_case_and_a_wildcard_is_only_itself() {
    for database in engines() {
        let engine = database.name();
        eprintln!("on {engine}");
        let service = service_on(&database);
        for (dnr, supplier) in [
            ("1.1-100/2016", "Åkeri 100% AB"),
            ("1.1-200/2016", "Städ_bolaget AB"),
            ("1.1-300/2016", "Rent AB"),
        ] {
            let yaml = MINIMAL
                .replace("dnr: 1.5.3-219-2012", &format!("dnr: {dnr}"))
                .replace("supplier: Rent AB", &format!("supplier: \"{supplier}\""));
            let created = service.yaml("POST", "/v1/reports", &[], &yaml);
            assert_eq!(created.status, 201, "{engine}: {}", created.text());
        }
        let found = |query: &str| {
            let answer = service.get(&format!("/v1/reports?{query}"));
            assert_eq!(answer.status, 200, "{engine} {query}: {}", answer.text());
            let page = answer.json();
            let suppliers: Vec<String> = page["reports"]
                .as_array()
                .expect("reports")
                .iter()
                .map(|r| r["supplier"].as_str().unwrap_or_default().to_owned())
                .collect();
            (page["total"].as_i64().unwrap_or(-1), suppliers)
        };
        assert_eq!(found("q=%C3%85KERI").1, ["Åkeri 100% AB"], "{engine}");
        assert_eq!(found("q=100%25").1, ["Åkeri 100% AB"], "{engine}");
        assert_eq!(found("q=d_b").1, ["Städ_bolaget AB"], "{engine}");
        assert_eq!(found("q=_").1, ["Städ_bolaget AB"], "{engine}");
        assert_eq!(found("q=%25").0, 1, "{engine}");
        assert_eq!(
            found("sort=dnr").1,
            ["Åkeri 100% AB", "Städ_bolaget AB", "Rent AB"],
            "{engine}"
        );
        assert_eq!(
            found("sort=-dnr&per_page=2"),
            (3, vec!["Rent AB".into(), "Städ_bolaget AB".into()]),
            "{engine}"
        );
        assert_eq!(found("sort=-dnr&per_page=2&page=2").1, ["Åkeri 100% AB"]);
        assert_eq!(found("state=approved").0, 0, "{engine}");
        for refused in [
            "sort=price",
            "per_page=0",
            "per_page=201",
            "page=0",
            "state=lost",
            "limit=3",
        ] {
            let answer = service.get(&format!("/v1/reports?{refused}"));
            assert_eq!(answer.status, 400, "{engine} {refused}: {}", answer.text());
        }
        let long = "a".repeat(201);
        assert_eq!(
            service.get(&format!("/v1/reports?q={long}")).status,
            400,
            "{engine}"
        );
    }
}

#[test]
fn an_approval_keeps_the_exact_version_and_its_pdf_and_an_edit_after_it_is_a_new_draft() {
    for database in engines() {
        let engine = database.name();
        eprintln!("on {engine}");
        let service = service_on(&database);
        let created = service.yaml("POST", "/v1/reports", &[], SAMPLE);
        let location = created.header("location").expect("a Location");

        // Approving names the version; a version that is not the current one is refused.
        let approve = |version: &str| {
            service.request(
                "POST",
                &format!("{location}/approve"),
                &[("If-Match", version)],
                b"",
            )
        };
        assert_eq!(approve("\"2\"").status, 412, "{engine}");
        let approved = approve("\"1\"");
        assert_eq!(approved.status, 200, "{engine}: {}", approved.text());
        assert_eq!(approved.json()["state"], "approved", "{engine}");
        assert_eq!(approved.json()["approved_version"], 1, "{engine}");
        let kept = service.get(&format!("{location}/versions/1/pdf"));
        assert_eq!(kept.status, 200, "{engine}");
        assert!(flat_text(&kept.body).contains("IGO-R AB"), "{engine}");

        // An edit after the approval is a new draft on top; the approved version and its PDF
        // stay as they were.
        let edited = SAMPLE.replace("supplier: IGO-R AB", "supplier: IGO-R Coaching AB");
        let saved = service.yaml(
            "PUT",
            &format!("{location}/yaml"),
            &[("If-Match", "\"1\"")],
            &edited,
        );
        assert_eq!(saved.status, 200, "{engine}: {}", saved.text());
        let summary = saved.json();
        assert_eq!(summary["state"], "draft", "{engine}");
        assert_eq!(summary["approved_version"], 1, "{engine}");
        assert_eq!(summary["current_version"], 2, "{engine}");
        assert_eq!(
            service.get(&format!("{location}/versions/1/pdf")).body,
            kept.body,
            "{engine}"
        );
        let versions = service.get(&format!("{location}/versions")).json();
        assert_eq!(versions[1]["approved"], true, "{engine}");
        assert_eq!(versions[0]["approved"], false, "{engine}");

        // A version with problems is kept, and cannot be approved.
        let broken = edited.replace("date: 2016-03-01", "date: 2016-02-30");
        let saved = service.yaml(
            "PUT",
            &format!("{location}/yaml"),
            &[("If-Match", "\"2\"")],
            &broken,
        );
        assert_eq!(saved.status, 200, "{engine}: {}", saved.text());
        let versions = service.get(&format!("{location}/versions")).json();
        assert_eq!(versions[0]["problems"], 1, "{engine}: {versions}");
        assert_eq!(versions[0]["pdf_sha256"], "", "{engine}");
        let refused = approve("\"3\"");
        assert_eq!(refused.status, 422, "{engine}: {}", refused.text());
        assert_eq!(
            service.get(&location).json()["approved_version"],
            1,
            "{engine}"
        );
    }
}

#[test]
fn the_committed_description_of_the_workspace_is_the_served_one() {
    let database = Database::Sqlite(tempfile::tempdir().expect("a folder"));
    let intake = tempfile::tempdir().expect("an intake folder");
    let service = Service::start_with(&[
        "--database",
        &database.url(),
        "--archive-intake",
        intake.path().to_str().expect("utf-8"),
    ]);
    let served = service.get("/openapi.json").text();
    assert!(
        served == include_str!("../../../openapi-workspace.json"),
        "openapi-workspace.json differs from the served one: curl the /openapi.json of a \
         service with --database and --archive-intake into it"
    );
}

#[test]
fn without_a_database_the_service_has_no_reports_and_a_bad_url_stops_it_at_once() {
    let service = Service::start();
    assert_eq!(service.get("/v1/reports").status, 404);
    let openapi = service.get("/openapi.json").text();
    assert!(
        !openapi.contains("/v1/reports"),
        "the stateless description"
    );

    let refused = crate::common::Test::new()
        .args(&["serve", "--database", "mysql://x"])
        .status(2)
        .run();
    assert!(
        refused.stderr.contains("is not a database URL"),
        "{}",
        refused.stderr
    );
    let folder = tempfile::tempdir().expect("a folder");
    let url = format!("sqlite:{}/no/such/folder/w.db", folder.path().display());
    let unopened = crate::common::Test::new()
        .args(&["serve", "--listen", "127.0.0.1:0", "--database", &url])
        .status(1)
        .run();
    assert!(
        unopened.stderr.contains("cannot be opened"),
        "{}",
        unopened.stderr
    );
}

#[test]
fn every_acknowledged_save_survives_a_kill_9_and_no_version_is_torn() {
    for database in engines() {
        let engine = database.name();
        let mut service = service_on(&database);
        let created = service.yaml("POST", "/v1/reports", &[], MINIMAL);
        let location = created.header("location").expect("a Location");
        // Saves one after another, each on the version the last one made, until the kill.
        let port = service.port;
        let saver = {
            let location = location.clone();
            std::thread::spawn(move || {
                let mut acknowledged = Vec::new();
                for n in 2.. {
                    let text = MINIMAL.replace("En mening.", &format!("Mening nummer {n}."));
                    let edits = format!("\"{}\"", n - 1);
                    let answer = std::panic::catch_unwind(|| {
                        crate::common::http(
                            port,
                            "PUT",
                            &format!("{location}/yaml"),
                            &[
                                ("Host", "127.0.0.1"),
                                ("Content-Type", "application/yaml"),
                                ("If-Match", &edits),
                            ],
                            text.as_bytes(),
                        )
                    });
                    match answer {
                        Ok(answer) if answer.status == 200 => acknowledged.push((n, text)),
                        _ => return acknowledged,
                    }
                }
                acknowledged
            })
        };
        // Killed while saves stream in.
        let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while service.get(&location).json()["current_version"]
            .as_i64()
            .unwrap_or(0)
            < 6
            && std::time::Instant::now() < until
        {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        service.child.kill().expect("kill -9");
        let _ = service.child.wait();
        let acknowledged = saver.join().expect("the saver");
        assert!(acknowledged.len() >= 4, "{engine}: {}", acknowledged.len());

        // After the restart every acknowledged save is there, as it was sent.
        service = service_on(&database);
        let summary = service.get(&location).json();
        let current = summary["current_version"].as_i64().expect("a version");
        let last = acknowledged.last().map_or(1, |(n, _)| *n);
        assert!(
            current == last || current == last + 1,
            "{engine}: {current} after {last} acknowledged"
        );
        for (n, text) in &acknowledged {
            let kept = service.get(&format!("{location}/versions/{n}/yaml"));
            assert_eq!(kept.status, 200, "{engine}: version {n}");
            assert_eq!(&kept.text(), text, "{engine}: version {n}");
        }
        let versions = service.get(&format!("{location}/versions")).json();
        assert_eq!(
            versions.as_array().map(Vec::len),
            Some(current as usize),
            "{engine}: one version for each number, none torn"
        );
    }
}

#[test]
fn a_postgresql_that_stops_is_a_clear_answer_and_the_service_recovers_when_it_returns() {
    let Some(cluster) = Postgres::start() else {
        return;
    };
    let database = Database::Postgres(cluster, String::new());
    let Database::Postgres(cluster, _) = &database else {
        unreachable!()
    };
    let url = cluster.database("uppfoljning");
    let service = Service::start_with(&["--database", &url]);
    let created = service.yaml("POST", "/v1/reports", &[], MINIMAL);
    let location = created.header("location").expect("a Location");
    cluster.stop();
    let ready = service.get("/readyz");
    assert_eq!(ready.status, 503, "{}", ready.text());
    assert!(ready.text().contains("database"), "{}", ready.text());
    let refused = service.yaml(
        "PUT",
        &format!("{location}/yaml"),
        &[("If-Match", "\"1\"")],
        &MINIMAL.replace("En mening.", "Två meningar."),
    );
    assert_eq!(refused.status, 503, "{}", refused.text());
    assert_eq!(
        refused.json()["type"],
        "urn:uppfoljning:problem:database-unavailable"
    );
    assert!(refused.head.contains("retry-after"), "{}", refused.head);

    cluster.restart();
    assert!(
        crate::common::eventually(std::time::Duration::from_secs(15), || {
            service.get("/readyz").status == 200
        }),
        "the service does not recover"
    );
    let saved = service.yaml(
        "PUT",
        &format!("{location}/yaml"),
        &[("If-Match", "\"1\"")],
        &MINIMAL.replace("En mening.", "Två meningar."),
    );
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(saved.header("etag").as_deref(), Some("\"2\""));
}

#[test]
fn archiving_writes_the_case_as_approved_into_the_intake_folder_once() {
    for database in engines() {
        let engine = database.name();
        let intake = tempfile::tempdir().expect("an intake folder");
        let intake_path = intake.path().to_str().expect("utf-8").to_owned();
        let service = Service::start_with(&[
            "--database",
            &database.url(),
            "--archive-intake",
            &intake_path,
        ]);
        // Two follow-ups of one contract; the second approved only after an edit.
        let first = service.yaml("POST", "/v1/reports", &[], SAMPLE);
        let first = first.header("location").expect("a Location");
        let later = SAMPLE.replace("date: 2016-03-01", "date: 2016-09-01");
        let second = service.yaml("POST", "/v1/reports", &[], &later);
        let second = second.header("location").expect("a Location");
        let approve = |location: &str, version: &str| {
            service.request(
                "POST",
                &format!("{location}/approve"),
                &[("If-Match", version)],
                b"",
            )
        };
        assert_eq!(approve(&first, "\"1\"").status, 200, "{engine}");
        // Not every report of the case is approved: nothing is written.
        let refused = service.request("POST", &format!("{first}/archive"), &[], b"");
        assert_eq!(refused.status, 422, "{engine}: {}", refused.text());
        assert_eq!(std::fs::read_dir(intake.path()).expect("intake").count(), 0);

        assert_eq!(approve(&second, "\"1\"").status, 200, "{engine}");
        let approved_pdf = service.get(&format!("{first}/versions/1/pdf")).body;
        // An edit after approval: the package holds the approved version, not the draft.
        let edited = service.yaml(
            "PUT",
            &format!("{first}/yaml"),
            &[("If-Match", "\"1\"")],
            &SAMPLE.replace("supplier: IGO-R AB", "supplier: Ändrad AB"),
        );
        assert_eq!(edited.status, 200, "{engine}");

        let archived = service.request(
            "POST",
            &format!("{second}/archive?submission-agreement=L%C3%96%202026-17"),
            &[],
            b"",
        );
        assert_eq!(archived.status, 201, "{engine}: {}", archived.text());
        let answer = archived.json();
        let file = intake.path().join(answer["file"].as_str().expect("a file"));
        let names: Vec<String> = std::fs::read_dir(intake.path())
            .expect("intake")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(
            names.len(),
            1,
            "{engine}: only the package, no temporary: {names:?}"
        );
        let mut zip =
            zip::ZipArchive::new(std::fs::File::open(&file).expect("the package")).expect("a zip");
        let mut read = |name: &str| {
            let mut bytes = Vec::new();
            let index = (0..zip.len())
                .find(|&i| {
                    zip.by_index(i)
                        .is_ok_and(|entry| entry.name().is_ok_and(|n| n.ends_with(name)))
                })
                .unwrap_or_else(|| panic!("{engine}: no {name} in the package"));
            std::io::Read::read_to_end(&mut zip.by_index(index).expect("entry"), &mut bytes)
                .expect("read");
            bytes
        };
        assert_eq!(
            read("_2016-03-01.pdf"),
            approved_pdf,
            "{engine}: the PDF as approved"
        );
        let premis = String::from_utf8(read("PREMIS.xml")).expect("utf-8");
        assert_eq!(
            premis.matches("<premis:eventType>approval<").count(),
            2,
            "{engine}"
        );
        assert!(!String::from_utf8_lossy(&read("_2016-03-01.yaml")).contains("Ändrad AB"));

        // The approved reports are archived now; archiving again writes nothing new.
        assert_eq!(service.get(&second).json()["state"], "archived", "{engine}");
        assert_eq!(service.get(&first).json()["state"], "draft", "{engine}");
        let again = service.request(
            "POST",
            &format!("{second}/archive?submission-agreement=L%C3%96%202026-17"),
            &[],
            b"",
        );
        assert_eq!(again.status, 200, "{engine}: {}", again.text());
        assert_eq!(again.json()["already"], true, "{engine}");

        if let Some((structure, findings)) = crate::archive::eark_findings(&file) {
            assert_eq!(structure, "WellFormed", "{engine}");
            assert_eq!(findings, crate::archive::pinned(), "{engine}");
        }
    }
}

#[test]
fn a_folder_is_imported_all_or_nothing_and_exported_back_as_it_was() {
    use crate::common::{LONG_SAMPLE, LONG_SAMPLE_CHART, Test};
    for database in engines() {
        let engine = database.name();
        let url = database.url();
        // A report with a problem among good ones: nothing is imported.
        let refused = Test::new()
            .file("in/a.yaml", SAMPLE)
            .file(
                "in/b.yaml",
                SAMPLE.replace("date: 2016-03-01", "date: 2016-02-30"),
            )
            .args(&["import", "in", "--database", &url])
            .status(1)
            .stderr_has("\"2016-02-30\" is not a date")
            .run();
        drop(refused);
        let service = service_on(&database);
        assert_eq!(service.get("/v1/reports").json()["total"], 0, "{engine}");
        drop(service);

        // Good ones, one with its figure's image: all imported, each as version 1.
        let imported = Test::new()
            .file("in/coachning.yaml", SAMPLE)
            .file("in/verksamhet.yaml", LONG_SAMPLE)
            .file("in/bilder/belaggning.svg", LONG_SAMPLE_CHART)
            .args(&["import", "in", "--database", &url])
            .stderr_has("2 reports imported")
            .run();
        let service = service_on(&database);
        let listed = service.get("/v1/reports?sort=dnr").json();
        assert_eq!(listed["total"], 2, "{engine}: {listed}");
        let first = listed["reports"][0]["id"].as_i64().expect("an id");
        assert_eq!(
            service.get(&format!("/v1/reports/{first}/yaml")).text(),
            SAMPLE,
            "{engine}"
        );
        drop(service);

        // Exported: one folder per dnr, the YAML as saved, the image beside it.
        let exported = Test::reuse(tempfile::tempdir().expect("a folder"))
            .args(&["export", "ut", "--database", &url])
            .stderr_has("2 reports exported")
            .run();
        assert_eq!(
            exported.read("ut/125-1210-2014/2016-03-01.yaml"),
            SAMPLE.as_bytes(),
            "{engine}"
        );
        let long = std::fs::read_dir(exported.path("ut"))
            .expect("ut")
            .map(|entry| entry.expect("entry").path())
            .find(|path| path.join("bilder/belaggning.svg").exists())
            .unwrap_or_else(|| panic!("{engine}: no folder with the chart"));
        assert_eq!(
            std::fs::read(long.join("bilder/belaggning.svg")).expect("the chart"),
            LONG_SAMPLE_CHART,
            "{engine}"
        );
        // What is there is never written over.
        let again = Test::reuse(tempfile::tempdir().expect("a folder"))
            .file("ut/125-1210-2014/2016-03-01.yaml", "mine")
            .args(&["export", "ut", "--database", &url])
            .status(1)
            .run();
        assert_eq!(again.read("ut/125-1210-2014/2016-03-01.yaml"), b"mine");
        drop(imported);
    }
}

#[test]
fn next_year_s_follow_up_starts_from_this_one_with_its_open_findings() {
    for database in engines() {
        let engine = database.name();
        let service = service_on(&database);
        let with_findings = format!(
            "{SAMPLE}findings:\n  items:\n    - finding: Fakturorna saknar referens.\n      \
             action: Ange beställarens referens.\n      responsible: Leverantören\n      \
             deadline: 2016-06-30\n      status: open\n    - finding: Rapporten kom sent.\n      \
             status: done\n"
        );
        let created = service.yaml("POST", "/v1/reports", &[], &with_findings);
        assert_eq!(created.status, 201, "{engine}: {}", created.text());
        let earlier = created.header("location").expect("a Location");
        let next = service.request(
            "POST",
            &format!("{earlier}/next"),
            &[("Accept-Language", "sv")],
            b"",
        );
        assert_eq!(next.status, 201, "{engine}: {}", next.text());
        let summary = next.json();
        assert_eq!(summary["dnr"], "125-1210/2014", "{engine}");
        assert_eq!(summary["supplier"], "IGO-R AB", "{engine}");
        let location = next.header("location").expect("a Location");
        assert_ne!(location, earlier);
        let yaml = service.get(&format!("{location}/yaml")).text();
        assert!(
            yaml.contains("Fakturorna saknar referens."),
            "{engine}: {yaml}"
        );
        assert!(yaml.contains("Ange beställarens referens."), "{engine}");
        assert!(
            !yaml.contains("Rapporten kom sent."),
            "{engine}: a done finding stays"
        );
        assert!(
            !yaml.contains("Han har varit in lyssnande"),
            "{engine}: the text starts anew"
        );
        let versions = service.get(&format!("{location}/versions")).json();
        assert!(
            versions[0]["problems"].as_i64() > Some(0),
            "{engine}: the starter's placeholders are to be written: {versions}"
        );
        assert_eq!(
            versions[0]["note"],
            format!(
                "nästa uppföljning efter rapport {}",
                earlier.rsplit('/').next().unwrap_or_default()
            ),
            "{engine}"
        );
    }
}

/// A small file system of the test's own (tmpfs), unmounted when dropped; `None` where this
/// machine does not let the test mount one (it is not root), unless the disk tests are
/// required (`UPPFOLJNING_DISK_TESTS=require`, as `.ci/run` sets).
struct SmallDisk(tempfile::TempDir);

impl SmallDisk {
    fn mount(kib: u32) -> Option<Self> {
        let folder = tempfile::tempdir().expect("a folder");
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={kib}k"), "tmpfs"])
            .arg(folder.path())
            .output()
            .is_ok_and(|output| output.status.success());
        let required = std::env::var("UPPFOLJNING_DISK_TESTS").is_ok_and(|v| v == "require");
        assert!(
            mounted || !required,
            "the disk tests must mount a tmpfs (run as root)"
        );
        if !mounted {
            eprintln!("skipped: this machine does not let the test mount a small file system");
        }
        mounted.then_some(Self(folder))
    }

    fn path(&self) -> &std::path::Path {
        self.0.path()
    }

    /// Fills the file system to its last byte with `filler`.
    fn fill(&self) {
        use std::io::Write;
        let mut filler = std::fs::File::create(self.path().join("filler")).expect("a filler");
        let chunk = vec![7u8; 4096];
        while filler.write_all(&chunk).is_ok() {}
        let _ = filler.sync_all();
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.0.path())
            .status();
    }
}

#[test]
fn a_full_disk_keeps_no_partial_version_says_so_and_recovers_when_there_is_room() {
    let Some(disk) = SmallDisk::mount(4096) else {
        return;
    };
    let url = format!("sqlite:{}/workspace.db", disk.path().display());
    let service = Service::start_with(&["--database", &url]);
    let created = service.yaml("POST", "/v1/reports", &[], SAMPLE);
    assert_eq!(created.status, 201, "{}", created.text());
    assert_eq!(service.get("/readyz").status, 200);

    disk.fill();
    // A save of a larger version (a long comment: nothing more to typeset) finds no room.
    let larger = format!("{SAMPLE}# {}\n", "anteckning ".repeat(30_000));
    let refused = service.yaml(
        "PUT",
        "/v1/reports/1/yaml",
        &[("If-Match", "\"1\""), ("Accept-Language", "sv")],
        &larger,
    );
    assert_eq!(refused.status, 507, "{}", refused.text());
    let problem = refused.json();
    assert_eq!(problem["type"], "urn:uppfoljning:problem:database-full");
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|d| d.contains("inget av ändringen sparades")),
        "{problem}"
    );
    // Nothing half-kept; reads go on; the probe says why the service is not ready.
    assert_eq!(service.get("/v1/reports/1/yaml").text(), SAMPLE);
    assert_eq!(
        service
            .get("/v1/reports/1/versions")
            .json()
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    assert_eq!(service.get("/v1/reports").status, 200);
    let readyz = service.get("/readyz");
    assert_eq!(readyz.status, 503);
    assert!(readyz.text().contains("no room left"), "{}", readyz.text());

    // Room again: ready, and the same save is kept.
    std::fs::remove_file(disk.path().join("filler")).expect("the filler removed");
    assert_eq!(service.get("/readyz").status, 200);
    let saved = service.yaml(
        "PUT",
        "/v1/reports/1/yaml",
        &[("If-Match", "\"1\"")],
        &larger,
    );
    assert_eq!(saved.status, 200, "{}", saved.text());
    assert_eq!(service.get("/v1/reports/1/yaml").text(), larger);
}

#[test]
fn the_audit_log_records_changes_and_refusals_and_no_one_can_change_or_remove_a_row() {
    for database in engines() {
        let engine = database.name();
        let service = service_on(&database);
        let created = service.yaml("POST", "/v1/reports", &[], SAMPLE);
        assert_eq!(created.status, 201, "{engine}");
        let stale = service.yaml(
            "PUT",
            "/v1/reports/1/yaml",
            &[("If-Match", "\"9\"")],
            SAMPLE,
        );
        assert_eq!(stale.status, 412, "{engine}");
        assert_eq!(service.get("/v1/reports/1/versions/1/pdf").status, 200);
        let log = service.get("/v1/audit").json();
        let actions: Vec<(String, String)> = log
            .as_array()
            .expect("entries")
            .iter()
            .map(|e| {
                (
                    e["action"].as_str().unwrap_or_default().to_owned(),
                    e["outcome"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        let expected = [("download", "ok"), ("save", "refused"), ("create", "ok")];
        let expected: Vec<(String, String)> = expected
            .iter()
            .map(|(a, o)| (a.to_string(), o.to_string()))
            .collect();
        assert_eq!(actions, expected, "{engine}: newest first");
        assert_eq!(log[1]["status"], 412);
        assert_eq!(log[2]["report_id"], 1);
        assert_eq!(log[2]["version"], 1);

        // With the application's own connection: the database refuses both.
        let attempts = [
            "UPDATE audit SET actor = 'someone else'",
            "DELETE FROM audit",
        ];
        for sql in attempts {
            let (done, said) = match &database {
                Database::Sqlite(folder) => {
                    let path = folder.path().join("workspace.db");
                    let output = std::process::Command::new(crate::common::python().expect("python"))
                        .args(["-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()"])
                        .arg(&path)
                        .arg(sql)
                        .output()
                        .expect("python runs");
                    (
                        output.status.success(),
                        String::from_utf8_lossy(&output.stderr).into_owned(),
                    )
                }
                Database::Postgres(cluster, _) => cluster.psql("uppfoljning", sql),
            };
            assert!(
                !done && said.contains("append-only"),
                "{engine}: {sql}: {said}"
            );
        }
        if let Database::Postgres(cluster, _) = &database {
            let (done, said) = cluster.psql("uppfoljning", "TRUNCATE audit");
            assert!(!done && said.contains("append-only"), "{said}");
        }
        assert_eq!(
            service.get("/v1/audit").json().as_array().map(Vec::len),
            Some(4),
            "{engine}: the reading itself is an entry"
        );
    }
}
