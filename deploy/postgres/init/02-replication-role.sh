#!/usr/bin/env bash
# The role the streaming replica connects as (deploy/compose.yaml's postgres-replica): it may
# replicate and log in, nothing else. The official image runs this once, on a new volume, with
# POSTGRES_REPLICATION_PASSWORD from the service's environment. On an existing volume, run the
# same statement once by hand (docs/OPERATIONS.md, "A read replica").
# The image's own shell options (it sources, rather than runs, a copy without its execute bit).
set -Eeo pipefail

: "${POSTGRES_REPLICATION_PASSWORD:?set POSTGRES_REPLICATION_PASSWORD in deploy/.env}"

psql -v ON_ERROR_STOP=1 --no-psqlrc --no-password \
    --username "${POSTGRES_USER:-postgres}" --dbname "${POSTGRES_DB:-postgres}" \
    -v password="$POSTGRES_REPLICATION_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE replicator WITH LOGIN REPLICATION PASSWORD %L', :'password')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'replicator')
\gexec
SQL
