//! Swedish words and typography: the labels the report prints, month names, decimal comma.

use serde::Serialize;

use crate::report::{Date, Period};

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

impl Labels {
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
    fn decimal_comma_rounds_to_one_place() {
        assert_eq!(SWEDISH.one_decimal(4.6), "4,6");
        assert_eq!(SWEDISH.one_decimal(4.25), "4,3");
        assert_eq!(SWEDISH.one_decimal(4.75), "4,8");
        assert_eq!(SWEDISH.one_decimal(5.0), "5,0");
    }
}
