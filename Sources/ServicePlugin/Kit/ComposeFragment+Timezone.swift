extension ComposeFragment {
    /// Every service with `TZ` set to the stack's time zone, first in its environment; the host applies it to every module.
    ///
    /// Modules never write `TZ` themselves: logs, cron schedules and dumps then agree on one clock.
    /// A service that sets `TZ` on purpose keeps its own value.
    public func settingTimezone(_ timezone: String) -> ComposeFragment {
        var fragment = self
        for index in fragment.services.indices where !fragment.services[index].environment.contains(where: { $0.key == "TZ" }) {
            fragment.services[index].environment.insert(EnvironmentEntry("TZ", .text(timezone)), at: 0)
        }
        return fragment
    }
}
