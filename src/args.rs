//! The whole command-line surface; the doc comments are the `--help` text.

use std::path::PathBuf;

use clap::builder::PossibleValuesParser;
use clap::{Args, Parser, Subcommand};
use typst_pdf::PdfStandard;

use crate::render::STANDARDS;

/// Turns a YAML contract follow-up into the city's archival, accessible PDF report.
#[derive(Debug, Parser)]
#[command(name = "uppfoljning", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render a report to PDF.
    Render(RenderArgs),
    /// Validate and typeset reports without writing anything; report every problem.
    Check(CheckArgs),
    /// Print the generated Typst source of a report (for template work).
    Typst(TypstArgs),
}

/// Arguments of `render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// The report's YAML file, or `-` for standard input.
    pub input: PathBuf,
    /// Where to write the PDF [default: INPUT with `.pdf`; `-` for standard output].
    #[arg(short, long, value_name = "OUT.pdf")]
    pub output: Option<PathBuf>,
    /// The PDF settings.
    #[command(flatten)]
    pub pdf: PdfArgs,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The reports' YAML files.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The PDF settings.
    #[command(flatten)]
    pub pdf: PdfArgs,
}

/// Arguments of `typst`.
#[derive(Debug, Args)]
pub struct TypstArgs {
    /// The report's YAML file, or `-` for standard input.
    pub input: PathBuf,
}

/// PDF settings shared by the commands that typeset.
#[derive(Debug, Args)]
pub struct PdfArgs {
    /// A PDF standard to enforce; repeat for several [default: a-2a and ua-1].
    #[arg(long = "pdf-standard", value_name = "STANDARD", value_parser = standard_parser())]
    pub standards: Vec<String>,
}

impl PdfArgs {
    /// The standards asked for, or the archival and accessible default.
    pub fn standards(&self) -> Vec<PdfStandard> {
        if self.standards.is_empty() {
            return crate::render::DEFAULT_STANDARDS.to_vec();
        }
        let lookup = |name: &String| STANDARDS.iter().find(|(n, _)| n == name).map(|(_, s)| *s);
        // The parser only lets known names through.
        self.standards.iter().filter_map(lookup).collect()
    }
}

fn standard_parser() -> PossibleValuesParser {
    PossibleValuesParser::new(STANDARDS.iter().map(|(name, _)| *name))
}
