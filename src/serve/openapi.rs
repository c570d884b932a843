//! The API as OpenAPI 3.1, served at `/openapi.json` and committed as `openapi.json` (a test
//! keeps the two equal). The report's schema is the one `uppfoljning schema` prints, its
//! definitions moved under `components`.

use serde_json::{Value, json};

/// The description, as pretty JSON.
pub(crate) fn json() -> String {
    serde_json::to_string_pretty(&value()).unwrap_or_default()
}

/// A problem answer's description.
fn problem(description: &str) -> Value {
    json!({
        "description": description,
        "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } }
    })
}

/// The answers every report route may give besides its own.
fn problems() -> Value {
    json!({
        "400": problem("the request cannot be read (not UTF-8, broken multipart, a missing part, an unknown query parameter)"),
        "401": problem("an API key or an access token is needed (when authentication is configured), or the token is not good"),
        "403": problem("the API key lacks the route's scope"),
        "413": problem("the body is larger than the limit"),
        "415": problem("the body is not of a type the route takes"),
        "422": problem("the report has problems (or a PDF to verify is no PDF): see diagnostics"),
        "429": problem("the queue is full; try again after Retry-After seconds"),
        "503": problem("no render came free within the queue wait, or the issuer's keys are not loaded yet"),
        "504": problem("the render took longer than the time limit"),
    })
}

/// The request body of a report route.
fn report_body() -> Value {
    let report = json!({ "$ref": "#/components/schemas/Report" });
    json!({
        "required": true,
        "content": {
            "application/yaml": { "schema": { "type": "string" } },
            "application/json": { "schema": report },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["report"],
                    "properties": { "report": { "type": "string", "description": "the report as YAML or JSON" } },
                    "additionalProperties": { "type": "string", "format": "binary", "description": "an image, named by the relative path the report gives it" }
                }
            }
        }
    })
}

/// A report route: `summary`, its request body and query parameters, and its answer when all
/// goes well.
fn report_route(id: &str, summary: &str, body: Value, parameters: Value, ok: Value) -> Value {
    let mut responses = problems();
    responses["200"] = ok;
    json!({ "post": {
        "operationId": id,
        "summary": summary,
        "parameters": parameters,
        "requestBody": body,
        "responses": responses,
    }})
}

/// A query parameter: a string, or a boolean.
fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

/// The request body of `/v1/archive`: one report, or several with their images.
fn case_body() -> Value {
    let mut body = report_body();
    body["content"]["multipart/form-data"]["schema"]["properties"]["report"] = json!({
        "type": "array",
        "maxItems": 100,
        "items": { "type": "string" },
        "description": "a report as YAML or JSON, one part for each report of the case; a part's file name, if a safe relative name ending .yaml, .yml or .json, is the name its diagnostics show"
    });
    body
}

/// The request body of `/v1/verify`: a PDF and its report.
fn verify_body() -> Value {
    json!({
        "required": true,
        "content": { "multipart/form-data": { "schema": {
            "type": "object",
            "required": ["pdf", "report"],
            "properties": {
                "pdf": { "type": "string", "format": "binary", "description": "the PDF to verify" },
                "report": { "type": "string", "description": "the report as YAML or JSON" }
            },
            "additionalProperties": { "type": "string", "format": "binary", "description": "an image, named by the relative path the report gives it" }
        } } }
    })
}

/// The query parameters of `/v1/archive`: the options of `archive`.
fn archive_parameters() -> Value {
    let line = json!({ "type": "string", "minLength": 1 });
    json!([
        query(
            "archival-creator",
            "the archival creator (arkivbildare) [default: the reports' organisation]",
            line.clone()
        ),
        query(
            "archival-creator-id",
            "the archival creator's identification code, e.g. its organisationsnummer",
            line.clone()
        ),
        query(
            "submitter",
            "who submits the package [default: the archival creator]",
            line.clone()
        ),
        query(
            "submission-agreement",
            "the submission agreement the package is delivered under",
            line.clone()
        ),
        query(
            "reference-code",
            "where in the archive's hierarchy the package belongs",
            line
        ),
        query(
            "created",
            "the package's creation date [default: the newest report's date]",
            json!({ "type": "string", "format": "date" })
        ),
    ])
}

