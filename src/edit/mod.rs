//! The browser editor's state: one report file, the form's latest version of it, and its last
//! good pages. The HTTP side ([`server`]) only translates requests into calls on [`Session`].

pub(crate) mod assets;
pub(crate) mod guard;
pub(crate) mod server;
pub(crate) mod yaml;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;
use serde_json::Value;

use crate::base::hash::sha256_hex;
use crate::base::limits::MAX_INPUT_BYTES;
use crate::error::diag::Diagnostic;
use crate::error::{Error, FormProblem};
use crate::output::{write_atomically, write_new_atomically};
use crate::report::Report;
use crate::report::figures::{self, ImageFormat};
use crate::report::load::parse_report;
use crate::typeset::Renderer;
use crate::words::Lang;

/// How many previews a memoized layout may go unused before typst drops it: enough for the
/// next keystroke to reuse the last layouts, few enough that memory stays flat.
const CACHE_PREVIEWS: usize = 3;

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

/// What the page starts from.
#[derive(Debug, Serialize)]
pub(crate) struct Opened {
    /// The file's name, for the title.
    pub file: String,
    /// Whether the file exists yet (a new one starts from the starter report).
    pub exists: bool,
    /// The report, as the form edits it.
    pub document: Value,
    /// The fingerprint of the file on disk the document came from, if it exists.
    pub base: Option<String>,
}

/// The outcome of a save.
#[derive(Debug, Serialize)]
pub(crate) struct Saved {
    /// The fingerprint of the file as written.
    pub base: String,
    /// The name the original was kept under, when the form could not keep its comments or
    /// layout.
    pub kept: Option<String>,
    /// How many problems the saved file still has (a file with problems is saved all the
    /// same: the officer's text is never lost for a date not yet known).
    pub problems: usize,
}

/// Why a save was not done.
#[derive(Debug)]
pub(crate) enum SaveRefused {
    /// The file changed on disk since the form loaded or saved it.
    Changed,
    /// The form's value could not be written or the file could not be saved.
    Failed(Error),
}

/// The editor's state for one report file.
pub(crate) struct Session {
    file: PathBuf,
    renderer: Renderer,
    /// The SVGs of the last good preview's pages, by hash.
    pages: HashMap<String, Arc<str>>,
    /// The last good preview.
    shown: Vec<Page>,
    /// Whether the file on disk has something the form's YAML would not keep (comments,
    /// layout) and has not been saved over yet.
    keep_original: bool,
    /// Where the file was at open if it is a symbolic link: a save lands there, the link kept,
    /// and only while the link still leads there.
    target: Option<PathBuf>,
}

impl Session {
    /// A session for `file` (which need not exist yet), rendering with `renderer`.
    pub(crate) fn new(file: PathBuf, renderer: Renderer) -> Self {
        Self {
            file,
            renderer,
            pages: HashMap::new(),
            shown: Vec::new(),
            keep_original: false,
            target: None,
        }
    }

    /// The file being edited.
    pub(crate) fn file(&self) -> &Path {
        &self.file
    }

    /// Reads the file (or the starter report, if there is none yet) for the form.
    pub(crate) fn open(&mut self) -> Result<Opened, Error> {
        let is_link =
            std::fs::symlink_metadata(&self.file).is_ok_and(|m| m.file_type().is_symlink());
        self.target = match is_link {
            true => Some(self.resolved()?),
            false => None,
        };
        let disk = self.read_disk()?;
        let text = disk.as_deref().unwrap_or(crate::report::STARTER).to_owned();
        let document = yaml::to_value(&text).map_err(|err| self.not_a_form(&text, err))?;
        if !document.is_object() {
            return Err(Error::Form {
                path: crate::error::Origin::from(self.file.clone()),
                problem: Box::new(FormProblem::NotAMapping),
            });
        }
        self.keep_original = disk.as_deref().is_some_and(yaml::loses_on_save);
        Ok(Opened {
            file: self.file_name(),
            exists: disk.is_some(),
            base: disk.as_deref().map(fingerprint),
            document,
        })
    }

