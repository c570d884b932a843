//! Exact standard error of every kind of error the tool reports, run through the real binary
//! and kept as snapshots, so a change of wording is seen and reviewed.

use crate::common::{MINIMAL, SAMPLE, Test};

const STYLE: &str = include_str!("../../templates/style.typ");

/// One way to fail: files to write, the command line, and a command to run first.
struct Case {
    name: &'static str,
    files: Vec<(&'static str, Vec<u8>)>,
    before: Option<&'static [&'static str]>,
    args: &'static [&'static str],
    edit: Option<(&'static str, &'static str)>,
    then: Option<fn(&std::path::Path)>,
}

fn case(name: &'static str, args: &'static [&'static str]) -> Case {
    Case {
        name,
        files: Vec::new(),
        before: None,
        args,
        edit: None,
        then: None,
    }
}

impl Case {
    fn file(mut self, name: &'static str, contents: impl Into<Vec<u8>>) -> Self {
        self.files.push((name, contents.into()));
        self
    }

    /// Runs `args` first (to make a PDF or a package), then overwrites `edit.0` with `edit.1`.
    fn after(
        mut self,
        args: &'static [&'static str],
        edit: Option<(&'static str, &'static str)>,
    ) -> Self {
        self.before = Some(args);
        self.edit = edit;
        self
    }

    /// Changes the folder after the first command.
    fn then(mut self, change: fn(&std::path::Path)) -> Self {
        self.then = Some(change);
        self
    }

    /// `## name`, the command line, standard error and the exit code, in English.
    fn transcript(&self) -> String {
        self.transcript_in(None)
    }

    /// The transcript with its messages in `lang` (`--lang`), if given.
    fn transcript_in(&self, lang: Option<&str>) -> String {
        let mut test = Test::new();
        for (name, contents) in &self.files {
            test = test.file(name, contents);
        }
        if let Some(before) = self.before {
            let first = test.args(before).run();
            assert_eq!(first.code, 0, "{}: {}", self.name, first.stderr);
            test = Test::reuse(first.dir);
            if let Some((name, contents)) = self.edit {
                test = test.file(name, contents);
            }
            if let Some(change) = self.then {
                change(&test.path(""));
            }
        }
        // A package is named by its content's hash: found, and shown as `{package}`.
        let package = std::fs::read_dir(test.path("out"))
            .ok()
            .and_then(|mut entries| entries.next())
            .and_then(|entry| entry.ok())
            .map(|entry| entry.file_name().to_string_lossy().into_owned());
        let args: Vec<String> = self
            .args
            .iter()
            .map(|arg| match &package {
                Some(id) => arg.replace("{package}", id),
                None => arg.to_string(),
            })
            .collect();
        let mut args: Vec<&str> = args.iter().map(String::as_str).collect();
        if let Some(lang) = lang {
            args.splice(0..0, ["--lang", lang]);
        }
        let run = test.args(&args).any_status().run();
        let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
        let stderr = match &package {
            Some(id) => run.stderr.replace(id.as_str(), "{package}"),
            None => run.stderr,
        };
        let stderr: Vec<String> = stderr.lines().map(without_duration).collect();
        let stderr = stderr.join("\n") + "\n";
        format!(
            "## {}\n$ uppfoljning {}\n{stdout}{stderr}[exit {}]\n",
            self.name,
            self.args.join(" "),
            run.code
        )
    }
}

/// A summary line with its time taken out: `… failed in 0.0 s` → `… failed in [time]` (and
/// the Swedish `… misslyckades på 0.0 s`).
fn without_duration(line: &str) -> String {
    for word in [" in ", " på "] {
        if let Some((head, tail)) = line.rsplit_once(word)
            && tail.ends_with(" s")
            && tail[..tail.len() - 2].parse::<f64>().is_ok()
        {
            return format!("{head}{word}[time]");
        }
    }
    line.to_owned()
}

fn with(yaml: &str, from: &str, to: &str) -> Vec<u8> {
    assert!(yaml.contains(from), "{from}");
    yaml.replacen(from, to, 1).into_bytes()
}

