//! `uppfoljning edit` without a browser: the command's edges and the server's HTTP contract,
//! spoken over a plain socket (the browser tests in `browser.rs` need Chromium).

use std::io::Write;
use std::net::TcpStream;
use std::path::Path;

use serde_json::{Value, json};

use crate::common::{Answer, Editor, Test, http};

/// The editor, spoken to over a plain socket.
struct Server(Editor);

impl Server {
    fn start(file: &str, contents: Option<&str>) -> Self {
        let dir = tempfile::tempdir().expect("a scratch folder");
        if let Some(contents) = contents {
            std::fs::write(dir.path().join(file), contents).expect("the file");
        }
        Self(Editor::start(dir, file, &[]))
    }

    fn own(&self) -> String {
        format!("127.0.0.1:{}", self.0.port)
    }

    fn cookie(&self) -> String {
        format!("uppfoljning-{}={}", self.0.port, self.0.token)
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        http(self.0.port, method, path, headers, body)
    }

    /// A request as the editor's own page makes it.
    fn own_page(&self, method: &str, path: &str, body: &Value) -> Answer {
        let (own, cookie) = (self.own(), self.cookie());
        let origin = format!("http://{own}");
        let body = serde_json::to_vec(body).expect("JSON");
        self.request(
            method,
            path,
            &[
                ("Host", &own),
                ("Cookie", &cookie),
                ("Origin", &origin),
                ("Content-Type", "application/json"),
            ],
            &body,
        )
    }
}

#[test]
fn a_new_file_starts_from_the_starter_and_is_written_on_save() {
    let server = Server::start("ny.yaml", None);
    let own = server.own();
    let opening = server.request(
        "GET",
        &format!("/?token={}", server.0.token),
        &[("Host", &own)],
        b"",
    );
    assert_eq!(opening.status, 303);
    assert!(
        opening.head.contains("HttpOnly; SameSite=Strict"),
        "{}",
        opening.head
    );
    let page = server.request(
        "GET",
        "/",
        &[("Host", &own), ("Cookie", &server.cookie())],
        b"",
    );
    assert_eq!(page.status, 200);
    // Header names are case-insensitive (HTTP/1.1 sends them as the server writes them).
    assert!(
        page.head
            .to_ascii_lowercase()
            .contains("content-security-policy: default-src 'self'"),
        "{}",
        page.head
    );
    assert!(
        !page
            .head
            .to_ascii_lowercase()
            .contains("access-control-allow"),
        "{}",
        page.head
    );
    assert!(String::from_utf8_lossy(&page.body).contains("<html lang=\"sv\">"));

    let state = server.own_page("GET", "/api/state", &json!(null)).json();
    assert_eq!(state["opened"]["exists"], false);
    assert_eq!(state["opened"]["base"], Value::Null);
    let document = state["opened"]["document"].clone();
    assert!(document["dnr"].is_string(), "{document}");

    let preview = server.own_page("POST", "/api/preview", &json!({ "document": document }));
    assert_eq!(preview.status, 200);
    let preview = preview.json();
    assert_eq!(
        preview["problems"],
        json!([]),
        "the starter is a valid report"
    );
    assert!(
        preview["pages"][0]["svg"]
            .as_str()
            .is_some_and(|svg| svg.starts_with("<svg"))
    );
    let hash = preview["pages"][0]["hash"].clone();
    let again = server
        .own_page(
            "POST",
            "/api/preview",
            &json!({ "document": document, "have": [hash] }),
        )
        .json();
    assert!(
        again["pages"][0].get("svg").is_none(),
        "a page the browser has is not sent again"
    );

    assert!(
        !server.0.path("ny.yaml").exists(),
        "nothing is written before a save"
    );
    let saved = server.own_page(
        "POST",
        "/api/save",
        &json!({ "document": document, "base": null }),
    );
    assert_eq!(saved.status, 200);
    assert_eq!(
        saved.json()["kept"],
        Value::Null,
        "a new file has no original to keep"
    );
    Test::new()
        .file(
            "ny.yaml",
            std::fs::read(server.0.path("ny.yaml")).expect("written"),
        )
        .args(&["check", "ny.yaml"])
        .status(0)
        .run();

    // A second save from the same starting point would overwrite the first: refused.
    let stale = server.own_page(
        "POST",
        "/api/save",
        &json!({ "document": document, "base": null }),
    );
    assert_eq!(stale.status, 409);
}

