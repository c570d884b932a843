//! The request's id: the caller's `X-Request-Id` if it is a short printable one, else a new
//! one; put on the request for the layers and handlers inside, echoed on the answer, and
//! written into a problem's body with the language the request asks for.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

use crate::web::problem;
use crate::words::Lang;

/// The request header that carries a request's id, taken or made, and echoed.
const REQUEST_ID: &str = "x-request-id";

/// A request's id.
#[derive(Debug, Clone)]
pub(crate) struct RequestId(pub String);

/// Gives `request` its id, and its answer the id and, if it is a problem, its body.
pub(crate) async fn request_id(mut request: Request, next: Next) -> Response {
    let id = id_of(request.headers());
    let lang = asked_lang(request.headers());
    request.extensions_mut().insert(RequestId(id.clone()));
    let mut response = next.run(request).await;
    problem::finish(&mut response, &id, lang);
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, value);
    }
    response
}

/// The language `headers` ask for (`Accept-Language`), English otherwise.
pub(crate) fn asked_lang(headers: &HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map_or(Lang::En, Lang::from_accept)
}

/// The caller's id if it is a short printable one, or a new one.
fn id_of(headers: &HeaderMap) -> String {
    let given = headers
        .get(REQUEST_ID)
        .and_then(|id| id.to_str().ok())
        .filter(|id| !id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_graphic()));
    match given {
        Some(id) => id.to_owned(),
        None => {
            let mut bytes = [0u8; 16];
            // Without the system's randomness the id is still unique enough to find a log line.
            let _ = getrandom::fill(&mut bytes);
            bytes.iter().map(|b| format!("{b:02x}")).collect()
        }
    }
}
