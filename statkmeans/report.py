"""A scripted k-means analysis as one self-contained HTML file: :func:`report`.

R has no equivalent (an R user writes the analysis in R Markdown); the
report is the analysis a statistician would script with R's kmeans workflow:
a data summary, the comparison of k = 1..k_max, the chosen fit as R prints
it, cluster sizes and profiles in the original units, the silhouette plot,
the cluster plot and each row's cluster.

How it is built:

* **One stream, one set of fits.** Every random draw comes from one
  :class:`~statkmeans.RStream` seeded with ``seed``; the default stream is
  left alone. The comparison of k is :func:`~statkmeans.choose_k` with all
  its criteria: it fits ``kmeans(x, k, nstart)`` for k = 2..k_max (the fits
  ``clusGap`` makes of the data, drawn first), reads the total within sum
  of squares and its knee, the average silhouette width, the
  Calinski-Harabasz and the Davies-Bouldin indices off those fits, then
  draws the gap statistic's reference sets from the same stream. The
  report's fit for the chosen k is the comparison's own fit; a k above
  k_max is fitted after it, from the same stream.
* **The choice of k is a stated rule, not a vote.** Unless k is given, the
  gap statistic's firstSEmax chooses it, and the largest average
  silhouette width when the gap says 1; the page lists what every
  criterion chose and says plainly when they disagree.
* **Self-contained.** CSS is inline, figures are SVG embedded as ``data:``
  URIs, there is no script, and a Content-Security-Policy meta tag forbids
  the browser to load anything else (``default-src 'none'``).
* **Deterministic.** The same data and arguments give the same bytes except
  one line, ``<p class="timestamp">...``, which is fixed too when the
  ``SOURCE_DATE_EPOCH`` environment variable is set (the reproducible-builds
  convention). Figures are drawn under matplotlib's default style with a
  fixed ``svg.hashsalt`` and no date in their metadata.
* **Progress.** Steps that take more than a second show a progress bar on
  standard error when it is a terminal; nothing otherwise.
"""

from __future__ import annotations

import base64
import datetime
import html
import io
import os
import secrets
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, overload

import attrs
import numpy as np

from ._results import format_column, html_details, html_table, int_list
from ._rstats import quantiles7, r_mean
from ._validation import (
    check_bool,
    check_csv_path,
    check_int,
    check_nboot,
    check_output_path,
    check_report_columns,
    check_report_k,
    check_report_rows,
    check_report_values,
    check_seed,
    is_dataframe,
    is_default_index,
    is_series,
)
from .choose_k import ChooseKResult, choose_k
from .exceptions import InvalidArgumentError, InvalidTypeError, StatKMeansWarning
from .kmeans import KMeansResult, kmeans
from .plots import plot_cluster, plot_silhouette
from .rng import RStream
from .scale import scale as r_scale
from .silhouette import SilhouetteResult, silhouette

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["report"]

DEFAULT_SEED = 123  # factoextra's set.seed(123)
LABEL_LIMIT = 100  # the cluster plot names the points up to this many rows
OPEN_LIMIT = 200  # the membership table is shown unfolded up to this many rows
SVG_SALT = "statkmeans-report"
TIMESTAMP_CLASS = "timestamp"
R_DATASETS = {
    "USArrests": "USArrests",
    "iris": "iris",
    "faithful": "faithful",
    "ruspini": "cluster::ruspini",
}


# -- the data -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Table:
    """The data as read: numeric columns, their names, the row names, what was left out."""

    frame: Any  # DataFrame of the clustered columns (float64), original units
    label: str
    excluded: tuple[str, ...]
    source: str | None  # the CSV path, when read from a file
    row_names_given: bool

    @property
    def row_labels(self) -> list[str]:
        """The row names, or R's row numbers 1..n."""
        if self.row_names_given:
            return [str(v) for v in self.frame.index]
        return [str(i) for i in range(1, len(self.frame) + 1)]


def _read_csv(path: str | os.PathLike[str], row_names: bool) -> Any:
    """A CSV with a header row; R's write.csv row names (an empty first header) are kept."""
    import pandas as pd

    file = check_csv_path(path)
    try:
        frame = pd.read_csv(file)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        message = " ".join(str(exc).split())
        raise InvalidArgumentError(f"cannot read '{file}' as CSV: {message}") from None
    if frame.shape[1] == 0:
        raise InvalidArgumentError(f"'{file}' has no columns; give a CSV file with a header row")
    first = frame.columns[0]
    if row_names or str(first) == "" or str(first).startswith("Unnamed: 0"):
        frame = frame.set_index(first)
        frame.index.name = None
    return frame


def _as_frame(x: Any) -> Any:
    """x as a DataFrame (arrays get R's column names V1..Vp)."""
    import pandas as pd

    if is_dataframe(x):
        return x
    if is_series(x):
        return x.to_frame(name=str(x.name) if x.name is not None else "V1")
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError):
        arr = np.asarray(None)
    if arr.ndim == 1 and arr.dtype.kind in "biuf":
        arr = arr.reshape(-1, 1)
    if arr.ndim != 2:
        raise InvalidTypeError(
            f"'x' must be a CSV file path, a DataFrame or a 2-D array of numbers; got "
            f"{type(x).__name__}"
        )
    return pd.DataFrame(arr, columns=[f"V{j}" for j in range(1, arr.shape[1] + 1)])


def _load(x: Any, columns: Any, row_names: bool, name: str | None, scale: bool,
          k: int | None, k_max: int) -> _Table:
    """Read and check the data: the numeric columns to cluster, complete, enough rows."""
    import pandas as pd

    source = None
    if isinstance(x, (str, os.PathLike)):
        source = os.fsdecode(x)
        frame = _read_csv(x, row_names)
        label = name if name is not None else Path(source).name
    else:
        frame = _as_frame(x)
        label = name if name is not None else "the data"
    names = [str(c) for c in frame.columns]
    numeric = [getattr(dt, "kind", "O") in "biuf" for dt in frame.dtypes]
    chosen = check_report_columns(columns, names, numeric, label)
    positions = [names.index(c) for c in chosen]
    values = np.column_stack([
        frame.iloc[:, j].to_numpy(dtype=np.float64, na_value=np.nan) for j in positions
    ]) if len(frame) else np.empty((0, len(chosen)))
    check_report_values(values, chosen, scale, label)
    check_report_rows(values, k, k_max, label)
    has_names = not is_default_index(frame.index)
    # without row names the index stays 0..n-1, so the fit prints unnamed codes, as R's
    index = pd.Index([str(v) for v in frame.index]) if has_names else pd.RangeIndex(len(frame))
    data = pd.DataFrame(values, index=index, columns=chosen)
    excluded = tuple(c for c, num in zip(names, numeric) if not num) if columns is None else ()
    return _Table(frame=data, label=label, excluded=excluded, source=source,
                  row_names_given=has_names)


