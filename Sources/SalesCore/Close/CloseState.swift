/// The close's working state: one result per employee, filled in rule by rule.
public struct CloseState: Sendable {
    public var result: CloseResult
    public var employees: [String: EmployeeResult] = [:]
    /// Employee ids in output order (roster order, then others).
    public var order: [String] = []

    public init(result: CloseResult) { self.result = result }

    /// Runs `body` on the employee's result if the employee is listed.
    public mutating func update(_ id: String, _ body: (inout EmployeeResult) -> Void) {
        // In place: copying the result out and back would copy its arrays on every call (a million sales rows).
        guard let i = employees.index(forKey: id) else { return }
        body(&employees.values[i])
    }

    public mutating func add(_ e: EmployeeResult) {
        if employees[e.employeeId] == nil { order.append(e.employeeId) }
        employees[e.employeeId] = e
    }
}
