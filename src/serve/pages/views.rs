//! The pages' HTML: templates in `pages/`, inside the binary. minijinja escapes every value
//! for HTML; every word comes from the catalogue, in Swedish (`t("key", name=value)`).

use std::sync::OnceLock;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use minijinja::value::{Kwargs, Value};
use minijinja::{AutoEscape, Environment};
use serde::Serialize;

use crate::serve::caller::{Caller, Via};
use crate::web::{Kind, Problem};
use crate::words::{Arg, Lang, msg, phrase};

/// The language of the pages: the officer's.
pub(crate) const LANG: Lang = Lang::Sv;

/// The templates, by name.
const TEMPLATES: &[(&str, &str)] = &[
    ("layout.html", include_str!("../../../pages/layout.html")),
    ("start.html", include_str!("../../../pages/start.html")),
    ("report.html", include_str!("../../../pages/report.html")),
    ("changes.html", include_str!("../../../pages/changes.html")),
    ("problem.html", include_str!("../../../pages/problem.html")),
    ("notice.html", include_str!("../../../pages/notice.html")),
    ("audit.html", include_str!("../../../pages/audit.html")),
];

/// The pages' style.
pub(crate) const STYLE: &str = include_str!("../../../pages/pages.css");

/// Nothing but the pages' own style; no script at all; forms post only here (and, where people
/// log in, logging out goes on to the provider: [`post_also_to`]).
const POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; \
                      base-uri 'none'; frame-ancestors 'none'";

/// The pages' policy once the login provider's origin is known.
static POLICY_WITH_PROVIDER: OnceLock<String> = OnceLock::new();

/// Lets the pages' forms lead on to `origin` (the login provider's, where logging out goes
/// on to it: a browser holds a form's redirects to the policy's `form-action`).
pub(crate) fn post_also_to(origin: &str) {
    let _ = POLICY_WITH_PROVIDER.set(POLICY.replace(
        "form-action 'self'",
        &format!("form-action 'self' {origin}"),
    ));
}

/// The pages' policy now.
fn policy() -> &'static str {
    POLICY_WITH_PROVIDER.get().map_or(POLICY, String::as_str)
}

/// The templates, compiled once.
fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.add_function("t", t);
        for (name, source) in TEMPLATES {
            // The templates are the program's own, compiled by the tests; one that does not
            // compile shows as the problem page's internal error.
            let _ = env.add_template(name, source);
        }
        env
    })
}

/// `t("key", name=value, …)`: the catalogue's message in the pages' language; a whole number
/// is a count (it chooses the plural), anything else is shown as given.
fn t(key: &str, kwargs: Kwargs) -> Result<String, minijinja::Error> {
    let mut args = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let arg = match u64::try_from(value.clone()) {
            Ok(count) if value.is_integer() => Arg::Count(count),
            _ => Arg::Text(value.to_string()),
        };
        args.push((name.to_owned(), arg));
    }
    Ok(phrase(LANG, key, &args))
}

/// The page `name` filled with `context` for `caller` (a person logged in sees who they are
/// and can log out; their forms carry their session's CSRF token), answered with `status`.
pub(crate) fn page(status: StatusCode, name: &str, context: Value, caller: &Caller) -> Response {
    let signed_in = match caller.via {
        Via::Session => caller.name.clone(),
        _ => None,
    };
    let csrf_query = caller
        .csrf
        .as_ref()
        .map(|token| format!("?csrf={token}"))
        .unwrap_or_default();
    let html = environment().get_template(name).and_then(|template| {
        let may_audit = caller.may(crate::serve::caller::Permission::AuditRead);
        template.render(minijinja::context! { signed_in, csrf_query, may_audit, ..context })
    });
    match html {
        Ok(html) => secured(status, "text/html; charset=utf-8", html),
        Err(_) => problem_page(&Problem::new(Kind::Internal, msg!("page-failed"))),
    }
}

/// `problem` as a page, with its status: what went wrong and how to go on.
pub(crate) fn problem_page(problem: &Problem) -> Response {
    let worded = problem.worded(LANG);
    let status = problem.kind().status();
    let html = environment()
        .get_template("problem.html")
        .and_then(|template| template.render(minijinja::context! { problem => shown(&worded) }));
    // Without its template the problem is still told, as plain text.
    match html {
        Ok(html) => secured(status, "text/html; charset=utf-8", html),
        Err(_) => secured(status, "text/plain; charset=utf-8", worded.detail),
    }
}

/// `value` as a template sees it.
pub(crate) fn shown(value: &impl Serialize) -> Value {
    Value::from(minijinja::value::Serde(value))
}

/// A page of one message, for anyone (after a logout): its heading and text, and a link to log
/// in again or to the start page.
pub(crate) fn notice_page(
    status: StatusCode,
    message: crate::words::Message,
    login_link: bool,
) -> Response {
    let html = environment()
        .get_template("notice.html")
        .and_then(|template| {
            template.render(minijinja::context! {
                heading => phrase(LANG, "page-notice", &[]),
                message => message.in_lang(LANG),
                login_link,
            })
        });
    match html {
        Ok(html) => secured(status, "text/html; charset=utf-8", html),
        Err(_) => secured(status, "text/plain; charset=utf-8", message.in_lang(LANG)),
    }
}

/// The pages' style sheet.
pub(crate) fn style() -> Response {
    secured(StatusCode::OK, "text/css; charset=utf-8", STYLE.to_owned())
}

/// `body` as `kind`, with the pages' security headers; no cache keeps it.
fn secured(status: StatusCode, kind: &'static str, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(value) = HeaderValue::from_str(policy()) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    for (name, value) in [
        ("x-content-type-options", "nosniff"),
        // The pages' own forms then send their Origin; no address leaves the service.
        ("referrer-policy", "same-origin"),
        ("x-frame-options", "DENY"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_compiles_and_values_are_escaped() {
        let env = environment();
        for (name, _) in TEMPLATES {
            assert!(env.get_template(name).is_ok(), "{name} compiles");
        }
        let worded = crate::web::problem::Worded {
            title: "t".into(),
            detail: "<script>alert(1)</script> & \"x\"".into(),
            diagnostics: Vec::new(),
        };
        let html = env
            .get_template("problem.html")
            .and_then(|template| template.render(minijinja::context! { problem => shown(&worded) }))
            .expect("renders");
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp;"),
            "{html}"
        );
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("lang=\"sv\""), "{html}");
    }
}
