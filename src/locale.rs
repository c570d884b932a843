//! Swedish words and typography: the labels the report prints, month names, decimal comma.

use serde::Serialize;

use crate::report::{Date, Language, Period, Report};

/// Every fixed word the report prints, in one language.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Labels {
    /// The language tag written into the PDF.
    pub lang: &'static str,
    /// The document type in the header.
    pub doc_type: &'static str,
    /// The start of the title, before the dnr.
    pub title: &'static str,
    /// `Sida` in `Sida 1 (3)`.
    pub page: &'static str,
    /// `Dnr` before the diary number.
    pub dnr: &'static str,
    /// Before the handläggare's name.
    pub author: &'static str,
    /// Before the telephone number.
    pub phone: &'static str,
    /// Before the recipient board.
    pub recipient: &'static str,
    /// Fact: the contract.
    pub fact_contract: &'static str,
    /// Fact: the supplier.
    pub fact_supplier: &'static str,
    /// Fact: when the follow-up was performed.
    pub fact_performed: &'static str,
    /// Fact: what the supplier's summary covers.
    pub fact_summary_until: &'static str,
    /// Fact: the report's date.
    pub fact_date: &'static str,
    /// The default heading of the assessment.
    pub assessment: &'static str,
    /// Before the scale in the scale line.
    pub scale: &'static str,
    /// Table header: the criterion.
    pub criterion: &'static str,
    /// Table header: the number of answers.
    pub answers: &'static str,
    /// Table header: the mean.
    pub mean: &'static str,
    /// Text alternative of the bar chart, before its values.
    pub chart: &'static str,
    /// Describes the attached source YAML, before the dnr.
    pub source: &'static str,
    /// `av` in `4,8 av 5`.
    pub of: &'static str,
    /// The month names, January first (used in Rust, not by the templates).
    #[serde(skip)]
    pub months: [&'static str; 12],
    /// The decimal separator (used in Rust, not by the templates).
    #[serde(skip)]
    pub decimal: char,
}

/// The city's language.
pub const SWEDISH: Labels = Labels {
    lang: "sv",
    doc_type: "Uppföljning",
    title: "Uppföljning av avtal",
    page: "Sida",
    dnr: "Dnr",
    author: "Handläggare",
    phone: "Telefon",
    recipient: "Till",
    fact_contract: "Avtal",
    fact_supplier: "Leverantör",
    fact_performed: "Uppföljningen genomförd",
    fact_summary_until: "Leverantörens sammanställning t.o.m.",
    fact_date: "Rapportdatum",
    assessment: "Bedömningsgrunder",
    scale: "Bedömningsskala",
    criterion: "Bedömningsgrund",
    answers: "Antal svar",
    mean: "Medelvärde",
    chart: "Medelvärde per bedömningsgrund",
    source: "Källfil (YAML) för uppföljningen med dnr",
    of: "av",
    months: [
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ],
    decimal: ',',
};

/// English, for reports that go abroad (`language: en`).
pub const ENGLISH: Labels = Labels {
    lang: "en",
    doc_type: "Follow-up",
    title: "Follow-up of contract",
    page: "Page",
    dnr: "Ref. no.",
    author: "Case officer",
    phone: "Telephone",
    recipient: "To",
    fact_contract: "Contract",
    fact_supplier: "Supplier",
    fact_performed: "Follow-up performed",
    fact_summary_until: "Supplier's summary up to",
    fact_date: "Report date",
    assessment: "Assessment criteria",
    scale: "Assessment scale",
    criterion: "Criterion",
    answers: "Answers",
    mean: "Mean",
    chart: "Mean per criterion",
    source: "Source file (YAML) of the follow-up with ref. no.",
    of: "of",
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    decimal: '.',
};

impl Labels {
    /// The words of `language`.
    pub fn of(language: Language) -> &'static Labels {
        match language {
            Language::Swedish => &SWEDISH,
            Language::English => &ENGLISH,
        }
    }

    /// A period in running text: `december 2015`, `1 december 2015` (no-break space after the day).
    pub fn period(&self, period: Period) -> String {
        match period {
            Period::Month { year, month } => format!("{} {year}", self.month(month)),
            Period::Day(date) => self.day(date),
        }
    }

    /// A date in running text: `1 december 2015`.
    pub fn day(&self, date: Date) -> String {
        format!("{}\u{a0}{} {}", date.day, self.month(date.month), date.year)
    }

    /// The title's two lines: `Uppföljning av avtal, dnr 125-1210/2014,` and the contract.
    pub fn title_lines(&self, report: &Report) -> [String; 2] {
        let dnr = report.dnr.as_str();
        let first = format!("{}, {} {dnr},", self.title, self.dnr.to_lowercase());
        [first, report.contract.clone()]
    }

    /// The title on one line, as in the PDF metadata and the records sidecar.
    pub fn title_line(&self, report: &Report) -> String {
        self.title_lines(report).join(" ")
    }

    /// A one-sentence description for the PDF metadata and the records sidecar.
    pub fn description(&self, report: &Report) -> String {
        format!(
            "{}: {} ({} {}). {}: {}. {}.",
            self.title,
            report.contract,
            self.dnr.to_lowercase(),
            report.dnr.as_str(),
            self.fact_supplier,
            report.supplier,
            report.organisation
        )
    }

    /// The keywords: the dnr, the document type, the supplier.
    pub fn keywords<'a>(&'a self, report: &'a Report) -> Vec<&'a str> {
        vec![report.dnr.as_str(), self.doc_type, &report.supplier]
    }

    fn month(&self, month: u8) -> &'static str {
        self.months[usize::from(month - 1)]
    }

    /// A number with one decimal, half rounded up, and the language's decimal separator: `4,6`.
    pub fn one_decimal(&self, value: f64) -> String {
        // `{:.1}` alone rounds half to even (4,25 → 4,2); reports round half up.
        let rounded = (value * 10.0).round() / 10.0;
        format!("{rounded:.1}").replace('.', &self.decimal.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_dates_are_lowercase_with_a_no_break_space() {
        assert_eq!(
            SWEDISH.period(Period::Month {
                year: 2015,
                month: 12
            }),
            "december 2015"
        );
        let day = Date {
            year: 2016,
            month: 3,
            day: 1,
        };
        assert_eq!(SWEDISH.period(Period::Day(day)), "1\u{a0}mars 2016");
    }

    #[test]
    fn english_has_its_own_months_and_decimal_point() {
        assert_eq!(
            ENGLISH.period(Period::Month {
                year: 2015,
                month: 12
            }),
            "December 2015"
        );
        assert_eq!(ENGLISH.one_decimal(4.25), "4.3");
    }

    #[test]
    fn decimal_comma_rounds_to_one_place() {
        assert_eq!(SWEDISH.one_decimal(4.6), "4,6");
        assert_eq!(SWEDISH.one_decimal(4.25), "4,3");
        assert_eq!(SWEDISH.one_decimal(4.75), "4,8");
        assert_eq!(SWEDISH.one_decimal(5.0), "5,0");
    }
}
