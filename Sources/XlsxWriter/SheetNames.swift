extension Workbook {
    /// Excel's sheet-name length limit, in UTF-16 code units (what Excel counts).
    public static let maxSheetNameLength = 31

    /// Characters Excel forbids in sheet names.
    public static let forbiddenSheetNameCharacters: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]

    /// Why `name` cannot be a new sheet's name next to `existing`, or `nil` if it can.
    ///
    /// Rules: not empty; at most 31 UTF-16 units; none of `[ ] : * ? / \`
    /// nor control characters; no leading or trailing apostrophe; not the
    /// reserved `History`; unique ignoring case, Unicode-aware (libxlsxwriter
    /// 1.1.4 only folds ASCII, so `É` and `é` would both pass there).
    public static func sheetNameProblem(_ name: String, existing: [String]) -> String? {
        if name.isEmpty { return "sheet name is empty" }
        if name.utf16.count > maxSheetNameLength {
            return "sheet name over Excel's 31-character limit (\(name.utf16.count) UTF-16 units)"
        }
        if let bad = name.first(where: { forbiddenSheetNameCharacters.contains($0) }) {
            return "sheet name contains '\(bad)', one of the characters Excel forbids: [ ] : * ? / \\"
        }
        if name.unicodeScalars.contains(where: isControl) {
            return "sheet name contains a control character"
        }
        if name.hasPrefix("'") || name.hasSuffix("'") {
            return "sheet name starts or ends with an apostrophe, which Excel forbids"
        }
        if sheetNameKey(name) == sheetNameKey("History") {
            return "sheet name 'History' is reserved by Excel"
        }
        let key = sheetNameKey(name)
        if let clash = existing.first(where: { sheetNameKey($0) == key }) {
            return "sheet name is already used by '\(clash)' (Excel ignores case)"
        }
        return nil
    }

    /// Turns any text into a valid sheet name not used in `existing`:
    /// forbidden and control characters become `_`, edge apostrophes are
    /// dropped, the name is cut to 31 UTF-16 units on a character boundary,
    /// an empty result becomes `Sheet`, and clashes (ignoring case) get a
    /// ` (2)`, ` (3)`… suffix that still fits the limit.
    public static func safeSheetName(_ proposed: String, existing: [String]) -> String {
        var cleaned = String(
            proposed.map { character -> Character in
                if forbiddenSheetNameCharacters.contains(character) { return "_" }
                if character.unicodeScalars.contains(where: isControl) { return "_" }
                return character
            })
        cleaned = trimApostrophes(cleaned)
        if cleaned.isEmpty { cleaned = "Sheet" }
        let base = trimApostrophes(prefix(cleaned, utf16Units: maxSheetNameLength))
        let keys = Set(existing.map(sheetNameKey))
        let reserved = sheetNameKey("History")
        func free(_ candidate: String) -> Bool {
            let key = sheetNameKey(candidate)
            return !candidate.isEmpty && key != reserved && !keys.contains(key)
        }
        if free(base) { return base }
        var counter = 2
        while true {
            let suffix = " (\(counter))"
            let room = maxSheetNameLength - suffix.utf16.count
            let stem = trimApostrophes(prefix(base, utf16Units: room))
            let candidate = (stem.isEmpty ? "Sheet" : stem) + suffix
            if free(candidate) { return candidate }
            counter += 1
        }
    }

    /// The comparison key for sheet names: Excel treats names differing only
    /// in case as the same. Swift's `==` already equates canonically
    /// equivalent forms (precomposed vs. combining accents).
    static func sheetNameKey(_ name: String) -> String {
        name.lowercased()
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }

    private static func trimApostrophes(_ text: String) -> String {
        var result = Substring(text)
        while result.first == "'" { result = result.dropFirst() }
        while result.last == "'" { result = result.dropLast() }
        return String(result)
    }

    /// The longest prefix of whole characters within `utf16Units`.
    static func prefix(_ text: String, utf16Units limit: Int) -> String {
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let width = text[index].utf16.count
            if used + width > limit { break }
            used += width
            end = text.index(after: index)
        }
        return String(text[..<end])
    }
}
