//! People logging in at a real OpenID provider (npm's oidc-provider with its own login and
//! consent pages) through the service, in real Chromium: `tests/browser/login.py` logs in a
//! läsare, a handläggare and a registrator, lets each do what the role may and try what it may
//! not, and logs each out, at the provider too. Here: the route table generated in process from
//! the declarations, replayed over HTTP with each role's real session; a cookie replayed after
//! its logout; and the audit log the day left behind, read through the API.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use sha2::Digest;

use super::Service;
use crate::common::{SAMPLE, http};

/// The people's provider on `port`, its client the service at `service`; stopped when dropped.
struct People(Child);

impl People {
    fn start(modules: &Path, port: u16, service: &str, keys: &Path) -> Self {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/oidc/people.mjs");
        let mut child = Command::new("node")
            .arg(script)
            .arg(port.to_string())
            .arg(service)
            .arg(keys)
            .env("OIDC_MODULES", modules)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node starts");
        let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let first = lines.next().and_then(Result::ok).unwrap_or_default();
        assert_eq!(first.trim(), "ready", "the provider did not start");
        // The provider warns on stdout as people log in: read on, or its writes would fail.
        std::thread::spawn(move || lines.for_each(drop));
        Self(child)
    }
}

impl Drop for People {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// An API key the test seeds and reads the audit log with.
const SEED_KEY: &str = "seed-key-0123456789";

#[test]
fn people_log_in_as_their_roles_and_every_step_is_in_the_audit_log() {
    let Some(modules) = super::tokens::modules() else {
        return;
    };
    if !crate::browser::browser_available() {
        return;
    }
    let dir = tempfile::tempdir().expect("a folder");
    let (provider_port, service_port) = (free_port(), free_port());
    let address = format!("http://127.0.0.1:{service_port}");
    let _people = People::start(&modules, provider_port, &address, dir.path());
    std::fs::write(dir.path().join("client-secret"), "uppfoljning-web-secret\n").expect("w");
    std::fs::write(
        dir.path().join("session-secret"),
        "en hemlighet på minst trettiotvå byte, för test",
    )
    .expect("w");
    let config = dir.path().join("serve.toml");
    let seed = format!("{:x}", sha2::Sha256::digest(SEED_KEY.as_bytes()));
    std::fs::write(
        &config,
        format!(
            "[[api-keys]]\nname = \"seed\"\nsha256 = \"{seed}\"\nscopes = [\"reports:write\", \"reports:read\", \"audit:read\"]\n\n\
             [oidc]\nissuer = \"http://127.0.0.1:{provider_port}\"\naudience = \"urn:uppfoljning\"\n\n\
             [login]\nclient-id = \"uppfoljning-web\"\nclient-secret-file = {:?}\npublic-url = \"{address}\"\n\
             secure-cookies = false\nsession-secret-file = {:?}\norganisation-claim = \"forvaltning\"\n",
            dir.path().join("client-secret").display().to_string(),
            dir.path().join("session-secret").display().to_string(),
        ),
    )
    .expect("the configuration");
    let database = format!("sqlite:{}/workspace.db", dir.path().display());
    let intake = dir.path().join("intake");
    std::fs::create_dir(&intake).expect("the intake folder");
    let service = Service::start_at(
        &format!("127.0.0.1:{service_port}"),
        &[
            "--config",
            config.to_str().expect("a path"),
            "--database",
            &database,
            "--archive-intake",
            intake.to_str().expect("a path"),
        ],
    );
    let ready = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        service.request("GET", "/readyz", &[], b"").status == 200
    });
    assert!(ready, "the service did not fetch the provider's keys");
    let bearer = format!("Bearer {SEED_KEY}");
    let created = service.request(
        "POST",
        "/v1/reports",
        &[
            ("Authorization", &bearer),
            ("Content-Type", "application/yaml"),
        ],
        SAMPLE.as_bytes(),
    );
    assert_eq!(created.status, 201);

    let result = crate::common::drive_browser("login.py", &address, dir.path(), &[]);

    // The route table, generated in process from the declarations, holds over HTTP with real
    // sessions from the real provider.
    the_table_holds_over_http(service_port, &result["sessions"]);

    // Rita's cookie, replayed after her logout, opens nothing.
    let cookie = format!(
        "uppfoljning={}",
        result["rita_cookie"].as_str().expect("a cookie")
    );
    let replayed = http(
        service_port,
        "GET",
        "/v1/reports",
        &[("Host", "127.0.0.1"), ("Cookie", &cookie)],
        b"",
    );
    assert_eq!(replayed.status, 401);

    // The day in the audit log: who did what, and what was refused.
    let log = service.request(
        "GET",
        "/v1/audit?most=200",
        &[("Authorization", &bearer)],
        b"",
    );
    assert_eq!(log.status, 200);
    let entries = log.json();
    let entries = entries.as_array().expect("entries");
    let has = |actor: &str, action: &str, outcome: &str| {
        entries
            .iter()
            .any(|e| e["actor"] == actor && e["action"] == action && e["outcome"] == outcome)
    };
    for person in ["lasse", "anna", "rita"] {
        assert!(has(person, "login", "ok"), "{person} login: {entries:#?}");
        assert!(has(person, "logout", "ok"), "{person} logout");
    }
    assert!(has("seed", "create", "ok"));
    assert!(has("anna", "save", "ok"));
    assert!(
        has("anna", "approve", "refused"),
        "a handläggare may not approve"
    );
    assert!(has("rita", "approve", "ok"));
    assert!(has("rita", "approve", "refused"), "four eyes");
    assert!(has("lasse", "audit", "refused"));
    assert!(has("rita", "audit", "ok"));
    assert!(
        has("anonymous", "refused", "refused"),
        "the replayed cookie"
    );
    // Nobody without a session did anything (a page sent them to log in: refused, not done).
    assert!(
        entries
            .iter()
            .filter(|e| e["actor"] == "anonymous")
            .all(|e| e["outcome"] == "refused"),
        "{entries:#?}"
    );
    // Every entry names its request; none carries a report's text.
    assert!(
        entries
            .iter()
            .all(|e| e["request_id"].as_str().is_some_and(|id| id.len() == 32))
    );
    assert!(!log.text().contains("Coachning"));
    let csv = service.request(
        "GET",
        "/v1/audit?format=csv",
        &[("Authorization", &bearer)],
        b"",
    );
    assert!(
        csv.text()
            .starts_with("id,at,actor,action,outcome,status,report_id,version,request_id\r\n")
    );
    eprintln!("{result:#}\n{}", csv.text());
}

