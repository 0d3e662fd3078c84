"""The two report pages, index.html (the article, verified) and gate.html (the gate's machinery), in a real browser.

Headless Chromium, driven by Playwright for Python, opens both pages at a
desktop width and a phone width and checks what a reader would see: nothing
wider than the screen, no text of the first screen under another element,
every figure loaded, every link landing on its target, the bottom line on
the first screen, a card for every claim on the readers' page and an entry
for it on the gate's page. Screenshots of each page at each width (the
whole page, and its first screen) are saved for a person to look at: in
APPROX_SCREENSHOTS, else a pytest tmp folder, whose path
test_screenshots_of_both_pages_at_both_widths_are_saved prints (and
tests/browser/conftest.py repeats at the end of the run).

The browser is Debian's chromium (`shutil.which("chromium")`, or env
APPROX_CHROMIUM), never one that Playwright downloads. Without Playwright
or Chromium the tests skip, saying what to install; with
APPROX_REQUIRE_BROWSER=1 (as .ci/run sets) they fail instead.

The pages are rendered by the project's own code (approx.plugin.report)
from a small fake spec run through pytest, as tests/plugin/test_report.py
does: a warm run of the real spec takes about three minutes here, too long
for a fixture. To check the pages of a real run, point APPROX_PAGES at its
report folder (APPROX_PAGES=reports after `pytest spec/`).
"""

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest

# One xdist worker starts the browser and renders the pages once. (pytest-xdist 3.8 under pytest 9.2 ignores the
# mark, pytest-dev/pytest-xdist#1386: each worker that gets some of these tests then renders and opens its own.)
pytestmark = pytest.mark.xdist_group("browser")

PAGES = ("index.html", "gate.html")
WIDTHS = [pytest.param({"width": 1280, "height": 800}, id="desktop-1280"),
          pytest.param({"width": 390, "height": 844, "device_scale_factor": 3, "is_mobile": True, "has_touch": True},
                       id="phone-390")]
INSTALL_PLAYWRIGHT = ("Playwright for Python is not installed: .venv/bin/pip install -c constraints.txt -e '.[browser]'"
                      " (the PyPI package playwright; its browsers are not needed)")
INSTALL_CHROMIUM = "apt-get install chromium (Debian's), or set APPROX_CHROMIUM to a Chromium executable"


# --- Whether there is a browser, and what to do when there is none ----------------------------------------------

def chromium(environ=os.environ) -> tuple[str | None, str | None]:
    """(the Chromium to start, None) or (None, why there is none and what to install)."""
    chosen = environ.get("APPROX_CHROMIUM")
    if chosen:
        found = shutil.which(chosen)
        return (found, None) if found else (None, f"APPROX_CHROMIUM={chosen} is not an executable; {INSTALL_CHROMIUM}")
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return (found, None) if found else (None, f"no chromium on PATH: {INSTALL_CHROMIUM}")


def required(environ=os.environ) -> bool:
    """Whether a missing browser fails the tests (APPROX_REQUIRE_BROWSER=1, as in CI) rather than skipping them."""
    return environ.get("APPROX_REQUIRE_BROWSER", "").strip().lower() in ("1", "true", "yes")


def without_browser(reason: str, environ=os.environ):
    """Skips the test for want of a browser, saying what to install; fails it instead where the browser is required."""
    if required(environ):
        pytest.fail(f"{reason} (APPROX_REQUIRE_BROWSER=1: the browser tests may not skip)", pytrace=False)
    pytest.skip(reason)


def test_a_missing_browser_skips_the_tests_unless_one_is_required():
    reason = f"no chromium on PATH: {INSTALL_CHROMIUM}"
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium"):
        without_browser(reason, environ={})
    with pytest.raises(pytest.skip.Exception):
        without_browser(reason, environ={"APPROX_REQUIRE_BROWSER": "0"})
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium.*APPROX_REQUIRE_BROWSER=1"):
        without_browser(reason, environ={"APPROX_REQUIRE_BROWSER": "1"})


