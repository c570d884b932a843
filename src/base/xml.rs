//! Writing XML documents through quick-xml, with every text and attribute value escaped so that
//! it reads back exactly as given.

use std::borrow::Cow;

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;

/// An XML document being written, indented by two spaces.
pub(crate) struct XmlWriter {
    writer: Writer<Vec<u8>>,
}

impl Default for XmlWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl XmlWriter {
    /// A new UTF-8 document with its declaration.
    pub(crate) fn new() -> Self {
        let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
        let decl = BytesDecl::new("1.0", Some("UTF-8"), None);
        writer
            .write_event(Event::Decl(decl))
            .expect("writing to memory cannot fail");
        Self { writer }
    }

    /// Opens element `name` with `attrs`; close it with [`XmlWriter::end`].
    pub(crate) fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Start(element(name, attrs)));
    }

    /// Closes element `name`.
    pub(crate) fn end(&mut self, name: &str) {
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// Writes the empty element `name` with `attrs`.
    pub(crate) fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.event(Event::Empty(element(name, attrs)));
    }

    /// Writes element `name` with `attrs` holding `text`.
    pub(crate) fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.event(Event::Start(element(name, attrs)));
        let escaped = escape(text, false);
        self.event(Event::Text(BytesText::from_escaped(escaped)));
        self.event(Event::End(BytesEnd::new(name)));
    }

    /// The finished document's bytes, ending with a line break.
    pub(crate) fn finish(self) -> Vec<u8> {
        let mut bytes = self.writer.into_inner();
        bytes.push(b'\n');
        bytes
    }

    fn event(&mut self, event: Event) {
        self.writer
            .write_event(event)
            .expect("writing to memory cannot fail");
    }
}

/// The start tag of `name` with `attrs`, each value escaped.
fn element<'a>(name: &'a str, attrs: &[(&'a str, &str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for (key, value) in attrs {
        start.push_attribute(Attribute {
            key: QName(key),
            value: Cow::Owned(escape(value, true)),
        });
    }
    start
}

/// Escapes `text` for XML. Beyond the five markup characters, a carriage return (and in an
/// attribute also a tab and a line feed) is written as a character reference: an XML reader
/// normalises the literal characters away, and the text must read back exactly.
pub(crate) fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use quick_xml::Reader;
    use quick_xml::XmlVersion;
    use quick_xml::events::Event;

    use super::*;

    /// The text and the `a` attribute of the `t` element, as an XML 1.0 reader sees them.
    fn read_back(xml: &[u8]) -> (String, String) {
        let mut reader = Reader::from_reader(xml);
        let (mut text, mut attr, mut inside) = (String::new(), String::new(), false);
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf).expect("well-formed") {
                Event::Start(start) if start.name().as_ref() == "t" => {
                    inside = true;
                    let a = start.try_get_attribute("a").expect("attribute").expect("a");
                    attr = a
                        .normalized_value(XmlVersion::Implicit1_0)
                        .expect("value")
                        .into_owned();
                }
                Event::End(end) if end.name().as_ref() == "t" => inside = false,
                Event::Text(t) if inside => text.push_str(&t.xml10_content()),
                Event::GeneralRef(r) if inside => {
                    let c = r.resolve_char_ref().expect("char ref");
                    let name = r.xml10_content();
                    let predefined = quick_xml::escape::resolve_predefined_entity(&name);
                    text.push_str(&c.map_or(predefined.unwrap_or("?").to_owned(), String::from));
                }
                Event::Eof => break,
                _ => {}
            }
            buf.clear();
        }
        (text, attr)
    }

    #[test]
    fn hostile_text_reads_back_exactly() {
        let hostile = "a <b> & ]]> \"q\" 'a'\r\n\ttab \u{202e}rtl\u{202c} &amp;";
        let mut xml = XmlWriter::new();
        xml.start("root", &[]);
        xml.text("t", &[("a", hostile)], hostile);
        xml.end("root");
        let bytes = xml.finish();
        let written = String::from_utf8(bytes.clone()).expect("utf-8");
        assert!(!written.contains("<b>"), "markup escaped: {written}");
        assert!(!written.contains("]]>"), "CDATA end escaped: {written}");
        let (text, attr) = read_back(&bytes);
        assert_eq!(text, hostile);
        assert_eq!(attr, hostile);
    }
}
