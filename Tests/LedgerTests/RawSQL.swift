import GRDB

/// Direct SQL on a ledger file, bypassing every check: for tests that damage a ledger on purpose.
/// Test code, kept in the test target (it depends on GRDB directly).
enum RawSQL {
    static func execute(_ path: String, _ sql: String) throws {
        let q = try DatabaseQueue(path: path)
        try q.writeWithoutTransaction { try $0.execute(sql: sql) }
        try q.close()
    }
    static func strings(_ path: String, _ sql: String) throws -> [String] {
        let q = try DatabaseQueue(path: path)
        defer { try? q.close() }
        return try q.read { try String.fetchAll($0, sql: sql) }
    }
    static func int(_ path: String, _ sql: String) throws -> Int? {
        let q = try DatabaseQueue(path: path)
        defer { try? q.close() }
        return try q.read { try Int.fetchOne($0, sql: sql) }
    }
}
