//! Turns the YAML as written into a [`Report`], collecting every problem with its place.

use serde_saphyr::Location;

use crate::error::{Problem, ProblemKind};
use crate::fonts;
use crate::input::{self, Located, Text};
use crate::report::{
    Assessment, Block, Criterion, Date, Dnr, Language, Period, Report, Scale, Score, Section,
};

/// The most characters one text may have: a long chapter, far beyond any real paragraph.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// The most blocks a report may have in all: thousands of quotes, a report of hundreds of pages.
pub const MAX_BLOCKS: usize = 20_000;
/// The most scores one criterion may have.
pub const MAX_SCORES: usize = 10_000;

/// Checks every value of `doc`; returns the report, or all problems in document order.
pub fn validate(doc: input::Document) -> Result<Report, Vec<Problem>> {
    let mut v = Validator::default();
    let dnr = v.line(&doc.dnr, "dnr").map(Dnr::new);
    let contract = v.line(&doc.contract, "contract");
    let supplier = v.line(&doc.supplier, "supplier");
    let organisation = v.line(&doc.organisation, "organisation");
    let unit = v.optional_line(doc.unit.as_ref(), "unit");
    let author = v.optional_line(doc.author.as_ref(), "author");
    let phone = v.optional_line(doc.phone.as_ref(), "phone");
    let recipient = v.optional_line(doc.recipient.as_ref(), "recipient");
    let date = v.date(&doc.date, "date");
    let performed = v.period(&doc.follow_up.performed, "follow_up.performed", date);
    let summary = doc.follow_up.supplier_summary_until.as_ref();
    let supplier_summary_until =
        summary.map(|s| v.period(s, "follow_up.supplier_summary_until", date));
    let contact = lines(&mut v, &doc.contact, "contact");
    let language = doc
        .language
        .as_ref()
        .map_or(Some(Language::default()), |l| v.language(l));
    let font = v.optional_line(doc.font.as_ref(), "font");
    let sections = v.sections(&doc.sections);
    let assessment = doc.assessment.as_ref().map(|a| v.assessment(a));

    if !v.problems.is_empty() {
        return Err(v.problems);
    }
    // Every value was checked above, so none of these is `None` once there are no problems.
    let (
        Some(dnr),
        Some(contract),
        Some(supplier),
        Some(organisation),
        Some(date),
        Some(performed),
        Some(language),
    ) = (
        dnr,
        contract,
        supplier,
        organisation,
        date,
        performed,
        language,
    )
    else {
        unreachable!("a missing value always records a problem");
    };
    Ok(Report {
        dnr,
        contract,
        supplier,
        organisation,
        unit: unit.flatten(),
        author: author.flatten(),
        phone: phone.flatten(),
        recipient: recipient.flatten(),
        date,
        performed,
        supplier_summary_until: supplier_summary_until.flatten(),
        contact: contact.into_iter().flatten().collect(),
        language,
        font: font.flatten(),
        sections: sections.unwrap_or_default(),
        assessment: assessment.flatten(),
    })
}

fn lines(v: &mut Validator, texts: &[Text], field: &str) -> Vec<Option<String>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| v.line(text, &format!("{field}[{i}]")))
        .collect()
}

