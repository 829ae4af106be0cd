-- Releases are computed from a ledger of counts and group sums (forus_model::disclosure::Ledger), not from every
-- submission, so their cost and the endpoint's memory do not grow with the number of submissions. The endpoint
-- fills the ledger from the approved submissions at its first start after this migration (their answers are
-- JSON the model reads). Releases of the earlier format, which held sets of submission hashes, are dropped: the
-- first release after the upgrade publishes the approved submissions afresh.
DELETE FROM releases;

-- One row: the newest release, which tags the submissions that start counting now. Writers read it under a
-- shared lock and a release takes it exclusively, so no submission is tagged with a release that did not see it.
CREATE TABLE figure_epoch (
    id BIGINT PRIMARY KEY NOT NULL,
    seq BIGINT NOT NULL,
    -- The questionnaire version the ledger holds; 0 until the endpoint has filled it.
    questionnaire_version BIGINT NOT NULL
);
INSERT INTO figure_epoch (id, seq, questionnaire_version) VALUES (1, 0, 0);

-- Each approved submission of that version: where it counts, since which release (`joined`), and whether it
-- counts now (0: it left since its country's figures were frozen; kept until they next change).
CREATE TABLE contributions (
    submission_id TEXT PRIMARY KEY NOT NULL,
    country TEXT NOT NULL,
    org_type TEXT NOT NULL,
    joined BIGINT NOT NULL,
    counting BIGINT NOT NULL
);
CREATE INDEX contributions_tally ON contributions (country, org_type, counting, joined);

-- Per country and organisation type: the sums (JSON, forus_model::disclosure::Sums) of the submissions counting.
CREATE TABLE figure_groups (
    country TEXT NOT NULL,
    org_type TEXT NOT NULL,
    sums TEXT NOT NULL,
    PRIMARY KEY (country, org_type)
);

-- Startup looks for deletion tokens still stored in plain text (rows from before they were hashed): without this
-- index that is a scan of every submission at every start.
CREATE INDEX submissions_plain_token ON submissions (id) WHERE deletion_token <> '';
