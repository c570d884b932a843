//! A bounded reader of the few objects of a PDF that lead to its attachments: the trailer, the
//! catalog, the embedded-files name tree, the file specifications and, when asked, one
//! attachment's stream. Nothing else in the file is parsed or unpacked.
//!
//! The PDF is hostile: a general reader (lopdf) parses every object and unpacks every object
//! stream before a question can be asked, so a 17 KB file of one packed object stream cost a
//! gigabyte. Here every count and size has a bound, checked as it is spent: objects parsed,
//! items in them, nesting, bytes unpacked for the structure and for the attachments.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::ops::Range;
use std::rc::Rc;

/// Objects parsed from one file: the path to an attachment is a dozen.
const MAX_OBJECTS: usize = 10_000;
/// Items (array elements, dictionary entries) in all the objects parsed.
const MAX_ITEMS: usize = 200_000;
/// Arrays and dictionaries nested in one object.
const MAX_DEPTH: usize = 32;
/// Cross-reference entries kept: a report of a thousand pages has some tens of thousands.
const MAX_XREF_ENTRIES: usize = 500_000;
/// Cross-reference sections followed through `/Prev`.
const MAX_XREF_SECTIONS: usize = 64;
/// Bytes unpacked for the structure (cross-reference and object streams) in all.
const MAX_STRUCTURE_BYTES: usize = 32 * 1024 * 1024;
/// Nodes of the embedded-files name tree visited.
const MAX_TREE_NODES: usize = 1_000;
/// Attachments listed: a report has its source and at most 500 images.
const MAX_ATTACHMENTS: usize = 1_000;

/// Why a PDF could not be read, in words for the error's message.
pub(crate) type Fault = String;

/// A PDF object, as far as this reader needs one.
#[derive(Debug, Clone)]
enum Obj {
    Null,
    Bool,
    Int(i64),
    Real,
    Name(Vec<u8>),
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    Ref(u32),
    /// A stream: its dictionary and where its data lies in the file.
    Stream(Dict, Range<usize>),
}

type Dict = Vec<(Vec<u8>, Obj)>;

impl Obj {
    fn get(&self, key: &[u8]) -> Option<&Obj> {
        match self {
            Obj::Dict(dict) | Obj::Stream(dict, _) => lookup(dict, key),
            _ => None,
        }
    }
}

fn lookup<'d>(dict: &'d Dict, key: &[u8]) -> Option<&'d Obj> {
    dict.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Where an object lies: at an offset of the file, or the `index`th of an object stream.
#[derive(Debug, Clone, Copy)]
enum Entry {
    At(usize),
    In { stream: u32, index: usize },
}

/// An attachment found in the name tree: its name and its stream.
struct Found {
    name: String,
    dict: Dict,
    data: Range<usize>,
}

/// A PDF's attachments, listed; each is unpacked only when read.
pub(crate) struct Attachments<'a> {
    reader: Reader<'a>,
    found: Vec<Found>,
    /// Bytes the attachments read so far unpacked to.
    read: usize,
    /// Bytes they may unpack to in all.
    budget: usize,
}

impl<'a> Attachments<'a> {
    /// The attachments of `pdf`, whose attachments read may unpack to `budget` bytes in all.
    pub(crate) fn open(pdf: &'a [u8], budget: usize) -> Result<Self, Fault> {
        let mut reader = Reader::new(pdf)?;
        let found = reader.attachments()?;
        Ok(Self {
            reader,
            found,
            read: 0,
            budget,
        })
    }

