//! The report as the form holds it (JSON) and as the file holds it (YAML), both ways.
//!
//! The form edits a JSON value shaped by the schema; the file is YAML that `render` reads. Both
//! directions go through serde-saphyr, so quoting and block scalars are the YAML library's
//! business, never string formatting of the officer's text.

use serde_json::Value;

/// Reads YAML text into the value the form edits.
///
/// Scalars that only look like numbers or booleans to YAML 1.1 readers (`0850800000`, `1_000`,
/// `no`) stay text, so that a telephone number or a list item is not changed by opening the
/// file in the editor.
pub fn to_value(yaml: &str) -> Result<Value, serde_saphyr::Error> {
    let yaml = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
    // The same limits as for reading a report, and no guessing of types from YAML 1.1.
    let mut options = crate::parse::options();
    options.leading_zero_numbers_as_strings = true;
    options.underscored_numbers_as_strings = true;
    options.strict_booleans = true;
    let value: Option<Value> = serde_saphyr::from_str_with_options(yaml, options)?;
    Ok(value.unwrap_or(Value::Null))
}

/// Writes the form's value as YAML: keys in the form's order, long and multi-line texts as
/// block scalars, everything else quoted only where YAML needs it.
pub fn to_yaml(value: &Value) -> Result<String, serde_saphyr::ser::Error> {
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
pub fn loses_on_save(yaml: &str) -> bool {
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
