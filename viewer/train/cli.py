"""``python -m viewer train [NAME ...] [--data DIR] [--out DIR] [--cross-validate K]``.

Rebuilds the shipped models from an annotated attribution corpus (PolNeAR's train split in
the shape ``../shared/eval/data`` keeps it). Each model is an entry of :data:`MODELS`: a name,
what it decides, how to train it into a folder and how to score it by cross-validation. With
no NAME every model is rebuilt.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

__all__ = ["MODELS", "Model", "add_arguments", "default_data", "run"]

#: Where the models ship: the package's own folder.
PACKAGE_MODELS = Path(__file__).resolve().parent.parent / "core" / "quotes" / "models"


@dataclass(frozen=True, slots=True)
class Model:
    """One trainable model: ``train(data, out, log, limit)`` writes it into folder ``out``;
    ``cross_validate(data, k, log, limit)`` scores it out of fold and returns the report."""

    name: str
    decides: str
    train: Callable[[Path, Path, TextIO, int], None]
    cross_validate: Callable[[Path, int, TextIO, int], None]


def _reported() -> Model:
    from viewer.train import reported_cli

    return Model("reported", "reported speech and mixed quotes: what a verb of saying reports",
                 reported_cli.train, reported_cli.cross_validate)  # fmt: skip


def _speakers() -> Model:
    from viewer.train import speakers

    return Model("speakers", "who said each quote: the candidate mention a ranker scores best, or nobody",
                 speakers.train, speakers.cross_validate)  # fmt: skip


#: Every model, by name (a function each, so that nothing heavy is imported before it runs).
#: The speaker ranker learns from the analysis the reported labeller gives: it comes after it.
MODELS: dict[str, Callable[[], Model]] = {"reported": _reported, "speakers": _speakers}


def default_data() -> Path:
    """The evaluation data beside the project (``../shared/eval/data``), when it is there."""
    return Path("..") / "shared" / "eval" / "data"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"models to build: {', '.join(MODELS)} (default: all)"
    )
    parser.add_argument(
        "--data", type=Path, default=None, help="the annotated corpus' folder (default ../shared/eval/data)"
    )
    parser.add_argument(
        "--out", type=Path, default=PACKAGE_MODELS, help="where to write the models (default: the package's)"
    )
    parser.add_argument(
        "--cross-validate",
        type=int,
        default=0,
        metavar="K",
        help="score each model out of fold on K folds of the articles instead of building it",
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")


def run(args: argparse.Namespace, out: TextIO | None = None) -> int:
    out = out if out is not None else sys.stdout  # the stream of the moment, not of import time
    names: Sequence[str] = args.names or list(MODELS)
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        print(f"error: no model named {', '.join(unknown)} (known: {', '.join(MODELS)})", file=sys.stderr)
        return 2
    data = args.data if args.data is not None else default_data()
    if not data.is_dir():
        print(f"error: no training data at {data} (give --data DIR)", file=sys.stderr)
        return 2
    if args.cross_validate == 1 or args.cross_validate < 0:
        print("error: --cross-validate needs 2 folds or more", file=sys.stderr)
        return 2
    for name in names:
        model = MODELS[name]()
        try:
            if args.cross_validate:
                model.cross_validate(data, args.cross_validate, out, args.limit)
            else:
                model.train(data, args.out, out, args.limit)
        except (OSError, ValueError, RuntimeError) as err:
            print(f"error: {name}: {err}", file=sys.stderr)
            return 1
    return 0
