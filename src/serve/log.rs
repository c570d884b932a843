//! One JSON line a request on standard output, for the platform's log collector: when, the
//! request's id, the route, the status, the time taken, the key's name, and the SHA-256 of
//! the report. Never personal data: no address, no name, no text from a report.

use std::io::Write;

use serde::Serialize;

/// One answered request.
#[derive(Debug, Serialize)]
pub(crate) struct Line<'a> {
    /// When it was answered, UTC (RFC 3339).
    pub time: String,
    /// How much it matters: `error` for a 5xx (a defect, or the service overwhelmed), `warn`
    /// for a request turned away, else `info`.
    pub level: &'static str,
    /// The service's version, so a line can be told apart across a rolling update.
    pub version: &'static str,
    /// The request's id, as echoed in `X-Request-Id`.
    pub request_id: &'a str,
    /// The method.
    pub method: &'a str,
    /// The route as declared, or `other`.
    pub route: &'a str,
    /// The HTTP status.
    pub status: u16,
    /// Milliseconds from the request's head to its answer.
    pub duration_ms: f64,
    /// The API key's name, when keys are required.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caller: Option<&'a str>,
    /// The SHA-256 of the report the request carried, when one was read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report_sha256: Option<&'a str>,
    /// The problem's type, when the answer is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<&'a str>,
}

/// Writes an event of the service itself (not a request) as one line of JSON: its time and
/// `message`.
pub(crate) fn note(message: &str) {
    let line = serde_json::json!({
        "time": crate::base::clock::now(),
        "level": "warn",
        "version": env!("CARGO_PKG_VERSION"),
        "message": message,
    });
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
}

/// The level of a request answered with `status`.
pub(crate) fn level(status: u16) -> &'static str {
    match status {
        500.. => "error",
        401 | 403 | 408 | 413 | 429 => "warn",
        _ => "info",
    }
}

/// Writes `line` as one line of JSON; a log that cannot be written loses the line, not the
/// request.
pub(crate) fn write(line: &Line<'_>) {
    let Ok(mut text) = serde_json::to_string(line) else {
        return;
    };
    text.push('\n');
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
