import ServicePlugin

extension ConfigSchema {
    /// `swarm:` of an environment with `engine: swarm`, with ``ConfigReader/swarmKeys``.
    static var swarm: SchemaValue {
        let labelPart = "[A-Za-z0-9._-]{1,63}"
        let labelValue: SchemaValue = ["anyOf": [["type": "string", "pattern": .string(anchored(labelPart))], ["type": ["number", "boolean"]]]]
        let node = object(
            [
                "address": text("\(Pattern.ipv4)|\(Pattern.dnsLabel)(\\.\(Pattern.dnsLabel))*", "The IP address or hostname Berth reaches the node at over SSH."),
                "labels": map(keys: labelPart, labelValue, "The node's labels, as placement constraints name them (node.labels.KEY == VALUE)."),
            ], required: ["address"], "One node of the cluster.")
        let constraint = text(
            "\\s*(node\\.hostname|node\\.labels\\.\(labelPart))\\s*(==|!=)\\s*\(labelPart)\\s*",
            "node.labels.KEY == VALUE or node.hostname == NAME, or with !=.")
        let endpointModes: [EndpointMode] = [.vip, .dnsrr]
        return object(
            [
                "nodes": map(keys: "\(Pattern.ipv4)|\(Pattern.dnsLabel)(\\.\(Pattern.dnsLabel))*", node, "The cluster's nodes by hostname, as docker node ls names them."),
                "placement": map(keys: nil, ["anyOf": [constraint, list(of: constraint, "Constraints, all of which hold.")]], "Placement constraints by service or module id."),
                "replicas": map(keys: nil, integer(1...100, "How many tasks."), "Replica counts by service; stateless apps default to one per node."),
                "endpoint_mode": oneOf(endpointModes.map(\.rawValue), "vip, or dnsrr where the kernel has no IPVS.", default: EndpointMode.vip.rawValue),
            ], "The Swarm cluster (needs engine: swarm).")
    }

    /// `secrets:`: `module.KEY: { command: "…" }`, values read from a password manager at deploy.
    static var secretCommands: SchemaValue {
        map(keys: "[^.]+\\.\(Pattern.envKey)", secretSource, "Values kept in a password manager, written into the server's .env at deploy: module.KEY: { command: \"…\" }.")
    }

    /// `{ command: "…" }`.
    static var secretSource: SchemaValue {
        object(["command": text(".*\\S.*", "A command that prints the value, such as \"pass show tangram/smtp\".")], required: ["command"], "Where a secret comes from.")
    }

    /// `notify:`: URLs, or `{ url, on, … }` entries with ``ConfigReader/notifyKeys``.
    static var notify: SchemaValue {
        let url = text("ntfy://[^/@\\s]+/\\S+|(https?|smtps?)://[^/@\\s]+(/\\S*)?", "ntfy://host/topic, https://… (a webhook), smtp://host:587 or smtps://host:465.")
        let events = NotifyEvent.allCases.map { SchemaValue.string($0.rawValue) }
        let entry = object(
            [
                "url": url,
                "on": list(of: ["type": "string", "enum": .array(events)], "The events sent; all of them when left out."),
                "from": text(Pattern.email, "smtp: the sender's address."),
                "to": list(of: text(Pattern.email, "An e-mail address."), "smtp: the addresses to mail.").with("minItems", 1),
                "username": ["type": ["string", "number"], "description": "smtp: the login."],
                "password": secretSource.with("description", "smtp: the password, from a command (required with username)."),
                "ca_file": text(Pattern.localFile, "A PEM file of a private CA, on this machine and the server."),
            ], required: ["url"], "A notifier with its events and settings."
        ).with("dependentRequired", ["username": ["password"]])
        let smtpOnly: SchemaValue = [
            "if": ["properties": ["url": ["not": ["pattern": "^smtps?:"]]]],
            "then": ["not": ["anyOf": [["required": ["from"]], ["required": ["to"]], ["required": ["username"]], ["required": ["password"]]]]],
            "else": ["required": ["from", "to"]],
        ]
        return list(of: ["anyOf": [url, entry.with("allOf", [smtpOnly])]], "Where events are sent: URLs, or { url, on, … } entries.")
    }

    /// `ci:`, with ``ConfigReader/ciKeys``: the Berth release the workflow installs, pinned by its checksum.
    static var ci: SchemaValue {
        let release = object(
            [
                "url": text(Pattern.releaseURL, "Where the release tarball is: https://…, or file:///… for one on the runner."),
                "sha256": text("[0-9a-f]{64}", "The tarball's SHA-256, 64 lowercase hexadecimal digits (the release's .sha256 file)."),
            ], required: ["url", "sha256"], "The release the workflow installs instead of building Berth.")
        return object(["berth": release], required: ["berth"], "What berth ci github's workflow runs.")
    }
}
