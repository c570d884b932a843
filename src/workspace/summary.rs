//! What the list shows of a report, read from its YAML as written: a report with problems is
//! saved all the same, so the summary takes what it can read and leaves the rest empty.

use serde_json::Value;

/// The most characters of one field the summary keeps (the YAML keeps all of it).
const MOST_CHARACTERS: usize = 500;

/// The summary's fields, each as written in the YAML (empty when it is not there, or not text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Fields {
    /// `dnr`.
    pub dnr: String,
    /// `contract`.
    pub contract: String,
    /// `supplier`.
    pub supplier: String,
    /// `organisation`.
    pub organisation: String,
    /// `author` (the handläggare).
    pub author: String,
    /// `date`.
    pub date: String,
    /// `follow_up.next`.
    pub next: String,
}

impl Fields {
    /// The fields of the YAML `text`, as far as it reads.
    pub(crate) fn of(text: &str) -> Self {
        let Ok(document) = crate::edit::yaml::to_value(text) else {
            return Self::default();
        };
        let field = |value: Option<&Value>| match value {
            Some(Value::String(text)) => text.chars().take(MOST_CHARACTERS).collect(),
            Some(Value::Number(number)) => number.to_string(),
            _ => String::new(),
        };
        Self {
            dnr: field(document.get("dnr")),
            contract: field(document.get("contract")),
            supplier: field(document.get("supplier")),
            organisation: field(document.get("organisation")),
            author: field(document.get("author")),
            date: field(document.get("date")),
            next: field(document.pointer("/follow_up/next")),
        }
    }

    /// What a search looks in: the words of the summary, in lower case.
    pub(crate) fn search(&self) -> String {
        [
            &self.dnr,
            &self.contract,
            &self.supplier,
            &self.organisation,
            &self.author,
        ]
        .iter()
        .map(|text| text.to_lowercase())
        .collect::<Vec<_>>()
        .join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_is_read_as_written_even_from_a_report_with_problems() {
        let fields = Fields::of(
            "dnr: 125-1210/2014\ncontract: Städ\nsupplier: Åkeri AB\ndate: 2016-02-30\n\
             follow_up: {next: 2017-03}\n",
        );
        assert_eq!(fields.dnr, "125-1210/2014");
        assert_eq!(fields.date, "2016-02-30", "as written, not as a date");
        assert_eq!(fields.next, "2017-03");
        assert_eq!(fields.organisation, "");
        assert!(fields.search().contains("åkeri ab"));
        assert_eq!(Fields::of(": not yaml ["), Fields::default());
    }
}
