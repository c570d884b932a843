//! The request's parts as the handlers take them, each refused as one of our problems: the
//! query's options, and the report, the case or the PDF the body carries (whose digest is
//! noted for the log line as it is read).

use std::sync::Arc;

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::Service;
use super::body::{self, Sent, SentCase, SentPdf};
use super::middleware::observe::Notes;
use crate::base::hash::sha256_hex;
use crate::web::problem::{Kind, Problem};
use crate::words::msg;

/// The query parameters as `T`; any it does not know, or a value it cannot take, is a 400.
#[derive(Debug)]
pub(crate) struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Problem> {
        axum::extract::Query::<T>::try_from_uri(&parts.uri)
            .map(|axum::extract::Query(options)| Query(options))
            .map_err(|rejection| {
                let text = rejection.body_text();
                // axum's sentence starts in capitals before the part that names the field.
                let why = text.split_once(": ").map_or(text.as_str(), |(_, why)| why);
                Problem::new(Kind::Malformed, msg!("problem-query", why = why))
            })
    }
}

/// The path's parameters as `T`; a value it cannot take (`/v1/reports/x`) is a 400.
#[derive(Debug)]
pub(crate) struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Path(value))
            .map_err(|rejection| {
                let text = rejection.body_text();
                let why = text.split_once(": ").map_or(text.as_str(), |(_, why)| why);
                Problem::new(Kind::Malformed, msg!("problem-path", why = why))
            })
    }
}

/// Notes the digest of what the request carried, for its log line.
fn note(parts: &Parts, sha256: String) {
    if let Some(notes) = parts.extensions.get::<Notes>() {
        notes.digest(sha256);
    }
}

impl FromRequest<Arc<Service>> for Sent {
    type Rejection = Problem;

    async fn from_request(request: Request, service: &Arc<Service>) -> Result<Self, Problem> {
        let (parts, body) = request.into_parts();
        let sent = body::read(&parts.headers, body, &service.intake).await?;
        note(&parts, sha256_hex(sent.text.as_bytes()));
        Ok(sent)
    }
}

impl FromRequest<Arc<Service>> for SentCase {
    type Rejection = Problem;

    async fn from_request(request: Request, service: &Arc<Service>) -> Result<Self, Problem> {
        let (parts, body) = request.into_parts();
        let case = body::read_case(&parts.headers, body, &service.intake).await?;
        note(&parts, case_digest(&case));
        Ok(case)
    }
}

impl FromRequest<Arc<Service>> for SentPdf {
    type Rejection = Problem;

    async fn from_request(request: Request, service: &Arc<Service>) -> Result<Self, Problem> {
        let (parts, body) = request.into_parts();
        let sent = body::read_pdf(&parts.headers, body, &service.intake).await?;
        note(&parts, sha256_hex(sent.report.text.as_bytes()));
        Ok(sent)
    }
}

/// The SHA-256 of a case's reports: of the one report, or of their digests in order.
fn case_digest(case: &SentCase) -> String {
    match case.reports.as_slice() {
        [one] => sha256_hex(one.text.as_bytes()),
        many => {
            let digests: Vec<String> = many
                .iter()
                .map(|named| sha256_hex(named.text.as_bytes()))
                .collect();
            sha256_hex(digests.join("\n").as_bytes())
        }
    }
}