def test_the_chromium_is_found_on_path_or_named_by_approx_chromium(tmp_path):
    assert chromium({"APPROX_CHROMIUM": str(tmp_path / "nowhere")}) == (
        None, f"APPROX_CHROMIUM={tmp_path / 'nowhere'} is not an executable; {INSTALL_CHROMIUM}")
    executable = tmp_path / "chromium"
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    assert chromium({"APPROX_CHROMIUM": str(executable)}) == (str(executable), None)


# --- The pages: rendered by the project's code from a fake spec, or a real run's (APPROX_PAGES) ------------------

PLUGINS = ("-p", "approx.plugin.options", "-p", "approx.plugin.claims", "-p", "approx.plugin.completeness",
           "-p", "approx.plugin.report", "-p", "approx.plugin.ending", "-p", "approx.plugin.account",
           "-p", "no:cacheprovider")

FAKE_SPEC = '''
import sys, types
import pytest
from matplotlib.figure import Figure

# Stands in for TensorFlow: the report names the versions without importing the framework.
RAN_ON = {**{k: "as run by the tests" for k in ("python", "tensorflow", "keras", "numpy")}, "backend": "tensorflow"}
sys.modules["approx.framework"] = types.SimpleNamespace(versions=lambda: RAN_ON)

class Verdict:  # the attributes approx.statistics.reliability.Verdict exposes
    rule, bounds, meaning, required, passed = "> 1", (1.0,), "the ratio of the loss with momentum to the loss without", 2, 3
    values, calibrated, spread = {0: 2.0, 1: 30.0, 2: 4.0, 3: 7.5, 4: 12.0}, (97, 100), (1.5, 8.0, 60.0)
    quartiles = (4.0, 20.0)

def figure(kind):
    fig = Figure(figsize=(6.4, 3.2))
    axes = fig.add_subplot()
    axes.plot([-3, 0, 3], [-1, 0, 1] if kind == "line" else [1, 0, 1])
    axes.set_title("a figure redrawn from the tested models")
    return fig

@pytest.mark.claim("S1.1", cell="In [8]")
@pytest.mark.xfail(strict=True, raises=AssertionError, reason="the article's own version: np.any(x) < 0 is never true")
def test_article_version():
    """The article's version of the hard function takes x·sin(2πx) left of zero."""
    assert False

@pytest.mark.claim("S1.2", cell="In [10]")
def test_one_neuron(evidence):
    """One linear neuron recovers y = 2x + 5: w = 2 and b = 5.

    How it is checked: a long paragraph of method, long enough to wrap on a phone and on a desktop alike.
    """
    evidence.number("w", 2.0000001, article=2.00000048)
    evidence.number("b", 4.9999998, article=5.0000005)
    evidence.figure(figure("line"), "the neuron's line over the training points", cell="In [13]")

@pytest.mark.claim("S2.4", cell="In [42]")
def test_momentum(evidence):
    """Momentum reaches a lower loss than plain SGD in the same number of epochs."""
    evidence.verdict(Verdict())
    evidence.figure(figure("relu"), "the loss, epoch by epoch, with and without momentum", cell="In [44]")

@pytest.mark.claim("S3.1")
def test_broken():
    """ReLU breaks the line into segments, one breakpoint per unit."""
    raise AssertionError("the evidence of failure, seed by seed: "
                         + ", ".join(f"seed {s}: breakpoints_at_unit_positions_differ_by_{s * 0.0137:.4f}" for s in range(12)))

@pytest.mark.claim("S10.1", cell="In [73]")
def test_sgd_takes_learning_rate():
    """Keras 3 renamed SGD's lr to learning_rate (a fact about Keras the article relied on)."""

@pytest.mark.claim("S11.1", evidence_kind="ours")
def test_sigmoid_units(evidence):
    """Sigmoid units fit the hard function worse than tanh units (our finding beside the article's)."""
    evidence.number("loss ratio", 3.25)

def test_not_a_claim():
    pass
'''