# -- the comparison of k --------------------------------------------------------------------------

CRITERION_LABELS = {  # short names, for the table's marks and the lists of agreement
    "wss": "elbow",
    "silhouette": "silhouette",
    "gap": "gap",
    "ch": "CH",
    "db": "DB",
}
GAP_RULE = ("the gap statistic (Tibshirani, Walther and Hastie 2001) with cluster::maxSE's "
            "\"firstSEmax\" rule and SE.factor = 1: the smallest k whose gap is within one "
            "standard error (SE.sim) of the gap at its first local maximum (factoextra's rule "
            "for the gap statistic)")
SIL_RULE = "the largest average silhouette width (Rousseeuw 1987)"
RULE = f"{GAP_RULE}; when that gives k = 1, {SIL_RULE} instead"
NO_VOTE = ("The other criteria are shown beside it and take no part in the choice: no vote is "
           "taken.")
WHY = ("They answer different questions: the average silhouette width and the Davies-Bouldin "
       "index measure how well separated the clusters of one fit are; the Calinski-Harabasz "
       "index weighs the spread between clusters against the spread within them; the gap "
       "statistic measures how much tighter the clusters are than in structureless reference "
       "data; the knee marks where the within sum of squares stops falling faster than it "
       "falls without cluster structure. None of them is the true k.")


@attrs.frozen(kw_only=True)
class _Choice:
    """The k reported, how it was chosen, and what every criterion chose."""

    k: int
    given: bool
    by: str  # what chose it: "given", "gap", "silhouette"
    rule: tuple[str, ...]  # how k was chosen, in words
    picks: tuple[str, ...]  # each criterion's choice, in words
    verdict: tuple[str, ...]  # agreement or disagreement, in words
    disagree: bool


def _pick_lines(result: ChooseKResult) -> tuple[str, ...]:
    """Each criterion's choice, in words, in the order of the criteria."""
    picks = result.n_clusters
    lines = []
    for name in result.criteria:
        k = picks[name]
        if name == "wss":
            head = ("Elbow, the knee of the total within sum of squares (statkmeans' "
                    "find_knee: the k from which log WSS falls along a straight line in log k, "
                    "as without cluster structure, the point before lying clearly above it)")
            if result.knee is None:
                lines.append(f"{head}: not computed (it needs k_max >= 3 and a positive WSS).")
            elif k is None:
                lines.append(f"{head}: none; the curve has no decisive knee.")
            else:
                lines.append(f"{head}: k = {k} (strength {result.knee.strength:.2f}).")
        elif name == "silhouette":
            lines.append(f"Average silhouette width (Rousseeuw 1987), largest: k = {k}.")
        elif name == "gap":
            lines.append(f"Gap statistic, firstSEmax with SE.factor = 1: k = {k}.")
        elif name == "ch":
            lines.append(f"Calinski-Harabasz index (Calinski and Harabasz 1974; "
                         f"fpc::calinhara), largest: k = {k}.")
        else:
            lines.append(f"Davies-Bouldin index (Davies and Bouldin 1979), smallest: k = {k}.")
    return tuple(lines)


def _verdict(result: ChooseKResult, k: int) -> tuple[tuple[str, ...], bool]:
    """Whether the criteria that chose a k agree, said plainly; no vote."""
    picks = result.n_clusters
    chosen = {name: v for name, v in picks.items() if v is not None}
    values = sorted(set(chosen.values()))
    silent = [CRITERION_LABELS[name] for name, v in picks.items() if v is None]
    if len(values) <= 1:
        if not values:
            return ("No criterion chose a k.",), False
        if silent:
            return (f"The criteria that choose a k agree on k = {values[0]} "
                    f"({', '.join(silent)}: no choice).",), False
        return (f"All the criteria agree on k = {values[0]}.",), False
    groups = "; ".join(
        f"k = {v} ({', '.join(CRITERION_LABELS[n] for n, c in chosen.items() if c == v)})"
        for v in values)
    others = [v for v in values if v != k]
    look = (f"Look at the fits for k = {_listed(values, 'and')} (run the report again with "
            f"k = {_listed(others, 'or')}) and say which criterion your choice follows.")
    return (f"The criteria disagree: {groups}. No single k is supported by all of them, and "
            "the report does not count votes.", f"{WHY} {look}"), True


def _listed(values: Sequence[int], conjunction: str) -> str:
    """2, 3 and 4."""
    words = [str(v) for v in values]
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def _choose(result: ChooseKResult, k: int | None) -> _Choice:
    """The k of the report: the one given, else the gap's, else (gap says 1) the silhouette's."""
    picks = result.n_clusters
    sil_k, gap_k = picks["silhouette"], picks["gap"]
    assert sil_k is not None and gap_k is not None
    rule_k = gap_k if gap_k >= 2 else sil_k
    lines = _pick_lines(result)
    if k is not None:
        agree_with = [CRITERION_LABELS[n] for n, v in picks.items() if v == k]
        follows = (f"It is the choice of: {', '.join(agree_with)}." if agree_with
                   else "No criterion picks it; the report shows the fit that was asked for.")
        verdict, disagree = _verdict(result, k)
        rule = (f"k = {k} was given (k= / --k). {follows}",
                f"Without it, the report's rule would give k = {rule_k}: {RULE}.")
        return _Choice(k=k, given=True, by="given", rule=rule, picks=lines, verdict=verdict,
                       disagree=disagree)
    if gap_k >= 2:
        verdict, disagree = _verdict(result, gap_k)
        return _Choice(k=gap_k, given=False, by="gap",
                       rule=(f"k = {gap_k} was chosen by the report's rule: {RULE}. {NO_VOTE}",),
                       picks=lines, verdict=verdict, disagree=disagree)
    verdict, _ = _verdict(result, sil_k)
    rule = (f"The gap statistic chooses k = 1 ({GAP_RULE}): by this criterion the data show no "
            "more cluster structure than uniform reference data.",
            f"A k-means report needs at least two clusters, so, by the report's rule, the fit "
            f"below uses k = {sil_k}, {SIL_RULE}. {NO_VOTE} Treat these clusters as a "
            "partition of the data, not as evidence of distinct groups.")
    return _Choice(k=sil_k, given=False, by="silhouette", rule=rule, picks=lines,
                   verdict=verdict, disagree=True)


