//! The whole command-line surface; the doc comments are the `--help` text.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand};
use typst_pdf::PdfStandard;

use crate::archive::{iso_date, one_line};
use crate::error::Error;
use crate::report::Date;
use crate::serve::config::Layer;
use crate::typeset::Setup;
use crate::typeset::fonts::FontSet;
use crate::typeset::standards::{DEFAULT_STANDARDS, EMBED_STANDARDS, STANDARDS};
use crate::typeset::template::Templates;

/// Turns a YAML contract follow-up into the city's archival, accessible PDF report.
#[derive(Debug, Parser)]
#[command(name = "uppfoljning", version, about)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// The language of messages and problems: en or sv [default: as LC_ALL, LC_MESSAGES or
    /// LANG say, else en; the editor's words: sv]
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<crate::words::Lang>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Render reports to PDF: one file, several, or folders of them.
    Render(RenderArgs),
    /// Validate and typeset reports without writing anything; report every problem.
    Check(CheckArgs),
    /// Render, then render again on every save of the YAML (or of the templates).
    Watch(WatchArgs),
    /// Edit a report in the browser: a form beside its live pages, saved as the YAML `render`
    /// reads.
    Edit(EditArgs),
    /// Serve the renderer over HTTP for other systems: POST a report to /v1/render or /v1/check.
    Serve(Box<ServeArgs>),
    /// Tell whether a PDF is exactly what its YAML renders to today, or an archive package is
    /// whole and every PDF in it is what its YAML renders to.
    Verify(VerifyArgs),
    /// Write one archive package (FGS 2.0: E-ARK SIP 2.1 with CITS ERMS 2.1) per dnr, holding
    /// every report of that case as PDF/A-2a and its source YAML.
    Archive(ArchiveArgs),
    /// Write the source YAML embedded in a PDF (made with --embed-source) back out.
    Extract(ExtractArgs),
    /// Put a folder of reports and their images into the workspace's database, all or none:
    /// every report is checked first, and one with problems imports nothing.
    Import(ImportArgs),
    /// Write every report of the workspace's database (its current version, as saved) and its
    /// images to a folder, one subfolder per dnr; nothing is written over a file.
    Export(ExportArgs),
    /// Print the JSON Schema of the YAML format, for editors.
    Schema,
    /// Write a commented starter YAML file.
    New(NewArgs),
    /// Work with the report templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Print the generated Typst source of a report (for template work).
    Typst(TypstArgs),
    /// Print a completion script for a shell (e.g. `uppfoljning completions bash >
    /// /etc/bash_completion.d/uppfoljning`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `uppfoljning man > uppfoljning.1`.
    Man,
}

/// Arguments of `import`.
#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The reports' YAML files or folders (a folder means its `*.yaml`), their images beside
    /// them as `render` reads them.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The workspace's database: `sqlite:PATH` or `postgres://USER@HOST/NAME`.
    #[arg(long, value_name = "URL", env = "UPPFOLJNING_DATABASE")]
    pub database: crate::workspace::DatabaseUrl,
}

/// Arguments of `export`.
#[derive(Debug, Args)]
pub(crate) struct ExportArgs {
    /// The folder to write into (made if missing); a file already there is never overwritten.
    pub folder: PathBuf,
    /// The workspace's database: `sqlite:PATH` or `postgres://USER@HOST/NAME`.
    #[arg(long, value_name = "URL", env = "UPPFOLJNING_DATABASE")]
    pub database: crate::workspace::DatabaseUrl,
}

/// Arguments of `render`.
#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    /// The reports' YAML files or folders (a folder means its `*.yaml`); `-` for standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Where to write the PDF of a single input [default: INPUT with `.pdf`; `-` for standard
    /// output].
    #[arg(short, long, value_name = "OUT.pdf", conflicts_with = "out_dir")]
    pub output: Option<PathBuf>,
    /// Write every PDF into this folder (created if missing) instead of beside its input.
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Name each PDF after its dnr (`125-1210-2014.pdf`), the usual filing name.
    #[arg(long)]
    pub name_from_dnr: bool,
    /// Also write OUT.json beside each PDF: the record a diarium or e-archive imports.
    #[arg(long)]
    pub sidecar: bool,
    /// How many reports to render at once [default: the number of cores].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// How reports are made.
    #[command(flatten)]
    pub setup: SetupArgs,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// The reports' YAML files or folders.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// How problems are printed: `human` on standard error, or `json`, one object per line on
    /// standard output (severity, message, hints, file, field, line, column, byte range).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t)]
    pub message_format: crate::error::diag::Format,
    /// How reports are made.
    #[command(flatten)]
    pub setup: SetupArgs,
}