def rendered_pages(folder: Path) -> Path:
    """The report folder of the fake spec, run through the project's report plugin in a pytest subprocess."""
    (folder / "test_spec.py").write_text(FAKE_SPEC)
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST", "PYTEST_CURRENT"))}
    result = subprocess.run([sys.executable, "-m", "pytest", *PLUGINS, "-q", "-o", "addopts="], cwd=folder, env=environ,
                            capture_output=True, text=True, timeout=600)
    report = folder / "reports"
    if not (report / "index.html").exists():  # failing claims are expected; a missing page is not
        written = sorted(p.name for p in report.iterdir()) if report.is_dir() else []
        pytest.fail(f"the fake spec run wrote no {report / 'index.html'} (it wrote {written or 'nothing'});"
                    f" pytest's output:\n{result.stdout[-3000:]}{result.stderr[-2000:]}", pytrace=False)
    return report


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """The folder holding index.html, gate.html and claims.json."""
    chosen = os.environ.get("APPROX_PAGES")
    if chosen:
        folder = Path(chosen).resolve()
        if not (folder / "index.html").exists() and (folder / "partial" / "index.html").exists():
            folder = folder / "partial"  # a run that was not complete writes its pages there
        if not (folder / "index.html").exists():
            pytest.fail(f"APPROX_PAGES={chosen}: no index.html in {folder}", pytrace=False)
        return folder
    return rendered_pages(tmp_path_factory.mktemp("spec"))


@pytest.fixture(scope="module")
def claim_ids(pages) -> list[str]:
    """Every claim's id, from claims.json's "verdicts" (one per claim), else from its records."""
    path = pages / "claims.json"
    if not path.exists():
        pytest.fail(f"{path} was not written beside index.html", pytrace=False)
    document = json.loads(path.read_text())
    ids = [v["claim"] for v in document["verdicts"]] if "verdicts" in document else [c["claim"] for c in document["claims"]]
    ids = list(dict.fromkeys(ids))
    assert ids, f"{path} names no claim"
    return ids


# --- The browser, and what it sees of each page -----------------------------------------------------------------

@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None:  # skipped or failed outside the except block, so the message stands alone
        without_browser(INSTALL_PLAYWRIGHT)
    executable, missing = chromium()
    if missing:
        without_browser(missing)
    with sync_playwright() as playwright:
        try:
            # Playwright's own browsers are never downloaded: Debian's chromium, headless, no network needed.
            started, failure = playwright.chromium.launch(executable_path=executable, headless=True), None
        except Error as e:
            started, failure = None, str(e).strip().splitlines()[0]
        if failure:
            without_browser(f"Chromium at {executable} did not start ({failure}): {INSTALL_CHROMIUM}")
        yield started
        started.close()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    chosen = os.environ.get("APPROX_SCREENSHOTS")
    folder = Path(chosen).resolve() if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


