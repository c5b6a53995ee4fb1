import CLibXML2
import Foundation
import Synchronization

/// Why an HTML page could not be read.
enum HTMLFailure: Error {
    case tooLarge(Int)
    case tooDeep(line: Int)
    case unparsable
}

/// Reads a saved web page with libxml2's HTML parser and hands its tree to `body` as
/// ``XMLStreamEvent``s in document order (element names lowercased as the parser gives
/// them; `<script>`, `<style>`, comments and processing instructions left out).
///
/// Security: `HTML_PARSE_NONET` (nothing outside the file is ever fetched), no
/// `HTML_PARSE_HUGE` (libxml2's own text and name limits stay), errors and warnings
/// silenced (`HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING`: the HTML parser recovers from
/// broken markup, which is what a saved page needs) and the thread's structured error
/// handler set to nothing for the call. HTML has no external entities; only the built-in
/// named ones ("&nbsp;") are expanded. The input is refused above ``maximumBytes`` before
/// libxml2 sees it, and the tree is walked without recursion, refused past
/// ``maximumDepth`` levels. The document is freed before return.
enum LibXMLHTML {
    static let maximumBytes = 20_000_000
    static let maximumDepth = 256

    static func read(_ bytes: [UInt8], displayPath: String, _ body: (XMLStreamEvent) -> Void) throws(HTMLFailure) {
        guard bytes.count <= maximumBytes else { throw .tooLarge(bytes.count) }
        LibXMLSetup.once()
        let savedHandler = __xmlStructuredError().pointee
        let savedContext = __xmlStructuredErrorContext().pointee
        // Messages are not shown (the parser recovers from broken markup), but libxml2's
        // own depth limit stops the tree silently: that one is recorded and reported.
        let watch = HTMLErrorWatch()
        xmlSetStructuredErrorFunc(Unmanaged.passUnretained(watch).toOpaque(), watchStructuredError)
        defer { xmlSetStructuredErrorFunc(savedContext, savedHandler) }
        let options = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_RECOVER.rawValue | HTML_PARSE_COMPACT.rawValue)
        // A page that is valid UTF-8 is read as UTF-8 whatever it declares (browsers save
        // in UTF-8; libxml2 would otherwise take a page without <meta charset> for
        // ISO-8859-1); any other is left to its <meta charset>.
        let isUTF8 = String(validating: bytes, as: UTF8.self) != nil
        let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), displayPath, isUTF8 ? "UTF-8" : nil, options)
            }
        }
        guard let document else {
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return }
            throw .unparsable
        }
        defer { xmlFreeDoc(document) }
        if let line = watch.tooDeepAt { throw .tooDeep(line: line) }
        guard let root = xmlDocGetRootElement(document) else { return }
        // Depth-first without recursion: `node` is the next node to enter.
        var node: xmlNodePtr? = root
        var depth = 0
        while let current = node {
            var descend = false
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                let name = String(cString: current.pointee.name).lowercased()
                if name != "script", name != "style", name != "noscript", name != "template" {
                    var attributes = XMLAttributes()
                    var attribute = current.pointee.properties
                    while let a = attribute {
                        let key = String(cString: a.pointee.name).lowercased()
                        if key == "colspan" || key == "rowspan", let value = a.pointee.children?.pointee.content {
                            attributes[key] = String(cString: value)
                        }
                        attribute = a.pointee.next
                    }
                    let line = Int(xmlGetLineNo(current))
                    body(.start(XMLStartTag(localName: name, namespace: "", attributes: attributes,
                                            location: SourceLocation(file: displayPath, line: max(line, 1)))))
                    descend = true
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { body(.text(String(cString: content))) }
            default:
                break
            }
            if descend, let child = current.pointee.children {
                depth += 1
                if depth > maximumDepth { throw .tooDeep(line: Int(xmlGetLineNo(child))) }
                node = child
                continue
            }
            if descend { body(.end(localName: String(cString: current.pointee.name).lowercased())) }
            // Up until a next sibling, closing the elements left.
            var up = current
            node = nil
            while up != root {
                if let next = up.pointee.next {
                    node = next
                    break
                }
                guard let parent = up.pointee.parent else { break }
                depth -= 1
                body(.end(localName: String(cString: parent.pointee.name).lowercased()))
                up = parent
            }
        }
    }
}

/// What the HTML parser said that matters: only its depth limit.
private final class HTMLErrorWatch {
    var tooDeepAt: Int?
}

private let watchStructuredError: xmlStructuredErrorFunc = { context, error in
    guard let context, let error, let message = error.pointee.message else { return }
    let watch = Unmanaged<HTMLErrorWatch>.fromOpaque(context).takeUnretainedValue()
    if watch.tooDeepAt == nil, String(cString: message).hasPrefix("Excessive depth in document") {
        watch.tooDeepAt = max(Int(error.pointee.line), 1)
    }
}
