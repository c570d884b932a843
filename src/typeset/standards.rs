//! The PDF standards a report can be made to: their names on the command line, and the
//! defaults.

use typst_pdf::PdfStandard;

/// The standards every report meets unless told otherwise: archival and accessible.
pub(crate) const DEFAULT_STANDARDS: &[PdfStandard] = &[PdfStandard::A_2a, PdfStandard::Ua_1];
/// The default when the source is embedded: PDF/A-2 forbids attachments, PDF/A-3 allows them.
pub(crate) const EMBED_STANDARDS: &[PdfStandard] = &[PdfStandard::A_3a, PdfStandard::Ua_1];

/// Every PDF standard typst-pdf can enforce, by the name `--pdf-standard` takes.
pub(crate) const STANDARDS: &[(&str, PdfStandard)] = &[
    ("1.4", PdfStandard::V_1_4),
    ("1.5", PdfStandard::V_1_5),
    ("1.6", PdfStandard::V_1_6),
    ("1.7", PdfStandard::V_1_7),
    ("2.0", PdfStandard::V_2_0),
    ("a-1b", PdfStandard::A_1b),
    ("a-1a", PdfStandard::A_1a),
    ("a-2b", PdfStandard::A_2b),
    ("a-2u", PdfStandard::A_2u),
    ("a-2a", PdfStandard::A_2a),
    ("a-3b", PdfStandard::A_3b),
    ("a-3u", PdfStandard::A_3u),
    ("a-3a", PdfStandard::A_3a),
    ("a-4", PdfStandard::A_4),
    ("a-4f", PdfStandard::A_4f),
    ("a-4e", PdfStandard::A_4e),
    ("ua-1", PdfStandard::Ua_1),
];

/// Standards by their names, comma-separated as `--pdf-standard` takes them: `a-2b,ua-1`.
pub(crate) fn parse_standards(text: &str) -> Result<Vec<PdfStandard>, String> {
    text.split(',')
        .map(str::trim)
        .map(|name| {
            STANDARDS
                .iter()
                .find(|(known, _)| *known == name)
                .map(|(_, standard)| *standard)
                .ok_or_else(|| {
                    let known: Vec<&str> = STANDARDS.iter().map(|(known, _)| *known).collect();
                    format!(
                        "{name:?} is not a PDF standard; give one of {}",
                        known.join(", ")
                    )
                })
        })
        .collect()
}

/// The standards as the user would type them: `a-2a, ua-1`.
pub(crate) fn standards_list(standards: &[PdfStandard]) -> String {
    let names: Vec<&str> = standards.iter().map(|s| standard_name(*s)).collect();
    names.join(", ")
}

/// The standards as a document names them (`PDF/A-2a`, `PDF/UA-1`, `PDF 1.7`), joined by
/// `and` (`, `, ` and `, ` och `).
pub(crate) fn titles(standards: &[PdfStandard], and: &str) -> String {
    let titles: Vec<String> = standards
        .iter()
        .map(|standard| {
            let name = standard_name(*standard);
            match name.split_once('-') {
                Some((part, level)) => format!("PDF/{}-{level}", part.to_uppercase()),
                None => format!("PDF {name}"),
            }
        })
        .collect();
    titles.join(and)
}

/// The PDF/A conformance among `standards` (`2a`), if there is one.
pub(crate) fn pdfa_level(standards: &[PdfStandard]) -> Option<&'static str> {
    standards
        .iter()
        .find_map(|standard| standard_name(*standard).strip_prefix("a-"))
}

/// A standard's name as `--pdf-standard` takes it (`a-2a`); every standard is in the table.
pub(crate) fn standard_name(standard: PdfStandard) -> &'static str {
    STANDARDS
        .iter()
        .find(|(_, v)| *v == standard)
        .map_or("?", |(name, _)| name)
}
