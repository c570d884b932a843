//! One JSON line a request on standard output, for the platform's log collector: when, the
//! request's id, the route, the status, the time taken, the key's name, and the SHA-256 of
//! the report. Never personal data: no address, no name, no text from a report.

use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

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
        "time": now(),
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

/// Now, UTC, to the millisecond: `2026-12-02T08:15:30.123Z`.
pub(crate) fn now() -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let seconds = since.as_secs();
    let (year, month, day) = civil(seconds / 86_400);
    let of_day = seconds % 86_400;
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        of_day / 3600,
        of_day / 60 % 60,
        of_day % 60,
        since.subsec_millis()
    )
}

/// The Gregorian date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil(days: u64) -> (u64, u64, u64) {
    let z = days + 719_468;
    let era = z / 146_097;
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + u64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::civil;

    #[test]
    fn days_since_1970_are_gregorian_dates() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(11_016), (2000, 2, 29));
        assert_eq!(civil(20_789), (2026, 12, 2));
        assert_eq!(civil(20_512), (2026, 2, 28));
        assert_eq!(civil(20_513), (2026, 3, 1));
    }
}
