//! The service as shipped (`deploy/kubernetes/`: its configuration, its memory limit) run in a
//! memory cgroup of that limit and sent the worst inputs each route accepts, at once: it
//! answers every request and is never killed.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{Service, multipart_files};
use crate::common::{MINIMAL, SAMPLE};
use crate::hostile_pdfs::packed_catalog;

/// A memory cgroup of this test's own (v1 or v2), removed when dropped.
struct MemoryCgroup {
    dir: PathBuf,
    v2: bool,
}

impl MemoryCgroup {
    /// A new cgroup under this process's own, limited to `bytes`; None where cgroups cannot be
    /// made (not root, no memory controller).
    fn new(bytes: u64) -> Option<Self> {
        let own = std::fs::read_to_string("/proc/self/cgroup").ok()?;
        let name = format!("uppfoljning-test-{}", std::process::id());
        let v1 = own.lines().find_map(|line| {
            let (_, rest) = line.split_once(':')?;
            let (controllers, path) = rest.split_once(':')?;
            controllers
                .split(',')
                .any(|c| c == "memory")
                .then(|| path.to_owned())
        });
        let (dir, v2) = match v1 {
            Some(path) => (
                Path::new("/sys/fs/cgroup/memory").join(path.trim_start_matches('/')),
                false,
            ),
            None => {
                let path = own.lines().find_map(|line| line.strip_prefix("0::"))?;
                let parent = Path::new("/sys/fs/cgroup").join(path.trim_start_matches('/'));
                // The memory controller must be handed down to the new cgroup.
                std::fs::write(parent.join("cgroup.subtree_control"), "+memory").ok()?;
                (parent, true)
            }
        };
        let dir = dir.join(name);
        std::fs::create_dir(&dir).ok()?;
        let group = Self { dir, v2 };
        let limit = match v2 {
            true => "memory.max",
            false => "memory.limit_in_bytes",
        };
        std::fs::write(group.dir.join(limit), bytes.to_string()).ok()?;
        Some(group)
    }

    /// Moves the process `pid` into the cgroup.
    fn add(&self, pid: u32) {
        std::fs::write(self.dir.join("cgroup.procs"), pid.to_string())
            .expect("moved into the cgroup");
    }

    /// How many processes the kernel killed for the cgroup's memory.
    fn oom_kills(&self) -> u64 {
        let file = match self.v2 {
            true => "memory.events",
            false => "memory.oom_control",
        };
        std::fs::read_to_string(self.dir.join(file))
            .unwrap_or_default()
            .lines()
            .find_map(|line| line.strip_prefix("oom_kill ")?.trim().parse().ok())
            .unwrap_or(0)
    }

