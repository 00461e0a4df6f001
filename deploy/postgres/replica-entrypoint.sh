#!/usr/bin/env bash
# The entrypoint of deploy/compose.yaml's postgres-replica, a streaming standby of the primary.
# When its data directory is empty it copies the primary (pg_basebackup: -R writes
# standby.signal and primary_conninfo, -X stream brings the WAL written during the copy), then it
# hands over to the image's own entrypoint, which finds a database, skips initdb and starts
# PostgreSQL as a hot standby that follows the primary.
set -Eeuo pipefail

: "${PGDATA:?}" "${PRIMARY_HOST:?}" "${REPLICATION_USER:?}"
: "${REPLICATION_PASSWORD:?set POSTGRES_REPLICATION_PASSWORD in deploy/.env}"
PRIMARY_PORT="${PRIMARY_PORT:-5432}"
# For pg_basebackup now, and for the standby's WAL receiver later (libpq reads it too).
export PGPASSWORD="$REPLICATION_PASSWORD"

if [ -z "$(ls -A "$PGDATA" 2>/dev/null)" ]; then
    echo "replica: $PGDATA is empty: copying the primary at $PRIMARY_HOST:$PRIMARY_PORT" >&2
    until pg_isready --quiet --host="$PRIMARY_HOST" --port="$PRIMARY_PORT"; do
        sleep 1
    done
    mkdir -p "$PGDATA"
    as_postgres=()
    if [ "$(id -u)" = 0 ]; then
        chown postgres:postgres "$PGDATA"
        as_postgres=(gosu postgres)
    fi
    chmod 0700 "$PGDATA"
    # On failure pg_basebackup empties the directory again: the next start tries afresh.
    "${as_postgres[@]}" pg_basebackup --pgdata="$PGDATA" \
        --host="$PRIMARY_HOST" --port="$PRIMARY_PORT" --username="$REPLICATION_USER" \
        --no-password --write-recovery-conf --wal-method=stream --checkpoint=fast
    echo "replica: copied; starting as a standby" >&2
fi

exec docker-entrypoint.sh "$@"
