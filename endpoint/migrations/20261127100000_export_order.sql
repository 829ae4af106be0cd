-- The export reads submissions page by page in this order (keyset pagination), so that a long export holds no
-- read transaction open and memory stays flat however many submissions there are.
CREATE INDEX submissions_received ON submissions (received_at, id);
