//! The second stage, from a validated report to PDF bytes: [`template`] (minijinja) → Typst
//! source → [`world`] (typst, in-process, with the [`fonts`]) → PDF to the [`standards`], in
//! the report's language ([`locale`]).

pub(crate) mod fonts;
pub(crate) mod locale;
pub(crate) mod memo;
pub(crate) mod standards;
pub(crate) mod template;
pub(crate) mod world;

use minijinja::Environment;
use typst::diag::SourceDiagnostic;
use typst::foundations::{Datetime, Smart};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use std::sync::{Arc, OnceLock};

use typst::foundations::Bytes;
use typst::syntax::Source;

use crate::error::diag::{self, Diagnostic};
use crate::error::{Error, Origin};
use crate::report::Report;
use crate::typeset::fonts::{DEFAULT_FAMILY, FontSet};
use crate::typeset::locale::Labels;
use crate::typeset::standards::{DEFAULT_STANDARDS, EMBED_STANDARDS, standards_list};
use crate::typeset::template::Templates;
use crate::typeset::world::ReportWorld;

/// How reports are rendered, resolved once from the command line.
pub struct Setup {
    /// The PDF standards to enforce.
    pub standards: Vec<PdfStandard>,
    /// The templates.
    pub templates: Templates,
    /// The fonts.
    pub fonts: Arc<FontSet>,
    /// Whether the source YAML is attached to the PDF.
    pub embed_source: bool,
}

impl Default for Setup {
    fn default() -> Self {
        Self {
            standards: DEFAULT_STANDARDS.to_vec(),
            templates: Templates::built_in(),
            fonts: FontSet::built_in(),
            embed_source: false,
        }
    }
}

impl Setup {
    /// This setup as `--embed-source` makes it: the YAML attached, PDF/A-3a and PDF/UA-1.
    pub fn embedding(&self) -> Self {
        self.with(EMBED_STANDARDS, true)
    }

    /// This setup's templates and fonts (shared, not copied) with other standards and
    /// embedding.
    pub fn with(&self, standards: &[PdfStandard], embed_source: bool) -> Self {
        Self {
            standards: standards.to_vec(),
            templates: self.templates.clone(),
            fonts: Arc::clone(&self.fonts),
            embed_source,
        }
    }
}

/// A rendered report.
#[non_exhaustive]
pub struct Rendered {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// How many pages it has.
    pub pages: usize,
}

/// Renders reports; built once per command and reused for every input.
pub struct Renderer {
    env: Environment<'static>,
    standards: PdfStandards,
    setup: Setup,
    /// The style module, parsed once on first use.
    style: OnceLock<Source>,
}

impl Renderer {
    /// A renderer for `setup`, or an error if its standards cannot be combined or its
    /// templates do not parse.
    pub fn new(setup: Setup) -> Result<Self, Error> {
        let standards = PdfStandards::new(&setup.standards).map_err(|err| Error::Standards {
            standards: standards_list(&setup.standards),
            message: err.message().to_string(),
        })?;
        let env = setup.templates.environment()?;
        Ok(Self {
            env,
            standards,
            setup,
            style: OnceLock::new(),
        })
    }

    /// Prepares what every render needs and no input changes: typst's library, the parsed
    /// style module, the default family's fonts and the layout threads. A single render calls
    /// this on a second thread while it reads its input; later renders find it all done.
    pub fn warm_up(&self) {
        crate::typeset::world::prepare_library();
        self.style();
        let fonts = &self.setup.fonts;
        let faces: Vec<usize> = fonts.book.select_family(DEFAULT_FAMILY).collect();
        for index in faces {
            fonts.font(index);
        }
        rayon::current_num_threads();
    }

    /// The parsed style module.
    fn style(&self) -> Source {
        self.style
            .get_or_init(|| ReportWorld::style_source(self.setup.templates.style.clone()))
            .clone()
    }

    /// The setup this renderer was built from.
    pub fn setup(&self) -> &Setup {
        &self.setup
    }

