import Foundation
import MaintenanceCore
import Testing

@testable import MaintenanceProtocol

/// The interface follows from one declaration per method.
struct MaintenanceInterfaceTests {
    @Test func theShippedInterfaceFileIsTheDeclaredInterface() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../Sources/MaintenanceProtocol/io.maintd.Maintenance.varlink")
        #expect(try String(contentsOf: file, encoding: .utf8) == MaintenanceInterface.text)
    }

    @Test func everyDeclaredMethodIsInTheTextWithItsParametersAndReply() {
        for method in MaintenanceInterface.methods {
            #expect(
                MaintenanceInterface.text.contains(
                    "\nmethod \(method.name)(\(method.parameters)) -> (\(method.reply))\n"))
            for error in method.errors {
                #expect(MaintenanceInterface.errors.contains { $0.hasPrefix("error \(error) (") }, "\(error)")
            }
        }
        #expect(Set(MaintenanceInterface.methods.map(\.name)).count == MaintenanceInterface.methods.count)
    }

    @Test func declarationsAreFoundByShortAndQualifiedName() {
        #expect(MaintenanceInterface.declaration(of: "ListTasks")?.parameterNames.contains("dueWithin") == true)
        #expect(MaintenanceInterface.declaration(of: "io.maintd.Maintenance.DeferTask")?.role == .lead)
        #expect(MaintenanceInterface.declaration(of: "io.maintd.Maintenance.Nope") == nil)
        #expect(MaintenanceInterface.watch.declaration.streams)
    }

    @Test func parametersAreDecodedOnceIntoTheDeclaredTypeAndUnknownOnesAreNamed() throws {
        let call = try VarlinkCall(
            message: Array(
                #"{"method":"io.maintd.Maintenance.CompleteTask","parameters":{"equipment":"E1","task":"t","readings":{"a":1.5},"checks":{"seal":true}}}"#
                    .utf8))
        let decoded = try VarlinkCoding.decode(CompleteTaskParameters.self, from: call.parameters, method: call.method)
        #expect(decoded.readings == ["a": 1.5] && decoded.checks == ["seal": true])
        #expect(throws: VarlinkError.self) {
            try VarlinkCoding.decode(
                CompleteTaskParameters.self, from: ["equipment": .string("E1"), "task": .string("t"), "whn": .null],
                method: "io.maintd.Maintenance.CompleteTask")
        }
        do {
            _ = try VarlinkCoding.decode(
                CompleteTaskParameters.self, from: ["equipment": .string("E1")],
                method: "io.maintd.Maintenance.CompleteTask")
            Issue.record("a missing parameter was accepted")
        } catch {
            #expect(error.parameters["parameter"] == .string("task"))
        }
    }
}

/// Strict reading of the Varlink envelope (varlink.org): what a message means must never be ambiguous.
struct VarlinkCallStrictnessTests {
    func parse(_ text: String) -> VarlinkError? {
        do {
            _ = try VarlinkCall(message: Array(text.utf8))
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        (#"{"method": "io.maintd.Maintenance.GetStatus", "more": "yes"}"#, "more"),
        (#"{"method": "io.maintd.Maintenance.GetStatus", "oneway": 1}"#, "oneway"),
        (#"{"method": "io.maintd.Maintenance.GetStatus", "upgrade": "true"}"#, "upgrade"),
        (#"{"method": "io.maintd.Maintenance.GetStatus", "moar": true}"#, "moar"),
    ])
    func flagsOfTheWrongTypeAreInvalidParameters(message: String, parameter: String) {
        let error = parse(message)
        #expect(error?.name == "org.varlink.service.InvalidParameter")
        #expect(error?.parameters["parameter"] == .string(parameter))
    }

    @Test func aKeyGivenTwiceIsRefusedWhereverItIs() {
        for message in [
            #"{"method": "io.maintd.Maintenance.GetStatus", "method": "io.maintd.Maintenance.Reload"}"#,
            #"{"method": "io.maintd.Maintenance.ListTasks", "parameters": {"line": "a", "line": "b"}}"#,
        ] {
            let error = parse(message)
            #expect(error?.parameters["reason"]?.stringValue?.contains("is given twice") == true, "\(message)")
        }
        #expect(parse(#"{"method": "io.maintd.Maintenance.GetStatus", "more": false, "oneway": null}"#) == nil)
    }
}
