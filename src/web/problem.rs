//! Errors over HTTP as `application/problem+json` (RFC 9457): a stable `type`, the status, a
//! sentence for people, the request's id and, for a report with problems, the diagnostics
//! `check --message-format json` prints. [`Problem`] is the one answer type for anything that
//! goes wrong; its body is written last, by the request-id layer, which knows the id.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::Rejection;
use crate::error::Error;
use crate::error::diag::Diagnostic;
use crate::words::{Lang, Message, msg};

/// The kinds of problem the service answers with, each with its status and `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The request cannot be read as its route's (not UTF-8, broken multipart, a bad query).
    Malformed,
    /// The body is larger than any report.
    TooLarge,
    /// The body arrived slower than the least rate the service takes.
    TooSlow,
    /// The body is not YAML, JSON or multipart.
    WrongType,
    /// The report has problems: the diagnostics say which and where.
    Invalid,
    /// No API key, or one the service does not know.
    Unauthorized,
    /// The caller may not do this.
    Forbidden,
    /// The queue for renders is full: answered at once.
    QueueFull,
    /// No render came free within the wait, or no room for the body.
    Busy,
    /// The render took longer than the time limit.
    TimeLimit,
    /// The issuer's keys are not loaded yet: tokens cannot be checked.
    NotReady,
    /// No such route.
    NotFound,
    /// The route does not take this method.
    MethodNotAllowed,
    /// The report changed since the caller read it: a save on top of it would lose a change.
    Changed,
    /// The report could not be stored (the disk, the link it was opened through).
    NotSaved,
    /// No report (or version) of that number in the workspace.
    NoSuchReport,
    /// The edit names a version that is no longer the current one.
    Stale,
    /// The edit does not name the version it edits.
    NoPrecondition,
    /// The workspace's database does not answer or cannot write.
    Unavailable,
    /// The workspace's database has no room left on its disk.
    Full,
    /// A defect of the service.
    Internal,
}

impl Kind {
    /// The HTTP status of the kind.
    pub(crate) fn status(self) -> StatusCode {
        match self {
            Self::Malformed => StatusCode::BAD_REQUEST,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::TooSlow => StatusCode::REQUEST_TIMEOUT,
            Self::WrongType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::QueueFull => StatusCode::TOO_MANY_REQUESTS,
            Self::Busy | Self::NotReady => StatusCode::SERVICE_UNAVAILABLE,
            Self::Full => StatusCode::INSUFFICIENT_STORAGE,
            Self::TimeLimit => StatusCode::GATEWAY_TIMEOUT,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Changed => StatusCode::CONFLICT,
            Self::NoSuchReport => StatusCode::NOT_FOUND,
            Self::Stale => StatusCode::PRECONDITION_FAILED,
            Self::NoPrecondition => StatusCode::PRECONDITION_REQUIRED,
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal | Self::NotSaved => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable identifier of the kind.
    pub(crate) fn type_uri(self) -> &'static str {
        match self {
            Self::Malformed => "urn:uppfoljning:problem:malformed",
            Self::TooLarge => "urn:uppfoljning:problem:too-large",
            Self::TooSlow => "urn:uppfoljning:problem:too-slow",
            Self::WrongType => "urn:uppfoljning:problem:unsupported-media-type",
            Self::Invalid => "urn:uppfoljning:problem:invalid-report",
            Self::Unauthorized => "urn:uppfoljning:problem:unauthorized",
            Self::Forbidden => "urn:uppfoljning:problem:forbidden",
            Self::QueueFull => "urn:uppfoljning:problem:queue-full",
            Self::Busy => "urn:uppfoljning:problem:busy",
            Self::TimeLimit => "urn:uppfoljning:problem:time-limit",
            Self::NotReady => "urn:uppfoljning:problem:not-ready",
            Self::NotFound => "urn:uppfoljning:problem:not-found",
            Self::MethodNotAllowed => "urn:uppfoljning:problem:method-not-allowed",
            Self::Changed => "urn:uppfoljning:problem:changed",
            Self::NotSaved => "urn:uppfoljning:problem:not-saved",
            Self::NoSuchReport => "urn:uppfoljning:problem:no-such-report",
            Self::Stale => "urn:uppfoljning:problem:stale-version",
            Self::NoPrecondition => "urn:uppfoljning:problem:version-not-named",
            Self::Unavailable => "urn:uppfoljning:problem:database-unavailable",
            Self::Full => "urn:uppfoljning:problem:database-full",
            Self::Internal => "urn:uppfoljning:problem:internal",
        }
    }

    /// The catalogue's key for the kind's title.
    fn title_key(self) -> &'static str {
        match self {
            Self::Malformed => "problem-malformed",
            Self::TooLarge => "problem-too-large",
            Self::TooSlow => "problem-too-slow",
            Self::WrongType => "problem-wrong-type",
            Self::Invalid => "problem-invalid",
            Self::Unauthorized => "problem-unauthorized",
            Self::Forbidden => "problem-forbidden",
            Self::QueueFull => "problem-queue-full",
            Self::Busy => "problem-busy",
            Self::TimeLimit => "problem-time-limit",
            Self::NotReady => "problem-not-ready",
            Self::NotFound => "problem-not-found",
            Self::MethodNotAllowed => "problem-method-not-allowed",
            Self::Changed => "problem-changed",
            Self::NotSaved => "problem-not-saved",
            Self::NoSuchReport => "problem-no-such-report",
            Self::Stale => "problem-stale-version",
            Self::NoPrecondition => "problem-version-not-named",
            Self::Unavailable => "problem-database-unavailable",
            Self::Full => "problem-database-full",
            Self::Internal => "problem-internal",
        }
    }