    /// The Typst source of `report`.
    pub fn typst_source(
        &self,
        report: &Report,
        origin: impl Into<Origin>,
    ) -> Result<String, Error> {
        // The origin is made only for an error: a render that succeeds copies nothing.
        let family = report.font.as_deref().unwrap_or(DEFAULT_FAMILY);
        if !self.setup.fonts.has_family(family) {
            return Err(Error::FontNotFound {
                path: origin.into(),
                family: family.to_owned(),
                available: self.setup.fonts.families(),
            });
        }
        let labels = Labels::of(report.language);
        let embed = self.setup.embed_source;
        template::typst_source(&self.env, report, labels, family, embed).map_err(|err| {
            Error::Typeset {
                path: origin.into(),
                diagnostics: vec![self.setup.templates.jinja_diagnostic(&err)],
            }
        })
    }

    /// The PDF of `report`, read from `yaml`; `origin` names the input in errors.
    pub fn render(
        &self,
        report: &Report,
        yaml: &str,
        origin: impl Into<Origin>,
    ) -> Result<Rendered, Error> {
        let origin = origin.into();
        let world = self.world(report, yaml, &origin)?;
        let result = self.compile(&world, &origin).and_then(|document| {
            let pdf = self.export(&world, &document, report, &origin)?;
            Ok(Rendered {
                pdf,
                pages: document.pages().len(),
            })
        });
        memo::done();
        result
    }

    /// Lays the report out; font warnings are errors, since typst would fall back silently.
    pub fn compile(
        &self,
        world: &ReportWorld,
        origin: impl Into<Origin>,
    ) -> Result<PagedDocument, Error> {
        compile(world).map_err(|errors| Error::Typeset {
            path: origin.into(),
            diagnostics: diagnostics(world, &self.setup.templates, &errors),
        })
    }

    /// Writes the laid-out report as PDF bytes.
    pub fn export(
        &self,
        world: &ReportWorld,
        document: &PagedDocument,
        report: &Report,
        origin: impl Into<Origin>,
    ) -> Result<Vec<u8>, Error> {
        typst_pdf::pdf(document, &self.options(report)).map_err(|errors| Error::Typeset {
            path: origin.into(),
            diagnostics: diagnostics(world, &self.setup.templates, &errors),
        })
    }

    /// The world a report is compiled in, holding its generated Typst source.
    pub fn world(
        &self,
        report: &Report,
        yaml: &str,
        origin: impl Into<Origin>,
    ) -> Result<ReportWorld, Error> {
        let source = self.typst_source(report, origin)?;
        let templates = &self.setup.templates;
        let attached = self
            .setup
            .embed_source
            .then(|| Bytes::new(yaml.as_bytes().to_vec()));
        let world = ReportWorld::new(source, self.style(), self.setup.fonts.clone(), report.date)
            .with_folder(templates.folder.clone())
            .with_source_yaml(attached)
            .with_images(&report.images);
        Ok(world)
    }

    fn options(&self, report: &Report) -> PdfOptions {
        let date = report.date;
        let midnight = Datetime::from_ymd_hms(i32::from(date.year), date.month, date.day, 0, 0, 0);
        PdfOptions {
            // The dnr identifies the document, so a re-render keeps its PDF identifier.
            ident: Smart::Custom(format!("uppfoljning:{}", report.dnr.as_str())),
            creator: Smart::Custom(Some(GENERATOR.into())),
            timestamp: midnight.map(Timestamp::new_utc),
            standards: self.standards.clone(),
            ..PdfOptions::default()
        }
    }
}

/// The generator's name and version, as written into the PDF and the sidecar.
pub(crate) const GENERATOR: &str = concat!("uppfoljning ", env!("CARGO_PKG_VERSION"));

/// Lays out the report; font warnings are errors, since typst would fall back silently.
fn compile(world: &ReportWorld) -> Result<PagedDocument, Vec<SourceDiagnostic>> {
    let warned = typst::compile::<PagedDocument>(world);
    if let Some(font) = warned.warnings.iter().find(|w| w.message.contains("font")) {
        return Err(vec![font.clone()]);
    }
    warned.output.map_err(|errors| errors.to_vec())
}

