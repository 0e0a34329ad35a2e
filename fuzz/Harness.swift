// libFuzzer harness for the CSV reader and the value parsers (issue 6 §8). Built by `make fuzz` (fuzz/run.sh):
// compiled with `swiftc -O -sanitize=fuzzer,address -parse-as-library` together with the Ingest and SalesCore sources
// (one module, so their `import SalesCore` lines are dropped by the script). Not part of `make test`.
//
// Each input is fed to: the decoder (bytes → UTF-8), the CSV scanner (every record), every value parser on every
// field, the cell cleaning, and the whole file reader (kind detection from the header, typed rows) under the name of
// each input kind. A crash, a sanitizer report or a hang (timeout) is a finding: the script saves the input under
// fuzz/regressions/ and GuaranteesFuzzRegressionTests feeds it to the binary's `check`.

@_cdecl("LLVMFuzzerTestOneInput")
public func salescloseFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let decoded = try? TextDecoder.decodeToUTF8(bytes, file: "fuzz.csv") else { return 0 }
    let utf8 = decoded.utf8
    var scanner = CSVScanner(bytes: utf8, delimiter: CSVScanner.sniffDelimiter(utf8), file: "fuzz.csv")
    var records = 0
    while records < 10_000, let record = try? scanner.next() {
        records += 1
        for field in record.fields.prefix(64) {
            _ = ValueParser.money(field)
            _ = ValueParser.decimal4(field)
            _ = ValueParser.integer(field)
            _ = ValueParser.date(field)
            _ = ValueParser.month(field)
            _ = ValueParser.boolean(field)
            _ = ValueParser.isScientificNotation(field)
            _ = ValueParser.role(field)
            _ = ValueParser.expenseCategory(field)
            _ = ValueParser.city(field, aliases: [(key: "郑州市", value: "郑州")])
            _ = Cell.clean(field)
            _ = CellTextLimit(units: 8, cut: { String($0.prefix(8)) }).apply(field)
            _ = Cell.foldWidth(field)
        }
    }
    let reader = InputReader(cityAliases: [])
    for name in ["roster.csv", "expenses.csv", "sales.csv", "attendance.csv", "advances.csv", "data.csv"] {
        guard let prepared = try? reader.prepare(name: name, bytes: bytes) else { continue }
        var set = InputSet()
        _ = try? reader.readRows(prepared, fileOrder: 0, into: &set)
    }
    return 0
}
