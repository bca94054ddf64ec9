"""The complexity gate: ruff's C901 and PLR0911/0912/0913/0915, with a list of exceptions that only shrinks.

Ruff's limits are in ``[tool.ruff.lint]`` (``max-complexity`` and the ``pylint`` table). Ruff
cannot excuse one function in its config, so the exceptions are a table of their own,
``[tool.viewer.complexity.exceptions]``: each function that may break a rule, with the
rules it breaks and, for each, the measure it had when it was listed, its ceiling. For
``ruff check .`` to stay clean, the files that hold them carry exactly those rules in
``per-file-ignores`` (derived from the table, and checked here against it), so this test,
which runs ruff without them, is the gate for those files. It fails when

- a function breaks a rule and is not listed for it;
- a listed function no longer breaks a rule it is listed for (take it off: the list shrinks);
- a listed function got worse than its ceiling.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
RULES = ("C901", "PLR0911", "PLR0912", "PLR0913", "PLR0915")

# Ruff's messages end with the measure and the limit: "... is too complex (22 > 15)".
_MEASURE = re.compile(r"\((\d+) > \d+\)\s*$")

Measures = dict[str, dict[str, int]]  # "path::Qual.name" -> {rule: measure}


def _config() -> dict[str, Any]:
    with PYPROJECT.open("rb") as handle:
        return tomllib.load(handle)


def listed_exceptions(config: Mapping[str, Any]) -> Measures:
    """The table ``[tool.viewer.complexity.exceptions]``: function -> {rule: ceiling}."""
    table = config["tool"]["viewer"]["complexity"]["exceptions"]
    return {name: dict(rules) for name, rules in table.items()}


def _qualified_names(source: str) -> dict[int, str]:
    """The line of each function's ``def`` -> its qualified name (``Class.method``, ``outer.inner``)."""
    names: dict[int, str] = {}

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = f"{prefix}{child.name}"
                if not isinstance(child, ast.ClassDef):
                    names[child.lineno] = name
                visit(child, f"{name}.")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return names


def measure(root: Path, paths: Iterable[str] = (".",), config: Path = PYPROJECT) -> Measures:
    """Every function under ``paths`` that breaks one of the rules, with its measure for each.

    Ruff runs with the project's limits and without its ``per-file-ignores`` (which hide the
    listed functions from ``ruff check .``); the names are relative to ``root``.
    """
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "check",
            "--config",
            str(config),
            "--config",
            "lint.per-file-ignores = {}",
            "--select",
            ",".join(RULES),
            "--output-format",
            "json",
            "--exit-zero",
            "--no-cache",
            *paths,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found: Measures = {}
    names_by_file: dict[Path, dict[int, str]] = {}
    for item in json.loads(done.stdout):
        path = Path(item["filename"])
        if path not in names_by_file:
            names_by_file[path] = _qualified_names(path.read_text(encoding="utf-8"))
        row = item["location"]["row"]
        function = names_by_file[path].get(row, f"<line {row}>")
        number = _MEASURE.search(item["message"])
        assert number, f"ruff's message has no measure: {item['message']!r}"
        key = f"{path.relative_to(root).as_posix()}::{function}"
        rules = found.setdefault(key, {})
        rules[item["code"]] = max(rules.get(item["code"], 0), int(number.group(1)))
    return found


def judge(found: Measures, listed: Measures) -> list[str]:
    """What is wrong between the functions that break rules and the list of exceptions."""
    problems: list[str] = []
    for function, rules in sorted(found.items()):
        allowed = listed.get(function, {})
        for rule, value in sorted(rules.items()):
            if rule not in allowed:
                problems.append(
                    f"{function} breaks {rule} ({value}): make it simpler (the exceptions list only shrinks)"
                )
            elif value > allowed[rule]:
                problems.append(f"{function} got worse on {rule}: {value} > its ceiling {allowed[rule]}")
    for function, rules in sorted(listed.items()):
        for rule, ceiling in sorted(rules.items()):
            if rule not in found.get(function, {}):
                problems.append(
                    f"{function} no longer breaks {rule} (ceiling {ceiling}): "
                    "take it off [tool.viewer.complexity.exceptions]"
                )
    return problems


def wanted_file_ignores(listed: Measures) -> dict[str, list[str]]:
    """The complexity rules each file's ``per-file-ignores`` must carry: those of its listed functions."""
    wanted: dict[str, set[str]] = {}
    for function, rules in listed.items():
        wanted.setdefault(function.split("::")[0], set()).update(rules)
    return {path: sorted(rules) for path, rules in sorted(wanted.items())}


