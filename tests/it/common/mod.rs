//! A small builder that runs the real `uppfoljning` binary in a scratch folder, and helpers
//! that read the PDFs it writes.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;

use lopdf::Document;

pub(crate) mod postgres;

/// The sample report's YAML.
pub(crate) const SAMPLE: &str = include_str!("../../../samples/coachning-2015.yaml");

/// The long sample's YAML.
pub(crate) const LONG_SAMPLE: &str = include_str!("../../../samples/verksamhetsuppfoljning.yaml");
/// The long sample's figure's image.
pub(crate) const LONG_SAMPLE_CHART: &[u8] =
    include_bytes!("../../../samples/bilder/belaggning.svg");

/// A small valid report to vary.
pub(crate) const MINIMAL: &str = "\
dnr: 1.5.3-219-2012
contract: Städtjänster
supplier: Rent AB
organisation: Stadsledningskontoret
date: 2016-03-01
follow_up:
  performed: 2015-12
sections:
  - body:
      - En mening.
";

/// One run of the binary in its own temporary folder, with what it must do declared up front
/// (in the manner of `just`'s tests): the exit status (0 unless told otherwise) and text that
/// standard error and standard output must hold, all checked in one place by [`Test::run`].
pub(crate) struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<Vec<u8>>,
    cwd: Option<PathBuf>,
    status: Option<i32>,
    stderr: Vec<String>,
    stdout: Vec<String>,
}

/// What a run left behind.
pub(crate) struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: Vec<u8>,
    /// Standard error, as text.
    pub stderr: String,
    /// The scratch folder, still there.
    pub dir: tempfile::TempDir,
}

impl Test {
    pub(crate) fn new() -> Self {
        Self::reuse(tempfile::tempdir().expect("a scratch folder"))
    }

    /// A new run in the folder an earlier one left behind.
    pub(crate) fn reuse(dir: tempfile::TempDir) -> Self {
        Self {
            dir,
            args: Vec::new(),
            env: Vec::new(),
            stdin: None,
            cwd: None,
            status: Some(0),
            stderr: Vec::new(),
            stdout: Vec::new(),
        }
    }

    /// The run must exit with `code`.
    pub(crate) fn status(mut self, code: i32) -> Self {
        self.status = Some(code);
        self
    }

    /// Any exit status will do: the caller records it (a snapshot).
    pub(crate) fn any_status(mut self) -> Self {
        self.status = None;
        self
    }

    /// Standard error must hold `text`.
    pub(crate) fn stderr_has(mut self, text: &str) -> Self {
        self.stderr.push(text.to_owned());
        self
    }

    /// Standard output must hold `text`.
    pub(crate) fn stdout_has(mut self, text: &str) -> Self {
        self.stdout.push(text.to_owned());
        self
    }

    /// Writes `name` in the scratch folder.
    pub(crate) fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder");
        }
        std::fs::write(path, contents).expect("a file");
        self
    }

    pub(crate) fn args(mut self, args: &[&str]) -> Self {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    pub(crate) fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    pub(crate) fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(bytes.into());
        self
    }

    /// Runs in `sub` below the scratch folder instead of the folder itself.
    pub(crate) fn cwd(mut self, sub: &str) -> Self {
        let path = self.dir.path().join(sub);
        std::fs::create_dir_all(&path).expect("a folder");
        self.cwd = Some(path);
        self
    }

    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs the binary and checks everything declared; a failure points at the test.
    #[track_caller]
    pub(crate) fn run(self) -> Run {
        let mut command = Command::new(env!("CARGO_BIN_EXE_uppfoljning"));
        command
            .args(&self.args)
            .current_dir(self.cwd.as_deref().unwrap_or(self.dir.path()))
            // The messages' language is the environment's: English unless a test says.
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("the binary starts");
        if let Some(bytes) = &self.stdin {
            use std::io::Write;
            child
                .stdin
                .take()
                .expect("stdin")
                .write_all(bytes)
                .expect("stdin written");
        }
        let Output {
            status,
            stdout,
            stderr,
        } = child.wait_with_output().expect("the binary ends");
        let run = Run {
            code: status.code().expect("an exit code, not a signal"),
            stdout,
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
            dir: self.dir,
        };
        let stdout = String::from_utf8_lossy(&run.stdout);
        let mut wrong = Vec::new();
        if let Some(expected) = self.status.filter(|code| *code != run.code) {
            wrong.push(format!("exit status {}, expected {expected}", run.code));
        }
        for text in self
            .stderr
            .iter()
            .filter(|t| !run.stderr.contains(t.as_str()))
        {
            wrong.push(format!("standard error lacks {text:?}"));
        }
        for text in self.stdout.iter().filter(|t| !stdout.contains(t.as_str())) {
            wrong.push(format!("standard output lacks {text:?}"));
        }
        assert!(
            wrong.is_empty(),
            "uppfoljning {}: {}\n--- standard error:\n{}\n--- standard output:\n{}",
            self.args.join(" "),
            wrong.join("; "),
            run.stderr,
            stdout.chars().take(2000).collect::<String>()
        );
        run
    }
}

