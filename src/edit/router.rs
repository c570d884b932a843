//! The editor's HTTP surface as a [`Router`]: its page, script and style, and its API over one
//! [`Session`]. Who may use it is not its business: `edit` serves it behind the loopback guard
//! (`server`), and the service will mount it behind a login. Every failure is the service's
//! problem answer (RFC 9457), worded in the editor's language, a report's problems in the
//! report's own and at its fields.
//!
//! The session is used by one request at a time, on a blocking thread: a preview is CPU work
//! that would only queue behind another. A body is read before the session is taken, so a slow
//! one holds up no one else.

use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::body::Body as HttpBody;
use axum::extract::{FromRequest, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use super::assets::{self, Lang};
use super::store::SaveRefused;
use super::{Session, lang_of};
use crate::base::http::{self, BodyFault};
use crate::base::limits::{MAX_IMAGE_BYTES, MAX_INPUT_BYTES};
use crate::web::{Kind, Problem};
use crate::words::msg;

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

/// What every request of the editor is served with.
pub(crate) struct Editor {
    session: Mutex<Session>,
    lang: Lang,
    /// Where the page links back to, when the service mounts it on a report.
    back: Option<String>,
}

impl Editor {
    /// The editor of `session`, its words in `lang`.
    pub(crate) fn new(session: Session, lang: Lang) -> Arc<Self> {
        Arc::new(Self {
            session: Mutex::new(session),
            lang,
            back: None,
        })
    }

    /// The editor of `session` as the service mounts it on a report, whose page is at `back`:
    /// the service's door has let the officer in, so the page trades no secret.
    pub(crate) fn mounted(session: Session, lang: Lang, back: String) -> Arc<Self> {
        Arc::new(Self {
            session: Mutex::new(session),
            lang,
            back: Some(back),
        })
    }

    /// The session, for one request at a time; a request that panicked left it usable (every
    /// change to it is whole or not made).
    fn session(&self) -> MutexGuard<'_, Session> {
        self.session
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A problem of `kind`, in the editor's words.
    fn problem(&self, kind: Kind, detail: crate::words::Message) -> Problem {
        Problem::new(kind, detail).in_lang(self.lang)
    }
}

/// The editor's routes over `editor`.
pub(crate) fn router(editor: Arc<Editor>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/editor.css", get(style))
        .route("/js/{module}", get(module))
        .route("/favicon.ico", get(no_icon))
        .route("/api/state", get(state))
        .route("/api/disk", get(disk))
        .route("/api/preview", post(preview))
        .route("/api/pdf", post(pdf))
        .route("/api/save", post(save))
        .route("/api/image", post(image))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::map_response(secured))
        .with_state(editor)
}

/// `response` with the security headers every answer of the editor carries.
pub(crate) async fn secured(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(POLICY),
    );
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

type Shared = State<Arc<Editor>>;

/// The CSRF token of the person the mounted editor's page is for, put on the request by the
/// service that mounts it.
#[derive(Debug, Clone)]
pub(crate) struct PageToken(pub String);