    /// The names of the attachments, in the PDF's order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.found.iter().map(|found| found.name.as_str())
    }

    /// Whether an attachment is named `name`.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.names().any(|n| n == name)
    }

    /// The bytes of the first attachment named `name`, at most `limit` of them, or `None`.
    pub(crate) fn read(&mut self, name: &str, limit: usize) -> Result<Option<Vec<u8>>, Fault> {
        let Some(found) = self.found.iter().find(|found| found.name == name) else {
            return Ok(None);
        };
        let left = self.budget.saturating_sub(self.read);
        let bytes = unpack(
            &found.dict,
            &self.reader.bytes[found.data.clone()],
            limit.min(left),
        )
        .map_err(|why| match why {
            Unpack::TooLarge if left < limit => format!(
                "its attachments unpack to more than the {} bytes read from one PDF",
                self.budget
            ),
            Unpack::TooLarge => {
                format!("its attachment {name:?} is larger than {limit} bytes")
            }
            Unpack::Broken(why) => format!("its attachment {name:?} {why}"),
        })?;
        self.read += bytes.len();
        Ok(Some(bytes))
    }
}

/// Why a stream's data could not be unpacked.
enum Unpack {
    TooLarge,
    Broken(String),
}

/// The data of a stream with `dict`, unpacked by its filter, at most `limit` bytes.
fn unpack(dict: &Dict, data: &[u8], limit: usize) -> Result<Vec<u8>, Unpack> {
    let filters: Vec<&[u8]> = match lookup(dict, b"Filter") {
        None | Some(Obj::Null) => Vec::new(),
        Some(Obj::Name(name)) => vec![name],
        Some(Obj::Array(names)) => names
            .iter()
            .map(|name| match name {
                Obj::Name(name) => Ok(name.as_slice()),
                _ => Err(Unpack::Broken("has a filter that is not a name".into())),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(Unpack::Broken("has a filter that is not a name".into())),
    };
    let out = match filters.as_slice() {
        [] => {
            if data.len() > limit {
                return Err(Unpack::TooLarge);
            }
            data.to_vec()
        }
        [b"FlateDecode"] => inflate(data, limit)?,
        [other, ..] => {
            return Err(Unpack::Broken(format!(
                "is packed with {}, which is not read",
                String::from_utf8_lossy(other)
            )));
        }
    };
    predicted(dict, out)
}

/// `data` inflated (zlib), at most `limit` bytes.
fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, Unpack> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|_| Unpack::Broken("is not deflated data that can be read".into()))?;
    if out.len() > limit {
        return Err(Unpack::TooLarge);
    }
    Ok(out)
}

/// `data` with a PNG predictor undone, if the stream's parameters name one (cross-reference
/// streams use them).
fn predicted(dict: &Dict, data: Vec<u8>) -> Result<Vec<u8>, Unpack> {
    let Some(params) = lookup(dict, b"DecodeParms") else {
        return Ok(data);
    };
    let int = |key: &[u8], default: i64| match params.get(key) {
        Some(Obj::Int(n)) => *n,
        _ => default,
    };
    let predictor = int(b"Predictor", 1);
    if predictor < 10 {
        return match predictor {
            1 => Ok(data),
            _ => Err(Unpack::Broken("uses a predictor that is not read".into())),
        };
    }
    let columns = usize::try_from(int(b"Columns", 1))
        .ok()
        .filter(|c| (1..=1024).contains(c))
        .ok_or_else(|| Unpack::Broken("has a predictor's columns out of bounds".into()))?;
    let mut out = Vec::with_capacity(data.len());
    let mut previous = vec![0u8; columns];
    for row in data.chunks(columns + 1) {
        let (kind, row) = row.split_first().unwrap_or((&0, &[]));
        let mut current = row.to_vec();
        current.resize(columns, 0);
        for i in 0..columns {
            let left = if i == 0 { 0 } else { current[i - 1] };
            let up = previous[i];
            current[i] = match kind {
                0 => current[i],
                1 => current[i].wrapping_add(left),
                2 => current[i].wrapping_add(up),
                _ => {
                    return Err(Unpack::Broken(
                        "uses a PNG predictor that is not read".into(),
                    ));
                }
            };
        }
        out.extend_from_slice(&current[..row.len().min(columns)]);
        previous = current;
    }
    Ok(out)
}

/// The file, its cross-reference entries and what reading it has spent.
struct Reader<'a> {
    bytes: &'a [u8],
    xref: HashMap<u32, Entry>,
    trailer: Dict,
    objects: usize,
    items: usize,
    unpacked: usize,
    object_streams: HashMap<u32, Rc<ObjectStream>>,
}

