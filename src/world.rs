//! The Typst world of one report: the generated main file, the style module and the embedded
//! fonts. Nothing else exists in it: no file system, no packages, no network, no clock.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::report::Date;

/// The fonts shipped in `fonts/`, compiled into the binary (SIL OFL; see fonts/).
const FONT_FILES: &[&[u8]] = &[
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
];

/// The embedded fonts, parsed once per process and shared by every render.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Fixed virtual paths: file ids are interned for the life of the process, so every render
/// reuses the same two.
static MAIN: LazyLock<FileId> = LazyLock::new(|| file_id("/main.typ"));
static STYLE: LazyLock<FileId> = LazyLock::new(|| file_id("/style.typ"));

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed, valid virtual path");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// The world of one report.
pub struct ReportWorld {
    main: Source,
    style: Source,
    today: Option<Datetime>,
}

impl ReportWorld {
    /// A world whose `/main.typ` is `main`, importing the style module `style`; "today" is the
    /// report's own date, so nothing depends on the clock.
    pub fn new(main: String, style: &str, date: Date) -> Self {
        Self {
            main: Source::new(*MAIN, main),
            style: Source::new(*STYLE, style.to_owned()),
            today: Datetime::from_ymd(i32::from(date.year), date.month, date.day),
        }
    }

    /// The generated main source.
    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else if id == self.style.id() {
            Ok(self.style.clone())
        } else {
            Err(FileError::NotFound(id.vpath().get_without_slash().into()))
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.source(id).map(Bytes::from_string)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use typst_layout::PagedDocument;

    use super::*;

    fn compile(main: &str) -> Result<PagedDocument, String> {
        let date = Date {
            year: 2016,
            month: 3,
            day: 1,
        };
        let world = ReportWorld::new(main.to_owned(), "", date);
        typst::compile::<PagedDocument>(&world)
            .output
            .map_err(|errors| errors.iter().map(|e| e.message.to_string()).collect())
    }

    #[test]
    fn the_world_has_no_file_system() {
        let err = compile("#read(\"/etc/passwd\")").expect_err("no file outside the world");
        assert!(err.contains("not found"), "{err}");
        let err = compile("#read(\"../../../../etc/passwd\")").expect_err("no escape upwards");
        assert!(err.contains("escape"), "{err}");
    }

    #[test]
    fn the_world_has_no_packages() {
        let err = compile("#import \"@preview/cetz:0.3.0\"").expect_err("no packages");
        assert!(!err.is_empty());
    }

    #[test]
    fn today_comes_from_the_report_not_the_clock() {
        let doc = compile("#datetime.today().display()").expect("compiles");
        assert_eq!(doc.pages().len(), 1);
    }

    #[test]
    fn the_style_module_is_served() {
        compile("#import \"style.typ\"").expect("the style module is in the world");
    }
}