impl Run {
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub(crate) fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap_or_else(|e| panic!("{name}: {e}\n{}", self.stderr))
    }

    /// Asserts that standard error contains `expected`, showing it when not.
    #[track_caller]
    pub(crate) fn assert_stderr(&self, expected: &str) {
        assert!(
            self.stderr.contains(expected),
            "stderr lacks {expected:?}:\n{}",
            self.stderr
        );
    }

    /// Asserts that standard error has the diagnostic `error: headline` pointing at `place`
    /// (`file:line:column`).
    #[track_caller]
    pub(crate) fn assert_diagnostic(&self, place: &str, headline: &str) {
        let lines: Vec<&str> = self.stderr.lines().collect();
        let found = lines.windows(2).any(|pair| {
            pair[0] == format!("error: {headline}") && pair[1].trim_start() == format!("┌─ {place}")
        });
        assert!(
            found,
            "stderr lacks error: {headline:?} at {place}:\n{}",
            self.stderr
        );
    }

    /// The files in the scratch folder, sorted.
    pub(crate) fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .expect("the scratch folder")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }
}

/// The text of each page, in order.
pub(crate) fn page_texts(pdf: &[u8]) -> Vec<String> {
    let doc = Document::load_mem(pdf).expect("a PDF lopdf can read");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    pages
        .iter()
        .map(|p| doc.extract_text(&[*p]).expect("page text"))
        .collect()
}

/// All text of the PDF with runs of white space (line ends, no-break spaces) folded to one
/// space, so sentences can be found whatever the line breaks.
pub(crate) fn flat_text(pdf: &[u8]) -> String {
    normalise(&page_texts(pdf).join(" "))
}

/// Folds every run of white space to one space and drops the space after a hyphen, so that a
/// word broken at its hyphen at a line end (`IGO-` / `R`) reads as written. Apply it to both
/// sides of a comparison: `mål- och` becomes `mål-och` on each.
pub(crate) fn normalise(text: &str) -> String {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ").replace("- ", "-")
}

/// Renders `yaml` to a PDF through the binary and returns the bytes.
pub(crate) fn render(yaml: &str) -> Vec<u8> {
    let run = Test::new()
        .file("in.yaml", yaml)
        .args(&["render", "in.yaml"])
        .status(0)
        .run();
    run.read("in.pdf")
}

/// The sample as the binary renders it, rendered once for the whole test binary.
pub(crate) fn sample_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| render(SAMPLE))
}

/// The long sample (with its figure's image beside it) as the binary renders it, rendered once
/// for the whole test binary.
pub(crate) fn long_sample_pdf() -> &'static [u8] {
    static PDF: OnceLock<Vec<u8>> = OnceLock::new();
    PDF.get_or_init(|| {
        Test::new()
            .file("v.yaml", LONG_SAMPLE)
            .file("bilder/belaggning.svg", LONG_SAMPLE_CHART)
            .args(&["render", "v.yaml"])
            .run()
            .read("v.pdf")
    })
}

/// Every element of the PDF's structure tree in reading order: its type (`H1`, `Table`, `TH`,
/// `TOCI`, `Figure`, …) and its text alternative (`/Alt`), if any.
pub(crate) fn structure(pdf: &[u8]) -> Vec<(String, Option<String>)> {
    use lopdf::Object;
    fn resolve<'a>(doc: &'a Document, object: &'a Object) -> &'a Object {
        match object {
            Object::Reference(id) => doc.get_object(*id).unwrap_or(object),
            other => other,
        }
    }
    fn text(doc: &Document, object: &Object) -> Option<String> {
        let bytes = resolve(doc, object).as_str().ok()?;
        Some(match bytes {
            [0xFE, 0xFF, rest @ ..] => {
                let units: Vec<u16> = rest
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                    .collect();
                String::from_utf16_lossy(&units)
            }
            other => String::from_utf8_lossy(other).into_owned(),
        })
    }
    fn walk(
        doc: &Document,
        object: &Object,
        out: &mut Vec<(String, Option<String>)>,
        depth: usize,
    ) {
        if depth > 200 {
            return;
        }
        match resolve(doc, object) {
            Object::Array(items) => {
                for item in items {
                    walk(doc, item, out, depth + 1);
                }
            }
            Object::Dictionary(dict) => {
                if let Ok(kind) = dict.get(b"S").and_then(|s| resolve(doc, s).as_name()) {
                    let alt = dict.get(b"Alt").ok().and_then(|a| text(doc, a));
                    out.push((String::from_utf8_lossy(kind).into_owned(), alt));
                }
                if let Ok(kids) = dict.get(b"K") {
                    walk(doc, kids, out, depth + 1);
                }
            }
            _ => {}
        }
    }
    let doc = Document::load_mem(pdf).expect("a PDF lopdf can read");
    let root = doc
        .catalog()
        .expect("a catalog")
        .get(b"StructTreeRoot")
        .expect("a structure tree")
        .clone();
    let mut out = Vec::new();
    walk(&doc, &root, &mut out, 0);
    out
}

