//! The Typst world of one report: the generated main file, the style module, the fonts and,
//! with a `--templates` folder, the files inside that folder. Nothing else exists in it: no
//! other file, no packages, no network, no clock.

use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::report::Date;
use crate::report::figures::Image;
use crate::typeset::fonts::FontSet;

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// Builds and hashes typst's standard library ahead of the first compile (see
/// [`crate::typeset::Renderer::warm_up`]); it is the same for every report.
pub(crate) fn prepare_library() {
    typst::utils::hash128(&*LIBRARY);
}

/// Fixed virtual paths: file ids are interned for the life of the process, so every render
/// reuses the same few.
static MAIN: LazyLock<FileId> = LazyLock::new(|| file_id("/main.typ"));
static STYLE: LazyLock<FileId> = LazyLock::new(|| file_id("/style.typ"));
/// Whether `id` is the generated main file.
pub(crate) fn is_main(id: FileId) -> bool {
    id == *MAIN
}

/// Where the source YAML is served when it is embedded in the PDF.
pub(crate) static SOURCE_YAML: LazyLock<FileId> =
    LazyLock::new(|| file_id(&format!("/{SOURCE_NAME}")));

/// The name the source YAML is attached to the PDF by, and served at in the world.
pub(crate) const SOURCE_NAME: &str = "source.yaml";

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed, valid virtual path");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

/// The world of one report.
pub struct ReportWorld {
    main: Source,
    style: Source,
    fonts: Arc<FontSet>,
    /// A user's templates folder: the only place other files may come from.
    folder: Option<PathBuf>,
    /// The source YAML, when it is to be attached.
    source_yaml: Option<Bytes>,
    /// The figures' images, at `/figures/<index>.<extension>`.
    images: Vec<(FileId, Bytes)>,
    today: Option<Datetime>,
}

impl ReportWorld {
    /// The style module, parsed; one parse serves every report of a renderer.
    pub fn style_source(text: String) -> Source {
        Source::new(*STYLE, text)
    }

    /// A world whose `/main.typ` is `main` importing `style` (see [`Self::style_source`]);
    /// "today" is the report's own date, so nothing depends on the clock.
    pub fn new(main: String, style: Source, fonts: Arc<FontSet>, date: Date) -> Self {
        Self {
            main: Source::new(*MAIN, main),
            style,
            fonts,
            folder: None,
            source_yaml: None,
            images: Vec::new(),
            today: Datetime::from_ymd(i32::from(date.year), date.month, date.day),
        }
    }

    /// Lets the templates read files inside `folder`, and nothing outside it.
    pub fn with_folder(mut self, folder: Option<PathBuf>) -> Self {
        self.folder = folder;
        self
    }

    /// Serves the source YAML at `/source.yaml`, for attaching it to the PDF.
    pub fn with_source_yaml(mut self, yaml: Option<Bytes>) -> Self {
        self.source_yaml = yaml;
        self
    }

    /// Reads a file of the templates folder, refusing anything that resolves outside it
    /// (`..`, or a link pointing elsewhere).
    /// Serves the report's images, each at `/figures/<index>.<extension>`: a fixed set of
    /// names, since file ids are never freed.
    pub fn with_images(mut self, images: &[Image]) -> Self {
        self.images = images
            .iter()
            .enumerate()
            .map(|(i, image)| {
                let path = crate::report::figures::served_at(i, image.format);
                (file_id(&path), Bytes::new(image.bytes.clone()))
            })
            .collect();
        self
    }

    fn folder_file(&self, id: FileId) -> FileResult<Vec<u8>> {
        let not_found = || FileError::NotFound(id.vpath().get_without_slash().into());
        let (Some(folder), VirtualRoot::Project) = (&self.folder, id.root()) else {
            return Err(not_found());
        };
        let path = id
            .vpath()
            .realize(folder)
            .map_err(|_| FileError::AccessDenied)?;
        let real = path.canonicalize().map_err(|_| not_found())?;
        let root = folder.canonicalize().map_err(|_| not_found())?;
        if !real.starts_with(&root) {
            return Err(FileError::AccessDenied);
        }
        read_file(&real)
    }
}

