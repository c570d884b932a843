//! The report as the form holds it (JSON) and as the file holds it (YAML), both ways.
//!
//! The form edits a JSON value shaped by the schema; the file is YAML that `render` reads. Both
//! directions go through serde-saphyr, so quoting and block scalars are the YAML library's
//! business, never string formatting of the officer's text.

use serde_json::{Map, Value};

/// Reads YAML text into the value the form edits.
///
/// Scalars that only look like numbers or booleans to YAML 1.1 readers (`0850800000`, `1_000`,
/// `no`) stay text, so that a telephone number or a list item is not changed by opening the
/// file in the editor.
pub fn to_value(yaml: &str) -> Result<Value, serde_saphyr::Error> {
    let yaml = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
    // The same limits as for reading a report, and no guessing of types from YAML 1.1.
    let mut options = crate::report::load::options();
    options.leading_zero_numbers_as_strings = true;
    options.underscored_numbers_as_strings = true;
    options.strict_booleans = true;
    let value: Option<Value> = serde_saphyr::from_str_with_options(yaml, options)?;
    let mut value = value.unwrap_or(Value::Null);
    if let Some(written) = plain_scalars(yaml) {
        keep_as_written(&mut value, &written);
    }
    Ok(value)
}

/// The largest whole number a browser holds exactly (2⁵³ − 1).
const EXACT_IN_A_BROWSER: u64 = (1 << 53) - 1;

/// Puts the written text back in place of every number that would not be written back as it
/// was (`1.50`, `.5`, `1e3`, twenty digits): the form then shows and saves the text, so that
/// opening and saving a file never turns `contract: 1.50` into `1.5`.
fn keep_as_written(value: &mut Value, written: &Value) {
    match (value, written) {
        (value @ Value::Number(_), Value::String(text)) if !writes_back_as(value, text) => {
            *value = Value::String(text.clone());
        }
        (Value::Array(items), Value::Array(texts)) => {
            for (item, text) in items.iter_mut().zip(texts) {
                keep_as_written(item, text);
            }
        }
        (Value::Object(fields), Value::Object(texts)) => {
            for (key, field) in fields.iter_mut() {
                if let Some(text) = texts.get(key) {
                    keep_as_written(field, text);
                }
            }
        }
        _ => {}
    }
}

/// Whether the number `value` is written, and read by the browser, exactly as `text`: a
/// whole number a browser holds exactly, or a fraction in its shortest digits (a browser
/// writes `2.0` as `2`, and large or tiny numbers with an exponent).
fn writes_back_as(value: &Value, text: &str) -> bool {
    let Value::Number(number) = value else {
        return false;
    };
    let whole = number.as_u64().is_some_and(|n| n <= EXACT_IN_A_BROWSER)
        || number
            .as_i64()
            .is_some_and(|n| n.unsigned_abs() <= EXACT_IN_A_BROWSER);
    let fraction = number.is_f64() && number.as_f64().is_some_and(|f| f.fract() != 0.0);
    let shortest = number.to_string();
    (whole || fraction) && !shortest.contains(['e', 'E']) && shortest == text
}

/// The document's shape with each plain scalar as its written text (other scalars are null),
/// from the parser's events; `None` if the events do not make one document.
fn plain_scalars(yaml: &str) -> Option<Value> {
    use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

    let mut tree = Tree::default();
    for event in Parser::new_from_str(yaml) {
        let (event, _) = event.ok()?;
        match event {
            Event::Scalar(text, style, anchor, _) => {
                let node = match style {
                    ScalarStyle::Plain => Value::String(text.into_owned()),
                    _ => Value::Null,
                };
                tree.add(node, anchor);
            }
            Event::Alias(anchor) => tree.add(tree.anchors.get(&anchor)?.clone(), 0),
            Event::SequenceStart(_, anchor, _) => tree.open(Value::Array(Vec::new()), anchor),
            Event::MappingStart(_, anchor, _) => tree.open(Value::Object(Map::new()), anchor),
            Event::SequenceEnd | Event::MappingEnd => tree.close()?,
            Event::DocumentEnd => break,
            _ => {}
        }
    }
    tree.root
}

/// The document being built from the parser's events.
#[derive(Default)]
struct Tree {
    /// Open collections, innermost last, each with its anchor and, in a mapping, the key
    /// waiting for its value.
    open: Vec<(Value, usize, Option<String>)>,
    anchors: std::collections::HashMap<usize, Value>,
    root: Option<Value>,
}

impl Tree {
    fn open(&mut self, collection: Value, anchor: usize) {
        self.open.push((collection, anchor, None));
    }

    fn close(&mut self) -> Option<()> {
        let (collection, anchor, _) = self.open.pop()?;
        self.add(collection, anchor);
        Some(())
    }

