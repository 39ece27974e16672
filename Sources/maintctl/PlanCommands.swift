import ArgumentParser
import FoundationEssentials
import Glibc
import MaintenanceCLI
import MaintenanceCore
import MaintenanceFiles

/// `maintctl import PLAN.csv --into FILE`: the lead's spreadsheet into the configuration.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract:
            "Merge a plan sheet (CSV) into a configuration file: rows update tasks with the same ids, or add them.",
        discussion: """
            Columns (header row; any order; see maintctl export): \
            \(PlanSheet.columns.map(\.name).joined(separator: ", ")). An empty cell leaves the value as it was; \
            readings, checklists and parts stay in the JSON. Every bad row is reported with its row and column and \
            nothing is written; the result must pass the whole configuration's check too. Then: maintctl reload.
            """)

    @Argument(help: "The CSV file (\"-\" for standard input).") var plan: String
    @Option(help: "The configuration file to update or create (the main file or an included one).")
    var into: String
    @Option(help: "The main configuration file, checked with the result in place.")
    var config: String = "/etc/maintd/maintd.json"
    @Flag(name: .customLong("dry-run"), help: "Print the new file instead of writing it.") var dryRun = false
    @Flag(help: "Print the outcome as JSON.") var json = false

    struct Outcome: Encodable {
        var file: String
        var written: Bool
        var added: Int
        var updated: Int
        var unchanged: Int
        var problems: [Problem]
        struct Problem: Encodable {
            var row: Int
            var column: String?
            var letter: String?
            var message: String
        }
    }

    func run() throws {
        let csv: String
        do {
            csv = String(
                decoding: plan == "-" ? Self.standardInput() : try FileConfigurationSource().read(plan), as: UTF8.self)
        } catch {
            try fail("cannot read \(plan): \(error)")
        }
        let target = Self.absolute(into)
        let existing =
            FileManager.default.fileExists(atPath: target)
            ? (try? FileConfigurationSource().read(target)).map { String(decoding: $0, as: UTF8.self) } : nil
        if FileManager.default.fileExists(atPath: target) && existing == nil { try fail("cannot read \(into)") }
        let main = Self.absolute(config)
        let hasMain = FileManager.default.fileExists(atPath: main) || main == target
        let zones = ZoneInfoDirectory()
        // The lines the rest of the configuration declares, as it stands.
        let before =
            hasMain && main != target
            ? try? ConfigurationLoader.load(mainFile: main, source: FileConfigurationSource(), zones: zones) : nil
        let result = PlanImport(
            csv: csv, into: existing, knownLines: Set(before?.lines.map(\.id) ?? []), zones: zones, now: Date())
        var outcome = Outcome(
            file: into, written: false, added: result.added, updated: result.updated, unchanged: result.unchanged,
            problems: result.problems.map {
                .init(row: $0.row, column: $0.column, letter: $0.letter, message: $0.message)
            })
        guard result.problems.isEmpty else {
            if json {
                printJSON(outcome)
            } else {
                for problem in result.problems { Standard.error(TerminalText.escaped("\(plan): \(problem)") + "\n") }
                Standard.error(
                    "nothing written: \(result.problems.count) problem\(result.problems.count == 1 ? "" : "s")\n")
            }
            throw ExitCode(1)
        }
        // The whole configuration, with the new file in place, must load as the daemon would load it.
        if hasMain {
            do {
                _ = try ConfigurationLoader.load(
                    mainFile: main, source: OverlaySource(path: target, text: result.text), zones: zones, now: Date())
            } catch {
                let messages = error.diagnostics.map(\.description)
                if json {
                    outcome.problems = messages.map { .init(row: 0, column: nil, letter: nil, message: $0) }
                    printJSON(outcome)
                } else {
                    Standard.error(messages.map(TerminalText.escaped).joined(separator: "\n") + "\n")
                    Standard.error("nothing written: the configuration would not load with \(into) imported\n")
                }
                throw ExitCode(1)
            }
        }
        if dryRun {
            print(result.text, terminator: "")
            return
        }
        do {
            try Self.replace(target, with: result.text)
        } catch {
            try fail("cannot write \(into): \(error)")
        }
        outcome.written = true
        if json { return printJSON(outcome) }
        print(
            "\(into): \(result.added) task\(result.added == 1 ? "" : "s") added, \(result.updated) updated, "
                + "\(result.unchanged) unchanged"
                + (hasMain ? "; \(config) checks OK; apply with: maintctl reload" : ""))
    }

    private func fail(_ message: String) throws -> Never {
        if json {
            print(JSONOutput.error(code: "ImportFailed", message: message))
        } else {
            Standard.error("Error: \(TerminalText.escaped(message))\n")
        }
        throw ExitCode(1)
    }

    private func printJSON(_ value: some Encodable) { print(JSONOutput.text(value)) }

    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    static func standardInput() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(0, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[..<count]
            if bytes.count > FileConfigurationSource.maxFileSize { break }
        }
        return bytes
    }

    /// Writes beside the file and renames over it: a reader (maintd reloading) sees the old file or the new one,
    /// never half of one. The old file's mode is kept.
    static func replace(_ path: String, with text: String) throws {
        let temporary = path + ".import-\(getpid())"
        var mode: mode_t = 0o644
        var info = stat()
        if stat(path, &info) == 0 { mode = info.st_mode & 0o7777 }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw FileError(errno) }
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                let code = errno
                close(fd)
                unlink(temporary)
                throw FileError(code)
            }
            offset += written
        }
        fchmod(fd, mode)
        guard fsync(fd) == 0, close(fd) == 0, rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileError(code)
        }
    }

    struct FileError: Error, CustomStringConvertible {
        var code: Int32
        init(_ code: Int32) { self.code = code }
        var description: String { String(cString: strerror(code)) }
    }
}

/// The files on disk, with one of them (possibly new) replaced by text in memory.
struct OverlaySource: ConfigurationSource {
    var path: String
    var text: String
    let files = FileConfigurationSource()

    func read(_ file: String) throws -> [UInt8] {
        ImportCommand.absolute(file) == path ? Array(text.utf8) : try files.read(file)
    }

    func expand(_ pattern: String, relativeTo directory: String) -> [String] {
        var found = files.expand(pattern, relativeTo: directory)
        let full = ImportCommand.absolute(pattern.hasPrefix("/") ? pattern : directory + "/" + pattern)
        if !found.contains(where: { ImportCommand.absolute($0) == path }), fnmatch(full, path, FNM_PATHNAME) == 0 {
            found.append(path)
            found.sort()
        }
        return found
    }
}

/// `maintctl export --csv`: the plan as a sheet, to edit in a spreadsheet and import again.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write every task of a configuration as a plan sheet (CSV), the template maintctl import reads.")

    @Option(help: "The main configuration file.") var config: String = "/etc/maintd/maintd.json"
    @Flag(help: "CSV (RFC 4180, CRLF; the only format, and the default).") var csv = false

    func run() throws {
        do {
            let configuration = try ConfigurationLoader.load(
                mainFile: config, source: FileConfigurationSource(), zones: ZoneInfoDirectory())
            print(PlanSheet.export(configuration), terminator: "")
        } catch {
            Standard.error(TerminalText.escapedLines(error.description).joined(separator: "\n") + "\n")
            throw ExitCode(1)
        }
    }
}
