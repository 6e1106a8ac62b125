import Foundation
import TabiCore
import Testing

@testable import Images

/// Planning is pure: names, widths and decode sizes from a hash and a size, no image needed.
@Suite struct DerivativePlanTests {
    let hash = String(repeating: "ab", count: 32)

    @Test func responsiveWidthsNeverEnlarge() {
        #expect(DerivativePlan.responsiveWidths([480, 960, 1600], originalWidth: 6000) == [480, 960, 1600])
        #expect(DerivativePlan.responsiveWidths([480, 960, 1600], originalWidth: 1200) == [480, 960, 1200])
        #expect(DerivativePlan.responsiveWidths([480, 960, 1600], originalWidth: 1600) == [480, 960, 1600])
        #expect(DerivativePlan.responsiveWidths([480, 960, 1600], originalWidth: 300) == [300])
        #expect(DerivativePlan.responsiveWidths([1600, 480, 480, 0, -5], originalWidth: 1000) == [480, 1000])
        #expect(DerivativePlan.responsiveWidths([], originalWidth: 1000) == [])
    }

    @Test func pathsAreContentAddressedAndReadable() {
        let plan = DerivativePlan(recipes: .defaults, sourceHash: hash, original: PixelSize(width: 4000, height: 3000))
        #expect(plan.thumbnail.path.hasPrefix("media/ab/abababababababab-300x300c-"))
        #expect(plan.thumbnail.path.hasSuffix(".jpg"))
        #expect(plan.medium.path.hasPrefix("media/ab/abababababababab-800x600-"))
        #expect(plan.responsive.map(\.path.pathExtension) == ["webp", "webp", "webp", "jpg", "jpg", "jpg"])
        #expect(plan.responsive.map(\.role) == [480, 960, 1600, 480, 960, 1600].map { .responsive(width: $0) })
        #expect(plan.responsive[1].path.contains("-w960-"))
        #expect(Set(plan.all.map(\.path)).count == plan.all.count)
        // The same inputs name the same files.
        #expect(DerivativePlan(recipes: .defaults, sourceHash: hash, original: PixelSize(width: 4000, height: 3000)) == plan)
    }

    @Test func anyRecipeChangeGivesNewNames() {
        let size = PixelSize(width: 4000, height: 3000)
        let base = DerivativePlan(recipes: .defaults, sourceHash: hash, original: size)
        var quality = ImageRecipes.defaults
        quality.thumbnail.quality = 70
        quality.quality["webp"] = 60
        let changed = DerivativePlan(recipes: quality, sourceHash: hash, original: size)
        #expect(changed.thumbnail.path != base.thumbnail.path)
        #expect(changed.medium.path == base.medium.path)
        #expect(changed.responsive[0].path != base.responsive[0].path)
        #expect(changed.responsive[3].path == base.responsive[3].path)

        var crop = ImageRecipes.defaults
        crop.medium.crop = true
        #expect(DerivativePlan(recipes: crop, sourceHash: hash, original: size).medium.path != base.medium.path)
        let otherPhoto = DerivativePlan(recipes: .defaults, sourceHash: String(repeating: "cd", count: 32), original: size)
        #expect(Set(otherPhoto.all.map(\.path)).isDisjoint(with: base.all.map(\.path)))
    }

    @Test func aCropLargerThanTheOriginalKeepsTheBoxShape() {
        let plan = DerivativePlan(recipes: .defaults, sourceHash: hash, original: PixelSize(width: 240, height: 160))
        #expect(plan.thumbnail.resizeBox == PixelSize(width: 160, height: 160))
        #expect(plan.medium.resizeBox == PixelSize(width: 800, height: 600))
        #expect(plan.responsive.map(\.role) == [.responsive(width: 240), .responsive(width: 240)])
        #expect(plan.all.allSatisfy { plan.decodeLevel(for: $0) == 0 })
    }

    @Test func eachDerivativeIsCutFromTheDeepestLevelThatCoversIt() {
        let plan = DerivativePlan(recipes: .defaults, sourceHash: hash, original: PixelSize(width: 6000, height: 4000))
        func level(_ spec: DerivativeSpec) -> Int { plan.decodeLevel(for: spec) }
        // 300×300 crop needs 300/4000 = 0.075 of the original: 1/8 still covers it.
        #expect(level(plan.thumbnail) == 3)
        #expect(plan.decodeBox(level: 3) == PixelSize(width: 750, height: 500))
        // 1600 wide needs 0.267: 1/2 covers it, 1/4 (1500 wide) would not.
        #expect(plan.responsive.filter { $0.role == .responsive(width: 1600) }.allSatisfy { level($0) == 1 })
        // The medium (800×600 in 6000×4000) needs 0.133: 1/4 covers it, 1/8 (750 wide) would not.
        #expect(level(plan.medium) == 2)

        // A panorama needs its height for the square crop: 300/1000 → level 1 (500 high).
        let panorama = DerivativePlan(recipes: .defaults, sourceHash: hash, original: PixelSize(width: 12000, height: 1000))
        #expect(panorama.decodeLevel(for: panorama.thumbnail) == 1)
    }

    /// What a level-0 derivative held for its siblings costs: the original fitted into the box
    /// (a responsive box is as tall as any photo), or the crop, never more than the original.
    @Test func aDerivativeHoldsTheOriginalFittedIntoItsBox() {
        let plan = DerivativePlan(recipes: .defaults, sourceHash: hash, original: PixelSize(width: 2400, height: 1800))
        let wide = plan.responsive.filter { $0.role == .responsive(width: 1600) }
        #expect(wide.count == 2 && wide.allSatisfy { plan.decodeLevel(for: $0) == 0 && plan.fittedPixels($0) == 1600 * 1200 })
        #expect(plan.fittedPixels(plan.thumbnail) == 300 * 300)
        let small = DerivativePlan(recipes: .defaults, sourceHash: hash, original: PixelSize(width: 240, height: 160))
        #expect(small.all.allSatisfy { small.fittedPixels($0) <= 240 * 160 })
    }

    @Test func aDerivativesLevelDoesNotDependOnTheOtherRecipes() {
        let size = PixelSize(width: 2400, height: 1600)
        var fewer = ImageRecipes.defaults
        fewer.widths = [200]
        let all = DerivativePlan(recipes: .defaults, sourceHash: hash, original: size)
        let some = DerivativePlan(recipes: fewer, sourceHash: hash, original: size)
        #expect(all.thumbnail == some.thumbnail)
        #expect(all.decodeLevel(for: all.thumbnail) == some.decodeLevel(for: some.thumbnail))
    }

    @Test func recordedHashesMustLookLikeHashes() {
        #expect(SourceGroup.validHash(hash.uppercased()) == hash)
        #expect(SourceGroup.validHash("abc") == nil)
        #expect(SourceGroup.validHash(String(repeating: "g", count: 64)) == nil)
        #expect(SourceGroup.validHash(nil) == nil)
    }

    @Test func storageKeysCannotLeaveTheMediaRoot() {
        for key in ["../etc/passwd", "/etc/passwd", "a/../../b", "a//b", "", ".", "a\\b", "a/./b", "a\u{0}b"] {
            #expect(!StorageKey.isSafe(key), "\(key)")
        }
        #expect(StorageKey.isSafe("travels/7c1f6a52/photo.jpg"))
        #expect(MediaRoot(folder: URL(fileURLWithPath: "/m")).file(for: "../x") == nil)
    }
}

private extension String {
    var pathExtension: String { (self as NSString).pathExtension }
}
