/// rules.md §3 — travel advances (借款): requests, repayments and write-offs in order of date (on one date
/// requests first, then repayments and write-offs; then file, then line); then settlement at the close (`Settlement`).
/// A request is judged by `requestRules` in order, the first that denies it giving its code; a repayment or
/// write-off above the balance is refused (`AdjExceedsBalance`).
public enum Advances {
    /// The rules a request is judged by, in the order rules.md gives them.
    static let requestRules: [any AdvanceRule.Type] = [AdvNotEligible.self, AdvLateClaim.self, AdvOverLimit.self]

    enum Event {
        case request(RowRef, AdvanceRow)
        case reduction(RowRef, AdjustmentRow)
        var date: Day {
            switch self {
            case .request(_, let r): return r.date;
            case .reduction(_, let a): return a.date
            }
        }
        var rank: Int {
            switch self {
            case .request: return 0;
            case .reduction: return 1
            }
        }
        var ref: RowRef {
            switch self {
            case .request(let f, _): return f;
            case .reduction(let f, _): return f
            }
        }
    }

    /// Late claimants of the previous period: those recorded at its close, and advance-role travellers of it
    /// whose late claim arrives in this close (it counts before this close's advances are judged).
    public static func lateClaimantsOfPrevious(_ ctx: CloseContext, _ s: CloseState) -> Set<String> {
        guard let prev = ctx.ledger.previous else { return [] }
        var set = prev.lateClaimants
        for l in s.result.expenseLines where l.lateClaim && l.codes.contains(ExpLate.code.rawValue) && prev.travellers.contains(l.row.employeeId) {
            if let r = ctx.roster[l.row.employeeId], ctx.policy.advanceRoles.contains(r.role) { set.insert(l.row.employeeId) }
        }
        return set
    }

    public static func apply(_ ctx: CloseContext, _ s: inout CloseState) {
        let late = lateClaimantsOfPrevious(ctx, s)
        var balance: [String: Money] = [:]
        func current(_ id: String) -> Money { balance[id] ?? ctx.ledger.balances[id]?.advanceOutstanding ?? .zero }

        var events: [Event] = ctx.advances.map { .request($0.ref, $0.row) }
        events += ctx.adjustments.filter { $0.row.kind == .advance_repaid || $0.row.kind == .advance_written_off }.map { .reduction($0.ref, $0.row) }
        events.sort { ($0.date, $0.rank, $0.ref) < ($1.date, $1.rank, $1.ref) }

        var rejected = Set<RowRef>()
        for ev in events {
            switch ev {
            case .request(let ref, let a):
                let request = AdvanceRequest(
                    row: a, role: ctx.roster[a.employeeId]?.role, balance: current(a.employeeId),
                    lateClaimants: late)
                var codes: [String] = []
                if let rule = requestRules.first(where: { $0.denies(request, ctx) }) {
                    codes = [rule.code.rawValue]
                }
                if codes.isEmpty {
                    balance[a.employeeId] = current(a.employeeId) + a.amount
                    s.update(a.employeeId) { $0.advancesApproved += a.amount }
                }
                s.result.advances.append(
                    AdvanceResult(
                        ref: ref, row: a, decision: codes.isEmpty ? .approved : .denied,
                        codes: codes, balanceAfter: current(a.employeeId)))
            case .reduction(let ref, let a):
                let before = current(a.employeeId)
                if AdjExceedsBalance.exceeds(a, before) {
                    rejected.insert(ref)
                    AdjExceedsBalance.reject(ref, a, before, &s)
                    continue
                }
                balance[a.employeeId] = before - a.amount
                s.update(a.employeeId) { e in
                    if a.kind == .advance_repaid { e.advanceRepaid += a.amount } else { e.advanceWrittenOff += a.amount }
                }
            }
        }
        s.result.adjustments = ctx.adjustments.filter { !rejected.contains($0.ref) }.map { AdjustmentResult(ref: $0.ref, row: $0.row) }

        Settlement.apply(ctx, &s)
    }
}

/// An advance request as the §3 rules see it: the row, the employee's role (nil outside the roster), the
/// outstanding balance at that point, and the previous period's late claimants.
struct AdvanceRequest {
    let row: AdvanceRow
    let role: Role?
    let balance: Money
    let lateClaimants: Set<String>
}

/// A rule that may deny an advance request (rules.md §3).
protocol AdvanceRule: Rule {
    static func denies(_ request: AdvanceRequest, _ ctx: CloseContext) -> Bool
}
