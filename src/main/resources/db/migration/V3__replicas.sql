-- Several server processes (replicas) for one class, sharing this database (docs/deployment.md, "Replicas").
-- Each replica writes who is connected to it (a bounded JSON document) about once a second; the class view of
-- every replica merges the other replicas' fresh rows. The students the instructor hid are kept here so every
-- replica hides them. Times are milliseconds since 1970-01-01 UTC.

CREATE TABLE replica_rosters (
    replica_id TEXT   NOT NULL PRIMARY KEY,
    roster     TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE hidden_students (
    student_id TEXT   NOT NULL PRIMARY KEY,
    hidden_at  BIGINT NOT NULL
);

-- Names chosen on one replica are read by the others: "the names changed since".
CREATE INDEX students_by_update ON students (updated_at);