    /// Seconds after which a caller may try again, for the answers that say so.
    fn retry_after(self) -> Option<&'static str> {
        matches!(
            self,
            Self::QueueFull | Self::Busy | Self::NotReady | Self::Unavailable
        )
        .then_some("1")
    }
}

/// A problem, to be answered: what kind, a sentence about this one (a catalogue message, or
/// the reports' own errors), and the rejection it counts as, if any.
#[derive(Debug)]
pub(crate) struct Problem {
    kind: Kind,
    detail: Option<Message>,
    errors: Vec<Error>,
    counted: Option<Rejection>,
    /// The language it is worded in whatever the request asks (the editor's: the report's).
    lang: Option<Lang>,
    /// Whether the diagnostics name fields only: a form's officer never sees the YAML's lines.
    at_fields: bool,
    /// The version the answer's `ETag` names (a stale edit is told the current one).
    etag: Option<i64>,
}

impl Problem {
    /// A problem of `kind` whose detail is `detail`.
    pub(crate) fn new(kind: Kind, detail: Message) -> Self {
        Self {
            kind,
            detail: Some(detail),
            errors: Vec::new(),
            counted: None,
            lang: None,
            at_fields: false,
            etag: None,
        }
    }

    /// A problem of `kind` about `errors`: the first one's sentence, every one's diagnostics.
    pub(crate) fn of(kind: Kind, errors: Vec<Error>) -> Self {
        let detail = match errors.len() {
            1 => None,
            many => Some(msg!("problem-many-reports", count = many)),
        };
        Self {
            kind,
            detail,
            errors,
            counted: None,
            lang: None,
            at_fields: false,
            etag: None,
        }
    }

    /// The same problem, its answer's `ETag` naming `version`.
    pub(crate) fn with_etag(mut self, version: i64) -> Self {
        self.etag = Some(version);
        self
    }

    /// The same problem worded in `lang`, whatever language the request asks for.
    pub(crate) fn in_lang(mut self, lang: Lang) -> Self {
        self.lang = Some(lang);
        self
    }

    /// The same problem with diagnostics that name the field and not the line: for a form,
    /// whose YAML the officer never sees.
    pub(crate) fn at_fields(mut self) -> Self {
        self.at_fields = true;
        self
    }

    /// The same problem, counted in the metrics' rejections as `why`.
    pub(crate) fn counted(mut self, why: Rejection) -> Self {
        self.counted = Some(why);
        self
    }

    /// The kind of problem.
    pub(crate) fn kind(&self) -> Kind {
        self.kind
    }

