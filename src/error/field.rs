//! Where a value is in a report: its key path as the user wrote the keys
//! (`sections[0].body[2].quote.source`), built a step at a time, never by formatting text.

use std::fmt;

/// A key path into the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldPath(String);

impl FieldPath {
    /// The top-level key `key`.
    pub fn root(key: &str) -> Self {
        Self(key.to_owned())
    }

    /// The key `key` inside this value.
    pub fn key(&self, key: &str) -> Self {
        match self.0.is_empty() {
            true => Self::root(key),
            false => Self(format!("{}.{key}", self.0)),
        }
    }

    /// The item at `index` of this list.
    pub fn index(&self, index: usize) -> Self {
        Self(format!("{}[{index}]", self.0))
    }

    /// The path as shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_reads_as_the_keys_were_written() {
        let path = FieldPath::root("sections")
            .index(0)
            .key("body")
            .index(2)
            .key("quote");
        assert_eq!(path.as_str(), "sections[0].body[2].quote");
        assert_eq!(FieldPath::default().key("dnr").to_string(), "dnr");
    }
}
