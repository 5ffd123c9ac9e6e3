/// The top of a test stack's berth.yaml: its name, domain, every root folder inside the scratch project, and its backup time.
enum AppProject {
    static func header(name: String, project: String, backupSchedule: String = "off") -> String {
        """
        name: \(name)
        domain: example.org
        acme_email: admin@example.org
        data_root: \(project)/data
        scratch_root: \(project)/scratch
        dumps_dir: \(project)/dumps
        backup_schedule: "\(backupSchedule)"

        """
    }
}
