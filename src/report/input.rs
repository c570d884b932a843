//! The YAML format as written by users: plain serde types, one per YAML node.
//!
//! These types only describe the shape of the file. Values are checked and turned into the
//! domain types of [`crate::report`] by [`crate::report::validate`], which reports every problem at
//! once with its line and field.

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

/// A scalar with the place in the YAML it came from.
pub(crate) type Located<T> = Spanned<T>;

/// A text value with its place in the YAML.
pub(crate) type Text = Located<String>;

/// The whole YAML document.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Document {
    /// The diary number, printed as written.
    #[schemars(with = "String")]
    pub dnr: Text,
    /// The contract's name.
    #[schemars(with = "String")]
    pub contract: Text,
    /// The supplier the contract is with.
    #[schemars(with = "String")]
    pub supplier: Text,
    /// The issuing förvaltning.
    #[schemars(with = "String")]
    pub organisation: Text,
    /// The avdelning.
    #[schemars(with = "Option<String>")]
    pub unit: Option<Text>,
    /// The handläggare.
    #[schemars(with = "Option<String>")]
    pub author: Option<Text>,
    /// The handläggare's telephone number.
    #[schemars(with = "Option<String>")]
    pub phone: Option<Text>,
    /// The board the report goes to.
    #[schemars(with = "Option<String>")]
    pub recipient: Option<Text>,
    /// The report's date, `YYYY-MM-DD`.
    #[schemars(with = "String", extend("format" = "date"))]
    pub date: Text,
    /// The language of the report's fixed words: `sv` (default) or `en`.
    #[schemars(with = "Option<Language>")]
    pub language: Option<Text>,
    /// The font family of the text, from the embedded fonts or `--font-path`.
    #[schemars(with = "Option<String>")]
    pub font: Option<Text>,
    /// When the follow-up was done.
    pub follow_up: FollowUp,
    /// Address lines for page 1's footer.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub contact: Vec<Text>,
    /// Whether headings are numbered `1`, `1.1`.
    #[serde(default)]
    pub numbered: bool,
    /// Whether a table of contents follows the facts.
    #[serde(default)]
    pub contents: bool,
    /// The proposed decision, one numbered point per entry.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub proposal: Vec<Text>,
    /// The report's sections in reading order.
    #[schemars(with = "Vec<Section>")]
    pub sections: Located<Vec<Section>>,
    /// Findings with the actions they require.
    pub findings: Option<Findings>,
    /// The scores on the procurement's assessment criteria.
    pub assessment: Option<Assessment>,
    /// Who signs the report, side by side at the end.
    #[serde(default)]
    pub signatures: Vec<Signature>,
    /// The titles of the report's appendices (Bilagor).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub appendices: Vec<Text>,
}

impl Document {
    /// The image paths of every figure, as written, in document order (repeats included).
    pub(crate) fn figure_images(&self) -> Vec<&str> {
        let sections = self.sections.value.iter().flat_map(|s| &s.body.value);
        let assessment = self.assessment.iter().flat_map(|a| &a.body);
        sections
            .chain(assessment)
            .filter_map(|block| match &block.value {
                Block::Figure(figure) => Some(figure.image.value.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// The findings and the actions they require.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Findings {
    /// The heading; `Iakttagelser och åtgärder` when absent.
    #[schemars(with = "Option<String>")]
    pub heading: Option<Text>,
    /// The findings in order.
    #[schemars(with = "Vec<Finding>")]
    pub items: Located<Vec<Finding>>,
}

/// One finding, with what is required and done about it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Finding {
    /// What was found; a blank line starts a new paragraph.
    #[schemars(with = "String", extend("x-multiline" = true))]
    pub finding: Text,
    /// The requirement (contract, law) it concerns.
    #[schemars(with = "Option<String>")]
    pub requirement: Option<Text>,
    /// The action required.
    #[schemars(with = "Option<String>", extend("x-multiline" = true))]
    pub action: Option<Text>,
    /// Who is responsible for the action.
    #[schemars(with = "Option<String>")]
    pub responsible: Option<Text>,
    /// The action's deadline, `YYYY-MM-DD`.
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub deadline: Option<Text>,
    /// `open`, `ongoing` or `done`.
    #[schemars(with = "Option<Status>")]
    pub status: Option<Text>,
}

/// The languages of the report's fixed words, for the schema (validation reads the text).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Language {
    /// Svenska.
    Sv,
    /// English.
    En,
}

/// The state of a finding's action.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Status {
    /// Not started.
    Open,
    /// Under way.
    Ongoing,
    /// Done.
    Done,
}

/// One signature: a name and, optionally, a title.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Signature {
    /// The signer's name.
    #[schemars(with = "String")]
    pub name: Text,
    /// The signer's title, e.g. `Avdelningschef`.
    #[schemars(with = "Option<String>")]
    pub title: Option<Text>,
}

