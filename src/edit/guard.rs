//! Who may talk to the editor: the browser tab that opened the printed address, and no one else.
//!
//! The server listens on 127.0.0.1, but on a shared office machine every local user and every
//! web page open in any browser can reach that, and browsers share cookies across every port of
//! 127.0.0.1. So no cookie carries the secret. The printed address holds a one-time launch
//! token in its fragment (`#launch=…`, never sent to a server by the browser); the page trades
//! it once, at `POST /api/session`, for the session's secret, which it keeps in the tab's
//! `sessionStorage` (one origin: this port only) and sends as a header with every `/api/`
//! request, reads included. Every request must also name the server itself as its Host (a
//! DNS-rebinding page names its own), and a request that changes anything must come from the
//! editor's own page (Origin). The page and its scripts hold nothing of the report and are
//! served to anyone who names the right Host.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

/// The header that carries the launch token to `POST /api/session`.
pub(crate) const LAUNCH_HEADER: &str = "x-uppfoljning-launch";

/// The header that carries the session's secret on every `/api/` request.
pub(crate) const SESSION_HEADER: &str = "x-uppfoljning-session";

/// The checks for one run of the editor.
#[derive(Debug)]
pub(crate) struct Guard {
    /// Opens the session once; in the printed address.
    launch: String,
    /// The session's secret, handed to the page that used the launch token.
    session: String,
    /// Whether the launch token has been used.
    launched: AtomicBool,
    port: u16,
}

/// The parts of a request the checks look at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Request<'a> {
    /// `GET`, `POST`, …
    pub method: &'a str,
    /// The path, without the query.
    pub path: &'a str,
    /// The Host header.
    pub host: Option<&'a str>,
    /// The Origin header.
    pub origin: Option<&'a str>,
    /// The launch token's header.
    pub launch: Option<&'a str>,
    /// The session secret's header.
    pub session: Option<&'a str>,
}

/// What the guard decided.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Serve it.
    Allow,
    /// The launch token was used, for the first time: answer with the session's secret.
    Launch {
        /// The secret the page sends from now on.
        session: String,
    },
    /// Refuse it (403), with the reason for the log.
    Refuse(&'static str),
}

/// 128 random bits, in hexadecimal.
fn secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().fold(String::new(), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    }))
}

impl Guard {
    /// A guard for a server on `port` with a fresh launch token and session secret.
    pub(crate) fn new(port: u16) -> Result<Self, getrandom::Error> {
        Ok(Self {
            launch: secret()?,
            session: secret()?,
            launched: AtomicBool::new(false),
            port,
        })
    }

    /// The address to open: the page, the launch token in its fragment.
    pub(crate) fn address(&self) -> String {
        format!("http://127.0.0.1:{}/#launch={}", self.port, self.launch)
    }

    /// Decides on a request.
    pub(crate) fn check(&self, request: &Request) -> Verdict {
        if !request.host.is_some_and(|host| self.is_own_host(host)) {
            return Verdict::Refuse("the Host is not this server");
        }
        let changes = !matches!(request.method, "GET" | "HEAD");
        if changes
            && !request
                .origin
                .is_some_and(|origin| self.is_own_origin(origin))
        {
            return Verdict::Refuse("a change from another origin");
        }
        if request.path == "/api/session" {
            return self.launched(request);
        }
        if !request.path.starts_with("/api/") {
            return match changes {
                false => Verdict::Allow,
                true => Verdict::Refuse("a change outside the API"),
            };
        }
        match request
            .session
            .is_some_and(|given| same(given, &self.session))
        {
            true => Verdict::Allow,
            false => Verdict::Refuse("no valid session"),
        }
    }

    /// `POST /api/session` with the launch token, the first time only.
    fn launched(&self, request: &Request) -> Verdict {
        let valid = request.method == "POST"
            && request
                .launch
                .is_some_and(|given| same(given, &self.launch));
        if !valid {
            return Verdict::Refuse("no valid launch token");
        }
        // Once: an address copied from the terminal's scrollback, or read from a browser's
        // history, opens nothing after the officer's own tab has used it.
        if self.launched.swap(true, Ordering::SeqCst) {
            return Verdict::Refuse("the launch token was used already");
        }
        Verdict::Launch {
            session: self.session.clone(),
        }
    }

