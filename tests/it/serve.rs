//! `uppfoljning serve` over a plain socket: the same bytes as `render`, problems as
//! problem+json with the diagnostics, and the limits.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use crate::common::{Answer, MINIMAL, SAMPLE, Test, http, sample_pdf};

/// A running `uppfoljning serve` on a free port; stopped when dropped.
struct Service {
    child: Child,
    port: u16,
}

impl Service {
    fn start() -> Self {
        Self::start_with(&[])
    }

    fn start_with(extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_uppfoljning"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let mut line = String::new();
        BufReader::new(child.stderr.take().expect("stderr"))
            .read_line(&mut line)
            .expect("a line");
        let port = line
            .split("http://127.0.0.1:")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|port| port.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        Self { child, port }
    }

    /// Sends one request (to this machine's own Host) and returns the answer, its head in
    /// lowercase (header names are case-insensitive).
    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        let mut headers = headers.to_vec();
        headers.push(("Host", "127.0.0.1"));
        let mut answer = http(self.port, method, path, &headers, body);
        answer.head = answer.head.to_ascii_lowercase();
        answer
    }

    fn post(&self, path: &str, kind: &str, body: &[u8]) -> Answer {
        self.request("POST", path, &[("Content-Type", kind)], body)
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn a_report_renders_to_the_bytes_render_writes_and_problems_are_problem_json() {
    let service = Service::start();
    let pdf = service.post("/v1/render", "application/yaml", SAMPLE.as_bytes());
    assert_eq!(pdf.status, 200, "{}", String::from_utf8_lossy(&pdf.body));
    assert!(
        pdf.head.contains("content-type: application/pdf"),
        "{}",
        pdf.head
    );
    assert!(
        pdf.body == sample_pdf(),
        "the PDF differs from `uppfoljning render`"
    );

    let checked = service.post(
        "/v1/check",
        "application/yaml; charset=utf-8",
        SAMPLE.as_bytes(),
    );
    assert_eq!(checked.status, 200);
    assert_eq!(checked.json()["pages"], 3);

    let bad = MINIMAL.replace("date: 2016-03-01", "date: 2016-02-30");
    let answer = service.request(
        "POST",
        "/v1/check",
        &[
            ("Content-Type", "application/yaml"),
            ("X-Request-Id", "ärende-1"),
        ],
        bad.as_bytes(),
    );
    assert_eq!(answer.status, 422);
    assert!(
        answer
            .head
            .contains("content-type: application/problem+json"),
        "{}",
        answer.head
    );
    let problem = answer.json();
    assert_eq!(problem["type"], "urn:uppfoljning:problem:invalid-report");
    assert_eq!(problem["status"], 422);
    let diagnostic = &problem["diagnostics"][0];
    assert_eq!(diagnostic["field"], "date");
    assert_eq!(diagnostic["line"], 5);
    assert!(
        diagnostic["message"]
            .as_str()
            .is_some_and(|m| m.contains("not a date")),
        "{problem}"
    );
    // A request id that is not plain ASCII is replaced by one of the service's own.
    let id = problem["request_id"].as_str().expect("an id");
    assert!(id.len() == 32 && answer.head.contains(&format!("x-request-id: {id}")));

    let given = service.request(
        "POST",
        "/v1/render",
        &[
            ("Content-Type", "application/json"),
            ("X-Request-Id", "case-42"),
        ],
        br#"{"dnr": "1"}"#,
    );
    assert_eq!(given.status, 422);
    assert_eq!(given.json()["request_id"], "case-42");
    assert!(given.head.contains("x-request-id: case-42"));
}

#[test]
fn the_service_refuses_what_is_not_a_report_and_reads_nothing_of_its_own_disk() {
    let service = Service::start();
    let kind = |answer: &Answer| {
        answer.json()["type"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };

    let plain = service.post("/v1/render", "text/plain", SAMPLE.as_bytes());
    assert_eq!(
        (plain.status, kind(&plain).as_str()),
        (415, "urn:uppfoljning:problem:unsupported-media-type")
    );

    // Announced larger than any report: refused before the body is sent.
    let huge = service.request(
        "POST",
        "/v1/render",
        &[
            ("Content-Type", "application/yaml"),
            ("Content-Length", "1073741824"),
        ],
        b"",
    );
    assert_eq!(
        (huge.status, kind(&huge).as_str()),
        (413, "urn:uppfoljning:problem:too-large")
    );

    let latin1 = service.post("/v1/render", "application/yaml", b"dnr: \xe5\n");
    assert_eq!(latin1.status, 400);

    // A figure names a file: over HTTP the report has no folder, so nothing is read.
    let figure = SAMPLE.replacen(
        "  - body:\n",
        "  - body:\n      - figure: {image: Cargo.toml, alt: Ett försök}\n",
        1,
    );
    let answer = service.post("/v1/render", "application/yaml", figure.as_bytes());
    assert_eq!(answer.status, 422);
    assert!(
        answer.json()["diagnostics"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("came without its images")),
        "{}",
        answer.json()
    );

    for (path, status) in [
        ("/livez", 200),
        ("/readyz", 200),
        ("/version", 200),
        ("/nowhere", 404),
    ] {
        assert_eq!(
            service.request("GET", path, &[], b"").status,
            status,
            "{path}"
        );
    }
    assert_eq!(
        service.request("GET", "/version", &[], b"").json()["version"],
        env!("CARGO_PKG_VERSION")
    );
}

#[test]
fn without_authentication_the_service_listens_on_this_machine_only() {
    Test::new()
        .args(&["serve", "--listen", "0.0.0.0:0"])
        .status(2)
        .stderr_has("serve listens only on this machine's own address")
        .run();
}

#[test]
fn on_sigterm_it_says_it_is_draining_finishes_its_work_and_exits_0() {
    let mut service = Service::start_with(&["--drain", "2"]);
    assert_eq!(service.request("GET", "/readyz", &[], b"").status, 200);
    let schema = service.request("GET", "/v1/schema", &[], b"");
    assert_eq!(schema.status, 200);
    assert_eq!(
        schema.json(),
        serde_json::from_str::<serde_json::Value>(include_str!(
            "../../samples/uppfoljning.schema.json"
        ))
        .expect("JSON")
    );

    let stopped = Command::new("kill")
        .args(["-TERM", &service.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(stopped.success());
    let started = std::time::Instant::now();
    // The balancer sees it going, and work sent meanwhile is still done.
    let ready = loop {
        let status = service.request("GET", "/readyz", &[], b"").status;
        if status != 200 || started.elapsed() > std::time::Duration::from_secs(1) {
            break status;
        }
    };
    assert_eq!(ready, 503);
    let pdf = service.post("/v1/render", "application/yaml", SAMPLE.as_bytes());
    assert_eq!(pdf.status, 200);
    assert!(pdf.body == sample_pdf());
    let status = service.child.wait().expect("it ends");
    assert_eq!(status.code(), Some(0), "a drained stop is a success");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "stopped in {:?}",
        started.elapsed()
    );
}