/// An object stream unpacked: its data and where each object in it starts.
struct ObjectStream {
    data: Vec<u8>,
    starts: Vec<usize>,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Result<Self, Fault> {
        let mut reader = Self {
            bytes,
            xref: HashMap::new(),
            trailer: Vec::new(),
            objects: 0,
            items: 0,
            unpacked: 0,
            object_streams: HashMap::new(),
        };
        reader.read_xref()?;
        Ok(reader)
    }

    /// Every attachment of the embedded-files name tree, in order.
    fn attachments(&mut self) -> Result<Vec<Found>, Fault> {
        let root = lookup(&self.trailer, b"Root")
            .cloned()
            .ok_or("its trailer names no catalog")?;
        let catalog = self.resolve(root)?;
        let Some(names) = catalog.get(b"Names").cloned() else {
            return Ok(Vec::new());
        };
        let Some(tree) = self.resolve(names)?.get(b"EmbeddedFiles").cloned() else {
            return Ok(Vec::new());
        };
        let mut leaves = Vec::new();
        let mut visited = HashSet::new();
        self.walk(tree, 0, &mut visited, &mut leaves)?;
        let mut found = Vec::new();
        for (name, spec) in leaves {
            if let Some(file) = self.file_of(spec)? {
                found.push(Found {
                    name,
                    dict: file.0,
                    data: file.1,
                });
            }
        }
        Ok(found)
    }

    /// Collects the (name, file specification) pairs under the name tree node `node`.
    fn walk(
        &mut self,
        node: Obj,
        depth: usize,
        visited: &mut HashSet<u32>,
        leaves: &mut Vec<(String, Obj)>,
    ) -> Result<(), Fault> {
        if let Obj::Ref(id) = node
            && !visited.insert(id)
        {
            return Ok(());
        }
        if depth > MAX_DEPTH || visited.len() > MAX_TREE_NODES {
            return Err("its name tree of attachments is too deep or too large".into());
        }
        let node = self.resolve(node)?;
        if let Some(names) = node.get(b"Names").cloned() {
            let Obj::Array(names) = self.resolve(names)? else {
                return Ok(());
            };
            for pair in names.chunks(2) {
                let [name, spec] = pair else { continue };
                let Obj::Str(name) = self.resolve(name.clone())? else {
                    continue;
                };
                if leaves.len() >= MAX_ATTACHMENTS {
                    return Err(format!("it has more than {MAX_ATTACHMENTS} attachments"));
                }
                leaves.push((text_string(&name), spec.clone()));
            }
        }
        if let Some(kids) = node.get(b"Kids").cloned()
            && let Obj::Array(kids) = self.resolve(kids)?
        {
            for kid in kids {
                self.walk(kid, depth + 1, visited, leaves)?;
            }
        }
        Ok(())
    }

    /// The stream a file specification's `/EF /F` names, if it names one.
    fn file_of(&mut self, spec: Obj) -> Result<Option<(Dict, Range<usize>)>, Fault> {
        let spec = self.resolve(spec)?;
        let Some(ef) = spec.get(b"EF").cloned() else {
            return Ok(None);
        };
        let ef = self.resolve(ef)?;
        let Some(file) = ef.get(b"F").or_else(|| ef.get(b"UF")).cloned() else {
            return Ok(None);
        };
        match self.resolve(file)? {
            Obj::Stream(dict, data) => Ok(Some((dict, data))),
            _ => Err("an attachment's file is not a stream".into()),
        }
    }

    /// `obj`, or the object it refers to (a reference to nothing is null).
    fn resolve(&mut self, obj: Obj) -> Result<Obj, Fault> {
        let mut obj = obj;
        for _ in 0..8 {
            let Obj::Ref(id) = obj else { return Ok(obj) };
            obj = self.object(id)?;
        }
        Err("its references lead round in a circle".into())
    }