    /// The fingerprint of the file on disk now, if it exists (to notice changes by others).
    pub(crate) fn disk(&self) -> Result<Option<String>, Error> {
        Ok(self.read_disk()?.as_deref().map(fingerprint))
    }

    /// Validates and lays out the form's `document`; on a problem, the last good pages stay.
    /// Pages whose hash is in `have` come without their SVG.
    pub(crate) fn preview(&mut self, document: &Value, have: &[String]) -> Preview {
        let (stale, problems) = match self.pages_of(document) {
            Ok(shown) => {
                self.shown = shown;
                (false, Vec::new())
            }
            Err(err) => (!self.shown.is_empty(), problems(&err, lang_of(document))),
        };
        let pages = self
            .shown
            .iter()
            .map(|page| Page {
                svg: (!have.contains(&page.hash))
                    .then(|| self.pages.get(&page.hash).cloned())
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

    /// The PDF of the form's `document`, the same bytes `render` writes for the saved file.
    pub(crate) fn pdf(&self, document: &Value) -> Result<Vec<u8>, Vec<Diagnostic>> {
        let render = || {
            let (text, report) = self.report_of(document)?;
            Ok(self.renderer.render(&report, &text, &self.file)?.pdf)
        };
        render().map_err(|err: Error| problems(&err, lang_of(document)))
    }

    /// Writes the form's `document` to the file, if the file is still the one at `base`.
    /// The first save over a file with comments keeps the original beside it.
    pub(crate) fn save(
        &mut self,
        document: &Value,
        base: Option<&str>,
    ) -> Result<Saved, SaveRefused> {
        let disk = self.read_disk().map_err(SaveRefused::Failed)?;
        if disk.as_deref().map(fingerprint).as_deref() != base {
            return Err(SaveRefused::Changed);
        }
        let text = self.yaml_of(document).map_err(SaveRefused::Failed)?;
        let kept = match (&disk, self.keep_original) {
            (Some(original), true) => Some(self.keep(original).map_err(SaveRefused::Failed)?),
            _ => None,
        };
        write_atomically(&self.destination()?, text.as_bytes()).map_err(SaveRefused::Failed)?;
        self.keep_original = false;
        let problems = match parse_report(&text, &self.file) {
            Ok(_) => 0,
            Err(err) => problems(&err, lang_of(document)).len(),
        };
        Ok(Saved {
            base: fingerprint(&text),
            kept,
            problems,
        })
    }

    /// Places an image the officer chose beside the report, under `bilder/`, named after
    /// `chosen` (its file name, reduced to plain characters; the extension its bytes have):
    /// the same checks as an image placed by hand, never over another file (an image with the
    /// same bytes already there is used as it is). Returns the path the figure names.
    pub(crate) fn place_image(&self, chosen: &str, bytes: &[u8]) -> Result<String, Error> {
        let fault = |reason: crate::error::ImageUnread| Error::Form {
            path: crate::error::Origin::from(self.file.clone()),
            problem: Box::new(FormProblem::Image(reason.to_string())),
        };
        let format = ImageFormat::detect(bytes).ok_or_else(|| {
            fault(crate::error::ImageUnread::system(
                "it is not a PNG, JPEG or SVG image",
            ))
        })?;
        figures::check(bytes, format).map_err(|found| {
            let problem = crate::error::ProblemKind::ImageFault {
                path: chosen.to_owned(),
                fault: found,
            };
            fault(crate::error::ImageUnread::system(problem.message()))
        })?;
        let report_folder = figures::Folder::of(&self.file).0;
        let folder = report_folder.join("bilder");
        std::fs::create_dir_all(&folder).map_err(|source| Error::Write {
            path: crate::error::Origin::from(folder.clone()),
            source,
        })?;
        // `bilder` may be a link; an image is never written outside the report's folder.
        let inside = match (folder.canonicalize(), report_folder.canonicalize()) {
            (Ok(real), Ok(root)) => real.starts_with(root),
            _ => false,
        };
        if !inside {
            return Err(fault(crate::error::ImageUnread::OutsideFolder));
        }
        let stem = plain_stem(chosen);
        for n in 1..=1000 {
            let name = match n {
                1 => format!("{stem}.{}", format.extension()),
                _ => format!("{stem}-{n}.{}", format.extension()),
            };
            let path = folder.join(&name);
            if std::fs::read(&path).is_ok_and(|there| there == bytes) {
                return Ok(format!("bilder/{name}"));
            }
            match write_new_atomically(&path, bytes) {
                Ok(()) => return Ok(format!("bilder/{name}")),
                Err(_) if std::fs::symlink_metadata(&path).is_ok() => continue,
                Err(err) => return Err(err),
            }
        }
        Err(fault(crate::error::ImageUnread::system(
            "a thousand images of that name are there already",
        )))
    }

    /// Where a save writes: the file, or the file its link led to at open, if it still does
    /// (written in place there, so the link stays a link and the officer's file gets the edit).
    fn destination(&self) -> Result<PathBuf, SaveRefused> {
        let Some(then) = &self.target else {
            return Ok(self.file.clone());
        };
        let now = self.resolved().map_err(SaveRefused::Failed)?;
        if &now != then {
            return Err(SaveRefused::Failed(Error::LinkMoved {
                link: self.file.clone(),
                then: then.clone(),
                now,
            }));
        }
        Ok(now)
    }

    /// The file at the end of the link, every link on the way followed.
    fn resolved(&self) -> Result<PathBuf, Error> {
        self.file.canonicalize().map_err(|source| Error::Read {
            path: crate::error::Origin::from(self.file.clone()),
            source,
        })
    }

    /// Keeps the original file under the first free name `FILE.orig.yaml`,
    /// `FILE.orig-2.yaml`, …; an earlier copy is never overwritten.
    fn keep(&self, original: &str) -> Result<String, Error> {
        let stem = self.file.file_stem().unwrap_or_default().to_string_lossy();
        for n in 1.. {
            let name = match n {
                1 => format!("{stem}.orig.yaml"),
                _ => format!("{stem}.orig-{n}.yaml"),
            };
            let path = self.file.with_file_name(&name);
            if std::fs::read(&path).is_ok_and(|bytes| bytes == original.as_bytes()) {
                return Ok(name);
            }
            match write_new_atomically(&path, original.as_bytes()) {
                Ok(()) => return Ok(name),
                Err(_) if path.exists() => continue,
                Err(err) => return Err(err),
            }
        }
        unreachable!("some name is free")
    }

    fn pages_of(&mut self, document: &Value) -> Result<Vec<Page>, Error> {
        let (text, report) = self.report_of(document)?;
        let world = self.renderer.world(&report, &text, &self.file)?;
        let laid_out = self.renderer.compile(&world, &self.file);
        comemo::evict(CACHE_PREVIEWS);
        let options = typst_svg::SvgOptions::default();
        let mut pages = Vec::new();
        let mut served = HashMap::new();
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
            served.insert(hash, svg);
        }
        // Only the pages on show are kept.
        self.pages = served;
        Ok(pages)
    }

    /// The form's `document` as the YAML it is saved as, and that YAML read as `render` reads
    /// the saved file (its images from the file's folder).
    fn report_of(&self, document: &Value) -> Result<(String, Report), Error> {
        let text = self.yaml_of(document)?;
        let report = parse_report(&text, &self.file)?;
        Ok((text, report))
    }

    /// The YAML the form's `document` is saved as, within the input size limit.
    fn yaml_of(&self, document: &Value) -> Result<String, Error> {
        let text = yaml::to_yaml(document).map_err(|err| Error::Form {
            path: crate::error::Origin::from(self.file.clone()),
            problem: Box::new(FormProblem::Unwritable(err)),
        })?;
        if text.len() > MAX_INPUT_BYTES {
            return Err(Error::TooLarge {
                path: crate::error::Origin::from(self.file.clone()),
                max: MAX_INPUT_BYTES,
            });
        }
        Ok(text)
    }

    fn read_disk(&self) -> Result<Option<String>, Error> {
        match std::fs::symlink_metadata(&self.file) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            _ => crate::report::load::read_input(&self.file).map(Some),
        }
    }

    /// Why the file cannot be shown as a form: the located error `check` gives for it.
    fn not_a_form(&self, text: &str, err: serde_saphyr::Error) -> Error {
        match parse_report(text, &self.file) {
            Err(located @ Error::Yaml { .. }) => located,
            _ => Error::Form {
                path: crate::error::Origin::from(self.file.clone()),
                problem: Box::new(FormProblem::NotYaml(err)),
            },
        }
    }

    fn file_name(&self) -> String {
        self.file
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
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

/// A chosen file's name as a plain file stem: letters (Swedish ones too), digits, `-` and `_`;
/// anything else a `-`; at most 60 characters; `bild` if nothing is left.
fn plain_stem(chosen: &str) -> String {
    let name = chosen.rsplit(['/', '\\']).next().unwrap_or_default();
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let plain: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    let plain = plain.trim_matches('-');
    match plain.is_empty() {
        true => "bild".into(),
        false => plain.to_lowercase(),
    }
}

/// The fingerprint of a file's text, to tell whether it changed.
fn fingerprint(text: &str) -> String {
    sha256_hex(text.as_bytes())
}

/// The language the officer reads the form's problems in: the report's own (Swedish unless
/// it says `language: en`).
fn lang_of(document: &Value) -> Lang {
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
    use super::*;
    use crate::typeset::Setup;

    const COMMENTED: &str = "# hand-written\ndnr: 1.5.3-219-2012\ncontract: Städtjänster\n\
        supplier: Rent AB\norganisation: Stadsledningskontoret\ndate: 2016-03-01\n\
        follow_up:\n  performed: 2015-12\nsections:\n  - body:\n      - En mening.\n";

    fn session(dir: &Path) -> Session {
        let renderer = Renderer::new(Setup::default()).expect("a renderer");
        Session::new(dir.join("r.yaml"), renderer)
    }

    #[test]
    fn the_first_save_keeps_a_commented_original_and_never_overwrites_a_kept_one() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::write(dir.path().join("r.yaml"), COMMENTED).expect("written");
        // An earlier session kept another original under the first name.
        std::fs::write(dir.path().join("r.orig.yaml"), "older").expect("written");
        let mut session = session(dir.path());
        let opened = session.open().expect("opens");
        let saved = session
            .save(&opened.document, opened.base.as_deref())
            .expect("saves");
        assert_eq!(saved.kept.as_deref(), Some("r.orig-2.yaml"));
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).expect(name);
        assert_eq!(read("r.orig-2.yaml"), COMMENTED);
        assert_eq!(read("r.orig.yaml"), "older");
        assert!(!read("r.yaml").contains("# hand-written"));

        // The file is the form's own now: later saves keep nothing more.
        let again = session
            .save(&opened.document, Some(&saved.base))
            .expect("saves");
        assert_eq!(again.kept, None);
        assert_eq!(std::fs::read_dir(dir.path()).expect("folder").count(), 3);
    }

    #[test]
    fn a_save_over_a_file_changed_since_it_was_read_is_refused() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::write(dir.path().join("r.yaml"), COMMENTED).expect("written");
        let mut session = session(dir.path());
        let opened = session.open().expect("opens");
        std::fs::write(dir.path().join("r.yaml"), format!("{COMMENTED}# more\n")).expect("written");
        assert!(matches!(
            session.save(&opened.document, opened.base.as_deref()),
            Err(SaveRefused::Changed)
        ));
        assert!(
            std::fs::read_to_string(dir.path().join("r.yaml"))
                .expect("r")
                .ends_with("# more\n")
        );
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