/// Arguments of `watch`.
#[derive(Debug, Args)]
pub(crate) struct WatchArgs {
    /// The report's YAML file.
    pub input: PathBuf,
    /// Where to write the PDF [default: INPUT with `.pdf`].
    #[arg(short, long, value_name = "OUT.pdf")]
    pub output: Option<PathBuf>,
    /// How reports are made.
    #[command(flatten)]
    pub setup: SetupArgs,
}

/// Arguments of `edit`.
#[derive(Debug, Args)]
pub(crate) struct EditArgs {
    /// The report's YAML file; a name that does not exist yet starts from the starter report.
    pub input: PathBuf,
    /// The port to listen on, on 127.0.0.1 [default: a free one].
    #[arg(long, value_name = "N")]
    pub port: Option<u16>,
    /// Print the address but do not open the browser.
    #[arg(long)]
    pub no_open: bool,
    /// How the PDF is made (Download gives what `render` with these gives).
    #[command(flatten)]
    pub setup: SetupArgs,
}

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// A configuration file (TOML, e.g. with the API keys); environment variables override it,
    /// flags override both.
    #[arg(long, value_name = "FILE", env = "UPPFOLJNING_CONFIG")]
    pub config: Option<PathBuf>,
    /// The settings a flag, the environment or the file may give, declared once.
    #[command(flatten)]
    pub settings: Layer,
    /// Templates and fonts.
    #[command(flatten)]
    pub look: LookArgs,
}

/// Arguments of `verify`.
#[derive(Debug, Args)]
pub(crate) struct VerifyArgs {
    /// The archived PDF, or an archive package (its folder or .zip).
    #[arg(value_name = "PDF|PACKAGE")]
    pub target: PathBuf,
    /// The YAML the PDF is said to come from (a package holds its own).
    #[arg(value_name = "INPUT.yaml")]
    pub input: Option<PathBuf>,
    /// How the PDF was made (its embedded source is detected by itself).
    #[command(flatten)]
    pub setup: SetupArgs,
}

/// Arguments of `archive`.
#[derive(Debug, Args)]
pub(crate) struct ArchiveArgs {
    /// The reports' YAML files or folders (a folder means its `*.yaml`).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The folder to write the packages into (created if missing).
    #[arg(long, value_name = "DIR", required = true)]
    pub out_dir: PathBuf,
    /// Write each package as one .zip instead of a folder.
    #[arg(long)]
    pub zip: bool,
    /// The archival creator (arkivbildare) [default: the reports' `organisation`].
    #[arg(long, value_name = "NAME", value_parser = one_line)]
    pub archival_creator: Option<String>,
    /// The archival creator's identification code, e.g. its organisationsnummer.
    #[arg(long, value_name = "ID", value_parser = one_line)]
    pub archival_creator_id: Option<String>,
    /// Who submits the package [default: the archival creator].
    #[arg(long, value_name = "NAME", value_parser = one_line)]
    pub submitter: Option<String>,
    /// The submission agreement (leveransöverenskommelse) the package is delivered under.
    #[arg(long, value_name = "ID", value_parser = one_line)]
    pub submission_agreement: Option<String>,
    /// Where in the archive's hierarchy the package belongs.
    #[arg(long, value_name = "CODE", value_parser = one_line)]
    pub reference_code: Option<String>,
    /// The packages' creation date, YYYY-MM-DD [default: each case's newest report date].
    #[arg(long, value_name = "DATE", value_parser = iso_date)]
    pub created: Option<Date>,
    /// How many cases to package at once [default: the number of cores].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Templates and fonts, as for `render` (the PDFs are PDF/A-2a and PDF/UA-1).
    #[command(flatten)]
    pub look: LookArgs,
}

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub(crate) struct ExtractArgs {
    /// A PDF made with --embed-source.
    pub pdf: PathBuf,
    /// Where to write the YAML [default: standard output]; its figures' images are written
    /// beside it. Never over an existing file unless --force.
    #[arg(short, long, value_name = "OUT.yaml")]
    pub output: Option<PathBuf>,
    /// Replace the YAML and images if they exist (never through a link).
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `new`.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// Where to write the starter file [default: standard output]; never over an existing file.
    pub output: Option<PathBuf>,
}

