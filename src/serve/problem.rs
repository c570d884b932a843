//! Errors over HTTP as `application/problem+json` (RFC 9457): a stable `type`, the status, a
//! sentence for people, the request's id and, for a report with problems, the diagnostics
//! `check --message-format json` prints.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::json;

use super::around::ReportDigest;
use super::body::Unsent;
use super::metrics::{Metrics, Rejection};
use crate::error::Error;
use crate::error::diag::Diagnostic;

/// The kinds of problem the service answers with, each with its status and `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The body cannot be read as a request of its kind (not UTF-8, broken multipart, …).
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
    /// The API key may not do this.
    Forbidden,
    /// The queue for renders is full: answered at once.
    QueueFull,
    /// No render came free within the wait.
    Busy,
    /// The render took longer than the time limit.
    TimeLimit,
    /// The issuer's keys are not loaded yet: tokens cannot be checked.
    NotReady,
    /// No such route.
    NotFound,
    /// The route does not take this method.
    MethodNotAllowed,
    /// A defect of the service.
    Internal,
}

/// The `type` of the problem a response is, for the log line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ProblemType(pub &'static str);

impl Kind {
    fn status(self) -> StatusCode {
        match self {
            Self::Malformed => StatusCode::BAD_REQUEST,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::TooSlow => StatusCode::REQUEST_TIMEOUT,
            Self::WrongType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::QueueFull => StatusCode::TOO_MANY_REQUESTS,
            Self::Busy => StatusCode::SERVICE_UNAVAILABLE,
            Self::TimeLimit => StatusCode::GATEWAY_TIMEOUT,
            Self::NotReady => StatusCode::SERVICE_UNAVAILABLE,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable identifier of the kind.
    fn type_uri(self) -> &'static str {
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
            Self::Internal => "urn:uppfoljning:problem:internal",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Self::Malformed => "the request cannot be read as this route's request",
            Self::TooLarge => "the request body is larger than any report",
            Self::TooSlow => "the request body arrived too slowly",
            Self::WrongType => "the request body is not of a type this route takes",
            Self::Invalid => "the report has problems",
            Self::Unauthorized => "an API key or an access token is needed",
            Self::Forbidden => "the caller may not do this",
            Self::QueueFull => "too many reports are waiting; try again shortly",
            Self::Busy => "every render is taken; try again shortly",
            Self::TimeLimit => "the report took longer than the time limit to render",
            Self::NotReady => "the service cannot check access tokens yet; try again shortly",
            Self::NotFound => "no such route",
            Self::MethodNotAllowed => "the route does not take this method",
            Self::Internal => "the service failed",
        }
    }

    /// Seconds after which a caller may try again, for the answers that say so.
    fn retry_after(self) -> Option<&'static str> {
        matches!(self, Self::QueueFull | Self::Busy | Self::NotReady).then_some("1")
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
    response
        .extensions_mut()
        .insert(ProblemType(kind.type_uri()));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/problem+json"),
    );
    if let Some(seconds) = kind.retry_after() {
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static(seconds));
    }
    if kind == Kind::Unauthorized {
        headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

/// The 422 for reports with problems: the first one's sentence, every one's diagnostics.
pub(crate) fn failed(errors: &[Error], request_id: &str) -> Response {
    let detail = match errors {
        [one] => one.to_string(),
        many => format!("{} of the reports sent have problems", many.len()),
    };
    let diagnostics: Vec<Diagnostic> = errors.iter().flat_map(Error::diagnostics).collect();
    problem(Kind::Invalid, &detail, request_id, &diagnostics)
}

/// The answer to a job done in turn: `reply` of what it made, a 422 for the reports'
/// problems, or why it was turned away; each carrying `digest`, for the log line.
pub(crate) fn answered<T>(
    outcome: Result<Result<T, Vec<Error>>, Kind>,
    request_id: &str,
    digest: ReportDigest,
    reply: impl FnOnce(T) -> Response,
) -> Response {
    let mut response = match outcome {
        Ok(Ok(made)) => reply(made),
        Ok(Err(errors)) => failed(&errors, request_id),
        Err(kind) => turned_away(kind, request_id),
    };
    response.extensions_mut().insert(digest);
    response
}

/// The answer to a request turned away before or during its render.
pub(crate) fn turned_away(kind: Kind, request_id: &str) -> Response {
    let detail = match kind {
        Kind::QueueFull => "every render is taken and the queue is full",
        Kind::Busy => "no render came free within the queue wait",
        Kind::TimeLimit => "the render went on past the time limit",
        _ => "the report could not be rendered: this is a defect of the service, please report it",
    };
    problem(kind, detail, request_id, &[])
}

/// The answer to a body that is not what its route reads; a body too large is counted.
pub(crate) fn unsent(metrics: &Metrics, why: &Unsent, request_id: &str) -> Response {
    match why {
        Unsent::WrongType(accepted) => problem(
            Kind::WrongType,
            &format!("the Content-Type is not {accepted}"),
            request_id,
            &[],
        ),
        Unsent::TooLarge(detail) => {
            metrics.rejected(Rejection::TooLarge);
            problem(Kind::TooLarge, detail, request_id, &[])
        }
        Unsent::Malformed(detail) => {
            metrics.rejected(Rejection::Malformed);
            problem(Kind::Malformed, detail, request_id, &[])
        }
        Unsent::TooSlow => {
            metrics.rejected(Rejection::TooSlow);
            let detail = format!(
                "the body must arrive at {} KiB/s at least; send it again on a faster line",
                crate::base::http::MIN_RATE / 1024
            );
            problem(Kind::TooSlow, &detail, request_id, &[])
        }
        Unsent::Busy => {
            metrics.rejected(Rejection::BodyRoom);
            let detail = "the service holds as many request bodies as it has memory for";
            problem(Kind::Busy, detail, request_id, &[])
        }
    }
}

/// The query parameters of `uri` as `T`, or what is wrong with them (for a 400).
pub(crate) fn query<T: serde::de::DeserializeOwned>(uri: &axum::http::Uri) -> Result<T, String> {
    axum::extract::Query::<T>::try_from_uri(uri)
        .map(|axum::extract::Query(options)| options)
        .map_err(|rejection| {
            let text = rejection.body_text();
            // axum's sentence starts in capitals before the part that names the field.
            let why = text.split_once(": ").map_or(text.as_str(), |(_, why)| why);
            format!("the query parameters: {why}")
        })
}