MEASURE = """() => {
  // A phone zooms out to fit a page wider than the screen (innerWidth grows); clientWidth stays the screen's.
  const width = Math.min(window.innerWidth, document.documentElement.clientWidth), height = window.innerHeight;
  const clipped = (element) => {  // inside a box that scrolls or clips sideways: it widens nothing
    for (let a = element.parentElement; a && a !== document.body && a !== document.documentElement; a = a.parentElement)
      if (getComputedStyle(a).overflowX !== 'visible') return true;
    return false;
  };
  const describe = (element) => {
    const box = element.getBoundingClientRect(), within = element.parentElement && element.parentElement.closest('[id]');
    return {tag: element.tagName.toLowerCase(), id: element.id || '', class: element.getAttribute('class') || '',
            within: within ? `${within.tagName.toLowerCase()}#${within.id}` : '',
            width: Math.round(box.width), right: Math.round(box.right),
            text: (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50)};
  };
  const past = new Set([...document.body.querySelectorAll('*')]
    .filter((e) => e.getBoundingClientRect().right > width + 0.5 && !clipped(e)));
  // The outermost of them: a wide table, not each of its rows and cells too.
  const offenders = [...past].filter((e) => !past.has(e.parentElement)).map(describe).sort((a, b) => b.width - a.width);
  // Text on the first screen that another element (a fixed sidebar, a misplaced box) lies over: probed at its left edge.
  const covered = [];
  for (const element of document.body.querySelectorAll('h1, h2, h3, p, li, dt, dd, figcaption, summary, th, td')) {
    const box = element.getBoundingClientRect();
    if (box.width < 4 || box.height < 4 || box.top < 0 || box.top > height - 4 || box.left < 0 || box.left > width - 4
        || getComputedStyle(element).visibility !== 'visible') continue;
    const hit = document.elementFromPoint(box.left + 3, box.top + Math.min(box.height / 2, 8));
    if (hit && !element.contains(hit) && !hit.contains(element)) covered.push({...describe(element), by: describe(hit)});
  }
  const bottom = document.getElementById('bottom-line');
  return {
    innerWidth: window.innerWidth, innerHeight: height, clientWidth: document.documentElement.clientWidth,
    scrollWidth: document.documentElement.scrollWidth,
    offenders: offenders.slice(0, 6), outermost: offenders.length, overflowing: past.size,
    ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')),
    contents: [...document.querySelectorAll('#contents a[href]')].map((a) => a.getAttribute('href')),
    covered: covered.slice(0, 6), coveredCount: covered.length,
    bottomLineTop: bottom ? bottom.getBoundingClientRect().top + window.scrollY : null,
  };
}"""

IMAGES = """async () => {
  await Promise.all([...document.images].map((i) => i.complete ? null
    : new Promise((done) => { i.addEventListener('load', done); i.addEventListener('error', done); setTimeout(done, 5000); })));
  return [...document.images].map((i, n) => ({n, loaded: i.complete && i.naturalWidth > 0, alt: i.alt || '',
                                              src: (i.getAttribute('src') || '').slice(0, 40)}));
}"""


@dataclass
class View:
    """What the browser saw of one page at one width."""
    page: str
    width: str
    measured: dict
    images: list[dict]
    screenshot: Path
    first_screen: Path
    ids: set[str] = field(default_factory=set)
    blocked: list[str] = field(default_factory=list)  # what the page asked of the network, refused

    def where(self) -> str:
        return f"{self.page} at {self.width} (screenshot {self.screenshot})"


@pytest.fixture(scope="module")
def look(browser, pages, screenshots):
    """look(page, viewport) -> its View, each page opened once per width; fails naming the page a run did not write."""
    seen = {}

    def open_page(name: str, viewport: dict) -> View:
        width = f"{'phone' if viewport.get('is_mobile') else 'desktop'}-{viewport['width']}"
        if (name, width) not in seen:
            path = pages / name
            if not path.exists():
                written = ", ".join(sorted(p.name for p in pages.iterdir()))
                pytest.fail(f"{name} was not written: {pages} holds only {written}", pytrace=False)
            size = {k: v for k, v in viewport.items() if k in ("width", "height")}
            context = browser.new_context(viewport=size, **{k: v for k, v in viewport.items() if k not in size})
            blocked = []  # the pages are self-contained: whatever they would fetch from the network is refused
            context.route(re.compile(r"^(?!file:|data:|about:)"),
                          lambda route: (blocked.append(route.request.url), route.abort()))
            try:
                tab = context.new_page()
                tab.goto(path.as_uri(), wait_until="load")
                measured = tab.evaluate(MEASURE)
                stem = f"{Path(name).stem}-{width}"
                tab.screenshot(path=screenshots / f"{stem}-first-screen.png")
                tab.screenshot(path=screenshots / f"{stem}.png", full_page=True, scale="css")
                images = tab.evaluate(IMAGES)
            finally:
                context.close()
            seen[name, width] = View(name, width, measured, images, screenshots / f"{stem}.png",
                                     screenshots / f"{stem}-first-screen.png", set(measured["ids"]), blocked)
        return seen[name, width]

    return open_page


