import Foundation
import Testing

/// `berth schema` judged by Python's jsonschema (Draft 2020-12) and PyYAML, as `scripts/setup --tests` installs them; no Docker.
///
/// Every example the repository shows passes it, and each bad config it refuses is one `berth validate` refuses too.
@Suite struct SchemaTests {
    /// One edit of the example `berth.yaml`: what the schema's complaint and `berth validate`'s message hold.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var edit: @Sendable (String) -> String
        var schemaSays: String
        var berthSays: String
        var testDescription: String { name }
    }

    @Test func printsWhatItWritesWithMode0644() throws {
        let folder = Scratch.directory()
        let printed = try Run.berth(["schema"])
        #expect(printed.status == 0 && printed.stdout.hasSuffix("}\n"), "\(printed.output)")
        let written = try Run.berth(["schema", "--output", "berth.schema.json"], in: folder)
        #expect(written.status == 0, "\(written.output)")
        #expect(try String(contentsOfFile: folder + "/berth.schema.json", encoding: .utf8) == printed.stdout)
        let mode = try FileManager.default.attributesOfItem(atPath: folder + "/berth.schema.json")[.posixPermissions] as? Int
        #expect(mode == 0o644)
    }

    @Test func everyExampleInTheRepositoryIsValid() throws {
        let examples = try FileManager.default.contentsOfDirectory(atPath: Run.packageRoot + "/examples").filter { $0.hasSuffix(".yaml") }.sorted()
        let files = ["berth.yaml"] + examples.map { "examples/" + $0 }
        let verdicts = try Self.judge(files.map { Run.packageRoot + "/" + $0 } + [Run.packageRoot + "/README.md"])
        #expect(verdicts.count >= files.count + 2 && verdicts.allSatisfy { $0.hasSuffix(": valid") }, "\(verdicts)")
        #expect(verdicts.contains { $0.contains("README.md block") && !$0.contains("over berth.yaml") }, "no whole config among the README's blocks")
        for file in files {
            let run = try Run.berth(["-c", Run.packageRoot + "/" + file, "validate", "--env", "production"])
            #expect(run.status == 0, "\(file): \(run.output)")
        }
    }

    @Test func badConfigsAreRefusedByTheSchemaAndByValidate() throws {
        try Self.check(Self.bad) { bad, verdict, run in
            #expect(verdict.contains(": invalid: ") && verdict.contains(bad.schemaSays), "schema on \(bad.name): \(verdict)")
            #expect(run.status == 2 && run.stderr.contains(bad.berthSays), "berth validate on \(bad.name): \(run.output)")
        }
    }

    @Test func shorthandFormsAreAcceptedByTheSchemaAndByValidate() throws {
        try Self.check(Self.good) { good, verdict, run in
            #expect(verdict.hasSuffix(": valid"), "schema on \(good.name): \(verdict)")
            #expect(run.status == 0, "berth validate on \(good.name): \(run.output)")
        }
    }

    /// Writes each case's config, has the schema judge them all in one Python run, and runs `berth validate` on each.
    static func check(_ cases: [Case], _ expect: (Case, String, Run) -> Void) throws {
        let folder = Scratch.directory("schema-cases")
        var files: [String] = []
        for (index, item) in cases.enumerated() {
            let project = folder + "/\(index)"
            try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
            let example = try String(contentsOfFile: Run.packageRoot + "/berth.yaml", encoding: .utf8)
            try item.edit(example).write(toFile: project + "/berth.yaml", atomically: true, encoding: .utf8)
            files.append(project + "/berth.yaml")
        }
        let verdicts = try judge(files)
        try #require(verdicts.count == cases.count, "\(verdicts)")
        for (index, item) in cases.enumerated() {
            expect(item, verdicts[index], try Run.berth(["-c", files[index], "validate", "--env", "production"]))
        }
    }

    /// One line per document: `NAME: valid` or `NAME: invalid: PATH: MESSAGE; …`.
    static func judge(_ files: [String]) throws -> [String] {
        let schema = Scratch.directory("schema") + "/berth.schema.json"
        let written = try Run.berth(["schema", "--output", schema])
        try #require(written.status == 0, "\(written.output)")
        let run = try Run.program("/usr/bin/env", ["python3", "-c", judgeScript, schema, Run.packageRoot + "/berth.yaml"] + files)
        try #require(run.status == 0, "\(run.output)")
        return run.stdout.split(separator: "\n").map(String.init)
    }

    /// Loads YAML as an editor does (YAML 1.2: `05:00` is a string, `yes` too), checks the schema itself, then each document.
    /// A README block that is not a whole config is judged over the example berth.yaml, its keys replacing the example's.
    static let judgeScript = #"""
        import json, re, sys, yaml, jsonschema

        class Loader(yaml.SafeLoader):
            pass

        Loader.yaml_implicit_resolvers = {}
        for tag, pattern, first in [
            ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
            ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
            ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+0123456789."),
            ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
        ]:
            Loader.add_implicit_resolver("tag:yaml.org,2002:" + tag, re.compile(pattern), list(first))

        def load(text):
            return yaml.load(text, Loader)

        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        base = load(open(sys.argv[2]).read())

        def documents(path):
            text = open(path).read()
            if not path.endswith(".md"):
                yield path, load(text)
                return
            for number, block in enumerate(re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M), 1):
                document = load(block)
                if all(key in document for key in ("name", "services", "environments")):
                    yield "%s block %d" % (path, number), document
                else:
                    yield "%s block %d over berth.yaml" % (path, number), {**base, **document}

        for path in sys.argv[3:]:
            for name, document in documents(path):
                errors = sorted(validator.iter_errors(document), key=lambda error: list(map(str, error.absolute_path)))
                found = ["%s: %s" % (".".join(map(str, error.absolute_path)), error.message[:300]) for error in errors]
                print("%s: %s" % (name, "invalid: " + "; ".join(found) if found else "valid"))
        """#
}
