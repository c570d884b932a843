//! `uppfoljning render`: YAML in, PDF out.

use std::path::{Path, PathBuf};

use crate::args::RenderArgs;
use crate::error::Error;
use crate::output::write_atomically;
use crate::parse::{parse_report, read_input};
use crate::render::Renderer;

/// Renders one report and writes its PDF.
pub fn run(args: &RenderArgs) -> Result<(), Error> {
    let output = output_path(&args.input, args.output.as_deref());
    if output != Path::new("-") && same_file(&args.input, &output) {
        return Err(Error::OutputIsInput { path: output });
    }
    let renderer = Renderer::new(&args.pdf.standards())?;
    let report = parse_report(&read_input(&args.input)?, &args.input)?;
    let pdf = renderer.pdf(&report, &args.input)?;
    write_atomically(&output, &pdf)?;
    if output != Path::new("-") {
        eprintln!("wrote {}", output.display());
    }
    Ok(())
}

/// The output asked for, or the input with `.pdf` (standard output for standard input).
fn output_path(input: &Path, output: Option<&Path>) -> PathBuf {
    match output {
        Some(output) => output.to_path_buf(),
        None if input == Path::new("-") => PathBuf::from("-"),
        None => input.with_extension("pdf"),
    }
}

/// Whether two paths name one existing file (as written or through links).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
