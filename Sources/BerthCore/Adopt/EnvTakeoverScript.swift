/// The script ``EnvTakeover`` runs on the target. Values are read into files of a private temporary folder and
/// go from there into the `.env` files: never into a command line, a variable that is printed, or the output.
enum EnvTakeoverScript {
    /// `var`'s last statement in a `.env` file (any form compose reads: `export`, spaces around `=`), its right-hand
    /// side as written, as the line `out=<rhs>`. Exit 1: unset or empty; 2: a quote that does not close on its line.
    static let awkFile = #"""
        match($0, /^[ \t]*(export[ \t]+)?[A-Za-z_][A-Za-z0-9_]*[ \t]*[=:]/) {
          name = substr($0, 1, RLENGTH); sub(/^[ \t]*(export[ \t]+)?/, "", name); sub(/[ \t]*[=:]$/, "", name)
          if (name == var) { value = substr($0, RLENGTH + 1); sub(/\r$/, "", value); gsub(/^[ \t]+|[ \t]+$/, "", value) }
        }
        END {
          if (value == "" || value == "\"\"" || value == "\047\047" || substr(value, 1, 1) == "#") exit 1
          q = substr(value, 1, 1); s = substr(value, 2)
          if (q == "\047" && index(s, "\047") == 0) exit 2
          if (q == "\"") { gsub(/\\./, "", s); if (index(s, "\"") == 0) exit 2 }
          print out "=" value
        }
        """#

    /// `var` in a container's environment, one `NAME=value` a line as `docker inspect` prints it, as the line
    /// `out=value` (raw when only safe characters, else single-quoted). Exit 1: absent or empty; 2: unsafe.
    static let awkContainer = #"""
        found && NR == at + 1 { next_line = $0; seen = 1; next }
        found && NR == at + 2 { after = 1 }
        !found && index($0, var "=") == 1 { found = 1; at = NR; value = substr($0, length(var) + 2) }
        END {
          if (!found || value == "") exit 1
          if (seen && ((next_line != "" && next_line !~ /^[A-Za-z_][A-Za-z0-9_]*=/) || (next_line == "" && after))) exit 2
          if (value ~ /\r/) exit 2
          if (value ~ "^[A-Za-z0-9_./:@+=,%-]+$") { print out "=" value; exit 0 }
          if (index(value, "\047") == 0) { print out "=\047" value "\047"; exit 0 }
          exit 2
        }
        """#

    /// `$1` is `ServerEnvScript.set`; then, for each module, its `.env`, its key count and each key with its
    /// sources (see ``EnvTakeover/command(_:remote:)``). Every key is set on a copy first; once all are, each
    /// changed file gets a one-time `.env.before-adopt` and is replaced atomically, mode 0600, owner kept.
    /// Prints `took <module> <KEY> <origin>`, `kept <module> <KEY>`, `missing <module> <KEY>`, `unsafe <module> <KEY>`.
    static let text = #"""
        set -eu
        umask 077
        setkey=$1; shift
        dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
        : > "$dir/report"
        m=0
        while [ "$#" -gt 0 ]; do
          module=$1; f=$2; k=$3; shift 3
          m=$((m + 1)); w="$dir/w$m"
          if [ -L "$f" ]; then printf '%s: is a symbolic link; Berth never writes through one, nothing was written\n' "$f" >&2; exit 3; fi
          if [ -e "$f" ] && [ ! -f "$f" ]; then printf '%s: is not a regular file; nothing was written\n' "$f" >&2; exit 3; fi
          printf '%s' "$f" > "$dir/p$m"
          if [ -e "$f" ]; then cat "$f" > "$w"; cat "$f" > "$dir/o$m"; fi
          while [ "$k" -gt 0 ]; do
            k=$((k - 1)); key=$1; n=$2; shift 2
            took=; unsafe=
            while [ "$n" -gt 0 ]; do
              n=$((n - 1)); origin=$1; kind=$2; place=$3; var=$4; shift 4
              [ -z "$took$unsafe" ] || continue
              rc=1
              case $kind:$place in
                file:*) if [ -f "$place" ] && [ -r "$place" ]; then rc=0; awk -v var="$var" -v out="$key" '\#(awkFile)' "$place" > "$dir/line" || rc=$?; fi ;;
                container:[A-Za-z0-9]*)
                  case $place in *[!A-Za-z0-9_.-]*) continue ;; esac
                  c="$dir/c-$place"
                  [ -f "$c" ] || docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' "$place" > "$c" 2>/dev/null || : > "$c"
                  rc=0; awk -v var="$var" -v out="$key" '\#(awkContainer)' "$c" > "$dir/line" || rc=$? ;;
              esac
              case $rc in 0) took=$origin ;; 2) unsafe=1 ;; esac
            done
            if [ -n "$unsafe" ]; then echo "unsafe $module $key" >> "$dir/report"
            elif [ -z "$took" ]; then echo "missing $module $key" >> "$dir/report"
            else
              outcome=$(sh -c "$setkey" berth "$w" "$key" < "$dir/line" 2> "$dir/err") || {
                printf '%s: %s: ' "$f" "$key" >&2; cat "$dir/err" >&2; exit 3; }
              if [ "$outcome" = unchanged ]; then echo "kept $module $key"; else echo "took $module $key $took"; fi >> "$dir/report"
            fi
          done
        done
        i=0
        while [ "$i" -lt "$m" ]; do
          i=$((i + 1)); f=$(cat "$dir/p$i")
          if [ -L "$f" ] || { [ -f "$dir/o$i" ] && ! cmp -s "$dir/o$i" "$f"; } || { [ ! -f "$dir/o$i" ] && [ -e "$f" ]; }; then
            printf '%s: changed while Berth read it; nothing was written, run the command again\n' "$f" >&2; exit 3
          fi
        done
        i=0
        while [ "$i" -lt "$m" ]; do
          i=$((i + 1)); f=$(cat "$dir/p$i"); w="$dir/w$i"
          [ -f "$w" ] || continue
          if [ -f "$f" ] && cmp -s "$w" "$f"; then continue; fi
          b="$f.before-adopt"
          if [ -f "$f" ] && [ ! -e "$b" ] && [ ! -L "$b" ]; then
            rm -f "$b.berth-new"; cat "$f" > "$b.berth-new"; chmod 600 "$b.berth-new"
            chown --reference="$f" "$b.berth-new" 2>/dev/null || true
            mv -f "$b.berth-new" "$b"
          fi
          mkdir -p "${f%/*}"
          rm -f "$f.berth-new"; cat "$w" > "$f.berth-new"; chmod 600 "$f.berth-new"
          if [ -f "$f" ]; then chown --reference="$f" "$f.berth-new" 2>/dev/null || true; fi
          mv -f "$f.berth-new" "$f"
        done
        cat "$dir/report"
        """#
}
