/// The sentence behind every outcome code of rules.md and inputs.md, in the
/// workbook's language. The Chinese follows the wording of the company text
/// (篇9: 报销, 借款, 工资, 提成), in simplified characters.
public enum CodeText {
    /// Every code with its sentences, in the order of rules.md and inputs.md.
    public static let table: [(code: String, text: Bilingual)] = [
        // §1 expense lines (报销)
        ("EXP-LATE", Bilingual("未在规定日期前交到营销中心核实报销（每月25号左右统一报销），属迟报或上月补报",
                               "Submitted after the claim deadline (about the 25th of the next month), or a late claim for the previous month")),
        ("EXP-NO-RECEIPT", Bilingual("未取得合法外部凭证，也未说明未取到单据原因，不予报销",
                                     "No receipt and no reason given for the missing receipt: denied")),
        ("EXP-RECEIPT-EXPLAINED", Bilingual("未取得凭证，已说明未取到单据原因，请财务复核",
                                            "No receipt, but the reason is given: for finance to review")),
        ("EXP-UNSIGNED", Bilingual("无电脑票，未经直属经理签字确认，不予报销",
                                   "Handwritten receipt not signed by the direct manager: denied")),
        ("EXP-MEALS-ALLOWANCE", Bilingual("伙食费按出差补助按天发放，不凭票报销",
                                          "Meals are paid as the daily travel allowance, not by receipt: denied")),
        ("EXP-FLIGHT-UNAPPROVED", Bilingual("乘坐飞机未事先请示总经理批准，不予报销",
                                            "Flight taken without the general manager's prior approval: denied")),
        ("EXP-NO-PLAN", Bilingual("未附《区域经理每周行动计划表》，一律不作报销",
                                  "No weekly action plan (区域经理每周行动计划表) for that week: denied")),
        ("EXP-ROUTE-MISMATCH", Bilingual("出差行动路线、时间、地点与票据不符，不予报销，并报核查",
                                         "Route, date or place does not match the weekly plan: denied and flagged for audit")),
        ("EXP-NOT-TRAVELLING", Bilingual("考勤当晚未记出差，住宿不予报销，并报核查",
                                         "Attendance shows no travel for that night: lodging denied and flagged for audit")),
        ("EXP-DOUBLE-LODGING", Bilingual("同一晚住宿已经报销，重复部分不予报销",
                                         "Lodging for a night already paid: denied")),
        ("EXP-LODGING-CAP", Bilingual("超过住宿标准，按标准报销",
                                      "Above the lodging standard: reimbursed at the standard")),
        ("EXP-OVER-QUOTA", Bilingual("超过费用额度，超过额定部分不予报销（经总经理审批的除外）",
                                     "Above the monthly quota: the excess is not reimbursed unless the general manager approved it")),
        ("EXP-POSSIBLE-DUPLICATE", Bilingual("无票据号，与另一笔同人、同日、同类、同额的费用相同，疑似重复，请财务核对",
                                             "No receipt number and the same employee, date, category and amount as another line: possible duplicate, for finance to check")),
        // §2 travel days, meal allowance, audit
        ("ATT-TRAVEL-DAYS-LOW", Bilingual("本月出差天数少于规定（区域经理每月出差至少20天）",
                                          "Fewer travel days than the monthly minimum (regional managers: at least 20)")),
        ("ATT-TRAVEL-UNVERIFIED", Bilingual("出差城市与行动计划表不符，该日不计伙食补助",
                                            "Travel city differs from the action plan: no meal allowance for that day")),
        ("AUDIT", Bilingual("发现可能弄虚作假，报主管部门核查",
                            "Possible false claim: referred for audit")),
        ("AUDIT-FORFEIT", Bilingual("弄虚作假，扣除当月提成及差旅费",
                                    "False claim: the month's commission and travel expenses are forfeited")),
        // §3 advances (借款)
        ("ADV-NOT-ELIGIBLE", Bilingual("非区域经理，不能以借款方式支取差旅费",
                                       "Role not eligible for travel advances: denied")),
        ("ADV-LATE-CLAIM", Bilingual("上月差旅费迟迟不报销，不审批本月借款",
                                     "Last month's travel expenses were not claimed in time: no advance this month")),
        ("ADV-OVER-LIMIT", Bilingual("借款余额加本次借款超过最高金额，不予审批",
                                     "Outstanding balance plus this request exceeds the advance limit: denied")),
        // §4 sales, plans, activity
        ("SAL-AMOUNT-MISMATCH", Bilingual("数量乘单价与金额不符（相差超过0.01元），以金额为准",
                                          "Quantity × unit price differs from the amount by more than 0.01: the amount stands")),
        ("PLAN-ACTIVITY-LOW", Bilingual("行动计划低于每日拜访标准（新客户两户、老客户三户、联络电话四个）",
                                        "Action plan below the daily standard (2 new visits, 3 existing visits, 4 calls)")),
        ("PLAN-MISSING-WEEK", Bilingual("有工作日的一周未交《区域经理每周行动计划表》",
                                        "A week with working days has no weekly action plan")),
        ("ACT-BELOW-STANDARD", Bilingual("实际拜访或联络电话未达每日标准（新客户两户、老客户三户、联络电话四个）",
                                         "Actual visits or calls below the daily standard (2 new visits, 3 existing visits, 4 calls)")),
        // §5 commission (提成)
        ("COM-NO-TARGET", Bilingual("本月无回款指标，提成暂不结算",
                                    "No remittance target this month: commission deferred")),
        ("COM-SETTLED", Bilingual("完成月回款指标80%以上，结算当月提成（连同以前暂不结算的提成）",
                                  "80% or more of the monthly remittance target: the month's commission is settled, with any deferred")),
        ("COM-DEFERRED", Bilingual("未完成当月回款指标的80%，暂不结算当月提成，待完成80%以上后累计结算",
                                   "Below 80% of the monthly remittance target: commission deferred until a month reaches 80%")),
        // §7 quarterly review (季度考核)
        ("QTR-CUT", Bilingual("未完成季度考核指标的80%，下季度的工资按80%计发",
                              "Below 80% of the quarter's target: next quarter's pay at 80%")),
        ("QTR-RESTORED", Bilingual("完成季度考核指标，恢复原基本工资",
                                   "Quarter's target met: full pay restored")),
        ("QTR-REVIEW", Bilingual("连续两个季度未完成考核指标的80%，给予调离、辞退或降级",
                                 "Two quarters in a row below 80%: for transfer, dismissal or demotion")),
        ("QTR-PROMOTE", Bilingual("累计两个季度回款和网点开发完成100%以上，报总经理审批晋升一级",
                                  "Two quarters in a row at 100% of remittance and new outlet targets: candidate for one level up, for the general manager")),
        ("QTR-INCOMPLETE", Bilingual("本季度有月份尚未结账，本季度暂不考核",
                                     "A month of the quarter was never closed: nobody is assessed")),
        // §8 year-end (年终)
        ("YR-BONUS", Bilingual("年终提成总数减去按月提成的总数，余额作为总经理奖一次性发放",
                               "Year-end commission less the monthly commission paid: the balance is paid once as the general manager's award")),
        ("YR-INCOMPLETE", Bilingual("本年度有月份尚未结账，年终提成暂不计算",
                                    "A month of the year was never closed: year-end commission not computed")),
        // §9 adjustments (调整)
        ("ADJ-UNAUTHORISED", Bilingual("审批人不是花名册中的销售总监，调整不予受理",
                                       "The approver is not a director in the roster: adjustment refused")),
        ("ADJ-EXCEEDS-BALANCE", Bilingual("还款或核销金额超过借款余额，不予受理",
                                          "Repayment or write-off above the outstanding advance: refused")),
        // inputs.md row errors and flags
        ("ROW-BAD-VALUE", Bilingual("内容格式不对，本行退回", "A field of the wrong type or form: row rejected")),
        ("ROW-MISSING", Bilingual("必填项为空，本行退回", "A required field is empty: row rejected")),
        ("ROW-FIELD-COUNT", Bilingual("本行栏数与表头不一致，本行退回", "The row has more or fewer fields than the header: row rejected")),
        ("ROW-UNKNOWN-EMPLOYEE", Bilingual("员工编号不在花名册内，本行退回", "Employee not in the roster: row rejected")),
        ("ROW-NOT-ACTIVE", Bilingual("该日期员工不在职，本行退回", "Employee not employed on that date: row rejected")),
        ("ROW-DUPLICATE", Bilingual("重复记录（单号或票据号已经用过），本行退回", "Duplicate (the key or receipt number was already used): row rejected")),
        ("ROW-OTHER-PERIOD", Bilingual("不属于本月，本行退回", "Not in the period being closed: row rejected")),
        ("ROW-EXCEL-DAMAGE", Bilingual("编号被Excel改动（前导零丢失或变成科学计数法），请将该列按文本导出，本行退回",
                                       "Excel changed an id (leading zeros lost or scientific notation): export the column as text; row rejected")),
        ("ROW-CONTROL-CHARS", Bilingual("文本中含控制字符，已删除", "Control characters removed from the text")),
        ("ROW-TEXT-CUT", Bilingual("文本超过Excel单元格上限，已截断", "Text over Excel's cell limit was cut")),
    ]

