import Foundation

extension RangeReplaceableCollection where Element == UInt8 {
    /// Appends `value` as its little-endian bytes, the byte order gzip and ZIP fields use.
    mutating func appendLittleEndian<Value: FixedWidthInteger>(_ value: Value) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
