//! The YAML format as written by users: plain serde types, one per YAML node.
//!
//! These types only describe the shape of the file. Values are checked and turned into the
//! domain types of [`crate::report`] by [`crate::validate`], which reports every problem at
//! once with its line and field.

use std::fmt;

use schemars::JsonSchema;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

/// A scalar with the place in the YAML it came from.
pub type Located<T> = Spanned<T>;

/// A text value with its place in the YAML.
pub type Text = Located<String>;

/// The whole YAML document.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
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
    #[schemars(with = "String")]
    pub date: Text,
    /// When the follow-up was done.
    pub follow_up: FollowUp,
    /// Address lines for page 1's footer.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub contact: Vec<Text>,
    /// The language of the report's fixed words: `sv` (default) or `en`.
    #[schemars(with = "Option<String>")]
    pub language: Option<Text>,
    /// The font family of the text, from the embedded fonts or `--font-path`.
    #[schemars(with = "Option<String>")]
    pub font: Option<Text>,
    /// The report's sections in reading order.
    #[schemars(with = "Vec<Section>")]
    pub sections: Located<Vec<Section>>,
    /// The scores on the procurement's assessment criteria.
    pub assessment: Option<Assessment>,
}

/// The follow-up's own dates.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// When the follow-up was performed, `YYYY-MM` or `YYYY-MM-DD`.
    #[schemars(with = "String")]
    pub performed: Text,
    /// The last date the supplier's summary covers, same forms.
    #[schemars(with = "Option<String>")]
    pub supplier_summary_until: Option<Text>,
}

/// A titled (or, first, untitled) part of the report.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The section heading; none for an introduction.
    #[schemars(with = "Option<String>")]
    pub heading: Option<Text>,
    /// The blocks in reading order.
    #[schemars(with = "Vec<Block>")]
    pub body: Located<Vec<Located<Block>>>,
}

/// One block of running text.
#[derive(Debug)]
pub enum Block {
    /// A plain string: one or more paragraphs.
    Paragraph(String),
    /// An interview quote.
    Quote(Quote),
    /// A sub-topic heading.
    Subheading(Text),
    /// A bulleted list.
    List(Vec<Text>),
}

/// An interview quote, written without its quotation marks.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// The quoted words.
    #[schemars(with = "String")]
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
pub struct Assessment {
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
pub struct Scale {
    /// The lowest score.
    #[schemars(with = "i64")]
    pub min: Located<i64>,
    /// The highest score.
    #[schemars(with = "i64")]
    pub max: Located<i64>,
    /// What the ends of the scale mean.
    #[schemars(with = "String")]
    pub description: Text,
}

/// One assessment criterion and its scores.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// The criterion's name.
    #[schemars(with = "String")]
    pub name: Text,
    /// One score per respondent.
    #[schemars(with = "Vec<i64>")]
    pub scores: Located<Vec<Located<i64>>>,
}

impl JsonSchema for Block {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Block".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let quote = generator.subschema_for::<Quote>();
        schemars::json_schema!({
            "description": "A block of running text: a paragraph string, or one of `quote`, `subheading`, `list`.",
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

const BLOCK_KINDS: &[&str] = &["quote", "subheading", "list"];

impl<'de> Visitor<'de> for BlockVisitor {
    type Value = Block;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a paragraph string or one of `quote:`, `subheading:`, `list:`")
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
