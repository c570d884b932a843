//! OIDC bearer tokens against a real OpenID provider (npm's oidc-provider, issuing
//! client-credentials access tokens as JWTs): a good token is taken, held to its scopes; a
//! missing, broken, tampered, expired or foreign-audience one is 401; a rotated signing key is
//! fetched when a token names it.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use sha2::Digest;

use super::Service;
use crate::common::{SAMPLE, http};

/// The audience the service's tokens are for.
const AUDIENCE: &str = "urn:uppfoljning";

/// The provider's node modules (`npm ci` of tests/api/oidc/package.json), or None to skip;
/// with `UPPFOLJNING_OIDC_TESTS=require` missing modules fail the test instead.
pub(super) fn modules() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let modules = std::env::var_os("UPPFOLJNING_OIDC_MODULES")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/oidc/node_modules"));
    let found = modules.join("oidc-provider/lib/index.js").is_file();
    if !found && std::env::var("UPPFOLJNING_OIDC_TESTS").as_deref() == Ok("require") {
        panic!(
            "oidc-provider is required (UPPFOLJNING_OIDC_TESTS=require) and not in {}",
            modules.display()
        );
    }
    found.then_some(modules)
}

/// oidc-provider on `port`, signing with key `generation` of `keys`; stopped when dropped.
struct Provider {
    child: Child,
    port: u16,
}

impl Provider {
    fn start(modules: &Path, port: u16, keys: &Path, generation: u32) -> Self {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/oidc/provider.mjs");
        let mut child = Command::new("node")
            .arg(script)
            .arg(port.to_string())
            .arg(keys)
            .arg(generation.to_string())
            .env("OIDC_MODULES", modules)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("a line");
        assert_eq!(line.trim(), "ready", "the provider did not start");
        Self { child, port }
    }

