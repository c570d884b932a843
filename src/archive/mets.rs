//! The METS files of a package: the root `METS.xml` (E-ARK CSIP/SIP 2.1) and one per
//! representation.

use std::collections::BTreeMap;

use super::format::Format;
use super::{Content, DOCUMENTATION, date_time, erms, premis};
use crate::base::hash::sha256_hex;
use crate::base::xml::XmlWriter;
use crate::typeset::locale::Labels;
use crate::typeset::standards::titles;

/// The E-ARK SIP profile every METS file names.
const PROFILE: &str = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
/// The content category (CSIP vocabulary) of the package: text documents born digital.
const CONTENT_CATEGORY: &str = "Textual works – Digital";
/// The content information type (CSIP vocabulary): the case file is described in CITS ERMS 2.1.
const CONTENT_INFORMATION_TYPE: &str = "citserms_v2_1";

/// One representation: a folder under `representations/` with its own METS and `data/`.
pub(crate) struct Representation {
    /// The folder's name.
    pub name: &'static str,
}

impl Representation {
    /// What it holds, for the METS `@LABEL`.
    pub(crate) fn label(&self) -> String {
        match self.name {
            "rep1" => format!(
                "Arkivexemplar: rapporterna som {}",
                titles(super::STANDARDS, " och ")
            ),
            _ => "Källfiler: rapporternas YAML, som PDF-filerna framställts ur".to_owned(),
        }
    }
}

/// The package's representations: the archival PDFs and the YAML they were rendered from.
pub(crate) const REPRESENTATIONS: &[Representation] = &[
    Representation { name: "rep1" },
    Representation { name: "rep2" },
];

/// The namespaces and schema locations of a METS file `depth` folders below the package root.
fn namespaces(depth: usize) -> Vec<(&'static str, String)> {
    let up = "../".repeat(depth);
    let location = format!(
        "http://www.loc.gov/METS/ {up}schemas/mets.xsd \
         http://www.w3.org/1999/xlink {up}schemas/xlink.xsd \
         https://DILCIS.eu/XML/METS/CSIPExtensionMETS {up}schemas/DILCISExtensionMETS.xsd \
         https://DILCIS.eu/XML/METS/SIPExtensionMETS {up}schemas/DILCISExtensionSIPMETS.xsd"
    );
    vec![
        ("xmlns:mets", "http://www.loc.gov/METS/".to_owned()),
        (
            "xmlns:csip",
            "https://DILCIS.eu/XML/METS/CSIPExtensionMETS".to_owned(),
        ),
        (
            "xmlns:sip",
            "https://DILCIS.eu/XML/METS/SIPExtensionMETS".to_owned(),
        ),
        ("xmlns:xlink", "http://www.w3.org/1999/xlink".to_owned()),
        (
            "xmlns:xsi",
            "http://www.w3.org/2001/XMLSchema-instance".to_owned(),
        ),
        ("xsi:schemaLocation", location),
    ]
}

/// Opens `mets:mets` with the attributes every METS file of the package has.
fn open_mets(xml: &mut XmlWriter, depth: usize, objid: &str, label: &str) {
    let namespaces = namespaces(depth);
    let mut attrs: Vec<(&str, &str)> = namespaces.iter().map(|(k, v)| (*k, v.as_str())).collect();
    attrs.extend([
        ("OBJID", objid),
        ("LABEL", label),
        ("TYPE", CONTENT_CATEGORY),
        ("csip:CONTENTINFORMATIONTYPE", CONTENT_INFORMATION_TYPE),
        ("PROFILE", PROFILE),
    ]);
    xml.start("mets:mets", &attrs);
}

/// Opens the CSIP structural map (CSIP80–84).
fn open_struct_map(xml: &mut XmlWriter) {
    xml.start(
        "mets:structMap",
        &[
            ("ID", "structmap-csip"),
            ("TYPE", "PHYSICAL"),
            ("LABEL", "CSIP"),
        ],
    );
}