/// The follow-up's own dates.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct FollowUp {
    /// When the follow-up was performed, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(with = "String", extend("format" = "period"))]
    pub performed: Text,
    /// The last date the supplier's summary covers, same forms.
    #[schemars(with = "Option<String>", extend("format" = "period"))]
    pub supplier_summary_until: Option<Text>,
    /// When the next follow-up is planned, same forms.
    #[schemars(with = "Option<String>", extend("format" = "period"))]
    pub next: Option<Text>,
}

/// A titled (or, first, untitled) part of the report.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Section {
    /// The section heading; none for an introduction.
    #[schemars(with = "Option<String>")]
    pub heading: Option<Text>,
    /// The blocks in reading order.
    #[schemars(with = "Vec<Block>")]
    pub body: Located<Vec<Located<Block>>>,
}

/// One block of running text.
#[derive(Debug)]
pub(crate) enum Block {
    /// A plain string: one or more paragraphs.
    Paragraph(String),
    /// An interview quote.
    Quote(Quote),
    /// A sub-topic heading.
    Subheading(Text),
    /// A bulleted list.
    List(Vec<Text>),
    /// A table of text and figures.
    Table(Table),
    /// An image with its text alternative.
    Figure(Figure),
}

/// A table: column headings, rows of cells, an optional total row.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Table {
    /// The table's caption.
    #[schemars(with = "Option<String>")]
    pub caption: Option<Text>,
    /// The column headings.
    #[schemars(with = "Vec<String>")]
    pub columns: Located<Vec<Text>>,
    /// The rows, each with one cell per column.
    #[schemars(with = "Vec<Vec<Cell>>")]
    pub rows: Located<Vec<Located<Vec<Located<Cell>>>>>,
    /// A last row of totals, printed bold.
    #[schemars(with = "Option<Vec<Cell>>")]
    pub total: Option<Located<Vec<Located<Cell>>>>,
}

/// One table cell, or a score, as the YAML reader took it. A number keeps no value of its own:
/// what is shown is its text as written, taken from its place in the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    /// Text (a quoted or plain string), printed as written.
    Text(String),
    /// A scalar the reader took as a number, in whatever form (`12`, `0x10`, `1e3`).
    Number,
    /// `""` or `null`: an empty cell.
    Empty,
}

/// An image file beside the YAML, with its text alternative.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Figure {
    /// The image (PNG, JPEG or SVG), relative to the YAML file's folder.
    #[schemars(with = "String")]
    pub image: Text,
    /// What the image shows, in words, for readers who cannot see it.
    #[schemars(with = "String", extend("x-multiline" = true))]
    pub alt: Text,
    /// The caption printed under it.
    #[schemars(with = "Option<String>")]
    pub caption: Option<Text>,
}

/// An interview quote, written without its quotation marks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Quote {
    /// The quoted words.
    #[schemars(with = "String", extend("x-multiline" = true))]
    pub text: Text,
    /// Who said it, if it may be said.
    #[schemars(with = "Option<String>")]
    pub source: Option<Text>,
    /// Whether the report adds ” ”; `false` when the text carries its own marks as written.
    #[serde(default = "yes")]
    pub marks: bool,
}

fn yes() -> bool {
    true
}

/// The assessment of the supplier on the procurement's criteria.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Assessment {
    /// The heading; `Bedömningsgrunder` when absent.
    #[schemars(with = "Option<String>")]
    pub heading: Option<Text>,
    /// Text before the criteria.
    #[serde(default)]
    #[schemars(with = "Vec<Block>")]
    pub body: Vec<Located<Block>>,
    /// The scale the scores are given on.
    pub scale: Scale,
    /// The criteria with the respondents' scores.
    #[schemars(with = "Vec<Criterion>")]
    pub criteria: Located<Vec<Criterion>>,
}

/// The scoring scale.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Scale {
    /// The lowest score.
    #[schemars(with = "i64")]
    pub min: Located<Cell>,
    /// The highest score.
    #[schemars(with = "i64")]
    pub max: Located<Cell>,
    /// What the ends of the scale mean.
    #[schemars(with = "String", extend("x-multiline" = true))]
    pub description: Text,
}

/// One assessment criterion and its scores.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct Criterion {
    /// The criterion's name.
    #[schemars(with = "String")]
    pub name: Text,
    /// One score per respondent; empty when the criterion has a comment instead.
    #[schemars(with = "Vec<i64>")]
    pub scores: Located<Vec<Located<Cell>>>,
    /// A comment, printed under the table.
    #[schemars(with = "Option<String>", extend("x-multiline" = true))]
    pub comment: Option<Text>,
}

