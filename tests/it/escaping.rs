//! Text from the YAML reaches the PDF exactly as written and never runs as Typst or Jinja.

use crate::common::{Test, flat_text, normalise};

/// Strings that would change or break the document if they were read as Typst markup or code,
/// or as template syntax. The reference itself has `[…]` and `[stadsdelsförvaltning]`.
const HOSTILE: &[&str] = &[
    "#set page(width: 2cm)",
    "#read(\"/etc/passwd\")",
    "\")#panic(\"injected\")//",
    "$x^2$ and $ y $",
    "*not bold* _not emphasised_",
    "`not raw` ```rust fn```",
    "<label> and @reference",
    "[stadsdelsförvaltning] […]",
    "back\\slash \\ and \\\\ two",
    "// not a comment",
    "/* not a block comment */",
    "= not a heading",
    "+ not an enum",
    "~tilde~ and 'single' \"double\"",
    "{{ jinja }} {% raw %} {# comment #}",
    "https://example.org/a_b*c",
    "1. not a numbered list",
    "--- and -- and ...",
    "ends with a backslash \\",
    "#let x = 1; #x",
];

/// A report with the `i`-th hostile string (and its neighbours) in every text field.
pub(crate) fn hostile_report(i: usize) -> String {
    let h = |k: usize| yaml_string(HOSTILE[(i + k) % HOSTILE.len()]);
    format!(
        "dnr: {dnr}
contract: {contract}
supplier: {supplier}
organisation: {organisation}
unit: {unit}
author: {author}
phone: {phone}
recipient: {recipient}
date: 2016-03-01
follow_up:
  performed: 2015-12
contact:
  - {contact}
sections:
  - heading: {heading}
    body:
      - {paragraph}
      - quote: {quote}
      - quote: {{text: {quote2}, source: {source}}}
      - subheading: {subheading}
      - list: [{item}]
assessment:
  heading: {aheading}
  body: [{abody}]
  scale: {{min: 1, max: 5, description: {scale}}}
  criteria:
    - name: {criterion}
      scores: [3, 4]
",
        dnr = h(0),
        contract = h(1),
        supplier = h(2),
        organisation = h(3),
        unit = h(4),
        author = h(5),
        phone = h(6),
        recipient = h(7),
        contact = h(8),
        heading = h(9),
        paragraph = h(10),
        quote = h(11),
        quote2 = h(12),
        source = h(13),
        subheading = h(14),
        item = h(15),
        aheading = h(16),
        abody = h(17),
        scale = h(18),
        criterion = h(19),
    )
}

/// A YAML double-quoted string holding `text` exactly.
fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn hostile_text_in_every_field_comes_out_verbatim() {
    // Shifting the strings through the fields puts every string into every field.
    for shift in [0, 5, 10, 15] {
        let yaml = hostile_report(shift);
        let run = Test::new()
            .file("in.yaml", &yaml)
            .args(&["render", "in.yaml"])
            .status(0)
            .run();
        let text = flat_text(&run.read("in.pdf"));
        for k in 0..20 {
            let expected = normalise(HOSTILE[(shift + k) % HOSTILE.len()]);
            assert!(
                text.contains(&expected),
                "shift {shift}: {expected:?} missing from:\n{text}"
            );
        }
        assert!(!text.contains("root:"), "no file is ever read");
    }
}

#[test]
fn the_page_is_still_a4_with_the_hostile_text() {
    let run = Test::new()
        .file("in.yaml", hostile_report(0))
        .args(&["render", "in.yaml"])
        .status(0)
        .run();
    let doc = lopdf::Document::load_mem(&run.read("in.pdf")).expect("a PDF");
    for page in doc.get_pages().values() {
        let dict = doc.get_dictionary(*page).expect("a page");
        let media = dict
            .get(b"MediaBox")
            .and_then(lopdf::Object::as_array)
            .expect("a MediaBox");
        let width = media[2].as_float().expect("a width");
        assert!(
            (width - 595.28).abs() < 0.1,
            "A4 width, not a set page from the data: {width}"
        );
    }
}