/// The header's software agent: this program and its version (CSIP10–16).
fn software_agent(xml: &mut XmlWriter) {
    xml.start(
        "mets:agent",
        &[
            ("ROLE", "CREATOR"),
            ("TYPE", "OTHER"),
            ("OTHERTYPE", "SOFTWARE"),
        ],
    );
    xml.text("mets:name", &[], env!("CARGO_PKG_NAME"));
    xml.text(
        "mets:note",
        &[("csip:NOTETYPE", "SOFTWARE VERSION")],
        env!("CARGO_PKG_VERSION"),
    );
    xml.end("mets:agent");
}

/// An agent with a name and an optional identification code.
fn organisation_agent(xml: &mut XmlWriter, role: &str, name: &str, code: Option<&str>) {
    xml.start("mets:agent", &[("ROLE", role), ("TYPE", "ORGANIZATION")]);
    xml.text("mets:name", &[], name);
    if let Some(code) = code {
        xml.text(
            "mets:note",
            &[("csip:NOTETYPE", "IDENTIFICATIONCODE")],
            code,
        );
    }
    xml.end("mets:agent");
}

/// Opens `metsHdr` for a new SIP (CSIP7–9, SIP3–4) with this program as its first agent.
fn open_header(xml: &mut XmlWriter, content: &Content) {
    let created = date_time(content.created);
    xml.start(
        "mets:metsHdr",
        &[
            ("CREATEDATE", &created),
            ("LASTMODDATE", &created),
            ("RECORDSTATUS", "NEW"),
            ("csip:OAISPACKAGETYPE", "SIP"),
        ],
    );
    software_agent(xml);
}

/// The root METS header: software, archival creator, submitter, contact person, and the
/// submission agreement and reference code when given.
fn root_header(xml: &mut XmlWriter, content: &Content) {
    open_header(xml, content);
    let settings = content.settings;
    let id = settings.archival_creator_id.as_deref();
    organisation_agent(xml, "ARCHIVIST", &content.archival_creator, id);
    // The identification code is the archival creator's (SIP13); the submitter's note is
    // optional (SIP19) and left out.
    organisation_agent(xml, "CREATOR", &content.submitter, None);
    let report = &content.newest().member.loaded.report;
    if let Some(author) = &report.author {
        xml.start("mets:agent", &[("ROLE", "CREATOR"), ("TYPE", "INDIVIDUAL")]);
        xml.text("mets:name", &[], author);
        if let Some(phone) = &report.phone {
            let labels = Labels::of(report.language);
            xml.text("mets:note", &[], &format!("{} {phone}", labels.phone));
        }
        xml.end("mets:agent");
    }
    let alternatives = [
        ("SUBMISSIONAGREEMENT", &settings.submission_agreement),
        ("REFERENCECODE", &settings.reference_code),
    ];
    for (kind, value) in alternatives {
        if let Some(value) = value {
            xml.text("mets:altRecordID", &[("TYPE", kind)], value);
        }
    }
    xml.end("mets:metsHdr");
}

/// The facts METS records of a file: its type, size, time and checksum.
fn file_attributes(path: &str, bytes: &[u8], created: &str) -> Vec<(&'static str, String)> {
    let format = Format::of(path);
    let mut attrs = vec![
        ("MIMETYPE", format.mime.to_owned()),
        ("SIZE", bytes.len().to_string()),
        ("CREATED", created.to_owned()),
        ("CHECKSUM", sha256_hex(bytes)),
        ("CHECKSUMTYPE", "SHA-256".to_owned()),
        ("sip:FILEFORMATNAME", format.name.to_owned()),
    ];
    if let Some(version) = format.version {
        attrs.push(("sip:FILEFORMATVERSION", version.to_owned()));
    }
    if let Some(key) = format.pronom {
        attrs.push(("sip:FORMATREGISTRY", "PRONOM".to_owned()));
        attrs.push(("sip:FORMATREGISTRYKEY", key.to_owned()));
    }
    attrs
}

/// One `mets:file` with its `FLocat`; `href` is relative to the METS file.
fn file(xml: &mut XmlWriter, id: &str, href: &str, bytes: &[u8], created: &str) {
    let attrs = file_attributes(href, bytes, created);
    let mut all: Vec<(&str, &str)> = vec![("ID", id)];
    all.extend(attrs.iter().map(|(k, v)| (*k, v.as_str())));
    xml.start("mets:file", &all);
    xml.empty(
        "mets:FLocat",
        &[
            ("LOCTYPE", "URL"),
            ("xlink:type", "simple"),
            ("xlink:href", href),
        ],
    );
    xml.end("mets:file");
}