async fn page(State(editor): Shared, token: Option<axum::Extension<PageToken>>) -> Response {
    let Some(back) = &editor.back else {
        return asset("/", editor.lang);
    };
    let csrf = token.map(|token| token.0.0).unwrap_or_default();
    let mut response = assets::mounted_page(editor.lang, back, &csrf).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn style(State(editor): Shared) -> Response {
    asset("/editor.css", editor.lang)
}

async fn module(State(editor): Shared, Path(name): Path<String>) -> Response {
    asset(&format!("/js/{name}"), editor.lang)
}

/// Browsers ask for an icon by themselves; there is none, and that is not an error.
async fn no_icon() -> axum::http::StatusCode {
    axum::http::StatusCode::NO_CONTENT
}

fn asset(path: &str, lang: Lang) -> Response {
    let Some((kind, bytes)) = assets::file(path, lang) else {
        return Problem::new(Kind::NotFound, msg!("editor-not-found"))
            .in_lang(lang)
            .into_response();
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn not_found(State(editor): Shared) -> Problem {
    editor.problem(Kind::NotFound, msg!("editor-not-found"))
}

async fn method_not_allowed(State(editor): Shared) -> Problem {
    editor.problem(Kind::MethodNotAllowed, msg!("problem-see-methods"))
}

/// `GET /api/state`: the report as the form starts from it, the page's words and the schema.
async fn state(State(editor): Shared) -> Result<Response, Problem> {
    let lang = editor.lang;
    let opened = in_turn(&editor, |session| session.open())
        .await?
        .map_err(|err| Problem::from(err).in_lang(lang).at_fields())?;
    let labels = match editor.back {
        Some(_) => assets::mounted_labels(lang),
        None => assets::labels(lang),
    };
    Ok(fresh(json!({
        "opened": opened,
        "lang": lang.tag(),
        "labels": labels,
        "schema": crate::report::schema::value(),
    })))
}

/// `GET /api/disk`: the fingerprint of the report as kept now (null when it is gone).
async fn disk(State(editor): Shared) -> Result<Response, Problem> {
    let lang = editor.lang;
    let base = in_turn(&editor, |session| session.kept())
        .await?
        .map_err(|err| Problem::of(Kind::NotSaved, vec![err]).in_lang(lang))?;
    Ok(fresh(json!({ "base": base })))
}

/// `POST /api/preview`: the pages of the form's report, or its problems beside the last good
/// pages.
async fn preview(State(editor): Shared, change: Change) -> Result<Response, Problem> {
    let shown = in_turn(&editor, move |session| {
        session.preview(&change.document, &change.have)
    })
    .await?;
    Ok(fresh(shown))
}

/// `POST /api/pdf`: the PDF `render` writes for the form's report.
async fn pdf(State(editor): Shared, change: Change) -> Result<Response, Problem> {
    let lang = lang_of(&change.document);
    let (name, made) = in_turn(&editor, move |session| {
        (session.name(), session.pdf(&change.document))
    })
    .await?;
    let pdf = made.map_err(|err| Problem::from(err).in_lang(lang).at_fields())?;
    let mut response = pdf.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(value) = HeaderValue::from_str(&attachment(&name)) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// `POST /api/save`: the form's report kept, if it is still the one the form started from.
async fn save(State(editor): Shared, change: Change) -> Result<Response, Problem> {
    let lang = lang_of(&change.document);
    let saved = in_turn(&editor, move |session| {
        session.save(&change.document, change.base.as_deref())
    })
    .await?;
    match saved {
        Ok(saved) => Ok(fresh(saved)),
        Err(SaveRefused::Changed) => {
            Err(Problem::new(Kind::Changed, msg!("editor-changed")).in_lang(lang))
        }
        Err(SaveRefused::Failed(err)) => Err(Problem::of(Kind::NotSaved, vec![err])
            .in_lang(lang)
            .at_fields()),
    }
}

/// `POST /api/image`: an image the officer chose, placed beside the report; answers the path
/// its figure names.
async fn image(State(editor): Shared, chosen: Chosen) -> Result<Response, Problem> {
    let lang = editor.lang;
    let placed = in_turn(&editor, move |session| {
        session.place_image(&chosen.name, &chosen.bytes)
    })
    .await?;
    let path = placed.map_err(|err| Problem::from(err).in_lang(lang).at_fields())?;
    Ok(fresh(json!({ "path": path })))
}

/// Runs `work` on the session, one request at a time, on a blocking thread.
async fn in_turn<T: Send + 'static>(
    editor: &Arc<Editor>,
    work: impl FnOnce(&mut Session) -> T + Send + 'static,
) -> Result<T, Problem> {
    let editor = editor.clone();
    let lang = editor.lang;
    tokio::task::spawn_blocking(move || work(&mut editor.session()))
        .await
        .map_err(|_| Problem::new(Kind::Internal, msg!("editor-failed")).in_lang(lang))
}

/// A JSON answer that no cache keeps.
fn fresh(value: impl serde::Serialize) -> Response {
    let mut response = Json(value).into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `Content-Disposition` for a download of the report `name`'s PDF (RFC 6266: a plain ASCII
/// fallback name and the real one percent-encoded).
fn attachment(name: &str) -> String {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let name = match stem.is_empty() {
        true => "report.pdf".to_owned(),
        false => format!("{stem}.pdf"),
    };
    let ascii: String = name
        .chars()
        .map(|c| match c.is_ascii_alphanumeric() || "._-".contains(c) {
            true => c,
            false => '_',
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// What the page sends with a change: a JSON body within the input size limit (a larger one
/// announced is refused before a byte of it is read; one that takes too long is given up).
#[derive(Deserialize)]
struct Change {
    /// The report as the form holds it.
    document: Value,
    /// The fingerprint of the report the form's document started from (save only).
    #[serde(default)]
    base: Option<String>,
    /// The hashes of the pages the page already shows (preview only).
    #[serde(default)]
    have: Vec<String>,
}

impl FromRequest<Arc<Editor>> for Change {
    type Rejection = Problem;

    async fn from_request(request: Request, editor: &Arc<Editor>) -> Result<Self, Problem> {
        let (parts, body) = request.into_parts();
        let is_json = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|kind| kind.to_str().ok())
            .is_some_and(|kind| kind.starts_with("application/json"));
        if !is_json {
            return Err(editor.problem(Kind::WrongType, msg!("editor-send-json")));
        }
        let limit = MAX_INPUT_BYTES >> 20;
        let bytes = read(&parts.headers, body, MAX_INPUT_BYTES, editor, || {
            msg!("editor-report-too-large", limit = limit)
        })
        .await?;
        serde_json::from_slice(&bytes)
            .map_err(|_| editor.problem(Kind::Malformed, msg!("editor-not-its-json")))
    }
}

/// An image the officer chose: its bytes the body, its name (percent-encoded by the page) in
/// `X-Uppfoljning-File-Name`.
struct Chosen {
    name: String,
    bytes: axum::body::Bytes,
}

impl FromRequest<Arc<Editor>> for Chosen {
    type Rejection = Problem;

    async fn from_request(request: Request, editor: &Arc<Editor>) -> Result<Self, Problem> {
        let (parts, body) = request.into_parts();
        let name = parts
            .headers
            .get("x-uppfoljning-file-name")
            .and_then(|value| value.to_str().ok())
            .map(percent_decoded)
            .unwrap_or_default();
        let limit = MAX_IMAGE_BYTES >> 20;
        let bytes = read(&parts.headers, body, MAX_IMAGE_BYTES, editor, || {
            msg!("editor-image-too-large", limit = limit)
        })
        .await?;
        Ok(Self { name, bytes })
    }
}

/// Reads a body of at most `max` bytes, in time.
async fn read(
    headers: &HeaderMap,
    body: HttpBody,
    max: usize,
    editor: &Editor,
    too_large: impl FnOnce() -> crate::words::Message,
) -> Result<axum::body::Bytes, Problem> {
    http::read_body(headers, body, max, BODY_TIME)
        .await
        .map_err(|fault| match fault {
            BodyFault::TooLarge => editor.problem(Kind::TooLarge, too_large()),
            BodyFault::Unreadable | BodyFault::TooSlow => {
                editor.problem(Kind::Malformed, msg!("editor-unreadable"))
            }
        })
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

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use tower::ServiceExt;

    use super::*;
    use crate::edit::store::FileStore;
    use crate::typeset::{Renderer, Setup};

    /// The editor of `r.yaml` in `dir`, mounted under `/rapporter/1/` of another router, as
    /// the service will mount it.
    fn mounted(dir: &std::path::Path) -> Router {
        let renderer = Renderer::new(Setup::default()).expect("a renderer");
        let session = Session::new(FileStore::new(dir.join("r.yaml")), renderer.into());
        Router::new().nest("/rapporter/1", router(Editor::new(session, Lang::Sv)))
    }

    async fn send(app: &Router, method: &str, path: &str, body: &str) -> (StatusCode, Response) {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_owned()))
            .expect("a request");
        let response = app.clone().oneshot(request).await.expect("an answer");
        (response.status(), response)
    }

    async fn json_of(response: Response) -> Value {
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
            .await
            .expect("a body");
        serde_json::from_slice(&bytes).expect("JSON")
    }

    #[tokio::test]
    async fn the_editor_works_mounted_under_another_path() {
        let dir = tempfile::tempdir().expect("a folder");
        let app = mounted(dir.path());
        // (A mounter sends the browser on to the path with its slash, which the page's
        // relative addresses need.)
        let (status, page) = send(&app, "GET", "/rapporter/1", "").await;
        assert_eq!(status, StatusCode::OK);
        assert!(page.headers()[header::CONTENT_SECURITY_POLICY].len() > 10);
        let (status, _) = send(&app, "GET", "/rapporter/1/js/main.js", "").await;
        assert_eq!(status, StatusCode::OK);
        let (status, state) = send(&app, "GET", "/rapporter/1/api/state", "").await;
        assert_eq!(status, StatusCode::OK);
        let state = json_of(state).await;
        assert_eq!(state["opened"]["exists"], false);

        // A save, then a save from the same starting point: the second is refused as a
        // problem answer, in the report's language, and the first is what is kept.
        let document = state["opened"]["document"].clone();
        let change = json!({ "document": document, "base": null }).to_string();
        let (status, _) = send(&app, "POST", "/rapporter/1/api/save", &change).await;
        assert_eq!(status, StatusCode::OK);
        let (status, stale) = send(&app, "POST", "/rapporter/1/api/save", &change).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(
            stale.headers()[header::CONTENT_TYPE],
            "application/problem+json"
        );
        assert!(dir.path().join("r.yaml").exists());
    }

    #[tokio::test]
    async fn a_report_with_problems_is_a_problem_answer_at_its_fields() {
        let dir = tempfile::tempdir().expect("a folder");
        let app = mounted(dir.path());
        let (_, state) = send(&app, "GET", "/rapporter/1/api/state", "").await;
        let mut document = json_of(state).await["opened"]["document"].clone();
        document["date"] = "2016-02-30".into();
        let change = json!({ "document": document }).to_string();
        let (status, answer) = send(&app, "POST", "/rapporter/1/api/pdf", &change).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        // The body is written by the request-id layer, which knows the id: mounted without
        // it, the answer carries the problem for that layer to word.
        let problem = answer
            .extensions()
            .get::<crate::web::problem::Answered>()
            .expect("a problem answer");
        assert_eq!(problem.0.kind(), Kind::Invalid);
        let (status, wrong) = send(&app, "POST", "/rapporter/1/api/save", "not json").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(
            wrong
                .extensions()
                .get::<crate::web::problem::Answered>()
                .is_some()
        );
    }
}
