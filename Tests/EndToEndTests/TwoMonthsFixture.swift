/// A small company over two months, with every figure worked out by hand from rules.md (see the comments).
///
/// Roster: D1 王总 (director, 销售一部), M1 李经理 (regional_manager, level 2, manager D1, region 华北),
/// R1 张三 (sales_rep, manager M1, 华北), M2 赵经理 (regional_manager, no manager, 华南).
enum TwoMonths {
    static let roster = """
        员工编号,姓名,岗位,级别,区域,部门,直属经理,入职日期,离职日期
        D1,王总,销售总监,1,总部,销售一部,,2015-01-01,
        M1,李经理,区域经理,2,华北,销售一部,D1,2018-03-01,
        R1,张三,销售代表,3,华北,销售一部,M1,2020-06-01,
        M2,赵经理,区域经理,3,华南,销售二部,,2019-01-01,

        """
    static let targets = """
        月份,员工编号,销售指标,回款指标,网点开发指标
        2023-01,R1,10000.00,5000.00,1
        2023-01,M1,20000.00,10000.00,0
        2023-02,R1,10000.00,5000.00,1
        2023-02,M1,20000.00,10000.00,0

        """

    // January
    static let salesJan = """
        日期,订单号,行号,业务员,客户编号,客户名称,产品,数量,单价,金额,回款,新客户
        2023-01-10,SO-1,1,R1,C1,王庄村农资店,复合肥 40kg,10,120.00,1200.00,1200.00,是

        """
    /// M1 travels Jan 9–11 in 郑州 (3 travel days, verified by the plan): meal allowance 3 × 25.00 = 75.00.
    /// Active every day of January with 3 < 20 travel days: ATT-TRAVEL-DAYS-LOW.
    static let attendanceJan = """
        日期,员工编号,考勤状态,城市
        2023-01-09,M1,出差,郑州
        2023-01-10,M1,出差,郑州
        2023-01-11,M1,出差,郑州
        2023-01-12,M1,在岗,
        2023-01-12,R1,在岗,

        """
    static let plansJan = """
        员工编号,日期,城市,计划拜访新客户,计划拜访老客户,计划电话,工作内容
        M1,2023-01-09,郑州,2,3,4,走访经销商
        M1,2023-01-10,郑州,2,3,4,走访经销商
        M1,2023-01-11,郑州,2,3,4,走访经销商

        """
    /// X1: lodging 2 nights at 郑州, 300.00 > cap 120 × 2 = 240.00 → reduced to 240.00 (EXP-LODGING-CAP).
    /// X2: train, plan week present → approved 150.00.
    /// X3: meals → denied (EXP-MEALS-ALLOWANCE).
    /// X4: R1 entertainment 400.00 > quota 300.00 → reduced to 300.00 (EXP-OVER-QUOTA).
    static let expensesJan = """
        报销单号,员工编号,日期,类别,交通方式,城市,晚数,金额,票据号,票据类型,经理签字,总经理批准,无票原因,提交日期
        X1,M1,2023-01-09,住宿,,郑州,2,300.00,R-001,电子发票,,,,2023-01-20
        X2,M1,2023-01-09,交通,火车,郑州,,150.00,R-002,电子发票,,,,2023-01-20
        X3,M1,2023-01-10,伙食,,郑州,,50.00,R-003,电子发票,,,,2023-01-20
        X4,R1,2023-01-12,招待,,郑州,,400.00,R-004,电子发票,,,,2023-01-20

        """
    /// A1 approved (balance 2000.00); A2 would make 3500.00 > 3000.00 (ADV-OVER-LIMIT); A3 by a rep (ADV-NOT-ELIGIBLE).
    /// Settlement M1: reimbursement 240 + 150 + 75 = 465.00; outstanding 2000.00; settled 465.00; net 0; after 1535.00.
    static let advancesJan = """
        借款单号,员工编号,日期,金额,事由
        A1,M1,2023-01-05,2000.00,郑州出差
        A2,M1,2023-01-20,1500.00,郑州出差
        A3,R1,2023-01-06,500.00,出差

        """

    // February
    static let salesFeb = """
        日期,订单号,行号,业务员,客户编号,客户名称,产品,数量,单价,金额,回款,新客户
        2023-02-10,SO-2,1,R1,C1,王庄村农资店,尿素 50kg,5,100.00,500.00,0,

        """
    static let attendanceFeb = """
        日期,员工编号,考勤状态,城市
        2023-02-01,M1,在岗,

        """
    static let plansFeb = """
        员工编号,日期,城市
        M1,2023-02-01,新乡

        """
    /// X10: a late claim (补报) for the night of Jan 11, judged against January's record: plan week and city 郑州,
    /// attendance travel, the night not yet paid (X1 covered Jan 9 and 10) → approved 100.00, flagged EXP-LATE.
    /// X11 reuses receipt R-004 of January → ROW-DUPLICATE.
    /// M1 travelled in January and his late claim arrives now: a late claimant of January → A4 denied (ADV-LATE-CLAIM).
    /// Settlement M1: reimbursement 100.00; outstanding 1535.00; settled 100.00; net 0; after 1435.00.
    static let expensesFeb = """
        报销单号,员工编号,日期,类别,交通方式,城市,晚数,金额,票据号,票据类型,经理签字,总经理批准,无票原因,提交日期
        X10,M1,2023-01-11,住宿,,郑州,1,100.00,R-010,电子发票,,,,2023-02-10
        X11,R1,2023-02-03,招待,,新乡,,100.00,R-004,电子发票,,,,2023-02-10

        """
    static let advancesFeb = """
        借款单号,员工编号,日期,金额,事由
        A4,M1,2023-02-03,500.00,新乡出差

        """

    static var january: [String: String] {
        [
            "roster.csv": roster, "targets.csv": targets, "sales.csv": salesJan, "attendance.csv": attendanceJan,
            "plans.csv": plansJan, "expenses.csv": expensesJan, "advances.csv": advancesJan
        ]
    }
    static var february: [String: String] {
        [
            "roster.csv": roster, "targets.csv": targets, "sales.csv": salesFeb, "attendance.csv": attendanceFeb,
            "plans.csv": plansFeb, "expenses.csv": expensesFeb, "advances.csv": advancesFeb
        ]
    }
}
