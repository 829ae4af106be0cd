-- One row per organisation's self-assessment. Answers and scores are JSON text: the questionnaire evolves
-- by version, and the endpoint recomputes scores from the answers whenever it needs them.
CREATE TABLE submissions (
    id TEXT PRIMARY KEY NOT NULL,
    member TEXT NOT NULL,
    questionnaire_version INTEGER NOT NULL,
    lang TEXT NOT NULL,
    country TEXT,
    answers TEXT NOT NULL,
    scores TEXT NOT NULL,
    received_at TEXT NOT NULL
);

CREATE INDEX submissions_country ON submissions (country);
