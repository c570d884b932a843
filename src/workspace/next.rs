//! The next follow-up of a contract, started from the last one: what the officer would copy by
//! hand carries over (the case, the parties, the address lines, the criteria and their scale,
//! every finding not yet done with its action, responsible and deadline), and what belongs to
//! the new follow-up starts as the starter report has it (the dates, the text with its quotes,
//! the proposal), the scores empty. The starter's placeholders are problems until written over,
//! so `check` names each thing still to write.

use serde_json::{Map, Value, json};

/// The fields that carry over as they were written.
const CARRIED: &[&str] = &[
    "dnr",
    "contract",
    "supplier",
    "organisation",
    "unit",
    "author",
    "phone",
    "recipient",
    "contact",
    "language",
    "font",
    "numbered",
    "contents",
];

/// The YAML of the follow-up after the one written in `earlier`, or `None` if `earlier` is not
/// a report's mapping.
pub(crate) fn next_follow_up(earlier: &str) -> Option<String> {
    let earlier = crate::edit::yaml::to_value(earlier).ok()?;
    let earlier = earlier.as_object()?;
    let Ok(Value::Object(mut next)) = crate::edit::yaml::to_value(crate::report::STARTER) else {
        return None;
    };
    for key in CARRIED {
        match earlier.get(*key) {
            Some(value) => {
                next.insert((*key).to_owned(), value.clone());
            }
            None => {
                next.remove(*key);
            }
        }
    }
    match earlier.get("assessment").and_then(assessment) {
        Some(carried) => {
            next.insert("assessment".into(), carried);
        }
        None => {
            next.remove("assessment");
        }
    }
    if let Some(findings) = earlier.get("findings").and_then(open_findings) {
        next.insert("findings".into(), findings);
    }
    crate::edit::yaml::to_yaml(&Value::Object(next)).ok()
}

/// The assessment's scale and criteria, each criterion's scores emptied.
fn assessment(earlier: &Value) -> Option<Value> {
    let mut carried = Map::new();
    for key in ["heading", "scale"] {
        if let Some(value) = earlier.get(key) {
            carried.insert(key.into(), value.clone());
        }
    }
    let criteria: Vec<Value> = earlier
        .get("criteria")?
        .as_array()?
        .iter()
        .filter_map(|criterion| criterion.get("name"))
        .map(|name| json!({ "name": name, "scores": [] }))
        .collect();
    carried.insert("criteria".into(), Value::Array(criteria));
    Some(Value::Object(carried))
}

/// The findings not done, as they were written, to follow up; `None` when all are done.
fn open_findings(earlier: &Value) -> Option<Value> {
    let open: Vec<Value> = earlier
        .get("items")?
        .as_array()?
        .iter()
        .filter(|item| item.get("status").and_then(Value::as_str) != Some("done"))
        .cloned()
        .collect();
    if open.is_empty() {
        return None;
    }
    let mut findings = Map::new();
    if let Some(heading) = earlier.get("heading") {
        findings.insert("heading".into(), heading.clone());
    }
    findings.insert("items".into(), Value::Array(open));
    Some(Value::Object(findings))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &str = include_str!("../../samples/verksamhetsuppfoljning.yaml");

    #[test]
    fn the_case_and_the_open_findings_carry_over_and_the_rest_starts_anew() {
        let next = next_follow_up(LONG).expect("a next follow-up");
        let value = crate::edit::yaml::to_value(&next).expect("YAML");
        let earlier = crate::edit::yaml::to_value(LONG).expect("YAML");
        for key in [
            "dnr",
            "contract",
            "supplier",
            "organisation",
            "recipient",
            "contact",
        ] {
            assert_eq!(value[key], earlier[key], "{key}");
        }
        let statuses: Vec<&str> = value["findings"]["items"]
            .as_array()
            .expect("findings")
            .iter()
            .map(|item| item["status"].as_str().unwrap_or("open"))
            .collect();
        assert!(!statuses.contains(&"done"), "{statuses:?}");
        assert_eq!(statuses.len(), 3, "{next}");
        assert_eq!(
            value["findings"]["items"][0]["action"],
            earlier["findings"]["items"][0]["action"]
        );
        let criteria = value["assessment"]["criteria"]
            .as_array()
            .expect("criteria");
        assert!(!criteria.is_empty());
        assert!(criteria.iter().all(|c| c["scores"] == json!([])));
        assert_eq!(value["assessment"]["scale"], earlier["assessment"]["scale"]);
        // The dates and the text are the starter's, to be written: check names them.
        assert_ne!(value["date"], earlier["date"]);
        assert!(!next.contains(earlier["sections"][0]["body"][0].as_str().unwrap_or("x")));
        let problems = crate::report::load::parse_report(&next, std::path::Path::new("n.yaml"))
            .expect_err("placeholders to write over")
            .diagnostics();
        assert!(problems.len() >= 3, "{problems:?}");
    }
}
