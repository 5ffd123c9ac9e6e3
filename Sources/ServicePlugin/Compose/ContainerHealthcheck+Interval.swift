import Foundation

extension ContainerHealthcheck {
    /// The check probing at least every `cap` (a Go duration such as `2s`); a shorter interval stays as it is.
    public func capped(interval cap: String) -> ContainerHealthcheck {
        guard let limit = Self.seconds(cap), let current = Self.seconds(interval), current > limit else { return self }
        var check = self
        check.interval = cap
        return check
    }

    /// Seconds of a Go-style duration as compose reads it (`1m30s`, `250ms`); nil for anything else.
    public static func seconds(_ duration: String) -> Double? {
        // `ms` before `m` and `s`: the first unit the rest starts with is the one.
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        var rest = Substring(duration)
        var total = 0.0
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            rest = rest.dropFirst(number.count)
            guard let value = Double(number), let unit = units.first(where: { rest.hasPrefix($0.0) })
            else { return nil }
            rest = rest.dropFirst(unit.0.count)
            total += value * unit.1
        }
        return total
    }
}

extension ComposeFragment {
    /// Every service's healthcheck probing at least every `cap`; nil leaves them as the module wrote them.
    ///
    /// An engine before 25 has no `start_interval`: a new container is found healthy one interval after it
    /// starts, so a test or CI environment caps the interval to take seconds, not a module's 30 or 60.
    public func cappingHealthcheckIntervals(at cap: String?) -> ComposeFragment {
        guard let cap else { return self }
        var fragment = self
        for index in fragment.services.indices {
            fragment.services[index].healthcheck = fragment.services[index].healthcheck?.capped(interval: cap)
        }
        return fragment
    }

    /// The same, every published port that names no host address listening on `address`.
    ///
    /// An environment's `bind_address:`: a port on every address (`0.0.0.0`) is one the benchmark's 5.14 flags.
    public func bindingPorts(to address: String?) -> ComposeFragment {
        guard let address else { return self }
        var fragment = self
        for index in fragment.services.indices {
            for port in fragment.services[index].ports.indices where fragment.services[index].ports[port].hostIP == nil {
                fragment.services[index].ports[port].hostIP = address
            }
        }
        return fragment
    }
}
