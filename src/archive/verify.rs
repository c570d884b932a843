//! `verify PACKAGE`: every file a METS file lists is there with its size and checksum, no file is
//! there that none lists, and every PDF is exactly what its YAML renders to today.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{REP_PDF, REP_YAML};
use crate::error::Error;
use crate::figures::ImageFiles;
use crate::hash::sha256_hex;
use crate::limits::MAX_PDF_BYTES;
use crate::parse::parse_report_in;
use crate::render::Renderer;

/// A package's files by their path inside it.
type Files = BTreeMap<String, Vec<u8>>;

/// Files of a zip that could not be read back, by path, with why.
type Damaged = BTreeMap<String, String>;

/// What reading a package found.
struct Contents {
    /// The name of its root folder.
    root: Option<String>,
    /// Its files.
    files: Files,
    /// The files of a zip whose bytes do not match the zip's own checksum.
    damaged: Damaged,
}

/// The most a package may hold, in bytes, read into memory to be checked.
const MAX_PACKAGE_BYTES: u64 = 1 << 30;
/// The most files a package may hold.
const MAX_PACKAGE_FILES: usize = 100_000;

/// What a package that checks out holds.
#[derive(Debug)]
pub struct Verified {
    /// The METS `@OBJID`.
    pub id: String,
    /// How many files it has.
    pub files: usize,
    /// How many reports were rendered again and matched.
    pub reports: usize,
}

/// A file a METS file lists, with the facts it records.
struct Listed {
    /// The path in the package.
    path: String,
    /// The METS file that lists it.
    by: String,
    size: Option<u64>,
    checksum: Option<String>,
}

/// Checks the package at `path` (a folder or a zip), rendering its reports with `renderer`.
pub fn verify(path: &Path, renderer: &Renderer) -> Result<Verified, Error> {
    let Contents {
        root: root_name,
        files,
        damaged,
    } = read_package(path)?;
    let not_package = |message: String| Error::NotPackage {
        path: path.to_path_buf(),
        message,
    };
    let root = files
        .get("METS.xml")
        .ok_or_else(|| not_package("it has no METS.xml at its root".to_owned()))?;
    let (id, mut listed) = read_mets(root, "", "METS.xml").map_err(not_package)?;
    let mut problems: Vec<String> = damaged
        .iter()
        .map(|(file, why)| format!("{file}: {why}"))
        .collect();
    if root_name.as_deref().is_some_and(|name| name != id) {
        problems.push(format!(
            "the package's folder is named {:?}, but METS.xml names it {id:?}",
            root_name.unwrap_or_default()
        ));
    }
    let nested: Vec<String> = listed
        .iter()
        .map(|l| l.path.clone())
        .filter(|p| p.starts_with("representations/") && p.ends_with("/METS.xml"))
        .collect();
    for mets in nested {
        let Some(bytes) = files.get(&mets) else {
            continue;
        };
        let folder = mets.trim_end_matches("METS.xml");
        match read_mets(bytes, folder, &mets) {
            Ok((_, more)) => listed.extend(more),
            Err(message) => problems.push(format!("{mets}: {message}")),
        }
    }
    problems.extend(check_listed(&files, &damaged, &listed));
    let (reports, mismatches) = check_reports(&files, renderer, path);
    problems.extend(mismatches);
    if !problems.is_empty() {
        return Err(Error::PackageDiffers {
            path: path.to_path_buf(),
            problems,
        });
    }
    Ok(Verified {
        id,
        files: files.len(),
        reports,
    })
}

/// Sizes and checksums of the listed files, and files listed nowhere.
fn check_listed(files: &Files, damaged: &Damaged, listed: &[Listed]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::from(["METS.xml".to_owned()]);
    for entry in listed {
        seen.insert(entry.path.clone());
        if damaged.contains_key(&entry.path) {
            continue;
        }
        let Some(bytes) = files.get(&entry.path) else {
            problems.push(format!("{}: missing (listed in {})", entry.path, entry.by));
            continue;
        };
        if entry.size.is_some_and(|size| size != bytes.len() as u64) {
            problems.push(format!(
                "{}: {} bytes, but {} records {}",
                entry.path,
                bytes.len(),
                entry.by,
                entry.size.unwrap_or_default()
            ));
        }
        let expected = entry.checksum.as_deref().map(str::to_ascii_lowercase);
        if expected.is_some_and(|sum| sum != sha256_hex(bytes)) {
            problems.push(format!(
                "{}: its SHA-256 differs from the one {} records",
                entry.path, entry.by
            ));
        }
    }
    for path in files.keys().filter(|p| !seen.contains(*p)) {
        problems.push(format!("{path}: extra (no METS file lists it)"));
    }
    problems
}

