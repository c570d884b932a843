//! Placing report data into the Typst template with minijinja.
//!
//! Templates named `*.typ.j2` are written in Typst *code* positions, and every value they print
//! goes through [`typst_literal`]: a string becomes a Typst string literal, `none` becomes
//! `none`, a list an array. So no text from the YAML can ever be read as markup or code, and no
//! template has to remember a filter.

use minijinja::value::{Serde, Value, ValueKind};
use minijinja::{AutoEscape, Environment, Output, State, UndefinedBehavior};
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::report::Report;
use crate::typeset::locale::Labels;

mod literal;
mod trace;
mod view;

pub(crate) use literal::typst_literal;
use view::{AttachView, Context};

/// The main template's name, rendered into `/main.typ`.
pub(crate) const MAIN_TEMPLATE: &str = "report.typ.j2";
/// The style module's name, imported by the main file.
pub(crate) const STYLE_MODULE: &str = "style.typ";
/// The built-in main template.
const BUILT_IN_MAIN: &str = include_str!("../../../templates/report.typ.j2");
/// The built-in style module.
const BUILT_IN_STYLE: &str = include_str!("../../../templates/style.typ");

/// The template set a render uses: the built-in one, or a user's folder overriding it file by
/// file.
#[derive(Debug, Clone)]
pub struct Templates {
    /// The main template's text.
    pub main: String,
    /// The style module's text.
    pub style: String,
    /// The user's folder, whose other files the style may read.
    pub folder: Option<PathBuf>,
}

impl Templates {
    /// The templates compiled into the binary.
    pub fn built_in() -> Self {
        Self {
            main: BUILT_IN_MAIN.to_owned(),
            style: BUILT_IN_STYLE.to_owned(),
            folder: None,
        }
    }

    /// The templates in `folder`; a file it lacks falls back to the built-in one.
    pub fn from_folder(folder: &Path) -> Result<Self, Error> {
        if !folder.is_dir() {
            let source = std::io::Error::new(std::io::ErrorKind::NotFound, "not a folder");
            return Err(Error::Templates {
                path: crate::error::Origin::from(folder.to_path_buf()),
                source,
            });
        }
        let read = |name: &str, built_in: &str| {
            let path = folder.join(name);
            // A template is text of a report's size at most, and only ever a regular file.
            let read =
                crate::base::files::read_regular(&path, crate::base::limits::MAX_INPUT_BYTES);
            let fault = match read {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => return Ok(text),
                    Err(_) => {
                        std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text")
                    }
                },
                Err(crate::base::files::ReadFault::Io(err))
                    if err.kind() == std::io::ErrorKind::NotFound =>
                {
                    return Ok(built_in.to_owned());
                }
                Err(crate::base::files::ReadFault::Io(err)) => err,
                Err(other) => std::io::Error::other(other.to_string()),
            };
            Err(Error::Templates {
                path: crate::error::Origin::from(path),
                source: fault,
            })
        };
        Ok(Self {
            main: read(MAIN_TEMPLATE, BUILT_IN_MAIN)?,
            style: read(STYLE_MODULE, BUILT_IN_STYLE)?,
            folder: Some(folder.to_path_buf()),
        })
    }

    /// Writes the built-in templates into `folder` (created if missing), never over a file.
    pub fn export(folder: &Path) -> Result<Vec<PathBuf>, Error> {
        let fail = |path: &Path, source| Error::Write {
            path: crate::error::Origin::from(path.to_path_buf()),
            source,
        };
        std::fs::create_dir_all(folder).map_err(|e| fail(folder, e))?;
        let mut written = Vec::new();
        for (name, text) in [
            (MAIN_TEMPLATE, BUILT_IN_MAIN),
            (STYLE_MODULE, BUILT_IN_STYLE),
        ] {
            let path = folder.join(name);
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .map_err(|e| fail(&path, e))?;
            std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| fail(&path, e))?;
            written.push(path);
        }
        Ok(written)
    }

    /// The minijinja environment for these templates, with the Typst escaping in place.
    pub fn environment(&self) -> Result<Environment<'static>, Error> {
        let mut env = base_environment();
        env.add_template_owned(MAIN_TEMPLATE, self.main.clone())
            .map_err(|err| {
                let mut diagnostic = self.jinja_diagnostic(&err);
                diagnostic.hints = vec![syntax_hint()];
                Error::Template {
                    path: crate::error::Origin::from(self.shown_path(MAIN_TEMPLATE)),
                    diagnostic: Box::new(diagnostic),
                }
            })?;
        Ok(env)
    }
}

