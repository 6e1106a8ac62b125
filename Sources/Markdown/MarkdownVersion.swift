import CCmarkGFM

/// The linked libcmark-gfm's version text, e.g. "0.29.0.gfm.6".
public func cmarkVersion() -> String { String(cString: cmark_version_string()) }
