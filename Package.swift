// swift-tools-version: 6.2
// tabi-press: trips from the Tabi Script app into public static blogs.
import PackageDescription

// Every Swift target, tests included: `any` spelled out, and a warning fails the build (CI and here).
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny"), .treatAllWarnings(as: .error)]

let package = Package(
    name: "tabi-press",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "tabi-press", targets: ["tabi-press"])
    ],
    // Exact versions: the product is an executable, so two builds must resolve the same code, and
    // Package.resolved cannot be committed (its revisions differ from the package copies CI uses).
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
    ],
    targets: [
        // MARK: - C libraries (system modules found by pkg-config) and variadic shims
        .systemLibrary(
            name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .systemLibrary(name: "CVips", pkgConfig: "vips", providers: [.apt(["libvips-dev"])]),
        .systemLibrary(name: "CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "CVipsShim", dependencies: ["CVips"]),
        .target(name: "CCurlShim", dependencies: ["CCurl"]),

        // MARK: - Escaping untrusted text, byte by byte or scalar by scalar (never by Character)
        .target(name: "SafeText", swiftSettings: strict),

        // MARK: - Bounded concurrency shared by every layer: a lock, a limiter, a sliding window, a thread
        .target(name: "Concurrency", swiftSettings: strict),

        // MARK: - Thin, safe Swift wrappers: the only code that touches C
        .target(name: "Markdown", dependencies: ["CCmarkGFM", "SafeText"], swiftSettings: strict),
        .target(name: "Templates", dependencies: ["SafeText"], swiftSettings: strict),
        .target(name: "Vips", dependencies: ["CVips", "CVipsShim"], swiftSettings: strict),
        .target(name: "PostgresClient", dependencies: ["CPostgres", "SafeText"], swiftSettings: strict),
        .target(name: "HTTPClient", dependencies: ["CCurl", "CCurlShim", "Concurrency"], swiftSettings: strict),
        .target(name: "Gzip", dependencies: ["CZlib"], swiftSettings: strict),

        // MARK: - The domain, the content folder and the console
        .target(
            name: "TabiCore",
            dependencies: [
                "Concurrency", "SafeText",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ], swiftSettings: strict),
        .target(name: "ContentStore", dependencies: ["TabiCore"], swiftSettings: strict),
        .target(
            name: "Console", dependencies: ["TabiCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strict),

        // MARK: - The stages
        .target(
            name: "Extract",
            dependencies: [
                "Concurrency", "TabiCore", "ContentStore", "PostgresClient",
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),
        .target(
            name: "AWS",
            dependencies: [
                "Concurrency", "HTTPClient", "SafeText",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),
        .target(
            name: "Draft",
            dependencies: [
                "Concurrency", "TabiCore", "ContentStore", "AWS", "HTTPClient",
                "Templates",
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),
        .target(
            name: "Render",
            dependencies: [
                "Concurrency", "TabiCore", "Markdown", "SafeText", "ContentStore",
                "Templates",
                .product(name: "Yams", package: "Yams"),
            ], swiftSettings: strict),
        .target(
            name: "Images",
            dependencies: [
                "Concurrency", "TabiCore", "ContentStore", "Vips",
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),
        .target(
            name: "Build",
            dependencies: [
                "Concurrency", "TabiCore", "ContentStore", "Render", "Images", "AWS",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),
        .target(
            name: "Publish",
            dependencies: [
                "Concurrency", "TabiCore", "ContentStore", "AWS", "Gzip",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),

        // MARK: - The stages chained: nightly and export
        .target(
            name: "Pipeline",
            dependencies: [
                "Concurrency", "TabiCore", "ContentStore", "Extract", "Draft", "Build", "Publish",
                "Render", "Images", "AWS", "Gzip",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),

        // MARK: - A writer's live preview: the site served on 127.0.0.1, rebuilt on each save
        .target(
            name: "Preview",
            dependencies: [
                "Concurrency",
                "Build", "ContentStore", "Publish", "TabiCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),

        // MARK: - The command line only
        .executableTarget(
            name: "tabi-press",
            dependencies: [
                "TabiCore", "ContentStore", "Console", "Extract", "Draft", "Build", "Publish", "AWS", "Vips", "Pipeline", "Gzip",
                "Preview",
                "HTTPClient", "Images", "Markdown", "PostgresClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),

        // MARK: - Tests
        .target(name: "TestSupport", dependencies: ["ContentStore", "TabiCore"], path: "Tests/TestSupport", swiftSettings: strict),
        // The real servers the integration tests run against: a PostgreSQL database of their own,
        // the Bedrock/OpenAI stand-in and moto's S3 + CloudFront.
        .target(
            name: "IntegrationSupport", dependencies: ["TestSupport", "PostgresClient", "AWS", "Draft"],
            path: "Tests/IntegrationSupport", swiftSettings: strict),
        .testTarget(name: "TabiCoreTests", dependencies: ["TabiCore"], swiftSettings: strict),
        .testTarget(name: "ContentStoreTests", dependencies: ["ContentStore"], swiftSettings: strict),
        .testTarget(name: "ConcurrencyTests", dependencies: ["Concurrency"], swiftSettings: strict),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient"], swiftSettings: strict),
        .testTarget(name: "VipsTests", dependencies: ["Vips", "Concurrency", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "PostgresClientTests", dependencies: ["PostgresClient", "IntegrationSupport"], swiftSettings: strict),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"], swiftSettings: strict),
        .testTarget(name: "TemplatesTests", dependencies: ["Templates"], exclude: ["Spec"], swiftSettings: strict),
        .testTarget(name: "GzipTests", dependencies: ["Gzip", "TestSupport"], swiftSettings: strict),
        .testTarget(
            name: "RenderTests",
            dependencies: [
                "Concurrency", "Render", "Markdown", "SafeText", "TabiCore", "Templates", "TestSupport",
                // Only for TemplateEngineParityTests: the default theme renders as it did with it.
                .product(name: "Mustache", package: "swift-mustache"),
            ], swiftSettings: strict),
        .testTarget(
            name: "ImagesTests", dependencies: ["Images", "Vips", "TabiCore", "ContentStore", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "BuildTests", dependencies: ["Build", "ContentStore", "Images", "Render", "Vips", "TabiCore", "AWS", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "ExtractTests",
            dependencies: [
                "IntegrationSupport", "Extract", "PostgresClient", "TabiCore", "ContentStore", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),
        .testTarget(
            name: "AWSTests",
            dependencies: [
                "Concurrency", "AWS", "HTTPClient", "TabiCore", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),
        .testTarget(
            name: "DraftTests", dependencies: ["IntegrationSupport", "Draft", "AWS", "ContentStore", "TabiCore", "TestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "PublishTests",
            dependencies: [
                "Concurrency", "IntegrationSupport", "Publish", "AWS", "ContentStore", "Gzip", "TabiCore", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["TestSupport"], swiftSettings: strict),
        .testTarget(name: "PreviewTests", dependencies: ["Preview"], swiftSettings: strict),
        // The whole chain through the binary on real servers: privacy, injection, and (next) nightly.
        .testTarget(
            name: "PipelineTests",
            dependencies: [
                "Concurrency", "Pipeline", "AWS", "ContentStore", "HTTPClient", "Images", "IntegrationSupport", "Publish", "Render",
                "TabiCore", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ], swiftSettings: strict),

        // MARK: - Fuzzing (issue 10): the checks, one libFuzzer executable per target, the property tests
        // `make fuzz` builds the executables with `-sanitize=fuzzer -DFUZZING` in .build-fuzz; a plain
        // build makes them replay tools (see Fuzz/README.md).
        .target(
            name: "FuzzChecks",
            dependencies: ["Markdown", "SafeText", "TabiCore", "ContentStore", "TestSupport", .product(name: "Yams", package: "Yams")],
            path: "Fuzz/Checks", swiftSettings: strict),
        .executableTarget(name: "fuzz-markdown", dependencies: ["FuzzChecks"], path: "Fuzz/Targets/fuzz-markdown", swiftSettings: strict),
        .executableTarget(name: "fuzz-escapers", dependencies: ["FuzzChecks"], path: "Fuzz/Targets/fuzz-escapers", swiftSettings: strict),
        .executableTarget(
            name: "fuzz-front-matter", dependencies: ["FuzzChecks"], path: "Fuzz/Targets/fuzz-front-matter", swiftSettings: strict),
        .executableTarget(name: "fuzz-paths", dependencies: ["FuzzChecks"], path: "Fuzz/Targets/fuzz-paths", swiftSettings: strict),
        .testTarget(
            name: "FuzzTests",
            dependencies: [
                "FuzzChecks", "Markdown", "SafeText", "TabiCore", "TestSupport",
                .product(name: "Yams", package: "Yams"),
            ], swiftSettings: strict),
    ],
    swiftLanguageModes: [.v6]
)
