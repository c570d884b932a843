//! The service under attack, with its memory and time bounded as a whole: PDFs that unpack to
//! gigabytes, one image named three hundred ways, bodies held at once past the room for them,
//! bodies sent a byte at a time, a case of reports past the time limit.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::{Service, multipart_files};
use crate::common::{MINIMAL, SAMPLE};
use crate::hostile_pdfs::{many_attachments, packed_catalog, zeros_array};

impl Service {
    /// The service's peak resident memory so far, in KiB (VmHWM).
    fn peak_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the service's status");
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM")
    }

    /// The value of the metric line that starts with `start`, or 0.
    fn metric(&self, start: &str) -> f64 {
        let answer = self.request("GET", "/metrics", &[], b"");
        String::from_utf8_lossy(&answer.body)
            .lines()
            .find_map(|line| line.strip_prefix(start))
            .and_then(|value| value.trim().parse().ok())
            .unwrap_or(0.0)
    }
}

#[test]
fn a_pdf_that_unpacks_to_gigabytes_is_a_problem_at_once_not_an_out_of_memory() {
    let service = Service::start();
    let hostile = [
        (
            "object stream of 8 million tokens (16 KB)",
            packed_catalog("1 0 ", 8 << 20, &b"0 ".repeat(8 << 20)),
        ),
        (
            "12.5 million zeros unpacked (25 MB)",
            zeros_array(12_500_000),
        ),
    ];
    for (what, pdf) in &hostile {
        let (kind, body) = multipart_files(&[
            ("pdf", Some("report.pdf"), pdf),
            ("report", Some("report.yaml"), SAMPLE.as_bytes()),
        ]);
        let started = Instant::now();
        let answer = service.post("/v1/verify", &kind, &body);
        assert_eq!(
            answer.status,
            422,
            "{what}: {}",
            String::from_utf8_lossy(&answer.body)
        );
        let detail = answer.json()["detail"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(
            detail.contains("is not a PDF that can be read"),
            "{what}: {detail}"
        );
        assert!(started.elapsed() < Duration::from_secs(10), "{what}");
    }
    // 40 attachments of 16 MiB each beside the source: only the source's name is looked for.
    let pdf = many_attachments(40);
    let (kind, body) = multipart_files(&[
        ("pdf", Some("report.pdf"), &pdf),
        ("report", Some("report.yaml"), SAMPLE.as_bytes()),
    ]);
    let answer = service.post("/v1/verify", &kind, &body);
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.json()["matches"], false);
    assert_eq!(answer.json()["embedded_source"], true);
    // The sample's render peaks near 100 MiB; before the bounded reader, the first PDF alone
    // took 991 MiB.
    let peak = service.peak_kib();
    assert!(peak < 250 * 1024, "peak {peak} KiB");
}

/// A PNG of `width` × `height` pixels of noise: it does not pack, so its bytes are about its
/// pixels.
fn noise_png(width: u32, height: u32) -> Vec<u8> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let pixels: Vec<u8> = (0..width * height * 3)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    crate::common::png_of(width, height, &pixels)
}

#[test]
fn one_image_named_three_hundred_ways_is_read_and_held_once() {
    let service = Service::start();
    let png = noise_png(1600, 1200);
    assert!(png.len() > 5 << 20, "{} bytes", png.len());
    let names = [
        "bilder/x.png",
        "./bilder/x.png",
        "././bilder/x.png",
        "bilder//x.png",
        "bilder/./x.png",
    ];
    let mut yaml = MINIMAL.to_owned();
    for i in 0..300 {
        yaml.push_str(&format!(
            "      - figure: {{image: \"{}\", alt: Bild {i}}}\n",
            names[i % names.len()]
        ));
    }
    let (kind, body) = multipart_files(&[
        ("report", Some("report.yaml"), yaml.as_bytes()),
        ("bilder/x.png", None, &png),
    ]);
    let answer = service.post("/v1/check", &kind, &body);
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    // 300 copies of 5.8 MB were 1.7 GB; one is a few megabytes beside the render.
    let peak = service.peak_kib();
    assert!(peak < 400 * 1024, "peak {peak} KiB");
}

