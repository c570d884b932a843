//! `uppfoljning verify`: is this archived PDF exactly what its YAML renders to?

use crate::args::VerifyArgs;
use crate::embedded::embedded_source;
use crate::error::Error;
use crate::parse::load;
use crate::render::Renderer;
use crate::sidecar::sha256_hex;

/// Exit 0 if the PDF is byte for byte the YAML's rendering, else a mismatch error.
pub fn run(args: &VerifyArgs) -> Result<(), Error> {
    let pdf = std::fs::read(&args.pdf).map_err(|source| Error::Read {
        path: args.pdf.clone(),
        source,
    })?;
    // A PDF that carries its source was made with --embed-source; render the same way.
    let embedded = embedded_source(&pdf, &args.pdf)?.is_some();
    let mut setup = args.setup.resolve()?;
    if embedded && !setup.embed_source {
        setup.embed_source = true;
        setup.standards = args.setup.standards(true);
    }
    let renderer = Renderer::new(setup)?;
    let loaded = load(&args.input)?;
    let fresh = renderer.render(&loaded.report, &loaded.yaml, &args.input)?;
    if fresh.pdf != pdf {
        let reason = format!(
            "{} bytes, SHA-256 {} here; {} bytes, SHA-256 {} rendered",
            pdf.len(),
            &sha256_hex(&pdf)[..16],
            fresh.pdf.len(),
            &sha256_hex(&fresh.pdf)[..16]
        );
        return Err(Error::Mismatch {
            pdf: args.pdf.clone(),
            input: args.input.clone(),
            reason,
        });
    }
    eprintln!(
        "{} matches {} (SHA-256 {})",
        args.pdf.display(),
        args.input.display(),
        sha256_hex(&pdf)
    );
    Ok(())
}