/// The `templates` subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum TemplatesCommand {
    /// Write the built-in templates into DIR, to customise and use with --templates DIR.
    Export {
        /// The folder to write into (created if missing).
        dir: PathBuf,
    },
}

/// Arguments of `typst`.
#[derive(Debug, Args)]
pub(crate) struct TypstArgs {
    /// The report's YAML file, or `-` for standard input.
    pub input: PathBuf,
    /// How reports are made.
    #[command(flatten)]
    pub setup: SetupArgs,
}

/// The templates and fonts reports are made with.
#[derive(Debug, Args)]
pub(crate) struct LookArgs {
    /// Render with the templates in DIR (see `templates export`); files it lacks are built in.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Add the fonts in DIR (e.g. the city's licensed fonts); pick one with `font:` in the YAML.
    #[arg(long = "font-path", value_name = "DIR")]
    pub font_paths: Vec<PathBuf>,
}

impl LookArgs {
    /// Reads the templates and fonts; the PDFs get the default standards.
    pub(crate) fn resolve(&self) -> Result<Setup, Error> {
        let templates = match &self.templates {
            Some(dir) => Templates::from_folder(dir)?,
            None => Templates::built_in(),
        };
        Ok(Setup {
            standards: DEFAULT_STANDARDS.to_vec(),
            templates,
            fonts: FontSet::with_dirs(&self.font_paths)?,
            embed_source: false,
        })
    }
}

/// How reports are made: standards, templates, fonts, embedding. Shared by every command that
/// typesets.
#[derive(Debug, Args)]
pub(crate) struct SetupArgs {
    /// A PDF standard to enforce; repeat or separate with commas for several (`a-2a,ua-1`)
    /// [default: a-2a and ua-1; a-3a and ua-1 with --embed-source].
    #[arg(
        long = "pdf-standard",
        value_name = "STANDARD",
        value_parser = standard_parser(),
        value_delimiter = ','
    )]
    pub standards: Vec<PdfStandard>,
    /// Attach the source YAML to the PDF (PDF/A-3a), so `extract` can give it back.
    #[arg(long)]
    pub embed_source: bool,
    /// Templates and fonts.
    #[command(flatten)]
    pub look: LookArgs,
}

impl SetupArgs {
    /// Reads the templates and fonts and settles the standards, once for the whole command.
    pub(crate) fn resolve(&self) -> Result<Setup, Error> {
        Ok(Setup {
            standards: self.standards(self.embed_source),
            embed_source: self.embed_source,
            ..self.look.resolve()?
        })
    }

    /// The standards asked for, or the default for the embedding chosen.
    pub(crate) fn standards(&self, embed_source: bool) -> Vec<PdfStandard> {
        if self.standards.is_empty() {
            let default = if embed_source {
                EMBED_STANDARDS
            } else {
                DEFAULT_STANDARDS
            };
            return default.to_vec();
        }
        self.standards.clone()
    }
}

/// A standard by its name; the names and the standards are one table.
fn standard_parser() -> impl TypedValueParser<Value = PdfStandard> {
    PossibleValuesParser::new(STANDARDS.iter().map(|(name, _)| *name)).try_map(|name| {
        STANDARDS
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, standard)| *standard)
            .ok_or("not a PDF standard")
    })
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};

    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn standards_may_be_given_comma_separated_as_typst_takes_them() {
        let cli = Cli::try_parse_from([
            "uppfoljning",
            "check",
            "a.yaml",
            "--pdf-standard",
            "a-2b,ua-1",
        ])
        .expect("parses");
        let Command::Check(args) = cli.command else {
            panic!("check")
        };
        assert_eq!(args.setup.standards, [PdfStandard::A_2b, PdfStandard::Ua_1]);
    }
}