/// A probe or a description: a GET answered with `content`.
fn get(id: &str, summary: &str, content: Value) -> Value {
    json!({ "get": {
        "operationId": id,
        "summary": summary,
        "security": [],
        "responses": { "200": { "description": summary, "content": content } }
    }})
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

/// The whole description.
fn value() -> Value {
    let text = |schema: Value| json!({ "text/plain": { "schema": schema } });
    let string = json!({ "type": "string" });
    let mut schemas = report_schemas();
    schemas.insert("Problem".into(), json!({
        "type": "object",
        "required": ["type", "title", "status", "detail", "request_id"],
        "properties": {
            "type": { "type": "string", "description": "a stable urn:uppfoljning:problem:* identifier" },
            "title": { "type": "string" },
            "status": { "type": "integer" },
            "detail": { "type": "string" },
            "request_id": { "type": "string" },
            "diagnostics": { "type": "array", "items": { "type": "object" }, "description": "the objects check --message-format json prints" }
        }
    }));
    let pdf = json!({ "description": "the PDF, the bytes `uppfoljning render` writes", "content": { "application/pdf": { "schema": { "type": "string", "format": "binary" } } } });
    let checked = json!({ "description": "no problems", "content": { "application/json": { "schema": {
        "type": "object", "required": ["diagnostics", "pages"],
        "properties": { "diagnostics": { "type": "array", "maxItems": 0 }, "pages": { "type": "integer", "minimum": 1 } }
    } } } });
    let embed = query(
        "embed-source",
        "attach the report's YAML to the PDF (PDF/A-3a unless pdf-standard says otherwise), as render --embed-source",
        json!({ "type": "boolean" }),
    );
    let standards = query(
        "pdf-standard",
        "the PDF standards, comma-separated as --pdf-standard takes them (e.g. a-2b,ua-1) [default: a-2a,ua-1; a-3a,ua-1 with the source]",
        json!({ "type": "string" }),
    );
    let zip = json!({ "description": "the package, the bytes `uppfoljning archive --zip` writes", "content": { "application/zip": { "schema": { "type": "string", "format": "binary" } } } });
    let digest = json!({ "type": "object", "required": ["bytes", "sha256"], "properties": { "bytes": { "type": "integer" }, "sha256": { "type": "string" } } });
    let verdict = json!({ "description": "the comparison (matches false if any byte differs)", "content": { "application/json": { "schema": {
        "type": "object", "required": ["matches", "embedded_source", "pdf", "rendered"],
        "properties": { "matches": { "type": "boolean" }, "embedded_source": { "type": "boolean" }, "pdf": digest.clone(), "rendered": digest }
    } } } });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "uppfoljning",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Contract follow-up reports (Uppföljning av avtal) as PDF/A-2a + PDF/UA-1, the same bytes as the command line.",
            "license": { "name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0" }
        },
        "paths": {
            "/v1/render": report_route("render", "render a report to its PDF", report_body(), json!([embed.clone(), standards.clone()]), pdf),
            "/v1/check": report_route("check", "check a report without keeping its PDF", report_body(), json!([embed, standards.clone()]), checked),
            "/v1/archive": report_route("archive", "the reports of one case as its FGS 2.0 archive package", case_body(), archive_parameters(), zip),
            "/v1/verify": report_route("verify", "whether a PDF is byte for byte what its report renders to", verify_body(), json!([standards]), verdict),
            "/v1/schema": get("schema", "the JSON Schema of a report", json!({ "application/schema+json": { "schema": { "type": "object" } } })),
            "/livez": get("livez", "the process is alive", text(string.clone())),
            "/readyz": get("readyz", "ready for work (503 while draining)", text(string.clone())),
            "/version": get("version", "the program and its version", json!({ "application/json": { "schema": { "type": "object" } } })),
            "/metrics": get("metrics", "the metrics, for Prometheus", json!({ "application/openmetrics-text": { "schema": string } })),
        },
        "components": {
            "schemas": schemas,
            "securitySchemes": { "apiKey": { "type": "http", "scheme": "bearer", "description": "an API key from the service's configuration, or an access token (JWT) from the configured OpenID provider" } }
        },
        "security": [{ "apiKey": [] }]
    })
}
