//! The fonts a report can use: the embedded ones, plus any the city points to with
//! `--font-path`. Nothing depends on the fonts installed on the machine.

use std::path::Path;
use std::sync::{Arc, LazyLock};

use typst::foundations::Bytes;
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;

use crate::error::Error;

/// The family the built-in style uses.
pub const DEFAULT_FAMILY: &str = "Liberation Sans";

/// The fonts shipped in `fonts/`, compiled into the binary (SIL OFL; see fonts/).
const EMBEDDED: &[&[u8]] = &[
    include_bytes!("../fonts/LiberationSans-Regular.ttf"),
    include_bytes!("../fonts/LiberationSans-Bold.ttf"),
    include_bytes!("../fonts/LiberationSans-Italic.ttf"),
    include_bytes!("../fonts/LiberationSans-BoldItalic.ttf"),
    // Fallbacks, so that any European script, Greek, Cyrillic, Hebrew, Arabic, common symbols
    // and (monochrome) emoji can be shown and embedded.
    include_bytes!("../fonts/DejaVuSans.ttf"),
    include_bytes!("../fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../fonts/Symbola.ttf"),
];

/// A set of parsed fonts and the book that indexes them.
pub struct FontSet {
    /// Metadata of every font, by index.
    pub book: LazyHash<FontBook>,
    /// The fonts, in the book's order.
    pub fonts: Vec<Font>,
}

static BUILT_IN: LazyLock<Arc<FontSet>> =
    LazyLock::new(|| Arc::new(FontSet::from_fonts(embedded_fonts())));

impl FontSet {
    /// The embedded fonts alone, parsed once per process.
    pub fn built_in() -> Arc<Self> {
        BUILT_IN.clone()
    }

    /// The embedded fonts plus every font file (`.ttf`, `.otf`, `.ttc`, `.otc`) in `dirs`.
    pub fn with_dirs(dirs: &[impl AsRef<Path>]) -> Result<Arc<Self>, Error> {
        if dirs.is_empty() {
            return Ok(Self::built_in());
        }
        let mut fonts = embedded_fonts();
        for dir in dirs {
            fonts.extend(scan(dir.as_ref())?);
        }
        Ok(Arc::new(Self::from_fonts(fonts)))
    }

    fn from_fonts(fonts: Vec<Font>) -> Self {
        Self {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
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

/// Whether an archival (PDF/A "a") file may contain `c` at all: not a byte-order mark, a
/// non-character or a private-use code point, whose meaning no archive can know.
pub fn is_archivable(c: char) -> bool {
    !matches!(u32::from(c), 0xFEFF | 0xFFFE | 0xFFFF | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

/// Whether the embedded fonts can show `c`. Default-ignorable characters (zero-width joiners,
/// variation selectors, the soft hyphen, …) need no glyph, and white space is set as space.
pub fn can_show(c: char) -> bool {
    c.is_whitespace()
        || is_default_ignorable(c)
        || BUILT_IN
            .fonts
            .iter()
            .any(|font| font.info().coverage.contains(u32::from(c)))
}

/// Unicode's Default_Ignorable_Code_Point: characters that shape to nothing visible.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(u32::from(c),
        0x00AD | 0x034F | 0x061C | 0x115F..=0x1160 | 0x17B4..=0x17B5 | 0x180B..=0x180F
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
        | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
        | 0xE0000..=0xE0FFF)
}

fn embedded_fonts() -> Vec<Font> {
    EMBEDDED
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect()
}

/// Every font in the files of `dir` (not below it), in file-name order so the result does not
/// depend on the file system's listing order.
fn scan(dir: &Path) -> Result<Vec<Font>, Error> {
    let fail = |source| Error::FontPath {
        path: dir.to_path_buf(),
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
        let data = std::fs::read(&path).map_err(|source| Error::FontPath {
            path: path.clone(),
            source,
        })?;
        fonts.extend(Font::iter(Bytes::new(data)));
    }
    Ok(fonts)
}