/// The route table the in-process test generates from the declarations (its snapshot), row by
/// row: method, route, and the cells of the columns `none`, `läsare`, `handläggare` and
/// `registrator`.
fn route_table() -> Vec<(String, String, String, [String; 4])> {
    let snapshot = include_str!(
        "../../../src/serve/login/snapshots/uppfoljning__serve__login__tests__every_route_by_every_role_is_decided_on_the_server.snap"
    );
    snapshot
        .lines()
        .skip_while(|line| !line.starts_with("method"))
        .skip(1)
        .filter_map(|line| {
            let cells: Vec<&str> = line.split_whitespace().collect();
            (cells.len() >= 7).then(|| {
                (
                    cells[0].to_owned(),
                    cells[1].to_owned(),
                    cells[2].to_owned(),
                    [cells[3], cells[4], cells[5], cells[6]].map(str::to_owned),
                )
            })
        })
        .collect()
}

/// Every route the declarations guard, asked over HTTP by no one and by a real session of
/// each role: each answer is the in-process table's.
fn the_table_holds_over_http(port: u16, sessions: &serde_json::Value) {
    let people = [None, Some("lasse"), Some("anna"), Some("rita")];
    let rows: Vec<_> = route_table()
        .into_iter()
        .filter(|row| row.2 != "-")
        .collect();
    assert!(rows.len() > 25, "{rows:?}");
    for (method, route, _, cells) in rows {
        let path = route
            .replace("{id}", "7")
            .replace("{n}", "1")
            .replace("{*rest}", "api/save");
        for (person, expected) in people.iter().zip(&cells) {
            let mut headers = vec![
                ("Host", "127.0.0.1".to_owned()),
                ("Accept", "text/html,*/*".to_owned()),
                ("Content-Type", "application/yaml".to_owned()),
            ];
            if let Some(person) = person {
                let session = &sessions[person];
                let cookie = session["cookie"].as_str().expect("a cookie");
                headers.push(("Cookie", format!("uppfoljning={cookie}")));
                if method != "GET" {
                    headers.push((
                        "X-CSRF-Token",
                        session["csrf"].as_str().expect("csrf").to_owned(),
                    ));
                }
            }
            let headers: Vec<(&str, &str)> =
                headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let answer = http(port, &method, &path, &headers, b"dnr: [unclosed");
            let location = answer.head.lines().find_map(|line| {
                line.to_ascii_lowercase()
                    .strip_prefix("location: ")
                    .map(str::to_owned)
            });
            let cell = match answer.status {
                401 | 403 => answer.status.to_string(),
                303 if location
                    .as_deref()
                    .is_some_and(|l| l.starts_with("/logga-in?till=")) =>
                {
                    "login".into()
                }
                code if code >= 500 => format!("{code}!"),
                _ => "ok".into(),
            };
            assert_eq!(&cell, expected, "{method} {path} as {person:?}");
        }
    }
}
