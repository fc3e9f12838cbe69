-- A migration this version of the app does not have: a database written by a newer version (ClassStoreContract).
CREATE TABLE from_a_newer_version (id BIGINT NOT NULL);
