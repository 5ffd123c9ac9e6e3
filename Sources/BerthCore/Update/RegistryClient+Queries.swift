import Foundation
import NIOCore

extension RegistryClient {
    /// The manifest types asked for, so a multi-platform image answers with its index digest, as `docker pull` records it.
    static let manifestTypes = [
        "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
    ]

    /// Pages followed at most, so a registry whose `Link` loops cannot keep Berth busy.
    static let pageLimit = 1000

    /// Every tag of a repository, following `Link: <…>; rel="next"` page by page.
    public func tags(_ repository: RegistryRepository) async throws -> [String] {
        struct Page: Decodable { var tags: [String]? }
        var url: String? = "\(repository.baseURL)/v2/\(repository.path)/tags/list?n=\(options.pageSize)"
        var tags: [String] = []
        var pages = 0
        while let next = url {
            pages += 1
            guard pages <= Self.pageLimit else { throw RegistryError(repository.host, "\(repository.path): more than \(Self.pageLimit) pages of tags") }
            let answer = try await send(next, for: repository)
            guard answer.status == 200 else { throw Self.failure(answer, "listing tags of \(repository.path)", host: repository.host) }
            guard let page = try? JSONDecoder().decode(Page.self, from: Data(answer.body.readableBytesView)) else {
                throw RegistryError(repository.host, "listing tags of \(repository.path): the answer is not a tag list")
            }
            tags += page.tags ?? []
            url = Self.nextPage(answer.headers["Link"], base: repository.baseURL)
        }
        return tags
    }

    /// The digest of the manifest a tag names now, or nil when the tag does not exist.
    public func digest(_ repository: RegistryRepository, tag: String) async throws -> String? {
        let url = "\(repository.baseURL)/v2/\(repository.path)/manifests/\(tag)"
        var answer = try await send(url, method: .HEAD, accept: Self.manifestTypes, for: repository)
        if answer.status == 404 { return nil }
        guard answer.status == 200 else { throw Self.failure(answer, "reading manifest \(repository.path):\(tag)", host: repository.host) }
        if let digest = answer.headers.first(name: "Docker-Content-Digest"), digest.hasPrefix("sha256:") { return digest }
        // Not every registry sends the digest on HEAD; it is the hash of the manifest's bytes.
        answer = try await send(url, accept: Self.manifestTypes, for: repository)
        guard answer.status == 200 else { throw Self.failure(answer, "reading manifest \(repository.path):\(tag)", host: repository.host) }
        return "sha256:" + SHA256.hex(Array(answer.body.readableBytesView))
    }

    /// The `rel="next"` target of a `Link` header, made absolute against the registry.
    static func nextPage(_ headers: [String], base: String) -> String? {
        for header in headers {
            for link in header.split(separator: ",") where link.contains("rel=\"next\"") || link.contains("rel=next") {
                guard let open = link.firstIndex(of: "<"), let close = link.firstIndex(of: ">"), open < close else { continue }
                let target = String(link[link.index(after: open)..<close])
                return target.hasPrefix("/") ? base + target : target
            }
        }
        return nil
    }

    /// A registry's error answer, with the message from its `errors` list when it sent one.
    static func failure(_ answer: Answer, _ what: String, host: String) -> RegistryError {
        struct Body: Decodable {
            struct Item: Decodable {
                var code: String?
                var message: String?
            }

            var errors: [Item]?
        }
        let detail = (try? JSONDecoder().decode(Body.self, from: Data(answer.body.readableBytesView)))?.errors?.first
        let message = [detail?.code, detail?.message].compactMap { $0 }.joined(separator: ": ")
        return RegistryError(host, "\(what): answered \(answer.status)" + (message.isEmpty ? "" : " (\(message))"))
    }
}
