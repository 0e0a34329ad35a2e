/// The language of what a person reads: the workbooks, and the messages of `check` and `close` (`--lang`).
public enum Language: String, Sendable, CaseIterable, Hashable {
    case zh, en
}

/// The messages' Chinese. A message is made once, in English: that is its canonical text, the one
/// close-summary.json keeps whatever the language. Its Chinese is looked up here, template by template, the way
/// a gettext catalogue is keyed by the English text: each entry is the English template with its variable parts
/// captured, and the Chinese sentence that puts them back. A message with no entry is shown as made (a new
/// message without a translation reads in English rather than not at all; `MessageTextTests` holds every
/// message the tests make to having one).
public enum MessageText {
    /// `message` in `lang`. `headers` maps a canonical column name to the header the file itself used (金额 for
    /// `amount`), so a message names the column as the user's file does; columns it does not name get the
    /// Chinese name of inputs.md.
    public static func render(_ message: String, _ lang: Language, headers: [String: String] = [:]) -> String {
        guard lang == .zh else { return message }
        return zh(message, headers: headers) ?? message
    }

    /// A printed line (`file:line: error: message`, `error: message`, `file: note: message`, `warning: …`) in `lang`:
    /// the place and the `error:`/`note:`/`warning:` word stay as they are (tools and people search for them), the
    /// message after them is translated.
    public static func line(_ line: String, _ lang: Language, headers: [String: String] = [:]) -> String {
        guard lang == .zh else { return line }
        for word in ["error: ", "note: ", "warning: "] {
            let at: Range<String.Index>?
            if line.hasPrefix(word) {
                at = line.startIndex..<line.index(line.startIndex, offsetBy: word.count)
            } else {
                at = line.firstRange(of: ": " + word).map { line.index(after: $0.lowerBound)..<$0.upperBound }
            }
            guard let at else { continue }
            let rest = String(line[at.upperBound...])
            // `CODE message` after error: (a row error) keeps its code first.
            if let space = rest.firstIndex(of: " "), let code = Code(rawValue: String(rest[..<space])) {
                let message = String(rest[rest.index(after: space)...])
                return String(line[..<at.upperBound]) + code.rawValue + " " + (zh(message, headers: headers) ?? message)
            }
            return String(line[..<at.upperBound]) + (zh(rest, headers: headers) ?? rest)
        }
        return zh(line, headers: headers) ?? line
    }

    /// The Chinese of `message`, or nil when the catalogue has no entry for it.
    public static func zh(_ message: String, headers: [String: String] = [:]) -> String? {
        // "<column> <what is wrong with its value>": the value errors of the ingest name their column first.
        if let space = message.firstIndex(of: " ") {
            let head = String(message[..<space])
            if let name = columnName(head, headers), let rest = translate(String(message[message.index(after: space)...]), Self.valueEntries, headers) {
                return name + rest
            }
        }
        return translate(message, Self.entries, headers)
    }

    /// The column as the file names it, else its Chinese name; nil when `canonical` is no column name.
    public static func columnName(_ canonical: String, _ headers: [String: String] = [:], kind: InputKind? = nil) -> String? {
        if let h = headers[canonical], !h.isEmpty { return h }
        switch (kind, canonical) {
        case (.remittances?, "receipt_no"): return "收据号"
        case (.expenses?, "approved_by"): return "经理签字"
        case (.attendance?, "status"): return "考勤状态"
        case (.advances?, "purpose"): return "事由"
        default: return columnNames[canonical]
        }
    }

    // MARK: the catalogue

    struct Entry {
        /// nil only for a pattern that does not compile (MessageTextTests fails on any).
        let pattern: Regex<AnyRegexOutput>?
        let template: String
        init(_ pattern: String, _ template: String) {
            self.pattern = try? Regex(pattern)
            self.template = template
        }
    }

    /// Fills `template`'s `$1`…`$9` with the captures; `$c1` is capture 1 read as a column name, `$f1` as a list
    /// of accepted forms, `$z1` as a message of its own (translated where the catalogue knows it).
    static func translate(_ text: String, _ entries: [Entry], _ headers: [String: String]) -> String? {
        for e in entries {
            guard let p = e.pattern, let m = try? p.wholeMatch(in: text) else { continue }
            let captures = (0..<m.output.count).map { m.output[$0].substring.map(String.init) ?? "" }
            // One pass over the template, so a capture that itself holds "$1" (an amount in dollars) stays as it is.
            var out = ""
            var t = e.template[...]
            while let dollar = t.firstIndex(of: "$") {
                out += t[..<dollar]
                var rest = t[t.index(after: dollar)...]
                var kind: Character? = nil
                if let k = rest.first, "czf".contains(k) { kind = k; rest = rest.dropFirst() }
                guard let digit = rest.first, let i = digit.wholeNumberValue, i >= 1, i < captures.count else {
                    out += "$"
                    t = t[t.index(after: dollar)...]
                    continue
                }
                let value = captures[i]
                switch kind {
                case "c": out += columnName(value, headers) ?? value
                case "z": out += zh(value, headers: headers) ?? value
                case "f": out += forms(value)
                default: out += value
                }
                t = rest.dropFirst()
            }
            return out + t
        }
        return nil
    }

