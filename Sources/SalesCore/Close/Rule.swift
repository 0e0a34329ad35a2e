/// A rule of rules.md, named after the code it raises (`ExpLate` raises `EXP-LATE`), in a file of the same name
/// under its section's folder; its test is named after the code too (`test_EXP_LATE`).
public protocol Rule {
    /// The rule's code (rules.md).
    static var code: Code { get }
}
