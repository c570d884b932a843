//! `metadata/descriptive/ERMS.xml`: the case file and its reports in CITS ERMS 2.1 (FGS
//! Ärendehantering 2.0), valid against ERMS.xsd 2.1.2.

use super::{Content, Entry, STANDARDS, date_time};
use crate::base::xml::XmlWriter;
use crate::report::Period;
use crate::typeset::GENERATOR;
use crate::typeset::locale::Labels;
use crate::typeset::standards::titles;

/// Where the ERMS file lies in the package.
pub(crate) const PATH: &str = "metadata/descriptive/ERMS.xml";

/// The ERMS document of the package.
pub(crate) fn erms(content: &Content) -> Vec<u8> {
    let mut xml = XmlWriter::new();
    xml.start(
        "erms",
        &[
            ("xmlns", "https://DILCIS.eu/XML/ERMS"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "https://DILCIS.eu/XML/ERMS ../../schemas/ERMS.xsd",
            ),
        ],
    );
    control(&mut xml, content);
    xml.start("aggregations", &[]);
    case_file(&mut xml, content);
    xml.end("aggregations");
    xml.end("erms");
    xml.finish()
}

/// `control`: what this document is, who keeps it, and that this program made it.
fn control(xml: &mut XmlWriter, content: &Content) {
    xml.start("control", &[]);
    xml.text(
        "identification",
        &[("identificationType", "package")],
        &content.id,
    );
    xml.start("maintenanceInformation", &[]);
    xml.empty("maintenanceStatus", &[("value", "new")]);
    xml.start("maintenanceAgency", &[]);
    if let Some(code) = &content.settings.archival_creator_id {
        xml.text("agencyCode", &[("type", "organisationsnummer")], code);
    }
    xml.text("agencyName", &[], &content.archival_creator);
    xml.end("maintenanceAgency");
    xml.start("maintenanceHistory", &[]);
    xml.start("maintenanceEvent", &[]);
    xml.empty("eventType", &[("value", "created")]);
    xml.text("eventDateTime", &[], &date_time(content.created));
    software(xml);
    xml.end("maintenanceEvent");
    xml.end("maintenanceHistory");
    xml.end("maintenanceInformation");
    xml.start("systemInformation", &[]);
    xml.start("agents", &[]);
    software(xml);
    xml.end("agents");
    xml.end("systemInformation");
    xml.end("control");
}

/// This program as an agent.
fn software(xml: &mut XmlWriter) {
    xml.start(
        "agent",
        &[("agentType", "other"), ("otherAgentType", "software")],
    );
    xml.text("name", &[], GENERATOR);
    xml.end("agent");
}

/// An agent with a name and, where known, its organisation, unit and role.
fn agent(xml: &mut XmlWriter, kind: &str, name: &str, organisation: Option<&str>, role: &str) {
    xml.start("agent", &[("agentType", kind)]);
    xml.text("name", &[], name);
    if let Some(organisation) = organisation {
        xml.text("organisation", &[], organisation);
    }
    xml.text("role", &[], role);
    xml.end("agent");
}

/// The case file: the dnr, the contract, its parties, and one record per report.
fn case_file(xml: &mut XmlWriter, content: &Content) {
    let newest = &content.newest().member.loaded.report;
    let labels = Labels::of(newest.language);
    let system_id = uuid::Uuid::new_v5(&super::NAMESPACE, content.dnr.as_bytes()).to_string();
    xml.start(
        "aggregation",
        &[
            ("systemIdentifier", &system_id),
            ("aggregationType", "caseFile"),
        ],
    );
    xml.text("objectId", &[], content.dnr);
    xml.text("title", &[], &newest.contract);
    xml.start("agents", &[]);
    agent(xml, "owner", &newest.organisation, None, "Förvaltning");
    agent(
        xml,
        "counterpart",
        &newest.supplier,
        None,
        labels.fact_supplier,
    );
    xml.end("agents");
    let oldest = &content.entries[0].member.loaded.report;
    xml.start("dates", &[]);
    xml.text("date", &[("dateType", "created")], &date_time(oldest.date));
    xml.text(
        "date",
        &[("dateType", "last_addition")],
        &date_time(newest.date),
    );
    xml.end("dates");
    for (number, entry) in content.entries.iter().enumerate() {
        record(xml, entry, number + 1);
    }
    xml.end("aggregation");
}

