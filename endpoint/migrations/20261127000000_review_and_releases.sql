-- Review by the member platforms, releases of published figures, and deletion tokens the server never holds.

-- NULL until the endpoint classifies the rows stored before review existed, at its first start after this
-- migration (approved if their member needs no review, else pending): the registry is not in the database.
ALTER TABLE submissions ADD COLUMN status TEXT;
ALTER TABLE submissions ADD COLUMN decided_at TEXT;
ALTER TABLE submissions ADD COLUMN decided_by TEXT;
ALTER TABLE submissions ADD COLUMN reason TEXT;
-- SHA-256 of the deletion token the widget made; the plain `deletion_token` column is emptied at that start.
ALTER TABLE submissions ADD COLUMN deletion_token_hash TEXT NOT NULL DEFAULT '';
CREATE INDEX submissions_status ON submissions (status, questionnaire_version);
CREATE INDEX submissions_member ON submissions (member);

CREATE TABLE reviewers (
    id TEXT PRIMARY KEY NOT NULL,
    member TEXT NOT NULL,
    label TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);

-- Who decided what and when; never updated.
CREATE TABLE review_log (
    id TEXT PRIMARY KEY NOT NULL,
    submission_id TEXT NOT NULL,
    member TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    decided_by TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX review_log_member ON review_log (member, decided_at);

-- Each release: what the published figures are computed from (JSON, see forus_model::disclosure::Release).
CREATE TABLE releases (
    seq BIGINT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    content TEXT NOT NULL
);