# -- progress ----------------------------------------------------------------------------------


class _Progress:
    """A progress bar on a terminal for steps that take more than ``delay`` seconds.

    Nothing is written when the stream is not a terminal (or ``enabled`` is
    False). A thread redraws the bar while a step runs, so a long step shows
    its elapsed time; the bar is erased at the end.
    """

    WIDTH = 24

    def __init__(self, steps: int, *, enabled: bool | None = None, stream: TextIO | None = None,
                 delay: float = 1.0) -> None:
        self.stream = sys.stderr if stream is None else stream
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty()) if callable(isatty) else False
        self.enabled = enabled
        self.steps = steps
        self.delay = delay
        self.done = 0
        self.label = ""
        self.sub_total = 0
        self.sub_done = 0
        self.started = time.monotonic()
        self.shown = False
        self.width = 0
        self.last = ""
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self) -> _Progress:
        if self.enabled:
            self.thread = threading.Thread(target=self._tick, name="statkmeans-progress",
                                           daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self.thread is not None:
            self.thread.join()
        with self.lock:
            if self.shown:
                self.stream.write("\r" + " " * self.width + "\r")
                self.stream.flush()

    @contextmanager
    def step(self, label: str, parts: int = 0) -> Iterator[None]:
        """One step of the report (``parts``: sub-steps counted by :meth:`advance`)."""
        with self.lock:
            self.label, self.sub_total, self.sub_done = label, parts, 0
            self.started = time.monotonic()
            self._draw_if_due()
        yield
        with self.lock:
            self.done += 1
            self._draw_if_due()

    def advance(self) -> None:
        """One sub-step done."""
        with self.lock:
            self.sub_done += 1
            self._draw_if_due()

    def _tick(self) -> None:
        while not self.stop.wait(0.1):
            with self.lock:
                self._draw_if_due()

    def _draw_if_due(self) -> None:
        if not self.enabled or self.stop.is_set():
            return
        elapsed = time.monotonic() - self.started
        if not self.shown and elapsed < self.delay:
            return
        fraction = min(1.0, self.done / max(self.steps, 1))
        filled = int(round(fraction * self.WIDTH))
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        sub = f" {self.sub_done}/{self.sub_total}" if self.sub_total else ""
        line = (f"statkmeans report [{bar}] {min(self.done + 1, self.steps)}/{self.steps} "
                f"{self.label}{sub} ({elapsed:.0f} s)")
        if line == self.last:
            return
        self.last = line
        pad = max(0, self.width - len(line))
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self.width = max(self.width, len(line))
        self.shown = True


# -- figures -------------------------------------------------------------------------------------


def _svg_uri(draw: Callable[[], Figure]) -> str:
    """A figure drawn under matplotlib's default style, as a deterministic SVG data URI."""
    import matplotlib
    import matplotlib.style

    with matplotlib.style.context("default"):
        matplotlib.rcParams.update({"svg.hashsalt": SVG_SALT, "svg.fonttype": "path",
                                    "svg.image_inline": True})
        fig = draw()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "statkmeans"})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _criteria_figure(result: ChooseKResult) -> Figure:
    """ChooseKResult.plot on a figure of its own: three panels above, two below, centred."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(12.0, 7.4))
    grid = fig.add_gridspec(2, 6)
    slots = [grid[0, 0:2], grid[0, 2:4], grid[0, 4:6], grid[1, 1:3], grid[1, 3:5]]
    axes = [fig.add_subplot(slot) for slot in slots[:len(result.criteria)]]
    result.plot(axes=axes)
    fig.subplots_adjust(left=0.07, right=0.98, bottom=0.08, top=0.95, wspace=1.6, hspace=0.38)
    return fig


def _silhouette_figure(sil: SilhouetteResult) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(9.0, 4.2))
    plot_silhouette(sil, ax=fig.subplots())
    fig.subplots_adjust(left=0.08, right=0.88, bottom=0.08, top=0.86)
    return fig


def _cluster_figure(km: KMeansResult, x: Any, labels: bool) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8.5, 6.4))
    geom = ("point", "text") if labels else "point"
    plot_cluster(km, x, ax=fig.subplots(), geom=geom)
    fig.subplots_adjust(left=0.09, right=0.86, bottom=0.08, top=0.93)
    return fig


# -- HTML ----------------------------------------------------------------------------------------

CSS = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; color: #1f2328; background: #fff; margin: 0; line-height: 1.5; }
main { max-width: 1180px; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .25rem;
  border-bottom: 2px solid #4682b4; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p.timestamp { color: #57606a; font-size: .85rem; margin: 0 0 1rem; }
nav { font-size: .9rem; margin: .5rem 0 1rem; }
nav a { margin-right: 1rem; color: #0b5394; text-decoration: none; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.2rem;
  background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .8rem 1.2rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.note { background: #f6f8fa; border-left: 4px solid #4682b4; padding: .5rem 1rem; margin: .8rem 0; }
.warn { background: #fff8c5; border-left: 4px solid #bf8700; padding: .5rem 1rem; margin: .8rem 0; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .9rem;
  font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { padding: .22rem .7rem; border-bottom: 1px solid #d8dee4; text-align: left; }
thead th { border-bottom: 2px solid #8c959f; }
.num { text-align: right; }
tbody tr:nth-child(even) { background: #f6f8fa; }
tr.chosen { background: #ddf4ff !important; font-weight: 600; }
tr.neg td { color: #b3261e; }
pre { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: .7rem 1rem;
  overflow-x: auto; font-size: .8rem; line-height: 1.35; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono",
  monospace; }
figure { margin: .8rem 0 1.2rem; }
figure img { max-width: 100%; height: auto; display: block; }
figcaption { color: #57606a; font-size: .85rem; margin-top: .3rem; }
details > summary { cursor: pointer; font-weight: 600; margin: .4rem 0; }
.scroll { max-height: 32rem; overflow-y: auto; display: inline-block; }
footer { margin-top: 3rem; color: #57606a; font-size: .8rem; }
@media print { nav { display: none; } .scroll { max-height: none; overflow: visible; } }
"""

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def _e(text: object) -> str:
    return html.escape(str(text))


