"""The versions a package index publishes, in version order, with the date each was built: what bisect searches.

Read through the index's JSON Simple API (PEP 691, with PEP 700's versions
and upload times), which PyPI and most mirrors serve: one request per
package. The index is PyPI unless `--index-url` or pip's own PIP_INDEX_URL
names another. Only what pip could install counts: a version with at least
one file that is not yanked. A nightly's build date is the upload time of its
first file, which is what Keras's and TensorFlow's commit logs are compared with.
"""

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass

from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename
from packaging.version import InvalidVersion, Version

PYPI = "https://pypi.org/simple/"
ACCEPT = "application/vnd.pypi.simple.v1+json"
TIMEOUT = 60  # seconds; the keras-nightly page is about a megabyte


class Unreadable(RuntimeError):
    """The index could not be read, or does not know the package: a message for the maintainer."""


@dataclass(frozen=True)
class Release:
    """One published version: what pip installs, and when its first file was uploaded (ISO 8601, UTC)."""

    version: Version
    built: str

    def __str__(self):
        return str(self.version)


def index_url(given: str | None = None) -> str:
    url = given or os.environ.get("PIP_INDEX_URL") or PYPI
    return url if url.endswith("/") else url + "/"


def _version_of(filename: str) -> Version | None:
    try:
        if filename.endswith(".whl"):
            return parse_wheel_filename(filename)[1]
        return parse_sdist_filename(filename)[1]
    except (ValueError, InvalidVersion):
        return None  # an egg, an exe or a name no installer reads


def releases_of(page: dict) -> list[Release]:
    """The installable versions of a PEP 691 project page, oldest first, each with its first upload time."""
    built: dict[Version, str] = {}
    for file in page.get("files", []):
        version = _version_of(file.get("filename", ""))
        if version is None or file.get("yanked"):
            continue
        uploaded = file.get("upload-time", "")
        built[version] = min(built.get(version, uploaded), uploaded) if uploaded else built.get(version, "")
    return [Release(v, built[v]) for v in sorted(built)]


def fetch(package: str, url: str | None = None) -> dict:
    """The package's project page from the index, as JSON; an Unreadable that says why when there is none."""
    address = f"{index_url(url)}{canonicalize_name(package)}/"
    request = urllib.request.Request(address, headers={"Accept": ACCEPT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            kind = response.headers.get("Content-Type", "")
            body = response.read()
    except urllib.error.HTTPError as problem:
        if problem.code == 404:
            raise Unreadable(f"the index {index_url(url)} has no package {package!r}") from None
        raise Unreadable(f"the index {index_url(url)} answered {problem.code} for {package!r}") from None
    except (urllib.error.URLError, OSError) as problem:
        reason = getattr(problem, "reason", problem)
        raise Unreadable(f"the index {index_url(url)} cannot be reached ({reason})") from None
    if "json" not in kind:
        raise Unreadable(f"the index {index_url(url)} does not serve the JSON Simple API (PEP 691) for {package!r};"
                          f" it answered {kind or 'without a content type'}")
    try:
        return json.loads(body)
    except ValueError as problem:
        raise Unreadable(f"the index {index_url(url)} sent damaged JSON for {package!r} ({problem})") from None


def releases(package: str, url: str | None = None) -> list[Release]:
    """Every installable version of `package` on the index, oldest first."""
    return releases_of(fetch(package, url))


def between(found: list[Release], good: Version, bad: Version, pre: bool) -> list[Release]:
    """The releases from `good` to `bad`, both included, in version order; pre-releases only when `pre`.

    The bounds themselves are always included, whatever they are.
    """
    return [r for r in found if good <= r.version <= bad
            and (pre or not r.version.is_prerelease or r.version in (good, bad))]
