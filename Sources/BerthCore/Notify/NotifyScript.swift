import ServicePlugin

/// The one sender of notifications: a POSIX shell script around `curl`, run by Berth on this
/// machine and, as `notify/notify.sh`, by the server's `backup.sh` without Berth.
///
/// Arguments: event, title, message, project, environment, then 7 per notifier: kind, events
/// (comma-separated), URL, CA file, sender, recipients (comma-separated), user. Standard input:
/// `PASSWORD_<n>=value` lines, one per mail notifier that logs in (`n` counts notifiers from 1).
/// Every option reaches curl through a config file in a private folder, so no password is ever
/// in a process's arguments.
public enum NotifyScript {
    /// The folder in the rendered tree; its `.env` on the server holds the passwords.
    public static let folder = "notify"

    static let body = #"""
        set -u
        umask 077
        event=$1 title=$2 message=$3 project=$4 environment=$5; shift 5
        dir=$(mktemp -d) || exit 1
        trap 'rm -rf "$dir"' EXIT
        cat > "$dir/secrets"
        put() { printf '%s\n' "$1"; }
        q() { printf '"%s"' "$(printf '%s' "$1" | sed 's/[\\"]/\\&/g')"; }
        j() { printf '"%s"' "$(printf '%s' "$1" | tr -d '\000-\010\013-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }')"; }
        time=$(date -u +%Y-%m-%dT%H:%M:%SZ)
        printf '{"event":%s,"project":%s,"environment":%s,"title":%s,"message":%s,"time":%s}\n' \
          "$(j "$event")" "$(j "$project")" "$(j "$environment")" "$(j "$title")" "$(j "$message")" "$(j "$time")" > "$dir/json"
        printf '%s\n' "$message" > "$dir/text"
        status=0 n=0
        while [ "$#" -ge 7 ]; do
          n=$((n + 1)) kind=$1 events=$2 url=$3 ca=$4 from=$5 to=$6 user=$7; shift 7
          case ",$events," in *",$event,"*) ;; *) continue ;; esac
          {
            echo silent; echo show-error; echo "max-time = 20"; put "url = $(q "$url")"
            if [ -n "$ca" ]; then put "cacert = $(q "$ca")"; fi
            case $kind in
              webhook) echo fail; echo 'header = "Content-Type: application/json"'; put "data-binary = $(q "@$dir/json")" ;;
              ntfy) echo fail; put "header = $(q "Title: $title")"; put "header = $(q "Tags: $event")"; put "data-binary = $(q "@$dir/text")" ;;
              smtp)
                case $url in smtp:*) echo ssl-reqd ;; esac
                echo crlf; put "mail-from = $(q "$from")"
                for r in $(printf '%s' "$to" | tr ',' ' '); do put "mail-rcpt = $(q "$r")"; done
                if [ -n "$user" ]; then put "user = $(q "$user:$(sed -n "s/^PASSWORD_$n=//p" "$dir/secrets" | head -n 1)")"; fi
                printf 'From: %s\nTo: %s\nSubject: [%s/%s] %s\nDate: %s\nContent-Type: text/plain; charset=utf-8\n\n%s\n' \
                  "$from" "$to" "$project" "$environment" "$title" "$(date -R)" "$message" > "$dir/mail"
                put "upload-file = $(q "$dir/mail")" ;;
            esac
          } > "$dir/$n.cfg"
          curl -K "$dir/$n.cfg" >/dev/null || { echo "notify: $kind $url failed" >&2; status=1; }
        done
        exit $status
        """#

    /// The positional arguments that describe the notifiers, 7 each.
    static func arguments(_ targets: [NotifyTarget]) -> [String] {
        targets.flatMap { target in
            [
                target.kind.rawValue, target.events.map(\.rawValue).sorted().joined(separator: ","), target.endpoint,
                target.caFile ?? "", target.from ?? "", target.to.joined(separator: ","), target.username ?? "",
            ]
        }
    }

    /// `notify/notify.sh` for the tree: the body with this environment's notifiers fixed in; `notify.sh EVENT TITLE MESSAGE`.
    public static func render(_ stack: Stack) -> String? {
        let targets = stack.config.notify(for: stack.environment.name)
        guard !targets.isEmpty else { return nil }
        let fixed = ["$1", "$2", "$3"].map { "\"\($0)\"" } + ([stack.context.name, stack.environment.name] + arguments(targets)).map(ShellQuote.quote)
        return [
            "#!/bin/sh",
            "# Rendered by Berth: sends one event to this environment's notifiers (`notify:` in berth.yaml) with curl.",
            "# Usage: notify.sh EVENT TITLE MESSAGE < notify/.env (its PASSWORD_<n> lines log in to mail relays).",
            "set -- " + fixed.joined(separator: " "),
            body,
        ].joined(separator: "\n") + "\n"
    }

    /// `notify/sample.env`: one key per notifier that logs in.
    public static func sample(_ stack: Stack) -> String? {
        let keys = passwordKeys(stack.config.notify(for: stack.environment.name))
        guard !keys.isEmpty else { return nil }
        return "# Rendered by Berth: passwords of the mail notifiers, written here by `berth deploy` from their commands.\n"
            + keys.map { "\($0.key)=\n" }.joined()
    }

    /// `PASSWORD_<n>` for each notifier with a password command, `n` its place in the list from 1.
    static func passwordKeys(_ targets: [NotifyTarget]) -> [(key: String, password: SecretCommand)] {
        targets.enumerated().compactMap { index, target in target.password.map { ("PASSWORD_\(index + 1)", $0) } }
    }
}
