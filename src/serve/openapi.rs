//! The API as OpenAPI 3.1, generated from the route declarations (`router.rs`), the handlers'
//! `#[utoipa::path]` descriptions and the types they answer with; served at `/openapi.json`
//! and committed as `openapi.json` (a test keeps the two equal). The report's schema is the
//! one `uppfoljning schema` prints, its definitions moved under `components`.

use serde::Serialize;
use serde_json::Value;
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type,
};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{OpenApi, RefOr};
use utoipa::{IntoResponses, Modify, PartialSchema, ToSchema};

use super::access::SCHEME;
use crate::base::limits::MAX_CASE_REPORTS;

/// The description's frame: its title, version, licence and security scheme; the paths come
/// from the declarations.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "uppfoljning",
        description = "Contract follow-up reports (Uppföljning av avtal) as PDF/A-2a + PDF/UA-1, the same bytes as the command line.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0"),
    ),
    modifiers(&BearerScheme),
)]
pub(crate) struct Frame;

/// The one security scheme: an API key or an access token as a bearer.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, api: &mut OpenApi) {
        let components = api.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "an API key from the service's configuration, or an access token (JWT) from the configured OpenID provider",
            ))
            .build();
        components.add_security_scheme(SCHEME, SecurityScheme::Http(scheme));
    }
}

/// The description as pretty JSON, with the report's schema under `components`.
pub(crate) fn json(api: &OpenApi) -> String {
    let mut value = serde_json::to_value(api).unwrap_or_default();
    if let Some(Value::Object(schemas)) = value.pointer_mut("/components/schemas") {
        schemas.extend(report_schemas());
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// The report's schema with its definitions under `components`.
fn report_schemas() -> serde_json::Map<String, Value> {
    let mut report = crate::report::schema::value();
    let text = report
        .to_string()
        .replace("\"#/$defs/", "\"#/components/schemas/");
    report = serde_json::from_str(&text).unwrap_or(report);
    let mut schemas = serde_json::Map::new();
    if let Some(Value::Object(defs)) = report.as_object_mut().and_then(|r| r.remove("$defs")) {
        schemas.extend(defs);
    }
    if let Some(object) = report.as_object_mut() {
        object.remove("$schema");
    }
    schemas.insert("Report".into(), report);
    schemas
}

/// A report, as JSON: its schema is the one `uppfoljning schema` prints (put in place by
/// [`json`]).
pub(crate) struct Report;

impl PartialSchema for Report {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new().schema_type(Type::Object).into()
    }
}

impl ToSchema for Report {}

/// A report as the workspace keeps it: any mapping, problems and all (a date not yet known is
/// no reason to lose the officer's text); `check` says what it lacks.
pub(crate) struct Draft;

impl PartialSchema for Draft {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some(
                "a report as YAML or JSON, kept with its problems: any mapping",
            ))
            .into()
    }
}

impl ToSchema for Draft {}

/// A draft with its images, as `multipart/form-data`.
pub(crate) struct DraftParts;

impl PartialSchema for DraftParts {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("report", text("the report as YAML or JSON: any mapping"))
            .required("report")
            .additional_properties(Some(image_parts()))
            .into()
    }
}

impl ToSchema for DraftParts {}

/// A string schema with `description`.
fn text(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
}

/// Binary content with `description`.
fn binary(description: &str) -> ObjectBuilder {
    text(description).format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
}

/// An image part, named by the relative path the report gives it.
fn image_parts() -> AdditionalProperties<Schema> {
    AdditionalProperties::RefOr(
        binary("an image, named by the relative path the report gives it").into(),
    )
}

/// A report with its images, as `multipart/form-data`.
pub(crate) struct ReportParts;

impl PartialSchema for ReportParts {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("report", text("the report as YAML or JSON"))
            .required("report")
            .additional_properties(Some(image_parts()))
            .into()
    }
}

impl ToSchema for ReportParts {}

/// The reports of one case with their images, as `multipart/form-data`.
pub(crate) struct CaseParts;

impl PartialSchema for CaseParts {
    fn schema() -> RefOr<Schema> {
        let reports = ArrayBuilder::new()
            .items(text("a report"))
            .max_items(Some(MAX_CASE_REPORTS))
            .description(Some(
                "a report as YAML or JSON, one part for each report of the case; a part's file name, if a safe relative name ending .yaml, .yml or .json, is the name its diagnostics show",
            ));
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("report", reports)
            .required("report")
            .additional_properties(Some(image_parts()))
            .into()
    }
}

impl ToSchema for CaseParts {}

/// A PDF and the report it is said to come from, with its images, as `multipart/form-data`.
pub(crate) struct VerifyParts;

impl PartialSchema for VerifyParts {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::Object)
            .property("pdf", binary("the PDF to verify"))
            .property("report", text("the report as YAML or JSON"))
            .required("pdf")
            .required("report")
            .additional_properties(Some(image_parts()))
            .into()
    }
}

impl ToSchema for VerifyParts {}

/// A problem answer's body (RFC 9457).
#[derive(Serialize, ToSchema)]
#[schema(as = Problem)]
pub(crate) struct ProblemBody {
    /// A stable `urn:uppfoljning:problem:*` identifier.
    r#type: String,
    /// What kind of problem, in words (in the language `Accept-Language` asks for: sv or en).
    title: String,
    /// The HTTP status.
    status: u16,
    /// This problem, in words, with the fix.
    detail: String,
    /// The request's id, as in the log line and the `X-Request-Id` header.
    request_id: String,
    /// The objects `check --message-format json` prints, for a report with problems.
    diagnostics: Option<Vec<serde_json::Map<String, Value>>>,
}

/// The answers every route that does work may give besides its own.
#[derive(IntoResponses)]
#[allow(dead_code)]
pub(crate) enum Refusals {
    /// The request cannot be read (not UTF-8, broken multipart, a missing part, an unknown
    /// query parameter).
    #[response(status = 400, content_type = "application/problem+json")]
    Malformed(ProblemBody),
    /// An API key or an access token is needed (when authentication is configured), or the
    /// token is not good.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(ProblemBody),
    /// The caller lacks the route's permission.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(ProblemBody),
    /// The body arrived slower than the service takes bodies.
    #[response(status = 408, content_type = "application/problem+json")]
    TooSlow(ProblemBody),
    /// The body is larger than the limit.
    #[response(status = 413, content_type = "application/problem+json")]
    TooLarge(ProblemBody),
    /// The body is not of a type the route takes.
    #[response(status = 415, content_type = "application/problem+json")]
    WrongType(ProblemBody),
    /// The report has problems (or a PDF to verify is no PDF): see diagnostics.
    #[response(status = 422, content_type = "application/problem+json")]
    Invalid(ProblemBody),
    /// The queue is full; try again after Retry-After seconds.
    #[response(status = 429, content_type = "application/problem+json")]
    QueueFull(ProblemBody),
    /// No render came free within the queue wait, no room for the body, or the issuer's keys
    /// are not loaded yet.
    #[response(status = 503, content_type = "application/problem+json")]
    Busy(ProblemBody),
    /// The render took longer than the time limit.
    #[response(status = 504, content_type = "application/problem+json")]
    TimeLimit(ProblemBody),
}
