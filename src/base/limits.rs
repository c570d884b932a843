//! Every bound on what one input may hold or cost, defined once. The README's Limits table is
//! held to these values by a test.
//!
//! Each limit is far beyond any real follow-up report and low enough that the worst input
//! within all of them is typeset in seconds and in a few hundred megabytes.

/// The largest input accepted; a follow-up report is a few kilobytes.
pub const MAX_INPUT_BYTES: usize = 4 * 1024 * 1024;
/// The most aliases (and anchors) a report may use.
pub const MAX_ALIASES: usize = 1_000;
/// The deepest nesting of YAML collections accepted.
pub const MAX_DEPTH: usize = 64;

/// The most characters one text may have: a long chapter, far beyond any real paragraph.
pub const MAX_TEXT_CHARS: usize = 100_000;
/// The most characters of a one-line text (a name, a heading, a cell): PDF strings (title,
/// bookmarks, alternative texts) hold at most 32,767 bytes.
pub const MAX_LINE_CHARS: usize = 2_000;
/// The most characters of a figure's text alternative, which the PDF holds as one string.
pub const MAX_ALT_CHARS: usize = 10_000;
/// The most characters of a criterion's name: the chart's text alternative names them all.
pub const MAX_CRITERION_CHARS: usize = 200;
/// The most characters of a dnr: a file name made from it, with its date, stays within the
/// 255 bytes file systems allow.
pub const MAX_DNR_CHARS: usize = 50;
/// The most words longer than [`LONG_WORD_CHARS`] (URLs, identifiers) in one text: each is
/// broken into pieces by the layout, which nests them.
pub const MAX_LONG_WORDS: usize = 200;
/// A word of this many characters or more may break anywhere (see [`MAX_LONG_WORDS`]).
pub const LONG_WORD_CHARS: usize = 30;

/// The most sections a report may have.
pub const MAX_SECTIONS: usize = 500;
/// The most blocks a report may have in all: thousands of quotes, a report of hundreds of pages.
pub const MAX_BLOCKS: usize = 20_000;
/// The most items one list may have.
pub const MAX_LIST_ITEMS: usize = 1_000;
/// The most list items a report may have in all.
pub const MAX_ALL_LIST_ITEMS: usize = 10_000;
/// The most columns a table may have: more than fit across an A4 page.
pub const MAX_COLUMNS: usize = 20;
/// The most rows a table may have.
pub const MAX_ROWS: usize = 5_000;
/// The most cells the tables of a report may have in all.
pub const MAX_CELLS: usize = 20_000;
/// The most findings a report may have.
pub const MAX_FINDINGS: usize = 500;
/// The most assessment criteria.
pub const MAX_CRITERIA: usize = 50;
/// The most scores one criterion may have.
pub const MAX_SCORES: usize = 10_000;
/// The most points of the proposed decision.
pub const MAX_PROPOSAL: usize = 100;
/// The most address lines in page 1's footer.
pub const MAX_CONTACT: usize = 10;
/// The most signatures.
pub const MAX_SIGNATURES: usize = 50;
/// The most appendices.
pub const MAX_APPENDICES: usize = 200;

/// The largest image accepted.
pub const MAX_IMAGE_BYTES: usize = 16 * 1024 * 1024;
/// The most images one report may have.
pub const MAX_IMAGES: usize = 500;
/// The most pixels of a PNG or JPEG image (width × height), read from its header before it is
/// decoded: a page at 300 dpi has under 9 million.
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// The memory one render may take to typeset a report, estimated from the report before it is
/// typeset ([`COST`]): a report past it is refused as a problem, so that the worst report
/// accepted, times the renders at once, fits the memory a deployment gives (README, Serving).
/// A report of a hundred pages of prose is estimated at about 90 MiB.
pub const MAX_RENDER_BYTES: u64 = 192 * 1024 * 1024;

/// What typesetting holds for each part of a report, in bytes, measured on typst 0.15 (peak
/// resident memory of `check` less the 43 MiB of the sample, fitted over reports of 4,000 to
/// 18,000 blocks, 400,000 to 900,000 characters, 2,000 to 7,600 cells, 10,000 list items, 500
/// findings, images of 30 to 160 million pixels).
pub struct Cost {
    /// A character of text (a paragraph, a quote, a heading, a cell, a name).
    pub char: u64,
    /// A typeset block: a paragraph, a quote, a table, a finding's paragraph.
    pub block: u64,
    /// A table cell, besides its characters.
    pub cell: u64,
    /// A character in a table cell, besides what it costs as text.
    pub cell_char: u64,
    /// A list item, besides its characters.
    pub list_item: u64,
    /// A finding, besides its paragraphs (its subheading, facts and row of actions).
    pub finding: u64,
    /// A pixel of an image (the raster images inside an SVG counted).
    pub pixel: u64,
}

/// The measured costs.
pub const COST: Cost = Cost {
    char: 250,
    block: 20 * 1024,
    cell: 14 * 1024,
    cell_char: 150,
    list_item: 12 * 1024,
    finding: 220 * 1024,
    pixel: 3,
};

/// The largest font file read from `--font-path`: a font with every CJK glyph is about 20 MiB.
pub const MAX_FONT_BYTES: usize = 64 * 1024 * 1024;

/// The most bytes the attachments read from one PDF (its source and the images it names) may
/// unpack to in all: a PDF that claims more is refused before it costs more memory.
pub const MAX_ATTACHED_BYTES: usize = 128 * 1024 * 1024;

/// The largest PDF read by `verify` or `extract`.
pub const MAX_PDF_BYTES: u64 = 512 * 1024 * 1024;

/// How many reports one case sent in one request to the service may have.
pub(crate) const MAX_CASE_REPORTS: usize = 100;

/// The largest configuration file (or file of API keys) `serve` reads.
pub(crate) const MAX_CONFIG_BYTES: usize = 1024 * 1024;

/// The largest document (discovery, key set) read from the city's OpenID provider.
pub(crate) const MAX_DOCUMENT_BYTES: u64 = 1024 * 1024;

/// The largest request with images (`multipart/form-data`) the service takes unless
/// `max-body` says otherwise.
pub(crate) const DEFAULT_MAX_BODY: usize = 64 * 1024 * 1024;
