//! `uppfoljning serve` over a plain socket: the same bytes as `render`, problems as
//! problem+json with the diagnostics, and the limits.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

mod archive;
mod attack;
mod login;
mod memory;
mod pages;
mod scale;
mod tokens;
mod workspace;

use crate::common::{
    Answer, LONG_SAMPLE, LONG_SAMPLE_CHART, MINIMAL, SAMPLE, Test, http, long_sample_pdf,
    sample_pdf,
};

/// A running `uppfoljning serve` on a free port; stopped when dropped.
struct Service {
    child: Child,
    port: u16,
    /// Its log: the lines it wrote to standard output so far.
    log: Arc<Mutex<Vec<String>>>,
}

impl Service {
    fn start() -> Self {
        Self::start_with(&[])
    }

    fn start_with(extra: &[&str]) -> Self {
        Self::start_at("127.0.0.1:0", extra)
    }

    /// A service listening on `listen`, with `extra` arguments.
    fn start_at(listen: &str, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_uppfoljning"))
            .args(["serve", "--listen", listen])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("serve starts");
        let log = Arc::new(Mutex::new(Vec::new()));
        let lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
        let kept = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().expect("the log").push(line);
            }
        });
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
        Self { child, port, log }
    }

    /// The log lines written so far, as JSON, once `count` of them are there (or after 5 s).
    fn log_lines(&self, count: usize) -> Vec<serde_json::Value> {
        let until = Instant::now() + Duration::from_secs(5);
        while self.log.lock().expect("the log").len() < count && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
        }
        let lines = self.log.lock().expect("the log").clone();
        lines
            .iter()
            .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
            .collect()
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
            .is_some_and(|m| m.contains("no part named Cargo.toml came with the report")),
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
            "../../../samples/uppfoljning.schema.json"
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

/// A multipart/form-data body of `parts` (name, bytes), and its Content-Type.
fn multipart(parts: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    let parts: Vec<(&str, Option<&str>, &[u8])> = parts
        .iter()
        .map(|(name, bytes)| (*name, None, *bytes))
        .collect();
    multipart_files(&parts)
}

