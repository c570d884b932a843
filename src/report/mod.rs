//! The validated report: what a YAML file means once every value has been checked.
//!
//! Values of these types are only made by [`crate::report::validate`], so code downstream never
//! checks them again.
//!
//! This folder is the first stage: YAML text → the parser's shapes ([`input`]) → [`validate`]
//! → these types, with the figures' images read and checked ([`figures`]) and the JSON
//! Schema of the format ([`schema`]); [`load`] is its door.

pub(crate) mod diff;
pub(crate) mod figures;
pub(crate) mod input;
pub(crate) mod load;
pub(crate) mod schema;
pub(crate) mod validate;

use std::fmt;

use serde::Serialize;

/// The report a new file starts from (`uppfoljning new`, the editor on a new file name).
pub(crate) const STARTER: &str = include_str!("../../templates/starter.yaml");

/// The starter's own words, which no report means to say: a text left as one of these is a
/// problem at its field, so a report cannot be filed with "Avtalets namn" for its contract.
/// (A test keeps each in the starter.)
pub const PLACEHOLDERS: &[&str] = &[
    "000-0000/2026",
    "Avtalets namn",
    "Leverantörens namn AB",
    "Förvaltningens namn",
    "Avdelningens namn",
    "Handläggarens namn",
    "Handläggarens telefonnummer",
    "Postadress, 100 00 Stockholm",
    "Skriv inledningen här. En tom rad i texten börjar ett nytt stycke.",
    "Ett stycke text.",
    "Ett citat skrivs utan citattecken; rapporten sätter ut ” ”.",
    "Ett citat med källa.",
    "En fråga eller ett delområde",
    "första punkten",
    "andra punkten",
];

/// A diary number, printed exactly as written (formats differ between offices and years).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dnr(String);

impl Dnr {
    /// Wraps a diary number already checked to be one non-empty line.
    pub(crate) fn new(value: String) -> Self {
        Self(value)
    }

