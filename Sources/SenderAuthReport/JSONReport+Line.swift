import SenderAuthCore

// The `jsonl` line of a domain written by hand: every type's keys in `JSONEncoder`'s sorted
// order, nil members left out where the Encodable conformance uses `encodeIfPresent` and
// written as `null` where it encodes the optional. A test compares the result with
// `JSONText.line` over reports that fill every member; a member added to a type must be added
// here too.

extension JSONReport.Domain {
  func write(to out: inout JSONLine) {
    out.beginObject()
    out.key("domain")
    out.string(domain)
    out.key("esps")
    out.array(esps) { $1.write(to: &$0) }
    out.key("findings")
    out.array(findings) { $1.write(to: &$0) }
    if let fixPlan {
      out.key("fixPlan")
      fixPlan.write(to: &out)
    }
    if let input {
      out.key("input")
      out.string(input)
    }
    out.key("lookupFailed")
    out.bool(lookupFailed)
    if let message {
      out.key("message")
      message.write(to: &out)
    }
    out.key("notChecked")
    out.strings(notChecked)
    out.key("profiles")
    out.array(profiles) { $1.write(to: &$0) }
    out.key("records")
    out.object(records) { out, summaries in out.array(summaries) { $1.write(to: &$0) } }
    out.key("suppressed")
    out.array(suppressed) { $1.write(to: &$0) }
    out.key("unknown")
    out.strings(unknown)
    out.key("verdict")
    out.string(verdict)
    out.key("waiting")
    out.array(waiting) { out, waiting in
      out.beginObject()
      out.key("id")
      out.string(waiting.id)
      out.key("needs")
      out.string(waiting.needs.rawValue)
      out.endObject()
    }
    out.endObject()
  }
}

extension JSONReport.ESP {
  func write(to out: inout JSONLine) {
    out.beginObject()
    out.key("alignment")
    out.string(alignment)
    out.key("dkim")
    dkim.write(to: &out)
    out.key("evidence")
    out.strings(evidence)
    out.key("id")
    out.string(id)
    out.key("name")
    out.string(name)
    out.key("named")
    out.bool(named)
    out.key("spf")
    spf.write(to: &out)
    out.endObject()
  }
}

extension JSONReport.Mechanism {
  func write(to out: inout JSONLine) {
    out.beginObject()
    out.key("aligned")
    out.bool(aligned)
    out.key("why")
    out.string(why)
    out.endObject()
  }
}

extension JSONReport.Profile {
  /// The profiles as written the first time: most domains of a batch have one of a few
  /// outcomes per profile.
  private static let writtenBefore = WrittenOnce<Self>(limit: 256)

  func write(to out: inout JSONLine) {
    out.value(written: Self.writtenBefore.octets(for: self) { writeObject(to: &$0) })
  }

  private func writeObject(to out: inout JSONLine) {
    out.beginObject()
    out.key("id")
    out.string(id)
    out.key("ready")
    out.bool(ready)
    out.key("requirements")
    out.array(requirements) { $1.write(to: &$0) }
    out.key("title")
    out.string(title)
    out.key("verdict")
    out.string(verdict)
    out.endObject()
  }
}

extension JSONReport.Requirement {
  /// The objects of requirements without findings, as written the first time: a batch writes
  /// the same few hundred (a domain's line holds about 60, most of them passed), each a key
  /// into the table by its id and status.
  private static let writtenBefore = WrittenOnce<Self>(limit: 4_096)

  func write(to out: inout JSONLine) {
    guard findings.isEmpty else { return writeObject(to: &out) }
    out.value(written: Self.writtenBefore.octets(for: self) { writeObject(to: &$0) })
  }

  private func writeObject(to out: inout JSONLine) {
    out.beginObject()
    out.key("findings")
    out.strings(findings)
    out.key("id")
    out.string(id)
    if let needs {
      out.key("needs")
      out.string(needs.rawValue)
    }
    out.key("provider")
    out.string(provider)
    out.key("status")
    out.string(status)
    out.key("title")
    out.string(title)
    out.endObject()
  }
}

extension JSONReport.Suppressed {
  func write(to out: inout JSONLine) {
    out.beginObject()
    out.key("finding")
    finding.write(to: &out)
    out.key("reason")
    out.string(reason)
    out.endObject()
  }
}

extension JSONFinding {
  func write(to out: inout JSONLine) {
    out.beginObject()
    out.key("breaks")
    out.strings(breaks)
    if let fix {
      out.key("fix")
      fix.write(to: &out)
    }
    out.key("id")
    out.string(id)
    if let location {
      out.key("location")
      location.write(to: &out)
    }
    out.key("message")
    out.string(message)
    out.key("severity")
    out.string(severity)
    out.endObject()
  }
}

