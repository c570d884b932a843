//! Values written as Typst literals: whatever the text, it evaluates to exactly itself and is
//! never read as markup or code.

use minijinja::value::{Value, ValueKind};

/// Writes `value` as a Typst literal that evaluates to exactly that value.
pub(crate) fn typst_literal(value: &Value) -> Result<String, minijinja::Error> {
    let mut out = String::new();
    write_literal(&mut out, value)?;
    Ok(out)
}

fn write_literal(out: &mut String, value: &Value) -> Result<(), minijinja::Error> {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => write_number(out, value)?,
        ValueKind::String => write_string(out, value.as_str().unwrap_or_default()),
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in value.try_iter()? {
                write_literal(out, &item)?;
                // A trailing comma keeps a one-element array from being read as parentheses.
                out.push_str(", ");
            }
            out.push(')');
        }
        ValueKind::Map => {
            let keys: Vec<Value> = value.try_iter()?.collect();
            if keys.is_empty() {
                out.push_str("(:)");
                return Ok(());
            }
            out.push('(');
            for key in keys {
                write_string(out, &key.to_string());
                out.push_str(": ");
                write_literal(out, &value.get_item(&key)?)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        _ => {
            return Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                format!("a {} cannot be placed in Typst", value.kind()),
            ));
        }
    }
    Ok(())
}

fn write_number(out: &mut String, value: &Value) -> Result<(), minijinja::Error> {
    if let Ok(int) = i64::try_from(value.clone()) {
        out.push_str(&int.to_string());
    } else if let Ok(float) = f64::try_from(value.clone()) {
        if !float.is_finite() {
            return Err(minijinja::Error::new(
                minijinja::ErrorKind::InvalidOperation,
                "a number that is not finite",
            ));
        }
        out.push_str(&format!("{float:?}"));
    }
    Ok(())
}

/// A Typst string literal: only `\` and `"` are special, control characters are escaped.
pub(crate) fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}