    /// The diary number as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub struct Date {
    /// The year, 1000–9999.
    pub year: u16,
    /// The month, 1–12.
    pub month: u8,
    /// The day of the month, valid for that month.
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking that the day exists.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let (year, month, day) = split_ymd(text)?;
        let day = day?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Self { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A time the follow-up refers to: a whole month or a single day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Period {
    /// `YYYY-MM`.
    #[non_exhaustive]
    Month {
        /// The year.
        year: u16,
        /// The month, 1–12.
        month: u8,
    },
    /// `YYYY-MM-DD`.
    #[non_exhaustive]
    Day(Date),
}

impl Period {
    /// Parses `YYYY-MM` or `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Self> {
        match split_ymd(text)? {
            (year, month, None) => Some(Self::Month { year, month }),
            (_, _, Some(_)) => Date::parse_iso(text).map(Self::Day),
        }
    }

    /// The first day the period covers.
    pub fn first_day(&self) -> Date {
        match *self {
            Self::Month { year, month } => Date {
                year,
                month,
                day: 1,
            },
            Self::Day(date) => date,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            Self::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Self::Day(date) => date.fmt(f),
        }
    }
}

/// Splits `YYYY-MM` or `YYYY-MM-DD` into numbers, checking only the shape and the month.
fn split_ymd(text: &str) -> Option<(u16, u8, Option<u8>)> {
    let mut parts = text.split('-');
    let year = digits(parts.next()?, 4)?;
    let month = digits(parts.next()?, 2)?;
    let day = parts
        .next()
        .map(|d| digits(d, 2))
        .map_or(Some(None), |d| d.map(Some))?;
    if parts.next().is_some() || !(1000..=9999).contains(&year) || !(1..=12).contains(&month) {
        return None;
    }
    Some((year as u16, month as u8, day.map(|d| d as u8)))
}

/// Reads exactly `len` ASCII digits.
fn digits(text: &str, len: usize) -> Option<u32> {
    (text.len() == len && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The scoring scale, with `min < max`.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Scale {
    /// The lowest score.
    pub min: u8,
    /// The highest score.
    pub max: u8,
    /// What the ends of the scale mean.
    pub description: String,
}

/// A score known to lie on its scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Score(u8);

impl Score {
    /// Wraps a score already checked against the scale.
    pub(crate) fn new(value: u8) -> Self {
        Self(value)
    }

    /// The score as a number.
    pub fn get(self) -> u8 {
        self.0
    }
}

/// The language of the report's fixed words (labels, month names, number format).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Language {
    /// Swedish, the city's language.
    #[default]
    Swedish,
    /// English.
    English,
}

impl Language {
    /// Parses a language tag: `sv` or `en`.
    pub fn parse(tag: &str) -> Option<Self> {
        match tag {
            "sv" => Some(Self::Swedish),
            "en" => Some(Self::English),
            _ => None,
        }
    }
}

/// The whole report.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Report {
    /// The diary number.
    pub dnr: Dnr,
    /// The contract's name.
    pub contract: String,
    /// The supplier.
    pub supplier: String,
    /// The issuing förvaltning.
    pub organisation: String,
    /// The avdelning.
    pub unit: Option<String>,
    /// The handläggare.
    pub author: Option<String>,
    /// The handläggare's telephone number.
    pub phone: Option<String>,
    /// The board the report goes to.
    pub recipient: Option<String>,
    /// The report's date.
    pub date: Date,
    /// When the follow-up was performed.
    pub performed: Period,
    /// The last date the supplier's summary covers.
    pub supplier_summary_until: Option<Period>,
    /// Address lines for page 1's footer.
    pub contact: Vec<String>,
    /// The language of the fixed words.
    pub language: Language,
    /// The font family asked for, if not the default.
    pub font: Option<String>,
    /// The sections in reading order.
    pub sections: Vec<Section>,
    /// The assessment, if scores were collected.
    pub assessment: Option<Assessment>,
    /// When the next follow-up is planned.
    pub next: Option<Period>,
    /// Whether headings are numbered.
    pub numbered: bool,
    /// Whether a table of contents follows the facts.
    pub contents: bool,
    /// The proposed decision's points.
    pub proposal: Vec<String>,
    /// The findings and their actions.
    pub findings: Option<Findings>,
    /// Who signs the report.
    pub signatures: Vec<Signature>,
    /// The appendices' titles.
    pub appendices: Vec<String>,
    /// The figures' images, each once, in the order first shown.
    pub images: Vec<crate::report::figures::Image>,
}

/// The findings and the actions they require.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Findings {
    /// The heading, if not the default.
    pub heading: Option<String>,
    /// The findings, at least one.
    pub items: Vec<Finding>,
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// What was found, as paragraphs.
    pub paragraphs: Vec<String>,
    /// The requirement it concerns.
    pub requirement: Option<String>,
    /// The action required.
    pub action: Option<String>,
    /// Who is responsible.
    pub responsible: Option<String>,
    /// The deadline.
    #[serde(serialize_with = "display")]
    pub deadline: Option<Date>,
    /// The action's state.
    pub status: Option<Status>,
}

fn display<S: serde::Serializer, T: fmt::Display>(
    value: &Option<T>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => serializer.collect_str(value),
        None => serializer.serialize_none(),
    }
}

/// The state of a finding's action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Status {
    /// Not started.
    Open,
    /// Under way.
    Ongoing,
    /// Done.
    Done,
}

impl Status {
    /// Parses `open`, `ongoing` or `done`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "open" => Some(Self::Open),
            "ongoing" => Some(Self::Ongoing),
            "done" => Some(Self::Done),
            _ => None,
        }
    }
}

/// One signature.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Signature {
    /// The name.
    pub name: String,
    /// The title.
    pub title: Option<String>,
}

/// A table cell, checked.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Cell {
    /// Text as written.
    #[non_exhaustive]
    Text(String),
    /// A number, kept as its digits were written.
    #[non_exhaustive]
    Number(Number),
    /// Nothing.
    Empty,
}

/// A decimal number as its digits were written (`-1234.50`): never converted, so never rounded
/// or re-based, however long.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Number {
    negative: bool,
    whole: String,
    fraction: String,
}

