//! The service's renderers: as `render`, as `render --embed-source`, and for the standards a
//! request asks for (`pdf-standard`), each built once and kept: the valid sets are few.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::Deserialize;
use typst_pdf::PdfStandard;
use utoipa::IntoParams;

use crate::web::problem::{Kind, Problem};
use crate::words::msg;

use crate::error::Error;
use crate::typeset::standards::{parse_standards, standard_name};
use crate::typeset::{Renderer, Setup};

/// More sets than any caller needs; past it a renderer is built for the request alone.
const MOST_KEPT: usize = 64;

/// A set of standards and whether the source is attached.
type Key = (Vec<&'static str>, bool);

/// Renderers by standards, all sharing the templates and fonts loaded at start.
pub(crate) struct Renderers {
    plain: Arc<Renderer>,
    embedding: Arc<Renderer>,
    others: Mutex<HashMap<Key, Arc<Renderer>>>,
}

impl Renderers {
    /// The default renderers for `setup` (its templates and fonts): PDF/A-2a + PDF/UA-1, and
    /// PDF/A-3a + PDF/UA-1 with the source attached.
    pub(crate) fn new(setup: Setup) -> Result<Self, Error> {
        Ok(Self {
            embedding: Arc::new(Renderer::new(setup.embedding())?),
            plain: Arc::new(Renderer::new(setup)?),
            others: Mutex::new(HashMap::new()),
        })
    }

    /// As `render`: archive packages' PDFs.
    pub(crate) fn plain(&self) -> &Renderer {
        &self.plain
    }

    /// The renderer for `standards` (none: the defaults) with or without the source attached,
    /// or why those standards cannot be combined.
    pub(crate) fn get(
        &self,
        standards: &[PdfStandard],
        embed_source: bool,
    ) -> Result<Arc<Renderer>, Error> {
        if standards.is_empty() {
            let default = match embed_source {
                true => &self.embedding,
                false => &self.plain,
            };
            return Ok(Arc::clone(default));
        }
        let mut names: Vec<&'static str> = standards.iter().map(|s| standard_name(*s)).collect();
        names.sort_unstable();
        names.dedup();
        let key = (names, embed_source);
        if let Some(kept) = self.others.lock().ok().and_then(|o| o.get(&key).cloned()) {
            return Ok(kept);
        }
        let setup = self.plain.setup().with(standards, embed_source);
        let renderer = Arc::new(Renderer::new(setup)?);
        if let Ok(mut others) = self.others.lock()
            && others.len() < MOST_KEPT
        {
            others.insert(key, Arc::clone(&renderer));
        }
        Ok(renderer)
    }
}

/// How a request asks its report to be rendered, as query parameters: `render`'s options.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[into_params(parameter_in = Query, rename_all = "kebab-case")]
pub(crate) struct Asked {
    /// Attach the report's YAML to the PDF (PDF/A-3a unless pdf-standard says otherwise), as
    /// render --embed-source.
    #[serde(default)]
    #[param(required = false)]
    pub embed_source: bool,
    /// The PDF standards, comma-separated as --pdf-standard takes them (e.g. a-2b,ua-1)
    /// [default: a-2a,ua-1; a-3a,ua-1 with the source].
    pub pdf_standard: Option<String>,
}

impl Asked {
    /// The renderer asked for, or why the options cannot be followed.
    pub(crate) fn renderer(&self, renderers: &Renderers) -> Result<Arc<Renderer>, Problem> {
        let standards = standards(self.pdf_standard.as_deref())?;
        renderers
            .get(&standards, self.embed_source)
            .map_err(|err| option_problem(&err.to_string()))
    }
}

/// How a request to verify asks its report to be rendered: the standards only, since the PDF
/// itself says whether its source is attached.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[into_params(parameter_in = Query, rename_all = "kebab-case")]
pub(crate) struct Standards {
    /// The PDF standards the PDF was rendered to, comma-separated as --pdf-standard takes them
    /// [default: a-2a,ua-1; a-3a,ua-1 with the source].
    pub pdf_standard: Option<String>,
}

impl Standards {
    /// The standards asked for (none: the defaults), or why a name is not one.
    pub(crate) fn parsed(&self) -> Result<Vec<PdfStandard>, Problem> {
        standards(self.pdf_standard.as_deref())
    }
}

/// The standards `names` gives (none: the defaults), or why a name is not one.
fn standards(names: Option<&str>) -> Result<Vec<PdfStandard>, Problem> {
    match names {
        Some(names) => parse_standards(names).map_err(|why| option_problem(&why)),
        None => Ok(Vec::new()),
    }
}

/// The 400 for a `pdf-standard` the service cannot follow.
fn option_problem(why: &str) -> Problem {
    Problem::new(
        Kind::Malformed,
        msg!("problem-option", name = "pdf-standard", why = why),
    )
}
