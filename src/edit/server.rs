//! The editor's HTTP side: a small synchronous server on 127.0.0.1 that checks every request
//! with the [`Guard`] and turns it into a call on the [`Session`].
//!
//! Requests are served one at a time: there is one officer and one browser tab, and a preview
//! is CPU work that would only queue behind another.

use std::io::Read;
use std::sync::{Mutex, MutexGuard};

use serde::Deserialize;
use serde_json::{Value, json};
use tiny_http::{Header, Method, Response, Server};

use super::assets::{self, Lang};
use super::guard::{self, Guard, Verdict};
use super::{SaveRefused, Session};
use crate::base::limits::MAX_INPUT_BYTES;
use crate::error::{Said, say};

/// Every response's security headers: nothing but the editor's own files may load or run, the
/// page may not be framed, and no address leaks in a Referer.
const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
];

/// The editor's policy: its own page, script and style, nothing inline, nothing from elsewhere;
/// the pages are images from the blob: URLs the script makes of the SVGs it is sent.
const POLICY: &str = "default-src 'self'; img-src 'self' blob:; base-uri 'none'; \
                      form-action 'none'; frame-ancestors 'none'";

/// Serves the editor until the process is stopped.
///
/// Each request lives on a thread of its own: tiny_http reads a body the handler left unread
/// when the request is dropped, so a client that announces a body and never sends it holds
/// only its own thread, never the editor. The session is used by one request at a time.
pub(crate) fn serve(server: &Server, guard: &Guard, session: &mut Session, lang: Lang) {
    let session = Mutex::new(session);
    std::thread::scope(|scope| {
        for request in server.incoming_requests() {
            let session = &session;
            scope.spawn(move || {
                let (request, response) = respond(request, guard, session, lang);
                // A browser that went away mid-response is not the editor's problem.
                let _ = request.respond(response);
            });
        }
    });
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn respond(
    mut request: tiny_http::Request,
    guard: &Guard,
    session: &Mutex<&mut Session>,
    lang: Lang,
) -> (tiny_http::Request, Reply) {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_owned())
    };
    let (host, origin, cookie) = (header("Host"), header("Origin"), header("Cookie"));
    let method = request.method().to_string();
    let url = request.url().to_owned();
    let verdict = guard.check(&guard::Request {
        method: &method,
        url: &url,
        host: host.as_deref(),
        origin: origin.as_deref(),
        cookie: cookie.as_deref(),
    });
    let path = url.split('?').next().unwrap_or_default().to_owned();
    let reply = match verdict {
        Verdict::Refuse(why) => {
            say(Said::Refused {
                method: &method,
                path: &path,
                why,
            });
            text(
                403,
                "forbidden: open the address that `uppfoljning edit` printed\n",
            )
        }
        Verdict::SetCookie { cookie } => with_security(
            Response::from_data(Vec::new())
                .with_status_code(303)
                .with_header(header_of("Location", "/"))
                .with_header(header_of("Set-Cookie", &cookie)),
        ),
        Verdict::Allow => {
            let is_json =
                header("Content-Type").is_some_and(|kind| kind.starts_with("application/json"));
            let reply = route(&mut request, &path, is_json, session, lang);
            return (request, reply);
        }
    };
    (request, reply)
}