/// A Python with the test tools: eark-validator and lxml for the archive tests, selenium for the
/// browser tests, schemathesis for the API. `UPPFOLJNING_PYTHON` (as `.ci/run` sets it), or a virtual environment made
/// once under `target/` from `tests/*/requirements.txt`. `None`, with a message, where they
/// cannot be installed (offline), unless `UPPFOLJNING_PYTHON_TESTS=require` (as in CI).
pub(crate) fn python() -> Option<&'static Path> {
    static PYTHON: OnceLock<Option<PathBuf>> = OnceLock::new();
    let python = PYTHON.get_or_init(|| {
        if let Some(python) = std::env::var_os("UPPFOLJNING_PYTHON") {
            return Some(PathBuf::from(python));
        }
        let found = test_venv();
        let required = std::env::var("UPPFOLJNING_PYTHON_TESTS").is_ok_and(|v| v == "require");
        assert!(
            found.is_some() || !required,
            "the archive and browser tests need Python 3 with venv and pip, to install \
             eark-validator and selenium (tests/*/requirements.txt), or UPPFOLJNING_PYTHON \
             naming a Python that has them"
        );
        found
    });
    if python.is_none() {
        eprintln!(
            "skipped: the Python test tools (tests/*/requirements.txt) cannot be installed here"
        );
    }
    python.as_deref()
}

/// The virtual environment under `target/` with the test tools, made once; `None` if they
/// cannot be installed.
fn test_venv() -> Option<PathBuf> {
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("test-venv");
    let python = venv.join("bin/python");
    // Written only once every tool is installed, so a failed install is tried again.
    let done = venv.join("installed");
    if done.exists() {
        return Some(python);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let made = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success());
    let installed = made
        && Command::new(&python)
            .args(["-m", "pip", "install", "--quiet", "-r"])
            .arg(root.join("tests/archive/requirements.txt"))
            .arg("-r")
            .arg(root.join("tests/browser/requirements.txt"))
            .arg("-r")
            .arg(root.join("tests/api/requirements.txt"))
            .status()
            .is_ok_and(|s| s.success());
    (installed && std::fs::write(&done, "").is_ok()).then_some(python)
}

/// A running `uppfoljning edit` on a scratch folder; stopped when dropped.
pub(crate) struct Editor {
    /// The server process.
    pub child: Child,
    /// The address it printed, with its one-time launch token.
    pub address: String,
    /// Its port.
    pub port: u16,
    /// Its launch token.
    pub token: String,
    /// The folder it edits in.
    pub dir: tempfile::TempDir,
}

impl Editor {
    /// Starts `edit FILE --no-open ARGS…` in `dir` and reads the address it prints.
    pub(crate) fn start(dir: tempfile::TempDir, file: &str, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_uppfoljning"))
            .args(["edit", file, "--no-open"])
            .args(args)
            .current_dir(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the editor starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("the address");
        let address = line.trim().to_owned();
        let (port, token) = address
            .strip_prefix("http://127.0.0.1:")
            .and_then(|rest| rest.split_once("/#launch="))
            .unwrap_or_else(|| panic!("an address on 127.0.0.1 with a launch token: {address}"));
        Self {
            port: port.parse().expect("a port"),
            token: token.to_owned(),
            address: address.clone(),
            child,
            dir,
        }
    }

    /// Trades the launch token for the session's secret, as the page does (once).
    pub(crate) fn session(&self) -> String {
        let own = format!("127.0.0.1:{}", self.port);
        let origin = format!("http://{own}");
        let answer = http(
            self.port,
            "POST",
            "/api/session",
            &[
                ("Host", &own),
                ("Origin", &origin),
                ("X-Uppfoljning-Launch", &self.token),
            ],
            b"",
        );
        assert_eq!(
            answer.status,
            200,
            "{}",
            String::from_utf8_lossy(&answer.body)
        );
        answer.json()["session"]
            .as_str()
            .expect("a session")
            .to_owned()
    }

    /// A file in the folder.
    pub(crate) fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An RGB image of `width` × `height` with some detail, encoded as `format` by the real
/// encoder.
pub(crate) fn encoded_image(width: u32, height: u32, format: image::ImageFormat) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 7) as u8, (y * 5) as u8, ((x + y) * 3) as u8])
    });
    let mut bytes = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .expect("encoded");
    bytes
}

