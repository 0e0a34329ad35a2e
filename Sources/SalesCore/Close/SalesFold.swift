#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The period's accepted order lines summed as they are read (issue 7: "folded into per-employee, per-region,
/// per-product and per-customer state"): what §4 and the management and region workbooks need, without keeping
/// the lines. Memory grows with employees, customers and products, not with order lines.
public struct SalesFold: Sendable {
    public struct Employee: Sendable {
        public var sales = Money.zero
        public var remitted = Money.zero
        public var lines = 0
        /// The region's number in the fold.
        var regionNumber = 0
        /// Customers served (numbers into `customers`).
        public var customers = Set<Int>()
        /// SAL-AMOUNT-MISMATCH details, in reading order.
        public var mismatchNotes: [String] = []
    }
    public struct Customer: Sendable {
        public var id: String
        public var sales = Money.zero
        public var remitted = Money.zero
        /// Regions (numbers) of the employees who sold to it, in first-seen order.
        var regionNumbers: [Int] = []
        /// The name on its latest row (by date, then file and line), with where that row stands.
        var latestName: String? = nil
        var latestAt: (day: Day, fileOrder: Int, line: Int)? = nil
        public var latest: (name: String, day: Day)? { latestName.map { ($0, latestAt!.day) } }
        /// What the rows' new_customer cells say (nil: no row gives one).
        public var said: Bool? = nil
    }
    public struct Product: Sendable, Equatable {
        public var lines = 0
        public var quantity: Int64 = 0
        public var sales = Money.zero
    }
    public struct RegionCustomer: Sendable, Equatable {
        /// The first non-empty name on the region's rows.
        public var name: String?
        public var sales = Money.zero
        public var remitted = Money.zero
    }
    /// One region's lines (regions of the roster; "" for employees without one).
    public struct Region: Sendable {
        public var sales = Money.zero
        public var remitted = Money.zero
        /// By product (numbers into `productNames`) and by customer (numbers into `customers`): no text hashed per line.
        var productFigures: [Int: Product] = [:]
        var customerFigures: [Int: RegionCustomer] = [:]
        public var employees = Set<String>()
        /// The longest order id, employee id and customer id (UTF-8 bytes) and the largest amounts: column widths
        /// for the order-line sheet without measuring every line again.
        public var longestOrderId = 0
        public var longestEmployeeId = 0
        public var longestCustomerId = 0
        public var largestAmount: Int64 = 0
        public var largestRemitted: Int64 = 0
        public var largestQuantity: Int64 = 0
        public var negativeAmounts = false
        public init() {}
    }

    public private(set) var employees: [String: Employee] = [:]
    /// Employees in the order their first line was read.
    public private(set) var employeeOrder: [String] = []
    public private(set) var customerIndex: [String: Int] = [:]
    public private(set) var customers: [Customer] = []
    private var regionIndex: [String: Int] = [:]
    private var regionNames: [String] = []
    private var regionList: [Region] = []
    private var productIndex: [TextKey: Int] = [:]
    private var productNames: [String] = []
    public private(set) var mismatches: [SalesMismatch] = []
    /// Accepted lines folded.
    public private(set) var lines = 0

    public init() {}

    /// One region's lines, by its name (nil when it had none).
    public func region(named name: String) -> Region? { regionIndex[name].map { regionList[$0] } }

    /// A region's products by name.
    public func products(of region: Region) -> [String: Product] {
        Dictionary(uniqueKeysWithValues: region.productFigures.map { (productNames[$0.key], $0.value) })
    }

    /// A region's customers by id, with the region's own figures.
    public func customers(of region: Region) -> [String: RegionCustomer] {
        Dictionary(uniqueKeysWithValues: region.customerFigures.map { (customers[$0.key].id, $0.value) })
    }

    /// Is |quantity × unit_price − amount| above 0.01 yuan? Exact: quantity is in 1/10000 units, money in fen,
    /// so the test is |q.units × price.fen − amount.fen × 10000| > 10000.
    public static func isAmountMismatch(quantity: Decimal4, unitPrice: Money, amount: Money) -> Bool {
        let (qp, o1) = quantity.units.multipliedReportingOverflow(by: unitPrice.fen)
        let (a4, o2) = amount.fen.multipliedReportingOverflow(by: 10_000)
        if !o1 && !o2 {
            let (d, o3) = qp.subtractingReportingOverflow(a4)
            if !o3 { return d.magnitude > 10_000 }
        }
        // Absurdly large figures only: fall back to an approximate comparison.
        let diff = Double(quantity.units) * Double(unitPrice.fen) - Double(amount.fen) * 10_000
        return Swift.abs(diff) > 10_000
    }

    /// The regions of a customer's sellers, by name, in first-seen order.
    public func regions(of c: Customer) -> [String] { c.regionNumbers.map { regionNames[$0] } }

    /// The name of region number `n` (as `add` returns it).
    public func regionName(_ n: Int) -> String { regionNames[n] }