    /// The rejection the problem counts as, if any.
    pub(crate) fn rejection(&self) -> Option<Rejection> {
        self.counted
    }

    /// The 422 for reports with problems: the first one's sentence, every one's diagnostics.
    pub(crate) fn reports(errors: Vec<Error>) -> Self {
        Self::of(Kind::Invalid, errors)
    }

    /// The problem worded in `lang` (its own language, if it has one): for the JSON body and
    /// for a page.
    pub(crate) fn worded(&self, asked: Lang) -> Worded {
        let lang = self.lang.unwrap_or(asked);
        let detail = match (&self.detail, self.errors.first()) {
            (Some(message), _) => message.in_lang(lang),
            (None, Some(error)) => error.worded(lang),
            (None, None) => String::new(),
        };
        let diagnostics = self
            .errors
            .iter()
            .flat_map(|error| error.diagnostics_in(lang))
            .map(|mut diagnostic| {
                if self.at_fields {
                    diagnostic.span = None;
                    diagnostic.file = None;
                }
                diagnostic
            })
            .collect();
        Worded {
            title: msg!(self.kind.title_key()).in_lang(lang),
            detail,
            diagnostics,
        }
    }

    /// The problem as its JSON body, for the request `request_id`, worded in `lang`.
    fn body(&self, request_id: &str, asked: Lang) -> Body {
        let worded = self.worded(asked);
        let body = ProblemJson {
            r#type: self.kind.type_uri(),
            title: worded.title,
            status: self.kind.status().as_u16(),
            detail: worded.detail,
            request_id,
            diagnostics: (!worded.diagnostics.is_empty()).then_some(&worded.diagnostics),
        };
        Body::from(serde_json::to_string(&body).unwrap_or_default())
    }
}

/// A problem in words: what kind, this one, and a report's diagnostics.
#[derive(Debug, Serialize)]
pub(crate) struct Worded {
    /// What kind of problem.
    pub title: String,
    /// This problem, with the fix.
    pub detail: String,
    /// A report's problems, each at its field or line.
    pub diagnostics: Vec<Diagnostic>,
}

/// A problem answer's body (the API's description has its schema: `openapi::ProblemBody`).
#[derive(Serialize)]
struct ProblemJson<'a> {
    /// A stable `urn:uppfoljning:problem:*` identifier.
    r#type: &'static str,
    /// What kind of problem, in words.
    title: String,
    /// The HTTP status.
    status: u16,
    /// This problem, in words, with the fix.
    detail: String,
    /// The request's id, as in the log line and the `X-Request-Id` header.
    request_id: &'a str,
    /// The objects `check --message-format json` prints, for a report with problems.
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<&'a Vec<Diagnostic>>,
}

/// The problem an answer is, kept on the response until its body is written.
#[derive(Debug, Clone)]
pub(crate) struct Answered(pub Arc<Problem>);

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let kind = self.kind;
        let mut response = Response::new(Body::empty());
        *response.status_mut() = kind.status();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(seconds) = kind.retry_after() {
            headers.insert(header::RETRY_AFTER, HeaderValue::from_static(seconds));
        }
        if let Some(value) = self
            .etag
            .and_then(|version| HeaderValue::from_str(&format!("\"{version}\"")).ok())
        {
            headers.insert(header::ETAG, value);
        }
        if kind == Kind::Unauthorized {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response.extensions_mut().insert(Answered(Arc::new(self)));
        response
    }
}

/// Writes the body of a problem answer, now that its request's id and language are known.
pub(crate) fn finish(response: &mut Response, request_id: &str, lang: Lang) {
    if let Some(Answered(problem)) = response.extensions().get::<Answered>().cloned() {
        // A router mounted inside another may have sized the empty body already.
        response.headers_mut().remove(header::CONTENT_LENGTH);
        *response.body_mut() = problem.body(request_id, lang);
    }
}

impl From<Error> for Problem {
    fn from(error: Error) -> Self {
        Self::reports(vec![error])
    }
}

impl From<Vec<Error>> for Problem {
    fn from(errors: Vec<Error>) -> Self {
        Self::reports(errors)
    }
}
