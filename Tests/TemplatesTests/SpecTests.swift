import Foundation
import Templates
import Testing

/// The official Mustache spec (github.com/mustache/spec at 9cb20c3, MIT: `Spec/LICENSE`): every
/// test of the required modules and of inheritance, except those listed in ``skipped``.
@Suite struct SpecTests {
    /// A block given to a parent takes the indentation of the parent's default content there,
    /// not only of its tag: swift-mustache does not do this either (it skips this test), and a
    /// theme written for it would change if we did.
    static let skipped: Set<String> = ["Intrinsic indentation"]

    struct Case: CustomTestStringConvertible, Decodable, Sendable {
        var module = ""
        let name: String
        let template: String
        let partials: [String: String]?
        let expected: String
        let data: JSONValue

        var testDescription: String { "\(module): \(name)" }

        private enum CodingKeys: String, CodingKey { case name, template, partials, expected, data }
    }

    private struct File: Decodable { let tests: [Case] }

    static let cases: [Case] = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "inheritance"]
        .flatMap { module -> [Case] in
            let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Spec/\(module).json")
            let file = try! JSONDecoder().decode(File.self, from: Data(contentsOf: url))
            return file.tests.map {
                var test = $0
                test.module = module
                return test
            }
        }

    @Test func everyModuleIsRead() {
        #expect(Set(Self.cases.map(\.module)).count == 7)
        #expect(Self.cases.count > 150)
    }

    @Test(arguments: cases.filter { !skipped.contains($0.name) })
    func spec(_ test: Case) throws {
        var library = TemplateLibrary()
        for (name, text) in test.partials ?? [:] { library.register(try Template(text), named: name) }
        library.register(try Template(test.template), named: "(test)")
        #expect(library.render("(test)", test.data.value) == test.expected)
    }

    @Test func theSkippedTestIsInTheSpecAndStillDiffers() throws {
        let skipped = try #require(Self.cases.first { Self.skipped.contains($0.name) })
        var library = TemplateLibrary()
        for (name, text) in skipped.partials ?? [:] { library.register(try Template(text), named: name) }
        library.register(try Template(skipped.template), named: "(test)")
        #expect(library.render("(test)", skipped.data.value) != skipped.expected)
    }
}

/// A spec test's data as a template value: objects answer by key, numbers render as JSON writes them.
indirect enum JSONValue: Decodable, Sendable {
    case null, bool(Bool), number(String), string(String), array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let int = try? container.decode(Int.self) {
            self = .number(String(int))
        } else if let double = try? container.decode(Double.self) {
            self = .number(String(double))
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    var value: TemplateValue {
        switch self {
        case .null: .null
        case .bool(let bool): .bool(bool)
        case .number(let text), .string(let text): .text(text)
        case .array(let items): items.map(\.value).templateValue
        case .object(let fields): fields.mapValues(\.value).templateValue
        }
    }
}
