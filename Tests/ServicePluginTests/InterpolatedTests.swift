import ServicePlugin
import Testing

@Suite struct InterpolatedTests {
    @Test func escapesTextAndRendersVariables() {
        let value = Interpolated([.text("a$b "), .variable("REQ", required: true), .text(" "), .variable("OPT", required: false)])
        #expect(value.rendered == "a$$b ${REQ:?set REQ in .env} ${OPT}")
        #expect(value.variables == ["REQ", "OPT"])
    }

    @Test func literalsInterpolateNothing() {
        let value: Interpolated = "price: $5 ${NOT_A_VAR}"
        #expect(value.variables.isEmpty)
        #expect(value.rendered == "price: $$5 $${NOT_A_VAR}")
    }

    @Test func interpolationSplicesVariablesIntoEscapedText() {
        let name = "Planka $ales"
        let from: Interpolated = "\"\(name)\" <\(env: "SMTP_NAME", required: false)>"
        #expect(from == Interpolated([.text("\"Planka $ales\" <"), .variable("SMTP_NAME", required: false), .text(">")]))
        #expect(from.rendered == "\"Planka $$ales\" <${SMTP_NAME}>")
    }

    @Test func interpolatedValuesKeepTheirVariablesAndTextStaysOnePart() {
        let password: Interpolated = "\(env: "DB_PASSWORD")"
        let url: Interpolated = "postgresql://app:\(password)@db:\(5432)/app"
        #expect(url == Interpolated([.text("postgresql://app:"), .variable("DB_PASSWORD", required: true), .text("@db:5432/app")]))
        let port: Interpolated = "--address=0.0.0.0:\(51515)"
        #expect(port == .text("--address=0.0.0.0:51515"))
    }
}

@Suite struct VersionNumberTests {
    @Test func comparesNumericParts() {
        #expect(ImageRef(repository: "x", tag: "2024.12.2").isOlder(than: "2025.10"))
        #expect(!ImageRef(repository: "x", tag: "2025.10.0").isOlder(than: "2025.10"))
        #expect(ImageRef(repository: "x", tag: "v3.0").isOlder(than: "v3.7.13"))
        #expect(ImageRef(repository: "x", tag: "1.23.5").isOlder(than: "2.0.0"))
        #expect(!ImageRef(repository: "x", tag: "latest").isOlder(than: "2.0.0"))
        #expect(VersionNumber(tag: "16-alpine") == VersionNumber([16]))
        #expect(VersionNumber(tag: "7.4.2-alpine") == VersionNumber([7, 4, 2]))
    }
}

@Suite struct SecretGeneratorTests {
    @Test func postgresPasswordsStayWithinPostgresLimit() {
        #expect(SecretGenerator.postgresPassword(length: 500).length == 99)
        #expect(SecretGenerator.postgresPassword().alphabet == .alphanumeric)
    }
}
