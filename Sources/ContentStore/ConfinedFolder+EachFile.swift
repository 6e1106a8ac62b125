import Foundation

extension ConfinedFolder {
    /// Calls `body` with every file under the folder (hidden ones skipped) and its bytes, in byte
    /// order of their paths, whatever order the file system lists them in: what a digest of a
    /// theme is made of, so two machines make the same one. A symbolic link anywhere in the folder
    /// fails it, naming the link.
    public func eachFile(skipHidden: Bool = true, _ body: (_ path: String, _ bytes: Data) -> Void) throws(ConfinedFileError) {
        let walked = try walk(skipHidden: skipHidden)
        if let link = walked.refused.first {
            throw ConfinedFileError(path: root.path + "/" + link, problem: .symbolicLink)
        }
        for path in walked.files.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            body(path, try read(path))
        }
    }
}