/// Renders every rep2 YAML again and compares it with its rep1 PDF; returns how many matched
/// and what differed.
fn check_reports(files: &Files, renderer: &Renderer, package: &Path) -> (usize, Vec<String>) {
    let mut matched = 0;
    let mut problems = Vec::new();
    let pdfs = files
        .iter()
        .filter(|(p, _)| p.starts_with(REP_PDF) && p.ends_with(".pdf"));
    for (pdf_path, pdf) in pdfs {
        let stem = pdf_path[REP_PDF.len() + 1..].trim_end_matches(".pdf");
        let yaml_path = format!("{REP_YAML}/{stem}.yaml");
        let Some(yaml) = files.get(&yaml_path) else {
            problems.push(format!("{pdf_path}: its source {yaml_path} is missing"));
            continue;
        };
        let shown = package.join(&yaml_path);
        let rendered = std::str::from_utf8(yaml)
            .map_err(|_| Error::NotUtf8 {
                path: shown.clone(),
            })
            .and_then(|text| {
                let images = InPackage {
                    files,
                    folder: REP_YAML,
                };
                let report = parse_report_in(text, &shown, &images)?;
                renderer.render(&report, text, &shown)
            });
        match rendered {
            Ok(fresh) if fresh.pdf == *pdf => matched += 1,
            Ok(_) => problems.push(format!(
                "{pdf_path}: differs from what {yaml_path} renders to"
            )),
            Err(err) => problems.push(format!("{yaml_path}: {err}")),
        }
    }
    (matched, problems)
}

/// The images of a package's YAML, read from the package as it was read, never from the disk.
struct InPackage<'a> {
    files: &'a Files,
    folder: &'a str,
}

impl ImageFiles for InPackage<'_> {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        let inside = resolve(self.folder, path).ok_or("it is not inside the package")?;
        self.files
            .get(&inside)
            .cloned()
            .ok_or_else(|| format!("{inside} is not in the package"))
    }
}

/// The METS file's `@OBJID` and every file it lists with a size or checksum (`file`/`FLocat`
/// and `mdRef`), their paths resolved from `folder`.
fn read_mets(bytes: &[u8], folder: &str, name: &str) -> Result<(String, Vec<Listed>), String> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut objid = String::new();
    let mut listed = Vec::new();
    // The size and checksum of the `file` element whose `FLocat` comes next.
    let mut facts: (Option<u64>, Option<String>) = (None, None);
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|err| format!("{name} is not well-formed XML: {err}"))?;
        let element = match &event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        let attrs = attributes(element);
        match element.local_name().as_ref() {
            "mets" => objid = attrs.get("OBJID").cloned().unwrap_or_default(),
            "file" => facts = size_and_checksum(&attrs),
            "FLocat" | "mdRef" => {
                let (size, checksum) = match element.local_name().as_ref() {
                    "mdRef" => size_and_checksum(&attrs),
                    _ => std::mem::take(&mut facts),
                };
                let Some(href) = attrs.get("href") else {
                    return Err(format!("{name} lists a file without an xlink:href"));
                };
                let path = resolve(folder, href)
                    .ok_or_else(|| format!("{name} points outside the package: {href:?}"))?;
                listed.push(Listed {
                    path,
                    by: name.to_owned(),
                    size,
                    checksum,
                });
            }
            _ => {}
        }
        buf.clear();
    }
    if objid.is_empty() {
        return Err(format!("{name} has no mets element with an OBJID"));
    }
    Ok((objid, listed))
}

/// An element's attributes by local name, unescaped.
fn attributes(element: &BytesStart) -> BTreeMap<String, String> {
    element
        .attributes()
        .filter_map(Result::ok)
        .filter_map(|a| {
            let key = a.key.local_name().as_ref().to_owned();
            let value = a
                .normalized_value(XmlVersion::Implicit1_0)
                .ok()?
                .into_owned();
            Some((key, value))
        })
        .collect()
}

fn size_and_checksum(attrs: &BTreeMap<String, String>) -> (Option<u64>, Option<String>) {
    let size = attrs.get("SIZE").and_then(|s| s.parse().ok());
    (size, attrs.get("CHECKSUM").cloned())
}