/// A multipart/form-data body of `parts` (name, file name if any, bytes), and its
/// Content-Type.
fn multipart_files(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----uppfoljning-test-7d1f";
    let mut body = Vec::new();
    for (name, file_name, bytes) in parts {
        let file_name = file_name
            .map(|file| format!("; filename=\"{file}\""))
            .unwrap_or_default();
        body.extend(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"{file_name}\r\n\r\n"
            )
            .bytes(),
        );
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{boundary}--\r\n").bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

#[test]
fn a_report_with_its_images_as_parts_renders_to_the_cli_s_bytes_and_bad_parts_are_refused() {
    let service = Service::start();
    let (kind, body) = multipart(&[
        ("report", LONG_SAMPLE.as_bytes()),
        ("bilder/belaggning.svg", LONG_SAMPLE_CHART),
    ]);
    let pdf = service.post("/v1/render", &kind, &body);
    assert_eq!(pdf.status, 200, "{}", String::from_utf8_lossy(&pdf.body));
    assert!(
        pdf.body == long_sample_pdf(),
        "the PDF differs from `uppfoljning render`"
    );

    // The image the report names did not come: a problem of the report, at its figure.
    let (kind, body) = multipart(&[("report", LONG_SAMPLE.as_bytes())]);
    let missing = service.post("/v1/check", &kind, &body);
    assert_eq!(missing.status, 422);
    let diagnostic = &missing.json()["diagnostics"][0];
    assert!(
        diagnostic["message"]
            .as_str()
            .is_some_and(|m| m.contains("no part named bilder/belaggning.svg")),
        "{diagnostic}"
    );
    let line = LONG_SAMPLE
        .lines()
        .position(|l| l.contains("image: bilder/belaggning.svg"))
        .expect("the figure's line")
        + 1;
    assert_eq!(diagnostic["line"], line, "{diagnostic}");
    assert_eq!(diagnostic["field"], "sections[11].body[2].figure.image");
    assert!(
        diagnostic["hints"][0]
            .as_str()
            .is_some_and(|h| h.contains("multipart part")),
        "{diagnostic}"
    );

    for (name, why) in [
        ("../belaggning.svg", "not a relative path inside"),
        ("/etc/passwd", "not a relative path inside"),
        ("report", "came twice"),
    ] {
        let (kind, body) = multipart(&[
            ("report", LONG_SAMPLE.as_bytes()),
            (name, LONG_SAMPLE_CHART),
        ]);
        let refused = service.post("/v1/render", &kind, &body);
        assert_eq!(refused.status, 400, "{name}");
        assert!(
            refused.json()["detail"]
                .as_str()
                .is_some_and(|d| d.contains(why)),
            "{}",
            refused.json()
        );
    }

    // Cut off before its closing boundary.
    let (kind, body) = multipart(&[
        ("report", LONG_SAMPLE.as_bytes()),
        ("bilder/belaggning.svg", LONG_SAMPLE_CHART),
    ]);
    let truncated = service.post("/v1/render", &kind, &body[..body.len() - 200]);
    assert_eq!(truncated.status, 400);
    assert!(
        truncated.json()["detail"]
            .as_str()
            .is_some_and(|d| d.contains("closing boundary"))
    );

    let (kind, body) = multipart(&[("bilder/belaggning.svg", LONG_SAMPLE_CHART)]);
    assert_eq!(service.post("/v1/render", &kind, &body).status, 400);

    // A JSON body nested deeper than any report: a problem, and the service goes on.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let nested = service.post("/v1/check", "application/json", deep.as_bytes());
    assert_eq!(
        nested.status,
        422,
        "{}",
        String::from_utf8_lossy(&nested.body)
    );
    assert_eq!(service.request("GET", "/livez", &[], b"").status, 200);
}

#[test]
fn every_request_is_logged_as_json_without_the_report_s_text_and_counted_in_the_metrics() {
    let service = Service::start();
    let rendered = service.request(
        "POST",
        "/v1/render",
        &[
            ("Content-Type", "application/yaml"),
            ("X-Request-Id", "ärende-1"),
        ],
        SAMPLE.as_bytes(),
    );
    assert_eq!(rendered.status, 200);
    // Not printable ASCII: a new id is made, and echoed.
    assert!(
        !rendered.head.contains("x-request-id: ärende-1"),
        "{}",
        rendered.head
    );
    let bad = service.request(
        "POST",
        "/v1/check",
        &[
            ("Content-Type", "application/yaml"),
            ("X-Request-Id", "case-42"),
        ],
        MINIMAL.replace("dnr:", "dnr_typo:").as_bytes(),
    );
    assert_eq!(bad.status, 422);
    assert!(bad.head.contains("x-request-id: case-42"), "{}", bad.head);

    let lines = service.log_lines(2);
    assert_eq!(lines.len(), 2, "{lines:?}");
    let digest = format!("{:x}", Sha256::digest(SAMPLE.as_bytes()));
    assert_eq!(lines[0]["route"], "/v1/render");
    assert_eq!(lines[0]["status"], 200);
    assert_eq!(lines[0]["report_sha256"], digest.as_str());
    assert!(lines[0]["duration_ms"].as_f64().is_some_and(|ms| ms > 0.0));
    assert!(
        lines[0]["time"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z') && t.len() == 24)
    );
    assert_eq!(lines[1]["request_id"], "case-42");
    assert_eq!(
        lines[1]["problem"],
        "urn:uppfoljning:problem:invalid-report"
    );
    // A level to alert on and the version, for a rolling update.
    assert_eq!(lines[0]["level"], "info");
    assert_eq!(lines[1]["level"], "info");
    assert_eq!(lines[0]["version"], env!("CARGO_PKG_VERSION"));
    let log = service.log.lock().expect("the log").join("\n");
    for personal in ["Stadsledningskontoret", "Coachning", "127.0.0.1"] {
        assert!(!log.contains(personal), "{personal} in the log: {log}");
    }

    let metrics =
        String::from_utf8(service.request("GET", "/metrics", &[], b"").body).expect("text");
    for line in [
        "uppfoljning_http_requests_total{route=\"/v1/render\",status=\"200\"} 1",
        "uppfoljning_http_requests_total{route=\"/v1/check\",status=\"422\"} 1",
        "uppfoljning_render_duration_seconds_count 2",
        "uppfoljning_renders_in_flight 0",
        "uppfoljning_queue_depth 0",
    ] {
        assert!(
            metrics.lines().any(|l| l == line),
            "{line} not in\n{metrics}"
        );
    }
    // The process's own figures, under the names operators alert on.
    let value = |name: &str| {
        metrics
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name} ")))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("{name} not in\n{metrics}"))
    };
    let resident = value("process_resident_memory_bytes");
    assert!(resident > 10e6 && resident < 2e9, "{resident}");
    assert!(value("process_cpu_seconds_total") > 0.0);
    assert!(value("process_open_fds") >= 3.0);
    assert!(value("process_max_fds") >= value("process_open_fds"));
    assert!(value("process_start_time_seconds") > 1.7e9);
}

#[test]
fn a_stop_signal_the_moment_it_says_it_serves_drains_instead_of_killing() {
    // "serving on" is printed once the handlers are in place: a signal sent at once is a
    // drained stop (exit 0), never the default action that ends the process by the signal.
    for signal in ["-TERM", "-HUP", "-QUIT", "-INT"] {
        for _ in 0..5 {
            let mut service = Service::start_with(&["--drain", "0"]);
            Command::new("kill")
                .args([signal, &service.child.id().to_string()])
                .status()
                .expect("kill runs");
            let status = service.child.wait().expect("it ends");
            assert_eq!(status.code(), Some(0), "{signal}: {status:?}");
        }
    }
}

#[test]
fn sighup_and_sigquit_drain_as_sigterm_does_and_a_busy_address_names_listen() {
    for signal in ["-HUP", "-QUIT"] {
        let mut service = Service::start_with(&["--drain", "1"]);
        // Answering, so its loop (and with it the signal handlers) is running.
        assert_eq!(service.request("GET", "/readyz", &[], b"").status, 200);
        Command::new("kill")
            .args([signal, &service.child.id().to_string()])
            .status()
            .expect("kill runs");
        let started = std::time::Instant::now();
        let ready = loop {
            let status = service.request("GET", "/readyz", &[], b"").status;
            if status != 200 || started.elapsed() > std::time::Duration::from_secs(1) {
                break status;
            }
        };
        assert_eq!(ready, 503, "{signal}");
        let pdf = service.post("/v1/render", "application/yaml", SAMPLE.as_bytes());
        assert_eq!(
            pdf.status, 200,
            "{signal}: work sent while draining is done"
        );
        let status = service.child.wait().expect("it ends");
        assert_eq!(status.code(), Some(0), "{signal}");
    }
    // A method the route does not take: problem+json, not an empty 405.
    let service = Service::start();
    let wrong = service.request("GET", "/v1/render", &[], b"");
    assert_eq!(wrong.status, 405);
    assert!(
        wrong
            .head
            .contains("content-type: application/problem+json"),
        "{}",
        wrong.head
    );
    assert_eq!(
        wrong.json()["type"],
        "urn:uppfoljning:problem:method-not-allowed"
    );
    // A busy address: the hint names serve's own flag.
    let taken = format!("127.0.0.1:{}", service.port);
    let run = Test::new()
        .args(&["serve", "--listen", &taken])
        .status(1)
        .run();
    run.assert_stderr(&format!("error: cannot listen on {taken}"));
    run.assert_stderr("choose another --listen address or port");
}

#[test]
fn one_key_hash_under_two_names_is_refused_at_start() {
    let digest = format!("{:x}", Sha256::digest(b"secret"));
    let config = format!(
        "[[api-keys]]\nname = \"a\"\nsha256 = \"{digest}\"\nscopes = [\"render\"]\n\n[[api-keys]]\nname = \"b\"\nsha256 = \"{digest}\"\nscopes = [\"archive\"]\n"
    );
    let run = Test::new()
        .file("serve.toml", config)
        .args(&["serve", "--config", "serve.toml"])
        .status(2)
        .run();
    run.assert_stderr("API keys \"a\" and \"b\" have the same sha256");
}

#[test]
fn api_keys_are_held_to_their_scopes() {
    let folder = Test::new().file(
        "serve.toml",
        format!(
            "queue = 2\n[[api-keys]]\nname = \"records\"\nsha256 = \"{:x}\"\nscopes = [\"check\"]\n",
            Sha256::digest(b"s3cret")
        ),
    );
    let config = folder.path("serve.toml");
    let service = Service::start_with(&["--config", config.to_str().expect("utf-8")]);
    let with = |path: &str, key: Option<&str>| {
        let bearer = key.map(|key| format!("Bearer {key}"));
        let mut headers = vec![("Content-Type", "application/yaml")];
        if let Some(bearer) = &bearer {
            headers.push(("Authorization", bearer));
        }
        service.request("POST", path, &headers, SAMPLE.as_bytes())
    };
    let none = with("/v1/check", None);
    assert_eq!(none.status, 401);
    assert!(
        none.head.contains("www-authenticate: bearer"),
        "{}",
        none.head
    );
    assert_eq!(none.json()["type"], "urn:uppfoljning:problem:unauthorized");
    assert_eq!(with("/v1/check", Some("s3cre")).status, 401);
    assert_eq!(with("/v1/check", Some("s3cret")).status, 200);
    let render = with("/v1/render", Some("s3cret"));
    assert_eq!(render.status, 403);
    assert_eq!(render.json()["type"], "urn:uppfoljning:problem:forbidden");
    // The probes ask for no key.
    assert_eq!(service.request("GET", "/readyz", &[], b"").status, 200);
    let lines = service.log_lines(5);
    assert_eq!(lines[2]["caller"], "records", "{lines:?}");
    assert!(
        !service
            .log
            .lock()
            .expect("the log")
            .join("")
            .contains("s3cret")
    );

    // A configuration the service cannot use is a usage error, with the file and line named.
    let bad = Test::new().file("serve.toml", "renders = 2\nrendres = 3\n");
    let run = bad
        .args(&["serve", "--config", "serve.toml"])
        .status(2)
        .stderr_has("serve.toml: line 2: unknown field `rendres`")
        .run();
    drop(run);
}

#[test]
fn a_full_queue_is_answered_429_at_once() {
    let service = Service::start_with(&["--renders", "1", "--queue", "0"]);
    let port = service.port;
    let answers: Vec<Answer> = std::thread::scope(|scope| {
        let sent: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(move || {
                    let mut answer = http(
                        port,
                        "POST",
                        "/v1/render",
                        &[("Content-Type", "application/yaml"), ("Host", "127.0.0.1")],
                        SAMPLE.as_bytes(),
                    );
                    answer.head = answer.head.to_ascii_lowercase();
                    answer
                })
            })
            .collect();
        sent.into_iter()
            .map(|t| t.join().expect("an answer"))
            .collect()
    });
    let statuses: Vec<u16> = answers.iter().map(|a| a.status).collect();
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 429),
        "{statuses:?}"
    );
    assert!(statuses.contains(&200), "{statuses:?}");
    assert!(statuses.contains(&429), "{statuses:?}");
    let full = answers.iter().find(|a| a.status == 429).expect("a 429");
    assert!(full.head.contains("retry-after: 1"), "{}", full.head);
    assert_eq!(full.json()["type"], "urn:uppfoljning:problem:queue-full");
}

