/// `EXP-RECEIPT-EXPLAINED` — no receipt_no but a missing_receipt_reason: approved, flagged for finance to review.
/// `ExpNoReceipt` judges the line (one look at the receipt decides both codes) and raises this one as its flag.
public enum ExpReceiptExplained: Rule {
    public static let code: Code = .expReceiptExplained
}
