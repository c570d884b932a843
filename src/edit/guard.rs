//! Who may talk to the editor: the browser that opened the printed address, and no one else.
//!
//! The server listens on 127.0.0.1, but on a shared office machine every local user and every
//! web page open in any browser can reach that. So every request must carry the per-run token
//! (in the printed address once, then in a `SameSite=Strict`, `HttpOnly` cookie), name the
//! server itself as its Host (a DNS-rebinding page names its own), and a request that changes
//! anything must come from the editor's own page (Origin).

use std::fmt::Write as _;

/// The checks for one run of the editor.
#[derive(Debug, Clone)]
pub(crate) struct Guard {
    token: String,
    port: u16,
}

/// The parts of a request the checks look at.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Request<'a> {
    /// `GET`, `POST`, …
    pub method: &'a str,
    /// The path with its query, as sent.
    pub url: &'a str,
    /// The Host header.
    pub host: Option<&'a str>,
    /// The Origin header.
    pub origin: Option<&'a str>,
    /// The Cookie header.
    pub cookie: Option<&'a str>,
}

/// What the guard decided.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Serve it.
    Allow,
    /// The token came in the address: set the cookie and send the browser to the same page
    /// without the token, so it does not stay in the address bar and the history.
    SetCookie {
        /// The `Set-Cookie` header's value.
        cookie: String,
    },
    /// Refuse it (403), with the reason for the log.
    Refuse(&'static str),
}

impl Guard {
    /// A guard for a server on `port` with a fresh random token.
    pub(crate) fn new(port: u16) -> Result<Self, getrandom::Error> {
        let mut bytes = [0u8; 16];
        getrandom::fill(&mut bytes)?;
        let token = bytes.iter().fold(String::new(), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        });
        Ok(Self { token, port })
    }

    /// The address to open: the page with the token.
    pub(crate) fn address(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.port, self.token)
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
        if request.cookie.is_some_and(|cookie| self.has_cookie(cookie)) {
            return Verdict::Allow;
        }
        if !changes && query_token(request.url).is_some_and(|token| same(token, &self.token)) {
            return Verdict::SetCookie {
                cookie: format!(
                    "{}={}; Path=/; HttpOnly; SameSite=Strict",
                    self.cookie_name(),
                    self.token
                ),
            };
        }
        Verdict::Refuse("no valid token")
    }

    /// The cookie's name: cookies are shared between ports, so two editors open at once each
    /// have their own.
    fn cookie_name(&self) -> String {
        format!("uppfoljning-{}", self.port)
    }

    fn has_cookie(&self, header: &str) -> bool {
        let name = self.cookie_name();
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(key, value)| key == name && same(value, &self.token))
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

/// The `token` parameter of a URL's query.
fn query_token(url: &str) -> Option<&str> {
    let (_, query) = url.split_once('?')?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find_map(|(key, value)| (key == "token").then_some(value))
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

    fn guard() -> Guard {
        Guard {
            token: "0123456789abcdef0123456789abcdef".into(),
            port: 4000,
        }
    }

    fn get(url: &str) -> Request<'_> {
        Request {
            method: "GET",
            url,
            host: Some("127.0.0.1:4000"),
            origin: None,
            cookie: None,
        }
    }

    const COOKIE: &str = "other=1; uppfoljning-4000=0123456789abcdef0123456789abcdef";

    #[test]
    fn the_token_in_the_address_becomes_a_strict_http_only_cookie() {
        let verdict = guard().check(&get("/?token=0123456789abcdef0123456789abcdef"));
        let Verdict::SetCookie { cookie } = verdict else {
            panic!("{verdict:?}")
        };
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
        assert!(
            guard()
                .address()
                .ends_with("/?token=0123456789abcdef0123456789abcdef")
        );
    }

    #[test]
    fn the_cookie_lets_requests_in() {
        let request = Request {
            cookie: Some(COOKIE),
            ..get("/api/state")
        };
        assert_eq!(guard().check(&request), Verdict::Allow);
    }

    #[test]
    fn a_wrong_or_missing_token_is_refused() {
        for request in [
            get("/"),
            get("/?token=0123456789abcdef0123456789abcdee"),
            get("/?token=0123"),
            Request {
                cookie: Some("uppfoljning-4001=0123456789abcdef0123456789abcdef"),
                ..get("/")
            },
        ] {
            assert_eq!(
                guard().check(&request),
                Verdict::Refuse("no valid token"),
                "{request:?}"
            );
        }
    }

    #[test]
    fn a_foreign_host_is_refused_even_with_the_cookie() {
        for host in [
            None,
            Some("evil.example:4000"),
            Some("127.0.0.1:4001"),
            Some("127.0.0.1"),
        ] {
            let request = Request {
                host,
                cookie: Some(COOKIE),
                ..get("/")
            };
            assert_eq!(
                guard().check(&request),
                Verdict::Refuse("the Host is not this server")
            );
        }
        let localhost = Request {
            host: Some("localhost:4000"),
            cookie: Some(COOKIE),
            ..get("/")
        };
        assert_eq!(guard().check(&localhost), Verdict::Allow);
    }

    #[test]
    fn a_change_needs_the_own_origin_and_the_cookie() {
        let post = |origin, cookie| Request {
            method: "POST",
            origin,
            cookie,
            ..get("/api/save")
        };
        let own = Some("http://127.0.0.1:4000");
        assert_eq!(guard().check(&post(own, Some(COOKIE))), Verdict::Allow);
        for origin in [
            None,
            Some("http://evil.example"),
            Some("null"),
            Some("https://127.0.0.1:4000"),
        ] {
            assert_eq!(
                guard().check(&post(origin, Some(COOKIE))),
                Verdict::Refuse("a change from another origin")
            );
        }
        // The token in the address only ever opens the page, it never authorises a change.
        let with_query = Request {
            url: "/api/save?token=0123456789abcdef0123456789abcdef",
            ..post(own, None)
        };
        assert_eq!(
            guard().check(&with_query),
            Verdict::Refuse("no valid token")
        );
    }

    #[test]
    fn tokens_are_fresh_and_128_bits() {
        let (a, b) = (
            Guard::new(1).expect("random"),
            Guard::new(1).expect("random"),
        );
        assert_eq!(a.token.len(), 32);
        assert_ne!(a.token, b.token);
    }
}
