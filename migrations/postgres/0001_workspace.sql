-- The workspace: reports, every version of each as it was saved, the images once by content,
-- the approved versions' PDFs as approved, and the packages written for the e-archive.
-- Nothing is updated in place but a report's summary row, which points at its versions.
-- Times are RFC 3339 in UTC, as text, the same in SQLite and PostgreSQL.

CREATE TABLE reports (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- The summary, read from the current version's YAML (what the list shows and sorts by).
    dnr TEXT NOT NULL,
    contract TEXT NOT NULL,
    supplier TEXT NOT NULL,
    organisation TEXT NOT NULL,
    author TEXT NOT NULL,
    report_date TEXT NOT NULL,
    next_follow_up TEXT NOT NULL,
    -- What a search looks in: the summary's words, in lower case.
    search TEXT NOT NULL,
    -- draft, approved or archived.
    state TEXT NOT NULL CHECK (state IN ('draft', 'approved', 'archived')),
    current_version BIGINT NOT NULL,
    approved_version BIGINT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX reports_by_dnr ON reports (dnr);
CREATE INDEX reports_by_updated ON reports (updated_at);

CREATE TABLE versions (
    report_id BIGINT NOT NULL REFERENCES reports (id),
    number BIGINT NOT NULL,
    -- The YAML exactly as saved.
    yaml TEXT NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    note TEXT NOT NULL,
    -- How many problems `check` finds in it (a report with problems is kept all the same).
    problems BIGINT NOT NULL,
    -- The SHA-256 of its PDF, empty while it has problems.
    pdf_sha256 TEXT NOT NULL,
    PRIMARY KEY (report_id, number)
);

CREATE TABLE images (
    sha256 TEXT PRIMARY KEY,
    bytes BYTEA NOT NULL
);

CREATE TABLE version_images (
    report_id BIGINT NOT NULL,
    number BIGINT NOT NULL,
    -- The path the report's figure names.
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL REFERENCES images (sha256),
    PRIMARY KEY (report_id, number, path),
    FOREIGN KEY (report_id, number) REFERENCES versions (report_id, number)
);

CREATE TABLE approvals (
    report_id BIGINT NOT NULL,
    number BIGINT NOT NULL,
    -- The PDF as approved: the official record, whatever the templates or fonts become.
    pdf BYTEA NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    approved_at TEXT NOT NULL,
    PRIMARY KEY (report_id, number),
    FOREIGN KEY (report_id, number) REFERENCES versions (report_id, number)
);

CREATE TABLE archivings (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dnr TEXT NOT NULL,
    package_id TEXT NOT NULL,
    file TEXT NOT NULL,
    archived_by TEXT NOT NULL,
    archived_at TEXT NOT NULL
);
CREATE INDEX archivings_by_dnr ON archivings (dnr);