/// A PNG of `pixels`, `width` × `height` RGB, encoded by the real encoder.
pub(crate) fn png_of(width: u32, height: u32, pixels: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut out),
        pixels,
        width,
        height,
        image::ExtendedColorType::Rgb8,
    )
    .expect("a PNG");
    out
}

/// One HTTP answer, read off a plain socket.
pub(crate) struct Answer {
    /// The status code.
    pub(crate) status: u16,
    /// The status line and headers, as sent.
    pub(crate) head: String,
    /// The body.
    pub(crate) body: Vec<u8>,
}

impl Answer {
    /// The body as JSON.
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
}

/// Sends one HTTP/1.1 request with exactly `headers` (and a Content-Length unless given) to
/// 127.0.0.1:`port` over a plain socket, and reads the answer until the server closes.
pub(crate) fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Answer {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("a connection");
    let mut request = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if !headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-length"))
    {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).expect("sent");
    // A server may answer (413) and close before it takes the whole body: the rest of the
    // body then cannot be sent, and the answer is what was read before the connection ended.
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    let mut chunk = [0; 65536];
    while let Ok(n) = stream.read(&mut chunk) {
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&chunk[..n]);
    }
    let split = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    Answer {
        status: head[9..12].parse().expect("a status"),
        head,
        body: answer[split + 4..].to_vec(),
    }
}

/// Runs `command` to its end: its exit code, its standard error, and its peak resident memory
/// in KiB. The command is started by a small Python process, which reports the largest
/// resident size among its children: a child forked from this test process would count this
/// process's memory (every test's, in parallel) until it execs.
pub(crate) fn measured(command: Command) -> (Option<i32>, String, i64) {
    const SCRIPT: &str = "import resource, subprocess, sys\n\
        r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)\n\
        sys.stdout.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))\n\
        sys.exit(r.returncode if r.returncode >= 0 else 128 - r.returncode)\n";
    let mut outer = Command::new("python3");
    outer
        .arg("-c")
        .arg(SCRIPT)
        .arg(command.get_program())
        .args(command.get_args());
    if let Some(dir) = command.get_current_dir() {
        outer.current_dir(dir);
    }
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => outer.env(key, value),
            None => outer.env_remove(key),
        };
    }
    let output = outer.output().expect("python3 runs the command");
    let peak = String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse()
        .unwrap_or(i64::MAX);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    (output.status.code(), stderr, peak)
}

/// Whether `done` comes true within `limit`, asked every 20 ms: a test waits for the event it
/// needs, not for a time it hopes is long enough.
#[track_caller]
pub(crate) fn eventually(limit: std::time::Duration, mut done: impl FnMut() -> bool) -> bool {
    let until = std::time::Instant::now() + limit;
    while std::time::Instant::now() < until {
        if done() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    done()
}

/// Runs the browser driver `tests/browser/SCRIPT` against the service at `address` (with
/// `extra` arguments; axe-core's script, and `--screenshots` where `UPPFOLJNING_SCREENSHOTS`
/// names a folder), writing its result in `scratch`; it must succeed: what it measured.
pub(crate) fn drive_browser(
    script: &str,
    address: &str,
    scratch: &Path,
    extra: &[&std::ffi::OsStr],
) -> serde_json::Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = scratch.join("result.json");
    let mut command = Command::new(python().expect("checked by the test"));
    command
        .arg(root.join("tests/browser").join(script))
        .args(["--address", address])
        .arg("--out")
        .arg(&out)
        .arg("--axe")
        .arg(root.join("tests/browser/vendor/axe.min.js"))
        .args(extra)
        .current_dir(root.join("tests/browser"));
    if let Some(shots) = std::env::var_os("UPPFOLJNING_SCREENSHOTS") {
        command.arg("--screenshots").arg(shots);
    }
    let output = command.output().expect("the driver runs");
    let result = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        output.status.success(),
        "{script}:\n{}\n{}\nmeasured: {result}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_str(&result).expect("the driver's JSON")
}
