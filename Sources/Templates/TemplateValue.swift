/// What a template name resolves to. Views answer with these instead of `Any`, so a lookup is a
/// switch on a name and never a dynamic cast.
public enum TemplateValue {
    /// The name is not there: the lookup goes on down the context stack, as for a nil field.
    case missing
    /// Found and empty (JSON's `null`): the lookup stops here, and it renders nothing.
    case null
    case bool(Bool)
    /// Text: `{{…}}` escapes it, `{{{…}}}` puts it as it is.
    case text(String)
    case object(any TemplateObject)
    case list(any TemplateList)

    /// Whether `{{#name}}` shows its section (once, or per item of a list).
    var isTruthy: Bool {
        switch self {
        case .missing, .null: false
        case .bool(let value): value
        case .list(let list): list.count > 0
        case .text, .object: true
        }
    }
}

/// A Swift value a template can show: text, a flag, a number, a list, fields, or nothing.
public protocol TemplateRepresentable {
    var templateValue: TemplateValue { get }
}

/// A value with named fields (`{{name}}`, `{{a.b}}`).
public protocol TemplateObject: TemplateRepresentable {
    /// The field `name`, or ``TemplateValue/missing``.
    func field(_ name: String) -> TemplateValue
}

extension TemplateObject {
    public var templateValue: TemplateValue { .object(self) }
}

/// A list: `{{#name}}` renders its section once per item.
public protocol TemplateList {
    var count: Int { get }
    func item(at index: Int) -> TemplateValue
}

// MARK: - Swift's own types

extension TemplateValue: TemplateRepresentable {
    public var templateValue: TemplateValue { self }
}

extension String: TemplateRepresentable {
    public var templateValue: TemplateValue { .text(self) }
}

extension Bool: TemplateRepresentable {
    public var templateValue: TemplateValue { .bool(self) }
}

extension Int: TemplateRepresentable {
    public var templateValue: TemplateValue { .text(String(self)) }
}

/// nil is ``TemplateValue/missing``: the lookup goes on down the stack, as swift-mustache does
/// for a nil field, so a theme written for it renders the same.
extension Optional: TemplateRepresentable where Wrapped: TemplateRepresentable {
    public var templateValue: TemplateValue { self?.templateValue ?? .missing }
}

extension Array: TemplateRepresentable where Element: TemplateRepresentable {
    public var templateValue: TemplateValue { .list(TemplateArray(items: self)) }
}

extension Dictionary: TemplateRepresentable where Key == String, Value: TemplateRepresentable {
    public var templateValue: TemplateValue { .object(TemplateDictionary(fields: self)) }
}

/// An array as a list; its items become values only when a section reaches them.
struct TemplateArray<Element: TemplateRepresentable>: TemplateList {
    let items: [Element]

    var count: Int { items.count }
    func item(at index: Int) -> TemplateValue { items[index].templateValue }
}

/// A dictionary as fields.
struct TemplateDictionary<Value: TemplateRepresentable>: TemplateObject {
    let fields: [String: Value]

    func field(_ name: String) -> TemplateValue { fields[name]?.templateValue ?? .missing }
}
