"""approx bisect: the search over versions (a stand-in verdict), a trial of one version, and the command (a stand-in index)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from packaging.version import Version

from approx.tools import bisect, index, search, trial


def judge_by(history: str, calls: list | None = None):
    """A stand-in verdict: index i is good (g), bad (b) or skipped (s) as `history` says."""
    words = {"g": search.GOOD, "b": search.BAD, "s": search.SKIP}

    def judge(indices):
        if calls is not None:
            calls.append(list(indices))
        return {i: words[history[i]] for i in indices}

    return judge


@pytest.mark.parametrize("flip", range(1, 20))
def test_the_search_finds_the_first_bad_version_wherever_it_is(flip):
    history = "g" * flip + "b" * (20 - flip)
    calls = []
    found = search.search(20, judge_by(history, calls))
    assert (found.ended, found.last_good, found.first_bad) == ("found", flip - 1, flip)
    assert sum(len(c) for c in calls) <= 2 + 5  # the bounds, then log2(18) rounded up


def test_skipped_versions_are_stepped_around():
    history = "gggsssbbbb"
    found = search.search(len(history), judge_by(history))
    assert found.ended == "hidden-by-skips"
    assert (found.last_good, found.first_bad, found.hidden) == (2, 6, [3, 4, 5])


def test_a_skip_beside_the_flip_does_not_hide_it():
    history = "ggsgggbbsb"
    found = search.search(len(history), judge_by(history))
    assert (found.ended, found.last_good, found.first_bad) == ("found", 5, 6)


def test_a_good_bound_that_is_bad_stops_the_search():
    calls = []
    found = search.search(8, judge_by("bbbbbbbb", calls))
    assert found.ended == "good-is-bad" and calls == [[0, 7]]


def test_a_bad_bound_that_is_good_means_nothing_flipped():
    found = search.search(8, judge_by("gggggggg"))
    assert found.ended == "bad-is-good" and found.first_bad is None


def test_a_bound_that_will_not_install_stops_the_search():
    assert search.search(5, judge_by("sgggb")).ended == "bound-skipped"


def test_a_non_monotonic_history_still_ends_on_a_real_flip():
    history = "ggbbggggbb"  # bad at 2-3, good again at 4-7
    found = search.search(len(history), judge_by(history))
    assert found.ended == "found"
    assert history[found.last_good] == "g" and history[found.first_bad] == "b"
    assert found.first_bad == found.last_good + 1


def test_rounds_of_several_probes_find_the_same_flip_in_fewer_rounds():
    history = "g" * 37 + "b" * 63
    one, three = [], []
    assert search.search(100, judge_by(history, one)).first_bad == 37
    assert search.search(100, judge_by(history, three), width=3).first_bad == 37
    assert len(three) < len(one) and max(len(c) for c in three[1:]) == 3


def releases(*versions):
    return [index.Release(Version(v), f"2026-06-{i + 1:02d}T05:00:00Z") for i, v in enumerate(versions)]


def test_the_candidates_are_the_published_versions_between_the_bounds_in_version_order():
    found = releases("3.13.0", "3.14.0rc1", "3.14.0", "3.15.0", "3.15.1", "3.16.0")
    stable = index.between(found, Version("3.13.0"), Version("3.15.1"), pre=False)
    assert [str(r) for r in stable] == ["3.13.0", "3.14.0", "3.15.0", "3.15.1"]
    assert "3.14.0rc1" in [str(r) for r in index.between(found, Version("3.13.0"), Version("3.15.1"), pre=True)]


def test_the_index_page_gives_installable_versions_and_their_first_upload():
    page = {"files": [
        {"filename": "keras_nightly-3.16.0.dev2026062705-py3-none-any.whl", "upload-time": "2026-06-27T05:15:00Z"},
        {"filename": "keras_nightly-3.16.0.dev2026062705.tar.gz", "upload-time": "2026-06-27T05:10:00Z"},
        {"filename": "keras_nightly-3.16.0.dev2026062605-py3-none-any.whl", "upload-time": "2026-06-26T05:23:00Z",
         "yanked": "broken"},
        {"filename": "keras_nightly-3.16.0.dev2026062505-py3-none-any.whl", "upload-time": "2026-06-25T05:20:00Z"},
        {"filename": "notes.txt"}]}
    found = index.releases_of(page)
    assert [str(r) for r in found] == ["3.16.0.dev2026062505", "3.16.0.dev2026062705"]
    assert found[-1].built == "2026-06-27T05:10:00Z"


class _Index(BaseHTTPRequestHandler):
    pages = {"/simple/keras-nightly/": {"files": [
        {"filename": f"keras_nightly-3.16.0.dev202606{d}05-py3-none-any.whl", "upload-time": f"2026-06-{d}T05:00:00Z"}
        for d in ("25", "26", "27", "28")]}}

    def do_GET(self):  # noqa: N802 (http.server's name)
        page = self.pages.get(self.path)
        self.send_response(200 if page else 404)
        self.send_header("Content-Type", index.ACCEPT)
        self.end_headers()
        self.wfile.write(json.dumps(page or {}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def stand_in_index():
    server = HTTPServer(("127.0.0.1", 0), _Index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/simple/"
    server.shutdown()


def test_the_command_bisects_a_stand_in_index_and_writes_json(stand_in_index, monkeypatch, tmp_path, capsys):
    history = {"3.16.0.dev2026062505": "good", "3.16.0.dev2026062605": "good", "3.16.0.dev2026062705": "bad",
               "3.16.0.dev2026062805": "bad"}

    def judge(self, indices):
        for i in indices:
            version = str(self.versions[i])
            self.steps[version] = {"verdict": history[version], "why": "stand-in", "seconds": 0.0, "detail": {}}
            self.order.append(version)
        return {i: history[str(self.versions[i])] for i in indices}

    monkeypatch.setattr(bisect.Bisection, "judge", judge)
    monkeypatch.setattr(bisect.Bisection, "forget", lambda self: None)
    out = tmp_path / "bisect.json"
    status = bisect.main(["keras-nightly", "--good", "3.16.0.dev2026062505", "--bad", "3.16.0.dev2026062805",
                          "--claim", "S10.4", "--json", str(out), "--index-url", stand_in_index])
    said = capsys.readouterr().out
    assert status == 0
    assert "first bad: keras-nightly 3.16.0.dev2026062705" in said and "last good: keras-nightly 3.16.0.dev2026062605" in said
    assert "among the commits between" in said
    document = json.loads(out.read_text())
    assert (document["first_bad"], document["last_good"], document["exit"]) == \
        ("3.16.0.dev2026062705", "3.16.0.dev2026062605", 0)

    history.update({"3.16.0.dev2026062705": "good", "3.16.0.dev2026062805": "good"})
    assert bisect.main(["keras-nightly", "--good", "3.16.0.dev2026062505", "--bad", "3.16.0.dev2026062805",
                        "--claim", "S10.4", "--index-url", stand_in_index]) == 1
    assert "nothing flipped" in capsys.readouterr().out


@pytest.mark.parametrize("argv, message", [
    (["kerass", "--good", "1", "--bad", "2"], "invalid choice: 'kerass'"),
    (["keras-nightly", "--good", "3.16.0.dev2026062805", "--bad", "3.16.0.dev2026062505"], "must come before"),
    (["keras-nightly", "--good", "3.16.0.dev2026062505", "--bad", "3.16.0.dev2026069905"], "has no keras-nightly"),
    (["keras-nightly", "--good", "3.16.0.dev2026062505", "--bad", "3.16.0.dev2026062805", "--claim", "S99.1"],
     "unknown claim 'S99.1'"),
    (["keras-nightly", "--good", "3.16.0.dev2026062505", "--bad", "3.16.0.dev2026062805", "--behaviour", "nope"],
     "unknown behaviour 'nope'"),
    (["keras-nightly", "--good", "one", "--bad", "3.16.0.dev2026062805"], "not a version: 'one'"),
])
def test_bad_input_is_a_usage_error_that_says_what_is_wrong(argv, message, stand_in_index, capsys):
    with pytest.raises(SystemExit) as ended:
        bisect.main([*argv, "--index-url", stand_in_index])
    assert ended.value.code == 2 and message in capsys.readouterr().err


def test_an_unreachable_index_is_an_error_that_says_so(capsys):
    status = bisect.main(["keras-nightly", "--good", "3.16.0.dev2026062505", "--bad", "3.16.0.dev2026062805",
                          "--index-url", "http://127.0.0.1:9/simple/"])
    assert status == 2 and "cannot be reached" in capsys.readouterr().err


def test_a_package_the_index_does_not_know_is_named(stand_in_index):
    with pytest.raises(index.Unreadable, match="has no package 'keras'"):
        index.releases("keras", stand_in_index)


def test_a_step_kept_in_the_journal_is_not_run_again(tmp_path, monkeypatch, capsys):
    """Resuming: a version tested before an interruption is read from its journal; only the others run."""
    monkeypatch.setattr(bisect.journal, "JOURNALS", tmp_path)
    ran = []

    def run(job, made, jobs, scheduler=None, told=None, quiet=False):
        ran.append((sorted(p.key for p in made), scheduler))
        return {p.key: bisect.journal.Done({"verdict": "good", "why": "stand-in", "seconds": 1.0, "detail": {}},
                                          "here", "cpu") for p in made}

    monkeypatch.setattr(bisect.pieces, "run", run)
    versions = releases("3.16.0.dev2026062505", "3.16.0.dev2026062605", "3.16.0.dev2026062705")
    first = bisect.Bisection("keras-nightly", versions, trial.Watch(claim="S10.4"), scheduler="tcp://h:8786")
    assert first.judge([0, 1]) == {0: "good", 1: "good"}
    again = bisect.Bisection("keras-nightly", versions, trial.Watch(claim="S10.4"))
    assert again.judge([0, 1, 2]) == {0: "good", 1: "good", 2: "good"}
    assert ran == [(["3.16.0.dev2026062505", "3.16.0.dev2026062605"], "tcp://h:8786"), (["3.16.0.dev2026062705"], None)]
    assert "kept from an earlier run" in capsys.readouterr().out
    other = bisect.Bisection("keras-nightly", versions, trial.Watch(behaviour="momentum_gain"))
    other.judge([0])
    assert ran[-1][0] == ["3.16.0.dev2026062505"]  # another watch is another step


def test_a_version_pip_cannot_install_is_skipped_saying_why(tmp_path, monkeypatch):
    monkeypatch.setattr(trial.environments, "CACHE", tmp_path)
    done = trial.step({"package": "keras-nightly", "version": "0.0.1.dev1", "watch": {"claim": "S10.4"}})
    assert done["verdict"] == search.SKIP and done["why"].startswith("will not install")


def test_a_version_laid_over_the_environment_is_the_one_read(tmp_path):
    """Two distributions provide `keras`; the one in the folder the import system finds it in is the one read."""
    import subprocess
    import sys

    (tmp_path / "keras").mkdir()
    (tmp_path / "keras" / "__init__.py").write_text("__version__ = '9.9.0.dev1'\n")
    info = tmp_path / "keras_nightly-9.9.0.dev1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: keras-nightly\nVersion: 9.9.0.dev1\n")
    (info / "top_level.txt").write_text("keras\n")
    (info / "RECORD").write_text("keras/__init__.py,,\n")
    done = subprocess.run([sys.executable, "-c", "from approx import installed;"
                           " print(installed.distribution('keras'), installed.version('keras'))"],
                          env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    assert done.stdout.split() == ["keras-nightly", "9.9.0.dev1"], done.stderr
