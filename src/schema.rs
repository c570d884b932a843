//! The JSON Schema of the YAML format, generated from the same types serde reads, so the two
//! cannot drift apart.

use crate::input::Document;

/// The schema as pretty JSON.
pub fn json() -> String {
    let mut schema = schemars::schema_for!(Document);
    schema.insert("title".into(), "uppfoljning: Uppföljning av avtal".into());
    schema.insert(
        "description".into(),
        "A contract follow-up report, rendered to PDF by `uppfoljning render`.".into(),
    );
    serde_json::to_string_pretty(&schema).expect("a schema serializes")
}
