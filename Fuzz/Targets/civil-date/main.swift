import FuzzSupport
import TTHCKit

/// `CivilDate.parse` on arbitrary text. A date it accepts must survive both of its own
/// renderings and its day number unchanged; a rejection says why in both languages.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: size == 0 ? nil : data, count: size), as: UTF8.self)
    do {
        let date = try CivilDate.parse(text)
        guard (try? CivilDate.parse(date.iso)) == date else { fatalError("ISO round trip: \(date.iso)") }
        guard (try? CivilDate.parse(date.vietnamese)) == date else { fatalError("dd/mm/yyyy round trip: \(date.vietnamese)") }
        guard CivilDate(dayNumber: date.dayNumber) == date else { fatalError("day number round trip: \(date.iso)") }
    } catch {
        guard !error.message.vi.isEmpty, !error.message.en.isEmpty else { fatalError("empty message") }
    }
    return 0
}

runFuzzer(fuzz)
