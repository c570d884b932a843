//! Which characters the embedded fonts can show, read from their book (`fonts/book.json`, the
//! coverage typst itself computed and a test keeps equal to the font files): validation asks
//! it of every text without reaching into the typesetter.

use std::sync::LazyLock;

use serde::Deserialize;
use typst::text::FontInfo;

/// The embedded fonts' book, as `typeset::fonts` reads it too.
const BOOK: &str = include_str!("../../fonts/book.json");

/// One font of the book: only its information is needed here.
#[derive(Deserialize)]
struct Entry {
    info: FontInfo,
}

/// Every embedded font's information, read once.
static FONTS: LazyLock<Vec<FontInfo>> = LazyLock::new(|| {
    serde_json::from_str::<Vec<Entry>>(BOOK)
        .map(|entries| entries.into_iter().map(|entry| entry.info).collect())
        .unwrap_or_default()
});

/// Whether the embedded fonts can show `c`. Default-ignorable characters (zero-width joiners,
/// variation selectors, the soft hyphen, …) need no glyph, and white space is set as space.
pub(crate) fn can_show(c: char) -> bool {
    c.is_whitespace()
        || super::unicode::is_default_ignorable(c)
        || FONTS
            .iter()
            .any(|info| info.coverage.contains(u32::from(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_book_is_read_and_knows_what_the_fonts_show() {
        assert!(!FONTS.is_empty());
        assert!(can_show('å') && can_show('€') && can_show('\u{200d}'));
        assert!(!can_show('\u{e000}'));
    }
}
