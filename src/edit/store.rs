//! Where the report being edited is kept. Today a file on the officer's disk ([`FileStore`]);
//! the workspace's database is the next. The editor asks only what any keeping place answers:
//! the text now and its fingerprint, a save on top of a fingerprint, an image placed beside it.

use std::path::PathBuf;

use crate::base::hash::sha256_hex;
use crate::error::{Error, FormProblem, Origin, image_fault};
use crate::output::{write_atomically, write_new_atomically};
use crate::report::Report;
use crate::report::figures::{self, ImageFormat};
use crate::report::load::parse_report;
use crate::words::{Message, msg};

use super::yaml;

/// What a save wrote.
#[derive(Debug)]
pub(crate) struct Stored {
    /// The fingerprint of the text as kept now.
    pub base: String,
    /// The name the original was kept under, when the form could not keep its comments or
    /// layout.
    pub kept: Option<String>,
}

/// Why a save was not done.
#[derive(Debug)]
pub(crate) enum SaveRefused {
    /// The report changed since the form read or saved it.
    Changed,
    /// The report could not be stored.
    Failed(Error),
}

/// A place the editor keeps one report in.
pub(crate) trait Store: Send {
    /// The report's name, for the page's title and the PDF's file name.
    fn name(&self) -> String;

    /// What errors about the report name as its origin.
    fn origin(&self) -> Origin;

    /// The report's text as the editor opens it, or `None` when it does not exist yet.
    fn open(&mut self) -> Result<Option<String>, Error>;

    /// The fingerprint of the report as kept now, if it exists (to notice changes by others).
    fn fingerprint(&self) -> Result<Option<String>, Error>;

    /// Keeps `text` as the report, if the report is still the one at `base`.
    fn save(&mut self, text: &str, base: Option<&str>) -> Result<Stored, SaveRefused>;

    /// Reads `text` as the report it is, its images from where this store keeps them.
    fn parse(&self, text: &str) -> Result<Report, Error>;

    /// Keeps an image the officer chose (`bytes`, named `chosen`) beside the report; returns
    /// the path its figure names.
    fn place_image(&self, chosen: &str, bytes: &[u8]) -> Result<String, Error>;
}

/// The fingerprint of a report's text, to tell whether it changed.
pub(crate) fn fingerprint(text: &str) -> String {
    sha256_hex(text.as_bytes())
}

/// A report file on disk, with its images in `bilder/` beside it.
pub(crate) struct FileStore {
    file: PathBuf,
    /// Whether the file on disk has something the form's YAML would not keep (comments,
    /// layout) and has not been saved over yet.
    keep_original: bool,
    /// Where the file was at open if it is a symbolic link: a save lands there, the link kept,
    /// and only while the link still leads there.
    target: Option<PathBuf>,
}

impl FileStore {
    /// The store of `file`, which need not exist yet.
    pub(crate) fn new(file: PathBuf) -> Self {
        Self {
            file,
            keep_original: false,
            target: None,
        }
    }

    /// Where a save writes: the file, or the file its link led to at open, if it still does
    /// (written in place there, so the link stays a link and the officer's file gets the edit).
    fn destination(&self) -> Result<PathBuf, Error> {
        let Some(then) = &self.target else {
            return Ok(self.file.clone());
        };
        let now = self.resolved()?;
        if &now != then {
            return Err(Error::LinkMoved {
                link: self.file.clone(),
                then: then.clone(),
                now,
            });
        }
        Ok(now)
    }

