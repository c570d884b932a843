//! Errors over HTTP as `application/problem+json` (RFC 9457): a stable `type`, the status, a
//! sentence for people, the request's id and, for a report with problems, the diagnostics
//! `check --message-format json` prints.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::json;

use crate::error::diag::Diagnostic;

/// The kinds of problem the service answers with, each with its status and `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The body is not a report the reader can take (not UTF-8).
    Malformed,
    /// The body is larger than any report.
    TooLarge,
    /// The body is not YAML or JSON.
    WrongType,
    /// The report has problems: the diagnostics say which and where.
    Invalid,
    /// Every render permit is taken and the wait was too long.
    Busy,
    /// No such route.
    NotFound,
}

impl Kind {
    fn status(self) -> StatusCode {
        match self {
            Self::Malformed => StatusCode::BAD_REQUEST,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::WrongType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Self::NotFound => StatusCode::NOT_FOUND,
        }
    }

    /// The stable identifier of the kind.
    fn type_uri(self) -> &'static str {
        match self {
            Self::Malformed => "urn:uppfoljning:problem:malformed",
            Self::TooLarge => "urn:uppfoljning:problem:too-large",
            Self::WrongType => "urn:uppfoljning:problem:unsupported-media-type",
            Self::Invalid => "urn:uppfoljning:problem:invalid-report",
            Self::Busy => "urn:uppfoljning:problem:busy",
            Self::NotFound => "urn:uppfoljning:problem:not-found",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::Malformed => "the request body cannot be read as a report",
            Self::TooLarge => "the request body is larger than any report",
            Self::WrongType => "send the report as application/yaml or application/json",
            Self::Invalid => "the report has problems",
            Self::Busy => "every render is taken; try again shortly",
            Self::NotFound => "no such route",
        }
    }
}

/// The problem `kind`, with `detail`, the request's id and any diagnostics.
pub(crate) fn problem(
    kind: Kind,
    detail: &str,
    request_id: &str,
    diagnostics: &[Diagnostic],
) -> Response {
    let mut body = json!({
        "type": kind.type_uri(),
        "title": kind.title(),
        "status": kind.status().as_u16(),
        "detail": detail,
        "request_id": request_id,
    });
    if !diagnostics.is_empty() {
        body["diagnostics"] = json!(diagnostics);
    }
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = kind.status();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    if kind == Kind::Busy {
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    response
}