def _p(text: str, css: str | None = None) -> str:
    return f'<p class="{css}">{_e(text)}</p>' if css else f"<p>{_e(text)}</p>"


def _figure(uri: str, alt: str, caption: str) -> str:
    return (f'<figure><img src="{uri}" alt="{_e(alt)}">'
            f"<figcaption>{_e(caption)}</figcaption></figure>")


def _timestamp() -> str:
    """When the report was made: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = None
    if epoch is not None:
        try:
            when = datetime.datetime.fromtimestamp(int(epoch), tz=datetime.timezone.utc)
        except (ValueError, OverflowError, OSError):
            when = None
    if when is None:
        when = datetime.datetime.now(tz=datetime.timezone.utc)
    return when.strftime("%Y-%m-%d %H:%M:%S UTC")


def _r_vector(names: Sequence[str]) -> str:
    return "c(" + ", ".join('"' + n.replace("\\", "\\\\").replace('"', '\\"') + '"'
                            for n in names) + ")"


@attrs.frozen(kw_only=True)
class _Settings:
    k: int | None
    k_max: int
    scale: bool
    seed: int
    nstart: int
    iter_max: int
    nboot: int
    columns_given: bool


R_FUNCTIONS = (  # the two criteria R has no function for, as statkmeans computes them
    "db <- function(x, cl) {  # Davies-Bouldin index, Euclidean (statkmeans' davies_bouldin)",
    "  cen <- rowsum(x, cl) / as.vector(table(cl))",
    "  s <- sapply(1:nrow(cen), function(i)",
    "    mean(sqrt(rowSums(sweep(x[cl == i, , drop = FALSE], 2, cen[i, ])^2))))",
    '  r <- outer(s, s, "+") / as.matrix(dist(cen))',
    "  r[!is.finite(r)] <- 0",
    "  mean(apply(r, 1, max))",
    "}",
    "knee <- function(y) {  # statkmeans' find_knee (min_tail = 3), NA: no decisive knee",
    "  m <- length(y); if (m < 3 || any(y <= 0)) return(NA)",
    "  u <- log(1:m); v <- log(y); mt <- min(3, m - 1)",
    "  ok <- sapply(2:(m - mt + 1), function(c) {",
    "    t <- c:m; fit <- lm(v[t] ~ u[t])",
    "    jump <- v[c - 1] - sum(coef(fit) * c(1, u[c - 1]))",
    "    jump > 0 && jump >= 3 * max(abs(resid(fit))) && v[c - 1] > v[m] &&",
    "      jump >= 0.25 * (v[c - 1] - v[m]) && jump >= 0.05 * (v[1] - v[m])",
    "  })",
    "  if (any(ok)) max(which(ok)) + 1 else NA",
    "}",
)


def _data_section(table: _Table, settings: _Settings) -> str:
    frame = table.frame
    values = frame.to_numpy()
    n, p = values.shape
    stats = ("Min.", "1st Qu.", "Median", "Mean", "3rd Qu.", "Max.", "SD")
    cells: list[list[str]] = []
    for j in range(p):
        col = values[:, j]
        q = quantiles7(col)
        sd = float(np.std(col, ddof=1)) if n > 1 else float("nan")
        cells.append(format_column([q[0], q[1], q[2], r_mean(col), q[3], q[4], sd], 4))
    summary = html_table([(name, [cells[j][i] for j in range(p)]) for i, name in enumerate(stats)],
                         row_names=list(frame.columns), row_header="column",
                         caption="Each column in its original units")
    out = ['<h2 id="data">Data</h2>',
           _p(f"{table.label}: {n} rows, {p} numeric column(s) clustered: "
              f"{', '.join(frame.columns)}."
              + (" Rows are named by the first column." if table.row_names_given
                 else " The rows have no names; they are numbered 1..n."))]
    if table.excluded:
        out.append(_p(f"Left out (not numeric): {', '.join(table.excluded)}. Choose columns "
                      "with columns= / --columns.", "note"))
    out.append(summary)
    sds = np.std(values, axis=0, ddof=1) if n > 1 else np.ones(p)
    if settings.scale:
        out.append(_p(
            "Standardisation: each column was centred on its mean and divided by its standard "
            "deviation before clustering (R's scale(x)), so every column weighs the same in "
            "the Euclidean distances. The fit below prints centres on that standardised scale; "
            "the cluster profiles give them in the original units.", "note"))
    else:
        ratio = float(np.max(sds) / np.min(sds)) if p > 1 and np.min(sds) > 0 else 1.0
        text = ("No standardisation: the columns were clustered in their original units, so a "
                "column with a larger spread weighs more in the distances.")
        if ratio >= 10:
            big = frame.columns[int(np.argmax(sds))]
            small = frame.columns[int(np.argmin(sds))]
            text += (f" Here the standard deviations differ {ratio:.0f}-fold ({big} against "
                     f"{small}): consider standardising (scale=True / --scale).")
        out.append(_p(text, "warn" if ratio >= 10 else "note"))
    return "\n".join(out)


def _comparison_section(result: ChooseKResult, choice: _Choice, settings: _Settings,
                        figure_uri: str) -> str:
    frame = result.to_frame()
    ks = [int(v) for v in frame["k"]]
    picks = result.n_clusters
    marks = []
    for k in ks:
        text = ", ".join(CRITERION_LABELS[name] for name, v in picks.items() if v == k)
        if k == choice.k:
            text = "reported" + (": " + text if text else "")
        marks.append(text)
    table = html_table(
        [("total within SS", format_column(frame["wss"])),
         ("avg. silhouette width", format_column(frame["silhouette"])),
         ("gap", format_column(frame["gap"])),
         ("SE.sim", format_column(frame["gap_se"])),
         ("Calinski-Harabasz", format_column(frame["ch"])),
         ("Davies-Bouldin", format_column(frame["db"])),
         ("chosen by", marks)],
        row_names=[str(k) for k in ks], row_header="k",
        numeric=[True] * 6 + [False],
        row_classes=["chosen" if k == choice.k else "" for k in ks],
        caption=f"Criteria for k = 1..{settings.k_max}")
    box = "warn" if choice.disagree else "note"
    items = "".join(f"<li>{_e(line)}</li>" for line in choice.picks)
    out = ['<h2 id="k">Choosing k</h2>',
           _p(f"statkmeans' choose_k from seed {settings.seed}: one kmeans fit per k = "
              f"2..{settings.k_max} (nstart = {settings.nstart}; the fits cluster::clusGap "
              "makes of the data, drawn first), and from those fits the total within sum of "
              "squares with its knee, the average silhouette width, the Calinski-Harabasz "
              "index (fpc::calinhara) and the Davies-Bouldin index (Euclidean distances to the "
              f"cluster means); then the gap statistic, clusGap with B = {settings.nboot} "
              "uniform reference sets over the data's principal components "
              "(spaceH0 = \"scaledPCA\"), drawn from the same stream. For k = 1 the total "
              "within sum of squares is the total sum of squares, and the silhouette and the "
              "two indices are not defined (NA).")]
    out.append(f'<div class="{box}">' + "".join(_p(r) for r in choice.rule)
               + f"<p>What each criterion chooses:</p><ul>{items}</ul>"
               + "".join(_p(r) for r in choice.verdict) + "</div>")
    out.append(table)
    out.append(_figure(figure_uri, "The five criteria against k: total within sum of squares, "
                       "average silhouette width, gap statistic, Calinski-Harabasz and "
                       "Davies-Bouldin indices",
                       "statkmeans' ChooseKResult.plot, in factoextra's look: each criterion "
                       "against k, dashed at the k it chooses (the elbow panel at its knee, "
                       "when there is one); the gap statistic with gap +/- SE.sim."))
    return "\n".join(out)


def _fit_section(km: KMeansResult, notes: Sequence[tuple[str, str, int]],
                 iter_max: int) -> str:
    out = [f'<h2 id="fit">The fit: k = {km.k}</h2>',
           _p(f"R's print(km) for the fit with k = {km.k}, the best of its random starts "
              "(smallest total within sum of squares):"),
           html_details(f"print(km): {km.n} observations", f"<pre>{_e(str(km).rstrip())}</pre>",
                        open_=km.n <= OPEN_LIMIT)]
    if notes:
        items = "".join(f"<li>{_e(where)}: {_e(message)}"
                        + (f" ({count} times)" if count > 1 else "") + "</li>"
                        for where, message, count in notes)
        state = (f"The reported fit did not converge in iter_max = {iter_max} iterations."
                 if km.ifault == 2 else
                 f"The reported fit converged ({km.iter} iteration(s), iter_max = {iter_max}).")
        out.append(f'<div class="warn"><p>kmeans warned:</p><ul>{items}</ul>'
                   f"{_p(state)}</div>")
    return "\n".join(out)


def _warning_notes(groups: Sequence[tuple[str, Sequence[warnings.WarningMessage]]]
                   ) -> list[tuple[str, str, int]]:
    """The package's warnings of each phase: (phase, message, how often), in order."""
    notes: list[tuple[str, str, int]] = []
    for where, caught in groups:
        counts: dict[str, int] = {}
        for w in caught:
            if issubclass(w.category, StatKMeansWarning):
                message = " ".join(str(w.message).split())
                counts[message] = counts.get(message, 0) + 1
        notes += [(where, message, count) for message, count in counts.items()]
    return notes


