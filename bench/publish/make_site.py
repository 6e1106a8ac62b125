"""Writes a synthetic built site of realistic shape and sizes for the publish benchmark.

  python3 make_site.py OUTPUT [--trips N]

Per trip: trips/<slug>/index.html (18-40 KB of varied HTML) and one photo's five derivatives
(300x300 JPEG ~15 KB, 800x600 JPEG ~45 KB, WebP 480/960 ~30/80 KB, JPEG 960 ~140 KB) as random
bytes (they do not compress, like real JPEG/WebP); plus index.html, feed.xml, sitemap.xml,
404.html, robots.txt, two hashed assets and _tabi/derivatives.json. Deterministic: the same N
gives the same bytes.
"""
import argparse
import json
import os
import random

WORDS = ("temple tea maple river ridge harbour market train ferry pass valley village bridge lantern "
         "shrine garden cedar stone path mist dawn dusk noodle bakery station summit coast cliff").split()
DERIVATIVES = [("300x300c-376cbf.jpg", 15_000), ("800x600-cb8a60.jpg", 45_000), ("w480-3bea8e.webp", 30_000),
               ("w960-97d091.webp", 80_000), ("w960-cf7ad3.jpg", 140_000)]


def write(root, path, data):
    target = os.path.join(root, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as file:
        file.write(data if isinstance(data, bytes) else data.encode())


def paragraph(rng, words):
    return "<p>" + " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + ".</p>\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--trips", type=int, default=200)
    options = parser.parse_args()
    rng = random.Random(42)
    manifest = {}
    cards = []
    for n in range(options.trips):
        slug = f"trip-{n:04d}-{rng.choice(WORDS)}-{rng.choice(WORDS)}"
        photo = "%016x" % rng.getrandbits(64)
        body = "".join(paragraph(rng, rng.randint(40, 120)) for _ in range(rng.randint(25, 55)))
        page = (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>{slug}</title>"
                f"<link rel=stylesheet href=../../assets/style.7c678d98.css></head><body><article>{body}"
                f"<img src=../../media/{photo[:2]}/{photo}-w960-cf7ad3.jpg></article></body></html>\n")
        write(options.output, f"trips/{slug}/index.html", page)
        for suffix, size in DERIVATIVES:
            name = f"media/{photo[:2]}/{photo}-{suffix}"
            write(options.output, name, rng.randbytes(int(size * rng.uniform(0.7, 1.3))))
            manifest[name] = {"width": 960, "height": 640}
        cards.append(f"<li><a href=trips/{slug}/>{slug}</a></li>")
    write(options.output, "index.html", "<!doctype html><html><body><ul>" + "\n".join(cards) + "</ul></body></html>\n")
    write(options.output, "feed.xml", "<?xml version=\"1.0\"?><feed>" + "".join(f"<entry>{c}</entry>" for c in cards[:50]) + "</feed>\n")
    write(options.output, "sitemap.xml", "<?xml version=\"1.0\"?><urlset>" + "".join(f"<url>{c}</url>" for c in cards) + "</urlset>\n")
    write(options.output, "404.html", "<!doctype html><html><body><h1>Not found</h1></body></html>\n")
    write(options.output, "robots.txt", "User-agent: *\nAllow: /\n")
    write(options.output, "assets/style.7c678d98.css", "body{font:16px/1.5 serif;margin:0 auto;max-width:40em}\n" * 60)
    write(options.output, "assets/favicon.3f61bad4.svg", "<svg xmlns='http://www.w3.org/2000/svg'><circle r='8'/></svg>\n")
    write(options.output, "_tabi/derivatives.json", json.dumps(manifest, sort_keys=True, indent=1) + "\n")


if __name__ == "__main__":
    main()
