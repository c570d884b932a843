//! Two services behind a real load balancer (Debian's haproxy, health-checking `/readyz`)
//! under load: SIGTERM to one loses no request; kill -9 of one fails only what it had in
//! flight, and the balancer routes around it. Two services on one PostgreSQL serve the same
//! reports and refuse a stale save whichever of them it reaches.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::Service;
use crate::common::SAMPLE;

/// Clients sending at once: each has at most one request in flight.
const CLIENTS: usize = 4;

/// haproxy, if the machine has it; the test is skipped without it unless
/// `UPPFOLJNING_HAPROXY_TESTS=require`.
fn haproxy() -> Option<&'static str> {
    let found = Command::new("haproxy")
        .arg("-v")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !found && std::env::var("UPPFOLJNING_HAPROXY_TESTS").as_deref() == Ok("require") {
        panic!("haproxy is required (UPPFOLJNING_HAPROXY_TESTS=require) and not found");
    }
    found.then_some("haproxy")
}

/// A port free now on 127.0.0.1.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// haproxy in the foreground, balancing `front` over `backends` (each request on a connection of
/// its own, so one sent after a kill finds the port closed and is sent on, never onto an idle
/// connection to the dead service), checking `/readyz` every
/// 100 ms; stopped when dropped.
struct Balancer {
    child: Child,
    _dir: tempfile::TempDir,
}

impl Balancer {
    fn start(front: u16, backends: &[u16]) -> Self {
        let dir = tempfile::tempdir().expect("a folder");
        let servers: String = backends
            .iter()
            .enumerate()
            .map(|(n, port)| format!("    server s{n} 127.0.0.1:{port} check\n"))
            .collect();
        let config = format!(
            "global\n    maxconn 1000\n\
             defaults\n    mode http\n    timeout connect 1s\n    timeout client 30s\n    timeout server 30s\n    retries 3\n    option redispatch 1\n    http-reuse never\n\
             frontend front\n    bind 127.0.0.1:{front}\n    default_backend services\n\
             backend services\n    balance roundrobin\n    option httpchk GET /readyz\n    http-check expect status 200\n    default-server inter 100ms fall 1 rise 2\n{servers}"
        );
        let path = dir.path().join("haproxy.cfg");
        std::fs::write(&path, config).expect("the configuration");
        let child = Command::new("haproxy")
            .arg("-db")
            .arg("-f")
            .arg(&path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("haproxy starts");
        Self { child, _dir: dir }
    }
}

impl Drop for Balancer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What one request through the balancer came to, and when it was sent.
#[derive(Debug, Clone)]
struct Outcome {
    sent: Instant,
    /// The status, or why there was none.
    status: Result<u16, String>,
}

/// One POST of `body` to `/v1/render` on `port`, its status or the failure.
fn render(port: u16, body: &[u8]) -> Result<u16, String> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let head = format!(
        "POST /v1/render HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/yaml\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body))
        .map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).map_err(|e| e.to_string())?;
    let status = answer
        .get(9..12)
        .and_then(|code| std::str::from_utf8(code).ok())
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| format!("no status in {} bytes", answer.len()))?;
    let whole_pdf = answer.windows(5).any(|w| w == b"%%EOF");
    match (status, whole_pdf) {
        (200, false) => Err("a 200 without a whole PDF".into()),
        _ => Ok(status),
    }
}

/// Clients sending reports through `port` until stopped; every report a different one.
struct Load {
    outcomes: Arc<Mutex<Vec<Outcome>>>,
    stop: Arc<AtomicBool>,
    clients: Vec<std::thread::JoinHandle<()>>,
}

impl Load {
    fn start(port: u16) -> Self {
        let outcomes = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let clients = (0..CLIENTS)
            .map(|client| {
                let outcomes = Arc::clone(&outcomes);
                let stop = Arc::clone(&stop);
                std::thread::spawn(move || {
                    let mut n = 0;
                    while !stop.load(Ordering::Relaxed) {
                        n += 1;
                        let yaml = SAMPLE.replacen(
                            "supplier:",
                            &format!("# request {client}-{n}\nsupplier:"),
                            1,
                        );
                        let sent = Instant::now();
                        let status = render(port, yaml.as_bytes());
                        outcomes
                            .lock()
                            .expect("outcomes")
                            .push(Outcome { sent, status });
                    }
                })
            })
            .collect();
        Self {
            outcomes,
            stop,
            clients,
        }
    }