/// `href` (relative, `/`-separated) from `folder`, or `None` if it leaves the package.
fn resolve(folder: &str, href: &str) -> Option<String> {
    if href.starts_with('/') || href.contains("://") || href.contains('\\') {
        return None;
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The package's files by path, and its root folder's name (a folder's own name, or the one
/// top folder of a zip).
fn read_package(path: &Path) -> Result<Contents, Error> {
    let not_package = |message: String| Error::NotPackage {
        path: path.to_path_buf(),
        message,
    };
    let metadata = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if metadata.is_dir() {
        let mut files = BTreeMap::new();
        let mut budget = MAX_PACKAGE_BYTES;
        read_folder(path, "", &mut files, &mut budget).map_err(not_package)?;
        let root = path.file_name().map(|n| n.to_string_lossy().into_owned());
        return Ok(Contents {
            root,
            files,
            damaged: Damaged::new(),
        });
    }
    read_zip(path).map_err(not_package)
}

fn read_folder(
    dir: &Path,
    prefix: &str,
    files: &mut Files,
    budget: &mut u64,
) -> Result<(), String> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let inner = format!("{prefix}{name}");
        let kind = entry.file_type().map_err(|e| e.to_string())?;
        if kind.is_symlink() {
            return Err(format!("{inner} is a link; a package holds files only"));
        }
        if kind.is_dir() {
            read_folder(&entry.path(), &format!("{inner}/"), files, budget)?;
            continue;
        }
        if files.len() >= MAX_PACKAGE_FILES {
            return Err(format!("it has more than {MAX_PACKAGE_FILES} files"));
        }
        let bytes = read_bounded(
            crate::files::open_regular(&entry.path()).map_err(|e| format!("{inner}: {e}"))?,
            budget,
        )
        .map_err(|e| format!("{inner}: {e}"))?;
        files.insert(inner, bytes);
    }
    Ok(())
}

/// Reads all of `reader`, refusing more than the budget left.
fn read_bounded(reader: impl Read, budget: &mut u64) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(*budget + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > *budget {
        return Err(format!(
            "the package holds more than {MAX_PACKAGE_BYTES} bytes"
        ));
    }
    *budget -= bytes.len() as u64;
    Ok(bytes)
}

fn read_zip(path: &Path) -> Result<Contents, String> {
    let file = crate::files::open_regular(path).map_err(|e| e.to_string())?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| format!("not a zip: {e}"))?;
    let mut files = BTreeMap::new();
    let mut damaged = Damaged::new();
    let mut root: Option<String> = None;
    let mut budget = MAX_PACKAGE_BYTES;
    if archive.len() > MAX_PACKAGE_FILES {
        return Err(format!("it has more than {MAX_PACKAGE_FILES} entries"));
    }
    for index in 0..archive.len() {
        let entry = archive.by_index(index).map_err(|e| e.to_string())?;
        let name = entry.name().map_err(|e| e.to_string())?.into_owned();
        let (top, inner) = name.split_once('/').unwrap_or((&name, ""));
        if root.get_or_insert_with(|| top.to_owned()) != top {
            return Err(format!(
                "its entries are not all in one folder ({top:?} beside {:?})",
                root.unwrap_or_default()
            ));
        }
        if entry.is_dir() || inner.is_empty() {
            continue;
        }
        let inner = inner.to_owned();
        // The entry's recorded size bounds what is read, and is bounded itself before a byte
        // is inflated: a small entry that inflates to gigabytes is never unpacked.
        let declared = entry.size();
        if declared > MAX_PDF_BYTES {
            return Err(format!(
                "{inner} would unpack to {declared} bytes, more than the {MAX_PDF_BYTES} of any file of a package"
            ));
        }
        match read_bounded(entry.take(declared + 1), &mut budget) {
            Ok(bytes) if bytes.len() as u64 != declared => {
                damaged.insert(inner, "its size does not match the zip's record".to_owned());
            }
            Ok(bytes) => {
                files.insert(inner, bytes);
            }
            // zip checks each entry's CRC-32 as it is read: the entry was changed or damaged.
            Err(why) if why.contains("checksum") => {
                damaged.insert(inner, "its bytes do not match the zip's CRC-32".to_owned());
            }
            Err(why) => return Err(format!("{inner}: {why}")),
        }
    }
    Ok(Contents {
        root,
        files,
        damaged,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_resolve_inside_the_package_only() {
        assert_eq!(
            resolve("representations/rep1/", "data/a.pdf").as_deref(),
            Some("representations/rep1/data/a.pdf")
        );
        assert_eq!(resolve("", "./METS.xml").as_deref(), Some("METS.xml"));
        assert_eq!(resolve("a/", "../b").as_deref(), Some("b"));
        assert_eq!(resolve("", "../etc/passwd"), None);
        assert_eq!(resolve("", "/etc/passwd"), None);
        assert_eq!(resolve("", "file:///etc/passwd"), None);
    }
}
