"""A scripted k-means analysis as one self-contained HTML file: :func:`report`.

R has no equivalent (an R user writes the analysis in R Markdown); the
report is the analysis a statistician would script with R's kmeans workflow:
a data summary, the comparison of k = 1..k_max, the chosen fit as R prints
it, cluster sizes and profiles in the original units, the silhouette plot,
the cluster plot and each row's cluster.

How it is built:

* **One stream, one set of fits.** Every random draw comes from one
  :class:`~statkmeans.RStream` seeded with ``seed``; the default stream is
  left alone. :func:`compare_k` fits ``kmeans(x, k, nstart)`` for k = 1..k_max
  in turn, reads the total within sum of squares and the average silhouette
  width off those fits, then computes the gap statistic with
  ``nbclust(method="gap_stat")`` (``clusGap``) on the same stream. The
  report's fit for the chosen k is the comparison's own fit.
* **The comparison is one function.** The report reads only
  ``comparison.fits``, ``.to_frame()`` (columns ``k``, ``wss``,
  ``silhouette``, ``gap``, ``gap_se``), ``.n_clusters`` (criterion -> k) and
  ``.plot()`` (a Figure), the shape of ``choose_k``'s ``ChooseKResult``;
  once ``choose_k`` exists, :func:`compare_k` becomes a call to it.
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
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, overload

import attrs
import numpy as np

from ._results import format_column, html_details, html_table
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
from .exceptions import InvalidArgumentError, InvalidTypeError, StatKMeansWarning
from .kmeans import KMeansResult, kmeans
from .nbclust import NbClustResult, nbclust
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


@attrs.frozen(kw_only=True)
class KComparison:
    """k = 1..k_max compared by three criteria from one set of kmeans fits.

    Shaped as ``choose_k``'s result: :attr:`fits`, :meth:`to_frame`,
    :attr:`n_clusters` and :meth:`plot` are all the report reads.

    Attributes
    ----------
    fits : mapping of int to KMeansResult
        ``kmeans(x, k, nstart)`` for each k, in the order they were drawn.
    wss, silhouette, gap : NbClustResult
        The criteria as factoextra's ``fviz_nbclust`` results: the total within
        sum of squares of each fit, the average silhouette width of each fit
        (0 for k = 1, as factoextra), and the gap statistic (its own fits,
        ``clusGap``).
    """

    fits: Mapping[int, KMeansResult]
    wss: NbClustResult
    silhouette: NbClustResult
    gap: NbClustResult

    @property
    def n_clusters(self) -> dict[str, int | None]:
        """The k each criterion picks: ``{"wss": None, "silhouette": k, "gap": k}``.

        "wss" picks none (read the elbow off the plot); "silhouette" the
        largest average width; "gap" maxSE's firstSEmax with SE.factor 1.
        """
        return {"wss": None, "silhouette": self.silhouette.n_clusters,
                "gap": self.gap.n_clusters}

    def to_frame(self) -> pd.DataFrame:
        """One row per k: ``k``, ``wss``, ``silhouette``, ``gap``, ``gap_se``."""
        import pandas as pd

        assert self.gap.gap is not None
        frame: pd.DataFrame = pd.DataFrame({
            "k": np.array(self.wss.k), "wss": np.array(self.wss.y),
            "silhouette": np.array(self.silhouette.y), "gap": np.array(self.gap.y),
            "gap_se": self.gap.gap.Tab["SE.sim"].to_numpy(),
        })
        return frame

    def plot(self) -> Figure:
        """The three criteria side by side, each as factoextra's ``fviz_nbclust`` draws it."""
        from matplotlib.figure import Figure

        fig = Figure(figsize=(13.5, 3.9))
        axes = fig.subplots(1, 3)
        titles = ("Elbow: total within sum of squares", "Average silhouette width",
                  "Gap statistic (firstSEmax)")
        for ax, result, title in zip(axes, (self.wss, self.silhouette, self.gap), titles):
            result.plot(ax=ax)
            ax.set_title(title, loc="left")
        fig.subplots_adjust(left=0.06, right=0.99, bottom=0.15, top=0.9, wspace=0.28)
        return fig


