"""What a night costs at a size this machine did not run: 100,000 trips, 1 % of them changed, on
N = 1, 8, 64 shards, worked out from the figures bench/nightly/run measured. Every line of
arithmetic is printed, and the model is checked against the nights that were measured (the 1 %
nights at 1, 2 and 4 shards). The README's "What a night costs" quotes its output.
"""

BUCKETS = 256  # TripShard.bucketCount: the state records a night reads
# AWS list prices, us-east-1, taken as assumptions (checked 2026-12): S3 Standard PUT, COPY, POST
# and LIST requests $0.005 per 1,000, GET $0.0004 per 1,000; CloudFront invalidation paths: the
# first 1,000 a month free, then $0.005 per path (a wildcard path counts as one).
PUT_PRICE, GET_PRICE, PATH_PRICE, FREE_PATHS = 0.005 / 1000, 0.0004 / 1000, 0.005, 1000
LISTINGS = 3  # index.html, feed.xml, sitemap.xml change with a listed trip's entry


def line(a, b):
    """The straight line through two (x, y) points: (slope, y at x)."""
    (x0, y0), (x1, y1) = a, b
    slope = (y1 - y0) / (x1 - x0)
    return slope, lambda x: y1 + slope * (x - x1)


def touched(changes):
    """Expected number of the 256 record buckets `changes` random trips fall in."""
    return BUCKETS * (1 - (1 - 1 / BUCKETS) ** changes)


class Model:
    def __init__(self, data):
        sizes = sorted(data["sizes"])
        if len(sizes) < 2:
            raise ValueError("the cost model needs two sizes")
        a, b = sizes[-2], sizes[-1]
        nights = data["nights"]
        s3 = {n: nights[f"{n}/S3"]["nochange"] for n in (a, b)}
        folder = {n: nights[f"{n}/folder"]["nochange"] for n in (a, b)}
        self.a, self.b, self.data = a, b, data
        self.lock = s3[b]["steps"]["lock"]
        # plan: every shard reads and decodes every trip.json and story.md (measured on the folder
        # origin, no network) and fetches its own share of the state records (S3 minus folder).
        self.plan_slope, self.plan_content = line(*[(n, folder[n]["steps"]["plan"]) for n in (a, b)])
        self.s3plan_slope, s3plan = line(*[(n, s3[n]["steps"]["plan"]) for n in (a, b)])
        # Never below zero: with the site index a plan reads one object, not the records (noise can make S3 look faster).
        self.plan_state = lambda t: max(0.0, s3plan(t) - self.plan_content(t))
        # finalize: a no-change night skips it, so it is fitted on the one-trip nights (what every
        # night with a change pays, growing with the site), plus what each further changed trip
        # adds, from the 1 % night (its record bucket read, its entries, its listing pages).
        onetrip = {n: nights[f"{n}/S3"]["onetrip"] for n in (a, b)}
        self.finalize_slope, self.finalize_base = line(*[(n, onetrip[n]["steps"]["finalize"]) for n in (a, b)])
        self.rss_slope, self.rss = line(*[(n, s3[n]["rssMiB"]) for n in (a, b)])
        one = data["sharded"]["1"]["onePercent"]
        self.changes = data["changes"]
        work = lambda night: night["steps"]["build"] + night["steps"]["publish"]
        self.per_change = (work(one) - work(s3[b])) / self.changes
        self.finalize_per_change = max(0.0, (one["steps"]["finalize"] - self.finalize_base(b)) / max(self.changes - 1, 1))
        self.finalize = lambda t, changes=1: self.finalize_base(t) + self.finalize_per_change * max(changes - 1, 0)
        self.paths = len(one["paths"])
        self.page_share = (one["log"].get("site Put", 0) - LISTINGS) / self.changes

    def seconds(self, trips, changes, shards):
        shard = (self.lock + self.plan_content(trips) + self.plan_state(trips) / shards + self.per_change * changes / shards)
        return shard, shard + self.finalize(trips, changes)

    @staticmethod
    def requests(changes, shards):
        """S3 requests of one night (all shards and the finalize step), from what each step sends."""
        return {"state GET": 2 * BUCKETS + 6 + 4 * (shards - 1),  # records twice; lease, marker, site record
                "state LIST": 4 + 2 * (shards - 1),
                "state PUT": touched(changes) + 2 * shards + 1,   # records touched; lease and marker per shard; site record
                "state DeleteObjects": 2,                          # the markers, the lease
                "site PUT": changes + LISTINGS}                    # a page per changed trip, the listings


