extension MaintenanceEventKind {
    /// The journal `MESSAGE_ID` of this kind of event; fixed forever, documented in `systemd/maintd.catalog`.
    public var messageID: String {
        switch self {
        case .upcoming: "acc5c2e378db40779b7b3e585a286fa4"
        case .due: "520e420e85cb4dd6a65f597abdff69c6"
        case .overdue: "e9028aac49f74b6bb2b6720fec6ccce7"
        case .overdueReminder: "1f84be4783874b09833fa1bc78a1c450"
        case .completed: "2dae19851a154903968033cec4bc0a2b"
        case .corrected: "9fcfee26ec514a53a114df48701309d4"
        case .deferred: "c2f0a7d4072f4cda88909f6eca7731cb"
        case .skipped: "8e4cb06e2803488b9bbb47eb0e387b20"
        case .outOfTolerance: "6151c9839188499d8e682ec925629db4"
        case .meterRecorded: "656aa3ebc3194ff1afbe9b836d6cb102"
        case .meterRejected: "b888c955a42f4ff0b193cb09c8d8e265"
        case .configReloaded: "1b16f872a07644f196bb7f64e34a7b10"
        case .configRejected: "13fd538cb0f1410c88bb5a11908c75dc"
        case .started: "808a10e2b87045eeadc996c88ca5c799"
        case .stopping: "be0c92a1f1604922b09f8f315892f537"
        case .permissionDenied: "5f37eea5bcb44901b96c8feb7056e205"
        case .finding: "8903e22c8beb437aac8aef27e7fbe4aa"
        case .deferralCancelled: "54ec4aa20c3b40f498e43f0f458b6f79"
        case .meterCorrected: "665266347d97459f8436976dc3088ec3"
        case .tasksRemoved: "d9b6c5472e1040e8a1eed27e5799c70a"
        case .reviewed: "e16de69d64644265848835d7e353aa2a"
        case .reviewRejected: "dd6b6b5c17e1471bb6b4da464aa090bd"
        case .followUpOpened: "48b10447d2924fd484dd1910f82885ef"
        }
    }
}