def compare_k(x: Any, k_max: int, *, nstart: int, iter_max: int, nboot: int, rng: RStream,
              n_threads: int | None, progress: _Progress) -> KComparison:
    """Fit k = 1..k_max once, then the gap statistic: the report's comparison of k.

    The one function to replace by ``choose_k`` when it exists.
    """
    fits: dict[int, KMeansResult] = {}
    with progress.step(f"kmeans fits, k = 1..{k_max} (nstart = {nstart})", k_max):
        for k in range(1, k_max + 1):
            fits[k] = kmeans(x, k, iter_max=iter_max, nstart=nstart, rng=rng,
                             n_threads=n_threads)
            progress.advance()
    widths = [0.0]
    with progress.step("average silhouette widths", k_max - 1):
        for k in range(2, k_max + 1):
            widths.append(silhouette(fits[k], data=x, n_threads=n_threads).avg_width)
            progress.advance()
    ks = np.arange(1, k_max + 1)
    with progress.step(f"gap statistic (B = {nboot} reference sets)"):
        gap = nbclust(x, kmeans, method="gap_stat", k_max=k_max, nboot=nboot, rng=rng,
                      verbose=False, n_threads=n_threads, iter_max=iter_max, nstart=nstart)
    return KComparison(
        fits=fits,
        wss=NbClustResult(k=ks, y=np.array([fits[k].tot_withinss for k in range(1, k_max + 1)]),
                          method="wss"),
        silhouette=NbClustResult(k=ks, y=np.array(widths), method="silhouette"),
        gap=gap,
    )


@attrs.frozen(kw_only=True)
class _Choice:
    """The k reported and, in words, why."""

    k: int
    given: bool
    by: str  # the criterion that chose it ("given", "gap", "silhouette")
    reasons: tuple[str, ...]
    disagree: bool


def _choose(comparison: KComparison, k: int | None) -> _Choice:
    """The k of the report: the one given, else the gap's, else (gap says 1) the silhouette's."""
    picks = comparison.n_clusters
    sil_k, gap_k = picks["silhouette"], picks["gap"]
    assert sil_k is not None and gap_k is not None
    gap_rule = ("the gap statistic (Tibshirani, Walther and Hastie 2001) with cluster::maxSE's "
                "\"firstSEmax\" rule and SE.factor = 1: the smallest k whose gap is within one "
                "standard error (SE.sim) of the gap at its first local maximum; this is the "
                "rule factoextra's fviz_nbclust uses for the gap statistic")
    sil_rule = "the largest average silhouette width (Rousseeuw 1987)"
    why = (f"They answer different questions: the silhouette measures how well separated the "
           f"clusters of one fit are; the gap measures how much tighter the clusters are than "
           f"in structureless reference data. Neither is the true k. Look at both fits (run the "
           f"report again with k = {sil_k if gap_k != sil_k else gap_k}) and say which "
           f"criterion your choice follows.")
    elbow = ("The elbow plot (total within sum of squares) is shown for judgement; no k is "
             "read from it automatically.")
    picked = (f"The criteria suggest: k = {sil_k} by the average silhouette width, "
              f"k = {gap_k} by the gap statistic.")
    if k is not None:
        agree_with = [name for name, v in (("silhouette", sil_k), ("gap statistic", gap_k))
                      if v == k]
        follows = (f"It is the choice of the {' and the '.join(agree_with)}." if agree_with
                   else "Neither criterion picks it; the report shows the fit that was asked "
                        "for.")
        reasons = [f"k = {k} was given (k= / --k). {follows}", picked]
        if sil_k != gap_k:
            reasons.append(f"The criteria disagree. {why}")
        reasons.append(elbow)
        return _Choice(k=k, given=True, by="given", reasons=tuple(reasons),
                       disagree=sil_k != gap_k)
    if gap_k >= 2:
        reasons = [f"k = {gap_k} was chosen by {gap_rule}."]
        if sil_k == gap_k:
            reasons.append(f"The average silhouette width is largest at the same k = {sil_k}: "
                           "the two criteria agree.")
        else:
            reasons.append(f"The criteria disagree: {sil_rule} is at k = {sil_k}, the gap "
                           f"statistic chooses k = {gap_k}. {why}")
        reasons.append(elbow)
        return _Choice(k=gap_k, given=False, by="gap", reasons=tuple(reasons),
                       disagree=sil_k != gap_k)
    reasons = [
        f"The gap statistic chooses k = 1 ({gap_rule}): by this criterion the data show no "
        "more cluster structure than uniform reference data.",
        f"A k-means report needs at least two clusters, so the fit below uses k = {sil_k}, "
        f"{sil_rule}. The criteria disagree: treat these clusters as a partition of the data, "
        "not as evidence of distinct groups.",
        elbow,
    ]
    return _Choice(k=sil_k, given=False, by="silhouette", reasons=tuple(reasons), disagree=True)


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


