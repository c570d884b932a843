//! A change asked for from a page must come from the service's own pages: a form on another
//! site posting to it (cross-site request forgery) is refused before anything is done.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use crate::web::{Kind, Problem};
use crate::words::msg;

use super::Refused;

/// Proof that a change was asked for from the service's own pages (or not from a browser).
pub(crate) struct SameOrigin;

impl<S: Send + Sync> FromRequestParts<S> for SameOrigin {
    type Rejection = Refused;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Refused> {
        match from_own_pages(&parts.headers) {
            true => Ok(Self),
            false => Err(Problem::new(Kind::Forbidden, msg!("page-cross-site")).into()),
        }
    }
}

/// Whether a browser says the request comes from the service's own pages: `Sec-Fetch-Site`
/// is `same-origin` (a browser sets it and no page's script can); a browser too old to send
/// it sends an `Origin` naming the host asked. A client that is no browser sends neither, and
/// forges no one's request.
pub(crate) fn from_own_pages(headers: &HeaderMap) -> bool {
    let text = |name| headers.get(name).and_then(|value| value.to_str().ok());
    if let Some(site) = text("sec-fetch-site") {
        return site == "same-origin";
    }
    match (text(header::ORIGIN.as_str()), text(header::HOST.as_str())) {
        (None, _) => true,
        (Some(origin), Some(host)) => origin
            .split_once("://")
            .is_some_and(|(_, authority)| authority.eq_ignore_ascii_case(host)),
        (Some(_), None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(*name, value.parse().expect("a header value"));
        }
        headers
    }

    #[test]
    fn only_the_own_origin_may_post_from_a_browser() {
        assert!(from_own_pages(&headers(&[])));
        assert!(from_own_pages(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
            ("sec-fetch-site", "same-origin"),
        ])));
        assert!(!from_own_pages(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://evil.example"),
        ])));
        assert!(!from_own_pages(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080"),
            ("sec-fetch-site", "cross-site"),
        ])));
        assert!(!from_own_pages(&headers(&[("origin", "null")])));
        // A page whose referrer policy hides it sends `Origin: null`; the browser's own
        // Sec-Fetch-Site still says where the form was.
        assert!(from_own_pages(&headers(&[
            ("origin", "null"),
            ("sec-fetch-site", "same-origin"),
        ])));
    }
}
