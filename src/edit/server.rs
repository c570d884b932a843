//! The editor's HTTP side: a small server on 127.0.0.1 that checks every request with the
//! [`Guard`] and turns it into a call on the [`Session`].
//!
//! hyper (under axum, on tokio) serves each connection as a task of its own, so a client that
//! announces a body and never sends it holds only its own task. The session is used by one
//! request at a time, on a blocking thread: a preview is CPU work that would only queue behind
//! another.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::body::Body as HttpBody;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};

use super::assets::{self, Lang};
use super::guard::{self, Guard, Verdict};
use super::{SaveRefused, Session};
use crate::base::http::{self, BodyFault};
use crate::base::limits::{MAX_IMAGE_BYTES, MAX_INPUT_BYTES};
use crate::error::{Said, say};

/// Every response's security headers: nothing but the editor's own files may load or run, the
/// page may not be framed, and no address leaks in a Referer.
const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-resource-policy", "same-origin"),
    ("x-frame-options", "DENY"),
];

/// The editor's policy: its own page, script and style, nothing inline, nothing from elsewhere;
/// the pages are images from the blob: URLs the script makes of the SVGs it is sent.
const POLICY: &str = "default-src 'self'; img-src 'self' blob:; base-uri 'none'; \
                      form-action 'none'; frame-ancestors 'none'";

/// How long a request body may take to arrive: a report of a few kilobytes takes milliseconds.
const BODY_TIME: Duration = Duration::from_secs(30);

/// What every request is served with.
struct Editor {
    guard: Guard,
    session: Mutex<Session>,
    lang: Lang,
}

type Reply = Response;

/// Serves the editor on `listener` until the process is stopped.
pub(crate) fn serve(
    listener: std::net::TcpListener,
    guard: Guard,
    session: Session,
    lang: Lang,
) -> std::io::Result<()> {
    let editor = Arc::new(Editor {
        guard,
        session: Mutex::new(session),
        lang,
    });
    let app = Router::new().fallback(respond).with_state(editor);
    // One officer, one tab: two threads answer the page while the session works on its own.
    let connections = http::Connections::default();
    http::serve(listener, Some(2), connections, app, std::future::pending)
}

async fn respond(State(editor): State<Arc<Editor>>, request: Request) -> Reply {
    let (parts, body) = request.into_parts();
    let header = |name: header::HeaderName| {
        parts
            .headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
    };
    let (host, origin) = (header(header::HOST), header(header::ORIGIN));
    let launch = header(header::HeaderName::from_static(guard::LAUNCH_HEADER));
    let session = header(header::HeaderName::from_static(guard::SESSION_HEADER));
    let path = parts.uri.path().to_owned();
    let verdict = editor.guard.check(&guard::Request {
        method: parts.method.as_str(),
        path: &path,
        host: host.as_deref(),
        origin: origin.as_deref(),
        launch: launch.as_deref(),
        session: session.as_deref(),
    });
    match verdict {
        Verdict::Refuse(why) => {
            say(Said::Refused {
                method: parts.method.as_str(),
                path: &path,
                why,
            });
            text(
                403,
                "forbidden: open the address that `uppfoljning edit` printed\n",
            )
        }
        Verdict::Launch { session } => {
            let mut reply = json_reply(200, &json!({ "session": session }));
            set(&mut reply, header::CACHE_CONTROL, "no-store");
            reply
        }
        Verdict::Allow => route(editor, &parts.method, &parts.headers, path, body).await,
    }
}

async fn route(
    editor: Arc<Editor>,
    method: &Method,
    headers: &HeaderMap,
    path: String,
    body: HttpBody,
) -> Reply {
    if method == Method::GET {
        return blocking(move || get(&path, &mut lock(&editor.session), editor.lang)).await;
    }
    if method != Method::POST {
        return text(405, "method not allowed\n");
    }
    if path == "/api/image" {
        return image(editor, headers, body).await;
    }
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|kind| kind.to_str().ok())
        .is_some_and(|kind| kind.starts_with("application/json"));
    if !is_json {
        return text(415, "send JSON\n");
    }
    // Read before the session is taken: a slow body holds up no one else.
    let body = match read_body(headers, body).await {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    blocking(move || post(&path, &body, &mut lock(&editor.session))).await
}

