//! The fonts a report can use: the embedded ones, plus any the city points to with
//! `--font-path`. Nothing depends on the fonts installed on the machine.

use std::path::Path;
use std::sync::{Arc, LazyLock, OnceLock};

use serde::{Deserialize, Serialize};
use typst::foundations::Bytes;
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;

use crate::error::Error;

/// A font file of `fonts/` by name, with its bytes.
macro_rules! embed {
    ($file:literal) => {
        ($file, include_bytes!(concat!("../../fonts/", $file)))
    };
}

/// The family the built-in style uses.
pub(crate) const DEFAULT_FAMILY: &str = "Liberation Sans";

/// The fonts shipped in `fonts/`, compiled into the binary (SIL OFL and free licences; see
/// fonts/), by file name.
const EMBEDDED: &[(&str, &[u8])] = &[
    embed!("LiberationSans-Regular.ttf"),
    embed!("LiberationSans-Bold.ttf"),
    embed!("LiberationSans-Italic.ttf"),
    embed!("LiberationSans-BoldItalic.ttf"),
    // Fallbacks, so that any European script, Greek, Cyrillic, Hebrew, Arabic, common symbols
    // and (monochrome) emoji can be shown and embedded.
    embed!("DejaVuSans.ttf"),
    embed!("DejaVuSans-Bold.ttf"),
    embed!("Symbola.ttf"),
];

/// What typst knows of each embedded font, computed ahead of time (`fonts/book.json`): working
/// it out means walking every font's character map, a twentieth of a render, and a report
/// usually needs only two of the seven fonts.
const EMBEDDED_BOOK: &str = include_str!("../../fonts/book.json");

/// One entry of `fonts/book.json`.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct BookEntry {
    /// The file in `fonts/`.
    file: String,
    /// The font's index in that file (a collection has several).
    index: u32,
    /// Family, variant, flags and coverage.
    info: FontInfo,
}

/// A set of fonts and the book that indexes them; a font is parsed when first used.
pub struct FontSet {
    /// Metadata of every font, by index.
    pub book: LazyHash<FontBook>,
    /// The fonts, in the book's order.
    slots: Vec<Slot>,
}

/// A font's data, and the font once parsed.
struct Slot {
    data: Bytes,
    index: u32,
    font: OnceLock<Option<Font>>,
}

static BUILT_IN: LazyLock<Arc<FontSet>> = LazyLock::new(|| Arc::new(FontSet::embedded()));

impl FontSet {
    /// The embedded fonts alone, set up once per process.
    pub fn built_in() -> Arc<Self> {
        BUILT_IN.clone()
    }

    /// The embedded fonts plus every font file (`.ttf`, `.otf`, `.ttc`, `.otc`) in `dirs`.
    pub fn with_dirs(dirs: &[impl AsRef<Path>]) -> Result<Arc<Self>, Error> {
        if dirs.is_empty() {
            return Ok(Self::built_in());
        }
        let mut set = Self::embedded();
        for dir in dirs {
            for font in scan(dir.as_ref())? {
                set.book.push(font.info().clone());
                set.slots.push(Slot {
                    data: font.data().clone(),
                    index: font.index(),
                    font: OnceLock::from(Some(font)),
                });
            }
        }
        Ok(Arc::new(set))
    }

    /// The embedded fonts, indexed by the precomputed book.
    fn embedded() -> Self {
        let entries: Vec<BookEntry> =
            serde_json::from_str(EMBEDDED_BOOK).expect("fonts/book.json is checked by a test");
        let mut book = FontBook::new();
        let mut slots = Vec::new();
        for entry in entries {
            let Some((_, data)) = EMBEDDED.iter().find(|(file, _)| *file == entry.file) else {
                continue;
            };
            book.push(entry.info);
            slots.push(Slot {
                data: Bytes::new(*data),
                index: entry.index,
                font: OnceLock::new(),
            });
        }
        Self {
            book: LazyHash::new(book),
            slots,
        }
    }

    /// The font at `index` of the book, parsed on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font
            .get_or_init(|| Font::new(slot.data.clone(), slot.index))
            .clone()
    }

    /// Whether a family of that name is in the set (case-insensitive, as typst matches).
    pub fn has_family(&self, family: &str) -> bool {
        self.book.contains_family(&family.to_lowercase())
    }

    /// The families in the set, sorted, for error messages.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .book
            .families()
            .map(|(name, _)| name.to_owned())
            .collect();
        names.dedup();
        names
    }
}

/// Every font in the files of `dir` (not below it), in file-name order so the result does not
/// depend on the file system's listing order.
fn scan(dir: &Path) -> Result<Vec<Font>, Error> {
    let fail = |source| Error::FontPath {
        path: crate::error::Origin::from(dir.to_path_buf()),
        source,
    };
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(fail)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or_default();
            matches!(
                ext.to_ascii_lowercase().as_str(),
                "ttf" | "otf" | "ttc" | "otc"
            )
        })
        .collect();
    paths.sort();
    let mut fonts = Vec::new();
    for path in paths {
        let data = crate::base::files::read_regular(&path, crate::base::limits::MAX_FONT_BYTES)
            .map_err(|fault| {
                let source = match fault {
                    crate::base::files::ReadFault::Io(err) => err,
                    other => std::io::Error::other(other.to_string()),
                };
                Error::FontPath {
                    path: crate::error::Origin::from(path.clone()),
                    source,
                }
            })?;
        fonts.extend(Font::iter(Bytes::new(data)));
    }
    Ok(fonts)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The book as typst computes it from the embedded font files.
    fn computed_book() -> Vec<BookEntry> {
        let mut entries = Vec::new();
        for (file, data) in EMBEDDED {
            for font in Font::iter(Bytes::new(*data)) {
                entries.push(BookEntry {
                    file: (*file).to_owned(),
                    index: font.index(),
                    info: font.info().clone(),
                });
            }
        }
        entries
    }

    #[test]
    fn the_committed_font_book_matches_the_font_files() {
        let computed = computed_book();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/book.json");
        if std::env::var_os("UPPFOLJNING_WRITE_FONT_BOOK").is_some() {
            // One font per line, so that a change of fonts reads as a change of lines.
            let lines: Vec<String> = computed
                .iter()
                .map(|entry| serde_json::to_string(entry).expect("serialisable"))
                .collect();
            let json = format!("[\n{}\n]\n", lines.join(",\n"));
            std::fs::write(path, json).expect("fonts/book.json is writable");
        }
        let committed: Vec<BookEntry> = serde_json::from_str(EMBEDDED_BOOK).expect("valid JSON");
        assert!(
            committed == computed,
            "fonts/book.json is out of date with the font files; regenerate it with \
             `UPPFOLJNING_WRITE_FONT_BOOK=1 cargo test --lib fonts` and commit it"
        );
    }

    #[test]
    fn every_embedded_font_is_in_the_book_and_parses_lazily() {
        let set = FontSet::built_in();
        assert_eq!(set.slots.len(), EMBEDDED.len());
        for i in 0..set.slots.len() {
            let font = set.font(i).expect("an embedded font parses");
            assert_eq!(Some(font.info()), set.book.info(i));
        }
        assert!(set.font(set.slots.len()).is_none());
    }
}
