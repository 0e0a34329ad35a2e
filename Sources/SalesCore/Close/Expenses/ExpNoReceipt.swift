/// `EXP-NO-RECEIPT` — no receipt_no and no missing_receipt_reason: denied.
/// No receipt_no but a reason: `EXP-RECEIPT-EXPLAINED` (finance reviews it).
public enum ExpNoReceipt: ExpenseRule {
    public static let code: Code = .expNoReceipt
    public static func judge(_ line: ExpenseLine, _ ctx: CloseContext, _ state: inout ExpenseLedger) -> ExpenseVerdict {
        if !(line.row.receiptNo ?? "").isEmpty { return .pass }
        return (line.row.missingReceiptReason ?? "").isEmpty ? .deny(code) : .flag(ExpReceiptExplained.code)
    }
}
