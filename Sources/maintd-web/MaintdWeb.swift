import ArgumentParser
import FoundationEssentials
import Hummingbird
import HummingbirdCore
import Logging
import MaintenanceProtocol
import MaintenanceWeb
import NIOCore

/// The HTTP face of maintd: a shop-floor board, an iCalendar feed and Prometheus metrics, all read through maintd's
/// socket (it never opens the database).
@main
struct MaintdWeb: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintd-web",
        abstract: "Serve maintd's board, calendar feed and metrics over HTTP.",
        discussion: """
            Routes: /board and /board/LINE (a page for a shop-floor TV, live through Server-Sent Events), \
            /calendar.ics and /calendar/LINE.ics (iCalendar), /metrics (Prometheus). It binds loopback unless told \
            otherwise: put a reverse proxy with TLS and authentication in front of it to reach it from elsewhere.
            """,
        version: "maintd-web \(ProductVersion.text)")

    @Option(help: "maintd's socket (default: $MAINTD_SOCKET or /run/maintd/maintd.sock).")
    var socket: String?

    @Option(help: "Where to listen: HOST:PORT ([::1]:8470 for IPv6) or unix:PATH.")
    var address = "127.0.0.1:8470"

    @Option(help: "Seconds between refreshes when no event comes (events refresh at once).")
    var refresh = 60

    @Option(name: .customLong("verify-every"), help: "Seconds between verifications of the history for /metrics.")
    var verifyEvery = 900

    @Option(name: .customLong("max-streams"), help: "The most boards (event streams) served at once.")
    var maxStreams = 256

    func validate() throws {
        guard Self.bindAddress(address) != nil else {
            throw ValidationError("--address \(address): expected HOST:PORT (a port 1-65535) or unix:PATH")
        }
        guard refresh >= 1, verifyEvery >= 1, maxStreams >= 1 else {
            throw ValidationError("--refresh, --verify-every and --max-streams must be at least 1")
        }
    }

    static func bindAddress(_ text: String) -> BindAddress? {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            return path.isEmpty ? nil : .unixDomainSocket(path: path)
        }
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65_535).contains(port)
        else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return host.isEmpty ? nil : .hostname(host, port: port)
    }

    func run() async throws {
        var logger = Logger(label: "maintd-web")
        logger.logLevel = .info
        let path = socket ?? VarlinkClient.defaultSocketPath
        let feed = PlantFeed(
            socketPath: path, refreshInterval: .seconds(refresh), verifyInterval: .seconds(verifyEvery))
        feed.start()
        let server = WebServer(feed: feed, maxStreams: maxStreams)
        let app = Application(
            router: server.router(),
            server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: .seconds(75))),
            configuration: ApplicationConfiguration(
                address: Self.bindAddress(address)!, serverName: "maintd-web/\(ProductVersion.text)"),
            logger: logger)
        try await app.runService()
        feed.stop()
    }
}
