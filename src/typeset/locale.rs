//! Swedish words and typography: the labels the report prints, month names, decimal comma.

use serde::Serialize;

use crate::report::{Cell, Date, Language, Period, Report, Status};

/// Every fixed word the report prints, in one language.
#[derive(Debug, Clone, Copy, Serialize)]
pub(crate) struct Labels {
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
    /// Fact: when the next follow-up is planned.
    pub fact_next: &'static str,
    /// The heading of the table of contents.
    pub contents: &'static str,
    /// The heading of the proposed decision.
    pub proposal: &'static str,
    /// The default heading of the findings.
    pub findings: &'static str,
    /// Before a finding's number.
    pub finding: &'static str,
    /// A finding's requirement.
    pub requirement: &'static str,
    /// A finding's action.
    pub action: &'static str,
    /// Who is responsible for the action.
    pub responsible: &'static str,
    /// The action's deadline.
    pub deadline: &'static str,
    /// The action's state.
    pub status: &'static str,
    /// Status: not started.
    pub status_open: &'static str,
    /// Status: under way.
    pub status_ongoing: &'static str,
    /// Status: done.
    pub status_done: &'static str,
    /// Table header: the finding's number.
    pub number: &'static str,
    /// The heading of the appendices.
    pub appendices: &'static str,
    /// Before an appendix's number.
    pub appendix: &'static str,
    /// The month names, January first (used in Rust, not by the templates).
    #[serde(skip)]
    pub months: [&'static str; 12],
    /// The decimal separator (used in Rust, not by the templates).
    #[serde(skip)]
    pub decimal: char,
    /// The thousands separator (used in Rust, not by the templates).
    #[serde(skip)]
    pub thousands: char,
    /// The minus sign (used in Rust, not by the templates).
    #[serde(skip)]
    pub minus: &'static str,
}

/// The city's language.
pub(crate) const SWEDISH: Labels = Labels {
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
    fact_next: "Nästa uppföljning",
    contents: "Innehåll",
    proposal: "Förslag till beslut",
    findings: "Iakttagelser och åtgärder",
    finding: "Iakttagelse",
    requirement: "Krav",
    action: "Åtgärd",
    responsible: "Ansvarig",
    deadline: "Senast",
    status: "Status",
    status_open: "Öppen",
    status_ongoing: "Pågår",
    status_done: "Åtgärdad",
    number: "Nr",
    appendices: "Bilagor",
    appendix: "Bilaga",
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
    thousands: '\u{a0}',
    minus: "\u{2212}",
};

/// English, for reports that go abroad (`language: en`).
pub(crate) const ENGLISH: Labels = Labels {
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
    fact_next: "Next follow-up",
    contents: "Contents",
    proposal: "Proposed decision",
    findings: "Findings and actions",
    finding: "Finding",
    requirement: "Requirement",
    action: "Action",
    responsible: "Responsible",
    deadline: "Deadline",
    status: "Status",
    status_open: "Open",
    status_ongoing: "Ongoing",
    status_done: "Done",
    number: "No.",
    appendices: "Appendices",
    appendix: "Appendix",
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
    thousands: ',',
    minus: "-",
};

impl Labels {
    /// The words of `language`.
    pub(crate) fn of(language: Language) -> &'static Labels {
        match language {
            Language::Swedish => &SWEDISH,
            Language::English => &ENGLISH,
        }
    }

    /// A period in running text: `december 2015`, `1 december 2015` (no-break space after the day).
    pub(crate) fn period(&self, period: Period) -> String {
        match period {
            Period::Month { year, month } => format!("{} {year}", self.month(month)),
            Period::Day(date) => self.day(date),
        }
    }

    /// A date in running text: `1 december 2015`.
    pub(crate) fn day(&self, date: Date) -> String {
        format!("{}\u{a0}{} {}", date.day, self.month(date.month), date.year)
    }

    /// The title's two lines: `Uppföljning av avtal, dnr 125-1210/2014,` and the contract.
    pub(crate) fn title_lines(&self, report: &Report) -> [String; 2] {
        let dnr = report.dnr.as_str();
        let first = format!("{}, {} {dnr},", self.title, self.dnr.to_lowercase());
        [first, report.contract.clone()]
    }

    /// The title on one line, as in the PDF metadata and the records sidecar.
    pub(crate) fn title_line(&self, report: &Report) -> String {
        self.title_lines(report).join(" ")
    }

    /// A one-sentence description for the PDF metadata and the records sidecar.
    pub(crate) fn description(&self, report: &Report) -> String {
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
    pub(crate) fn keywords<'a>(&'a self, report: &'a Report) -> Vec<&'a str> {
        vec![report.dnr.as_str(), self.doc_type, &report.supplier]
    }

    /// A table number in the language's form: `155 500,75` (no-break space), `155,500.75`.
    pub(crate) fn number(&self, cell: &Cell) -> Option<String> {
        let Cell::Number(number) = cell else {
            return None;
        };
        let (whole, fraction) = (number.whole(), number.fraction());
        let mut out = String::new();
        if number.is_negative() {
            out.push_str(self.minus);
        }
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                out.push(self.thousands);
            }
            out.push(digit);
        }
        if !fraction.is_empty() {
            out.push(self.decimal);
            out.push_str(fraction);
        }
        Some(out)
    }

    /// The printed name of a finding's status.
    pub(crate) fn status_name(&self, status: Status) -> &'static str {
        match status {
            Status::Open => self.status_open,
            Status::Ongoing => self.status_ongoing,
            Status::Done => self.status_done,
        }
    }

    fn month(&self, month: u8) -> &'static str {
        self.months[usize::from(month - 1)]
    }

    /// A number with one decimal, half rounded up, and the language's decimal separator: `4,6`.
    pub(crate) fn one_decimal(&self, value: f64) -> String {
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

    fn number(written: &str) -> Cell {
        Cell::Number(crate::report::Number::parse(written).expect("plain digits"))
    }

    #[test]
    fn table_numbers_are_grouped_in_the_language_s_form() {
        let sv = |cell| SWEDISH.number(&cell).expect("a number");
        assert_eq!(sv(number("155500.75")), "155\u{a0}500,75");
        assert_eq!(sv(number("86.5")), "86,5");
        assert_eq!(sv(number("86.50")), "86,50", "a written zero is kept");
        assert_eq!(sv(number("124500")), "124\u{a0}500");
        assert_eq!(sv(number("-1234567")), "\u{2212}1\u{a0}234\u{a0}567");
        assert_eq!(sv(number("999")), "999");
        assert_eq!(
            sv(number("123456789012345678901234567890")),
            "123\u{a0}456\u{a0}789\u{a0}012\u{a0}345\u{a0}678\u{a0}901\u{a0}234\u{a0}567\u{a0}890",
            "never rounded"
        );
        assert_eq!(
            ENGLISH.number(&number("155500.75")).as_deref(),
            Some("155,500.75")
        );
        assert_eq!(SWEDISH.number(&Cell::Text("12".into())), None);
    }

    #[test]
    fn decimal_comma_rounds_to_one_place() {
        assert_eq!(SWEDISH.one_decimal(4.6), "4,6");
        assert_eq!(SWEDISH.one_decimal(4.25), "4,3");
        assert_eq!(SWEDISH.one_decimal(4.75), "4,8");
        assert_eq!(SWEDISH.one_decimal(5.0), "5,0");
    }
}
