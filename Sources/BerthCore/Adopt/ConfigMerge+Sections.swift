import Yams

extension ConfigMerge {
    /// One adopted key as berth.yaml gets it: a scalar (`value` as YAML reads it, `written` as it is written) or a
    /// mapping of such keys (`images:`).
    struct Field {
        var key: String
        var value: String
        var written: String
        var children: [Field]?

        var pair: String { "\(key): \(children.map(Field.flow) ?? written)" }

        static func flow(_ fields: [Field]) -> String { fields.isEmpty ? "{}" : "{ \(fields.map(\.pair).joined(separator: ", ")) }" }
    }

    /// A module or an app with the fields it is adopted with.
    struct Entry {
        var name: String
        var fields: [Field]
    }

    /// The edits that put the entries of one adoption into one file, and the conflicts that forbid them.
    struct Plan {
        let file: String
        let root: Node.Mapping
        var text: TextLines
        var conflicts: [String] = []

        /// The indent of a new section's entries: that of the file's first block mapping under a top-level key, else 2.
        var indent: String {
            let first = root.lazy.compactMap { pair -> Int? in
                guard case .mapping(let mapping) = pair.value, !isFlow(mapping), let column = mapping.mark?.column else { return nil }
                return column - 1
            }.first
            return String(repeating: " ", count: first ?? 2)
        }

        /// Whether `mapping` is written `{ … }` (Yams does not report a mapping's style reliably: it reads it from the end event).
        func isFlow(_ mapping: Node.Mapping) -> Bool {
            guard let mark = mapping.mark else { return false }
            let line = text.line(mark.line - 1)
            return mark.column - 1 < line.count && line[mark.column - 1] == "{"
        }

        func refusal(_ node: Node, _ problem: String) -> BerthError {
            .usage("\(file):\(node.mark?.line ?? 1): \(problem): add the adopted fields by hand")
        }

        /// Merges `entries` under the top-level key `name`; `addMissing` false (apps) refuses an entry that lacks a field.
        mutating func merge(section name: String, _ entries: [Entry], addMissing: Bool) throws {
            guard !entries.isEmpty else { return }
            guard let (key, value) = root.first(where: { $0.key.string == name }).map({ ($0.key, $0.value) }) else {
                text.insertLines(["\(name):"] + entries.map { "\(indent)\($0.name): \(Field.flow($0.fields))" }, after: text.lastLine)
                return
            }
            let keyLine = key.mark!.line - 1
            if case .mapping(let mapping) = value {
                var new: [Entry] = []
                for entry in entries {
                    if let (entryKey, entryValue) = mapping.first(where: { $0.key.string == entry.name }) {
                        try merge(entry.fields, into: entryValue, key: entryKey, path: "\(name).\(entry.name)", addMissing: addMissing)
                    } else {
                        new.append(entry)
                    }
                }
                guard !new.isEmpty else { return }
                if !isFlow(mapping) {
                    let indent = String(repeating: " ", count: mapping.mark!.column - 1)
                    text.insertLines(new.map { "\(indent)\($0.name): \(Field.flow($0.fields))" }, after: try lastLine(of: key))
                } else if mapping.isEmpty {
                    try remove(value, path: name)
                    text.insertLines(new.map { "\(indent)\($0.name): \(Field.flow($0.fields))" }, after: keyLine)
                } else {
                    try add(new.map { "\($0.name): \(Field.flow($0.fields))" }, to: mapping, path: name)
                }
            } else if Self.isNull(value) {
                try remove(value, path: name)
                text.insertLines(entries.map { "\(indent)\($0.name): \(Field.flow($0.fields))" }, after: keyLine)
            } else {
                throw refusal(key, "\(name) is not a mapping")
            }
        }