def _profile_section(km: KMeansResult, table: _Table, sil: SilhouetteResult,
                     scale: bool) -> str:
    frame = table.frame
    values = frame.to_numpy()
    codes = np.asarray(km.cluster)
    k = km.k
    ids = [str(i) for i in range(1, k + 1)] + ["all"]
    sizes = [int(s) for s in km.size] + [int(len(codes))]
    summary = sil.summary()
    widths = dict(zip((int(c) for c in summary.cluster_ids), summary.clus_avg_widths.tolist()))
    sil_col = [widths.get(c, float("nan")) for c in range(1, k + 1)] + [summary.avg_width]
    withinss = list(np.asarray(km.withinss, dtype=np.float64)) + [km.tot_withinss]
    columns: list[tuple[str, Sequence[str]]] = [
        ("size", format_column(np.array(sizes))),
        ("withinss", format_column(withinss)),
        ("avg. silhouette width", format_column(sil_col)),
    ]
    means = []
    for j, name in enumerate(frame.columns):
        col = values[:, j]
        by = [r_mean(col[codes == c]) if np.any(codes == c) else float("nan")
              for c in range(1, k + 1)]
        means.append((str(name), format_column(by + [r_mean(col)])))
    ratio = 100 * km.betweenss / km.totss if km.totss else float("nan")
    return "\n".join([
        '<h2 id="profiles">Cluster sizes and profiles</h2>',
        _p(f"between_SS / total_SS = {ratio:.1f} %: the share of the total sum of squares "
           f"of the {'standardised' if scale else 'clustered'} data that lies between the "
           "clusters."),
        html_table(columns, row_names=ids, row_header="cluster",
                   row_classes=[""] * k + ["chosen"],
                   caption="Size and fit of each cluster"),
        html_table(means, row_names=ids, row_header="cluster", row_classes=[""] * k + ["chosen"],
                   caption="Cluster means in the original units"),
        _p("The means of each column by cluster (R: aggregate(x, list(cluster = "
           "km$cluster), mean) on the data before standardising); the last row, all, is the "
           "mean over all rows."),
    ])


def _silhouette_section(sil: SilhouetteResult, table: _Table, uri: str) -> str:
    widths = np.asarray(sil.sil_width)
    negative = np.flatnonzero(widths < 0)
    names = table.row_labels
    out = ['<h2 id="silhouette">Silhouette</h2>',
           _p(f"Average silhouette width {sil.avg_width:.4f} (R's summary(silhouette(km$cluster, "
              "dist(x)))). Widths near 1: the row sits well inside its cluster; near 0: "
              "between two clusters; below 0: nearer, on average, to the neighbouring "
              "cluster.")]
    if len(negative):
        listed = ", ".join(names[i] for i in negative[:20])
        more = f" and {len(negative) - 20} more" if len(negative) > 20 else ""
        out.append(_p(f"{len(negative)} row(s) have a negative width (possibly in the wrong "
                      f"cluster): {listed}{more}.", "warn"))
    out.append(_figure(uri, "Silhouette widths of every row, by cluster",
                       "factoextra's fviz_silhouette: one bar per row, sorted by cluster and "
                       "width; dashed: the average width."))
    return "\n".join(out)


