"""The runner of a job's pieces, without a cluster: its journal, its checks and its errors (tests/cluster has one)."""

import builtins
import json
from argparse import Namespace

import pytest

from approx.statistics import calibration
from approx.tools import calibrate, journal, pieces


@pytest.fixture(autouse=True)
def journals(tmp_path, monkeypatch):
    monkeypatch.setattr(journal, "JOURNALS", tmp_path / "journals")
    return tmp_path / "journals"


NAPS = [pieces.Piece(f"{n}", "math", "sqrt", n * n) for n in range(3)]  # a function of the standard library


def test_the_local_pool_runs_every_piece_says_where_and_leaves_no_journal(journals, capsys):
    done = pieces.run("roots", NAPS, jobs=2)
    assert {key: d.result for key, d in done.items()} == {"0": 0.0, "1": 1.0, "2": 2.0}
    assert {d.machine for d in done.values()} == {pieces.machine()["host"]}
    assert "[3/3]" in capsys.readouterr().out
    assert len(list(journals.iterdir())) == 1, "the journal stays until the job has written what the pieces made"
    pieces.finish("roots", NAPS)
    assert not list(journals.iterdir())


def test_a_journal_of_the_same_job_is_resumed_and_its_pieces_not_redone(journals, capsys):
    kept = journal.Journal("roots", NAPS)
    kept.keep("1", journal.Done(-1.0, "elsewhere", "another CPU"))  # a value no square root gives: it was kept
    done = pieces.run("roots", NAPS, jobs=1)
    assert done["1"] == journal.Done(-1.0, "elsewhere", "another CPU") and done["2"].result == 2.0
    assert "resuming: 1 of 3 pieces kept" in capsys.readouterr().out


def test_a_journal_of_other_pieces_or_damaged_is_not_used(journals, capsys):
    journal.Journal("roots", NAPS[:2]).keep("1", journal.Done(-1.0, "elsewhere", "CPU"))
    assert journal.Journal("roots", NAPS).done == {}  # another set of pieces is another journal
    damaged = journal.Journal("roots", NAPS)
    damaged.path.parent.mkdir(parents=True, exist_ok=True)
    damaged.path.write_text('{"key": ')
    assert journal.Journal("roots", NAPS).done == {}
    assert "ignoring a damaged journal" in capsys.readouterr().err


def test_the_journal_is_keyed_by_the_code_and_the_versions(monkeypatch):
    before = journal.Journal("roots", NAPS).path
    monkeypatch.setattr(journal, "fingerprint", lambda: "other code")
    assert journal.Journal("roots", NAPS).path != before


def test_pieces_must_have_distinct_keys():
    with pytest.raises(ValueError, match="distinct keys"):
        pieces.run("roots", [NAPS[0], NAPS[0]], jobs=1)


def test_a_piece_from_other_versions_or_other_code_is_refused():
    good = pieces._call(NAPS[1])
    pieces._check(good)
    with pytest.raises(RuntimeError, match="install the same releases"):
        pieces._check({**good, "versions": {**good["versions"], "keras": "0.1"}})
    with pytest.raises(RuntimeError, match="check out the same commit"):
        pieces._check({**good, "code": "0" * 64})


def test_without_the_cluster_extra_the_scheduler_option_says_what_to_install(monkeypatch):
    real = builtins.__import__

    def without_distributed(name, *args, **kwargs):
        if name == "distributed":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_distributed)
    with pytest.raises(SystemExit, match=r"cluster extra: pip install -c constraints.txt -e '\.\[cluster\]'"):
        pieces.connect("tcp://127.0.0.1:8786")


def test_an_unreachable_scheduler_is_named(monkeypatch):
    pytest.importorskip("distributed", reason=f"the cluster extra is not installed: {pieces.CLUSTER_EXTRA}")
    monkeypatch.setattr(pieces, "CONNECT_TIMEOUT", "1s")
    with pytest.raises(SystemExit, match="cannot reach the Dask scheduler at 'tcp://127.0.0.1:9'"):
        pieces.connect("tcp://127.0.0.1:9")


def _args(**given) -> Namespace:
    return Namespace(**{"only": None, "pairs": False, "output": None, **given})


def test_only_over_other_seeds_than_the_baseline_leaves_it_alone_and_writes_to_reports(capsys):
    committed = calibration.committed()
    path, old = calibrate._target(_args(only=["line_w"]), [10000, 10001], committed.versions)
    assert path == calibrate.SCRATCH / calibration.baseline_path().name and old is None
    assert "is left alone" in capsys.readouterr().out
    path, old = calibrate._target(_args(only=["line_w"]), committed.seeds, committed.versions)
    assert path == calibration.baseline_path() and old == committed  # the same seeds: refreshed in place


def test_pairs_need_a_calibration_on_the_same_seeds(tmp_path):
    with pytest.raises(SystemExit, match="--pairs refreshes"):
        calibrate._target(_args(pairs=True, output=tmp_path / "c.json"), [1, 2], {})


def test_who_computed_what_is_kept_run_by_run(tmp_path):
    ran = [{"command": "approx calibrate", "names": "all",
            "machines": {"a": {"cpu": "one", "pieces": ["seed 1"]}, "b": {"cpu": "two", "pieces": ["seed 2", "seed 1, nudge-0"]}}}]
    data = calibration.Calibration({"keras": "x"}, "approx calibrate", [1, 2], {"m": {1: 0.5, 2: 1.5}},
                                   computed_on=ran)
    calibration.save(data, {"m": "a number"}, tmp_path / "c.json")
    assert calibration.load(tmp_path / "c.json").computed_on == ran
    assert json.loads((tmp_path / "c.json").read_text())["computed_on"] == ran
