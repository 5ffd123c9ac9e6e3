extension ServerEnvScript {
    /// Puts back every token in standard input: `values` holds `token<TAB>value` lines.
    static let awkRestore = #"""
        NR == FNR { t = index($0, "\t"); value[substr($0, 1, t - 1)] = substr($0, t + 1); next }
        { out = ""; line = $0
          while ((p = index(line, "@@" tag "-")) > 0) {
            q = index(substr(line, p + 2), "@@")
            if (q == 0) break
            token = substr(line, p, q + 3)
            if (token in value) { out = out substr(line, 1, p - 1) value[token]; line = substr(line, p + q + 3) }
            else { out = out substr(line, 1, p + 1); line = substr(line, p + 2) }
          }
          print out line }
        """#

    /// Writes `.env` files from texts with tokens, all or none.
    ///
    /// Arguments: tag; N, then N × (path, checksum as read); G, then G × (token, length, characters);
    /// R, then R × path to make 0600; then (path, text) pairs. A file that changed since it was
    /// read stops everything (exit 3) before anything is written.
    static let write = """
        set -eu
        umask 077
        tag=$1; n=$2; shift 2
        dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
        printf '@@%s-none@@\\t\\n' "$tag" > "$dir/values"
        i=0
        while [ "$i" -lt "$n" ]; do
          i=$((i + 1)); f=$1; sum=$2; shift 2
          now=-; if [ -f "$f" ] && [ ! -L "$f" ]; then now=$(sha256sum < "$f" | cut -c1-64); fi
          if [ "$now" != "$sum" ]; then printf '%s: changed while Berth read it; nothing was written, run the command again\\n' "$f" >&2; exit 3; fi
          if [ "$sum" != - ]; then
            awk -v tag="$tag" -v n="$i" '\(awkStatement)
            statement($0) { printf "@@%s-%s-%s@@\\t%s\\n", tag, n, NR, rest }' "$f" >> "$dir/values"
          fi
        done
        g=$1; shift
        while [ "$g" -gt 0 ]; do
          g=$((g - 1)); token=$1; length=$2; chars=$3; shift 3
          value=$(LC_ALL=C tr -dc "$chars" < /dev/urandom | head -c "$length")
          if [ "${#value}" -ne "$length" ]; then echo "the server could not generate a secret" >&2; exit 3; fi
          printf '%s\\t%s\\n' "$token" "$value" >> "$dir/values"
        done
        r=$1; shift
        while [ "$r" -gt 0 ]; do r=$((r - 1)); chmod 600 "$1"; shift; done
        staged=
        while [ "$#" -gt 0 ]; do
          f=$1; shift
          mkdir -p "${f%/*}"
          printf '%s' "$1" | awk -v tag="$tag" '\(awkRestore)' "$dir/values" - > "$f.berth-new"
          shift
          chmod 600 "$f.berth-new"
          if [ -f "$f" ]; then chown --reference="$f" "$f.berth-new" 2>/dev/null || true; fi
          staged="$staged $f"
        done
        for f in $staged; do mv -f "$f.berth-new" "$f"; done
        """
}
