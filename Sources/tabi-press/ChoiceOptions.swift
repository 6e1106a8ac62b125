import ArgumentParser

// Option values that are a fixed set: `--help` lists them, and a typo is refused with exit 64
// (swift-argument-parser's usage error) before anything runs.

/// `--narrator` of `draft` and `status`: who writes the stories.
enum NarratorKind: String, CaseIterable, ExpressibleByArgument {
    case offline, bedrock, openai
}

/// `--narrator` of `nightly` and `export`: the same, or `none` to skip drafting.
enum PipelineNarratorKind: String, CaseIterable, ExpressibleByArgument {
    case offline, bedrock, openai, none
}

/// `--bedrock-api`: InvokeModel (Anthropic messages) or Converse.
enum BedrockAPIKind: String, CaseIterable, ExpressibleByArgument {
    case invoke, converse
}
