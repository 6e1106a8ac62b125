#!/usr/bin/env python3
"""Generates the Content/trips/ a night's extract would leave, without a database, and edits it
the way the app would between two nights.

  generate.py trips N CONTENT_DIR [--media MEDIA_DIR] [--seed S]
      N trips as CONTENT_DIR/trips/<slug>/trip.json, story.md for every third trip; every 20th
      trip has one photo whose storage key is one of the sample's originals, which are copied
      into MEDIA_DIR (for `--media`).
  generate.py change CONTENT_DIR COUNT NIGHT [--seed S]
      COUNT trips, picked by (seed, night), get a new description, updatedAt and fingerprint,
      as `extract --changed` would write them after an edit in the app. Prints their slugs.

trip.json is written in extract's format (the sample's: keys sorted, `"key" : value`, two-space
indentation, `/` unescaped, an empty array as `[`, a blank line and `]`, final newline), with the
sample's fields: lower-case UUIDs, a slug equal to the folder, unlisted trips (one in ten) with a
12-character token after the title's slug, a few destinations and posts, and a source stamp.
Deterministic: the same arguments give the same bytes.
"""
import argparse
import hashlib
import json
import os
import random
import re
import shutil
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, "Content", "trips", "autumn-on-foot-basque-country-to-picos", "trip.json")

WORDS = ("river forest ridge village harbour market temple bridge valley station coffee mountain trail "
         "sunset island ferry museum garden lake path rain bread cheese train bus lighthouse dune "
         "castle monastery vineyard glacier canyon waterfall orchard pass").split()
ADJECTIVES = "autumn spring winter summer slow rainy quiet long short windy golden green".split()
PLACES = [("Kyoto", "JP", 35.0116, 135.7681), ("Lisbon", "PT", 38.7223, -9.1393), ("Oaxaca", "MX", 17.0732, -96.7266),
          ("Tromsø", "NO", 69.6492, 18.9553), ("Hoi An", "VN", 15.8801, 108.338), ("Cusco", "PE", -13.5319, -71.9675),
          ("Tbilisi", "GE", 41.7151, 44.8271), ("Hobart", "AU", -42.8821, 147.3272), ("Porto", "PT", 41.1579, -8.6291),
          ("Fès", "MA", 34.0181, -5.0078), ("Valparaíso", "CL", -33.0472, -71.6127), ("Galway", "IE", 53.2707, -9.0568),
          ("Luang Prabang", "LA", 19.8856, 102.1347), ("Ushuaia", "AR", -54.8019, -68.303), ("Zanzibar", "TZ", -6.1659, 39.2026)]
BASE32 = "abcdefghijklmnopqrstuvwxyz234567"


# MARK: - extract's trip.json format

def encode(value, depth=0):
    """Swift's JSONEncoder with .prettyPrinted, .sortedKeys, .withoutEscapingSlashes."""
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{\n\n" + pad + "}"
        items = [f'{inner}{json.dumps(k, ensure_ascii=False)} : {encode(value[k], depth + 1)}' for k in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[\n\n" + pad + "]"
        return "[\n" + ",\n".join(inner + encode(v, depth + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def write_trip(folder, trip):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "trip.json"), "w", encoding="utf-8") as f:
        f.write(encode(trip) + "\n")


def slugify(text):
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", text.lower())).strip("-")


def fingerprint(trip):
    """Stands in for extract's digest of the trip's rows: changes whenever the facts do."""
    facts = {k: v for k, v in trip.items() if k != "source"}
    return hashlib.md5(json.dumps(facts, sort_keys=True).encode()).hexdigest()


# MARK: - Trips

def sample_photos():
    with open(SAMPLE, encoding="utf-8") as f:
        sample = json.load(f)
    return [photo for post in sample["posts"] for photo in post["photos"]]


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(rng.randint(3, 5)))


