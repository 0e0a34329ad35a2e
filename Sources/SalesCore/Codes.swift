/// Every outcome code of rules.md and inputs.md, typed: a misspelt code does not compile. Each code carries its
/// sentence in Chinese (the wording of the company text, 篇9, in simplified characters) and in English; the workbooks,
/// the summary and the messages show the code and the sentence in the reader's language.
public enum Code: String, CaseIterable, Sendable, Hashable, Codable {
    case expLate = "EXP-LATE"
    case expNoReceipt = "EXP-NO-RECEIPT"
    case expReceiptExplained = "EXP-RECEIPT-EXPLAINED"
    case expUnsigned = "EXP-UNSIGNED"
    case expMealsAllowance = "EXP-MEALS-ALLOWANCE"
    case expFlightUnapproved = "EXP-FLIGHT-UNAPPROVED"
    case expNoPlan = "EXP-NO-PLAN"
    case expRouteMismatch = "EXP-ROUTE-MISMATCH"
    case expNotTravelling = "EXP-NOT-TRAVELLING"
    case expDoubleLodging = "EXP-DOUBLE-LODGING"
    case expLodgingCap = "EXP-LODGING-CAP"
    case expOverQuota = "EXP-OVER-QUOTA"
    case expPossibleDuplicate = "EXP-POSSIBLE-DUPLICATE"
    case attTravelDaysLow = "ATT-TRAVEL-DAYS-LOW"
    case attTravelUnverified = "ATT-TRAVEL-UNVERIFIED"
    case audit = "AUDIT"
    case auditForfeit = "AUDIT-FORFEIT"
    case advNotEligible = "ADV-NOT-ELIGIBLE"
    case advLateClaim = "ADV-LATE-CLAIM"
    case advOverLimit = "ADV-OVER-LIMIT"
    case salAmountMismatch = "SAL-AMOUNT-MISMATCH"
    case planActivityLow = "PLAN-ACTIVITY-LOW"
    case planMissingWeek = "PLAN-MISSING-WEEK"
    case actBelowStandard = "ACT-BELOW-STANDARD"
    case comNoTarget = "COM-NO-TARGET"
    case comSettled = "COM-SETTLED"
    case comDeferred = "COM-DEFERRED"
    case qtrCut = "QTR-CUT"
    case qtrRestored = "QTR-RESTORED"
    case qtrReview = "QTR-REVIEW"
    case qtrPromote = "QTR-PROMOTE"
    case qtrIncomplete = "QTR-INCOMPLETE"
    case yrBonus = "YR-BONUS"
    case yrIncomplete = "YR-INCOMPLETE"
    case adjUnauthorised = "ADJ-UNAUTHORISED"
    case adjExceedsBalance = "ADJ-EXCEEDS-BALANCE"
    case rowBadValue = "ROW-BAD-VALUE"
    case rowMissing = "ROW-MISSING"
    case rowFieldCount = "ROW-FIELD-COUNT"
    case rowUnknownEmployee = "ROW-UNKNOWN-EMPLOYEE"
    case rowNotActive = "ROW-NOT-ACTIVE"
    case rowDuplicate = "ROW-DUPLICATE"
    case rowOtherPeriod = "ROW-OTHER-PERIOD"
    case rowExcelDamage = "ROW-EXCEL-DAMAGE"
    case rowUnbalancedQuote = "ROW-UNBALANCED-QUOTE"
    case rowControlChars = "ROW-CONTROL-CHARS"
    case rowTextCut = "ROW-TEXT-CUT"

    /// The section of rules.md or inputs.md the code belongs to, by its prefix.
    public var family: String { rawValue.split(separator: "-").first.map(String.init) ?? rawValue }

