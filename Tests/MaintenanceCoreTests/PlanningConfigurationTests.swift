import Foundation
import MaintenanceCore
import Testing

/// Planning fields: read as written, refused with where and what when they cannot be.
struct PlanningConfigurationTests {
    func config(_ task: String) -> String {
        plant(machine(#"{"id": "t", "kind": "replacement", "title": "Seals", "every": "7d", \#(task)}"#))
    }

    @Test func planningFieldsAreRead() throws {
        let configuration = try loadConfiguration(
            config(
                #""estimatedDuration": "1h 30min", "downtime": true, "lockout": true, "assignee": "mech-team", "parts": [{"number": "SK-1", "quantity": 2.5, "description": "seal"}, {"number": "O-9"}]"#
            ))
        let task = try #require(configuration.equipment("E1")?.task("t"))
        #expect(task.estimatedDuration?.approximateSeconds == 5_400)
        #expect(task.downtime && task.lockout && task.assignee == "mech-team")
        #expect(
            task.parts == [
                SparePart(number: "SK-1", quantity: 2.5, description: "seal"), SparePart(number: "O-9", quantity: 1),
            ])
    }

    @Test(arguments: [
        (#""assignee": "two words""#, "tasks[0].assignee", "not a Unix user or group name"),
        (#""parts": [{"number": "SK-1", "quantity": 0}]"#, "tasks[0].parts[0].quantity", "positive"),
        (#""parts": [{"quantity": 1}]"#, "tasks[0].parts[0]", "missing \"number\""),
        (#""estimatedDuration": "soon""#, "tasks[0].estimatedDuration", "not a duration"),
        (#""lockout": "yes""#, "tasks[0].lockout", "expected true or false"),
    ])
    func badPlanningFieldsSayWhereAndWhat(field: String, path: String, message: String) {
        let error = #expect(throws: ConfigurationError.self) { try loadConfiguration(config(field)) }
        let diagnostics = error?.diagnostics ?? []
        #expect(
            diagnostics.contains { $0.path.hasSuffix(path) && $0.message.contains(message) },
            "no \(message) at \(path): \(diagnostics)")
    }
}
