/// A value kept behind one reference and copied only when it is written while shared.
///
/// Copying a struct copies, and retains, every reference it holds. An answer, a resource
/// record, a DKIM probe result or an SPF tree node holds between five and a dozen (strings,
/// arrays, names), and a domain's check copies such values hundreds of times on their way
/// through lookups, rules and reports (keeping these four behind one reference each took a
/// third of a batch's retains). Such a type keeps its fields in a `CopyOnWrite`: a copy of it
/// is one retain, and a write through `value` first copies the fields when another holder
/// shares them, so the type keeps its value semantics (as `Array` does).
public struct CopyOnWrite<Value: Sendable>: Sendable {
  @usableFromInline
  final class Box: @unchecked Sendable {
    // Written only through `value`'s `_modify`, after `isKnownUniquelyReferenced` showed that no
    // other holder (and so no other thread) can see it. So no access can overlap a write, and a
    // release build skips the runtime's exclusivity check on every read (a few percent of a
    // batch's instructions: answers, records and SPF tree nodes are read through here); a debug
    // build, the tests', keeps it.
    #if DEBUG
      @usableFromInline var value: Value
    #else
      @exclusivity(unchecked) @usableFromInline var value: Value
    #endif

    @usableFromInline
    init(_ value: Value) { self.value = value }
  }

  @usableFromInline var box: Box

  @inlinable
  public init(_ value: Value) { box = Box(value) }

  /// The value; reading it borrows the shared fields, writing it copies them first when shared.
  @inlinable
  public var value: Value {
    _read { yield box.value }
    _modify {
      if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
      yield &box.value
    }
  }
}

extension CopyOnWrite: Equatable where Value: Equatable {
  @inlinable
  public static func == (lhs: Self, rhs: Self) -> Bool {
    lhs.box === rhs.box || lhs.box.value == rhs.box.value
  }
}

extension CopyOnWrite: Hashable where Value: Hashable {
  @inlinable
  public func hash(into hasher: inout Hasher) { box.value.hash(into: &hasher) }
}

/// Encoded as the value itself: a type that keeps its fields in a `CopyOnWrite` encodes and
/// decodes exactly as it did with stored properties.
extension CopyOnWrite: Codable where Value: Codable {
  public init(from decoder: any Decoder) throws { self.init(try Value(from: decoder)) }

  public func encode(to encoder: any Encoder) throws { try box.value.encode(to: encoder) }
}
