//! What the template sees of a report: display-ready strings worded by the report's labels,
//! tables with their numbers written out, findings, assessment and attachments.

use serde::Serialize;

use crate::report::figures;
use crate::report::{Block, Cell, Report};
use crate::typeset::locale::Labels;
use crate::typeset::world::SOURCE_NAME;

/// What the template sees: display-ready strings, worded by [`Labels`].
#[derive(Serialize)]
pub(super) struct Context<'a> {
    lang: &'static str,
    labels: &'a Labels,
    doc_type: &'static str,
    /// The title's lines: `Uppföljning av avtal, dnr …,` and the contract.
    title: [String; 2],
    dnr: &'a str,
    date: String,
    organisation: &'a str,
    unit: Option<&'a str>,
    author: Option<&'a str>,
    phone: Option<&'a str>,
    recipient: Option<&'a str>,
    keywords: Vec<&'a str>,
    description: String,
    contract: &'a str,
    supplier: &'a str,
    /// When the follow-up was performed, and the optional dates of the facts block, worded.
    performed: String,
    summary_until: Option<String>,
    next: Option<String>,
    contact: &'a [String],
    sections: Vec<SectionView<'a>>,
    assessment: Option<AssessmentView<'a>>,
    pub(super) font: &'a str,
    pub(super) attach: Option<AttachView>,
    numbered: bool,
    contents: bool,
    proposal: &'a [String],
    findings: Option<FindingsView<'a>>,
    signatures: &'a [crate::report::Signature],
    appendices: Vec<String>,
}

/// A block as the template sees it: as it is, or a table with its numbers written out.
#[derive(Serialize)]
#[serde(untagged)]
enum BlockView<'a> {
    Plain(&'a Block),
    Table(TableView<'a>),
}

impl<'a> BlockView<'a> {
    fn all(blocks: &'a [Block], labels: &Labels) -> Vec<Self> {
        blocks
            .iter()
            .map(|block| match block {
                Block::Table(table) => Self::Table(TableView::new(table, labels)),
                other => Self::Plain(other),
            })
            .collect()
    }
}

/// A table with every cell as the text to print and whether it is a number.
#[derive(Serialize)]
struct TableView<'a> {
    kind: &'static str,
    caption: Option<&'a str>,
    columns: Vec<&'a str>,
    /// Per column: whether it holds numbers (and no text), so it is set right-aligned.
    numeric: Vec<bool>,
    /// A row of each column's longest cell, which the style measures to size the table.
    widest: Vec<CellView>,
    rows: Vec<Vec<CellView>>,
    total: Option<Vec<CellView>>,
}

#[derive(Serialize)]
struct CellView {
    text: String,
    number: bool,
}

impl<'a> TableView<'a> {
    fn new(table: &'a crate::report::Table, labels: &Labels) -> Self {
        let row = |cells: &[Cell]| cells.iter().map(|c| CellView::new(c, labels)).collect();
        let rows: Vec<Vec<CellView>> = table.rows.iter().map(|r| row(r)).collect();
        let total: Option<Vec<CellView>> = table.total.as_deref().map(row);
        Self {
            kind: "table",
            caption: table.caption.as_deref(),
            columns: table.columns.iter().map(String::as_str).collect(),
            numeric: numeric_columns(table.columns.len(), rows.iter().chain(&total)),
            widest: widest_cells(table.columns.len(), rows.iter().chain(&total)),
            rows,
            total,
        }
    }
}

/// Each of `width` columns' cell with the most characters.
fn widest_cells<'c>(width: usize, rows: impl Iterator<Item = &'c Vec<CellView>>) -> Vec<CellView> {
    let mut widest: Vec<CellView> = (0..width).map(|_| CellView::text("")).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if cell.text.chars().count() > widest[i].text.chars().count() {
                widest[i] = CellView {
                    text: cell.text.clone(),
                    number: cell.number,
                };
            }
        }
    }
    widest
}

/// Which of `width` columns hold numbers and nothing but numbers and empty cells.
fn numeric_columns<'c>(width: usize, rows: impl Iterator<Item = &'c Vec<CellView>>) -> Vec<bool> {
    let mut numbers = vec![0usize; width];
    let mut texts = vec![0usize; width];
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            match (cell.number, cell.text.is_empty()) {
                (true, _) => numbers[i] += 1,
                (false, false) => texts[i] += 1,
                (false, true) => {}
            }
        }
    }
    numbers
        .iter()
        .zip(&texts)
        .map(|(n, t)| *n > 0 && *t == 0)
        .collect()
}

impl CellView {
    fn new(cell: &Cell, labels: &Labels) -> Self {
        match (cell, labels.number(cell)) {
            (_, Some(text)) => Self { text, number: true },
            (Cell::Text(text), None) => Self {
                text: text.clone(),
                number: false,
            },
            _ => Self {
                text: String::new(),
                number: false,
            },
        }
    }

    fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            number: false,
        }
    }
}

/// The findings: each with its title and labelled facts, and the table of actions.
#[derive(Serialize)]
struct FindingsView<'a> {
    heading: &'a str,
    items: Vec<FindingView<'a>>,
    actions: Option<TableView<'a>>,
}

#[derive(Serialize)]
struct FindingView<'a> {
    title: String,
    paragraphs: &'a [String],
    facts: Vec<(&'static str, String)>,
}

