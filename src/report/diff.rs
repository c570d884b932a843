//! Where two versions of a report differ, named by the fields a person reads in diagnostics
//! (`supplier`, `sections[2].body[0].quote`): for `verify`, and for a history of versions.

use serde_json::Value;

/// At most this many fields are named; the rest are counted.
const MOST_NAMED: usize = 12;

/// The fields that differ between `before` and `after` (the form's JSON of two YAML files),
/// deepest first where a value changed inside a list or mapping, in document order; at most
/// [`MOST_NAMED`] and how many more.
pub(crate) fn changed_fields(before: &Value, after: &Value) -> (Vec<String>, usize) {
    let mut found = Vec::new();
    walk(before, after, String::new(), &mut found);
    let more = found.len().saturating_sub(MOST_NAMED);
    found.truncate(MOST_NAMED);
    (found, more)
}

fn walk(before: &Value, after: &Value, at: String, found: &mut Vec<String>) {
    match (before, after) {
        (Value::Object(a), Value::Object(b)) => {
            let keys = a.keys().chain(b.keys().filter(|key| !a.contains_key(*key)));
            for key in keys {
                let path = match at.is_empty() {
                    true => key.clone(),
                    false => format!("{at}.{key}"),
                };
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => walk(x, y, path, found),
                    _ => found.push(path),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for i in 0..a.len().max(b.len()) {
                let path = format!("{at}[{i}]");
                match (a.get(i), b.get(i)) {
                    (Some(x), Some(y)) => walk(x, y, path, found),
                    _ => found.push(path),
                }
            }
        }
        (a, b) if a != b => found.push(if at.is_empty() {
            "the whole report".into()
        } else {
            at
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn changes_are_named_by_their_fields() {
        let before =
            json!({"dnr": "1", "supplier": "A", "sections": [{"body": ["x", {"quote": "q"}]}]});
        let after = json!({"dnr": "1", "supplier": "B", "sections": [{"body": ["x", {"quote": "r"}, "y"]}], "unit": "U"});
        assert_eq!(
            changed_fields(&before, &after),
            (
                vec![
                    "supplier".to_owned(),
                    "sections[0].body[1].quote".to_owned(),
                    "sections[0].body[2]".to_owned(),
                    "unit".to_owned(),
                ],
                0
            )
        );
        assert_eq!(changed_fields(&before, &before), (vec![], 0));
    }

    #[test]
    fn many_changes_are_counted_past_the_first_named() {
        let before = json!({"list": (0..30).collect::<Vec<_>>()});
        let after = json!({"list": (1..31).collect::<Vec<_>>()});
        let (named, more) = changed_fields(&before, &after);
        assert_eq!(named.len(), MOST_NAMED);
        assert_eq!(more, 30 - MOST_NAMED);
    }
}
