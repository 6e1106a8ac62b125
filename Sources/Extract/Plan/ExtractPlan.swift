import TabiCore

/// A trip the database may publish (public or unlisted), as the run's first query sees it.
struct Candidate: Equatable {
    var id: String
    var title: String
    /// The database's fingerprint of its public rows (only asked for by `--changed`).
    var fingerprint: String?
    /// Unlisted trips get slugs nobody can derive from public facts (``Slug/unlistedToken(forTripID:)``).
    var isUnlisted = false
}

/// What a run will do, decided before any trip is read: which trips to read and under which slug,
/// which are unchanged, which to withdraw. Plain data, so it is tested without a database.
struct ExtractPlan: Equatable {
    /// A trip to read and write.
    struct Item: Equatable, Sendable {
        var id: String
        var slug: String
        /// The trip was withdrawn before and comes back: its story is brought back too.
        var restoresWithdrawal = false
        /// The slug was given by this run.
        var isNew = false
        /// The trip's folder (or, with ``restoresWithdrawal``, its withdrawn folder) had this slug:
        /// an unlisted trip whose slug lacked its token gets one, so the old, guessable URL goes.
        var renamedFrom: String?
    }

    /// Trips to read, in the candidates' order (oldest first).
    var fetch: [Item] = []
    /// `--changed`: trips whose fingerprint matches their `trip.json`; not read at all.
    var unchanged: [Item] = []
    /// Published trips that are no longer public or unlisted (private now, or deleted).
    var withdraw: [ContentInventory.Entry] = []
    /// `--trip` ids that are neither a candidate nor in `Content/`.
    var notFound: [String] = []
    /// Read every public and unlisted trip, rather than a list of ids.
    var readsEverything = false

    /// - Parameters:
    ///   - candidates: oldest first; new slugs are given in this order.
    ///   - tripIds: the `--trip` list, or empty for all trips.
    static func make(
        candidates: [Candidate], inventory: ContentInventory, tripIds: [String],
        changedOnly: Bool
    ) -> ExtractPlan {
        var plan = ExtractPlan()
        plan.readsEverything = tripIds.isEmpty && !changedOnly
        var slugs = SlugAssigner(taken: inventory.takenSlugs)
        let publishedSlugs = Set(inventory.trips.values.map(\.slug))
        /// The slug a trip keeps, or its tokened successor when it is unlisted and lacks the token.
        func kept(_ slug: String, _ candidate: Candidate) -> (slug: String, renamedFrom: String?) {
            guard candidate.isUnlisted, !Slug.hasUnlistedToken(slug, tripID: candidate.id) else { return (slug, nil) }
            return (slugs.assign(id: candidate.id, base: slug, unlisted: true), slug)
        }
        for candidate in candidates {
            if let entry = inventory.trips[candidate.id] {
                let (slug, renamedFrom) = kept(entry.slug, candidate)
                let item = Item(id: candidate.id, slug: slug, renamedFrom: renamedFrom)
                if changedOnly, renamedFrom == nil, let known = entry.fingerprint, known == candidate.fingerprint {
                    plan.unchanged.append(item)
                } else {
                    plan.fetch.append(item)
                }
            } else if let withdrawn = inventory.withdrawn[candidate.id], !publishedSlugs.contains(withdrawn) {
                let (slug, renamedFrom) = kept(withdrawn, candidate)
                plan.fetch.append(Item(id: candidate.id, slug: slug, restoresWithdrawal: true, renamedFrom: renamedFrom))
            } else {
                plan.fetch.append(
                    Item(
                        id: candidate.id,
                        slug: slugs.assign(
                            id: candidate.id, title: candidate.title,
                            unlisted: candidate.isUnlisted),
                        isNew: true))
            }
        }
        let candidateIds = Set(candidates.map(\.id))
        let scope = Set(tripIds)
        plan.withdraw = inventory.trips.values
            .filter { !candidateIds.contains($0.id) && (scope.isEmpty || scope.contains($0.id)) }
            .sorted { $0.slug < $1.slug }
        plan.notFound = tripIds.filter { !candidateIds.contains($0) && inventory.trips[$0] == nil }
        return plan
    }
}

extension ExtractPlan {
    /// The part of the plan that is `shard`'s: the slugs were given knowing every trip.
    func limited(to shard: TripShard) -> ExtractPlan {
        guard !shard.isWhole else { return self }
        var plan = self
        plan.fetch = fetch.filter { shard.contains(tripID: $0.id) }
        plan.unchanged = unchanged.filter { shard.contains(tripID: $0.id) }
        plan.withdraw = withdraw.filter { shard.contains(tripID: $0.id) }
        plan.notFound = notFound.filter { shard.contains(tripID: $0) }
        plan.readsEverything = false
        return plan
    }
}
