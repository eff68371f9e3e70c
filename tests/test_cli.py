"""The command line (proofs.cli): help, version, errors, progress, report, ledger, show, bench.

Toy claims (tests/toyclaims.py) wherever the paper is not the point; the paper's cheap claims
(L5.3-eq15, L3.1-value, L5.3-eq16, ~1-2 s each) for show, replay and the determinism check.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import mpmath
import numpy as np
import pytest
import toyclaims as toy

import proofs
import proofs.cli as cli
from proofs.cli import paths, progress
from proofs.cli.snippet import replay_snippet
from proofs.engine import ledger
from proofs.engine.confirm import confirm, replay
from proofs.engine.decide import decide
from proofs.engine.points import PARSE_DPS, from_strings, to_strings
from proofs.engine.report import write_report

REPO = Path(__file__).resolve().parents[1]
CHEAP = ["L5.3-eq15", "L3.1-value", "L5.3-eq16"]


@pytest.fixture
def toy_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli, "_claim_set", lambda: toy.TOY_SET)


def _err_lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return [line for line in capsys.readouterr().err.splitlines() if line.strip()]


# ------------------------------------------------------------------------------------------
# help, version, bench
# ------------------------------------------------------------------------------------------
def test_help_lists_every_command_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        cli.main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    for cmd in ("report", "ledger", "show", "bench"):
        assert re.search(rf"^\s+{cmd}\s+\S", out, flags=re.M), f"{cmd} not listed:\n{out}"


def test_no_command_prints_help_to_stderr_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    cap = capsys.readouterr()
    assert cap.out == "" and "report" in cap.err and "usage:" in cap.err


@pytest.mark.parametrize("cmd", ["report", "ledger", "show"])
def test_subcommand_help_only_prints_help(
    cmd: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli, "_claim_set", lambda: pytest.fail("--help loaded the claims"))
    with pytest.raises(SystemExit) as e:
        cli.main([cmd, "--help"])
    assert e.value.code == 0
    assert f"{cmd} [-h]" in capsys.readouterr().out


def test_version_from_metadata_or_package() -> None:
    from importlib.metadata import version

    buf = io.StringIO()
    with contextlib.redirect_stdout(buf), pytest.raises(SystemExit) as e:
        cli.main(["--version"])
    assert e.value.code == 0
    assert buf.getvalue().split()[-1] == cli.version() == version("proofs") == proofs.__version__


def test_bench_help_returns_at_once_without_benchmarking() -> None:
    t0 = time.perf_counter()
    r = subprocess.run(
        [sys.executable, "-m", "proofs", "bench", "--help"],
        capture_output=True, text=True, timeout=60, cwd=REPO,
    )
    assert r.returncode == 0, r.stderr
    assert "usage: python -m proofs bench" in r.stdout and "--only" in r.stdout
    assert "{" not in r.stdout.splitlines()[-1]  # no JSON result: nothing was benchmarked
    assert time.perf_counter() - t0 < 20


def test_bench_parses_its_own_arguments(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import proofs.bench as bench

    ran: list[str] = []
    monkeypatch.setattr(bench, "BENCHMARKS", {
        "batched": lambda: ran.append("batched") or {"a": 1.0},
        "sampler": lambda: ran.append("sampler") or {"b": 2.0},
        "table1": lambda: ran.append("table1") or {"c": 3.0},
    })
    assert cli.main(["bench", "--only", "sampler"]) == 0
    assert ran == ["sampler"] and json.loads(capsys.readouterr().out) == {"b": 2.0}
    with pytest.raises(SystemExit) as e:
        cli.main(["bench", "--only", "nope"])
    assert e.value.code == 2 and ran == ["sampler"]


# ------------------------------------------------------------------------------------------
# bad input: one line, exit 2, no traceback
# ------------------------------------------------------------------------------------------
def test_report_writes_files(
    tmp_path: Path, toy_set: None, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = cli.main(["report", "--out", str(tmp_path), "--only", "toy-false", "toy-false+fix",
                   "toy-unbounded", "--profile", "ci"])
    assert rc == 0
    data = json.loads((tmp_path / "verdicts.json").read_text())
    assert [d["id"] for d in data] == ["toy-false", "toy-false+fix", "toy-unbounded"]
    md = (tmp_path / "REPORT.md").read_text()
    assert "| `toy-false` | Toy toy-false | **refuted** | search |" in md
    assert "- `x` = `11.0`" in md and "Slack at 50 digits: `-0.5`" in md
    assert "Corrected claim: `toy-false+fix`: **unrefuted** (search)" in md
    assert "## Claims that lose their support" in md
    assert toy.FALSE.supports and all(f"`{s}`" in md for s in toy.FALSE.supports)
    assert "## Budgets" in md
    err = capsys.readouterr().err  # not a terminal: one line per claim
    assert re.search(r"^\s+[0-9.]+s\s+toy-false\s+refuted\s+search$", err, flags=re.M)


def test_report_quiet_prints_nothing(
    tmp_path: Path, toy_set: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["report", "-q", "--out", str(tmp_path), "--only", "toy-false"]) == 0
    assert capsys.readouterr().err == ""
    assert (tmp_path / "verdicts.json").exists()


def test_unknown_claim_id_names_the_closest(
    tmp_path: Path, toy_set: None, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = cli.main(["report", "--out", str(tmp_path / "r"), "--only", "toy-flse", "zzz"])
    assert rc == 2
    [line] = _err_lines(capsys)
    assert "unknown claim ids 'toy-flse' (closest: toy-false" in line
    assert "'zzz' (no close match)" in line
    assert not (tmp_path / "r" / "verdicts.json").exists()


def test_unknown_profile_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        cli.main(["report", "--out", str(tmp_path), "--profile", "fast"])
    assert e.value.code == 2
    [line] = _err_lines(capsys)
    assert "invalid choice: 'fast'" in line and "ci" in line


@pytest.mark.parametrize(
    "out, message",
    [
        ("missing/r", "its parent folder {tmp}/missing does not exist"),
        ("file/r", "{tmp}/file is not a folder"),
        ("file", "--out {tmp}/file exists and is not a folder"),
    ],
)
def test_bad_out_folder_is_one_line_before_any_work(
    out: str, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "file").write_text("x")
    monkeypatch.setattr(cli, "_claim_set", lambda: pytest.fail("claims loaded before --out check"))
    assert cli.main(["report", "--out", str(tmp_path / out)]) == 2
    [line] = _err_lines(capsys)
    assert message.format(tmp=tmp_path) in line


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_unwritable_out_parent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        assert cli.main(["report", "--out", str(ro / "r")]) == 2
    finally:
        ro.chmod(0o700)
    [line] = _err_lines(capsys)
    assert "is not writable" in line


def test_unwritable_out_folder_simulated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def denied(*a: object, **k: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(paths.tempfile, "TemporaryFile", denied)
    assert cli.main(["report", "--out", str(tmp_path / "r")]) == 2
    [line] = _err_lines(capsys)
    assert line.endswith(f"folder {tmp_path} is not writable (Permission denied)")


def test_ledger_update_then_check(tmp_path: Path, toy_set: None) -> None:
    path = tmp_path / "verdicts.toml"
    only = ["--only", "toy-false", "toy-symbolic", "--profile", "ci", "-q"]
    assert cli.main(["ledger", "--update", *only, "--path", str(path)]) == 0  # creates it
    led = ledger.load(path)
    assert (led["toy-false"].verdict, led["toy-symbolic"].method) == ("refuted", "symbolic")
    assert cli.main(["ledger", *only, "--ledger", str(path)]) == 0
    ledger.write([ledger.Expected("toy-false", "proved", "symbolic", "wrong on purpose")], path)
    assert cli.main(["ledger", *only, "--ledger", str(path)]) == 1


def test_ledger_pins_evidence_and_reports_a_moved_slack(
    tmp_path: Path, toy_set: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from proofs.engine import evidence

    path, ev = tmp_path / "verdicts.toml", tmp_path / "evidence.toml"
    only = ["--only", "toy-false", "--profile", "ci", "-q", "--ledger", str(path)]
    assert cli.main(["ledger", "--update", "--update-evidence", *only]) == 0
    pinned = evidence.load(ev)
    assert pinned["toy-false"]["slack"] == "-0.5"
    assert cli.main(["ledger", *only]) == 0  # same evidence
    ev.write_text(ev.read_text().replace('"slack" = "-0.5"', '"slack" = "-0.6"'))
    capsys.readouterr()
    assert cli.main(["ledger", *only]) == 1
    assert "toy-false: slack moved" in capsys.readouterr().err
    assert cli.main(["ledger", "--update-evidence", "--profile", "dev", *only[4:]]) == 2


def test_check_decides_claims_of_any_module(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "examples.ste_claims:CLAIMS", "--only", "STE-cdf-tangent"]) == 0
    out = capsys.readouterr().out
    assert "STE-cdf-tangent" in out and "proved" in out
    assert cli.main(["check", "no_such_module:CLAIMS"]) == 2


def test_ledger_update_into_a_missing_folder(
    tmp_path: Path, toy_set: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "no" / "verdicts.toml"
    assert cli.main(["ledger", "--update", "--ledger", str(path), "--only", "toy-false"]) == 2
    [line] = _err_lines(capsys)
    assert line.endswith(f"ledger {path}: folder {tmp_path / 'no'} does not exist")


def test_ledger_missing_file_is_an_error_not_mismatches(
    tmp_path: Path, toy_set: None, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = cli.main(["ledger", "--path", str(tmp_path / "nope.toml"), "--only", "toy-false"])
    assert rc == 2
    [line] = _err_lines(capsys)
    assert line.endswith(f"ledger {tmp_path / 'nope.toml'} does not exist")


def test_malformed_ledger_is_one_line(
    tmp_path: Path, toy_set: None, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('["toy-false"]\nverdict = \n')
    assert cli.main(["ledger", "--ledger", str(bad)]) == 2
    [line] = _err_lines(capsys)
    assert f"ledger {bad} is not valid TOML: " in line and "line 2" in line
    bad.write_text('["toy-false"]\nmethod = "search"\n')
    assert cli.main(["ledger", "--update", "--ledger", str(bad)]) == 2
    [line] = _err_lines(capsys)
    assert "entry 'toy-false' must be a table with a string 'verdict' key" in line


def test_ledger_outside_a_checkout_says_so(
    tmp_path: Path, toy_set: None, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["ledger", "--only", "toy-false"]) == 2
    [line] = _err_lines(capsys)
    assert "no ledger" in line and "--ledger PATH" in line


def test_ledger_errors_are_named(tmp_path: Path) -> None:
    with pytest.raises(ledger.LedgerError, match="does not exist"):
        ledger.load(tmp_path / "none.toml")
    assert ledger.load(tmp_path / "none.toml", missing_ok=True) == {}
    with pytest.raises(ledger.LedgerError, match="not valid TOML"):
        ledger.parse("= 1")
    with pytest.raises(ledger.LedgerError, match="non-string 'method'"):
        ledger.parse('["a"]\nverdict = "proved"\nmethod = 3\n')


def test_catalogue_option(
    tmp_path: Path, toy_set: None, capsys: pytest.CaptureFixture[str]
) -> None:
    led = tmp_path / "verdicts.toml"
    assert cli.main(["ledger", "--update", "-q", "--ledger", str(led)]) == 0
    cat = tmp_path / "claims.md"
    cat.write_text("| id | where |\n|---|---|\n| `toy-false` | x |\n| `toy-missing` | y |\n")
    assert cli.main(["ledger", "-q", "--ledger", str(led), "--catalogue", str(cat)]) == 1
    assert "toy-missing: listed in the catalogue but not registered" in capsys.readouterr().err
    assert cli.main(["show", "toy-false", "--catalogue", str(tmp_path / "no.md")]) == 2
    [line] = _err_lines(capsys)
    assert line.endswith(f"catalogue {tmp_path / 'no.md'} does not exist")


# ------------------------------------------------------------------------------------------
# paths: ledger discovery and package data
# ------------------------------------------------------------------------------------------
def test_ledger_is_found_by_walking_up_from_the_working_directory(tmp_path: Path) -> None:
    assert paths.find_checkout(REPO / "proofs" / "engine") == REPO
    assert paths.default_ledger(REPO / "tests") == REPO / "verify" / "verdicts.toml"
    assert paths.find_checkout(tmp_path) is None
    other = tmp_path / "other"
    (other / "verify").mkdir(parents=True)
    (other / "verify" / "verdicts.toml").write_text("")
    (other / "pyproject.toml").write_text('[project]\nname = "not-proofs"\n')
    assert paths.find_checkout(other / "verify") is None  # another project's ledger
    (other / "pyproject.toml").write_text('[project]\nname = "proofs"\n')
    assert paths.find_checkout(other / "verify") == other


def test_catalogue_is_package_data() -> None:
    from importlib.resources import files

    from proofs.claims import CATALOGUE_PATH, catalogue_ids

    assert files("proofs.claims").joinpath("catalogue.md").is_file()
    assert CATALOGUE_PATH.read_text(encoding="utf-8").startswith("#")
    assert "L3.1-value" in catalogue_ids()


# ------------------------------------------------------------------------------------------
# progress
# ------------------------------------------------------------------------------------------
class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_lines_otherwise_nothing_when_quiet() -> None:
    v = decide(toy.FALSE, "ci")
    for stream, quiet, kind in ((_Tty(), False, progress.Bar), (io.StringIO(), False,
                                progress.Lines), (_Tty(), True, progress.Silent)):
        with progress.progress(1, quiet, stream) as obs:
            assert isinstance(obs, kind)
            obs.start(toy.FALSE)
            obs.done(v)
        text = stream.getvalue()
        if kind is progress.Silent:
            assert text == ""
        else:
            assert re.search(r"toy-false\s+refuted\s+search", text)
        if kind is progress.Bar:
            assert "toy-false:" in text and "claim" in text  # the bar names the claim


# ------------------------------------------------------------------------------------------
# atomic report writes, determinism
# ------------------------------------------------------------------------------------------
def test_write_report_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import proofs.engine.report as report

    v = decide(toy.FALSE, "ci")
    write_report([v], tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert set(before) == {"verdicts.json", "REPORT.md"}

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt  # Ctrl-C while the new report is being written

    monkeypatch.setattr(report.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_report([decide(toy.SYMBOLIC, "ci")], tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temp file left

    real_replace = os.replace
    calls: list[str] = []

    def replace_then_fail(src: str, dst: object) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    monkeypatch.undo()
    monkeypatch.setattr(report.os, "replace", replace_then_fail)
    with pytest.raises(OSError):
        write_report([v], tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["REPORT.md", "verdicts.json"]


def test_artefact_paths_are_written_relative_to_the_report(tmp_path: Path) -> None:
    from proofs.engine.verdict import Verdict

    v = Verdict("x", "ref", "S", "reproduced", "experiment",
                evidence={"artefacts": [str(tmp_path / "figure4.png"), "/elsewhere/f.png"]})
    write_report([v], tmp_path)
    [d] = json.loads((tmp_path / "verdicts.json").read_text())
    assert d["evidence"]["artefacts"] == ["figure4.png", "/elsewhere/f.png"]
    assert v.evidence["artefacts"][0] == str(tmp_path / "figure4.png")  # verdict not mutated


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    dirs = tmp_path_factory.mktemp("a") / "r", tmp_path_factory.mktemp("b") / "r"
    for d in dirs:
        assert cli.main(["report", "-q", "--out", str(d), "--only", *CHEAP]) == 0
    return dirs


TIMING = re.compile(r'("seconds": )[0-9.eE+-]+')


def test_report_twice_is_byte_identical_but_for_timing(two_reports: tuple[Path, Path]) -> None:
    a, b = (TIMING.sub(r"\1T", (d / "verdicts.json").read_text()) for d in two_reports)
    assert a == b
    assert [v["id"] for v in json.loads(a.replace('"seconds": T', '"seconds": 0'))] == [
        "L3.1-value", "L5.3-eq15", "L5.3-eq16"]


# ------------------------------------------------------------------------------------------
# show, from_strings, replay
# ------------------------------------------------------------------------------------------
def _snippet(shown: str) -> str:
    tail = shown.split("Replay the counterexample at 50 digits (Python):\n", 1)[1]
    return "\n".join(line[4:] for line in tail.splitlines())


def _run_snippet(code: str) -> str:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        exec(compile(code, "<snippet>", "exec"), {"__name__": "__snippet__"})
    return buf.getvalue()


def test_show_from_report_with_counterexample_and_a_snippet_that_replays_it(
    two_reports: tuple[Path, Path], capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(REPO)
    assert cli.main(["show", "L3.1-value", "--report", str(two_reports[0])]) == 0
    out = capsys.readouterr().out
    stored = {v["id"]: v for v in json.loads((two_reports[0] / "verdicts.json").read_text())}
    v = stored["L3.1-value"]
    assert "Statement (as printed):" in out and "Reading checked:" in out
    assert "  - theta > 0 (strict)" in out and "  - theta < pi (strict)" in out and "Domain:" in out
    assert "Verdict: refuted (search)" in out
    assert f"source: the report {two_reports[0] / 'verdicts.json'}" in out
    assert "expected (ledger" in out and "DIFFERS" not in out
    assert f"Slack at 50 digits: {v['slack']}" in out  # full precision
    assert "  k = 2" in out and "Corrected by: L3.1-value+fix" in out
    assert "Supports: L3.1-sign" in out and "Notes:" in out
    printed = _run_snippet(_snippet(out))
    assert printed.startswith("confirmed violation: violation confirmed at 50 and 100 digits")
    assert f"slack at 50 digits: {v['slack']}" in printed


def test_show_decide_and_family_snippet(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["show", "L5.3-eq16", "--decide", "--profile", "ci"]) == 0
    out = capsys.readouterr().out
    assert "Verdict: refuted (search)" in out and "source: decided now (profile ci" in out
    assert "confirmed violation:" in _run_snippet(_snippet(out))
    fam = replay_snippet("L5.2-lipschitz", {
        "k": "1", "w_star": ["1.0", "0.0", "0.0"],
        "w1": ["0.99999999999999999999999999999999500000000000000000",
               "9.9999999999999999999999999999999833333333333333333e-17", "0.0"],
        "w2": ["0.99999999999999999999999999999999500000000000000000",
               "-9.9999999999999999999999999999999833333333333333333e-17", "0.0"],
    }, family=True)
    printed = _run_snippet(fam)
    assert "hypotheses hold: True" in printed
    assert "ratio at 100 digits: 1591549430918953.357688837633725138" in printed


def test_show_from_the_ledger_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(REPO / "tests")  # no ./report here: the checkout's ledger
    assert cli.main(["show", "L3.1-value"]) == 0
    out = capsys.readouterr().out
    assert "Verdict: refuted (search)" in out
    assert f"the expected verdict in the ledger {REPO / 'verify' / 'verdicts.toml'}" in out
    assert "Counterexample: not available without a report" in out
    monkeypatch.chdir(tmp_path)  # outside any checkout, no report: still shows the claim
    assert cli.main(["show", "L3.1-value"]) == 0
    out = capsys.readouterr().out
    assert "Verdict: not available" in out and "no ledger" in out and "Statement" in out


def test_show_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert cli.main(["show", "L3.1-valeu"]) == 2
    [line] = _err_lines(capsys)
    assert "unknown claim id 'L3.1-valeu' (closest: L3.1-value" in line
    assert cli.main(["show", "L3.1-value", "--profile", "ci"]) == 2
    assert "--profile applies only with --decide" in _err_lines(capsys)[0]
    assert cli.main(["show", "L3.1-value", "--report", str(tmp_path)]) == 2
    assert "has no verdicts.json" in _err_lines(capsys)[0]
    (tmp_path / "verdicts.json").write_text("{not json")
    assert cli.main(["show", "L3.1-value", "--report", str(tmp_path)]) == 2
    assert "is not valid JSON" in _err_lines(capsys)[0]


def test_from_strings_reads_back_to_strings() -> None:
    with mpmath.workdps(50):
        third = mpmath.mpf(1) / 3
    point = {
        "k": 3, "T": np.int64(7), "x": 0.1, "neg": -2.5e-300, "flag": True, "u0": None,
        "penalty": "l1", "w": np.array([0.1, -0.0, 1e300]), "m": np.array([third, 0.5]),
        "spec": {"n": 2, "v": np.array([1.0, 2.0])}, "grid": np.array([[1.0, 2.0], [3.0, 4.0]]),
    }
    back = from_strings(to_strings(point))
    assert back["k"] == 3 and type(back["k"]) is int and back["T"] == 7
    assert back["x"] == 0.1 and back["neg"] == -2.5e-300 and back["flag"] is True
    assert back["u0"] is None and back["penalty"] == "l1"
    assert back["w"].dtype == float and np.array_equal(back["w"], point["w"])
    assert back["m"].dtype == object and isinstance(back["m"][0], mpmath.mpf)
    with mpmath.workdps(50):
        assert abs(back["m"][0] - third) < mpmath.mpf(10) ** -49  # all 50 digits kept
    assert back["m"][0].context.prec >= 53 and PARSE_DPS > 100
    assert back["spec"]["n"] == 2 and np.array_equal(back["spec"]["v"], [1.0, 2.0])
    assert back["grid"].shape == (2, 2)
    assert to_strings(back) == to_strings(point)


def test_replay_slack_and_printed_constant_claims() -> None:
    v = decide(toy.FALSE, "ci")
    r = replay(toy.FALSE, from_strings(v.counterexample))
    assert r.confirmed and r.slack == confirm(toy.FALSE, {"x": 11.0}).slack
    assert [m.name for m in r.margins] == ["x>=0"] and r.margins[0].holds
    p = decide(toy.PRINTED, "ci")
    rp = replay(toy.PRINTED, from_strings(p.counterexample))
    assert rp.confirmed and rp.slack[50] < 0  # printed constant 5 exceeded
    assert not replay(toy.PRINTED, {"x": 4.0}).confirmed
    with pytest.raises(ValueError, match="only states that a constant C exists"):
        replay(toy.UNBOUNDED, {"x": 1e-3})


def test_show_gives_the_declared_domain_and_the_searched_region_apart() -> None:
    """A claim with declared variables and its own domain text (where its strategy draws) shows
    the declaration as its domain, not the narrower search description (R-ball-angle searches
    d in 2..6; it is stated, and proved, for every d >= 2)."""
    from proofs.claims import claim_set
    from proofs.cli.show import Source, render

    claim = claim_set().by_id()["R-ball-angle"]
    out = render(claim, Source(None, "not decided"), ())
    declared = out.split("Domain (declared):", 1)[1].split("Searched:", 1)[0]
    assert "d integer >= 2" in " ".join(declared.split())
    assert "d in 2..6" in " ".join(out.split("Searched:", 1)[1].split())
