/// A value kept on the heap: an async function that holds a `HeapBox` across a suspension
/// keeps a pointer in its frame instead of the value. A domain's context is about 3 KB, and
/// every async frame that held it (or a temporary copy) took those bytes for as long as the
/// domain was checked; with a thousand domains at once that was most of the memory.
///
/// Owned by one task at a time (handed from one to the next, never shared between running
/// tasks), which is why it may be `@unchecked Sendable`.
public final class HeapBox<Value: Sendable>: @unchecked Sendable {
  public var value: Value

  public init(_ value: Value) {
    self.value = value
  }
}
