//! The JSON Schema of the YAML format, generated from the same types serde reads, so the two
//! cannot drift apart.

use crate::report::input::Document;

/// The schema as pretty JSON.
pub fn json() -> String {
    serde_json::to_string_pretty(&value()).expect("a schema serializes")
}

/// The schema as a JSON value (the browser editor builds its form from it).
pub(crate) fn value() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Document);
    schema.insert("title".into(), "uppfoljning: Uppföljning av avtal".into());
    schema.insert(
        "description".into(),
        "A contract follow-up report, rendered to PDF by `uppfoljning render`.".into(),
    );
    schema.to_value()
}