/// A metadata reference (`mdRef`) to a file of the package, with its facts.
fn md_ref(xml: &mut XmlWriter, href: &str, mdtype: &[(&str, &str)], bytes: &[u8], created: &str) {
    let size = bytes.len().to_string();
    let checksum = sha256_hex(bytes);
    let mut attrs = vec![
        ("LOCTYPE", "URL"),
        ("xlink:type", "simple"),
        ("xlink:href", href),
    ];
    attrs.extend_from_slice(mdtype);
    attrs.extend([
        ("MIMETYPE", "text/xml"),
        ("SIZE", size.as_str()),
        ("CREATED", created),
        ("CHECKSUM", checksum.as_str()),
        ("CHECKSUMTYPE", "SHA-256"),
    ]);
    xml.empty("mets:mdRef", &attrs);
}

/// The root `METS.xml`, written last: it describes every other file in `files`.
pub(crate) fn root(content: &Content, files: &BTreeMap<String, Vec<u8>>) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    let report = &content.newest().member.loaded.report;
    let label = Labels::of(report.language).title_line(report);
    open_mets(&mut xml, 0, &content.id, &label);
    root_header(&mut xml, content);
    let created = date_time(content.created);
    root_metadata(&mut xml, files, &created);
    root_files(&mut xml, files, &created);
    root_struct_map(&mut xml, content);
    xml.end("mets:mets");
    xml.finish()
}

/// The root's descriptive (ERMS) and preservation (PREMIS) metadata sections.
fn root_metadata(xml: &mut XmlWriter, files: &BTreeMap<String, Vec<u8>>, created: &str) {
    let bytes = |path: &str| files.get(path).map_or(&[][..], Vec::as_slice);
    xml.start(
        "mets:dmdSec",
        &[
            ("ID", "dmd-erms"),
            ("CREATED", created),
            ("STATUS", "CURRENT"),
        ],
    );
    let erms_type = [
        ("MDTYPE", "OTHER"),
        ("OTHERMDTYPE", "ERMS"),
        ("MDTYPEVERSION", "2.1.2"),
    ];
    md_ref(xml, erms::PATH, &erms_type, bytes(erms::PATH), created);
    xml.end("mets:dmdSec");

    xml.start("mets:amdSec", &[]);
    xml.start(
        "mets:digiprovMD",
        &[
            ("ID", "digiprov-premis"),
            ("CREATED", created),
            ("STATUS", "CURRENT"),
        ],
    );
    let premis_type = [("MDTYPE", "PREMIS"), ("MDTYPEVERSION", "3.0")];
    md_ref(
        xml,
        premis::PATH,
        &premis_type,
        bytes(premis::PATH),
        created,
    );
    xml.end("mets:digiprovMD");
    xml.end("mets:amdSec");
}

/// The root's file section: documentation, schemas, and each representation's METS.
fn root_files(xml: &mut XmlWriter, files: &BTreeMap<String, Vec<u8>>, created: &str) {
    let bytes = |path: &str| files.get(path).map_or(&[][..], Vec::as_slice);
    xml.start("mets:fileSec", &[("ID", "filesec")]);
    xml.start(
        "mets:fileGrp",
        &[("ID", "filegrp-documentation"), ("USE", "Documentation")],
    );
    file(
        xml,
        "file-documentation-1",
        DOCUMENTATION,
        bytes(DOCUMENTATION),
        created,
    );
    xml.end("mets:fileGrp");
    xml.start(
        "mets:fileGrp",
        &[("ID", "filegrp-schemas"), ("USE", "Schemas")],
    );
    let schemas = files
        .iter()
        .filter(|(path, _)| path.starts_with("schemas/"));
    for (i, (path, data)) in schemas.enumerate() {
        file(xml, &format!("file-schema-{}", i + 1), path, data, created);
    }
    xml.end("mets:fileGrp");
    for rep in REPRESENTATIONS {
        let group = format!("filegrp-{}", rep.name);
        let use_ = format!("Representations/{}", rep.name);
        // The validator's CSIP62 and CSIP63 together accept a representation's group only with
        // OTHER and the type spelt out; see the README (Archive: what the validator says).
        xml.start(
            "mets:fileGrp",
            &[
                ("ID", &group),
                ("USE", &use_),
                ("csip:CONTENTINFORMATIONTYPE", "OTHER"),
                ("csip:OTHERCONTENTINFORMATIONTYPE", CONTENT_INFORMATION_TYPE),
            ],
        );
        let path = format!("representations/{}/METS.xml", rep.name);
        let id = format!("file-{}-mets", rep.name);
        file(xml, &id, &path, bytes(&path), created);
        xml.end("mets:fileGrp");
    }
    xml.end("mets:fileSec");
}

