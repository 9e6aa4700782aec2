/// Where a dictionary or set places a key whose hash is already random: the value mixed with
/// the table's seed (each table has its own, so that copying one table into another does not
/// cluster its keys; with `SWIFT_DETERMINISTIC_HASHING` set, a table's seed is its size).
///
/// `Hashable` keeps a hook for such keys, `_rawHashValue(seed:)`; without it every lookup
/// feeds the key through a whole SipHash round, about 160 instructions. The mix is
/// MurmurHash3's 64-bit finalizer, which spreads every input bit over the low bits a table
/// uses.
enum TableHash {
  static func mixed(_ value: Int, seed: Int) -> Int {
    var mixed = UInt64(truncatingIfNeeded: value ^ seed)
    mixed ^= mixed >> 33
    mixed &*= 0xff51_afd7_ed55_8ccd
    mixed ^= mixed >> 33
    mixed &*= 0xc4ce_b9fe_1a85_ec53
    mixed ^= mixed >> 33
    return Int(truncatingIfNeeded: mixed)
  }
}

/// A query id as the key of a socket's exchanges. Our ids are random (`RandomIDs`); an id in
/// a reply is whatever the sender chose, and only ever looked up.
struct QueryID: Hashable {
  let value: UInt16

  init(_ value: UInt16) { self.value = value }

  func _rawHashValue(seed: Int) -> Int { TableHash.mixed(Int(value), seed: seed) }
}