/// One report as a record, with its PDF and source YAML as appendices.
fn record(xml: &mut XmlWriter, entry: &Entry, number: usize) {
    let report = &entry.member.loaded.report;
    let labels = Labels::of(report.language);
    let identity = format!("{}\n{}", report.dnr.as_str(), report.date);
    let system_id = uuid::Uuid::new_v5(&super::NAMESPACE, identity.as_bytes()).to_string();
    xml.start(
        "record",
        &[
            ("systemIdentifier", &system_id),
            ("recordType", labels.doc_type),
        ],
    );
    xml.text(
        "objectId",
        &[],
        &format!("{} ({})", report.dnr.as_str(), report.date),
    );
    xml.start("keywords", &[]);
    for keyword in labels.keywords(report) {
        xml.text("keyword", &[], keyword);
    }
    xml.end("keywords");
    xml.text("title", &[], &labels.title_line(report));
    xml.text("runningNumber", &[], &number.to_string());
    xml.empty(
        "direction",
        &[("directionDefinition", "internal_memo_without_follow-up")],
    );
    xml.start("agents", &[]);
    if let Some(author) = &report.author {
        xml.start("agent", &[("agentType", "creator")]);
        xml.text("name", &[], author);
        xml.text("organisation", &[], &report.organisation);
        if let Some(unit) = &report.unit {
            xml.text("unitName", &[], unit);
        }
        xml.text("role", &[], labels.author);
        xml.end("agent");
    }
    if let Some(recipient) = &report.recipient {
        agent(xml, "recipient", recipient, None, labels.recipient);
    }
    agent(
        xml,
        "counterpart",
        &report.supplier,
        None,
        labels.fact_supplier,
    );
    xml.end("agents");
    xml.text("description", &[], &labels.description(report));
    xml.start("dates", &[]);
    xml.text("date", &[("dateType", "created")], &date_time(report.date));
    period(xml, "follow_up_performed", report.performed);
    if let Some(until) = report.supplier_summary_until {
        period(xml, "supplier_summary_until", until);
    }
    if let Some(next) = report.next {
        period(xml, "next_follow_up", next);
    }
    xml.end("dates");
    actions(xml, report, labels);
    xml.start("notes", &[]);
    xml.text(
        "note",
        &[("noteType", "follow_up_performed")],
        &format!("{}: {}", labels.fact_performed, report.performed),
    );
    if let Some(until) = report.supplier_summary_until {
        xml.text(
            "note",
            &[("noteType", "supplier_summary_until")],
            &format!("{}: {until}", labels.fact_summary_until),
        );
    }
    if let Some(next) = report.next {
        xml.text(
            "note",
            &[("noteType", "next_follow_up")],
            &format!("{}: {next}", labels.fact_next),
        );
    }
    xml.end("notes");
    xml.start("additionalInformation", &[]);
    appendix(
        xml,
        &entry.pdf_path(),
        &titles(STANDARDS, ", "),
        "Arkivexemplar",
    );
    appendix(
        xml,
        &entry.yaml_path(),
        "YAML",
        "Källfil som PDF-filen framställts ur",
    );
    xml.end("additionalInformation");
    xml.end("record");
}

/// The actions the report's findings require, with their deadline, motivation, state and who
/// is responsible.
fn actions(xml: &mut XmlWriter, report: &crate::report::Report, labels: &Labels) {
    let Some(findings) = &report.findings else {
        return;
    };
    for (i, finding) in findings.items.iter().enumerate() {
        let Some(action) = &finding.action else {
            continue;
        };
        xml.start("action", &[]);
        xml.text("actionText", &[], action);
        if let Some(deadline) = finding.deadline {
            xml.text("actionDue", &[], &deadline.to_string());
        }
        if let Some(requirement) = &finding.requirement {
            xml.text("actionMotivation", &[], requirement);
        }
        let status = finding
            .status
            .map(|s| format!(", {}", labels.status_name(s)));
        let kind = format!("{} {}{}", labels.finding, i + 1, status.unwrap_or_default());
        xml.text("actionType", &[], &kind);
        if let Some(responsible) = &finding.responsible {
            xml.start("agents", &[]);
            agent(
                xml,
                "responsible_person",
                responsible,
                None,
                labels.responsible,
            );
            xml.end("agents");
        }
        xml.end("action");
    }
}

/// A follow-up date as an ERMS date (its first day); the note beside it keeps it as written.
fn period(xml: &mut XmlWriter, kind: &str, period: Period) {
    xml.text(
        "date",
        &[("dateType", "other"), ("otherDateType", kind)],
        &date_time(period.first_day()),
    );
}

/// A file of the record, by its path from the package root.
fn appendix(xml: &mut XmlWriter, path: &str, format: &str, description: &str) {
    let name = path.rsplit('/').next().unwrap_or(path);
    xml.empty(
        "appendix",
        &[
            ("name", name),
            ("description", description),
            ("fileFormat", format),
            ("path", path),
        ],
    );
}
