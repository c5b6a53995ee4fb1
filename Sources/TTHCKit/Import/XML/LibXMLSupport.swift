import CLibXML2
import Foundation

/// The version of the libxml2 the program runs with, e.g. "20914".
public var libxml2Version: String {
    String(cString: __xmlParserVersion().pointee!)
}
