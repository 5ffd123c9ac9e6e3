import Foundation

/// Thrown when work runs past its deadline.
struct DeadlineExceeded: Error {}

/// Runs `body`, giving up after `seconds` without waiting for it (a task group would wait).
func withDeadline<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let once = Once()
    return try await withCheckedThrowingContinuation { continuation in
        let work = Task {
            do {
                let value = try await body()
                if once.claim() { continuation.resume(returning: value) }
            } catch {
                if once.claim() { continuation.resume(throwing: error) }
            }
        }
        // The timer runs on a dispatch queue, so a busy cooperative pool cannot delay it.
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) {
            if once.claim() {
                work.cancel()
                continuation.resume(throwing: DeadlineExceeded())
            }
        }
    }
}

/// True for the first caller only.
final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false

    func claim() -> Bool {
        lock.withLock {
            defer { done = true }
            return !done
        }
    }
}
