/// The options every online command shares, accepted before the subcommand too.
enum GlobalOptions {
    /// Options that take a value, and flags.
    static let withValue: Set<String> = ["--socket"]
    static let flags: Set<String> = ["--json", "--wide"]
    /// Commands whose subcommands take the options (`maintctl --json report compliance …`).
    static let groups: Set<String> = ["report"]

    /// Moves shared options found before the subcommand to just after it.
    static func afterSubcommand(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = String(argument.split(separator: "=", maxSplits: 1).first ?? "")
            if flags.contains(argument) {
                leading.append(argument)
                index += 1
            } else if withValue.contains(argument), index + 1 < arguments.count {
                leading += [argument, arguments[index + 1]]
                index += 2
            } else if withValue.contains(name), argument.contains("=") {
                leading.append(argument)
                index += 1
            } else {
                break
            }
        }
        guard !leading.isEmpty, index < arguments.count else { return arguments }
        // After the group and its subcommand when the command is a group (and a subcommand follows).
        let commandEnd =
            groups.contains(arguments[index]) && index + 1 < arguments.count && !arguments[index + 1].hasPrefix("-")
            ? index + 2 : index + 1
        return Array(arguments[index..<commandEnd]) + leading + arguments[commandEnd...]
    }
}