    /// The code's sentence in Chinese.
    public var zh: String {
        switch self {
        case .expLate: return "未在规定日期前交到营销中心核实报销（每月25号左右统一报销），属迟报或上月补报"
        case .expNoReceipt: return "未取得合法外部凭证，也未说明未取到单据原因，不予报销"
        case .expReceiptExplained: return "未取得凭证，已说明未取到单据原因，请财务复核"
        case .expUnsigned: return "无电脑票，未经直属经理签字确认，不予报销"
        case .expMealsAllowance: return "伙食费按出差补助按天发放，不凭票报销"
        case .expFlightUnapproved: return "乘坐飞机未事先请示总经理批准，不予报销"
        case .expNoPlan: return "未附《区域经理每周行动计划表》，一律不作报销"
        case .expRouteMismatch: return "出差行动路线、时间、地点与票据不符，不予报销，并报核查"
        case .expNotTravelling: return "考勤当晚未记出差，住宿不予报销，并报核查"
        case .expDoubleLodging: return "同一晚住宿已经报销，重复部分不予报销"
        case .expLodgingCap: return "超过住宿标准，按标准报销"
        case .expOverQuota: return "超过费用额度，超过额定部分不予报销（经总经理审批的除外）"
        case .expPossibleDuplicate: return "无票据号，与另一笔同人、同日、同类、同额的费用相同，疑似重复，请财务核对"
        case .attTravelDaysLow: return "本月出差天数少于规定（区域经理每月出差至少20天）"
        case .attTravelUnverified: return "出差城市与行动计划表不符，该日不计伙食补助"
        case .audit: return "发现可能弄虚作假，报主管部门核查"
        case .auditForfeit: return "弄虚作假，扣除当月提成及差旅费"
        case .advNotEligible: return "非区域经理，不能以借款方式支取差旅费"
        case .advLateClaim: return "上月差旅费迟迟不报销，不审批本月借款"
        case .advOverLimit: return "借款余额加本次借款超过最高金额，不予审批"
        case .salAmountMismatch: return "数量乘单价与金额不符（相差超过0.01元），以金额为准"
        case .planActivityLow: return "行动计划低于每日拜访标准（新客户两户、老客户三户、联络电话四个）"
        case .planMissingWeek: return "有工作日的一周未交《区域经理每周行动计划表》"
        case .actBelowStandard: return "实际拜访或联络电话未达每日标准（新客户两户、老客户三户、联络电话四个）"
        case .comNoTarget: return "本月无回款指标，提成暂不结算"
        case .comSettled: return "完成月回款指标80%以上，结算当月提成（连同以前暂不结算的提成）"
        case .comDeferred: return "未完成当月回款指标的80%，暂不结算当月提成，待完成80%以上后累计结算"
        case .qtrCut: return "未完成季度考核指标的80%，下季度的工资按80%计发"
        case .qtrRestored: return "完成季度考核指标，恢复原基本工资"
        case .qtrReview: return "连续两个季度未完成考核指标的80%，给予调离、辞退或降级"
        case .qtrPromote: return "累计两个季度回款和网点开发完成100%以上，报总经理审批晋升一级"
        case .qtrIncomplete: return "本季度有月份尚未结账，本季度暂不考核"
        case .yrBonus: return "年终提成总数减去按月提成的总数，余额作为总经理奖一次性发放"
        case .yrIncomplete: return "本年度有月份尚未结账，年终提成暂不计算"
        case .adjUnauthorised: return "审批人不是花名册中的销售总监，调整不予受理"
        case .adjExceedsBalance: return "还款或核销金额超过借款余额，不予受理"
        case .rowBadValue: return "内容格式不对，本行退回"
        case .rowMissing: return "必填项为空，本行退回"
        case .rowFieldCount: return "本行栏数与表头不一致，本行退回"
        case .rowUnknownEmployee: return "员工编号不在花名册内，本行退回"
        case .rowNotActive: return "该日期员工不在职，本行退回"
        case .rowDuplicate: return "重复记录（单号或票据号已经用过），本行退回"
        case .rowOtherPeriod: return "不属于本月，本行退回"
        case .rowExcelDamage: return "编号被Excel改动（前导零丢失或变成科学计数法），请将该列按文本导出，本行退回"
        case .rowUnbalancedQuote: return "引号不成对，引号后的内容吞并了下面的整行记录；本行退回，从下一行起照常读取"
        case .rowControlChars: return "文本中含控制字符，已删除"
        case .rowTextCut: return "文本超过Excel单元格上限，已截断"
        }
    }

