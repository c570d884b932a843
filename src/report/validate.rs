//! Turns the YAML as written into a [`Report`], collecting every problem with its place.

use serde_saphyr::Location;

use crate::base::limits::{
    COST, LONG_WORD_CHARS, MAX_ALL_LIST_ITEMS, MAX_ALT_CHARS, MAX_APPENDICES, MAX_BLOCKS,
    MAX_CELLS, MAX_COLUMNS, MAX_CONTACT, MAX_CRITERIA, MAX_CRITERION_CHARS, MAX_DNR_CHARS,
    MAX_FINDINGS, MAX_IMAGES, MAX_LINE_CHARS, MAX_LIST_ITEMS, MAX_LONG_WORDS, MAX_PROPOSAL,
    MAX_RENDER_BYTES, MAX_ROWS, MAX_SCORES, MAX_SECTIONS, MAX_SIGNATURES, MAX_TEXT_CHARS,
};
use crate::base::unicode;
use crate::error::{FieldPath, Problem, ProblemKind};
use crate::report::figures::{self, Image, ImageFiles, ImageFormat};
use crate::report::input::{self, Located, Text};
use crate::report::{
    Assessment, Block, Cell, Criterion, Date, Dnr, Finding, Findings, Language, Number, Period,
    Report, Scale, Score, Section, Signature, Status, Table,
};

/// The field at the dotted key path `keys` (`follow_up.performed`), written in this file.
fn dotted(keys: &str) -> FieldPath {
    keys.split('.')
        .fold(FieldPath::default(), |path, key| path.key(key))
}

/// Checks every value of `doc`, parsed from `source`, reading its figures' images from
/// `files`; returns the report, or all problems in document order.
pub(crate) fn validate(
    doc: input::Document,
    source: &str,
    files: &dyn ImageFiles,
) -> Result<Report, Vec<Problem>> {
    let mut v = Validator {
        problems: Vec::new(),
        source,
        files,
        images: Vec::new(),
        list_items: 0,
        cells: 0,
        blocks_made: 0,
        cost: 0,
        too_costly: false,
    };
    if !v.lists_within_bounds(&doc) {
        return Err(v.problems);
    }
    let dnr = v.dnr(&doc.dnr);
    let contract = v.line(&doc.contract, &dotted("contract"));
    let supplier = v.line(&doc.supplier, &dotted("supplier"));
    let organisation = v.line(&doc.organisation, &dotted("organisation"));
    let unit = v.optional_line(doc.unit.as_ref(), &dotted("unit"));
    let author = v.optional_line(doc.author.as_ref(), &dotted("author"));
    let phone = v.optional_line(doc.phone.as_ref(), &dotted("phone"));
    let recipient = v.optional_line(doc.recipient.as_ref(), &dotted("recipient"));
    let date = v.date(&doc.date, &dotted("date"));
    let performed = v.period(
        &doc.follow_up.performed,
        &dotted("follow_up.performed"),
        date,
    );
    let summary = doc.follow_up.supplier_summary_until.as_ref();
    let supplier_summary_until =
        summary.map(|s| v.period(s, &dotted("follow_up.supplier_summary_until"), date));
    let next = doc.follow_up.next.as_ref().map(|n| v.next(n, performed));
    let contact = lines(&mut v, &doc.contact, &dotted("contact"));
    let language = doc
        .language
        .as_ref()
        .map_or(Some(Language::default()), |l| v.language(l));
    let font = v.optional_line(doc.font.as_ref(), &dotted("font"));
    let sections = v.sections(&doc.sections);
    let assessment = doc.assessment.as_ref().map(|a| v.assessment(a));
    let proposal = folded_texts(&mut v, &doc.proposal, &dotted("proposal"));
    let findings = doc.findings.as_ref().map(|f| v.findings(f));
    let signatures = v.signatures(&doc.signatures);
    let appendices = lines(&mut v, &doc.appendices, &dotted("appendices"));

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
fn folded_texts(v: &mut Validator, texts: &[Text], field: &FieldPath) -> Vec<Option<String>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| v.folded(text, &field.index(i)))
        .collect()
}

fn lines(v: &mut Validator, texts: &[Text], field: &FieldPath) -> Vec<Option<String>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| v.line(text, &field.index(i)))
        .collect()
}