/// Collects problems while checking values.
#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    fn report(&mut self, at: Location, field: &str, kind: ProblemKind) {
        let at = (at != Location::UNKNOWN).then(|| (at.line(), at.column()));
        self.problems.push(Problem {
            at,
            field: field.to_owned(),
            kind,
        });
    }

    /// Non-empty text without control characters; line breaks allowed.
    fn text(&mut self, value: &str, at: Location, field: &str) -> Option<String> {
        // Text of only spaces and invisible characters prints as nothing (and a heading of
        // nothing is not accessible).
        if value
            .chars()
            .all(|c| c.is_whitespace() || fonts::is_default_ignorable(c))
        {
            self.report(at, field, ProblemKind::Empty);
            return None;
        }
        let control = value
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'));
        if let Some(found) = control {
            self.report(at, field, ProblemKind::ControlCharacter { found });
            return None;
        }
        if let Some(found) = value.chars().find(|c| !fonts::is_archivable(*c)) {
            self.report(at, field, ProblemKind::NotArchivable { found });
            return None;
        }
        let length = value.chars().count();
        if length > MAX_TEXT_CHARS {
            let kind = ProblemKind::TooLong {
                length,
                max: MAX_TEXT_CHARS,
            };
            self.report(at, field, kind);
            return None;
        }
        // PDF/A and PDF/UA refuse a character no embedded font can show.
        if let Some(found) = value.chars().find(|c| !fonts::can_show(*c)) {
            self.report(at, field, ProblemKind::NoGlyph { found });
            return None;
        }
        Some(value.to_owned())
    }

    /// Non-empty text on one line, as written (trailing white space trimmed).
    fn line(&mut self, text: &Text, field: &str) -> Option<String> {
        let value = self.text(&text.value, text.referenced, field)?;
        let value = value.trim();
        if value.contains(['\n', '\r']) {
            self.report(text.referenced, field, ProblemKind::MultiLine);
            return None;
        }
        Some(value.to_owned())
    }

    /// `Some(None)` when absent, `Some(Some(..))` when valid, `None` on a problem.
    fn optional_line(&mut self, text: Option<&Text>, field: &str) -> Option<Option<String>> {
        match text {
            None => Some(None),
            Some(text) => self.line(text, field).map(Some),
        }
    }

    fn language(&mut self, text: &Text) -> Option<Language> {
        let language = Language::parse(text.value.trim());
        if language.is_none() {
            let kind = ProblemKind::UnknownLanguage {
                value: text.value.clone(),
            };
            self.report(text.referenced, "language", kind);
        }
        language
    }

    fn date(&mut self, text: &Text, field: &str) -> Option<Date> {
        let value = text.value.trim();
        let date = Date::parse_iso(value);
        if date.is_none() {
            let kind = ProblemKind::NotADate {
                value: value.to_owned(),
            };
            self.report(text.referenced, field, kind);
        }
        date
    }

    fn period(&mut self, text: &Text, field: &str, report_date: Option<Date>) -> Option<Period> {
        let value = text.value.trim();
        let Some(period) = Period::parse(value) else {
            let kind = ProblemKind::NotAPeriod {
                value: value.to_owned(),
            };
            self.report(text.referenced, field, kind);
            return None;
        };
        if let Some(date) = report_date.filter(|d| period.first_day() > *d) {
            let kind = ProblemKind::AfterReportDate {
                value: value.to_owned(),
                date: date.to_string(),
            };
            self.report(text.referenced, field, kind);
            return None;
        }
        Some(period)
    }

    fn sections(&mut self, sections: &Located<Vec<input::Section>>) -> Option<Vec<Section>> {
        if sections.value.is_empty() {
            let kind = ProblemKind::NoEntries { what: "sections" };
            self.report(sections.referenced, "sections", kind);
            return None;
        }
        let blocks: usize = sections.value.iter().map(|s| s.body.value.len()).sum();
        if blocks > MAX_BLOCKS {
            let kind = ProblemKind::TooMany {
                what: "blocks",
                count: blocks,
                max: MAX_BLOCKS,
            };
            self.report(sections.referenced, "sections", kind);
            return None;
        }
        let checked = sections.value.iter().enumerate().map(|(i, section)| {
            let field = format!("sections[{i}]");
            let heading = self.optional_line(section.heading.as_ref(), &format!("{field}.heading"));
            let (body, at) = (&section.body.value, section.body.referenced);
            let blocks = self.blocks(body, at, &format!("{field}.body"), true);
            Some(Section {
                heading: heading?,
                blocks: blocks?,
            })
        });
        checked.collect::<Vec<_>>().into_iter().collect()
    }

    fn blocks(
        &mut self,
        body: &[Located<input::Block>],
        at: Location,
        field: &str,
        required: bool,
    ) -> Option<Vec<Block>> {
        if required && body.is_empty() {
            self.report(at, field, ProblemKind::NoEntries { what: "blocks" });
            return None;
        }
        let mut blocks = Vec::new();
        let mut ok = true;
        for (i, block) in body.iter().enumerate() {
            let field = format!("{field}[{i}]");
            match self.block(block, &field) {
                Some(mut new) => blocks.append(&mut new),
                None => ok = false,
            }
        }
        ok.then_some(blocks)
    }

    /// One YAML block; a paragraph string may hold several paragraphs.
    fn block(&mut self, block: &Located<input::Block>, field: &str) -> Option<Vec<Block>> {
        let at = block.referenced;
        match &block.value {
            input::Block::Paragraph(text) => {
                let text = self.text(text, at, field)?;
                Some(
                    paragraphs(&text)
                        .into_iter()
                        .map(|text| Block::Paragraph { text })
                        .collect(),
                )
            }
            input::Block::Quote(quote) => {
                let text_at = known(quote.text.referenced, at);
                let text = self.text(&quote.text.value, text_at, &format!("{field}.quote"))?;
                let source =
                    self.optional_line(quote.source.as_ref(), &format!("{field}.quote.source"))?;
                let text = fold_lines(&text);
                Some(vec![Block::Quote {
                    text,
                    source,
                    marks: quote.marks,
                }])
            }
            input::Block::Subheading(text) => {
                let text = self.line(text, &format!("{field}.subheading"))?;
                Some(vec![Block::Subheading { text }])
            }
            input::Block::List(items) => {
                let field = format!("{field}.list");
                if items.is_empty() {
                    self.report(at, &field, ProblemKind::NoEntries { what: "items" });
                    return None;
                }
                let items = lines(self, items, &field);
                Some(vec![Block::List {
                    items: items.into_iter().collect::<Option<_>>()?,
                }])
            }
        }
    }

    fn assessment(&mut self, a: &input::Assessment) -> Option<Assessment> {
        let heading = self.optional_line(a.heading.as_ref(), "assessment.heading");
        let blocks = self.blocks(&a.body, Location::UNKNOWN, "assessment.body", false);
        let scale = self.scale(&a.scale);
        if a.criteria.value.is_empty() {
            let kind = ProblemKind::NoEntries { what: "criteria" };
            self.report(a.criteria.referenced, "assessment.criteria", kind);
        }
        let criteria: Vec<_> = a
            .criteria
            .value
            .iter()
            .enumerate()
            .map(|(i, c)| self.criterion(c, &format!("assessment.criteria[{i}]"), scale.as_ref()))
            .collect();
        let criteria = criteria.into_iter().collect::<Option<Vec<_>>>()?;
        (!criteria.is_empty()).then_some(())?;
        Some(Assessment {
            heading: heading?,
            blocks: blocks?,
            scale: scale?,
            criteria,
        })
    }

    fn scale(&mut self, scale: &input::Scale) -> Option<Scale> {
        let min = self.scale_end(&scale.min, "assessment.scale.min");
        let max = self.scale_end(&scale.max, "assessment.scale.max");
        let description = self.line(&scale.description, "assessment.scale.description");
        let (min, max) = (min?, max?);
        if min >= max {
            let kind = ProblemKind::ScaleOrder {
                min: min.into(),
                max: max.into(),
            };
            self.report(scale.min.referenced, "assessment.scale", kind);
            return None;
        }
        Some(Scale {
            min,
            max,
            description: description?,
        })
    }

    fn scale_end(&mut self, value: &Located<i64>, field: &str) -> Option<u8> {
        let end = u8::try_from(value.value).ok().filter(|v| *v <= 100);
        if end.is_none() {
            self.report(
                value.referenced,
                field,
                ProblemKind::ScaleBound { value: value.value },
            );
        }
        end
    }

    fn criterion(
        &mut self,
        c: &input::Criterion,
        field: &str,
        scale: Option<&Scale>,
    ) -> Option<Criterion> {
        let name = self.line(&c.name, &format!("{field}.name"));
        if c.scores.value.is_empty() {
            let kind = ProblemKind::NoEntries { what: "scores" };
            self.report(c.scores.referenced, &format!("{field}.scores"), kind);
            return None;
        }
        let count = c.scores.value.len();
        if count > MAX_SCORES {
            let kind = ProblemKind::TooMany {
                what: "scores",
                count,
                max: MAX_SCORES,
            };
            self.report(c.scores.referenced, &format!("{field}.scores"), kind);
            return None;
        }
        // Without a valid scale the scores cannot be judged; the scale's own problem is reported.
        let scale = scale?;
        let scores = c.scores.value.iter().enumerate().map(|(i, score)| {
            let in_scale = u8::try_from(score.value)
                .ok()
                .filter(|s| (scale.min..=scale.max).contains(s));
            if in_scale.is_none() {
                let (min, max) = (scale.min.into(), scale.max.into());
                let kind = ProblemKind::ScoreOutsideScale {
                    score: score.value,
                    min,
                    max,
                };
                self.report(score.referenced, &format!("{field}.scores[{i}]"), kind);
            }
            in_scale.map(Score::new)
        });
        let scores = scores
            .collect::<Vec<_>>()
            .into_iter()
            .collect::<Option<Vec<_>>>()?;
        Some(Criterion {
            name: name?,
            scores,
        })
    }
}

/// The location itself, or `fallback` where the parser could not tell.
fn known(at: Location, fallback: Location) -> Location {
    if at == Location::UNKNOWN {
        fallback
    } else {
        at
    }
}

/// Splits text at blank lines into paragraphs, folding single line breaks into spaces.
fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut current, &mut out);
        } else {
            current.push(line);
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(lines: &mut Vec<&str>, out: &mut Vec<String>) {
    if !lines.is_empty() {
        out.push(fold_lines(&lines.join("\n")));
        lines.clear();
    }
}

/// Folds each line break, with the white space around it, into one space; trims the ends.
fn fold_lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_split_paragraphs_and_single_breaks_fold() {
        let text = "Första raden\n  fortsätter här.\n\n\nAndra  stycket.\n";
        assert_eq!(
            paragraphs(text),
            ["Första raden fortsätter här.", "Andra  stycket."]
        );
    }
}
