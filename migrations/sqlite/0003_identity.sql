-- Who is logged in, and what was done: the sessions of people logged in through the city's
-- OpenID provider, the logins begun and not yet finished, and the audit log.

-- A session, found by the keyed hash of its cookie (the cookie itself is never kept).
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    -- The provider's `sub`, and the name the person is shown and recorded by.
    subject TEXT NOT NULL,
    name TEXT NOT NULL,
    -- The role names the provider gave (a JSON array), and the person's organisation.
    roles TEXT NOT NULL,
    organisation TEXT NOT NULL,
    -- The token every change from the pages must carry (cross-site request forgery).
    csrf TEXT NOT NULL,
    -- The ID token, for the provider's logout (`id_token_hint`).
    id_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    -- The absolute end, whatever the use.
    expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_expiry ON sessions (expires_at);

-- A login begun: its `state` (hashed), the PKCE verifier, the nonce, where to go after.
CREATE TABLE logins (
    state_hash TEXT PRIMARY KEY,
    verifier TEXT NOT NULL,
    nonce TEXT NOT NULL,
    return_to TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Every login, logout, create, save, approval, archiving, download and refused attempt: who,
-- when, what, the report and version, the answer, the request's id. Never the report's text.
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    outcome TEXT NOT NULL,
    status BIGINT NOT NULL,
    report_id BIGINT,
    version BIGINT,
    request_id TEXT NOT NULL
);
CREATE INDEX audit_by_at ON audit (at);

-- Append-only: no row is ever changed or removed (the application's connection included).
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