    /// Adds one accepted order line of the period; `region` is the roster region of its employee. Returns the
    /// region's number.
    @discardableResult
    public mutating func add(_ ref: RowRef, _ row: SaleRow, region: String?) -> Int {
        lines += 1
        let mismatch = row.unitPrice.map { Self.isAmountMismatch(quantity: row.quantity, unitPrice: $0, amount: row.amount) } ?? false
        if mismatch { mismatches.append(SalesMismatch(ref: ref, row: row)) }
        let c: Int
        if let known = customerIndex[row.customerId] {
            c = known
        } else {
            c = customers.count
            customerIndex[row.customerId] = c
            customers.append(Customer(id: row.customerId))
        }
        let e: Dictionary<String, Employee>.Index
        let g: Int
        if let known = employees.index(forKey: row.employeeId) {
            e = known
            g = employees.values[e].regionNumber
        } else {
            let key = region ?? ""
            if let known = regionIndex[key] {
                g = known
            } else {
                g = regionList.count
                regionIndex[key] = g; regionNames.append(key); regionList.append(Region())
            }
            employees[row.employeeId] = Employee(regionNumber: g)
            employeeOrder.append(row.employeeId)
            e = employees.index(forKey: row.employeeId)!
            regionList[g].employees.insert(row.employeeId)
        }
        let p: Int
        let pk = TextKey(row.product)
        if let known = productIndex[pk] {
            p = known
        } else {
            p = productNames.count
            productIndex[pk] = p; productNames.append(row.product)
        }
        employees.values[e].sales += row.amount
        employees.values[e].remitted += row.remitted
        employees.values[e].lines += 1
        employees.values[e].customers.insert(c)
        if mismatch {
            employees.values[e].mismatchNotes.append(
                "\(ref.file):\(ref.line) \(row.orderId)/\(row.lineNo): \(row.quantity) × \(row.unitPrice!) ≠ \(row.amount)")
        }
        customers[c].sales += row.amount
        customers[c].remitted += row.remitted
        if region != nil, !customers[c].regionNumbers.contains(g) { customers[c].regionNumbers.append(g) }
        if let n = row.customerName, !n.isEmpty {
            let at = (row.date, ref.fileOrder, ref.line)
            if let cur = customers[c].latestAt, cur > at {
            } else {
                customers[c].latestAt = at
                customers[c].latestName = n
            }
        }
        if let n = row.newCustomer { customers[c].said = (customers[c].said ?? false) || n }

        regionList[g].sales += row.amount
        regionList[g].remitted += row.remitted
        regionList[g].productFigures[p, default: Product()].lines += 1
        regionList[g].productFigures[p]!.quantity += row.quantity.units
        regionList[g].productFigures[p]!.sales += row.amount
        let ci: Dictionary<Int, RegionCustomer>.Index
        if let known = regionList[g].customerFigures.index(forKey: c) {
            ci = known
        } else {
            regionList[g].customerFigures[c] = RegionCustomer()
            ci = regionList[g].customerFigures.index(forKey: c)!
        }
        if regionList[g].customerFigures.values[ci].name == nil, let n = row.customerName, !n.isEmpty {
            regionList[g].customerFigures.values[ci].name = n
        }
        regionList[g].customerFigures.values[ci].sales += row.amount
        regionList[g].customerFigures.values[ci].remitted += row.remitted
        regionList[g].longestOrderId = max(regionList[g].longestOrderId, row.orderId.utf8.count)
        regionList[g].longestEmployeeId = max(regionList[g].longestEmployeeId, row.employeeId.utf8.count)
        regionList[g].longestCustomerId = max(regionList[g].longestCustomerId, row.customerId.utf8.count)
        regionList[g].largestAmount = max(regionList[g].largestAmount, Int64(clamping: row.amount.fen.magnitude))
        regionList[g].largestRemitted = max(regionList[g].largestRemitted, Int64(clamping: row.remitted.fen.magnitude))
        regionList[g].largestQuantity = max(regionList[g].largestQuantity, Int64(clamping: row.quantity.units.magnitude))
        if row.amount.fen < 0 || row.remitted.fen < 0 { regionList[g].negativeAmounts = true }
        return g
    }

    /// Products of the regions given (nil: all), merged.
    public func products(in scope: Set<String>?) -> [String: Product] {
        var out: [String: Product] = [:]
        for (name, r) in zip(regionNames, regionList) where scope?.contains(name) ?? true {
            for (p, f) in products(of: r) {
                out[p, default: Product()].lines += f.lines
                out[p]!.quantity += f.quantity
                out[p]!.sales += f.sales
            }
        }
        return out
    }
}

/// A text as a dictionary key by its bytes: no Unicode normalisation per look-up (a product name is the same
/// product when it is written the same way).
public struct TextKey: Hashable, Sendable {
    public let text: String
    public init(_ text: String) { self.text = text }
    public static func == (a: TextKey, b: TextKey) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { p in y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) } }
    }
    public func hash(into h: inout Hasher) {
        var t = text
        t.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