    /// A list of accepted forms in Chinese: the lists the ingest names are translated whole; others keep their
    /// examples with the English joining words put into Chinese.
    static func forms(_ english: String) -> String {
        if let known = formLists[english] { return known }
        return english.replacingAll(", optionally followed by a time", with: "，后面可带时间").replacingAll(" or ", with: " 或 ")
    }

    static let formLists: [String: String] = [
        "2023-03-27, 2023-3-27, 2023/3/27, 2023.3.27, 2023年3月27日, 23年3月27日 or 20230327; 27/03/2023 or 3/27/23 when every date of the column is written so and one has a day above 12":
            "2023-03-27、2023-3-27、2023/3/27、2023.3.27、2023年3月27日、23年3月27日或20230327；27/03/2023或3/27/23须该列所有日期都这样写，且至少有一个日期的日大于12",
        "1234.50, 1,234.50, ¥1,234.50, ￥1234.5, 1234.5元, RMB 1234.50, CNY1234.5, -12.30 or (12.30)":
            "1234.50、1,234.50、¥1,234.50、￥1234.5、1234.5元、RMB 1234.50、CNY1234.5、-12.30或(12.30)",
        "2023-03, 2023/3, 2023年3月, 202303 or the month's first day (2023/3/1)":
            "2023-03、2023/3、2023年3月、202303或当月1日（2023/3/1）",
        "Y/N, yes/no, true/false, 1/0, 是/否, √ or ✓ for yes; empty for not given":
            "Y/N、yes/no、true/false、1/0、是/否，√或✓表示是；空白表示未填"
    ]

