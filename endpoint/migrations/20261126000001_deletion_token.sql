-- The token returned with a submission's 201 that lets its author erase it.
ALTER TABLE submissions ADD COLUMN deletion_token TEXT NOT NULL DEFAULT '';
