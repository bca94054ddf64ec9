"""Headless commands: ``python -m viewer extract PATH... [--no-entities] [--jobs N] [--engine dask]``,
``export``, ``import``, ``bench NAME``, ``train [NAME ...]``.

Output is JSON Lines on stdout as ``../shared/eval/SCHEMA.md`` specifies; errors go to
stderr, one line per bad file or record. Exit status 0 when every input was read, 1 when
any failed, 2 for bad arguments. ``python -m viewer fuzz TARGET --examples N`` runs the fuzzing
harness (:mod:`benchmarks.fuzz`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from viewer.core.batch import Encoded

BENCHMARKS = ("quotes", "entities", "ui", "corpus", "html", "speakers", "groups", "scale", "kill", "types")


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
    _engine_arguments(extract)
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
    _engine_arguments(export)
    imports = sub.add_parser(
        "import",
        help="fill a folder's store from extract output made elsewhere, for the window to open at once",
        description="Reads ANALYSIS files (the JSON Lines of `extract`, made on a cluster say) into the store "
        "the window uses for PATHs: articles, quotes and entities with their provenance, quotes grouped. "
        "Opening PATHs then shows them without analysing again. An analysis by another extractor version "
        "is kept but marked: the window analyses those files again.",
    )
    imports.add_argument("analyses", nargs="+", metavar="ANALYSIS", help="extract output (JSON Lines)")
    imports.add_argument(
        "--for",
        dest="for_paths",
        nargs="+",
        metavar="PATH",
        help="the folder or files the window will open (default: the one file analysed, or the folder "
        "holding every analysed file)",
    )
    imports.add_argument("--store", metavar="DIR", help="the stores' folder (default: the user's cache)")
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
    from viewer.train.cli import add_arguments

    train = sub.add_parser(
        "train",
        help="rebuild the shipped models from an annotated corpus (or score them by cross-validation)",
        description="train [NAME ...] rebuilds the learned models (default: all) from the annotated attribution "
        "corpus in --data; --cross-validate K scores them out of fold instead.",
    )
    add_arguments(train)
    # Listed here for --help; main() hands everything after "fuzz" to the harness's own parser.
    sub.add_parser(
        "fuzz", help="fuzz the readers and rules: fuzz TARGET --examples N (fuzz --help)", add_help=False
    )
    return parser


def _engine_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where to read and analyse: on this machine (--jobs processes; the default), or on a Dask "
        "cluster (the same output; needs the cluster extra)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: the scheduler of a running cluster (tcp://host:8786); without it, a "
        "cluster of --jobs worker processes on this machine",
    )


def _dask_missing() -> str | None:
    """Why --engine dask cannot run here (Dask is not installed), or None."""
    import importlib.util

    if importlib.util.find_spec("distributed") is None:
        return (
            "--engine dask needs Dask's distributed scheduler, which is not installed: "
            'pip install "article-viewer[cluster]" (in a checkout: pip install -e ".[cluster]")'
        )
    return None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def extract(
    paths: Sequence[str],
    *,
    with_entities: bool,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
) -> int:
    """Write every article under ``paths`` as JSON Lines on stdout; the exit status."""
    from viewer.core.batch import extract_lines

    if engine == "dask":
        return _on_cluster(paths, with_entities=with_entities, jobs=jobs, scheduler=scheduler)
    return _write_lines(extract_lines(paths, with_entities, jobs))


def _on_cluster(paths: Sequence[str], *, with_entities: bool, jobs: int, scheduler: str | None) -> int:
    from viewer.core import cluster
    from viewer.core.batch import lines_of, work_units

    try:
        with cluster.connect(scheduler, jobs) as client:
            threads = cluster.check_workers(client, paths)
            done = cluster.results_on_cluster(
                client, work_units(paths), with_entities, window=cluster.WINDOW_PER_THREAD * threads
            )
            return _write_lines(lines_of(done, with_entities))
    except cluster.ClusterUnavailable as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


def _write_lines(lines: Iterable[Encoded]) -> int:
    failed = False
    notes_said: set[str] = set()
    out = sys.stdout
    for line, error, notes in lines:
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

    if args.engine == "dask":
        from viewer.core.cluster import ClusterUnavailable

        unavailable: tuple[type[Exception], ...] = (OSError, StoreUnavailable, ClusterUnavailable)
    else:
        unavailable = (OSError, StoreUnavailable)

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
                engine=args.engine,
                scheduler=args.scheduler,
            )
    except unavailable as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(f"{count} {args.what[:-1] if count == 1 else args.what} rows written", file=sys.stderr)
    return 0


def _import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from viewer.core.corpus.analysis_import import BadAnalysis, default_target, import_analysis
    from viewer.core.corpus.store import StoreUnavailable, open_store, store_path

    try:
        targets = args.for_paths or default_target(args.analyses)
        db = store_path(targets, Path(args.store) if args.store else None)
        with open_store(db) as store:
            summary = import_analysis(args.analyses, store, targets)
    except (OSError, StoreUnavailable, BadAnalysis) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    opened = " ".join(targets)
    print(
        f"{summary.articles:,} articles ({summary.failures:,} unreadable) of {summary.files:,} files imported "
        f"for {opened}; open it with: python main.py {opened}",
        file=sys.stderr,
    )
    if summary.other_version:
        versions = ", ".join(sorted(summary.versions))
        print(
            f"note: {summary.other_version:,} articles were analysed by another extractor ({versions}; this is "
            f"{_extractor()}): kept and marked, the window analyses them again",
            file=sys.stderr,
        )
    if summary.outside:
        print(
            f"note: {summary.outside:,} articles of files not under {opened} were not imported",
            file=sys.stderr,
        )
    if summary.missing:
        print(
            f"note: {len(summary.missing):,} analysed files are not on this machine (not imported), "
            f"e.g. {sorted(summary.missing)[0]}",
            file=sys.stderr,
        )
    if summary.unanalysed:
        print(
            f"note: {summary.unanalysed:,} files under {opened} have no analysis: the window reads and "
            "analyses them",
            file=sys.stderr,
        )
    return 0 if summary.files else 1


def _extractor() -> str:
    from viewer.core.corpus.store import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


_NOT_IN_PACKAGE = (
    "error: the benchmarks run from a checkout of the repository (its benchmarks/ folder); "
    "they are not part of the installed package"
)


def _benchmark(name: str) -> ModuleType | None:
    """The benchmark ``name`` from the checkout this package runs from (beside ``viewer/``);
    None when the package is installed (benchmarks are not part of it)."""
    import importlib
    from pathlib import Path

    import viewer

    checkout = Path(viewer.__file__).resolve().parent.parent
    if not (checkout / "pyproject.toml").is_file() or not (checkout / "benchmarks" / "__init__.py").is_file():
        return None
    if sys.path[:1] != [str(checkout)]:
        sys.path.insert(0, str(checkout))
    return importlib.import_module(f"benchmarks.{name}")


def _fuzz(argv: Sequence[str]) -> int:
    try:
        fuzz = _benchmark("fuzz")
    except ModuleNotFoundError as err:
        if err.name != "hypothesis":
            raise
        print("error: the fuzz command needs hypothesis: pip install -e '.[test]'", file=sys.stderr)
        return 2
    if fuzz is None:
        print(_NOT_IN_PACKAGE, file=sys.stderr)
        return 1
    return int(fuzz.main(argv))


def _bench(args: argparse.Namespace) -> int:
    module = _benchmark(args.name or "corpus")
    if module is None:
        print(_NOT_IN_PACKAGE, file=sys.stderr)
        return 1
    extra = ["--quick"] if args.quick else []
    if args.no_groups:
        extra.append("--no-groups")
    return int(module.main([*extra, *args.args]))


def _train(args: argparse.Namespace) -> int:
    from viewer.train.cli import run

    return run(args)


def _extract(args: argparse.Namespace) -> int:
    try:
        return extract(
            args.paths,
            with_entities=not args.no_entities,
            jobs=args.jobs,
            engine=args.engine,
            scheduler=args.scheduler,
        )
    except BrokenPipeError:
        return 1


#: What each command runs, given its parsed arguments.
_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "bench": _bench,
    "export": _export,
    "import": _import,
    "train": _train,
    "extract": _extract,
}


def _engine_error(args: argparse.Namespace) -> str | None:
    """What is wrong with a command's ``--engine`` and ``--scheduler``, if anything."""
    if args.command not in ("export", "extract"):
        return None
    if args.engine == "dask":
        return _dask_missing()
    if args.scheduler is not None:
        return "--scheduler goes with --engine dask"
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["fuzz"]:
        return _fuzz(argv[1:])
    args = _build_parser().parse_args(argv)
    error = _engine_error(args)
    if error is not None:
        print(f"error: {error}", file=sys.stderr)
        return 2
    command = _COMMANDS.get(args.command)
    return command(args) if command is not None else 2


if __name__ == "__main__":
    sys.exit(main())
