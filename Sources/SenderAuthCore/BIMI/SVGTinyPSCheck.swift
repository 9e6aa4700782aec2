import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// The SVG Tiny Portable/Secure basics a BIMI logo must meet (BIMI Group, "Creating BIMI SVG
/// logo files"; draft-svg-tiny-ps-abrotman): root `svg` in the SVG namespace with
/// `version="1.2"` and `baseProfile="tiny-ps"`, a `title`, no `x`/`y` on the root, no
/// scripts, animation, interactive or embedded content, no external references, square, at
/// most 32 kilobytes.
public struct SVGTinyPSCheck: Hashable, Sendable {
  /// BIMI Group: "The SVG file size should be no larger than 32 kilobytes".
  public static let maximumSize = 32 * 1024
  static let namespace = "http://www.w3.org/2000/svg"
  /// Elements SVG Tiny PS leaves out: scripting, animation, interaction, embedded content.
  static let forbiddenElements: Set<String> = [
    "script", "foreignObject", "image", "animate", "animateMotion", "animateColor",
    "animateTransform", "set", "audio", "video", "iframe", "handler", "listener", "a",
    "discard",
  ]

  public var size: Int
  /// The `title` text, when there is one.
  public var title: String?
  /// Every way the file misses the profile; empty when it meets it.
  public var problems: [LocalizedText]

  public init(_ body: [UInt8]) {
    size = body.count
    // FoundationXML traps on names that are not valid UTF-8 (it force-unwraps their
    // conversion), and a logo is hostile input: only well-formed UTF-8 reaches the parser.
    guard Self.isParseableUTF8(body) else {
      title = nil
      problems = [
        LocalizedText(
          en: "the file is not UTF-8 text (SVG logos are UTF-8 XML)",
          de: "die Datei ist kein UTF-8-Text (SVG-Logos sind UTF-8-XML)")
      ]
      return
    }
    let reader = SVGReader()
    SVGTinyPSCheck.lock.withLock {
      let parser = XMLParser(data: Data(body))
      parser.shouldProcessNamespaces = true
      parser.shouldResolveExternalEntities = false
      parser.delegate = reader
      // libxml2 may accept a document cut off before its root closes: check that too.
      if !parser.parse() || !reader.closedRoot {
        let line = parser.lineNumber
        reader.problems.append(
          LocalizedText(
            en: "the file is not well-formed XML (line \(line))",
            de: "die Datei ist kein wohlgeformtes XML (Zeile \(line))"))
      }
    }
    var problems = Self.entityProblems(String(decoding: body, as: UTF8.self)) + reader.problems
    if reader.rootName != nil, reader.title == nil {
      problems.append(
        LocalizedText(
          en: "there is no <title> element under the root",
          de: "unter dem Wurzelelement fehlt ein <title>-Element"))
    }
    if size > Self.maximumSize {
      problems.append(
        LocalizedText(
          en: "the file has \(size) bytes; at most 32768 (32 kilobytes) are allowed",
          de: "die Datei hat \(size) Byte; erlaubt sind höchstens 32768 (32 Kilobyte)"))
    }
    title = reader.title
    self.problems = problems
  }

  /// Entity declarations: external ones are references to other resources, internal ones
  /// (the stuff of "billion laughs") have no place in a logo either. XMLParser reports
  /// neither, so the document type is read as text.
  static func entityProblems(_ text: String) -> [LocalizedText] {
    var problems: [LocalizedText] = []
    var rest = Substring(text)
    var internalCount = 0
    while let start = rest.range(of: "<!ENTITY") {
      let declaration = rest[start.upperBound...].prefix { $0 != ">" }
      let words = declaration.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
      let name = words.first.map(String.init) ?? "?"
      if words.contains("SYSTEM") || words.contains("PUBLIC") {
        problems.append(
          LocalizedText(
            en: "the document declares the external entity '\(name)' (an external reference)",
            de: "das Dokument deklariert die externe Entität '\(name)' (ein externer Verweis)"))
      } else {
        internalCount += 1
      }
      rest = rest[start.upperBound...]
    }
    if internalCount > 0 {
      problems.append(
        LocalizedText(
          en: "the document declares \(internalCount) XML entities, which SVG Tiny PS does not use",
          de: "das Dokument deklariert \(internalCount) XML-Entitäten, die SVG Tiny PS nicht "
            + "verwendet"))
    }
    return problems
  }

  /// True for valid UTF-8 without NUL whose XML declaration, if any, names UTF-8 or ASCII.
  static func isParseableUTF8(_ body: [UInt8]) -> Bool {
    guard !body.contains(0), let text = String(validating: body, as: UTF8.self) else {
      return false
    }
    guard text.hasPrefix("<?xml"), let end = text.range(of: "?>") else { return true }
    let declaration = text[..<end.lowerBound].lowercased()
    guard let encoding = declaration.range(of: "encoding") else { return true }
    let value = declaration[encoding.upperBound...].drop { " =\"'".contains($0) }
      .prefix { $0 != "\"" && $0 != "'" }
    return ["utf-8", "utf8", "us-ascii", "ascii"].contains(String(value))
  }