/// Raises this process's limit of open files to its hard limit, and returns it.
fn most_open_files() -> u64 {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct given.
    unsafe {
        libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit);
        limit.rlim_cur = limit.rlim_max;
        libc::setrlimit(libc::RLIMIT_NOFILE, &limit);
    }
    limit.rlim_cur
}

#[test]
fn slow_headers_and_ten_thousand_idle_connections_are_cut_off_and_others_served() {
    let most = most_open_files();
    assert!(
        most >= 11_000,
        "this test holds 10,000 connections and needs a hard limit of open files of 11,000 (it is {most}): raise it with ulimit -Hn"
    );
    let open = 10_000;
    let began = Instant::now();
    let service = Service::start_with(&["--header-time", "2"]);
    let idle: Vec<TcpStream> = (0..open)
        .filter_map(|_| TcpStream::connect(("127.0.0.1", service.port)).ok())
        .collect();
    assert_eq!(idle.len(), open, "connections refused");
    let mut slow = TcpStream::connect(("127.0.0.1", service.port)).expect("a connection");
    slow.write_all(b"POST /v1/render HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .expect("half a head");

    let connected = began.elapsed();
    // Meanwhile a report is answered.
    let started = Instant::now();
    let pdf = service.post("/v1/render", "application/yaml", SAMPLE.as_bytes());
    assert_eq!(pdf.status, 200);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?} with {open} idle",
        started.elapsed()
    );

    // The slow head and the idle connections are closed by the server.
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("a timeout");
    let mut rest = Vec::new();
    let cut = slow.read_to_end(&mut rest);
    // Closed by the server (a read timeout here would be an error of kind WouldBlock).
    assert!(cut.is_ok(), "the slow head was not cut off: {cut:?}");
    assert!(rest.is_empty() || String::from_utf8_lossy(&rest).starts_with("HTTP/1.1 408"));
    let closed_by_server = |read: std::io::Result<usize>| match read {
        Ok(0) => true,
        Err(err) => err.kind() == std::io::ErrorKind::ConnectionReset,
        Ok(_) => false,
    };
    let mut closed = 0;
    for mut connection in idle {
        connection
            .set_read_timeout(Some(Duration::from_secs(5)))
            .expect("a timeout");
        let mut byte = [0u8; 1];
        if closed_by_server(connection.read(&mut byte)) {
            closed += 1;
        }
    }
    assert_eq!(closed, open, "idle connections left open");
    eprintln!(
        "{open} idle connections opened in {connected:?}, all closed by the server after {:?}",
        began.elapsed()
    );
}