#[test]
fn bodies_past_the_room_for_them_wait_briefly_then_are_503_and_the_room_comes_back() {
    let mib = 1 << 20;
    let service = Service::start_with(&[
        "--max-body",
        &(8 * mib).to_string(),
        "--body-room",
        &(8 * mib).to_string(),
    ]);
    // One upload of 6 MiB announced takes 6 of the 8 MiB while it arrives, at 320 KiB/s (above
    // the least rate, so it is not cut off) until told to stop.
    let mut first = TcpStream::connect(("127.0.0.1", service.port)).expect("a connection");
    let head = format!(
        "POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: {}\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"bilder/pad.bin\"\r\n\r\n",
        6 * mib
    );
    first.write_all(head.as_bytes()).expect("sent");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let feeder = {
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if first.write_all(&[b'x'; 16 * 1024]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        })
    };
    // Its room is taken as soon as its head is read.
    let held = || service.metric("uppfoljning_body_room_held_kib ");
    assert!(
        crate::common::eventually(Duration::from_secs(5), || held() == 6144.0),
        "{}",
        held()
    );
    // A second of 4 MiB does not fit: it waits up to 2 s, then 503 with Retry-After.
    let (kind, body) = multipart_files(&[
        ("report", Some("a.yaml"), MINIMAL.as_bytes()),
        ("bilder/pad.bin", None, &vec![b'x'; 4 * mib]),
    ]);
    let started = Instant::now();
    let answer = service.post("/v1/check", &kind, &body);
    let waited = started.elapsed();
    assert_eq!(
        answer.status,
        503,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert!(answer.head.contains("retry-after: 1"), "{}", answer.head);
    assert!(
        waited >= Duration::from_millis(1500) && waited < Duration::from_secs(6),
        "{waited:?}"
    );
    assert_eq!(
        service.metric("uppfoljning_rejections_total{reason=\"body-room\"} "),
        1.0
    );
    // A small report fits beside the held upload.
    let answer = service.post("/v1/check", "application/yaml", MINIMAL.as_bytes());
    assert_eq!(answer.status, 200);
    // The held upload gives its room back when its connection ends.
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    feeder.join().expect("the feeder");
    assert!(
        crate::common::eventually(Duration::from_secs(5), || held() == 0.0),
        "{}",
        held()
    );
    let answer = service.post("/v1/check", &kind, &body);
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
}

/// Sends `body` after `head` a byte at a time, `pause` apart, until the service answers or
/// the body is sent; returns the status and when it came.
fn drip(port: u16, head: &str, body: &[u8], pause: Duration) -> (u16, Duration) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("a connection");
    stream.set_nodelay(true).expect("no delay");
    stream.write_all(head.as_bytes()).expect("sent");
    let started = Instant::now();
    let reader = stream.try_clone().expect("a second handle");
    let answer = std::thread::spawn(move || {
        let mut reader = reader;
        let mut answer = Vec::new();
        let _ = reader.read_to_end(&mut answer);
        answer
    });
    for byte in body {
        if stream.write_all(&[*byte]).is_err() || answer.is_finished() {
            break;
        }
        std::thread::sleep(pause);
    }
    let answer = answer.join().expect("the answer");
    let took = started.elapsed();
    let status = String::from_utf8_lossy(&answer)
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    (status, took)
}

#[test]
fn a_body_sent_a_byte_at_a_time_is_cut_off_within_seconds() {
    let service = Service::start();
    let body = SAMPLE.as_bytes();
    let head = format!(
        "POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/yaml\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    // 200 bytes a second: the whole sample would take over a minute.
    let drips: Vec<_> = (0..4)
        .map(|_| {
            let head = head.clone();
            let port = service.port;
            std::thread::spawn(move || drip(port, &head, body, Duration::from_millis(5)))
        })
        .collect();
    for drip in drips {
        let (status, took) = drip.join().expect("a drip");
        assert_eq!(status, 408);
        assert!(took < Duration::from_secs(6), "took {took:?}");
    }
    assert_eq!(
        service.metric("uppfoljning_rejections_total{reason=\"too-slow\"} "),
        4.0
    );
    let peak = service.peak_kib();
    assert!(peak < 100 * 1024, "peak {peak} KiB");
    // A malformed chunked body is a 400, counted as malformed, not as too large.
    let mut stream = TcpStream::connect(("127.0.0.1", service.port)).expect("a connection");
    stream
        .write_all(b"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/yaml\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot a chunk\r\n")
        .expect("sent");
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("malformed"), "{answer}");
    assert_eq!(
        service.metric("uppfoljning_rejections_total{reason=\"too-large\"} "),
        0.0
    );
}

#[test]
fn a_case_past_the_time_limit_gives_its_render_slot_back_between_reports() {
    let service = Service::start_with(&["--renders", "1", "--time-limit", "1", "--drain", "0"]);
    let mut yamls = Vec::new();
    // The sample takes a tenth of a second or more to typeset here: 84 of them take seconds.
    for day in 1..=28 {
        for month in ["04", "05", "06"] {
            yamls.push(SAMPLE.replace("date: 2016-03-01", &format!("date: 2016-{month}-{day:02}")));
        }
    }
    let names: Vec<String> = (0..yamls.len()).map(|i| format!("r{i}.yaml")).collect();
    let parts: Vec<(&str, Option<&str>, &[u8])> = names
        .iter()
        .zip(&yamls)
        .map(|(name, yaml)| ("report", Some(name.as_str()), yaml.as_bytes()))
        .collect();
    let (kind, body) = multipart_files(&parts);
    let started = Instant::now();
    let answer = service.post("/v1/archive", &kind, &body);
    assert_eq!(
        answer.status,
        504,
        "{}",
        String::from_utf8_lossy(&answer.body[..answer.body.len().min(300)])
    );
    // The case stops at its deadline, between two reports: the one render slot is free again
    // within a report's time, not after the remaining reports.
    let answer = service.post("/v1/check", "application/yaml", MINIMAL.as_bytes());
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(4),
        "the slot came back after {took:?}"
    );
}