def _cluster_plot_section(uri: str | None, table: _Table, labels: bool) -> str:
    out = ['<h2 id="clusterplot">Cluster plot</h2>']
    if uri is None:
        out.append(_p("A cluster plot needs at least two columns; this analysis clustered one.",
                      "note"))
        return "\n".join(out)
    p = table.frame.shape[1]
    how = ("the two standardised columns" if p == 2
           else "the first two principal components of the standardised data")
    extra = "" if labels else f" Rows are not named in the plot (more than {LABEL_LIMIT})."
    out.append(_figure(uri, "The rows on two dimensions, coloured by cluster",
                       f"factoextra's fviz_cluster: {how}, each cluster's convex hull and its "
                       f"centre (the larger point).{extra}"))
    return "\n".join(out)


def _membership_section(km: KMeansResult, sil: SilhouetteResult, table: _Table) -> str:
    names = table.row_labels
    codes = np.asarray(km.cluster)
    widths = np.asarray(sil.sil_width)
    neighbor = np.asarray(sil.neighbor)
    body = html_table(
        [("cluster", format_column(codes.astype(np.int64))),
         ("neighbor", format_column(neighbor.astype(np.int64))),
         ("silhouette width", format_column(widths, 4))],
        row_names=names, row_header="row",
        row_classes=["neg" if w < 0 else "" for w in widths])
    csv = "row,cluster,neighbor,sil_width\n" + "".join(
        f'"{n.replace(chr(34), chr(34) * 2)}",{int(c)},{int(b)},{float(w)!r}\n'
        for n, c, b, w in zip(names, codes, neighbor, widths))
    uri = "data:text/csv;base64," + base64.b64encode(csv.encode("utf-8")).decode("ascii")
    n = len(names)
    attr = " open" if n <= OPEN_LIMIT else ""
    return "\n".join([
        '<h2 id="membership">Cluster membership</h2>',
        _p("Each row's cluster, its neighbouring cluster (the nearest other one) and its "
           "silhouette width; negative widths in red."),
        f'<p><a download="clusters.csv" href="{uri}">Download as CSV</a></p>',
        f"<details{attr}><summary>{n} rows</summary><div class=\"scroll\">{body}</div></details>",
    ])


def _bundled(table: _Table) -> bool:
    """The data are the bundled dataset the label names (so R has them by that name)."""
    if table.source is not None or table.label not in R_DATASETS:
        return False
    from .datasets import load_dataset

    bundled = load_dataset(table.label)
    cols = list(table.frame.columns)
    if not set(cols) <= {str(c) for c in bundled.columns} or len(bundled) != len(table.frame):
        return False
    values = bundled[cols].to_numpy(dtype=np.float64)
    return bool(np.array_equal(values, table.frame.to_numpy()))


def _reproduce_section(table: _Table, settings: _Settings, k: int) -> str:
    import shlex

    cols = list(table.frame.columns)
    k_max, nstart, nboot, seed = settings.k_max, settings.nstart, settings.nboot, settings.seed
    iters = "" if settings.iter_max == 10 else f"iter.max = {settings.iter_max}, "
    bundled = _bundled(table)
    if table.source is not None:
        source = table.source.replace("\\", "\\\\").replace('"', '\\"')
        read = (f'x <- read.csv("{source}"'
                + (", row.names = 1" if table.row_names_given else "") + ")")
        py_x = repr(table.source)
        cli = [table.source]
        py_label = cli_label = Path(table.source).name
    elif bundled:
        read = f"x <- {R_DATASETS[table.label]}"
        py_x = f"load_dataset({table.label!r})"
        cli = ["--dataset", table.label]
        py_label, cli_label = "the data", table.label
    else:
        read = "x <- <your data frame>"
        py_x = "x"
        cli = []
        py_label = cli_label = "the data"
    lines = ["library(cluster)", "library(fpc)  # calinhara", read,
             f"x <- x[, {_r_vector(cols)}]"]
    lines.append("x <- scale(x)" if settings.scale else "x <- as.matrix(x)")
    lines += [
        f"K <- {k_max}",
        f"set.seed({seed})",
        f"fits <- lapply(1:K, function(k) if (k > 1) kmeans(x, k, {iters}nstart = {nstart}))",
        f"set.seed({seed})  # clusGap fits the data first (the same fits), then B reference sets",
        f"gap <- clusGap(x, kmeans, K.max = K, B = {nboot}, {iters}nstart = {nstart})",
        *R_FUNCTIONS,
        "crit <- data.frame(k = 1:K,",
        "  wss = c(fits[[2]]$totss, sapply(fits[-1], function(f) f$tot.withinss)),",
        "  silhouette = c(NA, sapply(fits[-1], function(f)",
        "    summary(silhouette(f$cluster, dist(x)))$avg.width)),",
        '  gap = gap$Tab[, "gap"], SE.sim = gap$Tab[, "SE.sim"],',
        "  ch = c(NA, sapply(fits[-1], function(f) calinhara(x, f$cluster))),",
        "  db = c(NA, sapply(fits[-1], function(f) db(x, f$cluster))))",
        "print(crit)",
        "c(wss = knee(crit$wss), silhouette = which.max(crit$silhouette),",
        '  gap = maxSE(crit$gap, crit$SE.sim, method = "firstSEmax"),',
        "  ch = which.max(crit$ch), db = which.min(crit$db))",
    ]
    if k <= k_max:
        lines.append(f"km <- fits[[{k}]]")
    else:
        lines.append(f"km <- kmeans(x, {k}, {iters}nstart = {nstart})  # after clusGap's draws")
    lines.append("print(km)")
    args = [py_x]
    options: list[str] = []
    if settings.k is not None:
        args.append(f"k={settings.k}")
        options += ["--k", str(settings.k)]
    args.append(f"k_max={k_max}")
    options += ["--k-max", str(k_max)]
    if settings.columns_given:
        args.append(f"columns={cols!r}")
        options += ["--columns", ",".join(cols)]
    if not settings.scale:
        args.append("scale=False")
        options.append("--no-scale")
    if table.source is not None and table.row_names_given:
        args.append("row_names=True")
        options.append("--row-names")
    args += [f"seed={seed}", f"nstart={nstart}"]
    options += ["--seed", str(seed), "--nstart", str(nstart)]
    if settings.iter_max != 10:
        args.append(f"iter_max={settings.iter_max}")
        options += ["--iter-max", str(settings.iter_max)]
    args.append(f"nboot={nboot}")
    options += ["--nboot", str(nboot)]
    if table.label != py_label:
        args.append(f"name={table.label!r}")
    if table.label != cli_label:
        options += ["--name", table.label]
    args.append('out="report.html"')
    options += ["--out", "report.html"]
    python = ["from statkmeans import load_dataset, report" if bundled
              else "from statkmeans import report", f"report({', '.join(args)})"]
    out = [
        '<h2 id="reproduce">Reproduce</h2>',
        _p("The same analysis in R: statkmeans draws R's random numbers and computes as R "
           "does, so these lines print the criteria, each criterion's choice and the fit "
           "shown above (R 4.2.2, cluster 2.1.4, fpc 2.2.10). R has no function for the "
           "Davies-Bouldin index or the knee; db and knee compute them as statkmeans' "
           "davies_bouldin and find_knee do."),
        f"<pre>{_e(chr(10).join(lines))}</pre>",
        _p("This report, from Python:"),
        f"<pre>{_e(chr(10).join(python))}</pre>",
    ]
    if cli:
        command = " ".join(shlex.quote(a) for a in ["statkmeans", "report", *cli, *options])
        out += [_p("From the command line:"), f"<pre>{_e(command)}</pre>"]
    return "\n".join(out)


