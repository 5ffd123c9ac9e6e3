#!/bin/sh
# STAND-IN for Uptime Kuma's entrypoint and server (Berth testbed), not Uptime Kuma: it monitors nothing.
# Creates /app/data/kuma.db (WAL, as Uptime Kuma does), writes heartbeat rows into it without pause,
# and serves HTTP on :3001, see routes.sh. Arguments (the image's CMD) are ignored.
. /usr/local/lib/standin/lib.sh
db=/app/data/kuma.db
mkdir -p /app/data
sqlite3 "$db" "PRAGMA journal_mode=WAL;" \
  "CREATE TABLE IF NOT EXISTS heartbeat (id INTEGER PRIMARY KEY, boot TEXT NOT NULL, time TEXT NOT NULL, msg BLOB NOT NULL);" >/dev/null || exit 1
# Each start writes under its own id, so a test can tell the rows of one run from the next.
boot=$(cat /proc/sys/kernel/random/uuid)
echo "$boot" > /tmp/standin-boot

# Eight rows of 1 kB every 20 ms, through one sqlite3 that waits up to 10 s for a lock.
heartbeats() {
  echo ".timeout 10000"
  while :; do
    echo "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8)" \
      "INSERT INTO heartbeat (boot, time, msg) SELECT '$boot', strftime('%Y-%m-%dT%H:%M:%f', 'now'), randomblob(1000) FROM n;"
    sleep 0.02
  done
}
writer() { heartbeats | sqlite3 "$db" >/dev/null; }
standin_background writer
standin_serve 3001
standin_wait