def report(data, trips=100_000, share=0.01, shard_counts=(1, 8, 64)):
    m = Model(data)
    changes = int(trips * share)
    out = [f"Fitted on the no-change and one-trip nights at {m.a:,} and {m.b:,} trips and the 1 % night at {m.b:,} "
           f"({m.changes} changed), one worker, S3 stand-in:", "",
           f"- lock: {m.lock:.2f} s a night (conditional writes of the lease)",
           f"- plan, reading Content/trips/ (folder origin, no network): {m.plan_slope * 1000:.3f} ms per trip in the "
           f"site, every shard: {m.plan_content(m.b):.2f} s at {m.b:,}, {m.plan_content(trips):.1f} s at {trips:,}",
           f"- plan, fetching the state (the site index and changed record buckets; S3 minus folder): {m.plan_state(m.b):.2f} s at {m.b:,}, "
           f"{m.plan_state(trips):.1f} s at {trips:,}, read by every shard",
           f"- finalize (once a night, after the last shard): {m.finalize_slope * 1000:.3f} ms per trip in the site, "
           f"plus {m.finalize_per_change * 1000:.1f} ms per changed trip: {m.finalize(m.b):.2f} s at {m.b:,} with one change, "
           f"{m.finalize(trips, changes):.1f} s at {trips:,} with {changes:,}",
           f"- build + publish per changed trip (no new photo, no model): ({m.per_change * m.changes:.2f} s) / "
           f"{m.changes} = {m.per_change * 1000:.1f} ms, divided among the shards",
           f"- peak RSS of one worker: {m.rss_slope * 1024:.1f} KiB per trip in the site: {m.rss(m.b):.0f} MiB at "
           f"{m.b:,}, {m.rss(trips):.0f} MiB at {trips:,} (a shard holds its own trips' content, the finalizing one "
           f"every trip's record: measured " + ", ".join(f"{v['onePercent']['rssMiB']:.0f}" for v in data["sharded"].values())
           + f" MiB at {', '.join(data['sharded'])} shards)", ""]

    out += [f"Checked against the measured 1 % nights at {m.b:,} trips (N processes on {data['cores']} cores, so "
            f"N > {data['cores']} shares the cores the model gives each shard):", "",
            "| shards | model: night | measured | model: S3 requests | logged |", "|---:|---:|---:|---:|---:|"]
    for count, nights in sorted(data["sharded"].items(), key=lambda kv: int(kv[0])):
        n = int(count)
        night = nights["onePercent"]
        modelled = Model.requests(m.changes, n)
        modelled["site PUT"] = night["log"].get("site Put", 0)  # the measured pages (some stories hide the edit)
        logged = sum(v for k, v in night["log"].items() if not k.startswith("cloudfront"))
        out.append(f"| {n} | {m.seconds(m.b, m.changes, n)[1]:.1f} s | {night['seconds']:.1f} s "
                   f"| {sum(modelled.values()):.0f} | {logged} |")

    out += ["", f"{trips:,} trips, {changes:,} changed ({share:.0%}); extract and draft not included (see below):", "",
            "| N | each shard: lock + plan (content) + plan (state) / N + changed / N | finalize | night "
            "| model calls | S3 requests (GET / PUT-class) | S3 cost | CloudFront paths "
            "| CloudFront cost (30 nights) |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for n in shard_counts:
        shard, night = m.seconds(trips, changes, n)
        requests = Model.requests(changes, n)
        gets = requests["state GET"]
        puts = sum(v for k, v in requests.items() if k != "state GET")
        cost = gets * GET_PRICE + puts * PUT_PRICE
        month_paths = 30 * m.paths
        path_cost = max(0, month_paths - FREE_PATHS) * PATH_PRICE
        out.append(f"| {n} | {m.lock:.1f} + {m.plan_content(trips):.1f} + {m.plan_state(trips):.1f} / {n} + "
                   f"{changes:,} × {m.per_change * 1000:.1f} ms / {n} = {shard:.1f} s | {m.finalize(trips, changes):.1f} s "
                   f"| **{night:.0f} s** | {changes:,} | {gets:.0f} / {puts:.0f} "
                   f"| ${cost:.4f} a night | {m.paths} | {month_paths} paths: ${path_cost:.2f} |")
    return out
