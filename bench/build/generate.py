#!/usr/bin/env python3
"""Generates the same site twice: as tabi-press content and as a Hugo site.

    generate.py TRIPS POSTS OUT_DIR

OUT_DIR/tabi/Content/trips/<slug>/{trip.json,story.md} and OUT_DIR/hugo/ (config, content,
layouts). Each trip page has a GFM story (table, task list, footnote, links) and POSTS posts of
Markdown; no photos, so the comparison is pages only (images are timed against vipsthumbnail).
"""
import json, os, sys, uuid, random

trips, posts, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(42)
words = ("river forest ridge village harbour market temple bridge valley station coffee "
         "mountain trail sunset island ferry museum garden lake path").split()

def sentence(n):
    return " ".join(random.choice(words) for _ in range(n)).capitalize() + "."

def paragraph():
    return " ".join(sentence(random.randint(8, 16)) for _ in range(4))

def story(i):
    rows = "\n".join(f"| Day {d} | {random.choice(words).title()} | {random.randint(3, 25)} km |" for d in range(1, 6))
    return (f"Trip number {i} began on a *cold* morning with **far** too much luggage.\n\n"
            f"## The plan\n\n| Day | Where | Walking |\n|---|---|--:|\n{rows}\n\n"
            f"## On the way\n\n{paragraph()}\n\n{paragraph()}[^1]\n\n"
            "- [x] Tickets\n- [ ] Umbrella\n\n"
            f"See [the map](https://example.com/maps/{i}) and ~~the old plan~~.\n\n"
            f"[^1]: {sentence(10)}\n")

tabi = os.path.join(out, "tabi", "Content", "trips")
hugo = os.path.join(out, "hugo")
os.makedirs(os.path.join(hugo, "content", "trips"), exist_ok=True)
os.makedirs(os.path.join(hugo, "layouts", "_default"), exist_ok=True)
for i in range(trips):
    slug = f"trip-{i:05d}"
    tid = str(uuid.UUID(int=random.getrandbits(128), version=4))
    start = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
    post_list = []
    for p in range(posts):
        post_list.append({"id": str(uuid.UUID(int=random.getrandbits(128), version=4)),
                          "timestamp": f"{start}T{p % 24:02d}:00:00Z", "title": sentence(4)[:-1],
                          "content": paragraph() + "\n\n" + paragraph(), "photos": []})
    trip = {"id": tid, "slug": slug, "title": f"Trip {i}: {sentence(3)[:-1]}", "description": sentence(12),
            "startDate": start, "status": "completed", "visibility": "public", "author": "Bench",
            "destinations": [], "posts": post_list}
    folder = os.path.join(tabi, slug)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "trip.json"), "w") as f:
        json.dump(trip, f, indent=2, sort_keys=True)
    body = story(i)
    with open(os.path.join(folder, "story.md"), "w") as f:
        f.write(f'---\ntitle: "{trip["title"]}"\ndate: {start}\ndraft: false\n---\n{body}')
    # Hugo gets the same text: the story, then every post as a section.
    posts_md = "\n".join(f"## {p['title']}\n\n{p['content']}\n" for p in post_list)
    with open(os.path.join(hugo, "content", "trips", slug + ".md"), "w") as f:
        f.write(f'---\ntitle: "{trip["title"]}"\ndate: {start}\n---\n{body}\n{posts_md}')

with open(os.path.join(hugo, "config.toml"), "w") as f:
    f.write('baseURL = "http://localhost:8000/"\ntitle = "Bench"\n'
            '[markup.goldmark.renderer]\nunsafe = false\n[markup.goldmark.extensions]\ntypographer = true\n')
with open(os.path.join(hugo, "layouts", "_default", "baseof.html"), "w") as f:
    f.write('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
            '<body><main>{{ block "main" . }}{{ end }}</main></body></html>\n')
with open(os.path.join(hugo, "layouts", "_default", "single.html"), "w") as f:
    f.write('{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .TableOfContents }}{{ .Content }}</article>{{ end }}\n')
with open(os.path.join(hugo, "layouts", "_default", "list.html"), "w") as f:
    f.write('{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}\n')
with open(os.path.join(hugo, "layouts", "index.html"), "w") as f:
    f.write('{{ define "main" }}<ul>{{ range (where .Site.RegularPages "Section" "trips") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Summary }}</li>{{ end }}</ul>{{ end }}\n')
