# Routes of the authentik server STAND-IN on :9000 (sourced by http-handle).
#
# Forward auth, as the embedded outpost answers it (not authentik's logic):
#   /outpost.goauthentik.io/auth/caddy and /auth/traefik
#     with a cookie authentik_proxy_standin=<user>.<mac> that /-/berth-testbed/sign-in issued:
#       200 and X-authentik-username/-email/-name/-groups/-uid, plus the headers that the
#       scope mappings' additionalHeaders ask for, in the blueprints under /blueprints
#     otherwise: 302 to the sign-in start on the forwarded host, keeping where the user was going in rd=
#     (Caddy and Traefik both send X-Forwarded-Proto/Host/Uri; the proxy passes a 2xx on, and
#     answers the client with anything else)
#   /-/berth-testbed/sign-in?user=<name>: 200, and Set-Cookie for that user (test bed only)
# Media, where the version keeps it (authentik.sh): /media/<name> -> the file's bytes from /media
# before 2025.12, from /data/media since; 404 if absent. From 2025.12, while /media holds files and
# /data/media does not exist, every answer is a 500 that says so.
. /usr/local/lib/standin/authentik.sh

# standin_mac USER: the cookie's proof, from AUTHENTIK_SECRET_KEY, so only issued cookies pass.
standin_mac() { printf '%s:%s' "${AUTHENTIK_SECRET_KEY:-standin}" "$1" | sha256sum | cut -c1-32; }

# standin_user: the signed-in user the request's cookie names, or nothing.
standin_user() {
  _cookie=$(printf '%s' "$REQ_COOKIE" | tr ';' '\n' | sed -n 's/^ *authentik_proxy_standin=//p' | head -n1)
  _user=${_cookie%%.*}
  case "$_user" in ''|*[!a-z0-9_-]*) return 0 ;; esac
  [ "${_cookie#*.}" = "$(standin_mac "$_user")" ] && printf '%s' "$_user"
}

# reply_file FILE: 200 and FILE's bytes as they are (reply takes text, not bytes).
reply_file() {
  _size=$(wc -c < "$1") || { reply 500 text/plain "cannot read $1"; return; }
  printf 'HTTP/1.0 200 OK\r\nServer: berth-testbed-standin\r\nContent-Type: application/octet-stream\r\nContent-Length: %s\r\nConnection: close\r\n\r\n' "$_size"
  [ "$REQ_METHOD" = HEAD ] || cat "$1"
}

# serve_media NAME: the media file NAME (it may hold slashes, not ..), or 404.
serve_media() {
  case "$1" in ''|/*|..|../*|*/..|*/../*) reply 404 text/plain "not found"; return ;; esac
  if [ -f "$(authentik_media)/$1" ]; then reply_file "$(authentik_media)/$1"; else reply 404 text/plain "not found"; fi
}

# standin_user_value EXPRESSION USER: what a scope mapping's Python expression yields for USER
# (the five that Berth renders); returns 1 for any other.
standin_user_value() {
  case "$1" in
    request.user.username) printf '%s' "$2" ;;
    request.user.email) printf '%s@example.org' "$2" ;;
    request.user.name) printf '%s (stand-in)' "$2" ;;
    request.user.uid) printf 'uid-%s' "$2" ;;
    *request.user.ak_groups.all*) printf 'users|%s-group' "$2" ;;
    *) return 1 ;;
  esac
}

# standin_mapped_headers USER: a "Name: value" line for each header that a scope mapping in the
# blueprints under /blueprints adds (`{"ak_proxy": {"user_attributes": {"additionalHeaders": {…}}}}`),
# as the outpost sends them once the worker has applied the blueprint.
standin_mapped_headers() {
  find /blueprints -name '*.yaml' -type f -exec grep -h 'additionalHeaders' {} + 2>/dev/null \
    | sed -e 's/\\"/"/g' -e 's/.*"additionalHeaders": {//' -e 's/}}}}"\{0,1\} *$//' -e 's/, \("[A-Za-z0-9_-]*": \)/\n\1/g' \
    | while IFS= read -r _pair; do
        _name=$(expr "$_pair" : '"\([A-Za-z0-9_-]*\)": ') || continue
        if _value=$(standin_user_value "${_pair#*\": }" "$1"); then
          printf '%s: %s\n' "$_name" "$_value"
        else
          echo "authentik stand-in: cannot evaluate ${_pair#*\": } for $_name" >&2
        fi
      done
}

forward_auth() {
  _user=$(standin_user)
  if [ -z "$_user" ]; then
    REPLY_HEADER="Location: ${REQ_FORWARDED_PROTO:-https}://${REQ_FORWARDED_HOST:-unknown}/outpost.goauthentik.io/start?rd=${REQ_FORWARDED_PROTO:-https}://${REQ_FORWARDED_HOST}${REQ_FORWARDED_URI}"
    reply 302 text/plain "sign in first"
    return
  fi
  REPLY_HEADER="X-authentik-username: $_user
X-authentik-email: $_user@example.org
X-authentik-name: $_user (stand-in)
X-authentik-groups: users|$_user-group
X-authentik-uid: uid-$_user"
  _mapped=$(standin_mapped_headers "$_user")
  [ -z "$_mapped" ] || REPLY_HEADER="$REPLY_HEADER
$_mapped"
  reply 200 text/plain "ok"
}

route() {
  if _problem=$(authentik_media_unmigrated); then
    reply 500 text/plain "$_problem"
    return
  fi
  case "$REQ_PATH" in
    /media/*) serve_media "${REQ_PATH#/media/}" ;;
    /-/health/live/|/-/health/ready/) reply 200 text/plain "ok" ;;
    /outpost.goauthentik.io/auth/traefik|/outpost.goauthentik.io/auth/caddy) forward_auth ;;
    /-/berth-testbed/sign-in)
      _user=$(printf '%s' "$REQ_QUERY" | sed -n 's/^\(.*&\)\{0,1\}user=\([a-z0-9_-]*\).*/\2/p')
      [ -n "$_user" ] || { reply 404 text/plain "name a user: ?user=<name>"; return; }
      REPLY_HEADER="Set-Cookie: authentik_proxy_standin=$_user.$(standin_mac "$_user"); Path=/; HttpOnly"
      reply 200 text/plain "signed in as $_user" ;;
    /|/if/flow/*|/outpost.goauthentik.io/start) reply 200 text/html "<html><body><h1>authentik stand-in ${STANDIN_VERSION} (berth testbed): sign in</h1></body></html>" ;;
    *) reply 404 text/plain "not found" ;;
  esac
}