/// What a template syntax error's hint says.
fn syntax_hint() -> String {
    crate::words::msg!("template-syntax-hint").to_string()
}

/// What a template error's hint says.
pub(crate) fn template_hint() -> String {
    crate::words::msg!("template-fault-hint").to_string()
}

/// The environment without templates: strict about undefined values, Typst-escaping `.typ*`
/// templates, and with a fuel limit so a template cannot loop forever.
fn base_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_fuel(Some(TEMPLATE_FUEL));
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".typ.j2") || name.ends_with(".typ") {
            AutoEscape::Custom("typst".into())
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(format_value);
    env
}

/// Template instructions allowed per render: the built-in template uses a few thousand for a
/// long report; a template that needs millions is looping.
const TEMPLATE_FUEL: u64 = 50_000_000;

/// Renders the Typst source of `report`, set in `font`, attaching the source YAML if `embed`.
pub(crate) fn typst_source(
    env: &Environment,
    report: &Report,
    labels: &Labels,
    font: &str,
    embed: bool,
) -> Result<String, minijinja::Error> {
    let mut context = Context::new(report, labels);
    context.font = font;
    context.attach = embed.then(|| AttachView::of(report, labels));
    let data = Value::from(Serde(&context));
    let longest = longest_word(&data);
    env.get_template(MAIN_TEMPLATE)?
        .render(minijinja::context! { longest_word => longest, ..data })
}

/// The most characters without white space in any text of `value`: the style breaks long words
/// with a regular expression, which takes typst longer to build than a page takes to lay out,
/// so it builds one only when a word could need it.
fn longest_word(value: &Value) -> usize {
    if let Some(text) = value.as_str() {
        let (mut longest, mut run) = (0, 0);
        for c in text.chars() {
            run = if c.is_whitespace() { 0 } else { run + 1 };
            longest = longest.max(run);
        }
        return longest;
    }
    let Ok(items) = value.try_iter() else {
        return 0;
    };
    // A map's keys are field names, never placed on the page; only its values are text.
    let is_map = value.kind() == ValueKind::Map;
    items
        .map(|item| match is_map {
            true => longest_word(&value.get_item(&item).unwrap_or_default()),
            false => longest_word(&item),
        })
        .max()
        .unwrap_or(0)
}

/// The formatter: Typst literals in `.typ` templates, plain text elsewhere.
fn format_value(
    out: &mut Output,
    state: &mut State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    let typst = matches!(state.auto_escape(), AutoEscape::Custom(name) if name == "typst");
    if typst && !value.is_safe() {
        out.write_str(&typst_literal(value)?)?;
    } else {
        minijinja::escape_formatter(out, state, value)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_line_is_traced_to_the_template_line_that_wrote_it() {
        let templates = Templates::built_in();
        let line = |generated: &str| {
            let number = templates.main_line_of(generated).expect("a template line");
            templates
                .main
                .lines()
                .nth(number - 1)
                .expect("exists")
                .trim()
                .to_owned()
        };
        assert_eq!(line("  dnr: \"125-1210-2014\","), "dnr: {{ dnr }},");
        assert_eq!(
            line("#interview-quote(\"Bra\", source: \"Chef\", marks: true)"),
            "#interview-quote({{ b.text }}, source: {{ b.source }}, marks: {{ b.marks }})"
        );
        assert_eq!(templates.main_line_of("nothing like it"), None);
    }

    #[test]
    fn the_longest_word_is_found_in_nested_text() {
        let value = Value::from(Serde(serde_json::json!({
            "a_key_longer_than_any_word_in_the_text": ["kort ord", {"b": "x upphandlingsavdelningen y"}],
            "c": 12,
            "d": null,
        })));
        assert_eq!(longest_word(&value), "upphandlingsavdelningen".len());
        assert_eq!(
            longest_word(&Value::from("åäö\u{a0}åäö")),
            3,
            "no-break space is a space"
        );
        assert_eq!(longest_word(&Value::from(())), 0);
    }
}