/// `POST /api/image?name=NAME`: an image the officer chose, its bytes the body, placed beside
/// the report under `bilder/`; answers the path the figure names, or the problem.
async fn image(editor: Arc<Editor>, headers: &HeaderMap, body: HttpBody) -> Reply {
    let name = headers
        .get("x-uppfoljning-file-name")
        .and_then(|value| value.to_str().ok())
        .map(percent_decoded)
        .unwrap_or_default();
    let bytes = match http::read_body(headers, body, MAX_IMAGE_BYTES, BODY_TIME).await {
        Ok(bytes) => bytes,
        Err(BodyFault::TooLarge) => {
            let limit = MAX_IMAGE_BYTES >> 20;
            return text(413, &format!("an image is at most {limit} MiB\n"));
        }
        Err(BodyFault::Unreadable | BodyFault::TooSlow) => {
            return text(400, "the request could not be read\n");
        }
    };
    blocking(move || {
        let session = lock(&editor.session);
        match session.place_image(&name, &bytes) {
            Ok(path) => json_reply(200, &json!({ "path": path })),
            Err(err) => json_reply(422, &json!({ "problems": err.diagnostics() })),
        }
    })
    .await
}

/// `%XX` escapes undone (the page sends a file name with `encodeURIComponent`); a name that does
/// not decode to UTF-8 is empty.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(value)) => {
                out.push(value);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Runs `work` (the session's, CPU-bound) on a blocking thread.
async fn blocking(work: impl FnOnce() -> Reply + Send + 'static) -> Reply {
    tokio::task::spawn_blocking(work)
        .await
        .unwrap_or_else(|_| text(500, "the editor failed on this request\n"))
}

fn post(path: &str, body: &Body, session: &mut Session) -> Reply {
    match path {
        "/api/preview" => json_reply(200, &session.preview(&body.document, &body.have)),
        "/api/pdf" => match session.pdf(&body.document) {
            Ok(pdf) => pdf_reply(pdf, session),
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
fn lock(session: &Mutex<Session>) -> MutexGuard<'_, Session> {
    session
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn get(path: &str, session: &mut Session, lang: Lang) -> Reply {
    match path {
        // Browsers ask for an icon by themselves; there is none, and that is not an error.
        "/favicon.ico" => reply(204, Vec::new()),
        "/api/state" => match session.open() {
            Ok(opened) => json_reply(
                200,
                &json!({
                    "opened": opened,
                    "lang": lang.tag(),
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
            Some((kind, bytes)) => {
                let mut reply = reply(200, bytes);
                set(&mut reply, header::CONTENT_TYPE, kind);
                set(&mut reply, header::CACHE_CONTROL, "no-store");
                reply
            }
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

/// Reads a JSON body of at most the input size limit: a larger one announced is refused before
/// a byte of it is read, and one that takes too long is given up.
async fn read_body(headers: &HeaderMap, body: HttpBody) -> Result<Body, Reply> {
    let too_large = || {
        let limit = MAX_INPUT_BYTES >> 20;
        text(413, &format!("the report is over the {limit} MiB limit\n"))
    };
    let bytes = match http::read_body(headers, body, MAX_INPUT_BYTES, BODY_TIME).await {
        Ok(bytes) => bytes,
        Err(BodyFault::TooLarge) => return Err(too_large()),
        Err(BodyFault::Unreadable | BodyFault::TooSlow) => {
            return Err(text(400, "the request could not be read\n"));
        }
    };
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
    let mut reply = reply(200, pdf);
    set(&mut reply, header::CONTENT_TYPE, "application/pdf");
    set(&mut reply, header::CONTENT_DISPOSITION, &disposition);
    set(&mut reply, header::CACHE_CONTROL, "no-store");
    reply
}

fn json_reply(status: u16, value: &impl serde::Serialize) -> Reply {
    let mut reply = reply(status, serde_json::to_vec(value).unwrap_or_default());
    set(&mut reply, header::CONTENT_TYPE, "application/json");
    set(&mut reply, header::CACHE_CONTROL, "no-store");
    reply
}

fn text(status: u16, body: &str) -> Reply {
    let mut reply = reply(status, body.as_bytes().to_vec());
    set(
        &mut reply,
        header::CONTENT_TYPE,
        "text/plain; charset=utf-8",
    );
    reply
}

/// A response with `status`, `body` (its length known, so never chunked) and the security
/// headers.
fn reply(status: u16, body: Vec<u8>) -> Reply {
    let mut reply = Response::new(HttpBody::from(body));
    *reply.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    set(&mut reply, header::CONTENT_SECURITY_POLICY, POLICY);
    for (name, value) in SECURITY_HEADERS {
        set(&mut reply, header::HeaderName::from_static(name), value);
    }
    reply
}

/// Sets the header `name` of `reply` to `value` (ours, or percent-encoded: always valid).
fn set(reply: &mut Reply, name: header::HeaderName, value: &str) {
    if let Ok(value) = HeaderValue::from_str(value) {
        reply.headers_mut().insert(name, value);
    }
}
