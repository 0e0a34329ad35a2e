import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML element: name without namespace prefix, attributes, children, text.
public final class XmlElement {
    /// Local name (`c:ser` → `ser`).
    public let name: String
    /// Qualified name as written (`c:ser`).
    public let qualifiedName: String
    /// Attributes by qualified name (`r:id`, `ref`).
    public let attributes: [String: String]
    public fileprivate(set) var children: [XmlElement] = []
    /// Character data directly inside this element.
    public fileprivate(set) var text: String = ""

    init(qualifiedName: String, attributes: [String: String]) {
        self.qualifiedName = qualifiedName
        self.name = qualifiedName.split(separator: ":").last.map(String.init) ?? qualifiedName
        self.attributes = attributes
    }

    /// An attribute by local name (`id` finds `r:id`), qualified match first.
    public func attribute(_ name: String) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { key, _ in key.split(separator: ":").last.map(String.init) == name }?.value
    }

    /// The first child with local name `name`.
    public func child(_ name: String) -> XmlElement? {
        children.first { $0.name == name }
    }

    /// All children with local name `name`.
    public func children(_ name: String) -> [XmlElement] {
        children.filter { $0.name == name }
    }

    /// All descendants (depth first) with local name `name`.
    public func descendants(_ name: String) -> [XmlElement] {
        var found: [XmlElement] = []
        for child in children {
            if child.name == name { found.append(child) }
            found.append(contentsOf: child.descendants(name))
        }
        return found
    }

    /// The first descendant along a path of local names: `path("c:tx", "c:strRef", "c:f")`.
    public func path(_ names: String...) -> XmlElement? {
        var node: XmlElement? = self
        for name in names { node = node?.child(name) }
        return node
    }
}

/// Parses XML data into an `XmlElement` tree.
enum XMLTree {
    static func parse(_ data: Data, part: String) throws -> XmlElement {
        let builder = Builder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let reason = parser.parserError.map { "\($0)" } ?? "no root element"
            throw XlsxReadError.malformedPart(part, reason)
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XmlElement?
        var stack: [XmlElement] = []

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
        ) {
            let element = XmlElement(qualifiedName: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(element) } else { root = element }
            stack.append(element)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }

        func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
            stack.last?.text += whitespaceString
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            stack.last?.text += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}
