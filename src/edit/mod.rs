//! The browser editor: a report as a form beside its live pages. [`Session`] joins the
//! preview ([`preview`]) to the place the report is kept ([`store`]: a file today); [`router`]
//! is its HTTP surface, which `edit` serves behind its loopback [`guard`] ([`server`]).

pub(crate) mod assets;
pub(crate) mod guard;
pub(crate) mod preview;
pub(crate) mod router;
pub(crate) mod server;
pub(crate) mod store;
pub(crate) mod yaml;

use serde::Serialize;
use serde_json::Value;

use crate::base::limits::MAX_INPUT_BYTES;
use crate::error::diag::Diagnostic;
use crate::error::{Error, FormProblem};
use crate::report::Report;
use crate::typeset::Renderer;
use crate::words::Lang;
use preview::{Preview, Previews};
use store::{SaveRefused, Store, fingerprint};

/// What the page starts from.
#[derive(Debug, Serialize)]
pub(crate) struct Opened {
    /// The report's name, for the title.
    pub file: String,
    /// Whether the report exists yet (a new one starts from the starter report).
    pub exists: bool,
    /// The report, as the form edits it.
    pub document: Value,
    /// The fingerprint of the kept report the document came from, if it exists.
    pub base: Option<String>,
}

/// The outcome of a save.
#[derive(Debug, Serialize)]
pub(crate) struct Saved {
    /// The fingerprint of the report as kept.
    pub base: String,
    /// The name the original was kept under, when the form could not keep its comments or
    /// layout.
    pub kept: Option<String>,
    /// How many problems the saved report still has (a report with problems is saved all the
    /// same: the officer's text is never lost for a date not yet known).
    pub problems: usize,
}

/// The editor's state for one report: where it is kept, and its pages on show.
pub(crate) struct Session {
    store: Box<dyn Store>,
    previews: Previews,
}

impl Session {
    /// A session for the report kept in `store`, rendering with `renderer`.
    pub(crate) fn new(store: impl Store + 'static, renderer: std::sync::Arc<Renderer>) -> Self {
        Self {
            store: Box::new(store),
            previews: Previews::new(renderer),
        }
    }

    /// The report's name, for the PDF's file name.
    pub(crate) fn name(&self) -> String {
        self.store.name()
    }

    /// Reads the report (or the starter report, if there is none yet) for the form.
    pub(crate) fn open(&mut self) -> Result<Opened, Error> {
        let kept = self.store.open()?;
        let text = kept.as_deref().unwrap_or(crate::report::STARTER);
        let document = yaml::to_value(text).map_err(|err| self.not_a_form(text, err))?;
        if !document.is_object() {
            return Err(self.form_problem(FormProblem::NotAMapping));
        }
        Ok(Opened {
            file: self.store.name(),
            exists: kept.is_some(),
            base: kept.as_deref().map(fingerprint),
            document,
        })
    }

    /// The fingerprint of the report as kept now, if it exists (to notice changes by others).
    pub(crate) fn kept(&self) -> Result<Option<String>, Error> {
        self.store.fingerprint()
    }

    /// Validates and lays out the form's `document`; on a problem, the last good pages stay.
    /// Pages whose hash is in `have` come without their SVG.
    pub(crate) fn preview(&mut self, document: &Value, have: &[String]) -> Preview {
        let read = self.report_of(document);
        let origin = self.store.origin();
        let lang = lang_of(document);
        self.previews
            .show(read, &origin, have, |err| problems(err, lang))
    }

    /// The PDF of the form's `document`, the same bytes `render` writes for the saved report.
    pub(crate) fn pdf(&self, document: &Value) -> Result<Vec<u8>, Error> {
        let (text, report) = self.report_of(document)?;
        let rendered = self
            .previews
            .renderer()
            .render(&report, &text, self.store.origin())?;
        Ok(rendered.pdf)
    }

    /// Keeps the form's `document` as the report, if the report is still the one at `base`.
    /// The first save over a file with comments keeps the original beside it.
    pub(crate) fn save(
        &mut self,
        document: &Value,
        base: Option<&str>,
    ) -> Result<Saved, SaveRefused> {
        let text = self.yaml_of(document).map_err(SaveRefused::Failed)?;
        let stored = self.store.save(&text, base)?;
        let problems = match self.store.parse(&text) {
            Ok(_) => 0,
            Err(err) => problems(&err, lang_of(document)).len(),
        };
        Ok(Saved {
            base: stored.base,
            kept: stored.kept,
            problems,
        })
    }