    fn is_own_host(&self, host: &str) -> bool {
        let port = self.port.to_string();
        ["127.0.0.1", "localhost"].iter().any(|name| {
            host.strip_prefix(name)
                .and_then(|rest| rest.strip_prefix(':'))
                == Some(&port)
        })
    }

    fn is_own_origin(&self, origin: &str) -> bool {
        origin
            .strip_prefix("http://")
            .is_some_and(|host| self.is_own_host(host))
    }
}

/// Compares secrets in time independent of where they differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |diff, (x, y)| diff | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAUNCH: &str = "0123456789abcdef0123456789abcdef";
    const SESSION: &str = "fedcba9876543210fedcba9876543210";

    fn guard() -> Guard {
        Guard {
            launch: LAUNCH.into(),
            session: SESSION.into(),
            launched: AtomicBool::new(false),
            port: 4000,
        }
    }

    fn get(path: &str) -> Request<'_> {
        Request {
            method: "GET",
            path,
            host: Some("127.0.0.1:4000"),
            origin: None,
            launch: None,
            session: None,
        }
    }

    fn launch(token: &str) -> Request<'_> {
        Request {
            method: "POST",
            origin: Some("http://127.0.0.1:4000"),
            launch: Some(token),
            ..get("/api/session")
        }
    }

    #[test]
    fn the_launch_token_is_in_the_fragment_and_opens_the_session_once() {
        let guard = guard();
        assert!(
            guard
                .address()
                .ends_with("/#launch=0123456789abcdef0123456789abcdef")
        );
        assert_eq!(
            guard.check(&launch("0123456789abcdef0123456789abcdee")),
            Verdict::Refuse("no valid launch token")
        );
        assert_eq!(
            guard.check(&launch(LAUNCH)),
            Verdict::Launch {
                session: SESSION.into()
            }
        );
        assert_eq!(
            guard.check(&launch(LAUNCH)),
            Verdict::Refuse("the launch token was used already")
        );
    }

    #[test]
    fn the_api_needs_the_session_header_reads_included() {
        let guard = guard();
        for path in ["/api/state", "/api/disk"] {
            assert_eq!(guard.check(&get(path)), Verdict::Refuse("no valid session"));
            let with = Request {
                session: Some(SESSION),
                ..get(path)
            };
            assert_eq!(guard.check(&with), Verdict::Allow);
            let wrong = Request {
                session: Some(LAUNCH),
                ..get(path)
            };
            assert_eq!(guard.check(&wrong), Verdict::Refuse("no valid session"));
        }
        // The page and its scripts hold nothing of the report.
        assert_eq!(guard.check(&get("/")), Verdict::Allow);
        assert_eq!(guard.check(&get("/js/main.js")), Verdict::Allow);
    }

    #[test]
    fn a_foreign_host_is_refused_even_with_the_session() {
        for host in [
            None,
            Some("evil.example:4000"),
            Some("127.0.0.1:4001"),
            Some("127.0.0.1"),
        ] {
            let request = Request {
                host,
                session: Some(SESSION),
                ..get("/api/state")
            };
            assert_eq!(
                guard().check(&request),
                Verdict::Refuse("the Host is not this server")
            );
        }
        let localhost = Request {
            host: Some("localhost:4000"),
            session: Some(SESSION),
            ..get("/api/state")
        };
        assert_eq!(guard().check(&localhost), Verdict::Allow);
    }

    #[test]
    fn a_change_needs_the_own_origin_and_the_session() {
        let post = |origin, session| Request {
            method: "POST",
            origin,
            session,
            ..get("/api/save")
        };
        let own = Some("http://127.0.0.1:4000");
        assert_eq!(guard().check(&post(own, Some(SESSION))), Verdict::Allow);
        assert_eq!(
            guard().check(&post(own, None)),
            Verdict::Refuse("no valid session")
        );
        for origin in [
            None,
            Some("http://evil.example"),
            Some("null"),
            Some("https://127.0.0.1:4000"),
        ] {
            assert_eq!(
                guard().check(&post(origin, Some(SESSION))),
                Verdict::Refuse("a change from another origin")
            );
        }
    }

    #[test]
    fn secrets_are_fresh_and_128_bits() {
        let (a, b) = (
            Guard::new(1).expect("random"),
            Guard::new(1).expect("random"),
        );
        assert_eq!(a.launch.len(), 32);
        assert_ne!(a.launch, b.launch);
        assert_ne!(a.launch, a.session);
    }
}
