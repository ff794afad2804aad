"""Command line: ``statkmeans kmeans``, ``statkmeans report`` and ``statkmeans datasets``.

``statkmeans kmeans data.csv --centers 3 --nstart 25 --seed 1`` prints what R
prints for ``set.seed(seed); print(kmeans(x, centers, ...))``.
``statkmeans report data.csv --out report.html`` writes the HTML report of
:func:`statkmeans.report`; bad input gives one line on standard error and
exit status 2.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["main"]


def _read_data(args: argparse.Namespace) -> pd.DataFrame:
    import pandas as pd

    from .datasets import load_dataset

    if args.dataset is not None:
        if args.file is not None:
            raise SystemExit("statkmeans: give either a CSV file or --dataset, not both")
        frame = load_dataset(args.dataset)
        label = args.dataset
    elif args.file is not None:
        try:
            frame = pd.read_csv(args.file)
        except (OSError, ValueError) as exc:
            raise SystemExit(f"statkmeans: cannot read {args.file}: {exc}") from None
        first = frame.columns[0]
        # R's write.csv writes row names as a first column with an empty header
        if args.row_names or str(first) == "" or str(first).startswith("Unnamed: 0"):
            frame = frame.set_index(first)
            frame.index.name = None
        label = args.file
    else:
        raise SystemExit("statkmeans: give a CSV file or --dataset NAME (see --help)")
    if args.columns:
        wanted = [c.strip() for c in args.columns.split(",") if c.strip()]
        missing = [c for c in wanted if c not in frame.columns]
        if missing:
            raise SystemExit(
                f"statkmeans: no column(s) {missing} in {label}; it has {list(frame.columns)}"
            )
        frame = frame[wanted]
    else:
        bad = [str(c) for c, dt in frame.dtypes.items() if dt.kind not in "biuf"]
        if bad:
            numeric = [str(c) for c in frame.columns if str(c) not in bad]
            raise SystemExit(
                f"statkmeans: {label} has non-numeric column(s) {bad}; choose the columns to "
                f"cluster, e.g. --columns {','.join(numeric)}"
            )
    return frame


def _kmeans(args: argparse.Namespace) -> int:
    from . import kmeans, set_seed
    from .exceptions import StatKMeansError
    from .scale import scale

    frame = _read_data(args)
    if args.scale:
        frame = scale(frame)
    if args.seed is not None:
        set_seed(args.seed)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            km = kmeans(frame, args.centers, iter_max=args.iter_max, nstart=args.nstart,
                        algorithm=args.algorithm, trace=args.trace)
    except StatKMeansError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(str(km))
    for w in caught:
        print(f"Warning message:\n{w.message}", file=sys.stderr)
    if args.save_clusters:
        import numpy as np
        import pandas as pd

        from ._validation import is_default_index

        # R's write.csv(data.frame(cluster = km$cluster)): a blank header over the
        # row names, which are 1..n where the data have none
        out = pd.Series(np.asarray(km.cluster), name="cluster",
                        index=getattr(km.cluster, "index", None))
        if is_default_index(out.index):
            out.index = pd.RangeIndex(1, len(out) + 1)
        out.to_csv(args.save_clusters, header=True, index_label="")
    return 0


def _one_line(message: object) -> str:
    return " ".join(str(message).split())


def _report(args: argparse.Namespace) -> int:
    from .datasets import load_dataset
    from .exceptions import StatKMeansError
    from .report import report

    def fail(message: object) -> int:
        print(f"statkmeans report: error: {_one_line(message)}", file=sys.stderr)
        return 2

    if args.file is not None and args.dataset is not None:
        return fail("give a CSV file or --dataset NAME, not both")
    if args.file is None and args.dataset is None:
        hint = ("; put the file before --columns, which takes every name after it"
                if args.columns else " (see statkmeans report --help)")
        return fail(f"give a CSV file or --dataset NAME{hint}")
    columns = None
    if args.columns:
        columns = [c.strip() for part in args.columns for c in part.split(",") if c.strip()]
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if args.dataset is not None:
                source = load_dataset(args.dataset)
                name = args.dataset if args.name is None else args.name
            else:
                source, name = args.file, args.name
            report(source, k=args.k, k_max=args.k_max, columns=columns, scale=args.scale,
                   seed=args.seed, nstart=args.nstart, iter_max=args.iter_max,
                   nboot=args.nboot,
                   row_names=args.row_names, name=name, out=args.out)
    except StatKMeansError as exc:
        return fail(exc)
    counts: dict[str, int] = {}
    for w in caught:
        counts[_one_line(w.message)] = counts.get(_one_line(w.message), 0) + 1
    for message, count in counts.items():
        times = f" ({count} times)" if count > 1 else ""
        print(f"statkmeans report: warning: {message}{times}", file=sys.stderr)
    return 0


def _datasets(_args: argparse.Namespace) -> int:
    from .datasets import list_datasets

    for name, desc in list_datasets().items():
        print(f"{name:10s} {desc}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="statkmeans",
        description="R's k-means workflow with R's numbers.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    km = sub.add_parser(
        "kmeans",
        help="cluster a CSV file or a bundled dataset; prints R's print(kmeans(...))",
        description="As R's  set.seed(SEED); print(kmeans(x, CENTERS, iter.max, nstart, algorithm)).",
    )
    km.add_argument("file", nargs="?", help="CSV file with a header row (R's write.csv row names are kept)")
    km.add_argument("--dataset", help="a bundled dataset instead of a file (see: statkmeans datasets)")
    km.add_argument("--centers", "-k", type=int, required=True, help="number of clusters k")
    km.add_argument("--nstart", type=int, default=1, help="random starts (default 1)")
    km.add_argument("--iter-max", type=int, default=10, help="maximum iterations (default 10)")
    km.add_argument("--algorithm", default="Hartigan-Wong",
                    help="Hartigan-Wong (default), Lloyd, Forgy or MacQueen")
    km.add_argument("--seed", type=int, help="as R's set.seed(SEED) before the call")
    km.add_argument("--columns", help="comma-separated columns to cluster (default: all)")
    km.add_argument("--row-names", action="store_true", help="the first CSV column holds row names")
    km.add_argument("--scale", action="store_true", help="cluster scale(x), as R's scale()")
    km.add_argument("--trace", type=int, default=0, help="Hartigan-Wong trace level (0, 1, 2)")
    km.add_argument("--save-clusters", metavar="CSV",
                    help="also write each row's cluster to CSV, by row name (1..n when the "
                         "data have none), as R's write.csv(data.frame(cluster = km$cluster))")
    km.set_defaults(func=_kmeans)

    rep = sub.add_parser(
        "report",
        help="write a self-contained HTML report of a k-means analysis",
        description="Compare k = 1..K_MAX with choose_k (the elbow's knee, average "
                    "silhouette width, gap statistic, Calinski-Harabasz and Davies-Bouldin "
                    "indices), choose k by the gap statistic (or the silhouette when the gap "
                    "says 1; or take --k), and write one HTML file with the data summary, the "
                    "comparison, the fit as R prints it, cluster profiles, silhouette and "
                    "cluster plots, each row's cluster and the R code that reprints it.",
    )
    rep.add_argument("file", nargs="?", help="CSV file with a header row (R's write.csv row "
                     "names are kept)")
    rep.add_argument("--dataset", help="a bundled dataset instead of a file (see: statkmeans "
                     "datasets)")
    rep.add_argument("--out", "-o", required=True, metavar="HTML", help="the report to write")
    rep.add_argument("--row-names", action="store_true",
                     help="the first CSV column holds row names")
    rep.add_argument("--columns", nargs="+", metavar="NAME",
                     help="columns to cluster, space- or comma-separated (default: all "
                          "numeric); give the file before this option")
    rep.add_argument("--scale", action=argparse.BooleanOptionalAction, default=True,
                     help="standardise the columns first, as R's scale() (default: --scale)")
    rep.add_argument("--k-max", type=int, default=10, help="compare k = 1..K_MAX (default 10)")
    rep.add_argument("--k", "-k", type=int, help="the number of clusters (default: chosen by "
                     "the gap statistic, or the silhouette when the gap says 1; see the report)")
    rep.add_argument("--seed", type=int, default=123, help="as R's set.seed(SEED) (default 123)")
    rep.add_argument("--nstart", type=int, default=25, help="random starts per fit (default 25)")
    rep.add_argument("--iter-max", type=int, default=10,
                     help="iterations per kmeans run, R's iter.max (default 10)")
    rep.add_argument("--nboot", type=int, default=100,
                     help="reference sets of the gap statistic (default 100)")
    rep.add_argument("--name", help="what to call the data in the report")
    rep.set_defaults(func=_report)

    ds = sub.add_parser("datasets", help="list the bundled datasets")
    ds.set_defaults(func=_datasets)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``statkmeans`` command."""
    args = _parser().parse_args(argv)
    status: int = args.func(args)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