def make_trip(index, rng, photos, taken):
    uid = lambda: str(uuid.UUID(int=rng.getrandbits(128), version=4))
    adjective, (place, country, lat, lon) = rng.choice(ADJECTIVES), rng.choice(PLACES)
    title = f"{adjective.capitalize()} days in {place} and around"
    slug = base = slugify(title.replace("í", "i").replace("ø", "o").replace("è", "e"))
    counter = 1
    while slug in taken:
        counter += 1
        slug = f"{base}-{counter}"
    unlisted = index % 10 == 9
    if unlisted:  # extract's token: 60 bits nobody derives from public facts
        slug = slug + "-" + "".join(rng.choice(BASE32) for _ in range(12))
    taken.add(slug)
    year, month, day = 2020 + index % 6, 1 + index % 12, 1 + index % 20
    start = f"{year}-{month:02d}-{day:02d}"
    destinations = []
    for position in range(rng.randint(2, 3)):
        destinations.append({"arrivalDate": f"{year}-{month:02d}-{day + 2 * position:02d}", "countryCode": country,
                             "departureDate": f"{year}-{month:02d}-{day + 2 * position + 1:02d}", "id": uid(),
                             "latitude": round(lat + rng.uniform(-0.5, 0.5), 4),
                             "longitude": round(lon + rng.uniform(-0.5, 0.5), 4),
                             "name": f"{place} {rng.choice(WORDS)}", "position": position})
    posts = []
    for number in range(rng.randint(3, 6)):
        destination = destinations[min(number // 2, len(destinations) - 1)]
        post = {"content": paragraph(rng) + "\n\n" + paragraph(rng), "destinationId": destination["id"], "id": uid(),
                "photos": [], "timestamp": f"{destination['arrivalDate']}T{8 + number:02d}:30:00Z",
                "title": sentence(rng, 4)[:-1]}
        if number % 2 == 0:
            post["latitude"], post["longitude"] = destination["latitude"], destination["longitude"]
        posts.append(post)
    trip = {"author": f"Traveller {index % 97}", "description": sentence(rng, 20), "destinations": destinations,
            "endDate": destinations[-1]["departureDate"], "id": uid(), "posts": posts, "slug": slug, "startDate": start,
            "status": "completed", "title": title, "updatedAt": f"{destinations[-1]['departureDate']}T20:00:00Z",
            "visibility": "unlisted" if unlisted else "public"}
    if index % 20 == 0:  # one photo, one of the sample's originals (11 of them, so derivatives are shared)
        original = photos[(index // 20) % len(photos)]
        photo = dict(original, id=uid(), caption=sentence(rng, 6)[:-1], position=0,
                     takenAt=posts[0]["timestamp"])
        posts[0]["photos"] = [photo]
        trip["coverPhotoId"] = photo["id"]
    trip["source"] = {"fingerprint": fingerprint(trip), "updatedAt": trip["updatedAt"]}
    return trip


def story(trip, rng):
    body = "\n\n".join(paragraph(rng) for _ in range(4))
    return (f'---\ntitle: "{trip["title"]}"\nsummary: "{sentence(rng, 10)}"\ndate: {trip["startDate"]}\n'
            f'tags: ["{rng.choice(WORDS)}", "{rng.choice(WORDS)}"]\ndraft: false\n---\n'
            f"## Why we went\n\n{body}\n\n| Day | Where |\n|---|---|\n| 1 | {trip['destinations'][0]['name']} |\n")


def generate(count, content, media, seed):
    rng = random.Random(seed)
    photos = sample_photos()
    taken = set()
    trips = os.path.join(content, "trips")
    os.makedirs(trips, exist_ok=True)
    for index in range(count):
        trip = make_trip(index, rng, photos, taken)
        folder = os.path.join(trips, trip["slug"])
        write_trip(folder, trip)
        if index % 3 == 1:
            with open(os.path.join(folder, "story.md"), "w", encoding="utf-8") as f:
                f.write(story(trip, rng))
    if media:
        for photo in photos:
            target = os.path.join(media, photo["storageKey"])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            shutil.copyfile(os.path.join(ROOT, "Content", "media", photo["storageKey"]), target)


def change(content, count, night, seed):
    """Edits COUNT trips as the app would; returns their slugs."""
    trips = os.path.join(content, "trips")
    slugs = sorted(name for name in os.listdir(trips) if not name.startswith("."))
    rng = random.Random(f"{seed}/{night}")
    picked = sorted(rng.sample(slugs, count))
    for slug in picked:
        path = os.path.join(trips, slug, "trip.json")
        with open(path, encoding="utf-8") as f:
            trip = json.load(f)
        trip["description"] = f"Edited on night {night}: " + sentence(rng, 16)
        trip["updatedAt"] = f"2026-11-{1 + night % 28:02d}T21:{night % 60:02d}:00Z"
        trip["source"] = {"fingerprint": fingerprint(trip), "updatedAt": trip["updatedAt"]}
        write_trip(os.path.dirname(path), trip)
    return picked


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("trips")
    make.add_argument("count", type=int)
    make.add_argument("content")
    make.add_argument("--media")
    make.add_argument("--seed", type=int, default=11)
    edit = commands.add_parser("change")
    edit.add_argument("content")
    edit.add_argument("count", type=int)
    edit.add_argument("night", type=int)
    edit.add_argument("--seed", type=int, default=11)
    options = parser.parse_args()
    if options.command == "trips":
        generate(options.count, options.content, options.media, options.seed)
    else:
        print("\n".join(change(options.content, options.count, options.night, options.seed)))


if __name__ == "__main__":
    main()
