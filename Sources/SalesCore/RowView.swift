/// A kind-independent view of an input row, for counting and listing.
public struct RowView: Sendable {
    public var ref: RowRef
    /// The row's source text, built only when read (most rows are only counted).
    public var rawText: RawText
    public var raw: String { rawText.string }
    public var issue: RowIssue?
    public var flags: [RowFlag]
    public var money: [MoneyCell]
    public var badMoneyCells: Int
    public var isAccepted: Bool
    public var columnNumbers: [String: Int]
}

extension InputRow {
    public var view: RowView {
        RowView(
            ref: ref, rawText: rawText, issue: issue, flags: flags, money: money, badMoneyCells: badMoneyCells,
            isAccepted: issue == nil && value != nil, columnNumbers: columnNumbers)
    }
}

extension InputSet {
    /// Every row of every kind, kinds in InputKind order, rows in reading order.
    public func forEachRow(_ body: (RowView) -> Void) {
        roster.forEach { body($0.view) }
        targets.forEach { body($0.view) }
        sales.forEach { body($0.view) }
        attendance.forEach { body($0.view) }
        expenses.forEach { body($0.view) }
        plans.forEach { body($0.view) }
        remittances.forEach { body($0.view) }
        advances.forEach { body($0.view) }
        adjustments.forEach { body($0.view) }
        visits.forEach { body($0.view) }
    }

    /// Rows of one file.
    public func rows(of file: String) -> [RowView] {
        var out: [RowView] = []
        forEachRow { if $0.ref.file == file { out.append($0) } }
        return out
    }
}