    private static let index: [String: Bilingual] = Dictionary(table.map { ($0.code, $0.text) }, uniquingKeysWith: { a, _ in a })

    /// Every known code.
    public static var allCodes: [String] { table.map(\.code) }

    /// The sentence of `code`; an unknown code gives a sentence that names it.
    public static func sentence(_ code: String, _ lang: Lang) -> String {
        if let text = index[code] { return text(lang) }
        return lang == .zh ? "代码 \(code)" : "Code \(code)"
    }

    /// The sentence management and region books show: the quarter review's outcome without its pay consequence
    /// (those books carry no pay figure and no pay ratio).
    public static func managementSentence(_ code: String, _ lang: Lang) -> String {
        switch code {
        case "QTR-CUT": return Bilingual("未完成季度考核指标的80%", "Below 80% of the quarter's target")(lang)
        case "QTR-RESTORED": return Bilingual("完成季度考核指标", "Quarter's target met")(lang)
        default: return sentence(code, lang)
        }
    }

    /// Whether `code` has its own sentence.
    public static func knows(_ code: String) -> Bool { index[code] != nil }

    /// The sentences of `codes` joined with "；" (Chinese) or "; " (English).
    public static func reasons(_ codes: [String], _ lang: Lang) -> String {
        codes.map { sentence($0, lang) }.joined(separator: Vocab.reasonSeparator(lang))
    }