def _facts(table: _Table, settings: _Settings, choice: _Choice, km: KMeansResult,
           sil: SilhouetteResult) -> str:
    n, p = table.frame.shape
    how = {"given": "given", "gap": "gap statistic, firstSEmax",
           "silhouette": "largest average silhouette width (the gap statistic chose 1)"}
    rows = [
        ("Data", f"{table.label}: {n} rows, {p} columns clustered"),
        ("Standardised", "yes (R's scale)" if settings.scale else "no (original units)"),
        ("k", f"{choice.k} ({how[choice.by]})"
              + ("; the criteria disagree, see Choosing k" if choice.disagree
                 else "; the criteria agree")),
        ("Cluster sizes", int_list(km.size)),
        ("between_SS / total_SS", f"{100 * km.betweenss / km.totss:.1f} %" if km.totss
         else "NaN"),
        ("Average silhouette width", f"{sil.avg_width:.4f}"),
        ("Settings", f"k = 1..{settings.k_max} compared by five criteria, "
                     f"nstart = {settings.nstart}, "
                     f"iter_max = {settings.iter_max}, B = {settings.nboot}, "
                     f"seed = {settings.seed} (Hartigan-Wong)"),
    ]
    return ('<dl class="facts">' + "".join(f"<dt>{_e(a)}</dt><dd>{_e(b)}</dd>" for a, b in rows)
            + "</dl>")


def _page(title: str, body: Sequence[str]) -> str:
    from . import __version__

    nav = ('<nav><a href="#data">Data</a><a href="#k">Choosing k</a><a href="#fit">Fit</a>'
           '<a href="#profiles">Profiles</a><a href="#silhouette">Silhouette</a>'
           '<a href="#clusterplot">Cluster plot</a><a href="#membership">Membership</a>'
           '<a href="#reproduce">Reproduce</a></nav>')
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="statkmeans {_e(__version__)}">',
        f"<title>{_e(title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="{TIMESTAMP_CLASS}">Generated {_timestamp()} by statkmeans '
        f"{_e(__version__)}</p>",
        nav,
    ]
    return "\n".join(head + list(body) + [_footer(), "</main>", "</body>", "</html>", ""])


def _footer() -> str:
    import matplotlib
    import pandas as pd

    from . import __version__

    return _p(f"statkmeans {__version__} (R 4.2.2's kmeans, cluster 2.1.4's silhouette and "
              f"clusGap, fpc 2.2.10's calinhara, factoextra 1.0.7's plots), numpy "
              f"{np.__version__}, pandas "
              f"{pd.__version__}, matplotlib {matplotlib.__version__}.").replace(
        "<p>", "<footer><p>", 1) + "</footer>"


# -- writing -----------------------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path``, then rename it: no partial file is left."""
    tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        raise InvalidArgumentError(
            f"cannot write the report to '{path}': {exc.strerror or exc}; choose a writable path"
        ) from None
    finally:
        if tmp.exists():
            tmp.unlink()


# -- the public function ---------------------------------------------------------------------------


@overload
def report(x: Any, k: int | None = ..., k_max: int = ..., *, columns: Sequence[str] | None = ...,
           scale: bool = ..., seed: int = ..., nstart: int = ..., iter_max: int = ...,
           nboot: int = ...,
           row_names: bool = ..., name: str | None = ..., out: None = ...,
           progress: bool | None = ..., n_threads: int | None = ...) -> str: ...


@overload
def report(x: Any, k: int | None = ..., k_max: int = ..., *, columns: Sequence[str] | None = ...,
           scale: bool = ..., seed: int = ..., nstart: int = ..., iter_max: int = ...,
           nboot: int = ...,
           row_names: bool = ..., name: str | None = ..., out: str | os.PathLike[str],
           progress: bool | None = ..., n_threads: int | None = ...) -> Path: ...


