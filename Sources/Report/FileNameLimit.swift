import SalesCore

/// File names made from data (a region's name) cut to what the file system allows (issue 14 §5): 255 bytes per name
/// component on Linux file systems (ext4, xfs, btrfs, tmpfs), counted in UTF-8 bytes. Cut on a character boundary,
/// leaving room for what the caller appends (`-YYYY-MM.xlsx`, a uniqueness counter, a temporary suffix); a cut name
/// ends in `~` and 8 hex digits of the SHA-256 of the whole name, so two long names that share their start stay apart.
public enum FileNameLimit {
    /// Bytes in one name component (NAME_MAX).
    public static let componentBytes = 255
    /// Room kept for a suffix added while a file is written under a temporary name, or by a tool copying it.
    public static let temporarySuffixBytes = 16
    /// Room kept for the `-2`, `-3` … that keeps names unique.
    public static let counterBytes = 4

    /// `stem` as it is when it fits with `reserving` more bytes; otherwise its longest prefix of whole characters
    /// that fits with the hash mark, then `~` and the first 8 hex digits of SHA-256(`hashing`, default `stem`).
    public static func cut(_ stem: String, hashing whole: String? = nil, reserving: Int) -> String {
        let budget = componentBytes - reserving
        if stem.utf8.count <= budget { return stem }
        let mark = "~" + String(SHA256.hex(Array((whole ?? stem).utf8)).prefix(8))
        let room = max(0, budget - mark.utf8.count)
        var out = "", used = 0
        for ch in stem {
            let n = ch.utf8.count
            if used + n > room { break }
            out.append(ch)
            used += n
        }
        return out + mark
    }

    /// The bytes a region workbook's name adds after its stem: `-YYYY-MM.xlsx`, the counter and the temporary suffix.
    public static let regionSuffixBytes = "-YYYY-MM.xlsx".utf8.count + counterBytes + temporarySuffixBytes
}