    /// The file at the end of the link, every link on the way followed.
    fn resolved(&self) -> Result<PathBuf, Error> {
        self.file.canonicalize().map_err(|source| Error::Read {
            path: self.origin(),
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

    fn read(&self) -> Result<Option<String>, Error> {
        match std::fs::symlink_metadata(&self.file) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
            _ => crate::report::load::read_input(&self.file).map(Some),
        }
    }

    /// The folder the report's images go in, made if missing, never outside the report's own.
    fn images_folder(&self) -> Result<PathBuf, Error> {
        let report_folder = figures::Folder::of(&self.file).0;
        let folder = report_folder.join("bilder");
        std::fs::create_dir_all(&folder).map_err(|source| Error::Write {
            path: Origin::from(folder.clone()),
            source,
        })?;
        // `bilder` may be a link; an image is never written outside the report's folder.
        let inside = match (folder.canonicalize(), report_folder.canonicalize()) {
            (Ok(real), Ok(root)) => real.starts_with(root),
            _ => false,
        };
        match inside {
            true => Ok(folder),
            false => Err(self.image_fault(msg!("unread-outside-folder"))),
        }
    }

    fn image_fault(&self, why: Message) -> Error {
        Error::Form {
            path: self.origin(),
            problem: Box::new(FormProblem::Image(why)),
        }
    }

    /// The file being edited.
    #[cfg(test)]
    pub(crate) fn file(&self) -> &std::path::Path {
        &self.file
    }
}

impl Store for FileStore {
    fn name(&self) -> String {
        self.file
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    fn origin(&self) -> Origin {
        Origin::from(self.file.clone())
    }

    fn open(&mut self) -> Result<Option<String>, Error> {
        let is_link =
            std::fs::symlink_metadata(&self.file).is_ok_and(|m| m.file_type().is_symlink());
        self.target = match is_link {
            true => Some(self.resolved()?),
            false => None,
        };
        let text = self.read()?;
        self.keep_original = text.as_deref().is_some_and(yaml::loses_on_save);
        Ok(text)
    }

    fn fingerprint(&self) -> Result<Option<String>, Error> {
        Ok(self.read()?.as_deref().map(fingerprint))
    }

    fn save(&mut self, text: &str, base: Option<&str>) -> Result<Stored, SaveRefused> {
        let disk = self.read().map_err(SaveRefused::Failed)?;
        if disk.as_deref().map(fingerprint).as_deref() != base {
            return Err(SaveRefused::Changed);
        }
        let kept = match (&disk, self.keep_original) {
            (Some(original), true) => Some(self.keep(original).map_err(SaveRefused::Failed)?),
            _ => None,
        };
        let destination = self.destination().map_err(SaveRefused::Failed)?;
        write_atomically(&destination, text.as_bytes()).map_err(SaveRefused::Failed)?;
        self.keep_original = false;
        Ok(Stored {
            base: fingerprint(text),
            kept,
        })
    }

    fn parse(&self, text: &str) -> Result<Report, Error> {
        parse_report(text, &self.file)
    }

    /// Places the image under `bilder/`, named after `chosen` (its file name, reduced to plain
    /// characters; the extension its bytes have): the same checks as an image placed by hand,
    /// never over another file (an image with the same bytes already there is used as it is).
    fn place_image(&self, chosen: &str, bytes: &[u8]) -> Result<String, Error> {
        let format = checked_image(chosen, bytes, self.origin())?;
        let folder = self.images_folder()?;
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
        Err(self.image_fault(msg!("form-image-no-name")))
    }
}

/// The format of the image the officer chose (`bytes`, named `chosen`), or why it cannot be
/// a figure of the report at `origin`.
pub(crate) fn checked_image(
    chosen: &str,
    bytes: &[u8],
    origin: Origin,
) -> Result<ImageFormat, Error> {
    let quoted = format!("{chosen:?}");
    let refused = |why: Message| Error::Form {
        path: origin.clone(),
        problem: Box::new(FormProblem::Image(why)),
    };
    let format = ImageFormat::detect(bytes)
        .ok_or_else(|| refused(msg!("kind-image-format", path = &quoted)))?;
    figures::check(bytes, format).map_err(|found| refused(image_fault(&quoted, &found).0))?;
    Ok(format)
}

/// A chosen file's name as a plain file stem: letters (Swedish ones too), digits, `-` and `_`;
/// anything else a `-`; at most 60 characters; `bild` if nothing is left.
pub(crate) fn plain_stem(chosen: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    const COMMENTED: &str = "# hand-written\ndnr: 1.5.3-219-2012\ncontract: Städtjänster\n";

    #[test]
    fn the_first_save_keeps_a_commented_original_and_never_overwrites_a_kept_one() {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join("r.yaml");
        std::fs::write(&file, COMMENTED).expect("written");
        // An earlier session kept another original under the first name.
        std::fs::write(dir.path().join("r.orig.yaml"), "older").expect("written");
        let mut store = FileStore::new(file);
        let text = store.open().expect("opens").expect("exists");
        let base = fingerprint(&text);
        let saved = store.save("dnr: 1\n", Some(&base)).expect("saves");
        assert_eq!(saved.kept.as_deref(), Some("r.orig-2.yaml"));
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).expect(name);
        assert_eq!(read("r.orig-2.yaml"), COMMENTED);
        assert_eq!(read("r.orig.yaml"), "older");
        assert_eq!(read("r.yaml"), "dnr: 1\n");

        // The file is the form's own now: later saves keep nothing more.
        let again = store.save("dnr: 2\n", Some(&saved.base)).expect("saves");
        assert_eq!(again.kept, None);
        assert_eq!(std::fs::read_dir(dir.path()).expect("folder").count(), 3);
    }

    #[test]
    fn a_save_over_a_file_changed_since_it_was_read_is_refused() {
        let dir = tempfile::tempdir().expect("a folder");
        let file = dir.path().join("r.yaml");
        std::fs::write(&file, COMMENTED).expect("written");
        let mut store = FileStore::new(file.clone());
        let base = fingerprint(&store.open().expect("opens").expect("exists"));
        std::fs::write(&file, format!("{COMMENTED}# more\n")).expect("written");
        assert!(matches!(
            store.save("dnr: 1\n", Some(&base)),
            Err(SaveRefused::Changed)
        ));
        assert!(
            std::fs::read_to_string(store.file())
                .expect("r")
                .ends_with("# more\n")
        );
    }

    #[test]
    fn a_chosen_name_becomes_a_plain_stem() {
        assert_eq!(plain_stem("C:\\Bilder\\Möte 2015 (1).PNG"), "möte-2015--1");
        assert_eq!(plain_stem("../../.."), "bild");
        assert_eq!(plain_stem("a.b.c.jpg"), "a-b-c");
    }
}