  /// libxml2 behind XMLParser is not safe to use from several threads at once.
  private static let lock = NSLock()
}

/// The XMLParser delegate that collects the profile's problems.
private final class SVGReader: NSObject, XMLParserDelegate {
  var problems: [LocalizedText] = []
  var rootName: String?
  var title: String?
  /// True once the root element has ended.
  var closedRoot = false
  private var depth = 0
  private var inTitle = false
  private var titleText = ""
  private var inStyle = false
  private var reported: Set<String> = []

  private func add(_ key: String, _ en: String, _ de: String) {
    guard reported.insert(key).inserted else { return }
    problems.append(LocalizedText(en: en, de: de))
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    depth += 1
    if depth == 1 {
      rootName = elementName
      checkRoot(elementName, namespace: namespaceURI, attributes: attributes)
    }
    if depth == 2, elementName == "title" {
      inTitle = true
      titleText = ""
    }
    if elementName == "style" { inStyle = true }
    if SVGTinyPSCheck.forbiddenElements.contains(elementName) {
      add(
        "element \(elementName)",
        "it contains a <\(elementName)> element, which SVG Tiny PS forbids",
        "sie enthält ein <\(elementName)>-Element, das SVG Tiny PS verbietet")
    }
    for (name, value) in attributes {
      let local = name.split(separator: ":").last.map(String.init) ?? name
      if local.lowercased().hasPrefix("on") {
        add(
          "event \(local)", "attribute '\(local)' is an event handler (scripting is forbidden)",
          "das Attribut '\(local)' ist ein Event-Handler (Skripte sind verboten)")
      }
      if local == "href", !value.hasPrefix("#") {
        add(
          "href", "'\(name)=\"\(value.prefix(60))\"' is an external reference",
          "'\(name)=\"\(value.prefix(60))\"' ist ein externer Verweis")
      }
      if local == "style" { checkStyle(value) }
    }
  }

  private func checkRoot(_ name: String, namespace: String?, attributes: [String: String]) {
    guard name == "svg" else {
      add(
        "root", "the root element is <\(name)>, not <svg>",
        "das Wurzelelement ist <\(name)>, nicht <svg>")
      return
    }
    if namespace != SVGTinyPSCheck.namespace {
      add(
        "namespace", "the root <svg> is not in the SVG namespace '\(SVGTinyPSCheck.namespace)'",
        "das Wurzelelement <svg> liegt nicht im SVG-Namensraum '\(SVGTinyPSCheck.namespace)'")
    }
    for (name, expected) in [("baseProfile", "tiny-ps"), ("version", "1.2")]
    where attributes[name] != expected {
      let value = attributes[name]
      add(
        name,
        (value.map { "\(name) is '\($0)'" } ?? "\(name) is missing")
          + "; it must be '\(expected)'",
        (value.map { "\(name) ist '\($0)'" } ?? "\(name) fehlt") + "; es muss '\(expected)' sein")
    }
    for coordinate in ["x", "y"] where attributes[coordinate] != nil {
      add(
        "root \(coordinate)",
        "the root <svg> has an '\(coordinate)=' attribute, which is not allowed",
        "das Wurzelelement <svg> hat ein Attribut '\(coordinate)=', das nicht erlaubt ist")
    }
    if let box = attributes["viewBox"] {
      let numbers = box.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap {
        Double($0)
      }
      if numbers.count == 4, numbers[2] != numbers[3] {
        add(
          "square", "the viewBox '\(box)' is not square; receivers show logos in a square",
          "die viewBox '\(box)' ist nicht quadratisch; Postfachanbieter zeigen Logos quadratisch an"
        )
      }
    }
  }

  private func checkStyle(_ text: String) {
    let lower = text.lowercased()
    if lower.contains("@import") || lower.contains("url(http") || lower.contains("url('http")
      || lower.contains("url(\"http") || lower.contains("url(//")
    {
      add(
        "style", "a style refers to an external resource",
        "eine Formatangabe verweist auf eine externe Ressource")
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if inTitle { titleText += string }
    if inStyle { checkStyle(string) }
  }

  func parser(
    _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
    qualifiedName: String?
  ) {
    if depth == 2, elementName == "title", inTitle {
      inTitle = false
      let text = titleText.trimmingCharacters(in: .whitespacesAndNewlines)
      if !text.isEmpty, title == nil { title = text }
    }
    if elementName == "style" { inStyle = false }
    depth -= 1
    if depth == 0 { closedRoot = true }
  }
}
