-- Instructor sessions: only the SHA-256 of a session's secret id is kept, with when it expires.

CREATE TABLE instructor_sessions (
    id_hash        TEXT   NOT NULL PRIMARY KEY,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    client_address TEXT   NOT NULL
);

CREATE INDEX instructor_sessions_by_expiry ON instructor_sessions (expires_at);
