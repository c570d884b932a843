//! What changed between two versions of a report, in words an officer reads: the field named
//! as the form names it, a short value shown before and after ("Leverantör: IGO-R AB → IGO-R
//! Coaching AB"), a long text said to be changed ("Avsnitt 2 › Stycke 3: ändrat"), a
//! criterion's scores counted ("Bedömning › Trovärdighet: 4 svar → 5 svar").

use serde_json::Value;

use crate::words::{Lang, msg};

/// A value longer than this is said to be changed rather than shown.
const SHOWN: usize = 80;
/// At most this many changes are named; the rest are counted.
const MOST_NAMED: usize = 200;

/// The changes from `before` to `after` (two versions' YAML) in `lang`, in document order.
pub(crate) fn changes(before: &str, after: &str, lang: Lang) -> Vec<String> {
    let read = |text: &str| crate::edit::yaml::to_value(text).ok();
    let (Some(before), Some(after)) = (read(before), read(after)) else {
        return vec![msg!("change-whole").in_lang(lang)];
    };
    let labels = crate::edit::assets::labels(lang);
    let mut said = Vec::new();
    let mut walk = Walk {
        labels: &labels,
        lang,
        said: &mut said,
        roots: [&after, &before],
    };
    walk.value(&before, &after, &mut Vec::new());
    if said.len() > MOST_NAMED {
        let more = said.len() - MOST_NAMED;
        said.truncate(MOST_NAMED);
        said.push(msg!("change-more", count = more).in_lang(lang));
    }
    said
}

/// One step of a field's path: a key, or the position in a list (from 0).
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

struct Walk<'a> {
    labels: &'a Value,
    lang: Lang,
    said: &'a mut Vec<String>,
    /// The two versions, the newer first: where a field's items are looked up for their kind
    /// or name.
    roots: [&'a Value; 2],
}

impl Walk<'_> {
    fn value(&mut self, before: &Value, after: &Value, at: &mut Vec<Step>) {
        if before == after {
            return;
        }
        if let Some((criterion, counts)) = self.scores(before, after, at) {
            self.said.push(
                msg!(
                    "change-scores",
                    field = criterion,
                    before = counts.0,
                    after = counts.1
                )
                .in_lang(self.lang),
            );
            return;
        }
        match (before, after) {
            (Value::Object(a), Value::Object(b)) => {
                let keys = a.keys().chain(b.keys().filter(|key| !a.contains_key(*key)));
                for key in keys {
                    at.push(Step::Key(key.clone()));
                    match (a.get(key), b.get(key)) {
                        (Some(x), Some(y)) => self.value(x, y, at),
                        (None, Some(y)) => self.added(y, at),
                        (Some(x), None) => self.removed(x, at),
                        (None, None) => {}
                    }
                    at.pop();
                }
            }
            (Value::Array(a), Value::Array(b)) => {
                for i in 0..a.len().max(b.len()) {
                    at.push(Step::Index(i));
                    match (a.get(i), b.get(i)) {
                        (Some(x), Some(y)) => self.value(x, y, at),
                        (None, Some(y)) => self.added(y, at),
                        (Some(x), None) => self.removed(x, at),
                        (None, None) => {}
                    }
                    at.pop();
                }
            }
            (a, b) => {
                let field = self.field(at);
                let message = match (shown(a), shown(b)) {
                    (Some(a), Some(b)) => {
                        msg!("change-value", field = field, before = a, after = b)
                    }
                    _ => msg!("change-changed", field = field),
                };
                self.said.push(message.in_lang(self.lang));
            }
        }
    }

    fn added(&mut self, value: &Value, at: &[Step]) {
        let field = self.field(at);
        let message = match shown(value) {
            Some(text) => msg!("change-added-value", field = field, value = text),
            None => msg!("change-added", field = field),
        };
        self.said.push(message.in_lang(self.lang));
    }

    fn removed(&mut self, value: &Value, at: &[Step]) {
        let field = self.field(at);
        let message = match shown(value) {
            Some(text) => msg!("change-removed-value", field = field, value = text),
            None => msg!("change-removed", field = field),
        };
        self.said.push(message.in_lang(self.lang));
    }

    /// A criterion's scores that changed: its name and how many answers before and after.
    fn scores(
        &self,
        before: &Value,
        after: &Value,
        at: &[Step],
    ) -> Option<(String, (usize, usize))> {
        let [.., Step::Key(criteria), Step::Index(_), Step::Key(scores)] = at else {
            return None;
        };
        if criteria != "criteria" || scores != "scores" {
            return None;
        }
        let (Value::Array(a), Value::Array(b)) = (before, after) else {
            return None;
        };
        let criterion = &at[..at.len() - 1];
        Some((self.field(criterion), (a.len(), b.len())))
    }

    /// The field at `at` in the form's words: each key its label, each position its item's
    /// word and number (a block by its kind: "Stycke 3", a criterion by its name).
    fn field(&self, at: &[Step]) -> String {
        let label = |key: &str| -> String {
            self.labels
                .get(key)
                .and_then(Value::as_str)
                .map_or_else(|| key.to_owned(), str::to_owned)
        };
        let mut words: Vec<String> = Vec::new();
        for (n, step) in at.iter().enumerate() {
            let key = match n.checked_sub(1).map(|before| &at[before]) {
                Some(Step::Key(key)) => key.as_str(),
                _ => "",
            };
            match step {
                // A list's own name is said by its items ("Avsnitt 2"), not twice.
                Step::Key(key) if is_list(key) && n + 1 < at.len() => {}
                Step::Key(key) => words.push(label(&format!("field.{key}"))),
                Step::Index(i) => {
                    let item = self.at(&at[..=n]);
                    let named = item
                        .and_then(|value| value.get("name"))
                        .and_then(Value::as_str)
                        .filter(|name| key == "criteria" && !name.is_empty());
                    let word = match (named, key) {
                        (Some(name), _) => name.to_owned(),
                        (None, "body") => {
                            let kind = match item {
                                Some(Value::Object(block)) => {
                                    block.keys().next().map_or("paragraph", String::as_str)
                                }
                                _ => "paragraph",
                            };
                            format!("{} {}", label(&format!("block.{kind}")), i + 1)
                        }
                        (None, _) => {
                            format!("{} {}", capitalised(&label(&format!("item.{key}"))), i + 1)
                        }
                    };
                    words.push(word);
                }
            }
        }
        words.join(" › ")
    }

    /// The value at `at` in the newer version, or else in the older.
    fn at(&self, at: &[Step]) -> Option<&Value> {
        self.roots.iter().find_map(|root| {
            at.iter().try_fold(*root, |value, step| match step {
                Step::Key(key) => value.get(key),
                Step::Index(i) => value.get(i),
            })
        })
    }
}