impl<'a> FindingsView<'a> {
    fn new(findings: &'a crate::report::Findings, labels: &Labels) -> Self {
        let mut rows = Vec::new();
        let items = findings.items.iter().enumerate().map(|(i, f)| {
            let number = i + 1;
            let status = f.status.map(|s| labels.status_name(s).to_owned());
            let deadline = f.deadline.map(|d| d.to_string());
            let facts: Vec<(&'static str, String)> = [
                (labels.requirement, f.requirement.clone()),
                (labels.action, f.action.clone()),
                (labels.responsible, f.responsible.clone()),
                (labels.deadline, deadline.clone()),
                (labels.status, status.clone()),
            ]
            .into_iter()
            .filter_map(|(label, value)| value.map(|v| (label, v)))
            .collect();
            if let Some(action) = &f.action {
                rows.push(vec![
                    CellView {
                        text: number.to_string(),
                        number: true,
                    },
                    CellView::text(action.clone()),
                    CellView::text(f.responsible.clone().unwrap_or_default()),
                    CellView::text(deadline.unwrap_or_default()),
                    CellView::text(status.unwrap_or_default()),
                ]);
            }
            FindingView {
                title: format!("{} {number}", labels.finding),
                paragraphs: &f.paragraphs,
                facts,
            }
        });
        let items = items.collect();
        let actions = (!rows.is_empty()).then(|| TableView {
            kind: "table",
            caption: None,
            numeric: vec![true, false, false, false, false],
            widest: widest_cells(5, rows.iter()),
            columns: vec![
                labels.number,
                labels.action,
                labels.responsible,
                labels.deadline,
                labels.status,
            ],
            rows,
            total: None,
        });
        Self {
            heading: findings.heading.as_deref().unwrap_or(labels.findings),
            items,
            actions,
        }
    }
}

/// The source YAML to attach: where the world serves it and how the PDF describes it; and the
/// figures' images, by the names the YAML gives them.
#[derive(Serialize)]
pub(super) struct AttachView {
    path: String,
    description: String,
    images: Vec<ImageAttach>,
}

impl AttachView {
    /// The source YAML of `report` and its images, as the PDF attaches them.
    pub(super) fn of(report: &Report, labels: &Labels) -> Self {
        Self {
            path: format!("/{SOURCE_NAME}"),
            description: format!("{} {}", labels.source, report.dnr.as_str()),
            images: report
                .images
                .iter()
                .enumerate()
                .map(|(i, image)| ImageAttach {
                    name: image.name.clone(),
                    path: figures::served_at(i, image.format),
                    mime: image.format.mime(),
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct ImageAttach {
    name: String,
    path: String,
    mime: &'static str,
}

#[derive(Serialize)]
struct SectionView<'a> {
    heading: Option<&'a str>,
    blocks: Vec<BlockView<'a>>,
}

#[derive(Serialize)]
struct AssessmentView<'a> {
    heading: &'a str,
    blocks: Vec<BlockView<'a>>,
    names: Vec<&'a str>,
    description: &'a str,
    min: u8,
    max: u8,
    rows: Vec<RowView<'a>>,
    comments: Vec<CommentView<'a>>,
}

/// A criterion's comment, with the criterion's name.
#[derive(Serialize)]
struct CommentView<'a> {
    name: &'a str,
    comment: &'a str,
}

#[derive(Serialize)]
struct RowView<'a> {
    name: &'a str,
    answers: usize,
    mean: Option<f64>,
    mean_text: String,
}

impl<'a> Context<'a> {
    pub(super) fn new(report: &'a Report, labels: &'a Labels) -> Self {
        let dnr = report.dnr.as_str();
        Self {
            lang: labels.lang,
            labels,
            doc_type: labels.doc_type,
            title: labels.title_lines(report),
            dnr,
            date: report.date.to_string(),
            organisation: &report.organisation,
            unit: report.unit.as_deref(),
            author: report.author.as_deref(),
            phone: report.phone.as_deref(),
            recipient: report.recipient.as_deref(),
            keywords: labels.keywords(report),
            description: labels.description(report),
            contract: &report.contract,
            supplier: &report.supplier,
            performed: labels.period(report.performed),
            summary_until: report.supplier_summary_until.map(|d| labels.period(d)),
            next: report.next.map(|d| labels.period(d)),
            contact: &report.contact,
            sections: report
                .sections
                .iter()
                .map(|s| SectionView {
                    heading: s.heading.as_deref(),
                    blocks: BlockView::all(&s.blocks, labels),
                })
                .collect(),
            assessment: report
                .assessment
                .as_ref()
                .map(|a| AssessmentView::new(a, labels)),
            font: crate::typeset::fonts::DEFAULT_FAMILY,
            attach: None,
            numbered: report.numbered,
            contents: report.contents,
            proposal: &report.proposal,
            findings: report
                .findings
                .as_ref()
                .map(|f| FindingsView::new(f, labels)),
            signatures: &report.signatures,
            appendices: report
                .appendices
                .iter()
                .enumerate()
                .map(|(i, title)| format!("{} {}. {title}", labels.appendix, i + 1))
                .collect(),
        }
    }
}

impl<'a> AssessmentView<'a> {
    fn new(a: &'a crate::report::Assessment, labels: &Labels) -> Self {
        let rows: Vec<RowView> = a
            .criteria
            .iter()
            .map(|c| {
                let mean = c.mean();
                RowView {
                    name: &c.name,
                    answers: c.scores.len(),
                    mean,
                    mean_text: mean.map_or("–".to_owned(), |m| labels.one_decimal(m)),
                }
            })
            .collect();
        let (min, max) = (a.scale.min, a.scale.max);
        Self {
            heading: a.heading.as_deref().unwrap_or(labels.assessment),
            blocks: BlockView::all(&a.blocks, labels),
            comments: a
                .criteria
                .iter()
                .filter_map(|c| {
                    let comment = c.comment.as_deref()?;
                    Some(CommentView {
                        name: &c.name,
                        comment,
                    })
                })
                .collect(),
            names: a.criteria.iter().map(|c| c.name.as_str()).collect(),
            description: &a.scale.description,
            min,
            max,
            rows,
        }
    }
}
