//! Turns the YAML as written into a [`Report`], collecting every problem with its place.

use serde_saphyr::Location;

use crate::error::{Problem, ProblemKind};
use crate::figures::{self, Image, ImageFiles, ImageFormat, MAX_IMAGES};
use crate::fonts;
use crate::input::{self, Located, Text};
use crate::report::{
    Assessment, Block, Cell, Criterion, Date, Dnr, Finding, Findings, Language, Period, Report,
    Scale, Score, Section, Signature, Status, Table,
};

/// The most characters one text may have: a long chapter, far beyond any real paragraph.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// The most blocks a report may have in all: thousands of quotes, a report of hundreds of pages.
pub const MAX_BLOCKS: usize = 20_000;
/// The most scores one criterion may have.
pub const MAX_SCORES: usize = 10_000;

/// Checks every value of `doc`, reading its figures' images from `files`; returns the report,
/// or all problems in document order.
pub fn validate(doc: input::Document, files: &dyn ImageFiles) -> Result<Report, Vec<Problem>> {
    let mut v = Validator {
        problems: Vec::new(),
        files,
        images: Vec::new(),
    };
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
    let next = doc.follow_up.next.as_ref().map(|n| v.next(n, performed));
    let contact = lines(&mut v, &doc.contact, "contact");
    let language = doc
        .language
        .as_ref()
        .map_or(Some(Language::default()), |l| v.language(l));
    let font = v.optional_line(doc.font.as_ref(), "font");
    let sections = v.sections(&doc.sections);
    let assessment = doc.assessment.as_ref().map(|a| v.assessment(a));
    let proposal = folded_texts(&mut v, &doc.proposal, "proposal");
    let findings = doc.findings.as_ref().map(|f| v.findings(f));
    let signatures = v.signatures(&doc.signatures);
    let appendices = lines(&mut v, &doc.appendices, "appendices");

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
        next: next.flatten(),
        numbered: doc.numbered,
        contents: doc.contents,
        proposal: proposal.into_iter().flatten().collect(),
        findings: findings.flatten(),
        signatures: signatures.unwrap_or_default(),
        appendices: appendices.into_iter().flatten().collect(),
        images: v.images,
    })
}

/// Texts whose line breaks fold into spaces (one paragraph each).
fn folded_texts(v: &mut Validator, texts: &[Text], field: &str) -> Vec<Option<String>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| v.folded(text, &format!("{field}[{i}]")))
        .collect()
}

fn lines(v: &mut Validator, texts: &[Text], field: &str) -> Vec<Option<String>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| v.line(text, &format!("{field}[{i}]")))
        .collect()
}

/// Collects problems while checking values, and the images the figures name.
struct Validator<'f> {
    problems: Vec<Problem>,
    files: &'f dyn ImageFiles,
    images: Vec<Image>,
}

