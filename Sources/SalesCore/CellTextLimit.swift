/// How long a text cell may be, and how one that is longer is cut: the workbook writer's limit (XlsxWriter is the one
/// module that knows Excel's), handed to the ingest by whoever reads inputs for a workbook, so that a text cut on the
/// way in is flagged `ROW-TEXT-CUT` (inputs.md) and cut exactly as the writer would cut it. `.unlimited` keeps every
/// text whole.
public struct CellTextLimit: Sendable {
    /// The most UTF-16 units a cell holds.
    public var units: Int
    /// The text cut to `units` on a character boundary.
    public var cut: @Sendable (String) -> String

    public init(units: Int, cut: @escaping @Sendable (String) -> String) {
        self.units = units; self.cut = cut
    }

    public static let unlimited = CellTextLimit(units: Int.max, cut: { $0 })

    /// `text` within the limit, and whether it had to be cut.
    public func apply(_ text: String) -> (text: String, cut: Bool) {
        // UTF-16 units never outnumber UTF-8 bytes: most texts are settled without counting units.
        guard text.utf8.count > units, text.utf16.count > units else { return (text, false) }
        return (cut(text), true)
    }
}