    /// What follows the column name in a value error.
    static let valueEntries: [Entry] = [
        Entry(#"is empty"#, "为空"),
        Entry(#"is empty; a travel day needs its city"#, "为空；出差日必须填写城市"),
        Entry(#"is empty; a transport line needs its transport mode"#, "为空；交通费必须填写交通方式"),
        Entry(#"is empty; a (\w+) line needs its city"#, "为空；住宿费和伙食费必须填写城市"),
        Entry(#"is empty; (.+)"#, "为空（$1）"),
        Entry(#"is missing: the file has no (\S+) column"#, "缺失：文件中没有“$c1”这一列"),
        Entry(#"is missing: the file has no (\S+) column; (.+)"#, "缺失：文件中没有“$c1”这一列（$2）"),
        Entry(#""" is empty"#, "为空"),
        Entry(
            #"(".*") is an amount in a foreign currency \((.+?)\), not in yuan: .*\(accepted: (.*)\)"#,
            "$1是外币金额（$2），不是人民币：金额一律按人民币（¥、RMB、CNY或不带符号）读取，不做换算；请去掉$2符号按数字导出该列（英文区域设置的电子表格会加上它），或先换算成人民币（可接受：$f3）"),
        Entry(#"(".*") has (\d+) decimals; an amount of money has at most 2 \(fen\)"#, "$1有$2位小数；金额最多两位小数（到分）"),
        Entry(#"(".*") is too large for an amount of money"#, "$1金额过大"),
        Entry(#"(".*") is not an amount of money \(accepted: (.*)\): it has more than one sign"#, "$1不是金额：有不止一个正负号（可接受：$f2）"),
        Entry(#"(".*") is not an amount of money \(accepted: (.*)\): it has more than one decimal point"#, "$1不是金额：有不止一个小数点（可接受：$f2）"),
        Entry(#"(".*") is not an amount of money \(accepted: (.*)\): it has letters or other characters"#, "$1不是金额：含有字母或其他字符（可接受：$f2）"),
        Entry(#"(".*") is not an amount of money \(accepted: (.*)\)"#, "$1不是金额（可接受：$f2）"),
        Entry(#"(".*") has (\d+) decimals; at most 4 are accepted"#, "$1有$2位小数，最多4位"),
        Entry(#"(".*") is too large"#, "$1数值过大"),
        Entry(#"(".*") is not a number \(accepted: [^)]*\): it has more than one decimal point"#, "$1不是数字：有不止一个小数点（可接受：12、12.5、1,234.5678、-3，最多4位小数）"),
        Entry(#"(".*") is not a number \(accepted: [^)]*\)"#, "$1不是数字（可接受：12、12.5、1,234.5678、-3，最多4位小数）"),
        Entry(#"(".*") is not a whole number( \(accepted: 0, 1, 2, 12 …\))?"#, "$1不是整数（可接受：0、1、2、12…）"),
        Entry(#"(".*") is not a date \(accepted: (.*), optionally followed by a time\)"#, "$1不是日期（可接受：$f2，后面可带时间）"),
        Entry(
            #"(".*") has something after the date that is not a time \(accepted: (.*), optionally followed by a time such as 06:48:41\)"#,
            "$1日期后面的内容不是时间（可接受：$f2，后面可带时间，如06:48:41）"),
        Entry(
            #"(".*") looks like an Excel date serial number, not a date; .*\(accepted: (.*)\)"#,
            "$1像是Excel的日期序列号，不是日期；请在Excel中把该列设置为日期格式（yyyy-mm-dd）后重新导出（可接受：$f2）"),
        Entry(
            #"(".*") is ambiguous \(day-first or month-first\).*accepted: (.*)"#,
            "$1无法判断日在前还是月在前，该列也不能确定（须该列所有日期都这样写，且至少有一个日期的第一或第二部分大于12）；可接受：$f2"),
        Entry(#"(".*") is ambiguous \(day-first or month-first\); use (.*)"#, "$1无法判断日在前还是月在前；请用：$f2"),
        Entry(#"(".*") is not a real day: there is no month (\d+).*"#, "$1不是有效日期：没有$2月"),
        Entry(#"(".*") is not a real day: (\d{4})-(\d{2}) has (\d+) days"#, "$1不是有效日期：$2年$3月只有$4天"),
        Entry(#"(".*") is not a month \(accepted: (.*)\)"#, "$1不是月份（可接受：$f2）"),
        Entry(#"(".*") is not a real month: there is no month (\d+).*"#, "$1不是有效月份：没有$2月"),
        Entry(#"(".*") is a date, not a month; .*\(accepted: (.*)\)"#, "$1是日期，不是月份；日期只有在当月1日时才当作月份（可接受：$f2）"),
        Entry(#"(".*") is not yes or no \(accepted: (.*)\)"#, "$1不是“是/否”（可接受：$f2）"),
        Entry(#"(".*") is not a role \(accepted: (.*)\)"#, "$1不是有效的岗位（可接受：$2）"),
        Entry(#"(".*") is not a level \(accepted: (.*)\)"#, "$1不是有效的级别（可接受：$2）"),
        Entry(#"(".*") is not an attendance status \(accepted: (.*)\)"#, "$1不是有效的考勤状态（可接受：$2）"),
        Entry(#"(".*") is not an expense category \(accepted: (.*)\)"#, "$1不是有效的费用类别（可接受：$2）"),
        Entry(#"(".*") is not a transport mode \(accepted: (.*)\)"#, "$1不是有效的交通方式（可接受：$2）"),
        Entry(#"(".*") is not a receipt kind \(accepted: (.*)\)"#, "$1不是有效的票据类型（可接受：$2）"),
        Entry(#"(".*") is not a visit kind \(accepted: (.*)\)"#, "$1不是有效的拜访类型（可接受：$2）"),
        Entry(#"(".*") is not an adjustment kind \(accepted: (.*)\)"#, "$1不是有效的调整类型（可接受：$2）"),
        Entry(
            #"(".*") is a long number that Excel turned into scientific notation, .*"#,
            "$1是被Excel变成科学计数法的长数字，位数已经丢失；请在Excel中把该列设置为文本格式（或按文本导入）后重新导出"),
        Entry(
            #"(".*") is a long number stored as a number in the workbook, .*"#,
            "$1是以数字存放在工作簿里的长数字，Excel 用科学计数法显示，最多只保留 15 位：已不是原来写的编号；请在 Excel 中把该列设置为文本格式，重新输入或导入这些数字后保存"),
        Entry(#"(".*") must be at least (\d+)"#, "$1不能小于$2"),
        Entry(#"(\S+) is before hire_date (\S+)"#, "$1早于入职日期$2"),
        Entry(#"(\S+) must be above 0 \(an expense line claims money; corrections go in adjustments\)"#, "$1必须大于0（报销行是申请付款；更正请用调整表）"),
        Entry(#"(\S+) must be above 0 \(an advance pays money out\)"#, "$1必须大于0（借款是付出的款项）"),
        Entry(#"(\S+) must be above 0 for (\S+) \(it lowers the outstanding advance\)"#, "$1必须大于0（$2冲减借款余额）"),
        Entry(
            #"(".*") matches roster id (".*") only with its leading zeros: .*"#,
            "$1只有补上前导零才与花名册的$2相同：保存文件时Excel把前导零去掉了。请在Excel中把该列设置为文本格式（或按文本导出）后重新导出"),
        Entry(#"(".*") already stands on an earlier roster row"#, "$1在花名册前面的行里已经有了"),
        Entry(#"(".*") was already used in an earlier closed period"#, "$1已在以前结账的月份用过"),
        Entry(#"(".*") is not in the roster"#, "$1不在花名册内"),
        Entry(#"(".*") already stands on an earlier row"#, "$1在前面的行里已经有了"),
        Entry(#"(".*") is not a director in the roster; adjustments need a director's approval"#, "$1不是花名册中的销售总监；调整须经销售总监审批"),
        Entry(#"(\S+) is more than the outstanding advance of (\S+) at that point \((\S+)\)"#, "$1超过$2当时的借款余额（$3）"),
        Entry(#"(\S+) is in (\S+), not in the period being closed \((\S+)\)"#, "$1属于$2，不在本次结账的月份（$3）"),
        Entry(
            #"(\S+) is in (\S+), not in the period being closed \((\S+)\); (\S+) is not closed, so it cannot take a late claim"#,
            "$1属于$2，不在本次结账的月份（$3）；$4尚未结账，不能补报"),
        Entry(
            #"(\S+) is in (\S+), not in the period being closed \((\S+)\); only lines of the closed month before \((\S+)\) are taken as late claims"#,
            "$1属于$2，不在本次结账的月份（$3）；只有上月（$4，已结账）的费用可以补报")
    ]

    /// Whole messages.
    static let entries: [Entry] = [
        Entry(#"order (\S+) line (\S+) already stands on an earlier row"#, "订单$1第$2行在前面的行里已经有了"),
        Entry(#"employee (\S+) \((.*)\) is not active on (\S+) \(hired (\S+)\)"#, "员工$1（$2）在$3不在职（入职日期$4）"),
        Entry(#"employee (\S+) \((.*)\) is not active on (\S+) \(hired (\S+), left (\S+)\)"#, "员工$1（$2）在$3不在职（入职日期$4，离职日期$5）"),
        Entry(#"target for (\S+) in (\S+) already stands on an earlier row"#, "$1在$2的指标在前面的行里已经有了"),
        Entry(#"attendance of (\S+) on (\S+) already stands on an earlier row"#, "$1在$2的考勤在前面的行里已经有了"),
        Entry(#"a plan row of (\S+) for (\S+) already stands on an earlier row"#, "$1在$2的行动计划在前面的行里已经有了"),
        Entry(#"row did not parse"#, "本行无法读取"),
        Entry(
            #"the row has (\d+) fields? but the header has (\d+) \(a missing or extra (\S+), or a value with one that is not in quotes\)"#,
            "本行有 $1 栏，表头有 $2 栏（少了或多了$z3，或者某个含$z3的值没有加引号）"),
        Entry(
            #"line (\d+), column (\d+): the quote \(\"\) that opens (.+) is not closed on its line and runs into line (\d+), which reads as a whole record \(it holds a (\S+) for every one of the header's\); a stray quote, so the row is rejected and reading goes on at line (\d+); remove the quote, or close it, and export again"#,
            "第 $1 行第 $2 栏：$3 开头的引号（\"）在本行没有闭合，一直延伸到第 $4 行，而第 $4 行本身就是一条完整的记录（$z5与表头一样多）；这是一个多余的引号，本行退回，从第 $6 行起继续读取；请删除或补全这个引号后重新导出"),
        Entry(
            #"line (\d+), column (\d+): the quote \(\"\) that opens (.+) is never closed: the file ends inside it; a stray quote, so the row is rejected and reading goes on at line (\d+); remove the quote, or close it, and export again"#,
            "第 $1 行第 $2 栏：$3 开头的引号（\"）一直到文件末尾都没有闭合；这是一个多余的引号，本行退回，从第 $4 行起继续读取；请删除或补全这个引号后重新导出"),
        Entry(
            #"the column (.+) fails on (\d+) of the file's (\d+) rows, so the close stops: a format problem of the export, not rows to reject one by one; it holds values such as (.*); accepted: (.*); export the column again in an accepted form \(nothing was written\)"#,
            "$1 这一列在文件的 $3 行中有 $2 行读不出来，结账停止：这是导出格式的问题，不是逐行退回的问题；该列的值例如 $4；可接受：$f5；请按可接受的格式重新导出该列（没有写出任何文件）"),
        Entry(#"the close would stop: a whole column fails \(above\); nothing was written"#, "结账会停止：有一整列读不出来（见上）；没有写出任何文件"),
        Entry(#"the close would stop: whole columns fail \(above\); nothing was written"#, "结账会停止：有几整列读不出来（见上）；没有写出任何文件"),
        // file errors
        Entry(#"required input missing: (.*)"#, "缺少必需的输入文件：$z1"),
        Entry(#"no (\S+) file \(a \.csv whose name starts with (.*)\)"#, "没有 $1 文件（文件名以 $2 开头的 .csv）"),
        Entry(#"no (\S+) file \(a \.csv whose name starts with (.*)\); (.*)"#, "没有 $1 文件（文件名以 $2 开头的 .csv）；$z3"),
        Entry(#"the file is empty \(0 bytes\): it has no header row; export it again, or remove it"#, "文件是空的（0 字节），没有表头行；请重新导出，或把它移走"),
        Entry(#"the file has no header row \(it holds nothing but blank lines\); export it again, or remove it"#, "文件没有表头行（只有空行）；请重新导出，或把它移走"),
        Entry(#"the inputs folder does not exist or is not a folder"#, "输入文件夹不存在，或者不是文件夹"),
        Entry(#"the inputs folder cannot be read: (.*)"#, "输入文件夹无法读取：$1"),
        Entry(#"the file cannot be opened: (.*)"#, "文件无法打开：$1"),
        Entry(#"the file cannot be read: (.*)"#, "文件无法读取：$1"),
        Entry(#"the file cannot be read to its end \(at byte (\d+)\): (.*)"#, "文件无法读到末尾（在第 $1 字节处）：$2"),
        Entry(
            #"this is (.+), not a regular file \(or a link to one\): only regular files are read from the inputs folder; remove it or replace it with the exported file"#,
            "这是$z1，不是普通文件（也不是指向普通文件的链接）：输入文件夹只读取普通文件；请把它移走，或换成导出的文件"),
        Entry(#"a FIFO \(named pipe\)"#, "一个命名管道（FIFO）"),
        Entry(#"a folder"#, "一个文件夹"),
        Entry(#"a socket"#, "一个套接字"),
        Entry(#"a character device \(such as /dev/zero or /dev/urandom\)"#, "一个字符设备（如 /dev/zero 或 /dev/urandom）"),
        Entry(#"a block device"#, "一个块设备"),
        Entry(
            #"the file is (.+), more than the (.+) an input of this kind may hold; .*"#,
            "文件有 $1，超过了这类输入允许的 $2；请确认导出的文件是否正确（只有 UTF-8 的销售文件会分段读取，不限大小：请在 Excel 中另存为“CSV UTF-8”）"),
        Entry(
            #"this is an Excel workbook \(a ZIP file\), not CSV, although its name says otherwise; .*"#,
            "这是 Excel 工作簿（ZIP 文件），不是 CSV，虽然文件名看起来是；请在 Excel 中用“另存为”保存为“CSV UTF-8（逗号分隔）”，再放入输入文件夹"),
        Entry(
            #"this is an old Excel workbook \(\.xls\), not CSV, although its name says otherwise; .*"#,
            "这是旧版 Excel 工作簿（.xls），不是 CSV，虽然文件名看起来是；请在 Excel 中用“另存为”保存为 .xlsx 或“CSV UTF-8（逗号分隔）”，再放入输入文件夹"),
        // workbooks (.xlsx sheets read as files)
        Entry(#"the file is empty \(0 bytes\): it has no sheet and no header row; .*"#, "文件是空的（0 字节），没有工作表也没有表头行；请重新导出（.xlsx 或 CSV UTF-8），或把它移走"),
        Entry(
            #"the workbook is encrypted \(it needs a password to open\), which the close cannot read; .*"#,
            "工作簿已加密（打开需要密码），结账无法读取；请在 Excel 中去掉密码（文件 > 信息 > 保护工作簿 > 用密码进行加密）后另存为 .xlsx，或另存为 CSV UTF-8"),
        Entry(
            #"the workbook is damaged or not a real \.xlsx file \((.*)\); open it in Excel, WPS or LibreOffice and save it as an Excel Workbook \(\.xlsx\) or as CSV UTF-8, then drop that file instead"#,
            "工作簿已损坏，或者不是真正的 .xlsx 文件（$1）；请用 Excel、WPS 或 LibreOffice 打开，另存为 Excel 工作簿（.xlsx）或 CSV UTF-8，再放入输入文件夹"),
        Entry(
            #"this is (an old Excel 97-2003 workbook \(\.xls\)|an Excel binary workbook \(\.xlsb\)|a WPS spreadsheet \(\.et\)|an OpenDocument spreadsheet \(\.ods\)|a \.\w+ workbook)(.*), which the close does not read; open it in Excel, WPS or LibreOffice and save it as an Excel Workbook \(\.xlsx\) or as CSV UTF-8, then drop that file instead"#,
            "这是$z1$2，结账不读这种文件；请用 Excel、WPS 或 LibreOffice 打开，另存为 Excel 工作簿（.xlsx）或 CSV UTF-8，再放入输入文件夹"),
        Entry(#"an old Excel 97-2003 workbook \(\.xls\)"#, "旧版 Excel 97-2003 工作簿（.xls）"),
        Entry(#"an Excel binary workbook \(\.xlsb\)"#, "Excel 二进制工作簿（.xlsb）"),
        Entry(#"a WPS spreadsheet \(\.et\)"#, "WPS 表格（.et）"),
        Entry(#"an OpenDocument spreadsheet \(\.ods\)"#, "OpenDocument 电子表格（.ods）"),
        Entry(#"the workbook has no sheet with any rows; export it again, or remove it"#, "工作簿没有任何有内容的工作表；请重新导出，或把它移走"),
        Entry(#"a hidden sheet; only the sheets a user sees are read"#, "隐藏的工作表；只读取看得见的工作表"),
        Entry(#"an empty sheet"#, "空工作表"),
        Entry(
            #"byte (\d+) \(0-based offset from the start of the file\) is a NUL byte \(0x00\), which a CSV text file never holds; .*"#,
            "第 $1 字节（从文件开头 0 起算）是 NUL 字节（0x00），CSV 文本文件里不会有；文件是二进制的、已损坏，或者是没有字节顺序标记的 UTF-16；请在 Excel 中另存为“CSV UTF-8”后重新放入"),
        Entry(
            #"byte (\d+) \(0-based offset, value (0x[0-9A-Fa-f]+)\) is not valid UTF-8; (.*), so it is not read as GB18030; .*"#,
            "第 $1 字节（从 0 起算，值为 $2）不是有效的 UTF-8；$3，所以不按 GB18030 读取；请修正或重新导出文件（在 Excel 中另存为“CSV UTF-8”）后重新放入"),
        Entry(
            #"the file is valid in no supported encoding \(UTF-8, UTF-16 with byte-order mark, GB18030/GBK\): the first bad byte is byte (\d+) \(0-based offset, (.*)\); .*"#,
            "文件不符合任何支持的编码（UTF-8、带字节顺序标记的 UTF-16、GB18030/GBK）：第一个错误字节是第 $1 字节（从 0 起算，$2）；请在 Excel 中另存为“CSV UTF-8”后重新放入"),
        Entry(
            #"the file starts with a UTF-16 byte-order mark but has an odd number of bytes \((\d+)\); .*"#,
            "文件以 UTF-16 字节顺序标记开头，但字节数是奇数（$1）；文件被截断或已损坏；请从 Excel 重新保存后再放入"),
        Entry(
            #"byte (\d+) \(0-based offset\) holds a NUL character, which a CSV text file never holds; the file is damaged"#,
            "第 $1 字节（从 0 起算）是 NUL 字符，CSV 文本文件里不会有；文件已损坏"),
        Entry(
            #"byte (\d+) \(0-based offset\) is a broken UTF-16 character \(an unpaired surrogate\); .*"#,
            "第 $1 字节（从 0 起算）是损坏的 UTF-16 字符（不成对的代理项）；文件已损坏；请从 Excel 重新保存后再放入"),
        Entry(
            #"cannot tell which kind of file this is: its header fits (.+) equally well \((\d+) columns each\); .*"#,
            "无法判断这是哪类文件：表头同样符合 $1（各 $2 列）；请把文件名改为以该类文件的名称开头（如 sales.csv、销售.csv），或删去另一类的列"),
        Entry(
            #"the file's name says (\S+) but its header lacks the required columns? (.+), and the header fits no other kind either; the closest kinds: (.*)"#,
            "文件名表明是 $1，但表头缺少必需的列 $2，表头也不符合其他任何一类；最接近的是：$3"),
        Entry(
            #"the file's name matches no kind and its header fits no kind; the closest kinds: (.*); name the file after its kind .*"#,
            "文件名不对应任何一类，表头也不符合任何一类；最接近的是：$1；请按文件的类别命名（roster 花名册、targets 指标、sales 销售、attendance 考勤、expenses 报销、plans 行动计划、remittances 回款、advances 借款、adjustments 调整、visits 拜访）"
        ),
        Entry(#"more than (.+) before byte (\d+) hold no end of a record .*"#, "第 $2 字节之前超过 $1 的内容里没有一条记录的结尾（没有换行，或者有个引号一直没有闭合）：这不是 CSV 导出文件，或者已损坏；请重新导出"),
        Entry(#"comma"#, "逗号"),
        Entry(#"tab"#, "制表符"),
        Entry(#"semicolon"#, "分号"),
        // the period and the ledger's order
        Entry(
            #"no sales row to infer the period from; give the period with --period YYYY-MM \(make: PERIOD=YYYY-MM\)"#,
            "没有销售行可以推断结账月份；请用 --period YYYY-MM 指定（make：PERIOD=YYYY-MM）"),
        Entry(
            #"the sales rows fall in several months \((.*)\); say which to close with --period YYYY-MM \(make: PERIOD=YYYY-MM\)"#,
            "销售行分属几个月份（$1）；请用 --period YYYY-MM 指定要结哪个月（make：PERIOD=YYYY-MM）"),
        Entry(#"(\S+) is already closed with other inputs; the files that differ: (.*)"#, "$1 已用其他输入结过账；不同的文件：$2"),
        Entry(#"the effective policy differs too"#, "生效的政策也不同"),
        Entry(
            #"to replace that close, run again with --reopen \(only the latest closed period can be reopened\)"#,
            "要替换那次结账，请加 --reopen 再运行（只有最近结账的月份可以重开）"),
        Entry(#"ledger (\S+): (.+)"#, "总账 $1：$z2"),
        Entry(#"--reopen names (\S+), which was never closed"#, "--reopen 指定的 $1 从未结账"),
        Entry(#"(\S+) cannot be reopened while (\S+) is closed"#, "$2 已结账，不能重开 $1"),
        Entry(#"(\S+) is already closed; --reopen closes it again with new inputs"#, "$1 已结账；加 --reopen 可用新的输入重新结账"),
        Entry(#"(\S+) is already closed, and (\S+) cannot be reopened while (\S+) is closed"#, "$1 已结账，且 $3 已结账，不能重开 $2"),
        Entry(#"the ledger's latest closed period is (\S+); (\S+) comes before it and was never closed"#, "总账中最近结账的月份是 $1；$2 在它之前，从未结账"),
        Entry(#"the ledger's latest closed period is (\S+); (\S+) would skip (\S+) to (\S+)"#, "总账中最近结账的月份是 $1；结 $2 会跳过 $3 至 $4"),
        Entry(#"the ledger's latest closed period is (\S+); (\S+) would skip (\S+)"#, "总账中最近结账的月份是 $1；结 $2 会跳过 $3"),
        Entry(#"the database is damaged: (.*)"#, "数据库已损坏：$1"),
        Entry(#"the ledger is damaged \((.*)\)"#, "总账已损坏（$1）"),
        Entry(#"not a SQLite database \((.*)\)"#, "不是 SQLite 数据库（$1）"),
        Entry(#"a SQLite database, but not a SalesClose ledger.*"#, "是 SQLite 数据库，但不是 SalesClose 的总账"),
        Entry(#"written by a newer SalesClose \(ledger version (\d+); this build knows up to (\d+)\)"#, "由更新版本的 SalesClose 写入（总账版本 $1；本程序最高支持 $2）"),
        Entry(#"the disk is full \((.*)\)"#, "磁盘已满（$1）"),
        // a lost ledger, the kept copy
        Entry(#"the ledger (\S+) is missing, but (\S+) holds closed periods: (.*)"#, "总账 $1 不见了，但 $2 中有已结账的月份：$3"),
        Entry(#"the ledger (\S+) is empty \(0 bytes\), but (\S+) holds closed periods: (.*)"#, "总账 $1 是空文件（0 字节），但 $2 中有已结账的月份：$3"),
        Entry(#"the ledger (\S+) records no closed period, but (\S+) holds closed periods: (.*)"#, "总账 $1 没有任何已结账的月份，但 $2 中有已结账的月份：$3"),
        Entry(
            #"this is not a first month: the balances carried between months \(advances, deferred commission, pay factors, receipts used\) are in the ledger; nothing was changed"#,
            "这不是第一个月：各月之间结转的余额（借款、暂缓提成、工资系数、已用票据）都记在总账里；没有做任何改动"),
        Entry(#"to put back the copy kept before the last commit \((.*)\), run: (.*)"#, "要放回上次提交前保留的副本（$1），请运行：$2"),
        Entry(#"no copy of the ledger is kept beside it \((.*)\); put the ledger back from a backup to (\S+)"#, "旁边没有保留总账副本（$1）；请从备份把总账放回 $2"),
        Entry(#"to start a new ledger instead, move the period folders out of (\S+) first"#, "如果要另起新总账，请先把各月文件夹移出 $1"),
        Entry(#"nothing to restore: there is no copy of the ledger kept before a commit at (\S+)"#, "没有可恢复的：$1 处没有提交前保留的总账副本"),
        // writing
        Entry(#"another close of (\S+) is running \((.*)\); wait for it to finish"#, "$1 的另一次结账正在运行（$2）；请等它结束"),
        Entry(
            #"the disk is full \(no space left on the device of (\S+) or of the temporary folder (\S+)\); nothing was changed: free some space and run the close again"#,
            "磁盘已满（$1 或临时文件夹 $2 所在的磁盘没有剩余空间）；没有做任何改动：请腾出空间后重新结账"),
        Entry(#"libxlsxwriter reported (\d+) error lines?; the first: (.*)"#, "libxlsxwriter 报告了 $1 行错误；第一行：$2"),
        Entry(#"(\S+) did not verify after writing \((.*)\); nothing was changed"#, "$1 写出后校验未通过（$2）；没有做任何改动"),
        Entry(#"writing the outputs failed: (.*)"#, "写出结果失败：$1"),
        Entry(#"writing (\S+) failed: (.*)"#, "写出 $1 失败：$2"),
        Entry(#"cannot create the outputs folder (\S+)"#, "无法创建输出文件夹 $1"),
        Entry(
            #"the temporary folder (\S+) \(TMPDIR\) does not exist or cannot be used; the close needs about (\d+) MB there; nothing was changed"#,
            "临时文件夹 $1（TMPDIR）不存在或不能使用；结账需要在那里用约 $2 MB；没有做任何改动"),
        Entry(
            #"the temporary folder (\S+) \(TMPDIR\) has (\d+) MB free; the close of (\d+) MB of input needs about (\d+) MB for its temporary files; free some space or set TMPDIR to a larger disk; nothing was changed"#,
            "临时文件夹 $1（TMPDIR）只剩 $2 MB；$3 MB 输入的结账需要约 $4 MB 临时空间；请腾出空间或把 TMPDIR 设到更大的磁盘；没有做任何改动"),
        Entry(
            #"(\S+) is closed \(the ledger records it\), but its folder could not take its name \((.*)\); its files are in (\S+); the next close of (\S+) puts them in place"#,
            "$1 已结账（总账已记录），但它的文件夹未能改名（$2）；文件在 $3；下次对 $4 结账时会放到位"),
        Entry(#"cannot rename (\S+) to (\S+): (.*)"#, "无法把 $1 改名为 $2：$3"),
        Entry(#"cannot read (.*)"#, "无法读取 $1"),
        Entry(#"cannot create (.*)"#, "无法创建 $1"),
        Entry(#"cannot write (.*)"#, "无法写入 $1"),
        Entry(#"cannot flush (.*)"#, "无法刷写到磁盘 $1"),
        // what was read
        Entry(#"read (\S+): (\d+) rows \((\S+), (\S+)\)"#, "读取 $1：$2 行（$3，$4）"),
        Entry(#"header only: no (\S+) this month"#, "只有表头：本月没有 $1"),
        Entry(#"ignored columns: (.*)"#, "未用的列（已忽略）：$1"),
        Entry(#"not read: (.*)"#, "未读取：$z1"),
        Entry(#"a folder; only files directly in the inputs folder are read"#, "这是一个文件夹；只读取直接放在输入文件夹里的文件"),
        Entry(#"no file extension; only \.csv, \.tsv, \.txt, \.xlsx and \.xlsm files are read"#, "没有扩展名；只读取 .csv、.tsv、.txt、.xlsx 和 .xlsm 文件"),
        Entry(#"a \.(\w+) file; only \.csv, \.tsv, \.txt, \.xlsx and \.xlsm files are read"#, "这是 .$1 文件；只读取 .csv、.tsv、.txt、.xlsx 和 .xlsm 文件"),
        Entry(#"its header fits no kind of input \((.*)\)"#, "它的表头不符合任何一类输入（$z1）"),
        Entry(#"rules: (.*)"#, "规则：$1"),
        Entry(#"wrote (\S+) \((\d+) of (\d+) workbooks\)"#, "已写出 $1（第 $2 个，共 $3 个工作簿）"),
        Entry(#"wrote (\d+) workbooks, (\S+) rows in (\S+) s"#, "已写出 $1 个工作簿，$2 行，用时 $3 秒"),
        Entry(#"writing workbooks: (\d+) of (\d+) done, (\S+) of (\S+) rows \((\S+) rows/s\)"#, "正在写工作簿：已完成 $1 个，共 $2 个；已写 $3 行，共 $4 行（每秒 $5 行）"),
        Entry(#"stages: (.*); total (\S+) s"#, "各阶段用时：$z1；合计 $2 秒"),
        Entry(#"read (\S+) s, rules (\S+) s, workbooks (\S+) s"#, "读取 $1 秒，规则 $2 秒，工作簿 $3 秒"),
        Entry(#"the file is not UTF-8 text"#, "文件不是 UTF-8 文本"),
        Entry(#"no such inputs folder"#, "输入文件夹不存在")
    ]

    /// inputs.md's Chinese name of each column (its first Chinese alias).
    public static let columnNames: [String: String] = [
        "employee_id": "员工编号", "name": "姓名", "role": "岗位", "level": "级别", "region": "区域", "department": "部门",
        "manager_id": "直属经理", "hire_date": "入职日期", "leave_date": "离职日期", "period": "月份", "sales_target": "销售指标",
        "remittance_target": "回款指标", "new_outlets_target": "网点开发指标", "date": "日期", "order_id": "订单号", "line_no": "行号",
        "customer_id": "客户编号", "customer_name": "客户名称", "product": "产品", "quantity": "数量", "unit_price": "单价",
        "amount": "金额", "remitted": "回款", "new_customer": "新客户", "status": "考勤状态", "city": "城市", "claim_id": "报销单号",
        "category": "类别", "transport_mode": "交通方式", "nights": "晚数", "receipt_no": "票据号", "receipt_kind": "票据类型",
        "approved_by": "审批人", "gm_approval": "总经理批准", "missing_receipt_reason": "无票原因", "submitted_on": "提交日期",
        "planned_new_visits": "计划拜访新客户", "planned_existing_visits": "计划拜访老客户", "planned_calls": "计划电话",
        "purpose": "工作内容", "advance_id": "借款单号", "adjustment_id": "调整单号", "kind": "类型", "reference": "依据", "note": "说明"
    ]
}

extension String {
    /// Every occurrence of `target` replaced (the standard library's own, without Foundation).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}

extension InputKind {
    /// The kind's Chinese name, as the company's files call it.
    public var zhName: String {
        switch self {
        case .roster: return "花名册"
        case .targets: return "指标"
        case .sales: return "销售"
        case .attendance: return "考勤"
        case .expenses: return "报销"
        case .plans: return "行动计划"
        case .remittances: return "回款"
        case .advances: return "借款"
        case .adjustments: return "调整"
        case .visits: return "拜访"
        }
    }
}