impl Validator<'_> {
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
        if let Some(found) = value.chars().find(|c| !is_archivable(*c)) {
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
        self.optional(text, |v, text| v.line(text, field))
    }

    /// An optional value checked by `check`: `Some(None)` when absent, `Some(Some(..))` when
    /// valid, `None` on a problem.
    fn optional<I, T>(
        &mut self,
        value: Option<&I>,
        check: impl FnOnce(&mut Self, &I) -> Option<T>,
    ) -> Option<Option<T>> {
        match value {
            None => Some(None),
            Some(value) => check(self, value).map(Some),
        }
    }

    /// Non-empty text as one paragraph: its line breaks fold into spaces.
    fn folded(&mut self, text: &Text, field: &str) -> Option<String> {
        self.text(&text.value, text.referenced, field)
            .map(|t| fold_lines(&t))
    }

    fn optional_folded(&mut self, text: Option<&Text>, field: &str) -> Option<Option<String>> {
        self.optional(text, |v, text| v.folded(text, field))
    }

    /// The next follow-up: a period not before the one reported on (it may lie after `date`).
    fn next(&mut self, text: &Text, performed: Option<Period>) -> Option<Period> {
        let field = "follow_up.next";
        let value = text.value.trim();
        let next = self.parse_period(text, field)?;
        if let Some(performed) = performed.filter(|p| next.first_day() < p.first_day()) {
            let kind = ProblemKind::BeforePerformed {
                value: value.to_owned(),
                performed: performed.to_string(),
            };
            self.report(text.referenced, field, kind);
            return None;
        }
        Some(next)
    }

    fn findings(&mut self, f: &input::Findings) -> Option<Findings> {
        let heading = self.optional_line(f.heading.as_ref(), "findings.heading");
        if f.items.value.is_empty() {
            let kind = ProblemKind::NoEntries { what: "findings" };
            self.report(f.items.referenced, "findings.items", kind);
            return None;
        }
        let items: Vec<Option<Finding>> = f
            .items
            .value
            .iter()
            .enumerate()
            .map(|(i, item)| self.finding(item, &format!("findings.items[{i}]")))
            .collect();
        let items = items.into_iter().collect::<Option<Vec<_>>>();
        Some(Findings {
            heading: heading?,
            items: items?,
        })
    }

    fn finding(&mut self, item: &input::Finding, field: &str) -> Option<Finding> {
        let text = self.text(
            &item.finding.value,
            item.finding.referenced,
            &format!("{field}.finding"),
        );
        let requirement =
            self.optional_folded(item.requirement.as_ref(), &format!("{field}.requirement"));
        let action = self.optional_folded(item.action.as_ref(), &format!("{field}.action"));
        let responsible =
            self.optional_line(item.responsible.as_ref(), &format!("{field}.responsible"));
        let deadline = self.optional(item.deadline.as_ref(), |v, d| {
            v.date(d, &format!("{field}.deadline"))
        });
        let status = self.optional(item.status.as_ref(), |v, s| {
            v.status(s, &format!("{field}.status"))
        });
        Some(Finding {
            paragraphs: paragraphs(&text?),
            requirement: requirement?,
            action: action?,
            responsible: responsible?,
            deadline: deadline?,
            status: status?,
        })
    }

    /// A figure: its image read and recognised, its text alternative and caption.
    fn figure(&mut self, figure: &input::Figure, at: Location, field: &str) -> Option<Block> {
        let image = self.image(&figure.image, known(figure.image.referenced, at), field);
        let alt = self.folded(&figure.alt, &format!("{field}.alt"));
        let caption = self.optional_line(figure.caption.as_ref(), &format!("{field}.caption"));
        let image = image?;
        Some(Block::Figure {
            path: format!(
                "/figures/{}.{}",
                image,
                self.images[image].format.extension()
            ),
            alt: alt?,
            caption: caption?,
        })
    }

    /// The index of the image at `text` among the report's images, read once however often
    /// it is shown.
    fn image(&mut self, text: &Text, at: Location, field: &str) -> Option<usize> {
        let field = format!("{field}.image");
        let path = self.line(text, &field)?;
        if !figures::is_inside(&path) {
            self.report(at, &field, ProblemKind::ImagePath { value: path });
            return None;
        }
        if let Some(index) = self.images.iter().position(|i| i.name == path) {
            return Some(index);
        }
        if self.images.len() >= MAX_IMAGES {
            let kind = ProblemKind::TooMany {
                what: "images",
                count: self.images.len() + 1,
                max: MAX_IMAGES,
            };
            self.report(at, &field, kind);
            return None;
        }
        let bytes = match self.files.read(&path) {
            Ok(bytes) => bytes,
            Err(reason) => {
                self.report(at, &field, ProblemKind::ImageUnreadable { path, reason });
                return None;
            }
        };
        let Some(format) = ImageFormat::detect(&bytes) else {
            self.report(at, &field, ProblemKind::ImageFormat { path });
            return None;
        };
        self.images.push(Image {
            name: path,
            bytes: bytes.into(),
            format,
        });
        Some(self.images.len() - 1)
    }

    fn status(&mut self, text: &Text, field: &str) -> Option<Status> {
        let status = Status::parse(text.value.trim());
        if status.is_none() {
            let kind = ProblemKind::UnknownStatus {
                value: text.value.clone(),
            };
            self.report(text.referenced, field, kind);
        }
        status
    }

    fn signatures(&mut self, signatures: &[input::Signature]) -> Option<Vec<Signature>> {
        let checked: Vec<Option<Signature>> = signatures
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let field = format!("signatures[{i}]");
                let name = self.line(&s.name, &format!("{field}.name"));
                let title = self.optional_line(s.title.as_ref(), &format!("{field}.title"));
                Some(Signature {
                    name: name?,
                    title: title?,
                })
            })
            .collect();
        checked.into_iter().collect()
    }

    fn table(&mut self, table: &input::Table, at: Location, field: &str) -> Option<Table> {
        let caption = self.optional_line(table.caption.as_ref(), &format!("{field}.caption"));
        let columns_field = format!("{field}.columns");
        if table.columns.value.is_empty() {
            let kind = ProblemKind::NoEntries { what: "columns" };
            self.report(known(table.columns.referenced, at), &columns_field, kind);
            return None;
        }
        let columns = lines(self, &table.columns.value, &columns_field);
        let width = table.columns.value.len();
        let rows_field = format!("{field}.rows");
        if table.rows.value.is_empty() {
            let kind = ProblemKind::NoEntries { what: "rows" };
            self.report(known(table.rows.referenced, at), &rows_field, kind);
            return None;
        }
        let count = table.rows.value.len();
        if count > MAX_BLOCKS {
            let kind = ProblemKind::TooMany {
                what: "rows",
                count,
                max: MAX_BLOCKS,
            };
            self.report(table.rows.referenced, &rows_field, kind);
            return None;
        }
        let rows: Vec<Option<Vec<Cell>>> = table
            .rows
            .value
            .iter()
            .enumerate()
            .map(|(i, row)| self.row(row, width, &format!("{rows_field}[{i}]")))
            .collect();
        let total = self.optional(table.total.as_ref(), |v, row| {
            v.row(row, width, &format!("{field}.total"))
        });
        Some(Table {
            caption: caption?,
            columns: columns.into_iter().collect::<Option<_>>()?,
            rows: rows.into_iter().collect::<Option<_>>()?,
            total: total?,
        })
    }

    /// A row of exactly `width` cells, each checked.
    fn row(
        &mut self,
        row: &Located<Vec<input::Cell>>,
        width: usize,
        field: &str,
    ) -> Option<Vec<Cell>> {
        let at = row.referenced;
        if row.value.len() != width {
            let kind = ProblemKind::CellCount {
                cells: row.value.len(),
                columns: width,
            };
            self.report(at, field, kind);
            return None;
        }
        let cells: Vec<Option<Cell>> = row
            .value
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let field = format!("{field}[{i}]");
                match cell {
                    input::Cell::Text(text) => self
                        .text(text, at, &field)
                        .map(|t| Cell::Text(fold_lines(&t))),
                    input::Cell::Integer(n) => Some(Cell::Integer(*n)),
                    input::Cell::Decimal(n) if n.is_finite() => Some(Cell::Decimal(*n)),
                    input::Cell::Decimal(_) => {
                        self.report(at, &field, ProblemKind::NotFinite);
                        None
                    }
                    input::Cell::Empty => Some(Cell::Empty),
                }
            })
            .collect();
        cells.into_iter().collect()
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

    /// `YYYY-MM` or `YYYY-MM-DD`.
    fn parse_period(&mut self, text: &Text, field: &str) -> Option<Period> {
        let value = text.value.trim();
        let period = Period::parse(value);
        if period.is_none() {
            let kind = ProblemKind::NotAPeriod {
                value: value.to_owned(),
            };
            self.report(text.referenced, field, kind);
        }
        period
    }

    /// A follow-up date, not after the report's date.
    fn period(&mut self, text: &Text, field: &str, report_date: Option<Date>) -> Option<Period> {
        let value = text.value.trim();
        let period = self.parse_period(text, field)?;
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
            input::Block::Table(table) => {
                let table = self.table(table, at, &format!("{field}.table"))?;
                Some(vec![Block::Table(table)])
            }
            input::Block::Figure(figure) => {
                let figure = self.figure(figure, at, &format!("{field}.figure"))?;
                Some(vec![figure])
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
        let comment = self.optional_folded(c.comment.as_ref(), &format!("{field}.comment"));
        if c.scores.value.is_empty() && c.comment.is_none() {
            self.report(
                c.scores.referenced,
                &format!("{field}.scores"),
                ProblemKind::NoScores,
            );
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
            comment: comment?,
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

/// Whether an archival (PDF/A "a") file may contain `c` at all: not a byte-order mark, a
/// non-character or a private-use code point, whose meaning no archive can know.
fn is_archivable(c: char) -> bool {
    !matches!(u32::from(c), 0xFEFF | 0xFFFE | 0xFFFF | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
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