#[test]
fn the_served_openapi_is_the_committed_one() {
    let service = Service::start();
    let served = service.request("GET", "/openapi.json", &[], b"").body;
    let committed = include_str!("../../../openapi.json");
    assert!(
        String::from_utf8_lossy(&served) == committed.trim_end(),
        "openapi.json differs from the served one: curl the service's /openapi.json into it"
    );
    let spec: serde_json::Value = serde_json::from_str(committed).expect("JSON");
    assert_eq!(spec["openapi"], "3.1.0");
    assert!(spec["paths"]["/v1/render"]["post"]["responses"]["422"].is_object());
}

#[test]
fn the_readme_s_configuration_starts_the_service_and_a_flag_overrides_its_address() {
    let readme = include_str!("../../../README.md");
    let toml = readme
        .split("```toml\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a toml block in the README");
    assert!(toml.contains("listen = \"0.0.0.0:8080\""));
    let folder = Test::new().file("serve.toml", toml);
    let config = folder.path("serve.toml");
    // start_with listens on 127.0.0.1:0: the flag wins over the file's 0.0.0.0:8080.
    let service = Service::start_with(&["--config", config.to_str().expect("utf-8")]);
    let checked = service.request(
        "POST",
        "/v1/check",
        &[
            ("Content-Type", "application/yaml"),
            ("Authorization", "Bearer test"),
        ],
        SAMPLE.as_bytes(),
    );
    assert_eq!(
        checked.status,
        200,
        "{}",
        String::from_utf8_lossy(&checked.body)
    );
    let archive_only = service.request(
        "POST",
        "/v1/check",
        &[
            ("Content-Type", "application/yaml"),
            ("Authorization", "Bearer archive-example"),
        ],
        SAMPLE.as_bytes(),
    );
    assert_eq!(archive_only.status, 403);

    // The README's [oidc] table is a valid configuration: the service starts and waits for
    // the issuer's keys (the example issuer is not reachable from here).
    let oidc = readme
        .split("```toml\n")
        .find(|block| block.starts_with("[oidc]"))
        .and_then(|rest| rest.split("```").next())
        .expect("an [oidc] block in the README");
    let folder = Test::new().file("oidc.toml", oidc);
    let config = folder.path("oidc.toml");
    let service = Service::start_with(&["--config", config.to_str().expect("utf-8")]);
    let ready = service.request("GET", "/readyz", &[], b"");
    assert_eq!(ready.status, 503);
    assert_eq!(
        String::from_utf8_lossy(&ready.body),
        "waiting for the issuer's keys\n"
    );
}

