//! The editor's page, script, style and words: files in `editor/`, inside the binary, so the
//! editor works offline and needs no build step of its own.

use serde_json::Value;

pub(crate) use crate::words::Lang;

const PAGE: &str = include_str!("../../editor/index.html");
/// The script: ES modules, one job each, loaded by the page from `js/` beside it.
const MODULES: &[(&str, &str)] = &[
    ("api.js", include_str!("../../editor/js/api.js")),
    ("blocks.js", include_str!("../../editor/js/blocks.js")),
    ("document.js", include_str!("../../editor/js/document.js")),
    ("dom.js", include_str!("../../editor/js/dom.js")),
    ("events.js", include_str!("../../editor/js/events.js")),
    ("fields.js", include_str!("../../editor/js/fields.js")),
    ("file.js", include_str!("../../editor/js/file.js")),
    ("form.js", include_str!("../../editor/js/form.js")),
    ("main.js", include_str!("../../editor/js/main.js")),
    ("notice.js", include_str!("../../editor/js/notice.js")),
    ("pages.js", include_str!("../../editor/js/pages.js")),
    ("problems.js", include_str!("../../editor/js/problems.js")),
    ("schema.js", include_str!("../../editor/js/schema.js")),
    ("state.js", include_str!("../../editor/js/state.js")),
    ("words.js", include_str!("../../editor/js/words.js")),
];
const STYLE: &str = include_str!("../../editor/editor.css");
const LABELS: &str = include_str!("../../editor/labels.json");

/// A static file by its path: its media type and bytes.
pub(crate) fn file(path: &str, lang: Lang) -> Option<(&'static str, Vec<u8>)> {
    let (kind, text) = match path {
        "/" => ("text/html; charset=utf-8", page(lang, None)),
        "/editor.css" => ("text/css; charset=utf-8", STYLE.to_owned()),
        _ => {
            let name = path.strip_prefix("/js/")?;
            let (_, text) = MODULES.iter().find(|(module, _)| *module == name)?;
            ("text/javascript; charset=utf-8", (*text).to_owned())
        }
    };
    Some((kind, text.into_bytes()))
}

/// The page as the service mounts it on a report: no secret to trade (the service's door
/// lets the officer in), and a way back to the report's page at `back`.
pub(crate) fn mounted_page(lang: Lang, back: &str, csrf: &str) -> Vec<u8> {
    page(lang, Some(back))
        .replace("{{csrf}}", &crate::base::xml::escape(csrf, true))
        .into_bytes()
}

/// The page in `lang`: its `lang` attribute and the words it shows before the script runs;
/// mounted, a link `back` and no session needed.
fn page(lang: Lang, back: Option<&str>) -> String {
    let words = labels(lang);
    let word = |key: &str| words[key].as_str().unwrap_or(key).to_owned();
    let mounted = back.is_some();
    let (session, back) = match back {
        None => ("required", String::new()),
        Some(href) => (
            "none",
            format!(
                "<a class=\"back\" href=\"{}\">{}</a>",
                crate::base::xml::escape(href, true),
                crate::base::xml::escape(&word("back_to_report"), false)
            ),
        ),
    };
    // The page's placeholders are replaced by our own fixed words, never by user text.
    let page = PAGE.replace("{{lang}}", lang.tag());
    // Only a mounted page carries a token (filled in by `mounted_page`).
    let page = match mounted {
        true => page,
        false => page.replace("{{csrf}}", ""),
    };
    page.replace("{{session}}", session)
        .replace("{{back}}", &back)
        .replace("{{title}}", &word("app_title"))
        .replace("{{loading}}", &word("loading"))
        .replace("{{forbidden}}", &word("not_connected"))
}

/// The editor's words in `lang`.
pub(crate) fn labels(lang: Lang) -> Value {
    let all: Value = serde_json::from_str(LABELS).expect("editor/labels.json is JSON");
    all[lang.tag()].clone()
}

/// The editor's words in `lang` as the service mounts it on a report of the workspace: a
/// report is kept as versions, not as a file on disk, so its words about changes by others
/// (`workspace` in `labels.json`) replace the file's.
pub(crate) fn mounted_labels(lang: Lang) -> Value {
    let all: Value = serde_json::from_str(LABELS).expect("editor/labels.json is JSON");
    let mut words = all[lang.tag()].clone();
    if let (Some(words), Some(instead)) = (
        words.as_object_mut(),
        all["workspace"][lang.tag()].as_object(),
    ) {
        for (key, word) in instead {
            words.insert(key.clone(), word.clone());
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_loads_the_main_module_and_every_import_is_served() {
        let (_, page) = file("/", Lang::Sv).expect("the page");
        let page = String::from_utf8(page).expect("UTF-8");
        // Relative: the editor works wherever it is mounted (`/`, or a report's own path).
        assert!(page.contains(r#"<script type="module" src="js/main.js"></script>"#));
        for (name, text) in MODULES {
            for line in text.lines().filter(|l| l.starts_with("import ")) {
                let module = line
                    .rsplit_once("from './")
                    .and_then(|(_, rest)| rest.strip_suffix("';"))
                    .unwrap_or_else(|| panic!("{name}: an import from a sibling module: {line}"));
                assert!(
                    file(&format!("/js/{module}"), Lang::Sv).is_some(),
                    "{name} imports {module}, which is not served"
                );
            }
        }
        assert!(file("/js/../index.html", Lang::Sv).is_none());
        assert!(file("/editor.js", Lang::Sv).is_none());
    }

    /// The modules a module imports.
    fn imports(text: &str) -> Vec<&str> {
        text.lines()
            .filter(|l| l.starts_with("import "))
            .filter_map(|l| l.rsplit_once("from './")?.1.strip_suffix("';"))
            .collect()
    }

    #[test]
    fn the_modules_import_one_another_in_one_direction_only() {
        // Depth-first from each module; a module met again on the path is a circle.
        fn walk<'a>(name: &'a str, path: &mut Vec<&'a str>) {
            if let Some(start) = path.iter().position(|seen| *seen == name) {
                panic!("a circle of imports: {}", path[start..].join(" → "));
            }
            let (_, text) = MODULES
                .iter()
                .find(|(module, _)| *module == name)
                .expect(name);
            path.push(name);
            for module in imports(text) {
                walk(module, path);
            }
            path.pop();
        }
        for (name, _) in MODULES {
            walk(name, &mut Vec::new());
        }
        // Every module is reached from the page's one.
        let mut reached = vec!["main.js"];
        let mut i = 0;
        while let Some(name) = reached.get(i).copied() {
            let (_, text) = MODULES
                .iter()
                .find(|(module, _)| *module == name)
                .expect(name);
            for module in imports(text) {
                if !reached.contains(&module) {
                    reached.push(module);
                }
            }
            i += 1;
        }
        assert_eq!(reached.len(), MODULES.len(), "{reached:?}");
    }

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
        // The workspace's words replace some of the file's, in both languages, and add none.
        assert_eq!(keys(&mounted_labels(Lang::Sv)), keys(&sv));
        assert_eq!(keys(&mounted_labels(Lang::En)), keys(&en));
        assert_ne!(
            mounted_labels(Lang::Sv)["save_conflict"],
            sv["save_conflict"]
        );
    }
}