/// Whether a key holds a list whose items are named by number.
fn is_list(key: &str) -> bool {
    matches!(
        key,
        "sections"
            | "body"
            | "criteria"
            | "items"
            | "contact"
            | "proposal"
            | "appendices"
            | "signatures"
            | "list"
            | "rows"
    )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A value short enough to show, as written; `None` for a long text, a list or a mapping.
fn shown(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::Null => String::new(),
        Value::Array(_) | Value::Object(_) => return None,
    };
    (text.chars().count() <= SHOWN && !text.contains('\n')).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../../samples/coachning-2015.yaml");

    #[test]
    fn changes_are_said_field_by_field_in_the_form_s_words() {
        let after = SAMPLE
            .replace("supplier: IGO-R AB", "supplier: IGO-R Coaching AB")
            .replace("scores: [5, 5, 4, 5, 5]", "scores: [5, 5, 4, 5, 5, 4]")
            .replace(
                "I december 2015 genomfördes uppföljningen",
                "I januari 2016 genomfördes uppföljningen",
            )
            .replace("performed: 2015-12", "performed: 2016-01");
        let said = changes(SAMPLE, &after, Lang::Sv);
        assert_eq!(
            said,
            [
                "Leverantör: IGO-R AB → IGO-R Coaching AB",
                "Uppföljningen › Genomförd: 2015-12 → 2016-01",
                "Avsnitt 1 › Stycke 1: ändrat",
                "Bedömning › Målgruppsanpassning: 5 svar → 6 svar",
            ]
        );
        let said = changes(SAMPLE, &after, Lang::En);
        assert_eq!(said[0], "Supplier: IGO-R AB → IGO-R Coaching AB");
        assert_eq!(
            said[3],
            "Assessment › Målgruppsanpassning: 5 answers → 6 answers"
        );
        assert!(changes(SAMPLE, SAMPLE, Lang::Sv).is_empty());
    }

    #[test]
    fn an_added_section_and_a_removed_value_are_named() {
        let after = SAMPLE.replace("author: Förnamn Efternamn\n", "").replace(
            "\nassessment:",
            "  - heading: Nytt avsnitt\n    body:\n      - Text.\n\nassessment:",
        );
        let said = changes(SAMPLE, &after, Lang::Sv);
        assert!(
            said.contains(&"Handläggare: borttaget (Förnamn Efternamn)".to_owned()),
            "{said:?}"
        );
        assert!(said.contains(&"Avsnitt 5: tillagt".to_owned()), "{said:?}");
        assert_eq!(
            changes("a: [", SAMPLE, Lang::Sv),
            ["hela rapporten ändrades (en version går inte att läsa som rapportens fält)"]
        );
    }
}