#[test]
fn a_fuzzer_driven_by_the_served_openapi_finds_no_5xx_and_no_answer_against_it() {
    let Some(python) = crate::common::python() else {
        return;
    };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = Command::new(root.join("tests/api/fuzz"))
        .arg(python)
        .arg(env!("CARGO_BIN_EXE_uppfoljning"))
        .output()
        .expect("the fuzz script runs");
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "schemathesis found problems:\n{said}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        said.contains("generated,") && said.contains("passed"),
        "{said}"
    );
}

#[test]
fn a_render_past_the_time_limit_is_answered_504_and_the_service_goes_on() {
    // About 120 pages of table: seconds to typeset in a test build, past a 1 s limit.
    let rows: String = (0..3_900)
        .map(|i| {
            format!(
                "            - [Rad {i}, {i}, {}, {}, {}.5]\n",
                i * 3,
                i % 7,
                i % 100
            )
        })
        .collect();
    let at = LONG_SAMPLE.find("Tabell 1.").expect("table 1");
    let at = at
        + LONG_SAMPLE[at..]
            .find("          rows:\n")
            .expect("its rows")
        + 16;
    let long = format!("{}{rows}{}", &LONG_SAMPLE[..at], &LONG_SAMPLE[at..])
        .replace("image: bilder/belaggning.svg", "image: belaggning.svg");
    let (kind, body) = multipart(&[
        ("report", long.as_bytes()),
        ("belaggning.svg", LONG_SAMPLE_CHART),
    ]);
    let service = Service::start_with(&["--time-limit", "1", "--renders", "2"]);
    let started = Instant::now();
    let late = service.post("/v1/render", &kind, &body);
    assert_eq!(late.status, 504, "{}", String::from_utf8_lossy(&late.body));
    assert_eq!(late.json()["type"], "urn:uppfoljning:problem:time-limit");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    // The other render slot is free: a report is answered while the long one still runs.
    assert_eq!(
        service
            .post("/v1/render", "application/yaml", SAMPLE.as_bytes())
            .status,
        200
    );
    let metrics =
        String::from_utf8(service.request("GET", "/metrics", &[], b"").body).expect("text");
    assert!(
        metrics.contains("uppfoljning_rejections_total{reason=\"time-limit\"} 1"),
        "{metrics}"
    );
    // The late render went on, holding its slot, until typst was done: waited for (not raced),
    // then seen in the render times as a render that took longer than the limit.
    let waited = Instant::now();
    let metrics = loop {
        let metrics =
            String::from_utf8(service.request("GET", "/metrics", &[], b"").body).expect("text");
        if metrics.contains("uppfoljning_renders_in_flight 0") {
            break metrics;
        }
        assert!(waited.elapsed() < Duration::from_secs(120), "{metrics}");
        std::thread::sleep(Duration::from_millis(50));
    };
    let value = |name: &str| -> f64 {
        metrics
            .lines()
            .find_map(|line| line.strip_prefix(name)?.trim().parse().ok())
            .unwrap_or_else(|| panic!("{name} in {metrics}"))
    };
    assert_eq!(value("uppfoljning_render_duration_seconds_count"), 2.0);
    assert!(
        value("uppfoljning_render_duration_seconds_sum") > 1.0,
        "the late render ended within the limit: {metrics}"
    );
}