/// A file of the templates folder (a logo), as any image of a figure: a regular file within
/// the image limit.
fn read_file(path: &Path) -> FileResult<Vec<u8>> {
    use crate::base::files::{ReadFault, read_regular};
    read_regular(path, crate::base::limits::MAX_IMAGE_BYTES).map_err(|fault| match fault {
        ReadFault::Io(err) => FileError::from_io(err, path),
        ReadFault::NotRegular { kind: "a folder" } => FileError::IsDirectory,
        other => FileError::Other(Some(other.to_string().into())),
    })
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        if id == self.style.id() {
            return Ok(self.style.clone());
        }
        let bytes = self.folder_file(id)?;
        let text = String::from_utf8(bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() || id == self.style.id() {
            return self.source(id).map(Bytes::from_string);
        }
        if id == *SOURCE_YAML
            && let Some(yaml) = &self.source_yaml
        {
            return Ok(yaml.clone());
        }
        if let Some((_, bytes)) = self.images.iter().find(|(image, _)| *image == id) {
            return Ok(bytes.clone());
        }
        self.folder_file(id).map(Bytes::new)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use typst::diag::SourceDiagnostic;
    use typst::ecow::EcoVec;
    use typst_layout::PagedDocument;

    use super::*;

    const DATE: Date = Date {
        year: 2016,
        month: 3,
        day: 1,
    };

    fn compile_in(
        main: &str,
        folder: Option<PathBuf>,
    ) -> Result<PagedDocument, EcoVec<SourceDiagnostic>> {
        let world = ReportWorld::new(
            main.to_owned(),
            ReportWorld::style_source(String::new()),
            FontSet::built_in(),
            DATE,
        )
        .with_folder(folder);
        typst::compile::<PagedDocument>(&world).output
    }

    fn compile(main: &str) -> Result<PagedDocument, EcoVec<SourceDiagnostic>> {
        compile_in(main, None)
    }

    /// What typst said, one message after the other.
    fn said(errors: &[SourceDiagnostic]) -> String {
        errors.iter().map(|e| e.message.as_str()).collect()
    }

    #[test]
    fn the_world_has_no_file_system() {
        let err = said(&compile("#read(\"/etc/passwd\")").expect_err("no file outside the world"));
        assert!(err.contains("not found"), "{err}");
        let err =
            said(&compile("#read(\"../../../../etc/passwd\")").expect_err("no escape upwards"));
        assert!(err.contains("escape"), "{err}");
    }

    #[test]
    fn the_world_has_no_packages() {
        let err = said(&compile("#import \"@preview/cetz:0.3.0\"").expect_err("no packages"));
        assert!(!err.is_empty());
    }

    #[test]
    fn today_comes_from_the_report_not_the_clock() {
        // typst's own assertion fails the compile if today is not the report's date.
        compile("#assert.eq(datetime.today(), datetime(year: 2016, month: 3, day: 1))")
            .expect("today is the report's date");
        let err = said(
            &compile("#assert.eq(datetime.today(), datetime(year: 2016, month: 3, day: 2))")
                .expect_err("the assertion can fail"),
        );
        assert!(err.contains("assertion failed"), "{err}");
    }

    #[test]
    fn the_style_module_is_served() {
        compile("#import \"style.typ\"").expect("the style module is in the world");
    }

    #[test]
    fn the_source_yaml_is_served_only_when_attached() {
        compile("#read(\"/source.yaml\")").expect_err("not attached");
    }

    #[test]
    fn a_templates_folder_is_readable_but_not_escapable() {
        let dir = tempfile::tempdir().expect("a folder");
        let folder = dir.path().join("templates");
        std::fs::create_dir(&folder).expect("a folder");
        std::fs::write(folder.join("logo.txt"), "inside").expect("a file");
        std::fs::write(dir.path().join("secret.txt"), "outside").expect("a file");
        let folder = Some(folder);
        compile_in("#read(\"logo.txt\")", folder.clone()).expect("inside the folder");
        let err =
            said(&compile_in("#read(\"../secret.txt\")", folder.clone()).expect_err("outside"));
        assert!(err.contains("escape"), "{err}");
        #[cfg(unix)]
        {
            let link = folder.as_ref().expect("set").join("link.txt");
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), link).expect("a link");
            let err =
                said(&compile_in("#read(\"link.txt\")", folder).expect_err("a link leading out"));
            assert!(err.contains("denied"), "{err}");
        }
    }
}
