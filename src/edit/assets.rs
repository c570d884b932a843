//! The editor's page, script, style and words: files in `editor/`, inside the binary, so the
//! editor works offline and needs no build step of its own.

use serde_json::Value;

/// The language of the editor's own words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Lang {
    /// Svenska.
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// The language's code, as in HTML's `lang`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Self::Sv => "sv",
            Self::En => "en",
        }
    }
}

const PAGE: &str = include_str!("../../editor/index.html");
const SCRIPT: &str = include_str!("../../editor/editor.js");
const STYLE: &str = include_str!("../../editor/editor.css");
const LABELS: &str = include_str!("../../editor/labels.json");

/// A static file by its path: its media type and bytes.
pub(crate) fn file(path: &str, lang: Lang) -> Option<(&'static str, Vec<u8>)> {
    let (kind, text) = match path {
        "/" => ("text/html; charset=utf-8", page(lang)),
        "/editor.js" => ("text/javascript; charset=utf-8", SCRIPT.to_owned()),
        "/editor.css" => ("text/css; charset=utf-8", STYLE.to_owned()),
        _ => return None,
    };
    Some((kind, text.into_bytes()))
}

/// The page in `lang`: its `lang` attribute and the words it shows before the script runs.
fn page(lang: Lang) -> String {
    let words = labels(lang);
    let word = |key: &str| words[key].as_str().unwrap_or(key).to_owned();
    // The page's placeholders are replaced by our own fixed words, never by user text.
    PAGE.replace("{{lang}}", lang.code())
        .replace("{{title}}", &word("app_title"))
        .replace("{{loading}}", &word("loading"))
}

/// The editor's words in `lang`.
pub(crate) fn labels(lang: Lang) -> Value {
    let all: Value = serde_json::from_str(LABELS).expect("editor/labels.json is JSON");
    all[lang.code()].clone()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_word() {
        let (sv, en) = (labels(Lang::Sv), labels(Lang::En));
        let keys = |v: &Value| {
            let mut keys: Vec<String> = v.as_object().expect("an object").keys().cloned().collect();
            keys.sort();
            keys
        };
        assert_eq!(keys(&sv), keys(&en));
        assert!(keys(&sv).len() > 50);
    }
}