    /// The object numbered `id`, parsed where the cross-reference data says it lies.
    fn object(&mut self, id: u32) -> Result<Obj, Fault> {
        self.objects += 1;
        if self.objects > MAX_OBJECTS {
            return Err(format!(
                "it needs more than {MAX_OBJECTS} objects read to find its attachments"
            ));
        }
        match self.xref.get(&id).copied() {
            None => Ok(Obj::Null),
            Some(Entry::At(offset)) => self.object_at(offset),
            Some(Entry::In { stream, index }) => self.object_in(stream, index),
        }
    }

    /// The indirect object at `offset` of the file (`N G obj … endobj`), a stream with its data.
    fn object_at(&mut self, offset: usize) -> Result<Obj, Fault> {
        let mut parser = self.parser(self.bytes, offset);
        parser.int()?;
        parser.int()?;
        parser.keyword(b"obj")?;
        let obj = parser.object(0)?;
        let after = parser.pos;
        self.items = parser.items;
        let Obj::Dict(dict) = obj else {
            return Ok(obj);
        };
        let mut parser = Parser::new(self.bytes, after, 0);
        if parser.keyword(b"stream").is_err() {
            return Ok(Obj::Dict(dict));
        }
        let mut start = parser.pos;
        if self.bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let length = match lookup(&dict, b"Length").cloned() {
            Some(length @ Obj::Ref(_)) => self.resolve(length)?,
            Some(length) => length,
            None => Obj::Null,
        };
        let Obj::Int(length) = length else {
            return Err("a stream has no length".into());
        };
        let end = usize::try_from(length)
            .ok()
            .and_then(|length| start.checked_add(length))
            .filter(|end| *end <= self.bytes.len())
            .ok_or("a stream runs past the end of the file")?;
        Ok(Obj::Stream(dict, start..end))
    }

    /// The `index`th object of the object stream numbered `stream`.
    fn object_in(&mut self, stream: u32, index: usize) -> Result<Obj, Fault> {
        let unpacked = match self.object_streams.get(&stream) {
            Some(unpacked) => Rc::clone(unpacked),
            None => {
                let unpacked = Rc::new(self.object_stream(stream)?);
                self.object_streams.insert(stream, Rc::clone(&unpacked));
                unpacked
            }
        };
        let start = *unpacked
            .starts
            .get(index)
            .ok_or("an object stream has fewer objects than its cross-reference says")?;
        let mut parser = self.parser(&unpacked.data, start);
        let obj = parser.object(0)?;
        self.items = parser.items;
        Ok(obj)
    }

    /// The object stream numbered `id`, unpacked within the structure's budget, with the
    /// offsets of its objects read from its head.
    fn object_stream(&mut self, id: u32) -> Result<ObjectStream, Fault> {
        let Some(Entry::At(offset)) = self.xref.get(&id).copied() else {
            return Err("an object stream is itself in an object stream".into());
        };
        let Obj::Stream(dict, range) = self.object_at(offset)? else {
            return Err("an object stream is not a stream".into());
        };
        let data = self.unpack_structure(&dict, range)?;
        let int = |key: &[u8]| match lookup(&dict, key) {
            Some(Obj::Int(n)) => usize::try_from(*n).ok(),
            _ => None,
        };
        let (Some(count), Some(first)) = (int(b"N"), int(b"First")) else {
            return Err("an object stream has no /N or /First".into());
        };
        if count > MAX_ITEMS {
            return Err(format!(
                "an object stream holds more than {MAX_ITEMS} objects"
            ));
        }
        let mut parser = self.parser(&data, 0);
        let mut starts = Vec::with_capacity(count);
        for _ in 0..count {
            parser.int()?;
            let at = usize::try_from(parser.int()?).map_err(|_| "a negative offset")?;
            starts.push(first.saturating_add(at));
        }
        self.items = parser.items;
        Ok(ObjectStream { data, starts })
    }

