# The repository half of the kopia STAND-IN (Berth testbed), sourced by /bin/kopia. Not Kopia: it keeps no
# data anywhere. It reads the backends and flags real Kopia 0.23 takes, reaches the store as Kopia would have
# to, and records which repository it is connected to; nothing is ever uploaded.

# Where the connected repository is recorded: the config folder, beside real Kopia's repository.config.
REPOSITORY_RECORD=${STANDIN_KOPIA_REPOSITORY:-/app/config/standin-repository}
# The file a filesystem repository holds, as real Kopia's format blob is named.
MARKER=kopia.repository

standin_die() { echo "kopia stand-in: $*" >&2; exit 1; }

# repository_flags ARG...: reads Kopia's backend flags (--flag=value or --flag value) into variables, the
# credentials falling back to the environment variables real Kopia reads them from.
repository_flags() {
  path='' bucket='' endpoint=s3.amazonaws.com prefix='' tls=1 url='' host='' port=22 user='' keyfile='' keydata='' knownhosts='' knownhostsdata='' sftppass=''
  access=${AWS_ACCESS_KEY_ID:-} secret=${AWS_SECRET_ACCESS_KEY:-} davuser=${KOPIA_WEBDAV_USERNAME:-} davpass=${KOPIA_WEBDAV_PASSWORD:-}
  while [ $# -gt 0 ]; do
    case "$1" in
      --disable-tls) tls=0; shift; continue ;;
      # Kopia's switches: none changes what the stand-in models.
      --disable-tls-verification|--flat|--embed-credentials|--external|--atomic-writes|--readonly|--enable-actions|--create-only|-c|--no-*)
        shift; continue ;;
      --*=*) name=${1%%=*} value=${1#*=}; shift ;;
      --*) [ $# -ge 2 ] || standin_die "flag $1 needs a value"; name=$1 value=$2; shift 2 ;;
      *) standin_die "unexpected argument '$1'" ;;
    esac
    case "$name" in
      --path) path=$value ;; --bucket) bucket=$value ;; --endpoint) endpoint=$value ;; --prefix) prefix=$value ;;
      --access-key) access=$value ;; --secret-access-key) secret=$value ;;
      --url) url=$value ;; --webdav-username) davuser=$value ;; --webdav-password) davpass=$value ;;
      --host) host=$value ;; --port) port=$value ;; --username) user=$value ;; --sftp-password) sftppass=$value ;;
      --keyfile) keyfile=$value ;; --key-data) keydata=$value ;;
      --known-hosts) knownhosts=$value ;; --known-hosts-data) knownhostsdata=$value ;;
    esac
  done
}

# probe_http URL WHAT [LOGIN]: any HTTP answer within 5 s is a store that answers; LOGIN (user:password) is sent as
# basic auth, and a 401 to it is a refused login. Busybox's `wget -T` crashes, hence `timeout`.
probe_http() {
  if [ -n "${3:-}" ]; then
    out=$(timeout 5 wget -S --spider -O /dev/null --header "Authorization: Basic $(printf '%s' "$3" | base64)" "$1" 2>&1)
  else
    out=$(timeout 5 wget -S --spider -O /dev/null "$1" 2>&1)
  fi
  status=$(printf '%s\n' "$out" | sed -n 's/^ *HTTP\/[0-9.]* \([0-9][0-9][0-9]\).*/\1/p' | tail -n1)
  if [ -z "$status" ]; then
    reason=$(printf '%s\n' "$out" | grep -v '^Connecting to' | tail -n1)
    echo "kopia stand-in: cannot reach $2 $1: ${reason:-no answer within 5 s}" >&2
    return 1
  fi
  if [ "$status" = 401 ] && [ -n "${3:-}" ]; then
    echo "kopia stand-in: $2 $1 refused the login (401)" >&2
    return 1
  fi
  return 0
}

# probe_tcp HOST PORT WHAT: a TCP connection within 5 s.
probe_tcp() {
  err=$(nc -w 5 "$1" "$2" -e /bin/true 2>&1 >/dev/null) && return 0
  echo "kopia stand-in: cannot reach $3 $1 port $2: ${err:-no connection within 5 s}" >&2
  return 1
}