def present_file_ignores(config: Mapping[str, Any]) -> dict[str, list[str]]:
    """The complexity rules in ``per-file-ignores``, by pattern."""
    table = config["tool"]["ruff"]["lint"]["per-file-ignores"]
    present = {pattern: sorted(set(codes) & set(RULES)) for pattern, codes in table.items()}
    return {pattern: codes for pattern, codes in sorted(present.items()) if codes}


# --- the gate ---------------------------------------------------------------------------------


def test_only_listed_functions_break_the_complexity_limits_and_none_got_worse() -> None:
    problems = judge(measure(ROOT), listed_exceptions(_config()))
    assert not problems, "\n".join(problems)


def test_the_per_file_ignores_are_exactly_those_of_the_listed_functions() -> None:
    config = _config()
    wanted = wanted_file_ignores(listed_exceptions(config))
    assert present_file_ignores(config) == wanted, "\n".join(
        f'"{path}" = {json.dumps(codes)}' for path, codes in wanted.items()
    )


def test_every_listed_rule_is_one_the_gate_measures() -> None:
    for function, rules in listed_exceptions(_config()).items():
        assert "::" in function, function
        assert set(rules) <= set(RULES), function
        assert all(isinstance(ceiling, int) and ceiling > 0 for ceiling in rules.values()), function


# --- the gate can fail ------------------------------------------------------------------------


def test_judge_names_an_unlisted_function_a_grown_one_and_one_that_needs_no_exception() -> None:
    found = {
        "a.py::new": {"PLR0911": 7},
        "a.py::grown": {"C901": 19, "PLR0912": 14},
        "b.py::Reader.better": {"PLR0912": 13},
    }
    listed = {
        "a.py::grown": {"C901": 18, "PLR0912": 14},
        "b.py::Reader.better": {"PLR0912": 13, "PLR0915": 60},
        "c.py::gone": {"PLR0913": 6},
    }
    assert judge(found, listed) == [
        "a.py::grown got worse on C901: 19 > its ceiling 18",
        "a.py::new breaks PLR0911 (7): make it simpler (the exceptions list only shrinks)",
        "b.py::Reader.better no longer breaks PLR0915 (ceiling 60): "
        "take it off [tool.viewer.complexity.exceptions]",
        "c.py::gone no longer breaks PLR0913 (ceiling 6): take it off [tool.viewer.complexity.exceptions]",
    ]
    assert judge(
        found, {**listed, "a.py::new": {"PLR0911": 7}, "a.py::grown": {"C901": 19, "PLR0912": 14}}
    ) == [
        "b.py::Reader.better no longer breaks PLR0915 (ceiling 60): "
        "take it off [tool.viewer.complexity.exceptions]",
        "c.py::gone no longer breaks PLR0913 (ceiling 6): take it off [tool.viewer.complexity.exceptions]",
    ]


def test_ruff_measures_a_planted_function_by_its_qualified_name(tmp_path: Path) -> None:
    branches = "\n".join(f"        if x == {n}:\n            y += {n}" for n in range(16))
    returns = "\n".join(f"    if x == {n}:\n        return {n}" for n in range(8))
    (tmp_path / "planted.py").write_text(
        f"class Planted:\n    def tangled(self, x: int) -> int:\n        y = 0\n{branches}\n        return y\n\n\n"
        f"def many(a, b, c, d, e, f, g):\n    x = a\n{returns}\n    return -1\n\n\n"
        "def plain(x: int) -> int:\n    return x + 1\n",
        encoding="utf-8",
    )
    found = measure(tmp_path)
    assert found == {
        "planted.py::Planted.tangled": {"C901": 17, "PLR0912": 16},
        "planted.py::many": {"PLR0911": 9, "PLR0913": 7},
    }
    assert judge(found, {}) and not judge(found, found)


@pytest.mark.parametrize("rule", RULES)
def test_ruff_check_itself_runs_every_rule_of_the_gate(rule: str) -> None:
    lint = _config()["tool"]["ruff"]["lint"]
    assert any(rule.startswith(prefix) for prefix in lint["select"])
    assert not any(rule.startswith(prefix) for prefix in lint["ignore"])


def _as_toml(found: Measures) -> str:
    """The measured functions as the lines of the exceptions table (to read beside the listed ones)."""
    lines = []
    for function, rules in sorted(found.items()):
        inner = ", ".join(f"{rule} = {value}" for rule, value in sorted(rules.items()))
        lines.append(f'"{function}" = {{ {inner} }}')
    lines.append("")
    lines.extend(f'"{path}" = {json.dumps(codes)}' for path, codes in wanted_file_ignores(found).items())
    return "\n".join(lines)


if __name__ == "__main__":
    # python -m tests.test_complexity: what the gate measures now, in the table's own form.
    print(_as_toml(measure(ROOT)))