/// Collects problems while checking values, and the images the figures name.
struct Validator<'f> {
    problems: Vec<Problem>,
    /// The YAML the values were read from, for numbers as written.
    source: &'f str,
    files: &'f dyn ImageFiles,
    images: Vec<Image>,
    /// List items so far, in all lists.
    list_items: usize,
    /// Table cells so far, in all tables.
    cells: usize,
    /// Blocks to typeset so far (each paragraph of a string counted).
    blocks_made: usize,
    /// The memory typesetting the report will take, estimated so far (bytes).
    cost: u64,
    /// Whether the estimate went past [`MAX_RENDER_BYTES`] (reported once, where it did).
    too_costly: bool,
}

impl Validator<'_> {
    /// Whether the top-level lists are within their limits, before any of them is walked.
    fn lists_within_bounds(&mut self, doc: &input::Document) -> bool {
        let counted = [
            (doc.contact.len(), MAX_CONTACT, "contact", "address lines"),
            (doc.proposal.len(), MAX_PROPOSAL, "proposal", "points"),
            (
                doc.signatures.len(),
                MAX_SIGNATURES,
                "signatures",
                "signatures",
            ),
            (
                doc.appendices.len(),
                MAX_APPENDICES,
                "appendices",
                "appendices",
            ),
        ];
        counted.into_iter().all(|(count, max, field, what)| {
            self.within(count, max, Location::UNKNOWN, &dotted(field), what)
        })
    }

    /// Whether `count` entries are within `max`; a problem at `field` if not.
    fn within(
        &mut self,
        count: usize,
        max: usize,
        at: Location,
        field: &FieldPath,
        what: &'static str,
    ) -> bool {
        if count <= max {
            return true;
        }
        self.report(at, field, ProblemKind::TooMany { what, count, max });
        false
    }

    /// Adds `bytes` to the estimate of what typesetting the report will take; false once it is
    /// past [`MAX_RENDER_BYTES`], a problem at `field` the first time (every later part would
    /// otherwise repeat it).
    fn charge(&mut self, bytes: u64, at: Location, field: &FieldPath) -> bool {
        self.cost = self.cost.saturating_add(bytes);
        if self.cost <= MAX_RENDER_BYTES {
            return true;
        }
        if !std::mem::replace(&mut self.too_costly, true) {
            let kind = ProblemKind::TooCostly {
                mib: self.cost.div_ceil(1 << 20),
                max_mib: MAX_RENDER_BYTES >> 20,
            };
            self.report(at, field, kind);
        }
        false
    }

    /// Counts `count` more typeset blocks (paragraphs, quotes, tables, findings' paragraphs);
    /// false, with a problem at `field`, once the report has more than [`MAX_BLOCKS`].
    fn made(&mut self, count: usize, at: Location, field: &FieldPath) -> bool {
        if !self.charge(count as u64 * COST.block, at, field) {
            return false;
        }
        self.blocks_made += count;
        let made = self.blocks_made;
        self.within(
            made,
            MAX_BLOCKS,
            at,
            field,
            "paragraphs and blocks in the report",
        )
    }

    /// The text of the value at `at` exactly as the file has it, if the parser knows where.
    fn written<T>(&self, at: &Located<T>) -> Option<&str> {
        let span = at.defined.span();
        let start = usize::try_from(span.byte_offset()?).ok()?;
        let len = usize::try_from(span.byte_len()?).ok()?;
        self.source
            .get(start..start.checked_add(len)?)
            .map(str::trim)
    }

    /// A number in plain decimal digits, kept as written; any other form YAML reads as a
    /// number (`0180`, `0x10`, `1_000`, `1e3`) is a problem, so nothing is shown re-based or
    /// rounded.
    fn number<T>(&mut self, value: &Located<T>, field: &FieldPath) -> Option<Number> {
        let written = self.written(value).unwrap_or_default().to_owned();
        let number = Number::parse(&written);
        if number.is_none() {
            self.report(value.referenced, field, ProblemKind::NumberForm { written });
        }
        number
    }

    /// A whole number from 0 to 100 as written: a score or an end of the scale.
    fn small_whole(
        &mut self,
        value: &Located<input::Cell>,
        field: &FieldPath,
    ) -> Option<(u8, String)> {
        if let input::Cell::Text(text) = &value.value {
            let kind = ProblemKind::NotANumber {
                value: text.clone(),
            };
            self.report(value.referenced, field, kind);
            return None;
        }
        if value.value == input::Cell::Empty {
            self.report(value.referenced, field, ProblemKind::Empty);
            return None;
        }
        let number = self.number(value, field)?;
        let written = self.written(value).unwrap_or_default().to_owned();
        if number.is_negative() || !number.fraction().is_empty() {
            self.report(value.referenced, field, ProblemKind::NotWhole { written });
            return None;
        }
        // Past 100 every whole number is equally out of bounds.
        let whole = number.whole().parse::<u8>().unwrap_or(u8::MAX);
        Some((whole, written))
    }

    /// Whether `text` has at most `max` characters; a problem at `field` if not.
    fn short(&mut self, text: &str, max: usize, at: Location, field: &FieldPath) -> bool {
        let length = text.chars().count();
        if length <= max {
            return true;
        }
        self.report(at, field, ProblemKind::LineTooLong { length, max });
        false
    }

    /// The dnr: one line, short enough to name a file.
    fn dnr(&mut self, text: &Text) -> Option<Dnr> {
        let dnr = self.line(text, &dotted("dnr"))?;
        self.short(&dnr, MAX_DNR_CHARS, text.referenced, &dotted("dnr"))
            .then(|| Dnr::new(dnr))
    }
    fn report(&mut self, at: Location, field: &FieldPath, kind: ProblemKind) {
        let at = (at != Location::UNKNOWN).then(|| (at.line(), at.column()));
        self.problems.push(Problem {
            at,
            field: field.clone(),
            kind,
        });
    }

    /// Non-empty text without control characters; line breaks allowed.
    fn text(&mut self, value: &str, at: Location, field: &FieldPath) -> Option<String> {
        // Text of only spaces and invisible characters prints as nothing (and a heading of
        // nothing is not accessible).
        if value
            .chars()
            .all(|c| c.is_whitespace() || unicode::is_default_ignorable(c))
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
        if let Some(placeholder) = crate::report::PLACEHOLDERS
            .iter()
            .find(|placeholder| value.trim() == **placeholder)
        {
            let kind = ProblemKind::Placeholder {
                value: (*placeholder).to_owned(),
            };
            self.report(at, field, kind);
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
        if !self.charge(length as u64 * COST.char, at, field) {
            return None;
        }
        let long_words = value
            .split(char::is_whitespace)
            .filter(|word| word.chars().count() + 2 >= LONG_WORD_CHARS)
            .count();
        if long_words > MAX_LONG_WORDS {
            let kind = ProblemKind::LongWords {
                count: long_words,
                max: MAX_LONG_WORDS,
            };
            self.report(at, field, kind);
            return None;
        }
        // PDF/A and PDF/UA refuse a character no embedded font can show.
        if let Some(found) = value.chars().find(|c| !crate::base::glyphs::can_show(*c)) {
            self.report(at, field, ProblemKind::NoGlyph { found });
            return None;
        }
        Some(value.to_owned())
    }

    /// Non-empty text on one line, as written (trailing white space trimmed).
    fn line(&mut self, text: &Text, field: &FieldPath) -> Option<String> {
        let value = self.text(&text.value, text.referenced, field)?;
        let value = value.trim();
        if value.contains(['\n', '\r']) {
            self.report(text.referenced, field, ProblemKind::MultiLine);
            return None;
        }
        self.short(value, MAX_LINE_CHARS, text.referenced, field)
            .then(|| value.to_owned())
    }

    /// `Some(None)` when absent, `Some(Some(..))` when valid, `None` on a problem.
    fn optional_line(&mut self, text: Option<&Text>, field: &FieldPath) -> Option<Option<String>> {
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
    fn folded(&mut self, text: &Text, field: &FieldPath) -> Option<String> {
        self.text(&text.value, text.referenced, field)
            .map(|t| fold_lines(&t))
    }

    fn optional_folded(
        &mut self,
        text: Option<&Text>,
        field: &FieldPath,
    ) -> Option<Option<String>> {
        self.optional(text, |v, text| v.folded(text, field))
    }

    /// The next follow-up: a period not before the one reported on (it may lie after `date`).
    fn next(&mut self, text: &Text, performed: Option<Period>) -> Option<Period> {
        let field = &dotted("follow_up.next");
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
        let heading = self.optional_line(f.heading.as_ref(), &dotted("findings.heading"));
        if f.items.value.is_empty() {
            let kind = ProblemKind::NoEntries { what: "findings" };
            self.report(f.items.referenced, &dotted("findings.items"), kind);
            return None;
        }
        let count = f.items.value.len();
        if !self.within(
            count,
            MAX_FINDINGS,
            f.items.referenced,
            &dotted("findings.items"),
            "findings",
        ) {
            return None;
        }
        let items: Vec<Option<Finding>> = f
            .items
            .value
            .iter()
            .enumerate()
            .map(|(i, item)| self.finding(item, &FieldPath::root("findings").key("items").index(i)))
            .collect();
        let items = items.into_iter().collect::<Option<Vec<_>>>();
        Some(Findings {
            heading: heading?,
            items: items?,
        })
    }

    fn finding(&mut self, item: &input::Finding, field: &FieldPath) -> Option<Finding> {
        let text = self.text(
            &item.finding.value,
            item.finding.referenced,
            &field.key("finding"),
        );
        let requirement =
            self.optional_folded(item.requirement.as_ref(), &field.key("requirement"));
        let action = self.optional_folded(item.action.as_ref(), &field.key("action"));
        let responsible = self.optional_line(item.responsible.as_ref(), &field.key("responsible"));
        let deadline = self.optional(item.deadline.as_ref(), |v, d| {
            v.date(d, &field.key("deadline"))
        });
        let status = self.optional(item.status.as_ref(), |v, s| {
            v.status(s, &field.key("status"))
        });
        let paragraphs = paragraphs(&text?);
        if !self.charge(COST.finding, item.finding.referenced, &field.key("finding"))
            || !self.made(
                paragraphs.len(),
                item.finding.referenced,
                &field.key("finding"),
            )
        {
            return None;
        }
        Some(Finding {
            paragraphs,
            requirement: requirement?,
            action: action?,
            responsible: responsible?,
            deadline: deadline?,
            status: status?,
        })
    }

    /// A figure: its image read and recognised, its text alternative and caption.
    fn figure(&mut self, figure: &input::Figure, at: Location, field: &FieldPath) -> Option<Block> {
        let image = self.image(&figure.image, known(figure.image.referenced, at), field);
        let alt_field = field.key("alt");
        let alt = self.folded(&figure.alt, &alt_field);
        let alt =
            alt.filter(|alt| self.short(alt, MAX_ALT_CHARS, figure.alt.referenced, &alt_field));
        let caption = self.optional_line(figure.caption.as_ref(), &field.key("caption"));
        let image = image?;
        Some(Block::Figure {
            path: figures::served_at(image, self.images[image].format),
            alt: alt?,
            caption: caption?,
        })
    }

    /// The index of the image at `text` among the report's images, read once however often
    /// it is shown.
    fn image(&mut self, text: &Text, at: Location, field: &FieldPath) -> Option<usize> {
        let field = field.key("image");
        let path = self.line(text, &field)?;
        if !figures::is_inside(&path) {
            self.report(at, &field, ProblemKind::ImagePath { value: path });
            return None;
        }
        // One file, one name: `./bilder/a.png` and `bilder//a.png` are read and held once, and
        // a package lists the file under the name it has on disk.
        let path = figures::normal(&path);
        if let Some(index) = self.images.iter().position(|i| i.name == path) {
            return Some(index);
        }
        if !self.within(self.images.len() + 1, MAX_IMAGES, at, &field, "images") {
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
        let pixels = match figures::check(&bytes, format) {
            Ok(pixels) => pixels,
            Err(fault) => {
                self.report(at, &field, ProblemKind::ImageFault { path, fault });
                return None;
            }
        };
        if !self.charge(pixels.saturating_mul(COST.pixel), at, &field) {
            return None;
        }
        self.images.push(Image {
            name: path,
            bytes,
            format,
        });
        Some(self.images.len() - 1)
    }

    fn status(&mut self, text: &Text, field: &FieldPath) -> Option<Status> {
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
                let field = FieldPath::root("signatures").index(i);
                let name = self.line(&s.name, &field.key("name"));
                let title = self.optional_line(s.title.as_ref(), &field.key("title"));
                Some(Signature {
                    name: name?,
                    title: title?,
                })
            })
            .collect();
        checked.into_iter().collect()
    }

    fn table(&mut self, table: &input::Table, at: Location, field: &FieldPath) -> Option<Table> {
        let caption = self.optional_line(table.caption.as_ref(), &field.key("caption"));
        let columns_field = field.key("columns");
        if table.columns.value.is_empty() {
            let kind = ProblemKind::NoEntries { what: "columns" };
            self.report(known(table.columns.referenced, at), &columns_field, kind);
            return None;
        }
        let width = table.columns.value.len();
        let columns_at = known(table.columns.referenced, at);
        if !self.within(width, MAX_COLUMNS, columns_at, &columns_field, "columns") {
            return None;
        }
        let columns = lines(self, &table.columns.value, &columns_field);
        let rows_field = field.key("rows");
        if table.rows.value.is_empty() {
            let kind = ProblemKind::NoEntries { what: "rows" };
            self.report(known(table.rows.referenced, at), &rows_field, kind);
            return None;
        }
        let count = table.rows.value.len();
        if !self.within(count, MAX_ROWS, table.rows.referenced, &rows_field, "rows") {
            return None;
        }
        self.cells += (count + 1) * width;
        if !self.within(
            self.cells,
            MAX_CELLS,
            table.rows.referenced,
            &rows_field,
            "cells in the report's tables",
        ) {
            return None;
        }
        let rows: Vec<Option<Vec<Cell>>> = table
            .rows
            .value
            .iter()
            .enumerate()
            .map(|(i, row)| self.row(row, width, &rows_field.index(i)))
            .collect();
        let total = self.optional(table.total.as_ref(), |v, row| {
            v.row(row, width, &field.key("total"))
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
        row: &Located<Vec<Located<input::Cell>>>,
        width: usize,
        field: &FieldPath,
    ) -> Option<Vec<Cell>> {
        if row.value.len() != width {
            let kind = ProblemKind::CellCount {
                cells: row.value.len(),
                columns: width,
            };
            self.report(row.referenced, field, kind);
            return None;
        }
        let cells: Vec<Option<Cell>> = row
            .value
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                self.cell(
                    cell,
                    known(cell.referenced, row.referenced),
                    &field.index(i),
                )
            })
            .collect();
        cells.into_iter().collect()
    }

    /// One cell: text as written, a number as its digits were written, or empty.
    fn cell(
        &mut self,
        cell: &Located<input::Cell>,
        at: Location,
        field: &FieldPath,
    ) -> Option<Cell> {
        match &cell.value {
            input::Cell::Text(text) => {
                // A number typed as the report prints it would be set as left-aligned text,
                // silently: the file's number form is asked for instead.
                if let Some(plain) = printed_number(text) {
                    let kind = ProblemKind::PrintedNumber {
                        written: text.trim().to_owned(),
                        plain,
                    };
                    self.report(at, field, kind);
                    return None;
                }
                let chars = text.chars().count() as u64;
                if !self.charge(COST.cell + chars * COST.cell_char, at, field) {
                    return None;
                }
                self.text(text, at, field)
                    .map(|t| Cell::Text(fold_lines(&t)))
            }
            input::Cell::Number => self.number(cell, field).map(Cell::Number),
            input::Cell::Empty => Some(Cell::Empty),
        }
    }

    fn language(&mut self, text: &Text) -> Option<Language> {
        let language = Language::parse(text.value.trim());
        if language.is_none() {
            let kind = ProblemKind::UnknownLanguage {
                value: text.value.clone(),
            };
            self.report(text.referenced, &dotted("language"), kind);
        }
        language
    }

    fn date(&mut self, text: &Text, field: &FieldPath) -> Option<Date> {
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
    fn parse_period(&mut self, text: &Text, field: &FieldPath) -> Option<Period> {
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
    fn period(
        &mut self,
        text: &Text,
        field: &FieldPath,
        report_date: Option<Date>,
    ) -> Option<Period> {
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
            self.report(sections.referenced, &dotted("sections"), kind);
            return None;
        }
        let count = sections.value.len();
        if !self.within(
            count,
            MAX_SECTIONS,
            sections.referenced,
            &dotted("sections"),
            "sections",
        ) {
            return None;
        }
        let blocks: usize = sections.value.iter().map(|s| s.body.value.len()).sum();
        if !self.within(
            blocks,
            MAX_BLOCKS,
            sections.referenced,
            &dotted("sections"),
            "blocks",
        ) {
            return None;
        }
        let checked = sections.value.iter().enumerate().map(|(i, section)| {
            let field = FieldPath::root("sections").index(i);
            let heading = self.optional_line(section.heading.as_ref(), &field.key("heading"));
            let (body, at) = (&section.body.value, section.body.referenced);
            let blocks = self.blocks(body, at, &field.key("body"), true);
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
        field: &FieldPath,
        required: bool,
    ) -> Option<Vec<Block>> {
        if required && body.is_empty() {
            self.report(at, field, ProblemKind::NoEntries { what: "blocks" });
            return None;
        }
        let mut blocks = Vec::new();
        let mut ok = true;
        for (i, block) in body.iter().enumerate() {
            let field = field.index(i);
            match self.block(block, &field) {
                Some(mut new) => {
                    // A paragraph string with blank lines makes many blocks of one: what is
                    // typeset is counted, not what is written.
                    if !self.made(new.len(), block.referenced, &field) {
                        return None;
                    }
                    blocks.append(&mut new);
                }
                None => ok = false,
            }
        }
        ok.then_some(blocks)
    }

    /// One YAML block; a paragraph string may hold several paragraphs.
    fn block(&mut self, block: &Located<input::Block>, field: &FieldPath) -> Option<Vec<Block>> {
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
                let text = self.text(&quote.text.value, text_at, &field.key("quote"))?;
                let source =
                    self.optional_line(quote.source.as_ref(), &field.key("quote").key("source"))?;
                let text = fold_lines(&text);
                Some(vec![Block::Quote {
                    text,
                    source,
                    marks: quote.marks,
                }])
            }
            input::Block::Subheading(text) => {
                let text = self.line(text, &field.key("subheading"))?;
                Some(vec![Block::Subheading { text }])
            }
            input::Block::Table(table) => {
                let table = self.table(table, at, &field.key("table"))?;
                Some(vec![Block::Table(table)])
            }
            input::Block::Figure(figure) => {
                let figure = self.figure(figure, at, &field.key("figure"))?;
                Some(vec![figure])
            }
            input::Block::List(items) => {
                let field = field.key("list");
                if items.is_empty() {
                    self.report(at, &field, ProblemKind::NoEntries { what: "items" });
                    return None;
                }
                if !self.within(items.len(), MAX_LIST_ITEMS, at, &field, "items") {
                    return None;
                }
                if !self.charge(items.len() as u64 * COST.list_item, at, &field) {
                    return None;
                }
                self.list_items += items.len();
                let all = self.list_items;
                if !self.within(
                    all,
                    MAX_ALL_LIST_ITEMS,
                    at,
                    &field,
                    "list items in the report",
                ) {
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
        let heading = self.optional_line(a.heading.as_ref(), &dotted("assessment.heading"));
        let blocks = self.blocks(
            &a.body,
            Location::UNKNOWN,
            &dotted("assessment.body"),
            false,
        );
        let scale = self.scale(&a.scale);
        if a.criteria.value.is_empty() {
            let kind = ProblemKind::NoEntries { what: "criteria" };
            self.report(a.criteria.referenced, &dotted("assessment.criteria"), kind);
        }
        let count = a.criteria.value.len();
        let at = a.criteria.referenced;
        if !self.within(
            count,
            MAX_CRITERIA,
            at,
            &dotted("assessment.criteria"),
            "criteria",
        ) {
            return None;
        }
        let criteria: Vec<_> = a
            .criteria
            .value
            .iter()
            .enumerate()
            .map(|(i, c)| {
                self.criterion(
                    c,
                    &FieldPath::root("assessment").key("criteria").index(i),
                    scale.as_ref(),
                )
            })
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
        let min = self.scale_end(&scale.min, &dotted("assessment.scale.min"));
        let max = self.scale_end(&scale.max, &dotted("assessment.scale.max"));
        let description = self.line(&scale.description, &dotted("assessment.scale.description"));
        let (min, max) = (min?, max?);
        if min >= max {
            let kind = ProblemKind::ScaleOrder {
                min: min.into(),
                max: max.into(),
            };
            self.report(scale.min.referenced, &dotted("assessment.scale"), kind);
            return None;
        }
        Some(Scale {
            min,
            max,
            description: description?,
        })
    }

    fn scale_end(&mut self, value: &Located<input::Cell>, field: &FieldPath) -> Option<u8> {
        let (end, written) = self.small_whole(value, field)?;
        if end > 100 {
            self.report(
                value.referenced,
                field,
                ProblemKind::ScaleBound { value: written },
            );
            return None;
        }
        Some(end)
    }

    fn criterion(
        &mut self,
        c: &input::Criterion,
        field: &FieldPath,
        scale: Option<&Scale>,
    ) -> Option<Criterion> {
        let name_field = field.key("name");
        let name = self.line(&c.name, &name_field);
        let name =
            name.filter(|n| self.short(n, MAX_CRITERION_CHARS, c.name.referenced, &name_field));
        let comment = self.optional_folded(c.comment.as_ref(), &field.key("comment"));
        if c.scores.value.is_empty() && c.comment.is_none() {
            self.report(
                c.scores.referenced,
                &field.key("scores"),
                ProblemKind::NoScores,
            );
            return None;
        }
        let count = c.scores.value.len();
        let (at, scores_field) = (c.scores.referenced, field.key("scores"));
        if !self.within(count, MAX_SCORES, at, &scores_field, "scores") {
            return None;
        }
        // Without a valid scale the scores cannot be judged; the scale's own problem is reported.
        let scale = scale?;
        let scores = c.scores.value.iter().enumerate().map(|(i, score)| {
            let field = field.key("scores").index(i);
            let (value, written) = self.small_whole(score, &field)?;
            if !(scale.min..=scale.max).contains(&value) {
                let (min, max) = (scale.min.into(), scale.max.into());
                let kind = ProblemKind::ScoreOutsideScale {
                    score: written,
                    min,
                    max,
                };
                self.report(score.referenced, &field, kind);
                return None;
            }
            Some(Score::new(value))
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

/// The file's form of `text` (`12415.5`) if it is a number in the form the report prints
/// numbers (`12 415,5`, `3,5`, `1 200`): digits in groups of three parted by a space or a
/// no-break space, and or a decimal comma.
fn printed_number(text: &str) -> Option<String> {
    let text = text.trim();
    let (sign, digits) = match text.strip_prefix(['-', '−']) {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match digits.split_once(',') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let groups: Vec<&str> = whole.split([' ', '\u{a0}', '\u{202f}']).collect();
    let grouped = groups.len() > 1;
    let well_grouped = groups.iter().enumerate().all(|(i, g)| {
        !g.is_empty()
            && g.bytes().all(|b| b.is_ascii_digit())
            && match i {
                0 => !grouped || g.len() <= 3,
                _ => g.len() == 3,
            }
    });
    let fraction_ok =
        fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !well_grouped || !fraction_ok || !(grouped || fraction.is_some()) {
        return None;
    }
    let mut plain = format!("{sign}{}", groups.concat());
    if let Some(fraction) = fraction {
        plain.push('.');
        plain.push_str(fraction);
    }
    Some(plain)
}

#[cfg(test)]
mod tests {

    #[test]
    fn numbers_written_as_printed_are_recognised() {
        assert_eq!(printed_number("12 415,5").as_deref(), Some("12415.5"));
        assert_eq!(printed_number("3,5").as_deref(), Some("3.5"));
        assert_eq!(printed_number("1 200").as_deref(), Some("1200"));
        assert_eq!(
            printed_number("-1\u{a0}200,75").as_deref(),
            Some("-1200.75")
        );
        for text in [
            "100 00",
            "08-508 00 000",
            "ca 3,5",
            "1,",
            "12 41",
            "Förskola",
            "1200",
            "2 st",
        ] {
            assert_eq!(printed_number(text), None, "{text}");
        }
    }
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