fn route(
    request: &mut tiny_http::Request,
    path: &str,
    is_json: bool,
    session: &Mutex<&mut Session>,
    lang: Lang,
) -> Reply {
    let method = request.method().clone();
    if method == Method::Get {
        return get(path, &mut lock(session), lang);
    }
    if method != Method::Post {
        return text(405, "method not allowed\n");
    }
    if !is_json {
        return text(415, "send JSON\n");
    }
    // Read before the session is taken: a slow body holds up no one else.
    let body = match read_body(request) {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let mut session = lock(session);
    match path {
        "/api/preview" => json_reply(200, &session.preview(&body.document, &body.have)),
        "/api/pdf" => match session.pdf(&body.document) {
            Ok(pdf) => pdf_reply(pdf, &session),
            Err(problems) => json_reply(422, &json!({ "problems": problems })),
        },
        "/api/save" => match session.save(&body.document, body.base.as_deref()) {
            Ok(saved) => json_reply(200, &saved),
            Err(SaveRefused::Changed) => json_reply(409, &json!({ "changed": true })),
            Err(SaveRefused::Failed(err)) => {
                json_reply(500, &json!({ "problems": err.diagnostics() }))
            }
        },
        _ => text(404, "not found\n"),
    }
}

/// The session, for one request at a time; a request that panicked left it usable (every
/// change to it is whole or not made).
fn lock<'a, 'b>(session: &'a Mutex<&'b mut Session>) -> MutexGuard<'a, &'b mut Session> {
    session
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn get(path: &str, session: &mut Session, lang: Lang) -> Reply {
    match path {
        // Browsers ask for an icon by themselves; there is none, and that is not an error.
        "/favicon.ico" => with_security(Response::from_data(Vec::new()).with_status_code(204)),
        "/api/state" => match session.open() {
            Ok(opened) => json_reply(
                200,
                &json!({
                    "opened": opened,
                    "lang": lang.code(),
                    "labels": assets::labels(lang),
                    "schema": crate::report::schema::value(),
                }),
            ),
            Err(err) => json_reply(422, &json!({ "problems": err.diagnostics() })),
        },
        "/api/disk" => match session.disk() {
            Ok(base) => json_reply(200, &json!({ "base": base })),
            Err(err) => json_reply(500, &json!({ "problems": err.diagnostics() })),
        },
        _ => match assets::file(path, lang) {
            Some((kind, bytes)) => with_security(
                Response::from_data(bytes)
                    .with_header(header_of("Content-Type", kind))
                    .with_header(header_of("Cache-Control", "no-store")),
            ),
            None => text(404, "not found\n"),
        },
    }
}

/// What the page sends with a change.
#[derive(Deserialize)]
struct Body {
    /// The report as the form holds it.
    document: Value,
    /// The fingerprint of the file the form's document started from (save only).
    #[serde(default)]
    base: Option<String>,
    /// The hashes of the pages the page already shows (preview only).
    #[serde(default)]
    have: Vec<String>,
}

/// Reads a JSON body of at most the input size limit.
fn read_body(request: &mut tiny_http::Request) -> Result<Body, Reply> {
    let too_large = || {
        let limit = MAX_INPUT_BYTES >> 20;
        text(413, &format!("the report is over the {limit} MiB limit\n"))
    };
    if request.body_length().is_some_and(|n| n > MAX_INPUT_BYTES) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    let limit = MAX_INPUT_BYTES as u64 + 1;
    if request
        .as_reader()
        .take(limit)
        .read_to_end(&mut bytes)
        .is_err()
    {
        return Err(text(400, "the request could not be read\n"));
    }
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    serde_json::from_slice(&bytes).map_err(|_| text(400, "the request is not the editor's JSON\n"))
}

fn pdf_reply(pdf: Vec<u8>, session: &Session) -> Reply {
    let name = session.file().with_extension("pdf");
    let name = name
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "report.pdf".into());
    // RFC 6266: a plain ASCII fallback name and the real one percent-encoded.
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
    with_security(
        Response::from_data(pdf)
            .with_header(header_of("Content-Type", "application/pdf"))
            .with_header(header_of("Content-Disposition", &disposition))
            .with_header(header_of("Cache-Control", "no-store")),
    )
}

fn json_reply(status: u16, value: &impl serde::Serialize) -> Reply {
    let body = serde_json::to_vec(value).unwrap_or_default();
    with_security(
        Response::from_data(body)
            .with_status_code(status)
            .with_header(header_of("Content-Type", "application/json"))
            .with_header(header_of("Cache-Control", "no-store")),
    )
}

fn text(status: u16, body: &str) -> Reply {
    with_security(
        Response::from_data(body.as_bytes().to_vec())
            .with_status_code(status)
            .with_header(header_of("Content-Type", "text/plain; charset=utf-8")),
    )
}

fn with_security(response: Reply) -> Reply {
    // Every body is in memory: its length is known, so it is never sent chunked.
    let mut response = response.with_chunked_threshold(usize::MAX);
    response.add_header(header_of("Content-Security-Policy", POLICY));
    for (name, value) in SECURITY_HEADERS {
        response.add_header(header_of(name, value));
    }
    response
}

fn header_of(name: &str, value: &str) -> Header {
    // Names and values here are ours or percent-encoded, so always valid header bytes.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}
