import CXlsxWriter

/// Horizontal alignment of a cell's content.
public enum HorizontalAlignment: Hashable, Sendable {
    case left, center, right
}

/// Vertical alignment of a cell's content.
public enum VerticalAlignment: Hashable, Sendable {
    case top, center, bottom
}

/// Cell border line style (all four sides).
public enum BorderStyle: Hashable, Sendable {
    case none, thin, medium, thick, dashed, dotted, double, hair
}

/// A cell format described as a value. Workbooks cache one `Format` per
/// distinct `CellFormat`, so asking for the same spec twice costs nothing.
///
/// Colours are `0xRRGGBB`.
public struct CellFormat: Hashable, Sendable {
    /// Excel number format code, e.g. `"¥#,##0.00"`, `"0.0%"`, `"yyyy-mm-dd"`.
    public var numberFormat: String?
    public var bold: Bool
    public var italic: Bool
    public var underline: Bool
    public var fontColor: UInt32?
    /// Solid background fill.
    public var bgColor: UInt32?
    public var border: BorderStyle
    public var borderColor: UInt32?
    public var alignment: HorizontalAlignment?
    public var verticalAlignment: VerticalAlignment?
    public var textWrap: Bool
    public var fontSize: Double?
    public var fontName: String?
    public var indent: Int?
    /// Leave the cell editable when the sheet is protected.
    public var unlocked: Bool

    public init(
        numberFormat: String? = nil, bold: Bool = false, italic: Bool = false,
        underline: Bool = false, fontColor: UInt32? = nil, bgColor: UInt32? = nil,
        border: BorderStyle = .none, borderColor: UInt32? = nil,
        alignment: HorizontalAlignment? = nil, verticalAlignment: VerticalAlignment? = nil,
        textWrap: Bool = false, fontSize: Double? = nil, fontName: String? = nil,
        indent: Int? = nil, unlocked: Bool = false
    ) {
        self.numberFormat = numberFormat
        self.bold = bold
        self.italic = italic
        self.underline = underline
        self.fontColor = fontColor
        self.bgColor = bgColor
        self.border = border
        self.borderColor = borderColor
        self.alignment = alignment
        self.verticalAlignment = verticalAlignment
        self.textWrap = textWrap
        self.fontSize = fontSize
        self.fontName = fontName
        self.indent = indent
        self.unlocked = unlocked
    }
}

/// A format registered in one workbook. Obtain it from `Workbook.addFormat(_:)`;
/// it can only be used with cells of that workbook.
public final class Format {
    /// The spec this format was made from.
    public let spec: CellFormat
    let pointer: UnsafeMutablePointer<lxw_format>
    let owner: ObjectIdentifier

    init(spec: CellFormat, pointer: UnsafeMutablePointer<lxw_format>, owner: ObjectIdentifier) {
        self.spec = spec
        self.pointer = pointer
        self.owner = owner
    }
}

extension CellFormat {
    /// libxlsxwriter copies number formats and font names into 128-byte
    /// buffers and silently truncates; Excel allows 255 characters for a
    /// number format and 31 for a font name. We refuse what would be cut.
    func validate(_ context: ErrorContext) throws {
        if let code = numberFormat, code.utf8.count > 127 {
            throw context.limit("add format", "number format of \(code.utf8.count) UTF-8 bytes over libxlsxwriter's 127-byte limit")
        }
        if let name = fontName {
            if name.utf16.count > 31 {
                throw context.limit("add format", "font name over Excel's 31-character limit")
            }
        }
        if let size = fontSize, !(size.isFinite && size >= 1 && size <= 409) {
            throw context.limit("add format", "font size \(size) outside Excel's 1–409 point range")
        }
        if let indent, !(0...250).contains(indent) {
            throw context.limit("add format", "indent \(indent) outside Excel's 0–250 range")
        }
        for colour in [fontColor, bgColor, borderColor].compactMap({ $0 }) where colour > 0xFFFFFF {
            throw context.error("add format", .invalidUse("colour 0x\(String(colour, radix: 16)) is not 0xRRGGBB"))
        }
    }

    /// Applies the spec to a fresh libxlsxwriter format.
    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if let code = numberFormat { format_set_num_format(format, code) }
        if bold { format_set_bold(format) }
        if italic { format_set_italic(format) }
        if underline { format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
        if let colour = fontColor { format_set_font_color(format, lxwColor(colour)) }
        if let colour = bgColor {
            format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(format, lxwColor(colour))
        }
        if border != .none {
            format_set_border(format, border.lxwValue)
            if let colour = borderColor { format_set_border_color(format, lxwColor(colour)) }
        }
        switch alignment {
        case .left: format_set_align(format, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(format, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        switch verticalAlignment {
        case .top: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
        case .center: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .bottom: format_set_align(format, UInt8(LXW_ALIGN_VERTICAL_BOTTOM.rawValue))
        case nil: break
        }
        if textWrap { format_set_text_wrap(format) }
        if let size = fontSize { format_set_font_size(format, size) }
        if let name = fontName { format_set_font_name(format, name) }
        if let indent { format_set_indent(format, UInt8(indent)) }
        if unlocked { format_set_unlocked(format) }
    }
}

extension BorderStyle {
    var lxwValue: UInt8 {
        switch self {
        case .none: return UInt8(LXW_BORDER_NONE.rawValue)
        case .thin: return UInt8(LXW_BORDER_THIN.rawValue)
        case .medium: return UInt8(LXW_BORDER_MEDIUM.rawValue)
        case .thick: return UInt8(LXW_BORDER_THICK.rawValue)
        case .dashed: return UInt8(LXW_BORDER_DASHED.rawValue)
        case .dotted: return UInt8(LXW_BORDER_DOTTED.rawValue)
        case .double: return UInt8(LXW_BORDER_DOUBLE.rawValue)
        case .hair: return UInt8(LXW_BORDER_HAIR.rawValue)
        }
    }
}

/// libxlsxwriter treats colour 0 as "unset"; black is spelled 0x1000000.
func lxwColor(_ rgb: UInt32) -> lxw_color_t {
    rgb == 0 ? lxw_color_t(LXW_COLOR_BLACK.rawValue) : lxw_color_t(rgb & 0xFFFFFF)
}
