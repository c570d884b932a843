//! `metadata/preservation/PREMIS.xml`: PREMIS 3 for the reports' files: fixity, size and format
//! of each, and the creation of every PDF from its YAML by this program.

use super::format::Format;
use super::{Content, STANDARDS, date_time};
use crate::base::hash::sha256_hex;
use crate::base::xml::XmlWriter;
use crate::typeset::GENERATOR;
use crate::typeset::standards::titles;

/// Where the PREMIS file lies in the package.
pub(crate) const PATH: &str = "metadata/preservation/PREMIS.xml";

/// This program's identifier as a PREMIS agent.
const AGENT: &str = GENERATOR;

/// The PREMIS document of the package.
pub(crate) fn premis(content: &Content) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start(
        "premis:premis",
        &[
            ("xmlns:premis", "http://www.loc.gov/premis/v3"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.loc.gov/premis/v3 ../../schemas/premis.xsd",
            ),
            ("version", "3.0"),
        ],
    );
    for (i, entry) in content.entries.iter().enumerate() {
        let event = format!("event-creation-{}", i + 1);
        let (pdf, yaml) = (entry.pdf_path(), entry.yaml_path());
        let source = entry.member.loaded.yaml.as_bytes();
        object(&mut xml, &pdf, &entry.pdf, Some((&yaml, &event)));
        object(&mut xml, &yaml, source, None);
    }
    // The figures' images, each once, beside the YAML that names them.
    let mut images = std::collections::BTreeMap::new();
    for entry in &content.entries {
        for image in &entry.member.loaded.report.images {
            images.insert(super::image_path(&image.name), image.bytes.clone());
        }
    }
    for (path, bytes) in &images {
        object(&mut xml, path, bytes, None);
    }
    for (i, entry) in content.entries.iter().enumerate() {
        let event = format!("event-creation-{}", i + 1);
        creation(
            &mut xml,
            &event,
            entry.member.loaded.report.date,
            &entry.pdf_path(),
            &entry.yaml_path(),
        );
    }
    for (i, entry) in content.entries.iter().enumerate() {
        if let Some(approval) = &entry.member.approval {
            approved(&mut xml, i + 1, approval, &entry.pdf_path());
        }
    }
    xml.start("premis:agent", &[]);
    identifier(&mut xml, "premis:agentIdentifier", AGENT);
    xml.text("premis:agentName", &[], env!("CARGO_PKG_NAME"));
    xml.text("premis:agentType", &[], "software");
    xml.text("premis:agentVersion", &[], env!("CARGO_PKG_VERSION"));
    xml.end("premis:agent");
    // Each person who approved a report, once.
    let approvers: std::collections::BTreeSet<&str> = content
        .entries
        .iter()
        .filter_map(|entry| entry.member.approval.as_ref())
        .map(|approval| approval.by.as_str())
        .collect();
    for approver in approvers {
        xml.start("premis:agent", &[]);
        identifier(&mut xml, "premis:agentIdentifier", &approver_id(approver));
        xml.text("premis:agentName", &[], approver);
        xml.text("premis:agentType", &[], "person");
        xml.end("premis:agent");
    }
    xml.end("premis:premis");
    xml.finish()
}

/// A `local` identifier in the element `name` (`premis:objectIdentifier`, …), whose children
/// are named after it (`…Type`, `…Value`).
fn identifier(xml: &mut XmlWriter, name: &str, value: &str) {
    xml.start(name, &[]);
    xml.text(&format!("{name}Type"), &[], "local");
    xml.text(&format!("{name}Value"), &[], value);
    xml.end(name);
}