# repository_reach KIND: checks the flags real Kopia requires, then reaches the store; sets `what`, the words said of it.
repository_reach() {
  case "$1" in
    filesystem)
      [ -n "$path" ] || standin_die "filesystem needs --path"
      what="filesystem repository at $path" ;;
    s3)
      [ -n "$bucket" ] || standin_die "s3 needs --bucket"
      [ -n "$access" ] && [ -n "$secret" ] || standin_die "s3 needs --access-key and --secret-access-key (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)"
      scheme=https; [ "$tls" = 1 ] || scheme=http
      what="s3 bucket $bucket${prefix:+ (prefix $prefix)} at $scheme://$endpoint"
      probe_http "$scheme://$endpoint/" "s3 endpoint" || exit 1 ;;
    webdav)
      [ -n "$url" ] || standin_die "webdav needs --url"
      [ -z "$davuser" ] || [ -n "$davpass" ] || standin_die "webdav user $davuser has no password, and Kopia would ask for it on a terminal: set KOPIA_WEBDAV_PASSWORD"
      what="webdav folder $url"
      probe_http "$url" "webdav server" "${davuser:+$davuser:$davpass}" || exit 1 ;;
    sftp)
      [ -n "$path" ] && [ -n "$host" ] && [ -n "$user" ] || standin_die "sftp needs --path, --host and --username"
      [ -n "$sftppass$keyfile$keydata" ] || standin_die "sftp: must provide either --sftp-password, --keyfile or --key-data"
      [ -n "$knownhosts$knownhostsdata" ] || standin_die "sftp: must provide either --known-hosts or --known-hosts-data"
      [ -z "$keyfile" ] || [ -r "$keyfile" ] || standin_die "sftp: unable to read key file $keyfile"
      [ -z "$knownhosts" ] || [ -r "$knownhosts" ] || standin_die "sftp: unable to read known hosts file $knownhosts"
      what="sftp folder $path on $user@$host:$port"
      probe_tcp "$host" "$port" "sftp server" || exit 1 ;;
    *) standin_die "unsupported backend '$1' (the stand-in models filesystem, s3, webdav and sftp)" ;;
  esac
}

# repository_command create|connect KIND FLAGS...: what `kopia repository create|connect` does, as the stand-in models it.
repository_command() {
  verb=$1 kind=${2:-}
  [ -n "$kind" ] || standin_die "repository $verb needs a backend (filesystem, s3, webdav, sftp)"
  shift 2
  repository_flags "$@"
  [ -n "${KOPIA_PASSWORD:-}" ] || standin_die "no repository password: set KOPIA_PASSWORD (Kopia would ask on a terminal)"
  repository_reach "$kind"
  if [ "$kind" = filesystem ]; then
    if [ "$verb" = create ]; then
      [ ! -e "$path/$MARKER" ] || standin_die "found existing data in storage location $path"
      mkdir -p "$path" && echo "kopia stand-in repository, created $(date -u +%Y-%m-%dT%H:%M:%SZ)" > "$path/$MARKER" \
        || standin_die "cannot write $path/$MARKER"
    else
      # The password is not checked: stacks of the test bed share the default folder, each with its own.
      [ -f "$path/$MARKER" ] || standin_die "no repository at $path ($MARKER is missing): create one first"
    fi
  fi
  # Off the server the stand-in cannot tell whether a repository is there: it uploads and reads nothing, so
  # connect and create both succeed once the store answers.
  { printf 'kind=%s\nwhat=%s\npath=%s\nendpoint=%s\ntls=%s\nurl=%s\nhost=%s\nport=%s\n' \
      "$kind" "$what" "$path" "$endpoint" "$tls" "$url" "$host" "$port"; } > "$REPOSITORY_RECORD" \
    || standin_die "cannot record the repository in $REPOSITORY_RECORD"
  case "$verb" in create) done="created and connected to" ;; *) done="connected to" ;; esac
  echo "stand-in: $done $what (records only; no data is uploaded)"
}

# recorded KEY: one value of the recorded repository.
recorded() { sed -n "s/^$1=//p" "$REPOSITORY_RECORD" | head -n1; }

# repository_check: the connected repository answers now, as a snapshot, a listing or a verify needs it to.
repository_check() {
  [ -f "$REPOSITORY_RECORD" ] || standin_die "repository is not connected (no $REPOSITORY_RECORD): run kopia repository connect"
  what=$(recorded what)
  case "$(recorded kind)" in
    filesystem) [ -f "$(recorded path)/$MARKER" ] || standin_die "the $what is gone ($MARKER is missing)" ;;
    s3) scheme=https; [ "$(recorded tls)" = 1 ] || scheme=http; probe_http "$scheme://$(recorded endpoint)/" "s3 endpoint" || return 1 ;;
    webdav) probe_http "$(recorded url)" "webdav server" "${KOPIA_WEBDAV_USERNAME:+$KOPIA_WEBDAV_USERNAME:${KOPIA_WEBDAV_PASSWORD:-}}" || return 1 ;;
    sftp) probe_tcp "$(recorded host)" "$(recorded port)" "sftp server" || return 1 ;;
    # Connected by hand through rclone (`kopia repository connect rclone`): its remote is in the mounted config.
    rclone) [ -f /app/rclone/rclone.conf ] || standin_die "the $what has no /app/rclone/rclone.conf" ;;
    *) standin_die "$REPOSITORY_RECORD names no repository kind" ;;
  esac
}
