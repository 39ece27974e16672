/// Generated configurations for benchmarks.
enum Plant {
    /// A plant of `machines` machines with one weekly inspection each, on one line (a reload's worst case: every
    /// machine new, each with its own first sighting).
    static func generate(machines: Int) -> String {
        let equipment = (0..<machines).map { index in
            #"{"id": "M\#(index)", "name": "Machine \#(index)", "line": "line-a", "tasks": [{"id": "t", "kind": "inspection", "title": "Look", "every": "7d"}]}"#
        }
        return """
            {"site": {"name": "Benchmark plant", "timezone": "Europe/Berlin"}, "lines": [{"id": "line-a", "name": "A"}],
             "equipment": [\(equipment.joined(separator: ",\n"))]}
            """
    }

    /// A plant with `tasks` tasks, ten per machine, on lines of 100 tasks ("line-100" is the first).
    static func generate(tasks: Int) -> String {
        let kinds = ["lubrication", "calibration", "inspection", "cleaning", "replacement", "test"]
        let triggers = [
            #""every": "30d""#, #""every": "1w", "anchor": "schedule", "lastDone": "2026-11-02T06:00""#,
            #""calendar": "Mon..Fri *-*-* 06:00""#, #""every": "3 months", "lastDone": "2026-10-01""#,
            #""calendar": "*-*-01 07:00""#,
        ]
        let machines = tasks / 10
        var lines: [String] = []
        var equipment: [String] = []
        for machine in 0..<machines {
            let line = machine / 10
            if machine % 10 == 0 {
                lines.append(#"{"id": "line-\#(line == 0 ? "100" : String(line))", "name": "Line \#(line)"}"#)
            }
            let lineId = line == 0 ? "line-100" : "line-\(line)"
            var taskList: [String] = []
            for task in 0..<10 {
                let index = machine * 10 + task
                taskList.append(
                    #"{"id": "t\#(task)", "kind": "\#(kinds[index % kinds.count])", "title": "Task \#(index)", \#(triggers[index % triggers.count])}"#
                )
            }
            equipment.append(
                #"{"id": "M\#(machine)", "name": "Machine \#(machine)", "line": "\#(lineId)", "tasks": [\#(taskList.joined(separator: ", "))]}"#
            )
        }
        return """
            {"site": {"name": "Benchmark plant", "timezone": "Europe/Berlin"},
             "lines": [\(lines.joined(separator: ",\n"))],
             "equipment": [\(equipment.joined(separator: ",\n"))]}
            """
    }
}
