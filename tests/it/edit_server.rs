//! `uppfoljning edit` without a browser: the command's edges and the server's HTTP contract,
//! spoken over a plain socket (the browser tests in `browser.rs` need Chromium).

use std::io::Write;
use std::net::TcpStream;
use std::path::Path;

use serde_json::{Value, json};

use crate::common::{Answer, Editor, Test, http};

/// The editor, spoken to over a plain socket, with the session its launch token opened.
struct Server(Editor, String);

impl Server {
    fn start(file: &str, contents: Option<&str>) -> Self {
        let dir = tempfile::tempdir().expect("a scratch folder");
        if let Some(contents) = contents {
            std::fs::write(dir.path().join(file), contents).expect("the file");
        }
        let editor = Editor::start(dir, file, &[]);
        let session = editor.session();
        Self(editor, session)
    }

    fn own(&self) -> String {
        format!("127.0.0.1:{}", self.0.port)
    }

    fn session(&self) -> &str {
        &self.1
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Answer {
        http(self.0.port, method, path, headers, body)
    }

    /// A request as the editor's own page makes it.
    fn own_page(&self, method: &str, path: &str, body: &Value) -> Answer {
        let (own, session) = (self.own(), self.session());
        let origin = format!("http://{own}");
        let body = serde_json::to_vec(body).expect("JSON");
        self.request(
            method,
            path,
            &[
                ("Host", &own),
                ("X-Uppfoljning-Session", session),
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
    // The page holds nothing of the report and sets no cookie; the API needs the session.
    let page = server.request("GET", "/", &[("Host", &own)], b"");
    assert_eq!(page.status, 200);
    assert!(
        !page.head.to_ascii_lowercase().contains("set-cookie"),
        "{}",
        page.head
    );
    let without = server.request("GET", "/api/state", &[("Host", &own)], b"");
    assert_eq!(without.status, 403);
    // Every refusal is the service's problem answer, in the editor's language.
    assert!(
        without
            .head
            .to_ascii_lowercase()
            .contains("content-type: application/problem+json"),
        "{}",
        without.head
    );
    let refusal = without.json();
    assert_eq!(refusal["type"], "urn:uppfoljning:problem:forbidden");
    assert_eq!(
        refusal["detail"],
        "öppna adressen som `uppfoljning edit` skrev ut"
    );
    let missing = server.own_page("GET", "/api/nothing", &json!(null));
    assert_eq!(
        (missing.status, missing.json()["type"].as_str()),
        (404, Some("urn:uppfoljning:problem:not-found"))
    );
    let wrong = server.own_page("DELETE", "/api/save", &json!(null));
    assert_eq!(
        (wrong.status, wrong.json()["type"].as_str()),
        (405, Some("urn:uppfoljning:problem:method-not-allowed"))
    );
    // The launch token opened the session once; used again, it opens nothing.
    let origin = format!("http://{own}");
    let again = server.request(
        "POST",
        "/api/session",
        &[
            ("Host", &own),
            ("Origin", &origin),
            ("X-Uppfoljning-Launch", &server.0.token),
        ],
        b"",
    );
    assert_eq!(again.status, 403);
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
    assert!(
        String::from_utf8_lossy(&page.body)
            .contains("<html lang=\"sv\" data-session=\"required\" data-csrf=\"\">")
    );

    let state = server.own_page("GET", "/api/state", &json!(null)).json();
    assert_eq!(state["opened"]["exists"], false);
    assert_eq!(state["opened"]["base"], Value::Null);
    let document = state["opened"]["document"].clone();
    assert!(document["dnr"].is_string(), "{document}");

    let preview = server.own_page("POST", "/api/preview", &json!({ "document": document }));
    assert_eq!(preview.status, 200);
    let preview = preview.json();
    // The starter's placeholders are problems at their fields, until the officer writes.
    let fields: Vec<&str> = preview["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|p| p["field"].as_str())
        .collect();
    assert!(
        fields.contains(&"contract") && fields.contains(&"supplier"),
        "{preview}"
    );
    let mut filled = document.clone();
    let own = serde_json::to_string(&filled).expect("JSON");
    let mut own = own;
    for (i, placeholder) in uppfoljning::internals::PLACEHOLDERS.iter().enumerate() {
        let text = match i {
            0 => "1.5.3-219-2026".to_owned(),
            _ => format!("Egen text {i}"),
        };
        own = own.replace(
            &serde_json::to_string(placeholder).expect("JSON"),
            &serde_json::to_string(&text).expect("JSON"),
        );
    }
    filled = serde_json::from_str(&own).expect("JSON");
    let preview = server
        .own_page("POST", "/api/preview", &json!({ "document": filled }))
        .json();
    assert_eq!(
        preview["problems"],
        json!([]),
        "the starter filled in is a valid report"
    );
    assert!(
        preview["pages"][0]["svg"]
            .as_str()
            .is_some_and(|svg| svg.starts_with("<svg"))
    );
    let hash = preview["pages"][0]["hash"].clone();
    let document = filled;
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
    let problem = stale.json();
    assert_eq!(problem["type"], "urn:uppfoljning:problem:changed");
    assert!(
        problem["detail"]
            .as_str()
            .is_some_and(|detail| detail.starts_with("någon annan har sparat rapporten")),
        "{problem}"
    );
}

#[test]
fn a_body_over_the_input_limit_is_refused_and_nothing_changes() {
    let server = Server::start("r.yaml", Some(crate::common::MINIMAL));
    let (own, session) = (server.own(), server.session());
    let origin = format!("http://{own}");
    let huge = vec![b' '; 4 * 1024 * 1024 + 1];
    let answer = server.request(
        "POST",
        "/api/save",
        &[
            ("Host", &own),
            ("X-Uppfoljning-Session", session),
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
            ("X-Uppfoljning-Session", session),
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
    let stalled: Vec<TcpStream> = [String::new(), format!("X-Uppfoljning-Session: {}\r\n", server.session())]
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
        &[("Host", &own), ("X-Uppfoljning-Session", server.session())],
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

#[test]
fn a_save_through_a_link_lands_in_the_file_it_leads_to_and_keeps_the_link() {
    let dir = tempfile::tempdir().expect("a scratch folder");
    std::fs::create_dir(dir.path().join("arkiv")).expect("a folder");
    std::fs::write(
        dir.path().join("arkiv/rapport.yaml"),
        crate::common::MINIMAL,
    )
    .expect("the file");
    std::os::unix::fs::symlink("arkiv/rapport.yaml", dir.path().join("länk.yaml")).expect("a link");
    let editor = Editor::start(dir, "länk.yaml", &[]);
    let session = editor.session();
    let server = Server(editor, session);
    let state = server.own_page("GET", "/api/state", &json!(null)).json();
    let mut document = state["opened"]["document"].clone();
    document["supplier"] = json!("Ny leverantör AB");
    let saved = server.own_page(
        "POST",
        "/api/save",
        &json!({ "document": document, "base": state["opened"]["base"] }),
    );
    assert_eq!(
        saved.status,
        200,
        "{}",
        String::from_utf8_lossy(&saved.body)
    );
    let link = server.0.path("länk.yaml");
    assert!(
        std::fs::symlink_metadata(&link)
            .expect("the link")
            .file_type()
            .is_symlink()
    );
    let target = std::fs::read_to_string(server.0.path("arkiv/rapport.yaml")).expect("the file");
    assert!(target.contains("Ny leverantör AB"), "{target}");

    // The link is pointed elsewhere while the editor is open: the save is refused, not
    // written into a file the officer never opened.
    std::fs::write(server.0.path("annan.yaml"), crate::common::MINIMAL).expect("another file");
    std::fs::remove_file(&link).expect("removed");
    std::os::unix::fs::symlink("annan.yaml", &link).expect("a link");
    let base = server.own_page("GET", "/api/disk", &json!(null)).json()["base"].clone();
    let refused = server.own_page(
        "POST",
        "/api/save",
        &json!({ "document": document, "base": base }),
    );
    assert_eq!(
        refused.status,
        500,
        "{}",
        String::from_utf8_lossy(&refused.body)
    );
    let problem = refused.json();
    assert_eq!(problem["type"], "urn:uppfoljning:problem:not-saved");
    // In the report's language (Swedish), at no line of a YAML the officer never sees.
    let diagnostics = problem["diagnostics"].to_string();
    assert!(diagnostics.contains("leder nu till"), "{diagnostics}");
    assert!(!diagnostics.contains("\"line\""), "{diagnostics}");
    assert_eq!(
        std::fs::read_to_string(server.0.path("annan.yaml")).expect("untouched"),
        crate::common::MINIMAL
    );
}

#[test]
fn the_browser_is_opened_without_the_address_on_its_command_line() {
    use std::io::BufRead;
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("a scratch folder");
    std::fs::write(dir.path().join("r.yaml"), crate::common::MINIMAL).expect("the file");
    // A "browser" that records its command line and the page it was given, as any local user
    // could read them from /proc/PID/cmdline.
    let record = dir.path().join("argv.txt");
    let browser = dir.path().join("browser.sh");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{0}.tmp'\nstat -c '%a' \"$1\" \"$(dirname \"$1\")\" >> '{0}.tmp'\ncat \"$1\" >> '{0}.tmp'\nmv '{0}.tmp' '{0}'\n",
            record.display()
        ),
    )
    .expect("the script");
    std::fs::set_permissions(&browser, std::fs::Permissions::from_mode(0o755)).expect("runnable");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_uppfoljning"))
        .args(["edit", "r.yaml"])
        .current_dir(dir.path())
        .env("BROWSER", &browser)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the editor starts");
    let mut address = String::new();
    std::io::BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut address)
        .expect("the address");
    let token = address
        .trim()
        .rsplit_once("#launch=")
        .expect("a launch token")
        .1
        .to_owned();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !record.exists() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    let recorded = std::fs::read_to_string(&record).expect("the browser was started");
    let mut lines = recorded.lines();
    let argv = lines.next().expect("its argument");
    assert!(
        !argv.contains(&token),
        "the token is on the command line: {argv}"
    );
    assert!(argv.ends_with("open.html"), "{argv}");
    assert_eq!(
        lines.next(),
        Some("600"),
        "the page is the user's alone: {recorded}"
    );
    assert_eq!(
        lines.next(),
        Some("700"),
        "in a folder of the user's alone: {recorded}"
    );
    assert!(
        recorded.contains(address.trim()),
        "the page sends the browser on: {recorded}"
    );
}

#[test]
fn an_image_chosen_in_the_form_is_placed_under_bilder_never_over_another_file() {
    let server = Server::start("r.yaml", Some(crate::common::MINIMAL));
    let (own, session) = (server.own(), server.session().to_owned());
    let origin = format!("http://{own}");
    let send = |name: &str, bytes: &[u8]| {
        server.request(
            "POST",
            "/api/image",
            &[
                ("Host", &own),
                ("Origin", &origin),
                ("X-Uppfoljning-Session", &session),
                ("X-Uppfoljning-File-Name", name),
                ("Content-Type", "application/octet-stream"),
            ],
            bytes,
        )
    };
    let png = crate::common::encoded_image(40, 30, image::ImageFormat::Png);
    let placed = send("F%C3%B6rdelning%202015.png", &png);
    assert_eq!(
        placed.status,
        200,
        "{}",
        String::from_utf8_lossy(&placed.body)
    );
    assert_eq!(placed.json()["path"], "bilder/fördelning-2015.png");
    assert_eq!(
        std::fs::read(server.0.path("bilder/fördelning-2015.png")).expect("placed"),
        png
    );
    // The same image again is the same file; another image of that name gets a name of its own.
    assert_eq!(
        send("F%C3%B6rdelning%202015.png", &png).json()["path"],
        "bilder/fördelning-2015.png"
    );
    let jpeg = crate::common::encoded_image(40, 30, image::ImageFormat::Jpeg);
    assert_eq!(
        send("F%C3%B6rdelning%202015.png", &jpeg).json()["path"],
        "bilder/fördelning-2015.jpg"
    );
    let other = crate::common::encoded_image(41, 30, image::ImageFormat::Png);
    assert_eq!(
        send("F%C3%B6rdelning%202015.png", &other).json()["path"],
        "bilder/fördelning-2015-2.png"
    );
    assert_eq!(
        std::fs::read(server.0.path("bilder/fördelning-2015.png")).expect("kept"),
        png
    );
    // What is no image, or a name that reaches out, places nothing outside `bilder`.
    let refused = send("x.png", b"not an image");
    assert_eq!(refused.status, 422);
    assert_eq!(
        refused.json()["diagnostics"][0]["message"],
        "den valda bilden kan inte användas: \"x.png\" är ingen PNG-, JPEG- eller SVG-bild"
    );
    assert_eq!(
        send("..%2F..%2Fevil.png", &png).json()["path"],
        "bilder/evil.png"
    );
    // Without the session: 403.
    let without = server.request(
        "POST",
        "/api/image",
        &[
            ("Host", &own),
            ("Origin", &origin),
            ("Content-Type", "application/octet-stream"),
        ],
        &png,
    );
    assert_eq!(without.status, 403);
}
