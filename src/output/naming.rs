//! The names of output files: made from a dnr, safe on every file system the city uses, and
//! compared as those file systems compare them.

use std::path::{Path, PathBuf};

/// A file-name stem from a dnr: characters unsafe in file names become `-` (`125-1210/2014` →
/// `125-1210-2014`).
pub(crate) fn file_stem_from_dnr(dnr: &str) -> String {
    let stem: String = dnr
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    // Windows drops trailing dots, and a leading one hides the file elsewhere.
    let stem = stem.trim_start_matches('.').trim_end_matches('.');
    if stem.is_empty() {
        return "report".to_owned();
    }
    not_reserved(stem)
}

/// `stem`, with `_` after a first part that Windows reserves for a device (`CON`, `nul.txt`,
/// `COM1`): such a file cannot be made or opened there.
fn not_reserved(stem: &str) -> String {
    const DEVICES: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];
    let (first, rest) = stem.split_at(stem.find('.').unwrap_or(stem.len()));
    let upper = first.to_ascii_uppercase();
    let numbered = ["COM", "LPT"].iter().any(|prefix| {
        upper.strip_prefix(prefix).is_some_and(|n| {
            n.len() == 1 && n.chars().all(|c| c.is_ascii_digit() || "¹²³".contains(c))
        })
    });
    match DEVICES.contains(&upper.as_str()) || numbered {
        true => format!("{first}_{rest}"),
        false => stem.to_owned(),
    }
}

/// The name two outputs collide under on a file system that ignores case (Windows, macOS) or
/// Unicode normalisation (macOS): `Å.pdf`, `å.pdf` and `a\u{30a}.pdf` are one file there.
pub(crate) fn collision_key(path: &Path) -> PathBuf {
    use unicode_normalization::UnicodeNormalization;
    let text = path.to_string_lossy();
    let folded: String = text.nfc().flat_map(char::to_lowercase).collect();
    PathBuf::from(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dnr_file_names_are_safe() {
        assert_eq!(file_stem_from_dnr("125-1210/2014"), "125-1210-2014");
        assert_eq!(file_stem_from_dnr("3.1.3-81/2017"), "3.1.3-81-2017");
        assert_eq!(file_stem_from_dnr("../../etc/passwd"), "-..-etc-passwd");
        assert_eq!(file_stem_from_dnr("a\\b:c*d"), "a-b-c-d");
        assert_eq!(file_stem_from_dnr("..."), "report");
        assert_eq!(file_stem_from_dnr("CON"), "CON_");
        assert_eq!(file_stem_from_dnr("nul.txt"), "nul_.txt");
        assert_eq!(file_stem_from_dnr("com1"), "com1_");
        assert_eq!(file_stem_from_dnr("COM10"), "COM10", "only COM1–COM9");
        assert_eq!(file_stem_from_dnr("CONTRACT"), "CONTRACT");
        assert_eq!(file_stem_from_dnr("KS 2016/1."), "KS-2016-1");
    }
}