    /// Keeps an image the officer chose beside the report; the path its figure names.
    pub(crate) fn place_image(&self, chosen: &str, bytes: &[u8]) -> Result<String, Error> {
        self.store.place_image(chosen, bytes)
    }

    /// The form's `document` as the YAML it is saved as, and that YAML read as `render` reads
    /// the saved report (its images from where the report is kept).
    fn report_of(&self, document: &Value) -> Result<(String, Report), Error> {
        let text = self.yaml_of(document)?;
        let report = self.store.parse(&text)?;
        Ok((text, report))
    }

    /// The YAML the form's `document` is saved as, within the input size limit.
    fn yaml_of(&self, document: &Value) -> Result<String, Error> {
        let text = yaml::to_yaml(document)
            .map_err(|err| self.form_problem(FormProblem::Unwritable(err)))?;
        if text.len() > MAX_INPUT_BYTES {
            return Err(Error::TooLarge {
                path: self.store.origin(),
                max: MAX_INPUT_BYTES,
            });
        }
        Ok(text)
    }

    /// Why the report cannot be shown as a form: the located error `check` gives for it.
    fn not_a_form(&self, text: &str, err: serde_saphyr::Error) -> Error {
        match self.store.parse(text) {
            Err(located @ Error::Yaml { .. }) => located,
            _ => self.form_problem(FormProblem::NotYaml(err)),
        }
    }

    fn form_problem(&self, problem: FormProblem) -> Error {
        Error::Form {
            path: self.store.origin(),
            problem: Box::new(problem),
        }
    }
}

/// The language the officer reads the form's problems in: the report's own (Swedish unless
/// it says `language: en`).
pub(crate) fn lang_of(document: &Value) -> Lang {
    match document.get("language").and_then(Value::as_str) {
        Some("en") => Lang::En,
        _ => Lang::Sv,
    }
}

/// The problems of a failed preview, for the page, in `lang`: what and where, not the
/// generated YAML's line numbers, which the officer never sees.
fn problems(err: &Error, lang: Lang) -> Vec<Diagnostic> {
    err.diagnostics_in(lang)
        .into_iter()
        .map(|mut diagnostic| {
            diagnostic.span = None;
            diagnostic.file = None;
            diagnostic
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::typeset::Setup;

    const COMMENTED: &str = "# hand-written\ndnr: 1.5.3-219-2012\ncontract: Städtjänster\n\
        supplier: Rent AB\norganisation: Stadsledningskontoret\ndate: 2016-03-01\n\
        follow_up:\n  performed: 2015-12\nsections:\n  - body:\n      - En mening.\n";

    fn session(dir: &Path) -> Session {
        let renderer = Renderer::new(Setup::default()).expect("a renderer");
        Session::new(store::FileStore::new(dir.join("r.yaml")), renderer.into())
    }

    #[test]
    fn a_save_counts_the_problems_the_saved_report_still_has() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::write(dir.path().join("r.yaml"), COMMENTED).expect("written");
        let mut session = session(dir.path());
        let opened = session.open().expect("opens");
        let mut document = opened.document;
        document["date"] = "2016-02-30".into();
        let saved = session
            .save(&document, opened.base.as_deref())
            .expect("a report with problems is saved all the same");
        assert_eq!(saved.problems, 1);
        assert_eq!(saved.kept.as_deref(), Some("r.orig.yaml"));
        let written = std::fs::read_to_string(dir.path().join("r.yaml")).expect("r");
        assert!(written.contains("2016-02-30"), "{written}");
    }

    #[test]
    fn a_problem_keeps_the_last_good_pages() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::write(dir.path().join("r.yaml"), COMMENTED).expect("written");
        let mut session = session(dir.path());
        let mut document = session.open().expect("opens").document;
        let good = session.preview(&document, &[]);
        assert!(!good.stale && good.problems.is_empty() && good.pages.len() == 1);
        assert!(
            good.pages[0].text.contains("Rent AB"),
            "{}",
            good.pages[0].text
        );
        document["date"] = "2016-02-30".into();
        let bad = session.preview(&document, &[good.pages[0].hash.clone()]);
        assert!(bad.stale);
        assert_eq!(bad.pages[0].hash, good.pages[0].hash);
        assert!(bad.pages[0].svg.is_none(), "the page already has it");
        assert_eq!(bad.problems[0].field.as_deref(), Some("date"));
        assert_eq!(
            bad.problems[0].message,
            "\"2016-02-30\" är inget datum som finns"
        );
    }
}
