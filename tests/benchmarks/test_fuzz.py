"""A short fuzz in CI: every target of the harness for a few hundred examples, the same
invariants as the long runs (``python -m viewer fuzz all --examples 1000000``); and the
harness's own checks shown to fail on planted faults."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from benchmarks import fuzz
from benchmarks.fuzz import Context, Target, check_article, check_quotes, run_target
from viewer.__main__ import main as cli
from viewer.core.model import Article, Figure, Quote, Span

#: Examples per target: about 3,500 in all, ~25 s of processor time on the 2-core machine.
SHORT_RUN = {
    "text": 300,
    "html": 100,
    "json": 200,
    "jsonl": 200,
    "captions": 800,
    "quotes": 300,
    "search": 800,
    "cite": 800,
    "deep": 12,
}


@pytest.mark.parametrize(("target", "examples"), SHORT_RUN.items(), ids=list(SHORT_RUN))
def test_a_short_fuzz_finds_nothing(target: str, examples: int, tmp_path: Path) -> None:
    # Twice the harness's bounds on processor time: CI machines are slower and busier.
    [tally] = fuzz.fuzz([target], examples=examples, seed=20, out=tmp_path, bound_scale=2)
    report = "\n".join(f"{f.kind}: {f.message}\n  {f.example}\n  saved: {f.saved}" for f in tally.findings)
    assert not tally.findings, report
    assert tally.examples == examples


def test_every_reader_format_has_a_target() -> None:
    from viewer.core.readers import SUFFIXES

    assert set(SUFFIXES.values()) <= set(fuzz.targets())


def test_the_fuzz_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli(["fuzz", "--list"]) == 0
    assert "search" in capsys.readouterr().out
    assert cli(["fuzz", "search", "--examples", "30", "--seed", "3", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "search" in out and "30 examples" in out and "0 found" in out


# --- the checks can fail ----------------------------------------------------------------------


def test_a_planted_caption_left_in_the_body_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from viewer.core import captions

    monkeypatch.setattr(captions, "split_caption_credit", lambda _line: None)
    monkeypatch.setattr(captions, "split_caption_run", lambda _line: None)
    [tally] = fuzz.fuzz(["text"], examples=200, seed=1, out=tmp_path)
    assert tally.findings
    for finding in tally.findings:
        assert finding.kind == "failure" and "stayed in the body" in finding.message
        assert finding.saved is not None and finding.saved.suffix == ".txt" and finding.saved.exists()


def test_an_exception_escaping_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from viewer.core.corpus import search

    def broken(text: str) -> search.Query:
        if "speaker:" in text:
            raise ValueError("planted")
        return search.Query(())

    monkeypatch.setattr(search, "parse_query", broken)
    [tally] = fuzz.fuzz(["search"], examples=300, seed=1, out=tmp_path)
    assert tally.findings
    for finding in tally.findings:
        assert finding.kind == "failure" and "ValueError: planted" in finding.message
        assert "speaker:" in finding.example


def _spin(_ctx: Context, _value: object) -> int:
    end = time.process_time() + 0.3
    while time.process_time() < end:
        pass
    return 0


def test_a_hang_is_stopped_and_a_slow_input_reported(tmp_path: Path) -> None:
    import hypothesis.strategies as st

    spinning = Target("spin", "spins", lambda _c: st.integers(), _spin, lambda _c, _v, _r: None, 0.01, 1.0)
    ctx = Context(tmp_path / "work", [])
    hang = run_target(spinning, ctx, examples=3, seconds=60, seed=0, out=tmp_path)
    assert [f.kind for f in hang.findings] == ["hang"] * fuzz.MAX_SLOW_SAVED
    slow = run_target(spinning, ctx, examples=2, seconds=60, seed=0, out=tmp_path, bound_scale=10)
    assert slow.examples == 2 and [f.kind for f in slow.findings] == ["slow", "slow"]
    assert slow.slowest >= 0.3


def test_a_second_reading_that_differs_is_found(tmp_path: Path) -> None:
    import hypothesis.strategies as st

    calls = iter(range(10**6))
    changing = Target(
        "changing",
        "gives another answer each time",
        lambda _c: st.integers(),
        lambda _c, _v: next(calls),
        lambda _c, _v, _r: None,
        1.0,
        1.0,
    )
    found = run_target(changing, Context(tmp_path, []), examples=5, seconds=60, seed=0, out=tmp_path).findings
    assert found and {f.message for f in found} == {"Broken: reading again gave another result"}


def test_the_article_and_quote_checks_fail_on_broken_records() -> None:
    with pytest.raises(fuzz.Broken, match="control character"):
        check_article(Article("a.txt", "text", "Title", ("Bell\x07",)))
    with pytest.raises(fuzz.Broken, match="out of place"):
        check_article(Article("a.txt", "text", "Title", ("One.",), (Figure("A dog.", None, 3),)))
    with pytest.raises(fuzz.Broken, match="outside its paragraph"):
        check_quotes([Quote("dog", None, None, (Span(0, 4, 40),))], ("A dog barks.",))
    with pytest.raises(fuzz.Broken, match="is not its spans'"):
        check_quotes([Quote("cat", None, None, (Span(0, 2, 5),))], ("A dog barks.",))


def test_the_fuzz_command_says_when_hypothesis_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    import benchmarks

    monkeypatch.setitem(sys.modules, "hypothesis", None)  # as if not installed
    monkeypatch.delitem(sys.modules, "benchmarks.fuzz")
    monkeypatch.delattr(benchmarks, "fuzz")
    assert cli(["fuzz", "--list"]) == 2
    assert "the fuzz command needs hypothesis" in capsys.readouterr().err
