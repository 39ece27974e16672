/// The parameters of `InterfaceDefinition+`.
import Foundation

extension InterfaceDefinition {
    /// Parameter names of each method, read once from the interface definition.
    private static let methodParameters: [String: Set<String>] = {
        var result: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("method ") {
            let rest = line.dropFirst("method ".count)
            guard let open = rest.firstIndex(of: "("), let close = rest.firstIndex(of: ")") else { continue }
            let name = String(rest[..<open])
            let names = rest[rest.index(after: open)..<close].split(separator: ",").compactMap { field in
                field.split(separator: ":").first.map { $0.trimmingCharacters(in: .whitespaces) }
            }
            result[name] = Set(names)
        }
        return result
    }()

    /// The parameters `method` ("io.maintd.Maintenance.ListTasks" or "ListTasks") accepts, if it is one of ours.
    public static func parameterNames(of method: String) -> Set<String>? {
        let short = method.hasPrefix(name + ".") ? String(method.dropFirst(name.count + 1)) : method
        return methodParameters[short]
    }

    /// The methods of the interface.
    public static var methods: [String] { methodParameters.keys.sorted() }
}