extension JSONFix {
  func write(to out: inout JSONLine) {
    out.beginObject()
    out.key("add")
    out.strings(add)
    out.key("explanation")
    out.string(explanation)
    out.key("remove")
    out.strings(remove)
    out.endObject()
  }
}

extension JSONFixPlan {
  func write(to out: inout JSONLine) {
    out.beginObject()
    out.key("add")
    out.strings(add)
    out.key("after")
    out.object(after) { $0.bool($1) }
    out.key("fixes")
    out.strings(fixes)
    out.key("notes")
    out.object(notes) { $0.string($1) }
    out.key("placeholders")
    out.bool(placeholders)
    out.key("remove")
    out.strings(remove)
    out.key("unresolved")
    out.array(unresolved) { out, item in
      out.beginObject()
      out.key("id")
      out.string(item.id)
      out.key("why")
      out.string(item.why)
      out.endObject()
    }
    out.endObject()
  }
}

extension JSONMessage {
  func write(to out: inout JSONLine) {
    out.beginObject()
    out.key("differences")
    out.strings(prediction.differences.map { $0.text(language) })
    out.key("dkim")
    out.array(prediction.dkim) { out, signature in
      out.beginObject()
      out.key("aligned")
      out.bool(signature.aligned)
      out.key("domain")
      out.string(signature.domain)
      out.key("keyFound")
      out.bool(signature.keyFound)
      out.key("selector")
      out.string(signature.selector)
      out.endObject()
    }
    out.key("dmarc")
    out.beginObject()
    out.key("policy")
    out.string(prediction.dmarc.policy)
    out.key("result")
    out.string(prediction.dmarc.result.rawValue)
    out.endObject()
    out.key("from")
    out.string(prediction.from)
    out.key("receiver")
    if let receiver = prediction.receiver {
      out.beginObject()
      out.key("dkim")
      out.array(receiver.dkim) { out, signature in
        out.beginObject()
        out.key("domain")
        out.string(signature.domain)
        out.key("result")
        out.string(signature.result)
        out.key("selector")
        out.string(signature.selector)
        out.endObject()
      }
      out.key("dmarc")
      out.string(receiver.dmarc)
      out.key("iprev")
      out.string(receiver.iprev)
      out.key("iprevAddress")
      out.string(receiver.iprevAddress)
      out.key("server")
      out.string(receiver.server)
      out.key("spf")
      out.string(receiver.spf)
      out.key("spfDomain")
      out.string(receiver.spfDomain)
      out.endObject()
    } else {
      out.null()
    }
    out.key("reverseDNS")
    if let reverse = prediction.reverseDNS {
      out.beginObject()
      out.key("ip")
      out.string(reverse.ip)
      out.key("name")
      out.string(reverse.name)
      out.key("result")
      out.string(reverse.result)
      out.key("unchecked")
      out.string(reverse.unchecked?.rawValue)
      out.endObject()
    } else {
      out.null()
    }
    out.key("spf")
    out.beginObject()
    out.key("aligned")
    out.bool(prediction.spf.aligned)
    out.key("domain")
    out.string(prediction.spf.domain)
    out.key("ip")
    out.string(prediction.spf.ip)
    out.key("result")
    out.string(prediction.spf.result)
    out.endObject()
    out.key("subject")
    out.string(prediction.subject)
    out.endObject()
  }
}

extension Location {
  func write(to out: inout JSONLine) {
    out.beginObject()
    if let file {
      out.key("file")
      out.string(file)
    }
    if let line {
      out.key("line")
      out.number(line)
    }
    out.key("name")
    out.string(name)
    if let record {
      out.key("record")
      out.string(record)
    }
    if let span {
      out.key("span")
      out.beginObject()
      out.key("length")
      out.number(span.length)
      out.key("offset")
      out.number(span.offset)
      out.endObject()
    }
    out.key("type")
    out.string(type)
    out.endObject()
  }
}

extension RecordSummary {
  func write(to out: inout JSONLine) {
    out.beginObject()
    out.key("data")
    out.string(data)
    if let file {
      out.key("file")
      out.string(file)
    }
    if let line {
      out.key("line")
      out.number(line)
    }
    out.key("name")
    out.string(name)
    out.key("ttl")
    out.number(ttl)
    out.key("type")
    out.string(type)
    out.endObject()
  }
}