    /// The code's sentence in English.
    public var en: String {
        switch self {
        case .expLate: return "Submitted after the claim deadline (about the 25th of the next month), or a late claim for the previous month"
        case .expNoReceipt: return "No receipt and no reason given for the missing receipt: denied"
        case .expReceiptExplained: return "No receipt, but the reason is given: for finance to review"
        case .expUnsigned: return "Handwritten receipt not signed by the direct manager: denied"
        case .expMealsAllowance: return "Meals are paid as the daily travel allowance, not by receipt: denied"
        case .expFlightUnapproved: return "Flight taken without the general manager's prior approval: denied"
        case .expNoPlan: return "No weekly action plan (区域经理每周行动计划表) for that week: denied"
        case .expRouteMismatch: return "Route, date or place does not match the weekly plan: denied and flagged for audit"
        case .expNotTravelling: return "Attendance shows no travel for that night: lodging denied and flagged for audit"
        case .expDoubleLodging: return "Lodging for a night already paid: denied"
        case .expLodgingCap: return "Above the lodging standard: reimbursed at the standard"
        case .expOverQuota: return "Above the monthly quota: the excess is not reimbursed unless the general manager approved it"
        case .expPossibleDuplicate:
            return "No receipt number and the same employee, date, category and amount as another line: possible duplicate, for finance to check"
        case .attTravelDaysLow: return "Fewer travel days than the monthly minimum (regional managers: at least 20)"
        case .attTravelUnverified: return "Travel city differs from the action plan: no meal allowance for that day"
        case .audit: return "Possible false claim: referred for audit"
        case .auditForfeit: return "False claim: the month's commission and travel expenses are forfeited"
        case .advNotEligible: return "Role not eligible for travel advances: denied"
        case .advLateClaim: return "Last month's travel expenses were not claimed in time: no advance this month"
        case .advOverLimit: return "Outstanding balance plus this request exceeds the advance limit: denied"
        case .salAmountMismatch: return "Quantity × unit price differs from the amount by more than 0.01: the amount stands"
        case .planActivityLow: return "Action plan below the daily standard (2 new visits, 3 existing visits, 4 calls)"
        case .planMissingWeek: return "A week with working days has no weekly action plan"
        case .actBelowStandard: return "Actual visits or calls below the daily standard (2 new visits, 3 existing visits, 4 calls)"
        case .comNoTarget: return "No remittance target this month: commission deferred"
        case .comSettled: return "80% or more of the monthly remittance target: the month's commission is settled, with any deferred"
        case .comDeferred: return "Below 80% of the monthly remittance target: commission deferred until a month reaches 80%"
        case .qtrCut: return "Below 80% of the quarter's target: next quarter's pay at 80%"
        case .qtrRestored: return "Quarter's target met: full pay restored"
        case .qtrReview: return "Two quarters in a row below 80%: for transfer, dismissal or demotion"
        case .qtrPromote: return "Two quarters in a row at 100% of remittance and new outlet targets: candidate for one level up, for the general manager"
        case .qtrIncomplete: return "A month of the quarter was never closed: nobody is assessed"
        case .yrBonus: return "Year-end commission less the monthly commission paid: the balance is paid once as the general manager's award"
        case .yrIncomplete: return "A month of the year was never closed: year-end commission not computed"
        case .adjUnauthorised: return "The approver is not a director in the roster: adjustment refused"
        case .adjExceedsBalance: return "Repayment or write-off above the outstanding advance: refused"
        case .rowBadValue: return "A field of the wrong type or form: row rejected"
        case .rowMissing: return "A required field is empty: row rejected"
        case .rowFieldCount: return "The row has more or fewer fields than the header: row rejected"
        case .rowUnknownEmployee: return "Employee not in the roster: row rejected"
        case .rowNotActive: return "Employee not employed on that date: row rejected"
        case .rowDuplicate: return "Duplicate (the key or receipt number was already used): row rejected"
        case .rowOtherPeriod: return "Not in the period being closed: row rejected"
        case .rowExcelDamage: return "Excel changed an id (leading zeros lost or scientific notation): export the column as text; row rejected"
        case .rowUnbalancedQuote:
            return "An unbalanced quote ran over the line end into whole records: this line is rejected and reading resumes at the next line"
        case .rowControlChars: return "Control characters removed from the text"
        case .rowTextCut: return "Text over Excel's cell limit was cut"
        }
    }
}

extension Code {
    /// A code's family: its prefix, the section of rules.md or inputs.md it belongs to.
    public enum Family: String, Sendable, CaseIterable {
        case exp = "EXP", att = "ATT", audit = "AUDIT", adv = "ADV", sal = "SAL", plan = "PLAN", act = "ACT", com = "COM"
        case qtr = "QTR", yr = "YR", adj = "ADJ", row = "ROW"
    }

    public var familyCase: Family? { Family(rawValue: family) }
}

extension String {
    /// Whether this code text is `code`.
    public func isCode(_ code: Code) -> Bool { self == code.rawValue }
    /// Whether this code text is a code of `family` (`COM-SETTLED` is of `.com`).
    public func isCode(of family: Code.Family) -> Bool { Code(rawValue: self)?.familyCase == family }
}

extension Sequence where Element == String {
    /// Whether the codes hold `code`.
    public func contains(_ code: Code) -> Bool { contains { $0 == code.rawValue } }
}
