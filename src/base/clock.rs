//! The time now, as the log and the workspace write it: RFC 3339 in UTC, to the millisecond.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, UTC, to the millisecond: `2026-12-02T08:15:30.123Z`.
pub(crate) fn now() -> String {
    written(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default(),
    )
}

/// `seconds` ago (or from now, if negative), as [`now`] writes a time: the times the workspace
/// keeps compare as text in the order of time.
pub(crate) fn seconds_ago(seconds: i64) -> String {
    let since = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let shifted = match u64::try_from(seconds) {
        Ok(back) => since.saturating_sub(std::time::Duration::from_secs(back)),
        Err(_) => since.saturating_add(std::time::Duration::from_secs(seconds.unsigned_abs())),
    };
    written(shifted)
}

/// The time `since` the epoch, written as RFC 3339 in UTC to the millisecond.
fn written(since: std::time::Duration) -> String {
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
