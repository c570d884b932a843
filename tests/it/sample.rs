//! The sample report, rendered by the real binary, against the city's original report.

use crate::common::{SAMPLE, Test, flat_text, normalise, page_texts, sample_pdf};
use lopdf::{Document, Object};

/// The original report's text, kept in the repo so the tests stand alone.
const REFERENCE: &str = include_str!("../fixtures/uppfoljning-coachning-2015.txt");

/// The reference split into sentences: after `.`, `?`, `:` or a closing `”` that ends a word,
/// and where a line without end punctuation is followed by one starting with a capital (the
/// title, headings and list items, between which the report sets its own material).
fn reference_sentences() -> Vec<String> {
    // The reference writes the scale's range with a hyphen; the report sets ranges with an
    // en dash, as the city's typography rules require. Nothing else is changed.
    let reference = REFERENCE.replace("Bedömningsskala 1-5", "Bedömningsskala 1–5");
    let lines: Vec<&str> = reference
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut sentences = Vec::new();
    let mut current = String::new();
    for (i, line) in lines.iter().enumerate() {
        for word in line.split_whitespace() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            if word.ends_with(['.', '?', ':', '”']) {
                sentences.push(normalise(&std::mem::take(&mut current)));
            }
        }
        let next_is_capital = lines
            .get(i + 1)
            .and_then(|l| l.chars().next())
            .is_some_and(char::is_uppercase);
        if next_is_capital && !current.is_empty() {
            sentences.push(normalise(&std::mem::take(&mut current)));
        }
    }
    sentences.push(normalise(&current));
    sentences.retain(|s| !s.is_empty());
    sentences
}

#[test]
fn every_sentence_of_the_reference_is_in_the_pdf() {
    let text = flat_text(sample_pdf());
    let sentences = reference_sentences();
    assert!(
        sentences.len() > 40,
        "the reference splits into sentences: {}",
        sentences.len()
    );
    let missing: Vec<&String> = sentences
        .iter()
        .filter(|s| !text.contains(s.as_str()))
        .collect();
    assert!(missing.is_empty(), "missing from the PDF:\n{missing:#?}");
}

#[test]
fn every_page_says_which_page_of_how_many() {
    let pages = page_texts(sample_pdf());
    let total = pages.len();
    assert!(total >= 2, "the sample runs over several pages");
    for (i, text) in pages.iter().enumerate() {
        let expected = format!("Sida\u{a0}{}\u{a0}({total})", i + 1);
        assert!(
            text.contains(&expected),
            "page {} lacks {expected:?}:\n{text}",
            i + 1
        );
        assert!(
            text.contains("Dnr\u{a0}125-1210/2014"),
            "page {} lacks the dnr",
            i + 1
        );
        assert!(text.contains("2016-03-01"), "page {} lacks the date", i + 1);
    }
}

#[test]
fn page_one_alone_has_the_handlaggare_and_the_address() {
    let pages = page_texts(sample_pdf());
    assert!(pages[0].contains("Handläggare Förnamn Efternamn"));
    assert!(pages[0].contains("Besöksadress Hantverkargatan 3 D"));
    for later in &pages[1..] {
        assert!(
            !later.contains("Besöksadress"),
            "the address block is on page 1 only"
        );
        assert!(
            !later.contains("Telefon 08-508"),
            "the telephone is on page 1 only"
        );
    }
}

#[test]
fn the_body_carries_the_facts_and_swedish_typography() {
    let text = flat_text(sample_pdf());
    for fact in [
        "Uppföljningen genomförd : december 2015",
        "Leverantörens sammanställning t.o.m. : februari 2016",
        "Rapportdatum : 2016-03-01",
        "Leverantör : IGO-R AB",
        "Dnr : 125-1210/2014",
    ] {
        // Text extraction splits the label, the separator and the value into runs.
        assert!(text.contains(fact), "missing fact {fact:?}");
    }
    assert!(text.contains("Medelvärde"), "the score table");
    assert!(
        text.contains("Målgruppsanpassning 5 4,8"),
        "criterion, answers, mean with a decimal comma"
    );
    assert!(text.contains("Effektivitet 5 4,6"));
    assert!(
        text.contains("”Han har varit in lyssnande."),
        "quotes open with ”"
    );
}

#[test]
fn two_renders_are_byte_identical_whatever_the_clock_zone_or_folder() {
    let first = sample_pdf();
    let second = Test::new()
        .file("elsewhere/deeper/in.yaml", SAMPLE)
        .cwd("elsewhere/deeper")
        .env("TZ", "America/Los_Angeles")
        .env("SOURCE_DATE_EPOCH", "1234567890")
        .env("LC_ALL", "C")
        .args(&["render", "in.yaml", "-o", "../out.pdf"])
        .status(0)
        .run()
        .read("elsewhere/out.pdf");
    assert!(first == second, "the same YAML must give the same bytes");
}

/// The document catalog and its XMP metadata as text.
fn catalog_and_xmp(pdf: &[u8]) -> (lopdf::Dictionary, String) {
    let doc = Document::load_mem(pdf).expect("a PDF");
    let catalog = doc.catalog().expect("a catalog").clone();
    let metadata = catalog
        .get(b"Metadata")
        .and_then(Object::as_reference)
        .expect("XMP metadata");
    let stream = doc
        .get_object(metadata)
        .and_then(Object::as_stream)
        .expect("a stream");
    (
        catalog,
        String::from_utf8_lossy(&stream.content).into_owned(),
    )
}

#[test]
fn the_pdf_is_archival_accessible_swedish_and_described() {
    let pdf = sample_pdf();
    let (catalog, xmp) = catalog_and_xmp(pdf);
    let lang = catalog
        .get(b"Lang")
        .and_then(Object::as_str)
        .expect("a language");
    assert_eq!(lang, b"sv");
    assert!(catalog.get(b"StructTreeRoot").is_ok(), "tagged");
    let mark_info = catalog
        .get(b"MarkInfo")
        .and_then(Object::as_dict)
        .expect("MarkInfo");
    assert!(matches!(
        mark_info.get(b"Marked"),
        Ok(Object::Boolean(true))
    ));
    for expected in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>A</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
        "Uppföljning av avtal, dnr 125-1210/2014, Coachning av chefer, grupper och individer",
        "Förnamn Efternamn",
        "125-1210/2014, Uppföljning, IGO-R AB",
        "2016-03-01",
    ] {
        assert!(xmp.contains(expected), "XMP lacks {expected:?}:\n{xmp}");
    }
}

#[test]
fn the_structure_has_headings_in_order_quotes_lists_and_a_real_table() {
    let pdf = sample_pdf();
    let doc = Document::load_mem(pdf).expect("a PDF");
    let mut kinds = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if let Ok(kind) = dict.get(b"S").and_then(Object::as_name) {
            kinds.push(String::from_utf8_lossy(kind).into_owned());
        }
    }
    for kind in [
        "H1",
        "H2",
        "H3",
        "BlockQuote",
        "L",
        "LI",
        "Table",
        "TH",
        "TD",
        "Figure",
    ] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "no {kind} in the structure tree: {kinds:?}"
        );
    }
    assert_eq!(kinds.iter().filter(|k| *k == "H1").count(), 1, "one title");
}

#[test]
fn fonts_are_embedded() {
    let pdf = sample_pdf();
    let doc = Document::load_mem(pdf).expect("a PDF");
    let mut descriptors = 0;
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor".as_slice()) {
            descriptors += 1;
            assert!(
                dict.get(b"FontFile2").is_ok(),
                "a font without its file: {dict:?}"
            );
        }
    }
    assert!(descriptors >= 2, "regular and bold");
}