def _comparison_section(comparison: KComparison, choice: _Choice, settings: _Settings,
                        figure_uri: str) -> str:
    frame = comparison.to_frame()
    ks = [str(int(v)) for v in frame["k"]]
    picks = comparison.n_clusters
    marks = []
    for k in frame["k"]:
        who = [name for name, v in picks.items() if v == int(k)]
        label = {"silhouette": "silhouette max", "gap": "gap (firstSEmax)"}
        text = ", ".join(label.get(w, w) for w in who)
        if int(k) == choice.k:
            text = ("reported" + (": " + text if text else ""))
        marks.append(text)
    table = html_table(
        [("total within SS", format_column(frame["wss"])),
         ("avg. silhouette width", format_column(frame["silhouette"])),
         ("gap", format_column(frame["gap"])),
         ("SE.sim", format_column(frame["gap_se"])),
         ("", marks)],
        row_names=ks, row_header="k", numeric=[True, True, True, True, False],
        row_classes=["chosen" if int(k) == choice.k else "" for k in frame["k"]],
        caption=f"Criteria for k = 1..{settings.k_max}")
    box = "warn" if choice.disagree else "note"
    out = ['<h2 id="k">Choosing k</h2>',
           _p(f"One kmeans fit per k (nstart = {settings.nstart}) from seed {settings.seed}; "
              "the total within sum of squares and the average silhouette width are those "
              "fits'; the gap statistic is cluster::clusGap with "
              f"B = {settings.nboot} uniform reference sets over the data's principal "
              "components (spaceH0 = \"scaledPCA\"), its own fits drawn from the same stream.")]
    out.append(f'<div class="{box}">' + "".join(_p(r) for r in choice.reasons) + "</div>")
    out.append(table)
    out.append(_figure(figure_uri, "Total within sum of squares, average silhouette width and "
                       "gap statistic against k",
                       "Left: the elbow. Middle: the average silhouette width, dashed at its "
                       "maximum. Right: the gap statistic with gap +/- SE.sim, dashed at the "
                       "firstSEmax choice."))
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
    lines = ["library(cluster)", read, f"x <- x[, {_r_vector(cols)}]"]
    lines.append("x <- scale(x)" if settings.scale else "x <- as.matrix(x)")
    lines += [
        f"set.seed({seed})",
        f"fits <- lapply(1:{k_max}, function(k) kmeans(x, k, {iters}nstart = {nstart}))",
        "wss <- sapply(fits, function(f) f$tot.withinss)",
        "sil <- c(0, sapply(fits[-1], function(f)",
        "  summary(silhouette(f$cluster, dist(x)))$avg.width))",
        f"gap <- clusGap(x, kmeans, K.max = {k_max}, B = {nboot}, {iters}nstart = {nstart})",
    ]
    if k <= k_max:
        lines.append(f"km <- fits[[{k}]]")
    else:
        lines.append(f"km <- kmeans(x, {k}, {iters}nstart = {nstart})")
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
           "does, so these calls give the numbers above (R 4.2.2, cluster 2.1.4)."),
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
              + ("; the criteria disagree, see Choosing k" if choice.disagree else "")),
        ("Cluster sizes", ", ".join(str(int(s)) for s in km.size)),
        ("between_SS / total_SS", f"{100 * km.betweenss / km.totss:.1f} %" if km.totss
         else "NaN"),
        ("Average silhouette width", f"{sil.avg_width:.4f}"),
        ("Settings", f"k = 1..{settings.k_max} compared, nstart = {settings.nstart}, "
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
              f"clusGap, factoextra 1.0.7's plots), numpy {np.__version__}, pandas "
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
    the comparison of k = 1..k_max (total within sum of squares, average
    silhouette width, gap statistic: a table and factoextra's three plots)
    with how k was chosen and whether the criteria disagree; the chosen fit
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
        average silhouette width, which the report then says.
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
    kmeans, silhouette, nbclust, plot_cluster, plot_silhouette

    Notes
    -----
    R has no equivalent. The same numbers in R: ``set.seed(seed)``, then
    ``kmeans(x, k, nstart = nstart)`` for k = 1..k_max, then ``clusGap(x,
    kmeans, K.max = k_max, B = nboot, nstart = nstart)`` (the report's last
    section prints these lines).

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

    with _Progress(7, enabled=progress) as bar, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with bar.step("reading the data"):
            table = _load(x, columns, row_names, name, scale, k, k_max)
            data = r_scale(table.frame) if scale else table.frame
        stream = RStream(seed)
        comparison = compare_k(data, k_max, nstart=nstart, iter_max=iter_max, nboot=nboot,
                               rng=stream, n_threads=n_threads, progress=bar)
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
            k_uri = _svg_uri(comparison.plot)
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
