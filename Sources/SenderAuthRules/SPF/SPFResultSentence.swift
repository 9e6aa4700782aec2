import DNSLookup
import SenderAuthCore

/// Why an SPF evaluation (`spf DOMAIN --ip`, `check --ip`) came out as it did, in one
/// sentence: the term that matched (through which include), or why nothing did; and for an
/// address a sending service publishes, the include that would authorize it, and whether its
/// mail is checked here at all.
public enum SPFResultSentence {
  public static func sentence(_ evaluation: SPFEvaluation, context: DomainContext)
    -> LocalizedText
  {
    let ip = evaluation.ip
    let domain = evaluation.domain
    let result = evaluation.result.rawValue
    var en: String
    var de: String
    let top = evaluation.trace.last { $0.depth == 0 && $0.outcome == "match" }
    let deepest = evaluation.deepestMatch
    let through =
      deepest.flatMap { deep in
        deep.term == top?.term && deep.domain == domain ? nil : deep
      }
    if evaluation.result == .pass {
      en = "'\(ip)' passes: '\(top?.term ?? evaluation.matchedTerm ?? "")' matched"
      de = "'\(ip)' besteht: '\(top?.term ?? evaluation.matchedTerm ?? "")' trifft zu"
      if let through {
        en += " (through '\(through.term)' in \(through.domain))"
        de += " (über '\(through.term)' in \(through.domain))"
      }
    } else if [.fail, .softfail, .neutral].contains(evaluation.result), let term = top?.term {
      if term.lowercased().hasSuffix("all") {
        en = "'\(ip)' gets \(result): no mechanism of '\(domain)' lists it, so '\(term)' decided"
        de =
          "'\(ip)' erhält \(result): kein Mechanismus von '\(domain)' nennt die Adresse, also "
          + "entscheidet '\(term)'"
      } else {
        en = "'\(ip)' gets \(result): '\(term)' matched"
        de = "'\(ip)' erhält \(result): '\(term)' trifft zu"
      }
    } else if evaluation.result == .neutral {
      en =
        "'\(ip)' gets neutral: no mechanism matched and the record has no 'all' (RFC 7208 §4.7)"
      de =
        "'\(ip)' erhält neutral: kein Mechanismus trifft zu, und der Eintrag hat kein 'all' "
        + "(RFC 7208 §4.7)"
    } else {
      en = "'\(ip)' gets \(result): \(evaluation.reason(in: .en) ?? result)"
      de = "'\(ip)' erhält \(result): \(evaluation.reason(in: .de) ?? result)"
    }
    if evaluation.result != .pass, let address = IPAddress(ip),
      let owner = ESPAddresses.owner(of: address, in: context), let service = owner.esp.spfDomain
    {
      let esp = owner.esp
      let include = esp.requiredIncludes.first ?? service.text
      en +=
        "; it is a \(esp.name) address (\(owner.term)), which 'include:\(include)' would "
        + "authorize"
      de +=
        "; die Adresse gehört \(esp.name) (\(owner.term)), 'include:\(include)' würde sie "
        + "erlauben"
      if !esp.envelopeAtDomain, domain == context.domain.text {
        en += ", but \(esp.name) mail is checked by SPF at its own return path, not at '\(domain)'"
        de +=
          ", Mails von \(esp.name) prüft SPF aber an dessen eigenem Return-Path, nicht an "
          + "'\(domain)'"
      }
    }
    return LocalizedText(en: en, de: de)
  }
}
