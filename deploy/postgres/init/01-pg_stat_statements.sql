-- Run once per database (the official image runs /docker-entrypoint-initdb.d/*.sql on first start).
-- Needs shared_preload_libraries = 'pg_stat_statements' (deploy/postgres/vocabquiz.conf).
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