impl Number {
    /// `written` in plain decimal digits: an optional `-`, the whole part without a leading
    /// zero (unless it is `0`), an optional `.` and fraction digits. Any other form is `None`.
    pub fn parse(written: &str) -> Option<Self> {
        let (negative, digits) = match written.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, written),
        };
        let (whole, fraction) = match digits.split_once('.') {
            Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
            Some(_) => return None,
            None => (digits, ""),
        };
        let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        let canonical = !whole.is_empty() && (whole == "0" || !whole.starts_with('0'));
        (canonical && plain(whole) && plain(fraction)).then(|| Self {
            negative,
            whole: whole.to_owned(),
            fraction: fraction.to_owned(),
        })
    }

    /// Whether a minus sign was written.
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The digits before the decimal point.
    pub fn whole(&self) -> &str {
        &self.whole
    }

    /// The digits after the decimal point; empty for a whole number.
    pub fn fraction(&self) -> &str {
        &self.fraction
    }
}

/// A section of running text.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Section {
    /// The heading; none for the introduction.
    pub heading: Option<String>,
    /// The blocks in reading order.
    pub blocks: Vec<Block>,
}

/// One block of running text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block {
    /// One paragraph, its line breaks already folded into spaces.
    #[non_exhaustive]
    Paragraph {
        /// The paragraph's text.
        text: String,
    },
    /// An interview quote.
    #[non_exhaustive]
    Quote {
        /// The quoted words.
        text: String,
        /// Who said it.
        source: Option<String>,
        /// Whether the report adds ” ”.
        marks: bool,
    },
    /// A sub-topic heading.
    #[non_exhaustive]
    Subheading {
        /// The heading's text.
        text: String,
    },
    /// A bulleted list.
    #[non_exhaustive]
    List {
        /// The items.
        items: Vec<String>,
    },
    /// A figure: an image of the report with its text alternative.
    #[non_exhaustive]
    Figure {
        /// Where the world serves the image: `/figures/0.png`.
        path: String,
        /// The text alternative.
        alt: String,
        /// The caption.
        caption: Option<String>,
    },
    /// A table; the template gets it through its view, with numbers in the report's format.
    #[serde(skip_serializing)]
    #[non_exhaustive]
    Table(Table),
}

/// A table of text and numbers.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Table {
    /// The caption.
    pub caption: Option<String>,
    /// The column headings.
    pub columns: Vec<String>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Cell>>,
    /// The total row, as long as `columns`.
    pub total: Option<Vec<Cell>>,
}

/// The assessment on the procurement's criteria.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Assessment {
    /// The heading.
    pub heading: Option<String>,
    /// Text before the criteria.
    pub blocks: Vec<Block>,
    /// The scale.
    pub scale: Scale,
    /// The criteria, each with at least one score.
    pub criteria: Vec<Criterion>,
}

/// One criterion and its scores.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Criterion {
    /// The criterion's name.
    pub name: String,
    /// One score per respondent; empty only when there is a comment.
    pub scores: Vec<Score>,
    /// A comment on the criterion.
    pub comment: Option<String>,
}

impl Criterion {
    /// The mean score, if there are scores.
    pub fn mean(&self) -> Option<f64> {
        let sum: u32 = self.scores.iter().map(|s| u32::from(s.get())).sum();
        (!self.scores.is_empty()).then(|| f64::from(sum) / self.scores.len() as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert_eq!(Date::parse_iso("2016-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse_iso("2015-02-29"), None);
        assert_eq!(Date::parse_iso("2016-13-01"), None);
        assert_eq!(Date::parse_iso("2016-3-01"), None);
        assert_eq!(Date::parse_iso("2016-03-01x"), None);
        assert_eq!(Date::parse_iso("2016-03"), None);
    }

    #[test]
    fn periods_are_months_or_days() {
        assert_eq!(
            Period::parse("2015-12"),
            Some(Period::Month {
                year: 2015,
                month: 12
            })
        );
        assert!(matches!(Period::parse("2015-12-31"), Some(Period::Day(_))));
        assert_eq!(Period::parse("2015-12-32"), None);
        assert_eq!(Period::parse("december 2015"), None);
        assert_eq!(
            Period::parse("2015-12").map(|p| p.to_string()).as_deref(),
            Some("2015-12")
        );
    }
}