    fn add(&mut self, node: Value, anchor: usize) {
        if anchor != 0 {
            // Aliases were bounded when the document was read; the copy is bounded alike.
            self.anchors.insert(anchor, node.clone());
        }
        match self.open.last_mut() {
            None => self.root = Some(node),
            Some((Value::Array(items), _, _)) => items.push(node),
            Some((Value::Object(fields), _, key)) => match key.take() {
                Some(key) => {
                    fields.insert(key, node);
                }
                None => *key = Some(node.as_str().unwrap_or_default().to_owned()),
            },
            Some(_) => {}
        }
    }
}

/// Writes the form's value as YAML: keys in the form's order, long and multi-line texts as
/// block scalars, everything else quoted only where YAML needs it.
pub(crate) fn to_yaml(value: &Value) -> Result<String, serde_saphyr::ser::Error> {
    let mut out = String::from(SCHEMA_LINE);
    let options = serde_saphyr::ser_options! {
        indent_step: 2,
        compact_list_indent: false,
    };
    serde_saphyr::to_fmt_writer_with_options(&mut out, value, options)?;
    Ok(out)
}

/// The first line of every file the editor writes: editors with a YAML language server then
/// check and complete it against the schema, as they do for `new`'s starter file.
const SCHEMA_LINE: &str = "# yaml-language-server: $schema=uppfoljning.schema.json\n";

/// Whether writing `yaml` back from the form would lose something the file has: comments, or
/// a layout of its own. The editor then keeps the original beside it on the first save.
pub(crate) fn loses_on_save(yaml: &str) -> bool {
    let Ok(value) = to_value(yaml) else {
        return true;
    };
    to_yaml(&value).map_or(true, |written| written != yaml)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    #[test]
    fn numbers_that_are_really_text_stay_text() {
        let value = to_value("phone: 0850800000\nlist: [no, yes, 1_000]\ncells: [12, 86.5]\n")
            .expect("reads");
        assert_eq!(value["phone"], json!("0850800000"));
        assert_eq!(value["list"], json!(["no", "yes", "1_000"]));
        assert_eq!(value["cells"], json!([12, 86.5]));
    }

    #[test]
    fn numbers_come_to_the_form_as_written_unless_they_write_back_identically() {
        let yaml = "contract: 1.50\nsupplier: 12\nref: 12345678901234567890\nhalf: .5\n\
                    cells: [\"12\", 12, 86.5, 86.50, -3, 1e3]\nanchor: &a 2.0\nagain: *a\n";
        let value = to_value(yaml).expect("reads");
        assert_eq!(value["contract"], json!("1.50"));
        assert_eq!(value["supplier"], json!(12));
        assert_eq!(value["ref"], json!("12345678901234567890"));
        assert_eq!(value["half"], json!(".5"));
        assert_eq!(value["cells"], json!(["12", 12, 86.5, "86.50", -3, "1e3"]));
        assert_eq!(value["again"], json!("2.0"));
        let back = to_value(&to_yaml(&value).expect("writes")).expect("reads back");
        assert_eq!(
            back, value,
            "saving from the form changes nothing the file said"
        );
    }

    #[test]
    fn keys_keep_the_forms_order_and_texts_come_back_exactly() {
        let value = json!({
            "dnr": "125-1210/2014",
            "contract": "Coachning: av #chefer {{ x }} </script>",
            "date": "2016-03-01",
            "phone": "0850800000",
            "sections": [{"body": ["Rad ett\nrad två\n\nNytt stycke.", {"quote": "ja"}]}],
        });
        let yaml = to_yaml(&value).expect("writes");
        assert!(yaml.starts_with(SCHEMA_LINE));
        let dnr = yaml.find("dnr:").expect("dnr");
        let contract = yaml.find("contract:").expect("contract");
        assert!(dnr < contract, "{yaml}");
        assert_eq!(to_value(&yaml).expect("reads back"), value, "{yaml}");
        assert!(
            !loses_on_save(&yaml),
            "the editor's own file is kept as it is"
        );
        assert!(loses_on_save(&format!("{yaml}# a comment\n")));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Whatever the officer types comes back from the file exactly as typed.
        #[test]
        fn any_text_survives_the_round_trip(text in "\\PC*|[ \t\n#:'\"{}\\[\\]|>&*!%@`-]{0,12}", other in "[ -~\n]{0,200}") {
            let value = json!({"a": text, "b": [other.clone(), {"c": other}]});
            let yaml = to_yaml(&value).expect("writes");
            prop_assert_eq!(to_value(&yaml).expect("reads back"), value, "{}", yaml);
        }
    }
}
