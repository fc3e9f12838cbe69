-- The class: students' display names, experiments pushed to the class, challenges and their scored submissions.
-- Portable SQL for SQLite and PostgreSQL; ${auto_id} is the one difference (a numbered primary key).
-- Times are milliseconds since 1970-01-01 UTC.

CREATE TABLE students (
    id           TEXT   NOT NULL PRIMARY KEY,
    display_name TEXT   NOT NULL,
    updated_at   BIGINT NOT NULL
);

CREATE TABLE pushes (
    id          ${auto_id},
    lesson_slug TEXT   NOT NULL,
    title       TEXT   NOT NULL,
    spec        TEXT   NOT NULL,
    pushed_at   BIGINT NOT NULL
);

CREATE TABLE challenges (
    id          ${auto_id},
    lesson_slug TEXT   NOT NULL,
    title       TEXT   NOT NULL,
    spec        TEXT   NOT NULL,
    score_order TEXT   NOT NULL CHECK (score_order IN ('lower', 'higher')),
    created_at  BIGINT NOT NULL,
    closed_at   BIGINT
);

CREATE TABLE submissions (
    id           ${auto_id},
    challenge_id BIGINT           NOT NULL REFERENCES challenges (id),
    student_id   TEXT             NOT NULL,
    spec         TEXT             NOT NULL,
    score        DOUBLE PRECISION NOT NULL,
    submitted_at BIGINT           NOT NULL
);

CREATE INDEX submissions_by_challenge ON submissions (challenge_id, id);
