/// rules.md §8 — year-end.
public enum YearEnd {
    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        // TODO(helper): §8
    }
}
