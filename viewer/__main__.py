"""Headless commands: ``python -m viewer extract PATH... [--no-entities] [--jobs N]``, ``python -m viewer bench NAME``,
``python -m viewer train MODEL``.

Output is JSON Lines on stdout as ``../shared/eval/SCHEMA.md`` specifies; errors go to
stderr, one line per bad file or record. Exit status 0 when every input was read, 1 when
any failed, 2 for bad arguments.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence

from viewer.core.model import AnalysedArticle, Article, ReadFailure

BENCHMARKS = ("quotes", "entities", "ui", "corpus", "html", "speakers", "groups")
#: The learned models ``train`` rebuilds: name -> the module whose ``main(argv)`` trains it.
TRAINERS = {"speakers": "viewer.train.speakers"}


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m viewer", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    extract = sub.add_parser("extract", help="articles, quotes and entities as JSON Lines on stdout")
    extract.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder (read recursively)")
    extract.add_argument("--no-entities", action="store_true", help="skip named-entity recognition")
    extract.add_argument(
        "--jobs",
        type=_positive,
        default=1,
        metavar="N",
        help="processes to read and analyse with (default 1); the output order does not change",
    )
    export = sub.add_parser(
        "export",
        help="quotes or entities with their provenance, as CSV, JSON Lines or Markdown",
        description="Reads PATHs into their store (only what changed), analyses every article, groups "
        "quotes across articles and writes one row per quote span (or per entity) with where it comes from.",
    )
    export.add_argument("paths", nargs="+", metavar="PATH", help="a file or a folder (read recursively)")
    export.add_argument("--format", choices=("csv", "jsonl", "md"), default="csv")
    export.add_argument("--what", choices=("quotes", "entities"), default="quotes")
    export.add_argument("--output", metavar="FILE", help="where to write (default: standard output)")
    export.add_argument("--no-entities", action="store_true", help="skip named-entity recognition")
    export.add_argument("--jobs", type=_positive, default=1, metavar="N", help="processes to read with")
    export.add_argument("--store", metavar="DIR", help="the stores' folder (default: the user's cache)")
    bench = sub.add_parser(
        "bench",
        help="run a benchmark that prints numbers",
        description="bench NAME runs one benchmark; bench --json [--quick] [--no-groups] runs the corpus benchmark "
        "(everything at once, one JSON object)",
    )
    bench.add_argument("name", nargs="?", choices=BENCHMARKS, help="what to measure")
    bench.add_argument("--json", action="store_true", help="the corpus benchmark's one JSON object")
    bench.add_argument("--quick", action="store_true", help="the corpus benchmark on 10,000 articles")
    bench.add_argument(
        "--no-groups", action="store_true", help="the corpus benchmark without the quote groups' numbers"
    )
    bench.add_argument("args", nargs=argparse.REMAINDER, help="passed on to the benchmark")
    train = sub.add_parser(
        "train",
        help="rebuild a learned model's packaged weights from its training data",
        description="train MODEL rebuilds one model (train MODEL --help: its options)",
    )
    train.add_argument("model", choices=sorted(TRAINERS), help="which model")
    train.add_argument("args", nargs=argparse.REMAINDER, help="passed on to the trainer")
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _items(paths: Sequence[str], with_entities: bool) -> Iterator[AnalysedArticle | ReadFailure]:
    from viewer.core.batch import analyse_batch
    from viewer.core.readers import read_paths

    pending: list[Article] = []
    order: list[Article | ReadFailure] = []

    def flush() -> Iterator[AnalysedArticle | ReadFailure]:
        results = iter(analyse_batch(pending, with_entities))
        for item in order:
            yield next(results) if isinstance(item, Article) else item
        pending.clear()
        order.clear()

    # Batches keep NER batched (fast) while output stays in input order and memory bounded.
    for item in read_paths(paths):
        order.append(item)
        if isinstance(item, Article):
            pending.append(item)
        if len(order) >= 64:
            yield from flush()
    yield from flush()


def extract(paths: Sequence[str], *, with_entities: bool, jobs: int = 1) -> int:
    failed = False
    notes_said: set[str] = set()
    out = sys.stdout
    from viewer.core.batch import encoded, in_parallel

    results = (
        (encoded(item) for item in _items(paths, with_entities))
        if jobs == 1
        else in_parallel(paths, with_entities, jobs)
    )
    for line, error, notes in results:
        if error is not None:
            failed = True
            print(error, file=sys.stderr)
        for note in notes:
            if note not in notes_said:
                notes_said.add(note)
                print(f"note: {note}", file=sys.stderr)
        out.write(line + "\n")
    out.flush()
    return 1 if failed else 0


def _export(args: argparse.Namespace) -> int:
    import contextlib
    from pathlib import Path

    from viewer.core.corpus.store import StoreUnavailable, store_path, temporary_store_path
    from viewer.core.export import export

    db = store_path(args.paths, Path(args.store) if args.store else None)
    try:
        with contextlib.ExitStack() as stack:
            out = (
                stack.enter_context(open(args.output, "w", encoding="utf-8", newline=""))
                if args.output
                else sys.stdout
            )
            count = export(
                args.paths,
                out,
                fmt=args.format,
                what=args.what,
                db=db,
                fallback=temporary_store_path(args.paths),
                with_entities=not args.no_entities,
                jobs=args.jobs,
            )
    except (OSError, StoreUnavailable) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"{count} {args.what[:-1] if count == 1 else args.what} rows written", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    if args.command == "bench":
        import importlib

        module = importlib.import_module(f"viewer.benchmarks.{args.name or 'corpus'}")
        extra = ["--quick"] if args.quick else []
        if args.no_groups:
            extra.append("--no-groups")
        return int(module.main([*extra, *args.args]))
    if args.command == "export":
        return _export(args)
    if args.command == "train":
        import importlib

        return int(importlib.import_module(TRAINERS[args.model]).main(args.args))
    if args.command == "extract":
        try:
            return extract(args.paths, with_entities=not args.no_entities, jobs=args.jobs)
        except BrokenPipeError:
            return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