def report(x: Any, k: int | None = None, k_max: int = 10, *,
           columns: Sequence[str] | None = None, scale: bool = True, seed: int = DEFAULT_SEED,
           nstart: int = 25, iter_max: int = 10, nboot: int = 100, row_names: bool = False,
           name: str | None = None, out: str | os.PathLike[str] | None = None,
           progress: bool | None = None, n_threads: int | None = None) -> str | Path:
    """A k-means analysis as one self-contained HTML page.

    The page holds: a summary of the data and how they were standardised;
    the comparison of k = 1..k_max by :func:`~statkmeans.choose_k` (the
    elbow with its knee, the average silhouette width, the gap statistic
    with its standard errors, the Calinski-Harabasz and Davies-Bouldin
    indices: a table and one panel each) with the rule that chose k, what
    every criterion chose and whether they disagree; the chosen fit
    as R prints it; cluster sizes and profiles (means in the original
    units); the silhouette plot; the cluster plot; each row's cluster (also
    as a CSV download); and the R and Python code that reproduce it. It
    loads nothing from elsewhere (inline CSS, SVG figures as ``data:`` URIs,
    no script) and is the same, byte for byte, for the same arguments,
    except one timestamp line.

    Parameters
    ----------
    x : str or path-like, DataFrame or array-like of shape (n, p)
        A CSV file with a header row (R's ``write.csv`` row names, an empty
        first header, are kept as row names), or the data. Numeric columns
        are clustered (others are left out, and the report says so) unless
        ``columns`` names them. Missing values are errors.
    k : int, optional
        The number of clusters, at least 2. Default: chosen from the
        comparison, by the gap statistic (``max_se``'s "firstSEmax",
        SE.factor 1, as factoextra); when that gives 1, by the largest
        average silhouette width, which the report then says. The other
        criteria are reported beside it and never outvote it.
    k_max : int, default=10
        Compare k = 1..k_max; the data need more than k_max rows and at
        least k_max distinct rows.
    columns : sequence of str, optional
        The columns to cluster (all numeric). Default: every numeric column.
    scale : bool, default=True
        Standardise the columns first (R's ``scale(x)``).
    seed : int, default=123
        Seed of the random stream every fit draws from (R's ``set.seed``).
        The package's default stream is not touched.
    nstart : int, default=25
        Random starts of each kmeans fit (also inside the gap statistic).
    iter_max : int, default=10
        Iterations allowed to each kmeans run (R's ``iter.max``); raise it when
        the report lists "did not converge" warnings.
    nboot : int, default=100
        Reference data sets of the gap statistic (clusGap's B), at least 2.
    row_names : bool, default=False
        For a CSV file: the first column holds the row names.
    name : str, optional
        What to call the data in the report; default the file's name, or
        "the data". A bundled dataset's name (e.g. "USArrests") also gives
        the R code its data line.
    out : str or path-like, optional
        Write the report here (via a temporary file in the same directory,
        renamed when complete) and return the path; default return the HTML.
    progress : bool, optional
        Show a progress bar on standard error for steps over a second.
        Default: when standard error is a terminal.
    n_threads : int, optional
        Threads for the fits (see :func:`~statkmeans.kmeans`); the results do
        not depend on it.

    Returns
    -------
    str or pathlib.Path
        The HTML text, or the path written when ``out`` is given.

    Raises
    ------
    InvalidArgumentError
        A missing or unreadable CSV file, no numeric column, missing values,
        a constant column with ``scale=True``, too few (distinct) rows for
        k_max or k, k < 2, an output path in a directory that does not exist
        or cannot be written; nothing is written then.
    InvalidTypeError
        ``x`` that is not a path, a table or a 2-D array; arguments of the
        wrong kind.

    Warns
    -----
    ConvergenceWarning, QuickTransferWarning, EmptyClusterWarning
        From the fits; the report lists them too.

    See Also
    --------
    choose_k, kmeans, silhouette, plot_cluster, plot_silhouette

    Notes
    -----
    R has no equivalent. The same numbers in R: ``set.seed(seed)``, then
    ``kmeans(x, k, nstart = nstart)`` for k = 2..k_max (the fits, with
    ``silhouette``, ``fpc::calinhara`` and a Davies-Bouldin function on
    them); ``set.seed(seed)`` again, then ``clusGap(x, kmeans, K.max =
    k_max, B = nboot, nstart = nstart)``, whose first draws are the same
    fits. A k above k_max is ``kmeans(x, k, nstart = nstart)`` after
    clusGap. The report's last section prints these lines, with R functions
    for the Davies-Bouldin index and the knee, which R lacks.

    The command line: ``statkmeans report DATA.csv --out report.html``.

    Examples
    --------
    >>> from statkmeans import load_dataset, report
    >>> page = report(load_dataset("USArrests"), k_max=4, nstart=5, nboot=10, name="USArrests")
    >>> page.startswith("<!DOCTYPE html>")
    True
    >>> "Cluster membership" in page and "http://" not in page
    True
    """
    k, k_max = check_report_k(k, k_max)
    scale = check_bool(scale, "scale")
    row_names = check_bool(row_names, "row_names")
    seed = check_seed(seed)
    nstart = check_int(nstart, "nstart", minimum=1, maximum=2**31 - 1, r_type="R's integer")
    iter_max = check_int(iter_max, "iter_max", minimum=1, maximum=2**31 - 1,
                         r_type="R's integer")
    nboot = check_nboot(nboot)
    if name is not None and not isinstance(name, str):
        raise InvalidTypeError(f"'name' must be a string; got {type(name).__name__}")
    target = None if out is None else check_output_path(out)
    if progress is not None:
        progress = check_bool(progress, "progress")
    settings = _Settings(k=k, k_max=k_max, scale=scale, seed=seed, nstart=nstart,
                         iter_max=iter_max, nboot=nboot, columns_given=columns is not None)

    with _Progress(5, enabled=progress) as bar, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with bar.step("reading the data"):
            table = _load(x, columns, row_names, name, scale, k, k_max)
            data = r_scale(table.frame) if scale else table.frame
        stream = RStream(seed)
        with bar.step(f"comparing k = 1..{k_max}: kmeans fits (nstart = {nstart}), then "
                      f"the gap statistic's B = {nboot} reference sets"):
            comparison = choose_k(data, k_max, nstart=nstart, B=nboot, rng=stream,
                                  n_threads=n_threads, iter_max=iter_max)
        compared = len(caught)
        choice = _choose(comparison, k)
        with bar.step(f"the fit for k = {choice.k}"):
            km = (comparison.fits[choice.k] if choice.k in comparison.fits
                  else kmeans(data, choice.k, iter_max=iter_max, nstart=nstart, rng=stream,
                              n_threads=n_threads))
            sil = silhouette(km, data=data, n_threads=n_threads)
        fitted = len(caught)
        labels = table.frame.shape[0] <= LABEL_LIMIT
        with bar.step("drawing the figures", 3):
            k_uri = _svg_uri(lambda: _criteria_figure(comparison))
            bar.advance()
            sil_uri = _svg_uri(lambda: _silhouette_figure(sil))
            bar.advance()
            cluster_uri = (_svg_uri(lambda: _cluster_figure(km, data, labels))
                           if table.frame.shape[1] >= 2 else None)
            bar.advance()
        with bar.step("writing the report"):
            notes = _warning_notes([
                (f"comparing k = 1..{k_max} (its fits and the gap statistic's fits of "
                 "reference data)", caught[:compared]),
                (f"fitting k = {choice.k}", caught[compared:fitted]),
            ])
            title = f"k-means clustering of {table.label}"
            page = _page(title, [
                _facts(table, settings, choice, km, sil),
                _data_section(table, settings),
                _comparison_section(comparison, choice, settings, k_uri),
                _fit_section(km, notes, iter_max),
                _profile_section(km, table, sil, scale),
                _silhouette_section(sil, table, sil_uri),
                _cluster_plot_section(cluster_uri, table, labels),
                _membership_section(km, sil, table),
                _reproduce_section(table, settings, choice.k),
            ])
            if target is not None:
                _write(target, page)
    for w in caught:
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return page if target is None else target
