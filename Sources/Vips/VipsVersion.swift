internal import CVips

/// The linked libvips version, e.g. "8.14.1".
public func vipsVersion() -> String { String(cString: vips_version_string()) }