#[test]
fn a_body_over_the_input_limit_is_refused_and_nothing_changes() {
    let server = Server::start("r.yaml", Some(crate::common::MINIMAL));
    let (own, cookie) = (server.own(), server.cookie());
    let origin = format!("http://{own}");
    let huge = vec![b' '; 4 * 1024 * 1024 + 1];
    let answer = server.request(
        "POST",
        "/api/save",
        &[
            ("Host", &own),
            ("Cookie", &cookie),
            ("Origin", &origin),
            ("Content-Type", "application/json"),
        ],
        &huge,
    );
    assert_eq!(answer.status, 413);
    let form_post = server.request(
        "POST",
        "/api/save",
        &[
            ("Host", &own),
            ("Cookie", &cookie),
            ("Origin", &origin),
            ("Content-Type", "text/plain"),
        ],
        b"{}",
    );
    assert_eq!(
        form_post.status, 415,
        "only the page's JSON requests change anything"
    );
    assert_eq!(
        std::fs::read_to_string(server.0.path("r.yaml")).expect("the file"),
        crate::common::MINIMAL
    );
}

#[test]
fn edit_needs_a_file_the_form_can_show() {
    Test::new()
        .args(&["edit", "-", "--no-open"])
        .status(2)
        .run()
        .assert_stderr("error: edit needs a file to save to, not standard input");
    let run = Test::new()
        .file("bad.yaml", "dnr: [unclosed\n")
        .args(&["edit", "bad.yaml", "--no-open"])
        .status(1)
        .run();
    run.assert_stderr("┌─ bad.yaml:1:");
    assert!(Path::new(&run.path("bad.yaml")).exists());
}

#[test]
fn a_port_in_use_is_named_with_the_way_out() {
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).expect("a port");
    let port = taken.local_addr().expect("an address").port().to_string();
    let run = Test::new()
        .file("r.yaml", crate::common::MINIMAL)
        .args(&["edit", "r.yaml", "--no-open", "--port", &port])
        .status(1)
        .run();
    run.assert_stderr(&format!("error: cannot listen on 127.0.0.1:{port}"));
    run.assert_stderr("= hint: choose another --port, or leave it out for a free one");
}

#[test]
fn a_stalled_client_cannot_stop_the_editor_answering() {
    let server = Server::start("r.yaml", Some(crate::common::MINIMAL));
    let own = server.own();
    // A body announced and never sent: without the token, and with it.
    let stalled: Vec<TcpStream> = [String::new(), format!("Cookie: {}\r\n", server.cookie())]
        .iter()
        .map(|cookie| {
            let mut stream = TcpStream::connect(&own).expect("connects");
            let head = format!(
                "POST /api/save HTTP/1.1\r\nHost: {own}\r\nOrigin: http://{own}\r\n{cookie}Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n"
            );
            stream.write_all(head.as_bytes()).expect("sent");
            stream
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let started = std::time::Instant::now();
    let answer = server.request(
        "GET",
        "/api/disk",
        &[("Host", &own), ("Cookie", &server.cookie())],
        b"",
    );
    assert_eq!(answer.status, 200);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(15),
        "answered in {:?}",
        started.elapsed()
    );
    drop(stalled);
}

#[test]
fn opening_and_saving_a_hand_written_file_changes_nothing_it_says() {
    // Values a form could re-read: a text that YAML reads as a number, a quoted cell that
    // looks like one, a telephone number with its leading zero, numbers in plain digits.
    let written = crate::common::MINIMAL
        .replace("contract: Städtjänster", "contract: 1.50")
        .replace("supplier: Rent AB", "supplier: 12\nphone: 0850800000")
        .replace(
            "      - En mening.\n",
            "      - En mening.\n      - table:\n          columns: [Kod, Antal]\n          rows:\n            - [\"12\", 12]\n            - [\"13\", 7.25]\n",
        );
    let server = Server::start("r.yaml", Some(&written));
    let state = server.own_page("GET", "/api/state", &json!(null)).json();
    assert_eq!(state["opened"]["document"]["contract"], "1.50");
    let saved = server.own_page(
        "POST",
        "/api/save",
        &json!({ "document": state["opened"]["document"], "base": state["opened"]["base"] }),
    );
    assert_eq!(
        saved.status,
        200,
        "{}",
        String::from_utf8_lossy(&saved.body)
    );
    let after = std::fs::read_to_string(server.0.path("r.yaml")).expect("saved");
    // The same report: the same PDF, byte for byte (text cells left, number columns right).
    let pdf = |yaml: &str| crate::common::render(yaml);
    assert!(
        pdf(&written) == pdf(&after),
        "the saved file says something else:\n{after}"
    );
    let loaded = uppfoljning::load(&server.0.path("r.yaml")).expect("a valid report");
    assert_eq!(loaded.report.contract, "1.50");
    assert_eq!(loaded.report.phone.as_deref(), Some("0850800000"));
}