/// Typst's diagnostics, each placed where a template author can act on it: a line of the
/// style module, or the line of the main template that generated the failing Typst line.
fn diagnostics(
    world: &ReportWorld,
    templates: &Templates,
    diagnostics: &[SourceDiagnostic],
) -> Vec<Diagnostic> {
    diagnostics
        .iter()
        .map(|diagnostic| {
            let mut hints = vec![template::template_hint()];
            hints.extend(diagnostic.hints.iter().map(|hint| hint.v.to_string()));
            let mut out = Diagnostic::error(diagnostic.message.to_string(), None);
            out.hints = hints;
            let span = diagnostic.span;
            let Some((id, source, range)) = span
                .id()
                .and_then(|id| Some((id, world.source(id).ok()?, world.range(span)?)))
            else {
                return out;
            };
            if !crate::typeset::world::is_main(id) {
                let name = id.vpath().get_without_slash();
                let text: Arc<str> = source.text().into();
                return out
                    .in_file(templates.shown_path(name).display())
                    .at(Some(diag::Span::of_range(text, range)));
            }
            let lines = source.lines();
            let Some(line) = lines.byte_to_line(range.start) else {
                return out;
            };
            let generated = lines
                .line_to_range(line)
                .map(|r| source.text()[r].to_owned())
                .unwrap_or_default();
            let main: Arc<str> = templates.main.as_str().into();
            let span = templates
                .main_line_of(&generated)
                .and_then(|line| diag::Span::of_line_column(main, line as u64, 1));
            out.hints.push(
                crate::words::msg!(
                    "template-generated-line",
                    line = line + 1,
                    text = shorten(generated.trim(), 120)
                )
                .to_string(),
            );
            out.in_file(templates.shown_path(template::MAIN_TEMPLATE).display())
                .at(span)
        })
        .collect()
}

/// `text`, cut to `max` characters with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use typst::layout::{Abs, Frame, FrameItem, Point};

    use super::*;
    use crate::report::load::parse_report;

    /// The right edge of every run of text on the page, through nested boxes.
    fn text_right_edges(frame: &Frame, offset: Point, out: &mut Vec<Abs>) {
        for (pos, item) in frame.items() {
            let at = offset + *pos;
            match item {
                FrameItem::Group(group) => text_right_edges(&group.frame, at, out),
                FrameItem::Text(text) => out.push(at.x + text.width()),
                _ => {}
            }
        }
    }

    #[test]
    fn the_samples_compile_without_a_single_warning() {
        for path in [
            "samples/coachning-2015.yaml",
            "samples/verksamhetsuppfoljning.yaml",
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
            let yaml = std::fs::read_to_string(&path).expect("the sample");
            let report = parse_report(&yaml, &path).expect("valid");
            let renderer = Renderer::new(Setup::default()).expect("default setup");
            let world = renderer.world(&report, &yaml, &path).expect("a world");
            let warned = typst::compile::<PagedDocument>(&world);
            let messages: Vec<String> = warned
                .warnings
                .iter()
                .map(|w| w.message.to_string())
                .collect();
            assert!(messages.is_empty(), "{}: {messages:?}", path.display());
            let document = warned.output.expect("compiles");
            renderer
                .export(&world, &document, &report, &path)
                .expect("PDF/A-2a and PDF/UA-1 hold");
        }
    }

    #[test]
    fn a_word_longer_than_the_line_stays_inside_the_margins() {
        let word = "https://example.org/".to_owned() + &"abcdefghij".repeat(30);
        let yaml = format!(
            "dnr: 1\ncontract: A\nsupplier: B\norganisation: C\ndate: 2016-03-01\n\
             follow_up: {{performed: 2015-12}}\nsections: [{{body: [\"Se {word} och {word}\"]}}]\n"
        );
        let path = std::path::Path::new("long.yaml");
        let report = parse_report(&yaml, path).expect("valid");
        let renderer = Renderer::new(Setup::default()).expect("default setup");
        let world = renderer.world(&report, &yaml, path).expect("a world");
        let document = compile(&world).expect("compiles");
        let page = &document.pages()[0].frame;
        let right_margin = Abs::mm(25.0);
        let mut edges = Vec::new();
        text_right_edges(page, Point::zero(), &mut edges);
        assert!(edges.len() > 20, "the words were set in pieces");
        let limit = page.width() - right_margin + Abs::pt(0.5);
        let widest = edges.iter().copied().fold(Abs::zero(), Abs::max);
        assert!(
            widest <= limit,
            "text reaches {widest:?}, the margin is at {limit:?}"
        );
    }
}
