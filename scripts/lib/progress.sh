# shellcheck shell=bash
# scripts/lib/progress.sh: progress lines for the long steps of scripts/setup, scripts/testbed and
# scripts/example, so that no step is silent for long. Source it and set PROGRESS_NAME, the prefix
# of each line. The caller says what a step does and why before it starts (progress_say); then
#   progress_run WHAT LOG COMMAND...   runs a quiet COMMAND (apt-get, pip) with its output in LOG
#                                      while a ticker prints "NAME: still WHAT (1m20s)";
#   progress_start WHAT / progress_stop  the same ticker around steps of the script's own;
#   progress_build WHAT LOG COMMAND...   runs a build (swift build), its output in LOG, and prints
#                                      its "[n/m] Compiling …" lines thinned, its errors and its last
#                                      line, and "still WHAT" when it is silent (linking).
# BERTH_PROGRESS_EVERY: the seconds between ticker lines, the longest silence (default 20; the
# tests make it 1).

PROGRESS_NAME=${PROGRESS_NAME:-${0##*/}}
PROGRESS_EVERY=${BERTH_PROGRESS_EVERY:-20}
PROGRESS_TICKER=
# When this shell last printed a line of these functions, or a ticker did (microseconds): a ticker's first
# line is due PROGRESS_EVERY after it, so that two quiet steps in a row are not silent for twice as long.
PROGRESS_LAST=${EPOCHREALTIME/./}
PROGRESS_FIRST_TICK=

# progress_now: microseconds since the epoch.
progress_now() { printf '%s\n' "${EPOCHREALTIME/./}"; }

# progress_took SINCE: the time since SINCE (microseconds), as 7s or 2m05s.
progress_took() {
  local s=$(((${EPOCHREALTIME/./} - $1) / 1000000))
  if ((s >= 60)); then printf '%dm%02ds' $((s / 60)) $((s % 60)); else printf '%ds' "$s"; fi
}

# progress_say TEXT...: one line, "NAME: TEXT".
progress_say() {
  printf '%s: %s\n' "$PROGRESS_NAME" "$*"
  PROGRESS_LAST=${EPOCHREALTIME/./}
}

# progress_start WHAT: a background ticker that prints "NAME: still WHAT (TIME)" every PROGRESS_EVERY
# seconds until progress_stop, or until the shell that started it exits (it looks every second, so
# a script that dies mid-step leaves it behind for at most that long).
progress_start() {
  progress_stop
  local what=$1 owner=$BASHPID start=${EPOCHREALTIME/./} every=$((PROGRESS_EVERY * 1000000))
  PROGRESS_FIRST_TICK=$((PROGRESS_LAST + every < start + every ? PROGRESS_LAST + every : start + every))
  (
    due=$PROGRESS_FIRST_TICK pause=1
    ((PROGRESS_EVERY >= 5)) || pause=0.1
    while kill -0 "$owner" 2>/dev/null; do
      if ((${EPOCHREALTIME/./} >= due)); then
        progress_say "still $what ($(progress_took "$start"))"
        due=$((due + every))
      fi
      # Not on this shell's output: a pipe reading it ends when the ticker does, not a pause later.
      sleep "$pause" >/dev/null 2>&1
    done
  ) &
  PROGRESS_TICKER=$!
}

# progress_stop: ends the ticker, if one runs. With SIGKILL: a shell started with SIGTERM blocked (as
# a test runner may start it) passes that mask on, and the ticker would never end.
progress_stop() {
  [ -n "$PROGRESS_TICKER" ] || return 0
  kill -KILL "$PROGRESS_TICKER" 2>/dev/null || true
  wait "$PROGRESS_TICKER" 2>/dev/null || true
  PROGRESS_TICKER=
  # Its last line, as it keeps time: it prints a line within a pause after it is due (later on a busy
  # machine, which only makes the next ticker speak early), so a line due less than a pause and a half
  # ago may never have come.
  local now=${EPOCHREALTIME/./} every=$((PROGRESS_EVERY * 1000000)) margin=1500000 last
  ((PROGRESS_EVERY >= 5)) || margin=600000
  last=$((PROGRESS_FIRST_TICK + (now - PROGRESS_FIRST_TICK) / every * every))
  ((now - last >= margin)) || last=$((last - every))
  ((last < PROGRESS_FIRST_TICK)) || PROGRESS_LAST=$last
}

# progress_run WHAT LOG COMMAND...: COMMAND, its output appended to LOG, with the ticker running.
# Returns COMMAND's status; the caller decides what to show of LOG when it fails.
progress_run() {
  local what=$1 log=$2 status=0
  shift 2
  progress_start "$what"
  "$@" >>"$log" 2>&1 </dev/null || status=$?
  progress_stop
  return "$status"
}

# progress_build WHAT LOG COMMAND...: a build, its whole output in LOG. Prints its first "[n/m] …" line
# and then at most one every PROGRESS_EVERY/2 seconds, every line that reports an error, its other own lines
# (Building…, Build complete!) and, when it says nothing for PROGRESS_EVERY seconds, "still WHAT
# (TIME)". Warnings and their source lines stay in LOG. Returns the build's status.
progress_build() {
  local what=$1 log=$2 codes=()
  shift 2
  : >"$log"
  { "$@" 2>&1 | progress_thin "$what" "$log"; codes=("${PIPESTATUS[@]}"); } || true
  return "${codes[0]}"
}

# progress_thin WHAT LOG: progress_build's filter, from standard input.
progress_thin() {
  local what=$1 log=$2 line partial="" held="" start printed stepped=0 left every thin
  start=${EPOCHREALTIME/./} printed=$PROGRESS_LAST
  every=$((PROGRESS_EVERY * 1000000)) thin=$((PROGRESS_EVERY * 500000))
  while :; do
    left=$((printed + every - ${EPOCHREALTIME/./}))
    if ((left <= 0)); then
      progress_say "still $what ($(progress_took "$start"))"
      printed=${EPOCHREALTIME/./}
      continue
    fi
    if IFS= read -r -t "$((left / 1000000)).$(printf '%06d' $((left % 1000000)))" line; then
      line=$partial$line partial=
    elif (($? > 128)); then
      partial+=$line # a timeout keeps what came of the line so far
      continue
    else
      line=$partial$line partial=
      [ -n "$line" ] || break # the end; a last line without a line break is still read
    fi
    printf '%s\n' "$line" >>"$log"
    if [[ $line =~ ^\[[0-9]+/[0-9]+\] ]]; then
      held=$line
      ((${EPOCHREALTIME/./} - stepped >= thin)) || continue
      stepped=${EPOCHREALTIME/./}
    elif [[ ! $line =~ error:|^(Building|Build |Compiling plugin|Fetching|Cloning|Computing|Resolving|Creating|Working copy) ]]; then
      continue
    fi
    printf '%s\n' "$line"
    printed=${EPOCHREALTIME/./} held=
  done
  # The last step counted, when it was not shown: how far the build got.
  [ -z "$held" ] || printf '%s\n' "$held"
}
