//! The live pages: a report laid out as SVG pages with their text, the last good ones kept
//! while the form has problems. Knows nothing of where the report is kept.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::base::hash::sha256_hex;
use crate::error::diag::Diagnostic;
use crate::error::{Error, Origin};
use crate::report::Report;
use crate::typeset::{Renderer, memo};

/// One page of the preview, known by its content hash: the page sends the hashes it has, and
/// only pages it lacks travel with their SVG.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Page {
    /// The SHA-256 of the page's SVG.
    pub hash: String,
    /// The SVG, when the page does not have it yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub svg: Option<Arc<str>>,
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
    /// The page's words in reading order, one line per line of text.
    pub text: String,
}

/// What the form shows after a change: the pages (the last good ones while there are
/// problems) and the problems, each at its field.
#[derive(Debug, Serialize)]
pub(crate) struct Preview {
    /// The pages, in order.
    pub pages: Vec<Page>,
    /// Whether the pages are from an earlier version, because this one has problems.
    pub stale: bool,
    /// The problems, in the words the command line uses.
    pub problems: Vec<Diagnostic>,
}

/// The pages on show and the renderer that lays them out.
pub(crate) struct Previews {
    renderer: Arc<Renderer>,
    /// The SVGs of the last good preview's pages, by hash.
    svgs: HashMap<String, Arc<str>>,
    /// The last good preview.
    shown: Vec<Page>,
}

impl Previews {
    /// Previews laid out by `renderer`, none shown yet.
    pub(crate) fn new(renderer: Arc<Renderer>) -> Self {
        Self {
            renderer,
            svgs: HashMap::new(),
            shown: Vec::new(),
        }
    }

    /// The renderer, for the PDF of what is shown.
    pub(crate) fn renderer(&self) -> &Renderer {
        &self.renderer
    }

    /// Shows `read` (the report and its YAML, or why it could not be read): its pages, or on a
    /// problem the last good pages with the problems, worded by `problems`. Pages whose hash
    /// is in `have` come without their SVG.
    pub(crate) fn show(
        &mut self,
        read: Result<(String, Report), Error>,
        origin: &Origin,
        have: &[String],
        problems: impl Fn(&Error) -> Vec<Diagnostic>,
    ) -> Preview {
        let laid_out = read.and_then(|(text, report)| self.pages_of(&report, &text, origin));
        let (stale, problems) = match laid_out {
            Ok(()) => (false, Vec::new()),
            Err(err) => (!self.shown.is_empty(), problems(&err)),
        };
        let pages = self
            .shown
            .iter()
            .map(|page| Page {
                svg: (!have.contains(&page.hash))
                    .then(|| self.svgs.get(&page.hash).cloned())
                    .flatten(),
                ..page.clone()
            })
            .collect();
        Preview {
            pages,
            stale,
            problems,
        }
    }

    /// Lays `report` out and makes its pages the ones on show.
    fn pages_of(&mut self, report: &Report, text: &str, origin: &Origin) -> Result<(), Error> {
        let world = self.renderer.world(report, text, origin)?;
        let laid_out = self.renderer.compile(&world, origin);
        memo::done();
        let options = typst_svg::SvgOptions::default();
        let mut pages = Vec::new();
        let mut svgs = HashMap::new();
        for page in laid_out?.pages() {
            let svg: Arc<str> = typst_svg::svg(page, &options).into();
            let hash = sha256_hex(svg.as_bytes());
            let size = page.frame.size();
            pages.push(Page {
                hash: hash.clone(),
                svg: None,
                width: size.x.to_pt(),
                height: size.y.to_pt(),
                text: page_text(&page.frame),
            });
            svgs.insert(hash, svg);
        }
        // Only the pages on show are kept.
        self.svgs = svgs;
        self.shown = pages;
        Ok(())
    }
}

/// The words on a page, a line per baseline, for readers of the preview who do not see it and
/// for tests that read what the pages say. Runs that touch are one word; a gap is a space.
fn page_text(frame: &typst::layout::Frame) -> String {
    use typst::layout::{FrameItem, Point};
    struct Run {
        y: f64,
        x: f64,
        end: f64,
        text: String,
    }
    fn walk(frame: &typst::layout::Frame, origin: Point, out: &mut Vec<Run>) {
        for (position, item) in frame.items() {
            let at = origin + *position;
            match item {
                FrameItem::Group(group) => walk(&group.frame, at, out),
                FrameItem::Text(text) => out.push(Run {
                    y: at.y.to_pt(),
                    x: at.x.to_pt(),
                    end: (at.x + text.width()).to_pt(),
                    text: text.text.to_string(),
                }),
                _ => {}
            }
        }
    }
    let mut runs = Vec::new();
    walk(frame, Point::zero(), &mut runs);
    runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut text = String::new();
    let mut last: Option<&Run> = None;
    for run in &runs {
        match last {
            Some(previous) if (run.y - previous.y).abs() >= 0.5 => text.push('\n'),
            Some(previous) if run.x - previous.end > 1.0 => text.push(' '),
            _ => {}
        }
        text.push_str(&run.text);
        last = Some(run);
    }
    text
}
