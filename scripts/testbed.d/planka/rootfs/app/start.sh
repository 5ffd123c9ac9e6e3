#!/bin/sh
# STAND-IN for planka's start script (Berth testbed), not Planka. Runs fine as uid 1000.
# Sets up the file folders of the version STANDIN_VERSION names (1.x: three folders; 2.x: all
# under /app/data, and the check for 1.x folders not yet migrated), writes the bootstrap/config
# JSON from the environment, then serves HTTP on :1337 (routes.sh). README.md says what it models.
. /usr/local/lib/standin/lib.sh
. /usr/local/lib/standin/planka.sh
mkdir -p /tmp/standin
rm -f /tmp/standin/unmigrated

# What Planka 1.x wrote, so a test can tell its files after a migration (fixed: an unchanged
# folder keeps its checksums across restarts).
MARKER_TEXT='Planka 1.x file folder (berth testbed stand-in)'

case "${STANDIN_VERSION:-2}" in
  1.*)
    for dir in $(planka_folders); do
      mkdir -p "$dir" 2>/dev/null
      if [ ! -d "$dir" ] || [ ! -w "$dir" ]; then
        echo "planka stand-in ${STANDIN_VERSION}: $dir is missing or not writable by uid $(id -u); Planka 1.x keeps its files there" >&2
        exit 1
      fi
      [ -e "$dir/.planka-1" ] || printf '%s\n' "$MARKER_TEXT" > "$dir/.planka-1" || {
        echo "planka stand-in ${STANDIN_VERSION}: cannot write $dir/.planka-1" >&2
        exit 1
      }
    done ;;
  *)
    for dir in $(planka_folders); do
      mkdir -p "$dir" 2>/dev/null
      if [ ! -d "$dir" ] || [ ! -w "$dir" ]; then
        echo "planka stand-in ${STANDIN_VERSION}: $dir is missing or not writable by uid $(id -u); Planka 2.x keeps its files under /app/data" >&2
        exit 1
      fi
      # Planka 2's own start (db:migrate, its upgrade) takes over 1.x data moved into its place.
      rm -f "$dir/.planka-1"
    done
    # What is still 1.x's: its folder names at the top of /app/data, or a 1.x folder moved
    # anywhere else under protected/ or private/ (its marker survived the step above).
    problem=
    for old in user-avatars project-background-images attachments; do
      [ ! -e "/app/data/$old" ] || problem="$problem /app/data/$old"
    done
    left=$(find /app/data/protected /app/data/private -name .planka-1 2>/dev/null | sed 's|/\.planka-1$||' | sort | tr '\n' ' ')
    [ -z "$left" ] || problem="$problem ${left% }"
    if [ -n "$problem" ]; then
      printf 'Planka 1.x files not migrated to the 2.x layout (protected/user-avatars, protected/background-images, private/attachments under /app/data):%s\n' "$problem" > /tmp/standin/unmigrated
      echo "planka stand-in ${STANDIN_VERSION}: $(cat /tmp/standin/unmigrated); every HTTP answer is a 500" >&2
    fi ;;
esac

if [ -n "$OIDC_ISSUER" ]; then
  case "$OIDC_ENFORCED" in true|TRUE|True|1) enforced=true ;; *) enforced=false ;; esac
  oidc="{\"authorizationUrl\":\"$OIDC_ISSUER\",\"endSessionUrl\":null,\"isEnforced\":$enforced}"
else
  oidc=null
fi
printf '{"item":{"oidc":%s,"version":"%s"}}' "$oidc" "${STANDIN_VERSION:-unknown}" > /tmp/standin/bootstrap.json
standin_serve 1337
standin_wait