    /// A stream of the structure unpacked, counted against [`MAX_STRUCTURE_BYTES`].
    fn unpack_structure(&mut self, dict: &Dict, range: Range<usize>) -> Result<Vec<u8>, Fault> {
        let left = MAX_STRUCTURE_BYTES.saturating_sub(self.unpacked);
        let data = unpack(dict, &self.bytes[range], left).map_err(|why| match why {
            Unpack::TooLarge => format!(
                "its structure unpacks to more than the {MAX_STRUCTURE_BYTES} bytes read from one PDF"
            ),
            Unpack::Broken(why) => format!("a stream of its structure {why}"),
        })?;
        self.unpacked += data.len();
        Ok(data)
    }

    /// A parser of `bytes` from `pos`, spending this reader's item budget.
    fn parser<'b>(&self, bytes: &'b [u8], pos: usize) -> Parser<'b> {
        Parser::new(bytes, pos, self.items)
    }

    /// The cross-reference data: the sections from the last `startxref` back through `/Prev`.
    fn read_xref(&mut self) -> Result<(), Fault> {
        let tail = &self.bytes[self.bytes.len().saturating_sub(2048)..];
        let at = rfind(tail, b"startxref").ok_or("it has no startxref")?;
        let mut parser = Parser::new(tail, at + b"startxref".len(), 0);
        let mut next = Some(usize::try_from(parser.int()?).map_err(|_| "a negative offset")?);
        let mut seen = HashSet::new();
        while let Some(offset) = next {
            if !seen.insert(offset) || seen.len() > MAX_XREF_SECTIONS {
                break;
            }
            if offset >= self.bytes.len() {
                return Err("its cross-reference offset lies past its end".into());
            }
            let trailer = match self.bytes[offset..].starts_with(b"xref") {
                true => self.xref_table(offset)?,
                false => self.xref_stream(offset)?,
            };
            if let Some(Obj::Int(stream)) = lookup(&trailer, b"XRefStm")
                && let Ok(stream) = usize::try_from(*stream)
                && stream < self.bytes.len()
            {
                self.xref_stream(stream)?;
            }
            next = match lookup(&trailer, b"Prev") {
                Some(Obj::Int(prev)) => usize::try_from(*prev).ok(),
                _ => None,
            };
            if self.trailer.is_empty() {
                self.trailer = trailer;
            }
        }
        Ok(())
    }

    /// Keeps an entry unless a newer section gave the object already.
    fn enter(&mut self, id: u32, entry: Entry) -> Result<(), Fault> {
        if self.xref.len() >= MAX_XREF_ENTRIES {
            return Err(format!(
                "its cross-reference data has more than {MAX_XREF_ENTRIES} entries"
            ));
        }
        self.xref.entry(id).or_insert(entry);
        Ok(())
    }

    /// A classic cross-reference table at `offset`; returns its trailer.
    fn xref_table(&mut self, offset: usize) -> Result<Dict, Fault> {
        let mut parser = self.parser(self.bytes, offset);
        parser.keyword(b"xref")?;
        loop {
            if parser.keyword(b"trailer").is_ok() {
                break;
            }
            let first = u32::try_from(parser.int()?).map_err(|_| "a bad object number")?;
            let count = u32::try_from(parser.int()?).map_err(|_| "a bad entry count")?;
            if count as usize > MAX_XREF_ENTRIES {
                return Err(format!(
                    "its cross-reference data has more than {MAX_XREF_ENTRIES} entries"
                ));
            }
            for i in 0..count {
                let at = parser.int()?;
                parser.int()?;
                let kind = parser.word();
                if kind == b"n"
                    && let Ok(at) = usize::try_from(at)
                {
                    self.enter(first.saturating_add(i), Entry::At(at))?;
                }
            }
        }
        let trailer = parser.object(0)?;
        self.items = parser.items;
        match trailer {
            Obj::Dict(dict) => Ok(dict),
            _ => Err("its trailer is not a dictionary".into()),
        }
    }

    /// A cross-reference stream at `offset`; returns its dictionary, the trailer.
    fn xref_stream(&mut self, offset: usize) -> Result<Dict, Fault> {
        let Obj::Stream(dict, range) = self.object_at(offset)? else {
            return Err("its cross-reference offset points at no cross-reference data".into());
        };
        let data = self.unpack_structure(&dict, range)?;
        let widths: Vec<usize> = match lookup(&dict, b"W") {
            Some(Obj::Array(w)) if w.len() == 3 => w
                .iter()
                .map(|w| match w {
                    Obj::Int(n) if (0..=8).contains(n) => Ok(*n as usize),
                    _ => Err("a cross-reference stream's /W is out of bounds"),
                })
                .collect::<Result<_, _>>()?,
            _ => return Err("a cross-reference stream has no /W".into()),
        };
        let row = widths.iter().sum::<usize>().max(1);
        let index: Vec<i64> = match lookup(&dict, b"Index") {
            Some(Obj::Array(index)) => index
                .iter()
                .map(|n| match n {
                    Obj::Int(n) => *n,
                    _ => -1,
                })
                .collect(),
            _ => match lookup(&dict, b"Size") {
                Some(Obj::Int(size)) => vec![0, *size],
                _ => return Err("a cross-reference stream has no /Size".into()),
            },
        };
        let mut rows = data.chunks_exact(row);
        for pair in index.chunks(2) {
            let [first, count] = pair else { break };
            let (Ok(first), Ok(count)) = (u32::try_from(*first), u32::try_from(*count)) else {
                return Err("a cross-reference stream's /Index is out of bounds".into());
            };
            for i in 0..count {
                let Some(fields) = rows.next() else { break };
                let (kind, rest) = fields.split_at(widths[0]);
                let (second, third) = rest.split_at(widths[1]);
                let kind = if widths[0] == 0 { 1 } else { be(kind) };
                let id = first.saturating_add(i);
                match kind {
                    1 => {
                        if let Ok(at) = usize::try_from(be(second)) {
                            self.enter(id, Entry::At(at))?;
                        }
                    }
                    2 => {
                        let (Ok(stream), Ok(index)) =
                            (u32::try_from(be(second)), usize::try_from(be(third)))
                        else {
                            continue;
                        };
                        self.enter(id, Entry::In { stream, index })?;
                    }
                    _ => {}
                }
            }
        }
        Ok(dict)
    }
}

