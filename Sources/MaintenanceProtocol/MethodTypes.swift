// Parameters and replies of io.maintd.Maintenance's methods, mirroring the interface definition.

/// No parameters.
public struct NoParameters: Codable, Sendable, Equatable {
    public init() {}
}

public struct GetStatusReply: Codable, Sendable {
    public var status: WireStatus
    public init(status: WireStatus) { self.status = status }
}

public struct ListEquipmentParameters: Codable, Sendable {
    public var line: String?
    public init(line: String? = nil) { self.line = line }
}

public struct ListEquipmentReply: Codable, Sendable {
    public var equipment: [WireEquipment]
    public init(equipment: [WireEquipment]) { self.equipment = equipment }
}

public struct ListTasksParameters: Codable, Sendable {
    public var line: String?
    public var equipment: String?
    public var kind: String?
    public var state: String?
    public var dueWithin: String?
    public init(
        line: String? = nil, equipment: String? = nil, kind: String? = nil, state: String? = nil,
        dueWithin: String? = nil
    ) {
        self.line = line
        self.equipment = equipment
        self.kind = kind
        self.state = state
        self.dueWithin = dueWithin
    }
}

public struct ListTasksReply: Codable, Sendable {
    public var tasks: [WireTask]
    public init(tasks: [WireTask]) { self.tasks = tasks }
}

public struct GetTaskParameters: Codable, Sendable {
    public var equipment: String
    public var task: String
    public var historyLimit: Int?
    public init(equipment: String, task: String, historyLimit: Int? = nil) {
        self.equipment = equipment
        self.task = task
        self.historyLimit = historyLimit
    }
}

public struct GetTaskReply: Codable, Sendable {
    public var task: WireTask
    public var instructions: String?
    public var readings: [WireReading]
    public var history: [WireRecord]
    public init(task: WireTask, instructions: String?, readings: [WireReading], history: [WireRecord]) {
        self.task = task
        self.instructions = instructions
        self.readings = readings
        self.history = history
    }
}

public struct CompleteTaskParameters: Codable, Sendable {
    public var equipment: String
    public var task: String
    public var performedAt: String?
    public var result: String?
    public var readings: [String: Double]?
    public var note: String?
    public init(
        equipment: String, task: String, performedAt: String? = nil, result: String? = nil,
        readings: [String: Double]? = nil, note: String? = nil
    ) {
        self.equipment = equipment
        self.task = task
        self.performedAt = performedAt
        self.result = result
        self.readings = readings
        self.note = note
    }
}

/// The reply of CompleteTask, DeferTask and SkipOccurrence: the stored record and the task's new state.
public struct RecordAndTaskReply: Codable, Sendable {
    public var record: WireRecord
    public var task: WireTask
    public init(record: WireRecord, task: WireTask) {
        self.record = record
        self.task = task
    }
}

public struct CorrectRecordParameters: Codable, Sendable {
    public var record: Int64
    public var reason: String
    public var performedAt: String?
    public var result: String?
    public var readings: [String: Double]?
    public var note: String?
    public var withdraw: Bool?
    public init(
        record: Int64, reason: String, performedAt: String? = nil, result: String? = nil,
        readings: [String: Double]? = nil, note: String? = nil, withdraw: Bool? = nil
    ) {
        self.record = record
        self.reason = reason
        self.performedAt = performedAt
        self.result = result
        self.readings = readings
        self.note = note
        self.withdraw = withdraw
    }
}

/// A reply holding one record.
public struct RecordReply: Codable, Sendable {
    public var record: WireRecord
    public init(record: WireRecord) { self.record = record }
}

public struct DeferTaskParameters: Codable, Sendable {
    public var equipment: String
    public var task: String
    public var until: String
    public var reason: String
    public init(equipment: String, task: String, until: String, reason: String) {
        self.equipment = equipment
        self.task = task
        self.until = until
        self.reason = reason
    }
}

public struct SkipOccurrenceParameters: Codable, Sendable {
    public var equipment: String
    public var task: String
    public var reason: String
    public init(equipment: String, task: String, reason: String) {
        self.equipment = equipment
        self.task = task
        self.reason = reason
    }
}

public struct RecordMeterParameters: Codable, Sendable {
    public var equipment: String
    public var meter: String
    public var value: Double
    public var at: String?
    public init(equipment: String, meter: String, value: Double, at: String? = nil) {
        self.equipment = equipment
        self.meter = meter
        self.value = value
        self.at = at
    }
}

public struct HistoryParameters: Codable, Sendable {
    public var equipment: String?
    public var task: String?
    public var kind: String?
    public var since: String?
    public var limit: Int?
    public init(
        equipment: String? = nil, task: String? = nil, kind: String? = nil, since: String? = nil,
        limit: Int? = nil
    ) {
        self.equipment = equipment
        self.task = task
        self.kind = kind
        self.since = since
        self.limit = limit
    }
}

public struct HistoryReply: Codable, Sendable {
    public var records: [WireRecord]
    public init(records: [WireRecord]) { self.records = records }
}

public struct WatchParameters: Codable, Sendable {
    public var line: String?
    public var equipment: String?
    public var kind: String?
    public init(line: String? = nil, equipment: String? = nil, kind: String? = nil) {
        self.line = line
        self.equipment = equipment
        self.kind = kind
    }
}

public struct WatchReply: Codable, Sendable {
    public var event: WireEvent
    public init(event: WireEvent) { self.event = event }
}

public struct ReloadReply: Codable, Sendable {
    public var summary: String
    public var contentHash: String
    public init(summary: String, contentHash: String) {
        self.summary = summary
        self.contentHash = contentHash
    }
}

/// `org.varlink.service.GetInfo`'s reply.
public struct ServiceInfo: Codable, Sendable {
    public var vendor: String
    public var product: String
    public var version: String
    public var url: String
    public var interfaces: [String]
    public init(vendor: String, product: String, version: String, url: String, interfaces: [String]) {
        self.vendor = vendor
        self.product = product
        self.version = version
        self.url = url
        self.interfaces = interfaces
    }
}

public struct InterfaceDescriptionParameters: Codable, Sendable {
    public var interface: String
    public init(interface: String) { self.interface = interface }
}

public struct InterfaceDescriptionReply: Codable, Sendable {
    public var description: String
    public init(description: String) { self.description = description }
}