impl JsonSchema for Block {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Block".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let quote = generator.subschema_for::<Quote>();
        let table = generator.subschema_for::<Table>();
        let figure = generator.subschema_for::<Figure>();
        schemars::json_schema!({
            "description": "A block of running text: a paragraph string, or one of `quote`, `subheading`, `list`, `table`, `figure`.",
            "anyOf": [
                {
                    "type": "string",
                    "description": "A paragraph. Single line breaks are spaces; a blank line starts a new paragraph."
                },
                {
                    "type": "object",
                    "properties": {
                        "quote": {
                            "description": "An interview quote, without quotation marks (the report adds ” ”).",
                            "anyOf": [{ "type": "string" }, quote]
                        }
                    },
                    "required": ["quote"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": { "subheading": { "type": "string", "description": "A question or sub-topic heading." } },
                    "required": ["subheading"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": {
                        "list": { "type": "array", "items": { "type": "string" }, "minItems": 1, "description": "A bulleted list." }
                    },
                    "required": ["list"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": { "table": table },
                    "required": ["table"],
                    "additionalProperties": false
                },
                {
                    "type": "object",
                    "properties": { "figure": figure },
                    "required": ["figure"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BlockVisitor)
    }
}

/// Reads a block: a string, or a map with exactly one of `quote`, `subheading`, `list`.
struct BlockVisitor;

const BLOCK_KINDS: &[&str] = &["quote", "subheading", "list", "table", "figure"];

impl<'de> Visitor<'de> for BlockVisitor {
    type Value = Block;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "a paragraph string or one of `quote:`, `subheading:`, `list:`, `table:`, `figure:`",
        )
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Block, E> {
        Ok(Block::Paragraph(value.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
        let Some(kind) = map.next_key::<String>()? else {
            return Err(de::Error::invalid_length(0, &self));
        };
        let block = match kind.as_str() {
            "quote" => Block::Quote(map.next_value::<QuoteForm>()?.0),
            "subheading" => Block::Subheading(map.next_value()?),
            "list" => Block::List(map.next_value()?),
            "table" => Block::Table(map.next_value()?),
            "figure" => Block::Figure(map.next_value()?),
            other => return Err(de::Error::unknown_field(other, BLOCK_KINDS)),
        };
        if let Some(extra) = map.next_key::<String>()? {
            return Err(de::Error::custom(format_args!(
                "a block has one kind, but `{kind}` is followed by `{extra}`"
            )));
        }
        Ok(block)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Block, A::Error> {
        Err(de::Error::invalid_type(de::Unexpected::Seq, &self))
    }
}

/// A quote written either as its text alone or as a map with `text`, `source`, `marks`.
struct QuoteForm(Quote);

impl<'de> Deserialize<'de> for QuoteForm {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(QuoteVisitor)
    }
}

struct QuoteVisitor;

impl<'de> Visitor<'de> for QuoteVisitor {
    type Value = QuoteForm;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("the quote's text, or a map with `text` and optional `source`, `marks`")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<QuoteForm, E> {
        Ok(QuoteForm(Quote {
            // A bare string has no span of its own here; the enclosing block's is used.
            text: Spanned::new(value.to_owned(), Location::UNKNOWN, Location::UNKNOWN),
            source: None,
            marks: true,
        }))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<QuoteForm, A::Error> {
        Quote::deserialize(de::value::MapAccessDeserializer::new(map)).map(QuoteForm)
    }
}

impl JsonSchema for Cell {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cell".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A table cell: text (printed as written, left-aligned), a number (right-aligned, written in the report's number format) or empty (\"\" or null).",
            "type": ["string", "number", "null"]
        })
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CellVisitor)
    }
}

/// Reads a cell: a string, a number, or nothing.
struct CellVisitor;

impl<'de> Visitor<'de> for CellVisitor {
    type Value = Cell;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a table cell: text, a number, or \"\" / null for an empty cell")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Cell, E> {
        Ok(match value.trim().is_empty() {
            true => Cell::Empty,
            false => Cell::Text(value.to_owned()),
        })
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Cell, E> {
        Ok(Cell::Number)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Cell, E> {
        Ok(Cell::Number)
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Cell, E> {
        Ok(Cell::Number)
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Cell, E> {
        Ok(Cell::Number)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Cell, E> {
        Ok(Cell::Number)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Cell, E> {
        Ok(Cell::Empty)
    }

    fn visit_none<E: de::Error>(self) -> Result<Cell, E> {
        Ok(Cell::Empty)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Cell, D::Error> {
        deserializer.deserialize_any(self)
    }
}
