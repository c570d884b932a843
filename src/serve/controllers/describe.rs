//! The descriptions: the API's and the report format's.

use std::sync::Arc;

use axum::extract::State;
use axum::http::header;

use crate::serve::Service;

/// The JSON Schema of a report (`uppfoljning schema`)
#[utoipa::path(get, path = "/v1/schema", operation_id = "schema",
    responses((status = 200, description = "the JSON Schema of a report", body = Object, content_type = "application/schema+json")))]
pub(crate) async fn schema() -> ([(header::HeaderName, &'static str); 1], String) {
    (
        [(header::CONTENT_TYPE, "application/schema+json")],
        crate::report::schema::json(),
    )
}

/// The API, as OpenAPI 3.1
#[utoipa::path(get, path = "/openapi.json", operation_id = "openapi",
    responses((status = 200, description = "this description", body = Object)))]
pub(crate) async fn openapi(
    State(service): State<Arc<Service>>,
) -> ([(header::HeaderName, &'static str); 1], String) {
    (
        [(header::CONTENT_TYPE, "application/json")],
        service.api.clone(),
    )
}
