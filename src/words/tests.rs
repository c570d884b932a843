//! The catalogue is complete: both languages parse, have the same keys, every key is used by
//! the code and every key the code names is in the catalogue.

use std::collections::BTreeSet;
use std::path::Path;

use super::*;

/// Every Rust source under `src/` and every page template under `pages/`, as text.
fn sources() -> Vec<String> {
    let mut texts = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // The pages' templates name their words by key too.
    let mut folders = vec![root.join("src"), root.join("pages")];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).expect("src is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "rs" || e == "html") {
                texts.push(std::fs::read_to_string(&path).expect("a source"));
            }
        }
    }
    texts
}

#[test]
fn both_languages_parse_and_have_the_same_keys_in_the_same_order() {
    for lang in Lang::ALL {
        let errors = parse_errors(lang);
        assert!(
            errors.is_empty(),
            "locales/{}/uppfoljning.ftl: {errors:?}",
            lang.tag()
        );
    }
    assert_eq!(keys(Lang::En), keys(Lang::Sv));
}

#[test]
fn every_key_is_used_and_every_key_used_is_there() {
    let code = sources().join("\n");
    let known: BTreeSet<String> = keys(Lang::En).into_iter().collect();
    let unused: Vec<&String> = known
        .iter()
        .filter(|key| !code.contains(&format!("\"{key}\"")))
        .collect();
    assert!(unused.is_empty(), "keys no code names: {unused:?}");
    let named: BTreeSet<String> = code
        .split("msg!(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next().map(str::to_owned))
        .collect();
    let missing: Vec<&String> = named.difference(&known).collect();
    assert!(
        missing.is_empty(),
        "keys the code names that the catalogue lacks: {missing:?}"
    );
}

#[test]
fn arguments_are_shown_as_given_and_counts_choose_the_plural() {
    let one = msg!("kind-cell-count", cells = 1usize, columns = 2usize);
    assert_eq!(
        one.in_lang(Lang::En),
        "the row has 1 cell, but the table has 2 columns"
    );
    assert_eq!(
        one.in_lang(Lang::Sv),
        "raden har 1 cell, men tabellen har 2 kolumner"
    );
    let date = msg!("kind-not-a-date", value = "\"2016-02-30\"");
    assert_eq!(
        date.in_lang(Lang::Sv),
        "\"2016-02-30\" är inget datum som finns"
    );
}

#[test]
fn the_language_is_read_from_the_locale_and_from_accept_language() {
    assert_eq!(Lang::of_locale("sv_SE.UTF-8"), Some(Lang::Sv));
    assert_eq!(Lang::of_locale("C.UTF-8"), None);
    assert_eq!(Lang::from_accept("sv-SE,sv;q=0.9,en;q=0.8"), Lang::Sv);
    assert_eq!(Lang::from_accept("de, en;q=0.5, sv;q=0.7"), Lang::Sv);
    assert_eq!(Lang::from_accept("fr"), Lang::En);
    assert_eq!(Lang::from_accept("sv;q=0"), Lang::En);
}
