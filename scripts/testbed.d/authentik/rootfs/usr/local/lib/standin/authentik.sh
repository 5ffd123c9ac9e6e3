# What the authentik STAND-IN's version changes (sourced by ak and routes.sh), by the tag
# STANDIN_VERSION holds (2024.12.2, 2026.8.5): Redis before 2025.10, media at /media before
# 2025.12 and at /data/media from then on. README.md says what each version models.

# authentik_since YEAR MONTH: the stand-in's version is YEAR.MONTH or later.
authentik_since() {
  _v=${STANDIN_VERSION:-2026.8.5}
  _year=${_v%%.*} _month=${_v#*.}
  _month=${_month%%.*}
  case "$_year$_month" in ''|*[!0-9]*) return 0 ;; esac
  [ "$_year" -gt "$1" ] || { [ "$_year" -eq "$1" ] && [ "$_month" -ge "$2" ]; }
}

# authentik_media: the version's media folder.
authentik_media() {
  if authentik_since 2025 12; then echo /data/media; else echo /media; fi
}

# authentik_media_unmigrated: from 2025.12, prints the problem and returns 0 when /media holds
# files (an old mount left in place) while /data/media does not exist; else returns 1.
authentik_media_unmigrated() {
  authentik_since 2025 12 || return 1
  [ ! -d /data/media ] && [ -d /media ] && [ -n "$(ls -A /media 2>/dev/null)" ] || return 1
  echo "authentik ${STANDIN_VERSION} keeps media in /data/media since 2025.12, but /media holds files and /data/media does not exist: move them to /data/media"
}

# authentik_redis_reachable: before 2025.10, the Redis AUTHENTIK_REDIS__HOST names answers PING
# with +PONG on its port (AUTHENTIK_REDIS__PORT, 6379), within 5 s.
authentik_redis_reachable() {
  printf 'PING\r\nQUIT\r\n' | timeout 5 nc "$AUTHENTIK_REDIS__HOST" "${AUTHENTIK_REDIS__PORT:-6379}" 2>/dev/null | grep -q '^+PONG'
}
