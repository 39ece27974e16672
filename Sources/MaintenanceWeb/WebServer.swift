public import FoundationEssentials
public import Hummingbird
import Logging
import MaintenanceCore
import NIOCore
public import Prometheus

/// The routes of maintd-web: the board and its event stream, the calendar feed, the metrics.
public struct WebServer: Sendable {
    public let feed: PlantFeed
    public let registry: PrometheusCollectorRegistry
    /// The most event streams served at once (a board per TV; a flood of them is refused, not served).
    public let maxStreams: Int

    public init(
        feed: PlantFeed, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), maxStreams: Int = 256
    ) {
        self.feed = feed
        self.registry = registry
        self.maxStreams = maxStreams
    }

    public func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: Observed(registry: registry))
        let feed = self.feed
        let registry = self.registry
        let maxStreams = self.maxStreams

        router.get("/") { _, _ in Response(status: .seeOther, headers: [.location: "/board"]) }
        router.get("/board") { _, _ in try Self.board(feed.state, line: nil) }
        router.get("/board/events") { request, _ in
            try Self.events(feed, line: request.uri.queryParameters.get("line"), maxStreams: maxStreams)
        }
        router.get("/board/{line}") { _, context in
            try Self.board(feed.state, line: try context.parameters.require("line"))
        }
        router.get("/board.css") { _, _ in Self.text(BoardPage.stylesheet, type: "text/css; charset=utf-8") }
        router.get("/board.js") { _, _ in Self.text(BoardPage.script, type: "text/javascript; charset=utf-8") }
        router.get("/calendar.ics") { request, _ in
            try Self.calendar(feed.state, line: request.uri.queryParameters.get("line"))
        }
        router.get("/calendar/{file}") { _, context in
            let file = try context.parameters.require("file")
            guard file.hasSuffix(".ics") else { throw HTTPError(.notFound, message: "calendars end in .ics\n") }
            return try Self.calendar(feed.state, line: String(file.dropLast(4)))
        }
        router.get("/metrics") { _, _ in
            var text = PlantMetrics.render(feed.state, now: Date())
            text += registry.emitToString()
            return Self.text(text, type: "text/plain; version=0.0.4; charset=utf-8")
        }
        return router
    }

    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers: HTTPFields = [.contentType: type, .cacheControl: "no-store"]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// 404 for a line the plant does not have (while maintd has not answered yet, every line is taken on trust).
    static func requireLine(_ line: String?, in snapshot: PlantSnapshot?) throws {
        if let line, let snapshot, !snapshot.hasLine(line) {
            throw HTTPError(.notFound, message: "no line \"\(line)\" has tasks\n")
        }
    }

    /// The page, or 404 for a line the plant does not have.
    static func board(_ state: FeedState, line: String?) throws -> Response {
        try requireLine(line, in: state.snapshot)
        var response = text(BoardPage.page(state, line: line, now: Date()), type: "text/html; charset=utf-8")
        // Only its own script and style; nothing else loads, nothing frames it.
        response.headers[.init("Content-Security-Policy")!] =
            "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'"
        return response
    }

    /// Server-Sent Events: the board's fragment now, then at every change (and each refresh, so relative times
    /// move on). A slow reader only ever has the newest fragment waiting.
    static func events(_ feed: PlantFeed, line: String?, maxStreams: Int) throws -> Response {
        try requireLine(line, in: feed.state.snapshot)
        guard feed.subscriberCount < maxStreams else {
            throw HTTPError(.serviceUnavailable, message: "too many boards are open (\(maxStreams))\n")
        }
        let stream = feed.subscribe()
        var headers: HTTPFields = [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"]
        headers[.init("X-Accel-Buffering")!] = "no"
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                try await writer.write(ByteBuffer(string: "retry: 2000\n\n"))
                for await state in stream {
                    try await writer.write(ByteBuffer(string: event(state, line: line)))
                }
                try await writer.finish(nil)
            })
    }

    /// One `board` event: the fragment, a `data:` field per line.
    static func event(_ state: FeedState, line: String?) -> String {
        let html = BoardPage.fragment(state, line: line, now: Date())
        var event = "event: board\nid: \(state.snapshot?.version ?? 0)\n"
        for part in html.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            event += "data: \(part)\n"
        }
        return event + "\n"
    }

    static func calendar(_ state: FeedState, line: String?) throws -> Response {
        guard let snapshot = state.snapshot else {
            // No answer yet: a calendar client keeps what it had rather than emptying it.
            var response = text(
                "maintd cannot be asked: \(state.problem ?? "not yet")\n", type: "text/plain; charset=utf-8",
                status: .serviceUnavailable)
            response.headers[.retryAfter] = "60"
            return response
        }
        try requireLine(line, in: snapshot)
        return text(CalendarFeed.render(snapshot, line: line, now: Date()), type: "text/calendar; charset=utf-8")
    }
}

/// Times every request into `maintd_web_request_duration_seconds`, by route (the route's pattern, not the path
/// asked, so a scan of random paths cannot grow the metrics), and adds the headers every answer gets.
struct Observed<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry
    static var buckets: [Duration] {
        [
            .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
        ]
    }

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws
        -> Response
    {
        let start = ContinuousClock.now
        func record(_ status: HTTPResponse.Status) {
            let route = context.endpointPath ?? "unmatched"
            registry.makeDurationHistogram(
                descriptor: MetricNameDescriptor(
                    namespace: "maintd_web", metricName: "request_duration", unitName: "seconds",
                    helpText: "Time to answer an HTTP request (to the first byte of an event stream), by route."),
                labels: [("route", route), ("status", String(status.code))], buckets: Self.buckets
            ).record(ContinuousClock.now - start)
        }
        do {
            let response = try await next(request, context)
            record(response.status)
            return response
        } catch let error as HTTPError {
            record(error.status)
            throw error
        } catch {
            record(.internalServerError)
            throw error
        }
    }
}
