//! `verify PACKAGE`: every file a METS file lists is there with its size and checksum, no file is
//! there that none lists, and every PDF is exactly what its YAML renders to today.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{REP_PDF, REP_YAML};
use crate::base::hash::sha256_hex;
use crate::base::limits::MAX_PDF_BYTES;
use crate::error::{Damage, Error, ImageUnread, PackageFault, PackageProblem};
use crate::report::figures::ImageFiles;
use crate::report::load::parse_report_in;
use crate::typeset::Renderer;

/// A package's files by their path inside it.
type Files = BTreeMap<String, Vec<u8>>;

/// Files of a zip that could not be read back, by path, with why.
type Damaged = BTreeMap<String, Damage>;

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
pub(crate) struct Verified {
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
pub(crate) fn verify(path: &Path, renderer: &Renderer) -> Result<Verified, Error> {
    let Contents {
        root: root_name,
        files,
        damaged,
    } = read_package(path)?;
    let not_package = |fault: PackageFault| Error::NotPackage {
        path: path.to_path_buf(),
        fault: Box::new(fault),
    };
    let root = files
        .get("METS.xml")
        .ok_or_else(|| not_package(PackageFault::NoRootMets))?;
    let (id, mut listed) = read_mets(root, "", "METS.xml").map_err(not_package)?;
    let mut problems: Vec<PackageProblem> = damaged
        .iter()
        .map(|(file, damage)| PackageProblem::Damaged {
            file: file.clone(),
            damage: *damage,
        })
        .collect();
    if let Some(folder) = root_name.filter(|name| *name != id) {
        problems.push(PackageProblem::FolderName {
            folder,
            id: id.clone(),
        });
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
            Err(fault) => problems.push(PackageProblem::Mets { mets, fault }),
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
fn check_listed(files: &Files, damaged: &Damaged, listed: &[Listed]) -> Vec<PackageProblem> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::from(["METS.xml".to_owned()]);
    for entry in listed {
        seen.insert(entry.path.clone());
        if damaged.contains_key(&entry.path) {
            continue;
        }
        let Some(bytes) = files.get(&entry.path) else {
            problems.push(PackageProblem::Missing {
                file: entry.path.clone(),
                by: entry.by.clone(),
            });
            continue;
        };
        let size = bytes.len() as u64;
        if let Some(recorded) = entry.size.filter(|recorded| *recorded != size) {
            problems.push(PackageProblem::Size {
                file: entry.path.clone(),
                size,
                by: entry.by.clone(),
                recorded,
            });
        }
        let expected = entry.checksum.as_deref().map(str::to_ascii_lowercase);
        if expected.is_some_and(|sum| sum != sha256_hex(bytes)) {
            problems.push(PackageProblem::Checksum {
                file: entry.path.clone(),
                by: entry.by.clone(),
            });
        }
    }
    for file in files.keys().filter(|p| !seen.contains(*p)) {
        problems.push(PackageProblem::Extra { file: file.clone() });
    }
    problems
}

/// Renders every rep2 YAML again and compares it with its rep1 PDF; returns how many matched
/// and what differed.
fn check_reports(
    files: &Files,
    renderer: &Renderer,
    package: &Path,
) -> (usize, Vec<PackageProblem>) {
    let mut matched = 0;
    let mut problems = Vec::new();
    let pdfs = files
        .iter()
        .filter(|(p, _)| p.starts_with(REP_PDF) && p.ends_with(".pdf"));
    for (pdf_path, pdf) in pdfs {
        let stem = pdf_path[REP_PDF.len() + 1..].trim_end_matches(".pdf");
        let yaml_path = format!("{REP_YAML}/{stem}.yaml");
        let Some(yaml) = files.get(&yaml_path) else {
            problems.push(PackageProblem::SourceMissing {
                pdf: pdf_path.clone(),
                yaml: yaml_path,
            });
            continue;
        };
        let shown = package.join(&yaml_path);
        let rendered = std::str::from_utf8(yaml)
            .map_err(|_| Error::NotUtf8 {
                path: crate::error::Origin::from(shown.clone()),
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
            Ok(_) => problems.push(PackageProblem::Differs {
                pdf: pdf_path.clone(),
                yaml: yaml_path,
            }),
            Err(error) => problems.push(PackageProblem::Unrenderable {
                yaml: yaml_path,
                error: Box::new(error),
            }),
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
    fn read(&self, path: &str) -> Result<std::sync::Arc<[u8]>, ImageUnread> {
        let inside = resolve(self.folder, path).ok_or(ImageUnread::OutsidePackage)?;
        match self.files.get(&inside) {
            Some(bytes) => Ok(bytes.as_slice().into()),
            None => Err(ImageUnread::NotInPackage { inside }),
        }
    }
}

/// The METS file's `@OBJID` and every file it lists with a size or checksum (`file`/`FLocat`
/// and `mdRef`), their paths resolved from `folder`.
fn read_mets(
    bytes: &[u8],
    folder: &str,
    name: &str,
) -> Result<(String, Vec<Listed>), PackageFault> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut objid = String::new();
    let mut listed = Vec::new();
    // The size and checksum of the `file` element whose `FLocat` comes next.
    let mut facts: (Option<u64>, Option<String>) = (None, None);
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|source| PackageFault::NotXml {
                mets: name.to_owned(),
                source,
            })?;
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
                    return Err(PackageFault::NoHref {
                        mets: name.to_owned(),
                    });
                };
                let path = resolve(folder, href).ok_or_else(|| PackageFault::Outside {
                    mets: name.to_owned(),
                    href: href.clone(),
                })?;
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
        return Err(PackageFault::NoObjid {
            mets: name.to_owned(),
        });
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
    let not_package = |fault: PackageFault| Error::NotPackage {
        path: path.to_path_buf(),
        fault: Box::new(fault),
    };
    let metadata = std::fs::metadata(path).map_err(|source| Error::Read {
        path: crate::error::Origin::from(path.to_path_buf()),
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
) -> Result<(), PackageFault> {
    let entries = std::fs::read_dir(dir).map_err(|source| PackageFault::Folder {
        folder: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let inner = format!("{prefix}{name}");
        let kind = entry.file_type()?;
        if kind.is_symlink() {
            return Err(PackageFault::Link { file: inner });
        }
        if kind.is_dir() {
            read_folder(&entry.path(), &format!("{inner}/"), files, budget)?;
            continue;
        }
        if files.len() >= MAX_PACKAGE_FILES {
            return Err(PackageFault::TooManyFiles {
                max: MAX_PACKAGE_FILES,
            });
        }
        let bytes = crate::base::files::open_regular(&entry.path())
            .map_err(PackageFault::Read)
            .and_then(|file| read_bounded(file, budget))
            .map_err(|fault| PackageFault::In {
                file: inner.clone(),
                fault: Box::new(fault),
            })?;
        files.insert(inner, bytes);
    }
    Ok(())
}

/// Reads all of `reader`, refusing more than the budget left.
fn read_bounded(reader: impl Read, budget: &mut u64) -> Result<Vec<u8>, PackageFault> {
    let mut bytes = Vec::new();
    reader.take(*budget + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > *budget {
        return Err(PackageFault::TooLarge {
            max: MAX_PACKAGE_BYTES,
        });
    }
    *budget -= bytes.len() as u64;
    Ok(bytes)
}

fn read_zip(path: &Path) -> Result<Contents, PackageFault> {
    let file = crate::base::files::open_regular(path)?;
    let mut archive = zip::ZipArchive::new(file).map_err(PackageFault::NotZip)?;
    let mut files = BTreeMap::new();
    let mut damaged = Damaged::new();
    let mut root: Option<String> = None;
    let mut budget = MAX_PACKAGE_BYTES;
    if archive.len() > MAX_PACKAGE_FILES {
        return Err(PackageFault::TooManyEntries {
            max: MAX_PACKAGE_FILES,
        });
    }
    for index in 0..archive.len() {
        let entry = archive.by_index(index)?;
        let name = entry.name()?.into_owned();
        let (top, inner) = name.split_once('/').unwrap_or((&name, ""));
        if root.get_or_insert_with(|| top.to_owned()) != top {
            return Err(PackageFault::Scattered {
                top: top.to_owned(),
                root: root.unwrap_or_default(),
            });
        }
        if entry.is_dir() || inner.is_empty() {
            continue;
        }
        let inner = inner.to_owned();
        // The entry's recorded size bounds what is read, and is bounded itself before a byte
        // is inflated: a small entry that inflates to gigabytes is never unpacked.
        let declared = entry.size();
        if declared > MAX_PDF_BYTES {
            return Err(PackageFault::Bomb {
                file: inner,
                size: declared,
                max: MAX_PDF_BYTES,
            });
        }
        match read_bounded(entry.take(declared + 1), &mut budget) {
            Ok(bytes) if bytes.len() as u64 != declared => {
                damaged.insert(inner, Damage::Size);
            }
            Ok(bytes) => {
                files.insert(inner, bytes);
            }
            // zip checks each entry's CRC-32 as it is read, and says so as invalid data (as
            // does the inflater for a broken stream): the entry was changed or damaged.
            Err(PackageFault::Io(err)) if err.kind() == std::io::ErrorKind::InvalidData => {
                damaged.insert(inner, Damage::Crc);
            }
            Err(fault) => {
                return Err(PackageFault::In {
                    file: inner,
                    fault: Box::new(fault),
                });
            }
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