    /// The outcomes of every request sent since `since`.
    fn since(&self, since: Instant) -> Vec<Outcome> {
        let outcomes = self.outcomes.lock().expect("outcomes");
        outcomes
            .iter()
            .filter(|outcome| outcome.sent >= since)
            .cloned()
            .collect()
    }

    fn stop(self) -> Vec<Outcome> {
        self.stop.store(true, Ordering::Relaxed);
        for client in self.clients {
            client.join().expect("a client");
        }
        let outcomes = self.outcomes.lock().expect("outcomes");
        outcomes.clone()
    }
}

/// How many renders `service` has answered, by its log.
fn renders_answered(service: &Service) -> usize {
    let lines = service.log.lock().expect("the log");
    lines
        .iter()
        .filter(|line| line.contains("\"route\":\"/v1/render\""))
        .count()
}

/// Waits (at most `limit`) until `done` holds.
fn wait_for(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + limit;
    while Instant::now() < until {
        if done() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    done()
}

fn failures(outcomes: &[Outcome]) -> Vec<&Outcome> {
    outcomes
        .iter()
        .filter(|outcome| outcome.status != Ok(200))
        .collect()
}

#[test]
fn behind_haproxy_sigterm_loses_no_request_and_kill_9_only_those_in_flight() {
    if haproxy().is_none() {
        eprintln!("skipped: haproxy not found");
        return;
    }
    let (front, port_a, port_b) = (free_port(), free_port(), free_port());
    let drain = ["--drain", "1"];
    let mut a = Service::start_at(&format!("127.0.0.1:{port_a}"), &drain);
    let mut b = Service::start_at(&format!("127.0.0.1:{port_b}"), &drain);
    let _balancer = Balancer::start(front, &[port_a, port_b]);
    assert!(
        wait_for(Duration::from_secs(10), || render(front, SAMPLE.as_bytes())
            == Ok(200)),
        "the balancer never answered"
    );
    let load = Load::start(front);
    assert!(
        wait_for(Duration::from_secs(10), || renders_answered(&a) > 5
            && renders_answered(&b) > 5),
        "the balancer does not send work to both"
    );

    // SIGTERM to A: /readyz turns 503, haproxy takes it out, A finishes and exits 0.
    let stopped = Command::new("kill")
        .args(["-TERM", &a.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(stopped.success());
    let status = a.child.wait().expect("A ends");
    assert_eq!(status.code(), Some(0), "a drained stop is a success");
    // Requests go on being answered (by B) after A is gone.
    let exited = Instant::now();
    assert!(
        wait_for(Duration::from_secs(10), || load.since(exited).len() >= 16),
        "requests are not answered after A stopped"
    );
    let until_now = load.since(Instant::now() - Duration::from_secs(3600));
    assert!(
        failures(&until_now).is_empty(),
        "requests failed across a SIGTERM: {:?}",
        failures(&until_now)
    );
    let answered_by_a = renders_answered(&a);

    // A comes back on its port; once haproxy sends it work, B is killed outright.
    a = Service::start_at(&format!("127.0.0.1:{port_a}"), &drain);
    assert!(
        wait_for(Duration::from_secs(10), || renders_answered(&a) > 5),
        "the balancer does not send work to the restarted service"
    );
    b.child.kill().expect("kill -9");
    let _ = b.child.wait();
    // B is gone now: nothing sent from here on can be in flight on it.
    let killed = Instant::now();
    // Haproxy's checks notice B within half a second; the requests sent after that are the
    // ones that must all be answered.
    let noticed = killed + Duration::from_millis(500);
    assert!(
        wait_for(Duration::from_secs(10), || load.since(noticed).len() > 10),
        "requests are not answered after B was killed"
    );
    let outcomes = load.stop();
    // Only a request sent before the kill can have been in flight on B; each client has at
    // most one in flight. One sent after it finds B gone and is sent to A.
    let (in_flight, after_kill): (Vec<&Outcome>, Vec<&Outcome>) = failures(&outcomes)
        .into_iter()
        .partition(|outcome| outcome.sent < killed);
    assert!(
        in_flight.len() <= CLIENTS,
        "more failed than were in flight at the kill ({CLIENTS} clients): {in_flight:?}"
    );
    assert!(
        after_kill.is_empty(),
        "requests sent after the kill failed: {after_kill:?} (killed at {killed:?})"
    );
    let late: Vec<_> = outcomes
        .iter()
        .filter(|outcome| outcome.sent > killed + Duration::from_millis(500))
        .collect();
    assert!(
        late.len() > 10,
        "too few requests after the kill: {}",
        late.len()
    );
    assert!(
        late.iter().all(|outcome| outcome.status == Ok(200)),
        "the balancer did not route around the killed service: {:?}",
        late.iter()
            .filter(|o| o.status != Ok(200))
            .collect::<Vec<_>>()
    );
    eprintln!(
        "{} requests; A answered {answered_by_a} before its SIGTERM; {} failed at the kill -9",
        outcomes.len(),
        in_flight.len()
    );
}

#[test]
fn two_services_on_one_postgresql_behind_haproxy_share_reports_and_refuse_stale_saves() {
    use crate::common::http;
    use crate::common::postgres::Postgres;
    if haproxy().is_none() {
        eprintln!("skipped: haproxy not found");
        return;
    }
    let Some(cluster) = Postgres::start() else {
        return;
    };
    let url = cluster.database("uppfoljning");
    let (front, port_a, port_b) = (free_port(), free_port(), free_port());
    let _a = Service::start_at(&format!("127.0.0.1:{port_a}"), &["--database", &url]);
    let _b = Service::start_at(&format!("127.0.0.1:{port_b}"), &["--database", &url]);
    let _balancer = Balancer::start(front, &[port_a, port_b]);
    let yaml = |port: u16, method: &str, path: &str, if_match: Option<&str>, body: &str| {
        let mut headers = vec![("Host", "127.0.0.1"), ("Content-Type", "application/yaml")];
        if let Some(version) = if_match {
            headers.push(("If-Match", version));
        }
        http(port, method, path, &headers, body.as_bytes())
    };
    assert!(
        wait_for(Duration::from_secs(10), || {
            TcpStream::connect(("127.0.0.1", front)).is_ok()
                && yaml(front, "GET", "/readyz", None, "").status == 200
        }),
        "the balancer never answered"
    );

    // Made on A, read on B and through the balancer.
    let created = yaml(port_a, "POST", "/v1/reports", None, SAMPLE);
    assert_eq!(created.status, 201);
    let id = created.json()["id"].as_i64().expect("an id");
    let path = format!("/v1/reports/{id}/yaml");
    assert_eq!(yaml(port_b, "GET", &path, None, "").body, SAMPLE.as_bytes());
    for _ in 0..6 {
        assert_eq!(yaml(front, "GET", &path, None, "").body, SAMPLE.as_bytes());
    }

    // Saved on A; the same version's edit on B is stale.
    let first = SAMPLE.replace("IGO-R AB", "IGO-R Coaching AB");
    assert_eq!(
        yaml(port_a, "PUT", &path, Some("\"1\""), &first).status,
        200
    );
    let stale = yaml(port_b, "PUT", &path, Some("\"1\""), SAMPLE);
    assert_eq!(stale.status, 412);
    assert!(
        stale.head.to_ascii_lowercase().contains("etag: \"2\""),
        "{}",
        stale.head
    );

    // Both at once, on the same version, twenty times: exactly one is kept each time.
    for round in 0..20 {
        let version = format!("\"{}\"", round + 2);
        let text_a = SAMPLE.replace("IGO-R AB", &format!("A {round} AB"));
        let text_b = SAMPLE.replace("IGO-R AB", &format!("B {round} AB"));
        let (left, right) = std::thread::scope(|scope| {
            let a = scope.spawn(|| yaml(port_a, "PUT", &path, Some(&version), &text_a).status);
            let b = scope.spawn(|| yaml(port_b, "PUT", &path, Some(&version), &text_b).status);
            (a.join().expect("A"), b.join().expect("B"))
        });
        let mut statuses = [left, right];
        statuses.sort_unstable();
        assert_eq!(statuses, [200, 412], "round {round}");
    }
    let versions = yaml(
        front,
        "GET",
        &format!("/v1/reports/{id}/versions"),
        None,
        "",
    )
    .json();
    assert_eq!(versions.as_array().map(Vec::len), Some(22), "{versions}");
}