/// A big-endian number of up to 8 bytes.
fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |n, b| (n << 8) | u64::from(*b))
}

/// The last place `needle` occurs in `haystack`.
fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// A PDF text string: UTF-16BE after its byte order mark, else the bytes as UTF-8 (the names
/// typst writes are ASCII).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks(2)
                .map(|pair| u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}

/// Reads PDF objects from a slice, counting the items it makes.
struct Parser<'b> {
    bytes: &'b [u8],
    pos: usize,
    items: usize,
}

impl<'b> Parser<'b> {
    fn new(bytes: &'b [u8], pos: usize, items: usize) -> Self {
        Self { bytes, pos, items }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips white space and comments.
    fn skip(&mut self) {
        while let Some(byte) = self.peek() {
            match byte {
                b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' | b'\0' => self.pos += 1,
                b'%' => {
                    while let Some(byte) = self.peek() {
                        if byte == b'\r' || byte == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                _ => break,
            }
        }
    }

    /// The next run of regular characters.
    fn word(&mut self) -> &'b [u8] {
        self.skip();
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        &self.bytes[start..self.pos]
    }

    /// The keyword `word`, or an error (the position is kept then).
    fn keyword(&mut self, word: &[u8]) -> Result<(), Fault> {
        let start = self.pos;
        if self.word() == word {
            return Ok(());
        }
        self.pos = start;
        Err(format!(
            "its structure is broken (no {:?} where one belongs)",
            String::from_utf8_lossy(word)
        ))
    }

    /// A whole number.
    fn int(&mut self) -> Result<i64, Fault> {
        let word = self.word();
        std::str::from_utf8(word)
            .ok()
            .and_then(|word| word.parse().ok())
            .ok_or_else(|| "its structure is broken (a number is missing)".into())
    }

    /// Counts one item against [`MAX_ITEMS`].
    fn spend(&mut self) -> Result<(), Fault> {
        self.items += 1;
        if self.items > MAX_ITEMS {
            return Err(format!(
                "its structure holds more than the {MAX_ITEMS} items read from one PDF"
            ));
        }
        Ok(())
    }

    /// One object, nested at most [`MAX_DEPTH`] deep.
    fn object(&mut self, depth: usize) -> Result<Obj, Fault> {
        if depth > MAX_DEPTH {
            return Err(format!("it nests objects more than {MAX_DEPTH} deep"));
        }
        self.skip();
        let broken = || Fault::from("its structure is broken (an object cannot be read)");
        match self.peek().ok_or_else(broken)? {
            b'<' if self.bytes.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let mut dict = Vec::new();
                loop {
                    self.skip();
                    if self.bytes[self.pos..].starts_with(b">>") {
                        self.pos += 2;
                        return Ok(Obj::Dict(dict));
                    }
                    let Obj::Name(key) = self.object(depth + 1)? else {
                        return Err(broken());
                    };
                    let value = self.object(depth + 1)?;
                    self.spend()?;
                    dict.push((key, value));
                }
            }
            b'<' => self.hex_string(),
            b'[' => {
                self.pos += 1;
                let mut array = Vec::new();
                loop {
                    self.skip();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        return Ok(Obj::Array(array));
                    }
                    array.push(self.object(depth + 1)?);
                    self.spend()?;
                }
            }
            b'(' => self.literal_string(),
            b'/' => {
                self.pos += 1;
                let word = self.word();
                Ok(Obj::Name(unescape_name(word)))
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number_or_reference(),
            _ => match self.word() {
                b"true" | b"false" => Ok(Obj::Bool),
                b"null" => Ok(Obj::Null),
                _ => Err(broken()),
            },
        }
    }

    /// A number, or `N G R`.
    fn number_or_reference(&mut self) -> Result<Obj, Fault> {
        let word = self.word();
        let Ok(int) = std::str::from_utf8(word).unwrap_or("x").parse::<i64>() else {
            return Ok(Obj::Real);
        };
        let after = self.pos;
        let generation = self.word();
        let is_generation = !generation.is_empty() && generation.iter().all(u8::is_ascii_digit);
        if is_generation && self.word() == b"R" {
            let id = u32::try_from(int).map_err(|_| "a reference out of bounds")?;
            return Ok(Obj::Ref(id));
        }
        self.pos = after;
        Ok(Obj::Int(int))
    }

    /// The next byte of a string, taken; a string that runs to the end is broken.
    fn string_byte(&mut self) -> Result<u8, Fault> {
        let byte = self
            .peek()
            .ok_or("its structure is broken (a string never ends)")?;
        self.pos += 1;
        Ok(byte)
    }

    /// `<…>` as bytes.
    fn hex_string(&mut self) -> Result<Obj, Fault> {
        self.pos += 1;
        let mut digits = Vec::new();
        loop {
            let byte = self.string_byte()?;
            match byte {
                b'>' => break,
                b if b.is_ascii_hexdigit() => digits.push(b),
                _ => {}
            }
        }
        if digits.len() % 2 == 1 {
            digits.push(b'0');
        }
        let value = |d: u8| (d as char).to_digit(16).unwrap_or(0) as u8;
        Ok(Obj::Str(
            digits
                .chunks(2)
                .map(|pair| value(pair[0]) << 4 | value(pair[1]))
                .collect(),
        ))
    }

    /// `(…)` as bytes, with its escapes and balanced parentheses.
    fn literal_string(&mut self) -> Result<Obj, Fault> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut open = 1usize;
        loop {
            let byte = self.string_byte()?;
            match byte {
                b'(' => open += 1,
                b')' => {
                    open -= 1;
                    if open == 0 {
                        return Ok(Obj::Str(out));
                    }
                }
                b'\\' => {
                    let Some(next) = self.peek() else { continue };
                    self.pos += 1;
                    let escaped = match next {
                        b'n' => b'\n',
                        b'r' => b'\r',
                        b't' => b'\t',
                        b'b' => 8,
                        b'f' => 12,
                        b'\r' | b'\n' => {
                            if next == b'\r' && self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                            continue;
                        }
                        b'0'..=b'7' => {
                            let mut value = u32::from(next - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            value as u8
                        }
                        other => other,
                    };
                    out.push(escaped);
                    continue;
                }
                _ => {}
            }
            out.push(byte);
        }
    }
}

/// Whether `byte` belongs to a token (not white space, not a delimiter).
fn is_regular(byte: u8) -> bool {
    !matches!(
        byte,
        b' ' | b'\t'
            | b'\r'
            | b'\n'
            | b'\x0c'
            | b'\0'
            | b'('
            | b')'
            | b'<'
            | b'>'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'/'
            | b'%'
    )
}

/// A name's `#xx` escapes undone.
fn unescape_name(word: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(word.len());
    let mut i = 0;
    while i < word.len() {
        if word[i] == b'#'
            && let Some(hex) = word.get(i + 1..i + 3)
            && let Ok(value) = u8::from_str_radix(std::str::from_utf8(hex).unwrap_or("x"), 16)
        {
            out.push(value);
            i += 3;
            continue;
        }
        out.push(word[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF of `objects` (numbered from 1) with a classic cross-reference table.
    fn pdf(objects: &[&[u8]]) -> Vec<u8> {
        let mut out = b"%PDF-1.7\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn an_attachment_is_found_through_the_name_tree_and_read() {
        let bytes = pdf(&[
            b"<< /Type /Catalog /Names << /EmbeddedFiles 2 0 R >> >>",
            b"<< /Kids [3 0 R] >>",
            b"<< /Names [(source.yaml) << /EF << /F 4 0 R >> >> <FEFF0061002E0070006E0067> 5 0 R] >>",
            b"<< /Length 8 >>\nstream\ndnr: 1/2\nendstream",
            b"<< /EF << /F 6 0 R >> >>",
            b"<< /Length 3 >>\nstream\nPNG\nendstream",
        ]);
        let mut found = Attachments::open(&bytes, 1000).expect("readable");
        assert_eq!(found.names().collect::<Vec<_>>(), ["source.yaml", "a.png"]);
        assert_eq!(
            found.read("source.yaml", 100).unwrap(),
            Some(b"dnr: 1/2".to_vec())
        );
        assert_eq!(found.read("a.png", 100).unwrap(), Some(b"PNG".to_vec()));
        assert_eq!(found.read("b.png", 100).unwrap(), None);
        assert!(
            found
                .read("source.yaml", 4)
                .unwrap_err()
                .contains("larger than 4 bytes")
        );
    }

    #[test]
    fn a_huge_array_is_refused_at_its_budget_not_parsed() {
        let zeros = format!(
            "<< /Type /Catalog /Names [{}] >>",
            "0 ".repeat(MAX_ITEMS + 10)
        );
        let bytes = pdf(&[zeros.as_bytes()]);
        let err = Attachments::open(&bytes, 1000).err().expect("refused");
        assert!(err.contains("more than the 200000 items"), "{err}");
    }

    #[test]
    fn nesting_and_reference_loops_end() {
        let deep = format!("<< /Names {}1{} >>", "[".repeat(10_000), "]".repeat(10_000));
        assert!(
            Attachments::open(&pdf(&[deep.as_bytes()]), 10)
                .err()
                .unwrap()
                .contains("deep")
        );
        let looped = pdf(&[
            b"<< /Names 2 0 R >>",
            b"<< /EmbeddedFiles 3 0 R >>",
            b"<< /Kids [3 0 R 2 0 R] >>",
        ]);
        assert_eq!(
            Attachments::open(&looped, 10)
                .expect("read")
                .names()
                .count(),
            0
        );
    }
}
