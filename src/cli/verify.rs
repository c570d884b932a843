//! `uppfoljning verify`: is this archived PDF exactly what its YAML renders to, or is this
//! archive package whole and true to its sources?

use std::path::Path;

use crate::base::hash::sha256_hex;
use crate::cli::args::VerifyArgs;
use crate::error::{Differs, Error, Said, say};
use crate::output::attachments::{self, Attachments, SOURCE_NAME, read_pdf};
use crate::report::load::load;
use crate::typeset::Renderer;

/// Exit 0 if the PDF is byte for byte the YAML's rendering (or the package checks out), else
/// an error naming what differs.
pub(super) fn run(args: &VerifyArgs) -> Result<(), Error> {
    match &args.input {
        Some(input) => pdf(args, input),
        None if is_package(&args.target) => package(args),
        None => Err(Error::Usage {
            message: crate::words::msg!(
                "usage-verify-not-package",
                target = args.target.display().to_string()
            ),
        }),
    }
}

/// A folder, or a file that is not a PDF (a zip, if anything; reading it says if not).
fn is_package(path: &Path) -> bool {
    path.is_dir()
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("zip"))
}

/// Checks a package: its files against its METS files, its PDFs against their YAML.
fn package(args: &VerifyArgs) -> Result<(), Error> {
    let renderer = Renderer::new(args.setup.look.resolve()?)?;
    let verified = crate::archive::verify(&args.target, &renderer)?;
    say(Said::PackageVerified {
        target: &args.target,
        files: verified.files,
        reports: verified.reports,
        id: &verified.id,
    });
    Ok(())
}

/// What the PDF's own source says of why it differs from `yaml` (nothing, if it carries none
/// or none that can be read).
fn differs(files: &mut Attachments<'_>, path: &Path, yaml: &str) -> Differs {
    let Ok(Some(source)) = attachments::read(files, SOURCE_NAME, &path.into()) else {
        return Differs::Unknown;
    };
    if source == yaml.as_bytes() {
        return Differs::Options;
    }
    let form = |text: &str| crate::edit::yaml::to_value(text).ok();
    let carried = std::str::from_utf8(&source).ok().and_then(form);
    match (carried, form(yaml)) {
        (Some(carried), Some(given)) => {
            let (fields, more) = crate::report::diff::changed_fields(&carried, &given);
            match fields.is_empty() {
                // The same values, written otherwise (comments, quoting, layout).
                true => {
                    Differs::Fields(vec!["its layout and comments (the same values)".into()], 0)
                }
                false => Differs::Fields(fields, more),
            }
        }
        _ => Differs::Unknown,
    }
}

/// Checks one PDF against the YAML it came from.
fn pdf(args: &VerifyArgs, input: &Path) -> Result<(), Error> {
    let pdf = read_pdf(&args.target)?;
    // A PDF that carries its source was made with --embed-source; render the same way.
    let mut files = attachments::open(&pdf, &args.target.as_path().into())?;
    let embedded = files.has(SOURCE_NAME);
    let mut setup = args.setup.resolve()?;
    if embedded && !setup.embed_source {
        setup.embed_source = true;
        setup.standards = args.setup.standards(true);
    }
    let renderer = Renderer::new(setup)?;
    let loaded = load(input)?;
    let fresh = renderer.render(&loaded.report, &loaded.yaml, input)?;
    if fresh.pdf != pdf {
        let reason = format!(
            "{} bytes, SHA-256 {} here; {} bytes, SHA-256 {} rendered",
            pdf.len(),
            &sha256_hex(&pdf)[..16],
            fresh.pdf.len(),
            &sha256_hex(&fresh.pdf)[..16]
        );
        return Err(Error::Mismatch {
            pdf: args.target.clone(),
            input: crate::error::Origin::from(input.to_path_buf()),
            reason,
            differs: Box::new(differs(&mut files, &args.target, &loaded.yaml)),
        });
    }
    say(Said::PdfVerified {
        pdf: &args.target,
        input,
        sha256: &sha256_hex(&pdf),
    });
    Ok(())
}