        /// Adds the `fields` an entry lacks, leaves those it has with the same value, and notes those it has otherwise.
        mutating func merge(_ fields: [Field], into value: Node, key: Node, path: String, addMissing: Bool) throws {
            guard !fields.isEmpty else { return }
            let advice = addMissing ? "change it by hand or remove it" : "change it by hand, or remove or rename the app"
            func conflict(_ at: Node, _ field: Field, _ found: String) {
                conflicts.append("\(file):\(at.mark?.line ?? 1): \(path).\(field.key) is \(found) but the running project runs \"\(field.value)\": \(advice)")
            }
            if Self.isNull(value) {
                guard addMissing else { return fields.forEach { conflict(key, $0, "not set") } }
                let written = Field.flow(fields)
                if case .scalar(let scalar) = value, !scalar.string.isEmpty {
                    try replace(value, token: scalar.string, with: written, path: path)
                } else {
                    guard let column = text.afterColon(line: key.mark!.line - 1, key: key.mark!.column - 1) else { throw refusal(key, "cannot find where \(path) ends") }
                    text.insert(" " + written, line: key.mark!.line - 1, at: column)
                }
                return
            }
            guard case .mapping(let mapping) = value else { throw refusal(key, "\(path) is not a mapping") }
            var missing: [Field] = []
            for field in fields {
                guard let (fieldKey, found) = mapping.first(where: { $0.key.string == field.key }) else {
                    missing.append(field)
                    continue
                }
                if let children = field.children {
                    try merge(children, into: found, key: fieldKey, path: "\(path).\(field.key)", addMissing: addMissing)
                } else if case .scalar(let scalar) = found, !Self.isNull(found) {
                    if scalar.string != field.value { conflict(fieldKey, field, "\"\(scalar.string)\"") }
                } else {
                    conflict(fieldKey, field, Self.isNull(found) ? "empty" : "not a single value")
                }
            }
            guard !missing.isEmpty else { return }
            guard addMissing else { return missing.forEach { conflict(key, $0, "not set") } }
            if !isFlow(mapping) {
                let indent = String(repeating: " ", count: mapping.mark!.column - 1)
                text.insertLines(missing.map { indent + $0.pair }, after: key.mark!.line - 1)
            } else {
                try add(missing.map(\.pair), to: mapping, path: path)
            }
        }

        /// Writes `pairs` inside a flow mapping written on one line, before its `}`.
        mutating func add(_ pairs: [String], to mapping: Node.Mapping, path: String) throws {
            let node = Node.mapping(mapping)
            let (line, open) = (mapping.mark!.line - 1, mapping.mark!.column - 1)
            guard let close = text.closingBrace(line: line, open: open) else { throw refusal(node, "\(path) is a flow mapping ({ … }) over several lines") }
            let written = pairs.joined(separator: ", ")
            var last = close - 1
            while last > open && [" ", "\t"].contains(text.line(line)[last]) { last -= 1 }
            if last == open {
                text.replace(line: line, from: open + 1, to: close, with: " \(written) ")
            } else {
                text.insert(text.line(line)[last] == "," ? " \(written)" : ", \(written)", line: line, at: last + 1)
            }
        }

        /// Removes an empty `{}`, `~` or `null` value and the spaces before it, so that a block can follow its key.
        mutating func remove(_ value: Node, path: String) throws {
            if case .mapping(let mapping) = value {
                let (line, open) = (mapping.mark!.line - 1, mapping.mark!.column - 1)
                guard let close = text.closingBrace(line: line, open: open) else { throw refusal(value, "\(path) is a flow mapping ({ … }) over several lines") }
                try replace(value, token: String(String.UnicodeScalarView(text.line(line)[open...close])), with: "", path: path)
            } else if case .scalar(let scalar) = value, !scalar.string.isEmpty {
                try replace(value, token: scalar.string, with: "", path: path)
            }
        }

        /// Replaces `token`, which starts at `node`'s mark, with `new` (or, when `new` is empty, removes it with the spaces before it).
        mutating func replace(_ node: Node, token: String, with new: String, path: String) throws {
            let (line, start) = (node.mark!.line - 1, node.mark!.column - 1)
            let scalars = text.line(line)
            let end = start + token.unicodeScalars.count
            guard end <= scalars.count, String(String.UnicodeScalarView(scalars[start..<end])) == token else { throw refusal(node, "cannot find \(path)'s value") }
            var from = start
            if new.isEmpty { while from > 0 && [" ", "\t"].contains(scalars[from - 1]) { from -= 1 } }
            text.replace(line: line, from: from, to: end, with: new)
        }

        /// The last line of the block section under top-level `key`: before the next top-level key, blank lines and comments
        /// that start their line left out.
        func lastLine(of key: Node) throws -> Int {
            let keyLine = key.mark!.line - 1
            let next = root.compactMap { $0.key.mark.map { $0.line - 1 } }.filter { $0 > keyLine }.min() ?? text.lastLine + 1
            var line = next - 1
            while line > keyLine && text.isBlankOrTopComment(line) { line -= 1 }
            guard line > keyLine else { throw refusal(key, "cannot find where \(key.string ?? "?") ends") }
            return line
        }

        /// A plain `null`, `~` or empty value.
        static func isNull(_ node: Node) -> Bool {
            guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
            return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
        }
    }
}
