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
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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

-- Append-only: no row is ever changed or removed, by the application's role or any other that
-- cannot disable triggers (a superuser can; the deployment gives the application no such role).
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END
$$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