def ids_of(pages: Path, name: str) -> set[str] | None:
    """Every id on page `name` of the report, read from its HTML (the same at every width); None if it was not written."""

    class Ids(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.update(value for key, value in attrs if key == "id" and value)

    found = set()
    path = pages / name
    if not path.exists():
        return None
    Ids().feed(path.read_text(encoding="utf-8"))
    return found


def broken_links(view: View, pages: Path) -> list[str]:
    """The internal links of the page that land nowhere: #x, index.html#x and gate.html#x to a missing id or page."""
    broken = []
    for href in view.measured["links"]:
        internal = re.fullmatch(r"((?:index|gate)\.html)?(?:#(.*))?", href)
        if not href or not internal:
            continue  # another site or file: not the report's own
        target, fragment = internal[1] or view.page, unquote(internal[2] or "")
        ids = view.ids if target == view.page else ids_of(pages, target)
        if ids is None:
            broken.append(f"{href} (no {target} was written)")
        elif fragment and fragment not in ids:
            broken.append(f"{href} (no id {fragment!r} on {target})")
    return broken


def named(o: dict) -> str:
    """An element as MEASURE describes it: <tag id=… class=…>, and the nearest element with an id around it."""
    return (f"<{o['tag']}{' id=' + repr(o['id']) if o['id'] else ''}{' class=' + repr(o['class']) if o['class'] else ''}>"
            f"{' in ' + o['within'] if o['within'] else ''}")


def overflow_message(view: View) -> str:
    m = view.measured
    widest = "\n".join(f"  {named(o)}: {o['width']} px wide, right edge at {o['right']} px: {o['text']!r}"
                       for o in m["offenders"])
    return (f"{view.where()}: the page is {m['scrollWidth']} px wide in a {m['innerWidth']} px window"
            f" (layout viewport {m['clientWidth']} px); {m['overflowing']} elements reach past its right edge,"
            f" {m['outermost']} of them outermost, the widest:\n"
            f"{widest or '  (none found: the overflow comes from a margin or a transform)'}")


def covered_message(view: View) -> str:
    m = view.measured
    return (f"{view.where()}: {m['coveredCount']} blocks of text on the first screen lie under another element"
            f" (first screen: {view.first_screen}):\n"
            + "\n".join(f"  {named(o)}: {o['text']!r}, under {named(o['by'])}" for o in m["covered"]))


def unloaded(view: View) -> str:
    """What did not load on the page, with any network request it was refused; "" when every image loaded."""
    missing = [i for i in view.images if not i["loaded"]]
    if not missing:
        return ""
    return (f"{view.where()}: {len(missing)} of {len(view.images)} images did not load: {missing}"
            f"{'; refused network requests: ' + str(view.blocked) if view.blocked else ''}")


def unlanded(view: View, pages) -> str:
    """The page's links that land nowhere, the first dozen named; "" when every link lands."""
    broken = broken_links(view, pages)
    if not broken:
        return ""
    return (f"{view.where()}: {len(broken)} of {len(view.measured['links'])} links land nowhere: "
            + "; ".join(broken[:12]) + (" …" if len(broken) > 12 else ""))


# --- What a reader sees ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("viewport", WIDTHS)
def test_the_reader_page_has_no_horizontal_overflow(look, viewport):
    view = look("index.html", viewport)
    assert view.measured["scrollWidth"] <= min(view.measured["innerWidth"], view.measured["clientWidth"]), \
        overflow_message(view)


@pytest.mark.parametrize("viewport", WIDTHS)
def test_the_gate_page_has_no_horizontal_overflow(look, viewport):
    view = look("gate.html", viewport)
    assert view.measured["scrollWidth"] <= min(view.measured["innerWidth"], view.measured["clientWidth"]), \
        overflow_message(view)


@pytest.mark.parametrize("viewport", WIDTHS)
def test_nothing_on_the_first_screen_of_the_reader_page_is_covered(look, viewport):
    view = look("index.html", viewport)
    assert not view.measured["covered"], covered_message(view)


@pytest.mark.parametrize("viewport", WIDTHS)
def test_nothing_on_the_first_screen_of_the_gate_page_is_covered(look, viewport):
    view = look("gate.html", viewport)
    assert not view.measured["covered"], covered_message(view)


@pytest.mark.parametrize("viewport", WIDTHS)
def test_every_image_on_the_reader_page_loads(look, viewport):
    problem = unloaded(look("index.html", viewport))
    assert not problem, problem


@pytest.mark.parametrize("viewport", WIDTHS)
def test_every_image_on_the_gate_page_loads(look, viewport):
    problem = unloaded(look("gate.html", viewport))
    assert not problem, problem


@pytest.mark.parametrize("viewport", WIDTHS)
def test_every_link_on_the_reader_page_lands_on_its_target(look, pages, viewport):
    problem = unlanded(look("index.html", viewport), pages)
    assert not problem, problem


@pytest.mark.parametrize("viewport", WIDTHS)
def test_every_link_on_the_gate_page_lands_on_its_target(look, pages, viewport):
    problem = unlanded(look("gate.html", viewport), pages)
    assert not problem, problem


@pytest.mark.parametrize("viewport", WIDTHS)
def test_the_bottom_line_starts_on_the_first_screen(look, viewport):
    view = look("index.html", viewport)
    top, height = view.measured["bottomLineTop"], view.measured["innerHeight"]
    assert top is not None, f"{view.where()}: no element id=\"bottom-line\" (first screen: {view.first_screen})"
    assert top < height, (f"{view.where()}: #bottom-line starts {top:.0f} px down, below the first screen"
                          f" ({height} px; see {view.first_screen})")


def test_the_reader_page_has_a_card_for_every_claim(look, claim_ids):
    view = look("index.html", WIDTHS[0].values[0])
    missing = [c for c in claim_ids if c not in view.ids]
    assert not missing, f"{view.where()}: {len(missing)} of {len(claim_ids)} claims have no element with their id: {missing}"


def test_the_gate_page_has_an_entry_for_every_claim(look, claim_ids):
    view = look("gate.html", WIDTHS[0].values[0])
    missing = [c for c in claim_ids if c not in view.ids]
    assert not missing, f"{view.where()}: {len(missing)} of {len(claim_ids)} claims have no element with their id: {missing}"


def test_the_contents_link_every_claim(look, claim_ids):
    view = look("index.html", WIDTHS[0].values[0])
    assert "contents" in view.ids, f"{view.where()}: no element id=\"contents\""
    linked = {unquote(href.partition("#")[2]) for href in view.measured["contents"]}
    missing = [c for c in claim_ids if c not in linked]
    assert not missing, f"{view.where()}: #contents links {len(linked)} targets but not {len(missing)} claims: {missing}"


def test_screenshots_of_both_pages_at_both_widths_are_saved(look, pages, screenshots, record_property):
    for name in PAGES:
        if (pages / name).exists():
            for viewport in WIDTHS:
                look(name, viewport.values[0])
    saved = sorted(screenshots.glob("*.png"))
    record_property("browser screenshots", str(screenshots))  # tests/browser/conftest.py prints it at the end
    print(f"screenshots of {pages}: {screenshots}")
    assert saved and all(p.stat().st_size > 1000 for p in saved), f"no screenshots in {screenshots}: {saved}"