    /// An access token for `client` (its secret is `CLIENT-secret`), for `resource`, with
    /// `scope`.
    fn token(&self, client: &str, resource: &str, scope: &str) -> String {
        let form = format!(
            "grant_type=client_credentials&client_id={client}&client_secret={client}-secret&resource={resource}&scope={}",
            scope.replace(' ', "+")
        );
        let answer = http(
            self.port,
            "POST",
            "/token",
            &[
                ("Host", &format!("127.0.0.1:{}", self.port)),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            form.as_bytes(),
        );
        assert_eq!(
            answer.status,
            200,
            "{}",
            String::from_utf8_lossy(&answer.body)
        );
        answer.json()["access_token"]
            .as_str()
            .expect("an access token")
            .to_owned()
    }
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A render of the sample with `authorization`: its status and problem detail.
fn render_with(service: &Service, authorization: Option<&str>) -> (u16, String) {
    let bearer;
    let mut headers = vec![("Content-Type", "application/yaml")];
    if let Some(token) = authorization {
        bearer = format!("Bearer {token}");
        headers.push(("Authorization", &bearer));
    }
    let answer = service.request("POST", "/v1/render", &headers, SAMPLE.as_bytes());
    let detail = match answer.status {
        200 => String::new(),
        _ => answer.json()["detail"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
    };
    (answer.status, detail)
}

#[test]
fn tokens_from_a_real_provider_are_checked_held_to_their_scopes_and_keys_rotate() {
    let Some(modules) = modules() else {
        eprintln!("skipped: oidc-provider is not installed (npm ci in target/oidc)");
        return;
    };
    let keys = tempfile::tempdir().expect("a folder");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    let provider = Provider::start(&modules, port, keys.path(), 1);
    // Keys fetched every 10 minutes (the default): within the test only a token naming an
    // unknown key makes the service fetch them again.
    let service = service_for(port, keys.path(), 600);

    // A good token with the scope: the PDF, and the client's name in the log.
    let good = provider.token("diariet", AUDIENCE, "render check");
    assert_eq!(render_with(&service, Some(&good)), (200, String::new()));
    // The log line is written after the answer is sent: wait for it.
    let mut logged = Vec::new();
    for _ in 0..100 {
        logged = service.log_lines(1);
        if logged.iter().any(|line| line["caller"] == "diariet") {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        logged.iter().any(|line| line["caller"] == "diariet"),
        "{logged:?}"
    );

    // An API key shaped like a token is taken as the key it is.
    assert_eq!(
        render_with(&service, Some(DOTTED_KEY)),
        (200, String::new())
    );

    // A good token without the scope: 403.
    let reader = provider.token("reader", AUDIENCE, "check");
    let (status, detail) = render_with(&service, Some(&reader));
    assert_eq!(status, 403, "{detail}");
    assert!(detail.contains("scope render"), "{detail}");
    let checked = service.request(
        "POST",
        "/v1/check",
        &[
            ("Content-Type", "application/yaml"),
            ("Authorization", &format!("Bearer {reader}")),
        ],
        SAMPLE.as_bytes(),
    );
    assert_eq!(checked.status, 200);

    // Missing, broken, tampered, for another audience: 401, each saying why.
    let mut tampered = good.clone().into_bytes();
    let middle = good.find('.').expect("a JWT") + 10;
    tampered[middle] = if tampered[middle] == b'A' { b'B' } else { b'A' };
    let tampered = String::from_utf8(tampered).expect("text");
    let foreign = provider.token("diariet", "urn:annan-tjanst", "render");
    for (token, why) in [
        (
            None,
            "send an API key the service knows, or an access token",
        ),
        (Some("a.b.c"), "the access token is not a JWT"),
        (Some(tampered.as_str()), "the access token"),
        (Some(foreign.as_str()), "is for another audience"),
    ] {
        let (status, detail) = render_with(&service, token);
        assert_eq!(status, 401, "{token:?}: {detail}");
        assert!(detail.contains(why), "{token:?}: {detail}");
    }

    // A token past its expiry (issued for 1 s, no clock skew allowed): 401.
    let short = provider.token("short-lived", AUDIENCE, "render");
    assert_eq!(render_with(&service, Some(&short)).0, 200);
    std::thread::sleep(Duration::from_millis(2100));
    let (status, detail) = render_with(&service, Some(&short));
    assert_eq!(status, 401);
    assert!(detail.contains("has expired"), "{detail}");

    // A token not valid yet (nbf an hour or five days ahead, past the 0 s clock skew), or
    // whose nbf is no time: 401 each, with its reason.
    for (client, why) in [
        ("early-hour", "is not valid yet"),
        ("early-days", "is not valid yet"),
        ("bad-nbf", "has an exp or nbf that is not a time"),
    ] {
        let early = provider.token(client, AUDIENCE, "render");
        let (status, detail) = render_with(&service, Some(&early));
        assert_eq!(status, 401, "{client}: {detail}");
        assert!(detail.contains(why), "{client}: {detail}");
    }

    // The issuer rotates its keys: the new key signs, the old one is still published. A token
    // naming the new key makes the service fetch the keys again, and is taken.
    drop(provider);
    let provider = Provider::start(&modules, port, keys.path(), 2);
    let rotated = provider.token("diariet", AUDIENCE, "render");
    assert_ne!(kid(&rotated), kid(&good), "the provider did not rotate");
    assert_eq!(render_with(&service, Some(&rotated)), (200, String::new()));
    assert_eq!(render_with(&service, Some(&good)), (200, String::new()));

    // A key the issuer no longer publishes (key 1, once key 3 signs and key 2 is the old one):
    // 401 from the next fetch of the keys on (every second for this service).
    let service = service_for(port, keys.path(), 1);
    assert_eq!(render_with(&service, Some(&good)), (200, String::new()));
    drop(provider);
    let _provider = Provider::start(&modules, port, keys.path(), 3);
    let withdrawn = kid(&good);
    let (mut status, mut detail) = (0, String::new());
    let refused = crate::common::eventually(Duration::from_secs(10), || {
        (status, detail) = render_with(&service, Some(&good));
        status == 401
    });
    assert!(
        refused,
        "a token signed with {withdrawn} was taken: {status} {detail}"
    );
    assert!(detail.contains("does not publish"), "{detail}");
}

/// A service taking the tokens of the provider on `port`, fetching its keys every
/// `refresh` seconds, once it has them; its configuration is written into `dir`.
/// An API key with two dots in it, which a token also has.
const DOTTED_KEY: &str = "nyckel.med.punkter-0123456789abcdef";

fn service_for(port: u16, dir: &Path, refresh: u64) -> Service {
    let config = dir.join(format!("serve-{refresh}.toml"));
    // Beside the issuer, an API key shaped like a JWT (two dots): still a key.
    let dotted = format!("{:x}", sha2::Sha256::digest(DOTTED_KEY.as_bytes()));
    let text = format!(
        "[[api-keys]]\nname = \"punkter\"\nsha256 = \"{dotted}\"\nscopes = [\"render\"]\n\n[oidc]\nissuer = \"http://127.0.0.1:{port}\"\naudience = \"{AUDIENCE}\"\nclock-skew = 0\njwks-refresh = {refresh}\n"
    );
    std::fs::write(&config, text).expect("the configuration");
    let service = Service::start_with(&["--config", config.to_str().expect("a path")]);
    let ready = (0..100).any(|_| {
        std::thread::sleep(Duration::from_millis(50));
        service.request("GET", "/readyz", &[], b"").status == 200
    });
    assert!(ready, "the service did not fetch the issuer's keys");
    service
}

/// The `kid` in a JWT's header.
fn kid(token: &str) -> String {
    let header = token.split('.').next().expect("a header");
    let bytes = decode_base64url(header);
    let header: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    header["kid"].as_str().expect("a kid").to_owned()
}

/// Base64url without padding, as JWTs write it.
fn decode_base64url(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = 0u32;
    let mut held = 0;
    let mut out = Vec::new();
    for byte in text.bytes() {
        let value = ALPHABET.iter().position(|&c| c == byte).expect("base64url") as u32;
        bits = (bits << 6) | value;
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
        }
    }
    out
}

#[test]
fn without_the_issuer_s_keys_the_service_is_not_ready_and_plain_http_is_only_for_loopback() {
    let dir = tempfile::tempdir().expect("a folder");
    // Nothing listens on this port: the keys cannot be fetched.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a port")
        .port();
    let service = service_config(dir.path(), &format!("http://127.0.0.1:{port}"));
    let service = Service::start_with(&["--config", service.to_str().expect("a path")]);
    let ready = service.request("GET", "/readyz", &[], b"");
    assert_eq!(ready.status, 503);
    assert_eq!(
        String::from_utf8_lossy(&ready.body),
        "waiting for the issuer's keys\n"
    );
    let (status, detail) = render_with(
        &service,
        Some("eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.e30.c2ln"),
    );
    assert_eq!(status, 503, "{detail}");
    assert!(detail.contains("keys are not loaded yet"), "{detail}");

    let refused = service_config(dir.path(), "http://login.example.se/realms/stad");
    let run = crate::common::Test::new()
        .args(&["serve", "--config", refused.to_str().expect("a path")])
        .status(2)
        .run();
    assert!(
        run.stderr
            .contains("oidc: http://login.example.se/realms/stad is not an https:// address"),
        "{}",
        run.stderr
    );
}

/// A configuration in `dir` taking the tokens of `issuer`.
fn service_config(dir: &Path, issuer: &str) -> PathBuf {
    let path = dir.join("issuer.toml");
    let text = format!("[oidc]\nissuer = \"{issuer}\"\naudience = \"{AUDIENCE}\"\n");
    std::fs::write(&path, text).expect("the configuration");
    path
}
