import Foundation

/// Paths of the repository and of the built executables, and a way to run them as a user would.
enum Binaries {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The directory holding the built executables: next to the test bundle, or `MAINTD_BINARIES` (`make
    /// check-release` runs end-to-end suites against the release build that way).
    static let directory: URL = {
        if let configured = ProcessInfo.processInfo.environment["MAINTD_BINARIES"] {
            return URL(fileURLWithPath: configured).resolvingSymlinksInPath()
        }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("maintctl").path) && url.path != "/" {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static var maintctl: String { directory.appendingPathComponent("maintctl").path }
    static var maintd: String { directory.appendingPathComponent("maintd").path }
    static var maintdWeb: String { directory.appendingPathComponent("maintd-web").path }

    /// The Python with the `varlink` and `jsonschema` packages (`make test` creates it).
    static var python: String {
        if let configured = ProcessInfo.processInfo.environment["MAINTD_PYTHON"] { return configured }
        let venv = root.appendingPathComponent(".build/venv/bin/python3").path
        return FileManager.default.fileExists(atPath: venv) ? venv : "/usr/bin/python3"
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program to completion.
    static func run(
        _ path: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil
    )
        throws -> Result
    {
        let process = Process()
        // A bare command name is looked up in PATH, as a shell would.
        process.executableURL = URL(fileURLWithPath: path.contains("/") ? path : "/usr/bin/env")
        process.arguments = path.contains("/") ? arguments : [path] + arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        // Another test may set TZ in this process; children only get the zone a test asks for.
        env["TZ"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child cannot block on a full pipe.
        let errorData = LockedData()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData.set(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errorData.get(), as: UTF8.self))
    }
}

/// Data written by one thread and read by another.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