    /// A rule's detail in the workbook's language: the close words a route mismatch as
    /// "EXP-ROUTE-MISMATCH expenses.csv:12 2023-03-05: plan 阳阿, receipt 原阳"; in Chinese that reads
    /// "出差路线不符 expenses.csv 第12行 2023-03-05：计划城市 阳阿，票据城市 原阳". Other details pass unchanged.
    public static func detail(_ text: String, _ lang: Lang) -> String {
        guard lang == .zh else { return text }
        var t = text
        if t.hasPrefix("EXP-ROUTE-MISMATCH ") { t = "出差路线不符 " + t.dropFirst("EXP-ROUTE-MISMATCH ".count) }
        if t.hasPrefix("EXP-NOT-TRAVELLING ") { t = "未出差报住宿 " + t.dropFirst("EXP-NOT-TRAVELLING ".count) }
        if let m = t.firstMatch(of: #/ (\S+):(\d+) /#) {
            t.replaceSubrange(m.range, with: " \(m.1) 第\(m.2)行 ")
        }
        t = t.replacingOccurrences(of: ": plan ", with: "：计划城市 ")
        t = t.replacingOccurrences(of: ", receipt ", with: "，票据城市 ")
        return t
    }

    /// Codes joined for a codes column: "EXP-LATE, EXP-LODGING-CAP".
    public static func joined(_ codes: [String]) -> String { codes.joined(separator: ", ") }
}
