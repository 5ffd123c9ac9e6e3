extension DatabaseUpgrade {
    /// Exit codes of the scripts, each with what it means.
    static let failures: [Int32: String] = [
        3: "cannot make the new data folder or the dumps folder",
        14: "no running container of the database's service",
        20: "the new server's container did not start",
        21: "the new server did not become ready",
        22: "pg_dump of the old server failed",
        23: "pg_restore into the new server failed",
        24: "the new server's pg_restore --list rejects the dump",
        25: "the new server stopped while the data was copied",
        30: "the new server did not stop",
        31: "the new server did not shut down cleanly (it was killed or crashed): its folder is not trusted",
        32: "cannot move the old data folder aside",
        33: "cannot move the new data folder into place; the old one is back",
        40: "no data folder to return to",
        41: "cannot move the folders back",
    ]

    /// Prints what the check needs as `key=value` lines: the folder's `PG_VERSION`, the cluster's size, the free bytes
    /// beside it, the folders earlier upgrades kept (`<folder>.pg<N>…`), and the major of the target image's `postgres` binary.
    static let checkScript = #"""
        set -u
        folder=$1 image=$2 service=$3 project=$4
        [ -f "$folder/PG_VERSION" ] && printf 'pgversion=%s\n' "$(head -c 16 "$folder/PG_VERSION" | tr -dc 0-9.)"
        for k in "$folder".pg[0-9]*; do [ -e "$k" ] && printf 'kept=%s\n' "$k"; done
        printf 'avail=%s\n' "$(df -Pk "$(dirname "$folder")" | awk 'NR == 2 { printf "%.0f", $4 * 1024 }')"
        \#(ComposeOrchestrator.findContainer)
        if [ -n "$id" ]; then
          printf 'size=%s\n' "$(docker exec "$id" sh -c 'psql -U "${POSTGRES_USER:-postgres}" -d postgres -Atc "select sum(pg_database_size(datname)) from pg_database"')"
        fi
        if docker image inspect "$image" >/dev/null 2>&1 || docker pull -q "$image" >/dev/null 2>&1; then
          printf 'binary=%s\n' "$(docker run --rm --network none "$image" postgres --version 2>/dev/null | head -n1)"
        fi
        """#

    /// Starts the new major's server on an empty folder beside the old one, then streams every database into it:
    /// `pg_dump -Fc` of the old server, kept as a file while `pg_restore` reads it, then listed by the new binary.
    ///
    /// The dump is compressed at level 1: on a small server, gzip's default level costs more CPU than the restore does.
    /// The helper container gets only the old container's `POSTGRES_*` settings and user, no network, and the roles
    /// (with their password hashes) of `pg_dumpall --globals-only`; its `pg_hba.conf` is the old cluster's.
    static let copyScript = #"""
        set -u
        umask 077
        old=$1 new=$2 dumps=$3 image=$4 helper=$5 service=$6 project=$7
        \#(ComposeOrchestrator.findContainer)
        [ -n "$id" ] || exit 14
        docker rm -f "$helper" >/dev/null 2>&1
        rm -rf "$new" && mkdir -p "$new" "$dumps" || exit 3
        chown --reference="$old" "$new" 2>/dev/null; chmod 700 "$new"
        work=$(mktemp -d) || exit 3
        trap 'rm -rf "$work"' EXIT
        docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' "$id" | grep -E '^POSTGRES_(USER|PASSWORD|HOST_AUTH_METHOD|INITDB_ARGS)=' > "$work/env"
        user=$(docker inspect -f '{{.Config.User}}' "$id")
        u=$(sed -n 's/^POSTGRES_USER=//p' "$work/env"); u=${u:-postgres}
        docker run -d --name "$helper" --label berth.upgrade="$project/$service" --network none ${user:+--user "$user"} \
          --env-file "$work/env" -e POSTGRES_DB=postgres -e PGDATA=/var/lib/postgresql/data -v "$new:/var/lib/postgresql/data" \
          "$image" postgres >/dev/null || exit 20
        # Ready on TCP: the setup server of a first start listens on its socket only, and is stopped again.
        i=0
        until docker exec "$helper" pg_isready -h 127.0.0.1 -U "$u" -d postgres -q 2>/dev/null; do
          i=$((i + 1))
          [ "$i" -lt 600 ] && [ "$(docker inspect -f '{{.State.Running}}' "$helper" 2>/dev/null)" = true ] || { docker logs --tail 5 "$helper" >&2; exit 21; }
          sleep 0.2
        done
        docker exec "$id" pg_dumpall -U "$u" --globals-only > "$dumps/globals.sql" || exit 22
        # The bootstrap role exists already; every other statement must apply.
        docker exec -i "$helper" psql -U "$u" -d postgres -q < "$dumps/globals.sql" > /dev/null 2>"$work/globals"
        grep -v 'already exists' "$work/globals" | grep 'ERROR' >&2 && exit 23
        for db in $(docker exec "$id" psql -U "$u" -d postgres -Atc "select datname from pg_database where not datistemplate and (datname <> 'postgres' or exists (select 1 from pg_class where oid >= 16384)) order by 1"); do
          f=$dumps/$db.dump
          if [ "$db" = postgres ]; then into=; else into=--create; fi
          { docker exec "$id" pg_dump -U "$u" -Fc -Z 1 "$db"; echo $? > "$work/dumped"; } | tee "$f.partial" \
            | { docker exec -i "$helper" pg_restore -U "$u" $into -d postgres --exit-on-error; echo $? > "$work/restored"; }
          [ "$(cat "$work/dumped")" = 0 ] || exit 22
          [ "$(docker inspect -f '{{.State.Running}}' "$helper" 2>/dev/null)" = true ] || exit 25
          [ "$(cat "$work/restored")" = 0 ] || exit 23
          docker exec -i "$helper" pg_restore --list < "$f.partial" > /dev/null || exit 24
          mv -f "$f.partial" "$f"
          printf 'dumped %s %s\n' "$db" "$(stat -c %s "$f")"
        done
        cp -p "$old/pg_hba.conf" "$new/pg_hba.conf" 2>/dev/null || true
        docker exec "$helper" psql -U "$u" -d postgres -qAtc 'select pg_reload_conf()' > /dev/null
        """#

    /// `$1` a container, `$2` ``AdoptionSwitch/countScript``: every table's exact row count, `<db>.<schema>.<table> <n>`.
    static let countScript = #"""
        set -u
        c=$1 count=$2 service=${3:-} project=${4:-}
        if [ -z "$c" ]; then \#(ComposeOrchestrator.findContainer); c=$id; fi
        [ -n "$c" ] || exit 14
        docker exec "$c" sh -c "$count"
        """#

    /// Stops the new server cleanly, then the old one, and swaps the folders; the old one is kept beside.
    /// Any failure puts the old folder back and starts the old server again.
    static let swapScript = #"""
        set -u
        old=$1 new=$2 kept=$3 helper=$4 service=$5 project=$6
        docker stop -t 120 "$helper" >/dev/null 2>&1 || exit 30
        [ "$(docker inspect -f '{{.State.ExitCode}}' "$helper" 2>/dev/null)" = 0 ] || exit 31
        docker rm "$helper" >/dev/null
        \#(ComposeOrchestrator.findContainer)
        [ -z "$id" ] || docker stop -t 120 "$id" >/dev/null || exit 32
        mv "$old" "$kept" || { [ -z "$id" ] || docker start "$id" >/dev/null; exit 32; }
        if ! mv "$new" "$old"; then
          mv "$kept" "$old"; [ -z "$id" ] || docker start "$id" >/dev/null; exit 33
        fi
        sync
        """#

    /// Before the swap, what a failed copy leaves goes: the helper and the new folder. The old server never stopped.
    static let discardScript = #"""
        helper=$1 new=$2
        docker rm -f "$helper" >/dev/null 2>&1
        rm -rf "$new"
        """#

    /// `berth db upgrade --rollback`: the folder that serves now moves aside as `$2`, the kept one comes back.
    static let returnScript = #"""
        set -u
        folder=$1 aside=$2 kept=$3
        [ -d "$kept" ] || exit 40
        mv "$folder" "$aside" || exit 41
        mv "$kept" "$folder" || { mv "$aside" "$folder"; exit 41; }
        sync
        """#
}