    /// The most memory the cgroup held, in bytes.
    fn peak(&self) -> u64 {
        let file = match self.v2 {
            true => "memory.peak",
            false => "memory.max_usage_in_bytes",
        };
        std::fs::read_to_string(self.dir.join(file))
            .ok()
            .and_then(|text| text.trim().parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for MemoryCgroup {
    fn drop(&mut self) {
        // The service has been killed by now; its cgroup may take a moment to empty.
        for _ in 0..50 {
            if std::fs::remove_dir(&self.dir).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The shipped memory limit (the Deployment's `limits: memory:`), in bytes.
fn shipped_limit() -> u64 {
    let deployment = include_str!("../../../deploy/kubernetes/deployment.yaml");
    let limits = deployment
        .split("limits:")
        .nth(1)
        .expect("resources.limits");
    let mib: u64 = limits
        .split("memory:")
        .nth(1)
        .and_then(|rest| rest.split("Mi").next())
        .and_then(|mib| mib.trim().parse().ok())
        .expect("a limit in Mi");
    mib << 20
}

/// The shipped configuration (the ConfigMap's `serve.toml`), on this machine's own address and
/// without the Secret's keys file, written into `dir`.
fn shipped_config(dir: &Path) -> PathBuf {
    let map = include_str!("../../../deploy/kubernetes/configmap.yaml");
    let toml: String = map
        .split("serve.toml: |\n")
        .nth(1)
        .expect("serve.toml")
        .lines()
        .map(|line| line.strip_prefix("    ").unwrap_or(line))
        .filter(|line| !line.starts_with("listen") && !line.starts_with("api-keys-file"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert!(toml.contains("renders = 2"), "{toml}");
    let path = dir.join("serve.toml");
    std::fs::write(&path, toml).expect("the configuration");
    path
}

/// `chars` characters of Swedish-looking prose in paragraphs of at most 99,000.
fn prose(chars: usize) -> String {
    let words = [
        "upphandling",
        "leverantören",
        "avtalet",
        "uppföljning",
        "kvalitet",
        "och",
        "att",
        "det",
    ];
    let mut out = String::new();
    let mut left = chars;
    let mut i = 0;
    while left > 0 {
        let mut paragraph = String::new();
        while paragraph.len() < left.min(99_000) {
            paragraph.push_str(words[i % words.len()]);
            paragraph.push(' ');
            i += 7;
        }
        paragraph.truncate(paragraph.trim_end().len());
        left = left.saturating_sub(paragraph.chars().count());
        out.push_str(&format!("      - \"{paragraph}\"\n"));
    }
    out
}

/// A PNG of `width` × `height` pixels of one grey: a few hundred kilobytes that decode to
/// `width` × `height` × 3 bytes.
fn flat_png(width: u32, height: u32) -> Vec<u8> {
    crate::common::png_of(width, height, &vec![0x80u8; (width * height * 3) as usize])
}

/// The worst reports accepted, each just within what one render may take: the most prose,
/// a long table beside prose, the largest image beside prose.
fn worst_reports() -> [String; 3] {
    let text = format!("{MINIMAL}{}", prose(780_000));
    let rows: String = (0..1_050)
        .map(|i| {
            format!(
                "            - [\"{}\", \"cell {i} b\", \"cell {i} c\", \"{}\"]\n",
                "x".repeat(40),
                "y".repeat(40)
            )
        })
        .collect();
    let table = format!(
        "{MINIMAL}      - table:\n          columns: [A, B, C, D]\n          rows:\n{rows}{}",
        prose(240_000)
    );
    let image = format!(
        "{MINIMAL}      - figure: {{image: bilder/stor.png, alt: En stor bild}}\n{}",
        prose(250_000)
    );
    [text, table, image]
}

#[test]
fn the_shipped_service_holds_the_worst_inputs_of_every_route_in_the_shipped_memory() {
    let required = std::env::var("UPPFOLJNING_CGROUP_TESTS").as_deref() == Ok("require");
    let Some(cgroup) = MemoryCgroup::new(shipped_limit()) else {
        assert!(
            !required,
            "a memory cgroup is needed (run as root with cgroups)"
        );
        eprintln!("skipped: no memory cgroup can be made here");
        return;
    };
    let dir = tempfile::tempdir().expect("a folder");
    let config = shipped_config(dir.path());
    let service = Service::start_with(&[
        "--config",
        config.to_str().expect("a path"),
        "--time-limit",
        "120",
    ]);
    cgroup.add(service.child.id());

    let png = flat_png(6000, 6600);
    let [text, table, image] = worst_reports();
    // Each accepted by check, one at a time first (their estimates are at the limit).
    for yaml in [&text, &table] {
        let answer = service.post("/v1/check", "application/yaml", yaml.as_bytes());
        assert_eq!(
            answer.status,
            200,
            "{}",
            String::from_utf8_lossy(&answer.body)
        );
    }
    let (kind, body) = multipart_files(&[
        ("report", Some("r.yaml"), image.as_bytes()),
        ("bilder/stor.png", None, &png),
    ]);
    let answer = service.post("/v1/render", &kind, &body);
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body[..answer.body.len().min(300)])
    );

    // Then everything at once: two worst renders (the render slots), a case of worst reports
    // to archive waiting in the queue, a PDF that would unpack to gigabytes, and two bodies of
    // 60 MiB (the body room).
    let port = service.port;
    let mut sent = Vec::new();
    let post = move |path: &'static str, kind: String, body: Vec<u8>| {
        std::thread::spawn(move || {
            let answer = crate::common::http(
                port,
                "POST",
                path,
                &[("Host", "127.0.0.1"), ("Content-Type", &kind)],
                &body,
            );
            (path, answer.status)
        })
    };
    sent.push(post(
        "/v1/render",
        "application/yaml".into(),
        text.clone().into_bytes(),
    ));
    let (kind, body) = multipart_files(&[
        ("report", Some("r.yaml"), image.as_bytes()),
        ("bilder/stor.png", None, &png),
    ]);
    sent.push(post("/v1/check", kind, body));
    let case: Vec<String> = ["2016-03-01", "2016-03-02"]
        .iter()
        .map(|date| table.replace("date: 2016-03-01", &format!("date: {date}")))
        .collect();
    let (kind, body) = multipart_files(&[
        ("report", Some("a.yaml"), case[0].as_bytes()),
        ("report", Some("b.yaml"), case[1].as_bytes()),
    ]);
    sent.push(post("/v1/archive", kind, body));
    let bomb = packed_catalog("1 0 ", 8 << 20, &b"0 ".repeat(8 << 20));
    let (kind, body) = multipart_files(&[
        ("pdf", Some("r.pdf"), &bomb),
        ("report", Some("r.yaml"), SAMPLE.as_bytes()),
    ]);
    sent.push(post("/v1/verify", kind, body));
    let pad = vec![b'x'; 15 << 20];
    for _ in 0..2 {
        let (kind, body) = multipart_files(&[
            ("report", Some("r.yaml"), MINIMAL.as_bytes()),
            ("bilder/1.bin", None, &pad),
            ("bilder/2.bin", None, &pad),
            ("bilder/3.bin", None, &pad),
            ("bilder/4.bin", None, &pad),
        ]);
        sent.push(post("/v1/check", kind, body));
    }
    for request in sent {
        let (path, status) = request.join().expect("an answer");
        // Answered, whatever the answer: a connection the service dropped reads as status 0.
        assert!(matches!(status, 200 | 422 | 429 | 503), "{path}: {status}");
    }
    assert_eq!(cgroup.oom_kills(), 0, "the service was killed for memory");
    assert_eq!(service.request("GET", "/livez", &[], b"").status, 200);
    let peak = cgroup.peak();
    eprintln!(
        "peak in the cgroup: {} MiB of {} MiB",
        peak >> 20,
        shipped_limit() >> 20
    );
    assert!(peak < shipped_limit(), "peak {peak}");
}