fn cases() -> Vec<Case> {
    let aliases = format!(
        "{}sections:\n  - body:\n{}",
        MINIMAL
            .replace("sections:\n  - body:\n      - En mening.\n", "")
            .replace("contract: Städtjänster", "contract: &c Städtjänster"),
        "      - *c\n".repeat(1_001)
    );
    vec![
        case("usage", &["render", "--no-such-flag", "in.yaml"]),
        case("read", &["render", "missing.yaml"]),
        case("too large", &["check", "big.yaml"]).file("big.yaml", vec![b'#'; 4 * 1024 * 1024 + 1]),
        case("not utf-8", &["check", "latin1.yaml"]).file("latin1.yaml", b"dnr: \xe5\n".to_vec()),
        case("yaml syntax", &["check", "in.yaml"]).file("in.yaml", with(MINIMAL, "contract: Städtjänster", "contract: [Städtjänster")),
        case("unknown key", &["check", "in.yaml"]).file("in.yaml", with(MINIMAL, "supplier:", "suplier:")),
        case("missing key", &["check", "in.yaml"]).file("in.yaml", with(MINIMAL, "supplier: Rent AB\n", "")),
        case("over a limit", &["check", "in.yaml"]).file("in.yaml", aliases),
        case("invalid values", &["check", "in.yaml"]).file(
            "in.yaml",
            MINIMAL
                .replace("contract: Städtjänster", "contract: \"  \"")
                .replace("date: 2016-03-01", "date: 2016-02-30")
                .replace("performed: 2015-12", "performed: 2015-13"),
        ),
        case("invalid values as json", &["check", "--message-format", "json", "in.yaml"]).file(
            "in.yaml",
            with(MINIMAL, "date: 2016-03-01", "date: 2016-02-30"),
        ),
        case("style module", &["check", "--templates", "t", "in.yaml"])
            .file("in.yaml", MINIMAL)
            .file("t/style.typ", format!("{STYLE}\n#let broken = undefined-thing\n")),
        case("main template, typst", &["check", "--templates", "t", "in.yaml"])
            .file("in.yaml", MINIMAL)
            .file("t/report.typ.j2", "#import \"style.typ\": *\n#show: report.with(dnr: {{ dnr }}, sorce: 1)\n"),
        case("main template, minijinja", &["check", "--templates", "t", "in.yaml"])
            .file("in.yaml", MINIMAL)
            .file("t/report.typ.j2", "#import \"style.typ\": *\n{{ supplier.name }}\n"),
        case("main template, syntax", &["check", "--templates", "t", "in.yaml"])
            .file("in.yaml", MINIMAL)
            .file("t/report.typ.j2", "{% if dnr %}\n{{ dnr }\n"),
        case("templates folder", &["check", "--templates", "nowhere", "in.yaml"]).file("in.yaml", MINIMAL),
        case("font path", &["check", "--font-path", "nowhere", "in.yaml"]).file("in.yaml", MINIMAL),
        case("font family", &["check", "in.yaml"]).file("in.yaml", format!("{MINIMAL}font: Comic Sans\n")),
        case("write", &["render", "in.yaml", "-o", "no/such/folder/out.pdf"]).file("in.yaml", MINIMAL),
        case("output is input", &["render", "in.yaml", "-o", "in.yaml"]).file("in.yaml", MINIMAL),
        case("one output, many inputs", &["render", "a.yaml", "b.yaml", "-o", "x.pdf"])
            .file("a.yaml", MINIMAL)
            .file("b.yaml", MINIMAL),
        case("no inputs", &["render", "empty"]).file("empty/notes.txt", "x"),
        case("same output", &["render", "--name-from-dnr", "--out-dir", "out", "-j", "1", "a.yaml", "b.yaml"])
            .file("a.yaml", MINIMAL)
            .file("b.yaml", MINIMAL),
        case("standards", &["render", "--pdf-standard", "a-2a,a-3a", "in.yaml"]).file("in.yaml", MINIMAL),
        case("a batch with failures", &["render", "--out-dir", "out", "-j", "1", "a.yaml", "b.yaml"])
            .file("a.yaml", MINIMAL)
            .file("b.yaml", with(MINIMAL, "date: 2016-03-01", "date: 2016-02-30")),
        case("verify, not a package", &["verify", "in.yaml"]).file("in.yaml", MINIMAL),
        case("verify, mismatch", &["verify", "in.pdf", "in.yaml"])
            .file("in.yaml", MINIMAL)
            .after(&["render", "in.yaml"], Some(("in.yaml", "dnr: 1.5.3-219-2012\ncontract: Städtjänster\nsupplier: Rent AB AB\norganisation: Stadsledningskontoret\ndate: 2016-03-01\nfollow_up:\n  performed: 2015-12\nsections:\n  - body:\n      - En mening.\n"))),
        case("extract, not a pdf", &["extract", "in.yaml"]).file("in.yaml", MINIMAL),
        case("extract, no source", &["extract", "in.pdf", "-o", "out.yaml"])
            .file("in.yaml", MINIMAL)
            .after(&["render", "in.yaml"], None),
        case("new, exists", &["new", "in.yaml"]).file("in.yaml", MINIMAL),
        case("archive, same date", &["archive", "--out-dir", "out", "a.yaml", "b.yaml"])
            .file("a.yaml", MINIMAL)
            .file("b.yaml", with(MINIMAL, "Rent AB", "Rent AB (kopia)")),
        case("archive, a case fails", &["archive", "--out-dir", "out", "a.yaml"])
            .file("a.yaml", with(MINIMAL, "date: 2016-03-01", "date: 2016-02-30")),
        case("verify, not a package folder", &["verify", "out"]).file("out/notes.txt", "x"),
        case("verify, package changed", &["verify", "out/{package}"])
            .file("in.yaml", SAMPLE)
            .after(&["archive", "--out-dir", "out", "in.yaml"], None)
            .then(|dir| {
                let package = std::fs::read_dir(dir.join("out"))
                    .expect("out")
                    .next()
                    .expect("a package")
                    .expect("an entry")
                    .path();
                let yaml = package.join("representations/rep2/data/125-1210-2014_2016-03-01.yaml");
                assert!(yaml.is_file(), "{}", yaml.display());
                std::fs::write(&yaml, format!("{SAMPLE}# edited\n")).expect("edited");
            }),
    ]
}

#[test]
fn every_error_reads_as_reviewed() {
    let transcripts: Vec<String> = cases().iter().map(Case::transcript).collect();
    insta::assert_snapshot!(transcripts.join("\n"));
}

/// The same errors as the Swedish-speaking registrar reads them (`--lang sv`).
#[test]
fn every_error_reads_as_reviewed_in_swedish() {
    let transcripts: Vec<String> = cases()
        .iter()
        .map(|case| case.transcript_in(Some("sv")))
        .collect();
    insta::assert_snapshot!(transcripts.join("\n"));
}