/// The root's structural map: metadata, documentation, schemas, representations.
fn root_struct_map(xml: &mut XmlWriter, content: &Content) {
    open_struct_map(xml);
    xml.start("mets:div", &[("ID", "div-package"), ("LABEL", &content.id)]);
    xml.empty(
        "mets:div",
        &[
            ("ID", "div-metadata"),
            ("LABEL", "Metadata"),
            ("DMDID", "dmd-erms"),
            ("ADMID", "digiprov-premis"),
        ],
    );
    for (id, label, group) in [
        (
            "div-documentation",
            "Documentation",
            "filegrp-documentation",
        ),
        ("div-schemas", "Schemas", "filegrp-schemas"),
    ] {
        xml.start("mets:div", &[("ID", id), ("LABEL", label)]);
        xml.empty("mets:fptr", &[("FILEID", group)]);
        xml.end("mets:div");
    }
    xml.start(
        "mets:div",
        &[("ID", "div-representations"), ("LABEL", "Representations")],
    );
    for rep in REPRESENTATIONS {
        xml.empty("mets:fptr", &[("FILEID", &format!("filegrp-{}", rep.name))]);
    }
    for rep in REPRESENTATIONS {
        let label = format!("Representations/{}", rep.name);
        xml.start(
            "mets:div",
            &[("ID", &format!("div-{}", rep.name)), ("LABEL", &label)],
        );
        xml.empty(
            "mets:mptr",
            &[
                ("LOCTYPE", "URL"),
                ("xlink:type", "simple"),
                (
                    "xlink:href",
                    &format!("representations/{}/METS.xml", rep.name),
                ),
                ("xlink:title", &format!("filegrp-{}", rep.name)),
            ],
        );
        xml.end("mets:div");
    }
    xml.end("mets:div");
    xml.end("mets:div");
    xml.end("mets:structMap");
}

/// The METS of representation `rep`: its `data/` files, from `files`.
pub(crate) fn representation(
    content: &Content,
    rep: &Representation,
    files: &BTreeMap<String, Vec<u8>>,
) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    open_mets(&mut xml, 2, rep.name, &rep.label());
    open_header(&mut xml, content);
    xml.end("mets:metsHdr");
    let prefix = format!("representations/{}/", rep.name);
    xml.start("mets:fileSec", &[("ID", "filesec")]);
    xml.start("mets:fileGrp", &[("ID", "filegrp-data"), ("USE", "Data")]);
    let data = format!("{prefix}data/");
    let listed = files.iter().filter(|(path, _)| path.starts_with(&data));
    for (i, (path, bytes)) in listed.enumerate() {
        let href = path.strip_prefix(&prefix).unwrap_or(path);
        // A report's files were made on its date; anything else (an image) with the package.
        let report = content
            .entries
            .iter()
            .find(|e| e.pdf_path() == *path || e.yaml_path() == *path);
        let made = report.map_or(content.created, |e| e.member.loaded.report.date);
        let made = date_time(made);
        file(
            &mut xml,
            &format!("file-data-{}", i + 1),
            href,
            bytes,
            &made,
        );
    }
    xml.end("mets:fileGrp");
    xml.end("mets:fileSec");
    open_struct_map(&mut xml);
    xml.start(
        "mets:div",
        &[("ID", "div-representation"), ("LABEL", rep.name)],
    );
    xml.start("mets:div", &[("ID", "div-data"), ("LABEL", "Data")]);
    xml.empty("mets:fptr", &[("FILEID", "filegrp-data")]);
    xml.end("mets:div");
    xml.end("mets:div");
    xml.end("mets:structMap");
    xml.end("mets:mets");
    xml.finish()
}