/// One file object; a PDF names the YAML it was derived from and the event that made it.
fn object(xml: &mut XmlWriter, path: &str, bytes: &[u8], derived: Option<(&str, &str)>) {
    let format = Format::of(path);
    xml.start("premis:object", &[("xsi:type", "premis:file")]);
    identifier(xml, "premis:objectIdentifier", path);
    xml.start("premis:objectCharacteristics", &[]);
    xml.text("premis:compositionLevel", &[], "0");
    xml.start("premis:fixity", &[]);
    xml.text("premis:messageDigestAlgorithm", &[], "SHA-256");
    xml.text("premis:messageDigest", &[], &sha256_hex(bytes));
    xml.text("premis:messageDigestOriginator", &[], AGENT);
    xml.end("premis:fixity");
    xml.text("premis:size", &[], &bytes.len().to_string());
    xml.start("premis:format", &[]);
    xml.start("premis:formatDesignation", &[]);
    xml.text("premis:formatName", &[], format.name);
    if let Some(version) = format.version {
        xml.text("premis:formatVersion", &[], version);
    }
    xml.end("premis:formatDesignation");
    if let Some(key) = format.pronom {
        xml.start("premis:formatRegistry", &[]);
        xml.text("premis:formatRegistryName", &[], "PRONOM");
        xml.text("premis:formatRegistryKey", &[], key);
        xml.text("premis:formatRegistryRole", &[], "specification");
        xml.end("premis:formatRegistry");
    }
    xml.end("premis:format");
    if derived.is_some() {
        xml.start("premis:creatingApplication", &[]);
        xml.text(
            "premis:creatingApplicationName",
            &[],
            env!("CARGO_PKG_NAME"),
        );
        xml.text(
            "premis:creatingApplicationVersion",
            &[],
            env!("CARGO_PKG_VERSION"),
        );
        xml.end("premis:creatingApplication");
    }
    xml.end("premis:objectCharacteristics");
    let name = path.rsplit('/').next().unwrap_or(path);
    xml.text("premis:originalName", &[], name);
    if let Some((source, event)) = derived {
        xml.start("premis:relationship", &[]);
        xml.text("premis:relationshipType", &[], "derivation");
        xml.text("premis:relationshipSubType", &[], "is derived from");
        identifier(xml, "premis:relatedObjectIdentifier", source);
        xml.end("premis:relationship");
        identifier(xml, "premis:linkingEventIdentifier", event);
    }
    xml.end("premis:object");
}

/// An event's link to the agent or object (`what`) `value`, in its `role`.
fn linking(xml: &mut XmlWriter, what: &str, value: &str, role: &str) {
    let element = format!("premis:linking{what}Identifier");
    xml.start(&element, &[]);
    xml.text(&format!("{element}Type"), &[], "local");
    xml.text(&format!("{element}Value"), &[], value);
    xml.text(&format!("premis:linking{what}Role"), &[], role);
    xml.end(&element);
}

/// The agent identifier of the person `by`.
fn approver_id(by: &str) -> String {
    format!("approver:{by}")
}

/// The event that approved (fastställde) the PDF at `pdf`: the `n`th report's, by whom and when.
fn approved(xml: &mut XmlWriter, n: usize, approval: &super::Approval, pdf: &str) {
    xml.start("premis:event", &[]);
    identifier(
        xml,
        "premis:eventIdentifier",
        &format!("event-approval-{n}"),
    );
    xml.text("premis:eventType", &[], "approval");
    xml.text("premis:eventDateTime", &[], &approval.at);
    xml.start("premis:eventDetailInformation", &[]);
    xml.text(
        "premis:eventDetail",
        &[],
        "Approved (fastställd) in the workspace: this PDF is the report as approved",
    );
    xml.end("premis:eventDetailInformation");
    xml.start("premis:eventOutcomeInformation", &[]);
    xml.text("premis:eventOutcome", &[], "success");
    xml.end("premis:eventOutcomeInformation");
    linking(xml, "Agent", &approver_id(&approval.by), "approver");
    linking(xml, "Object", pdf, "outcome");
    xml.end("premis:event");
}

/// The event that made the PDF at `pdf` from the YAML at `yaml`, on the report's date.
fn creation(xml: &mut XmlWriter, id: &str, date: crate::report::Date, pdf: &str, yaml: &str) {
    xml.start("premis:event", &[]);
    identifier(xml, "premis:eventIdentifier", id);
    xml.text("premis:eventType", &[], "creation");
    xml.text("premis:eventDateTime", &[], &date_time(date));
    xml.start("premis:eventDetailInformation", &[]);
    xml.text(
        "premis:eventDetail",
        &[],
        &format!(
            "Rendered from the source YAML to {} (typst, in-process)",
            titles(STANDARDS, " and ")
        ),
    );
    xml.end("premis:eventDetailInformation");
    xml.start("premis:eventOutcomeInformation", &[]);
    xml.text("premis:eventOutcome", &[], "success");
    xml.end("premis:eventOutcomeInformation");
    linking(xml, "Agent", AGENT, "executing program");
    for (path, role) in [(yaml, "source"), (pdf, "outcome")] {
        linking(xml, "Object", path, role);
    }
    xml.end("premis:event");
}
