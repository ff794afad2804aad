"""R's random numbers: every expected value below was printed by R 4.2.2.

The figures in the first classes were printed by R (set.seed, sample.int and
runif as documented in docs/r-behaviour.md); the rest come from
tests/r_reference/make_draws_fixtures.R (rnorm, runif, sample, sample.int
under both samplers, the stream after every call, R's errors, kmeans,
clusGap and fviz_nbclust under the Rounding sampler).
"""

import hashlib
import math
import pickle
import signal
import warnings

import numpy as np
import pandas as pd
import pytest
from conftest import as_list, load_fixture, num, rows
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from statkmeans import (
    InvalidArgumentError,
    InvalidTypeError,
    NaNProducedWarning,
    RoundingSamplerWarning,
    RStream,
    StatKMeansWarning,
    clus_gap,
    get_stream,
    kmeans,
    load_dataset,
    nbclust,
    rng_kind,
    rnorm,
    runif,
    sample,
    sample_int,
    scale,
    set_seed,
)
from statkmeans._kernels import _rng


class TestSetSeed:
    def test_random_seed_words(self):
        """.Random.seed after set.seed(42) starts as R's does."""
        words = RStream(42).random_seed
        assert words[:6].tolist() == [10403, 624, 507561766, 1260545903, 1362917092, -1772566379]
        assert len(words) == 626

    def test_negative_seed(self):
        """set.seed(-7); runif(2)."""
        assert RStream(-7).runif(2).tolist() == [0.32649485557340086, 0.53986111702397466]

    def test_largest_seed(self):
        """set.seed(2^31 - 1); runif(1) prints 0.6896674."""
        assert f"{RStream(2**31 - 1).runif(1)[0]:.7g}" == "0.6896674"

    def test_integral_float_seed(self):
        """A float with an integral value is that integer."""
        assert RStream(42.0) == RStream(42)

    @pytest.mark.parametrize("seed", [1.9, 2**31, -(2**31), float("nan")])
    def test_invalid_seed(self, seed):
        """Seeds R would truncate or reject are errors that say why."""
        with pytest.raises(InvalidArgumentError, match="seed"):
            set_seed(seed)

    @pytest.mark.parametrize("seed", ["42", True, None])
    def test_seed_type(self, seed):
        """A string or a bool is not a seed."""
        with pytest.raises(InvalidTypeError, match="'seed'"):
            set_seed(seed)


class TestDraws:
    def test_stream_continues(self):
        """set.seed(42); sample.int(50,3); sample.int(1000,5); runif(3)."""
        set_seed(42)
        assert sample_int(50, 3).tolist() == [49, 37, 1]
        assert sample_int(1000, 5).tolist() == [153, 74, 228, 146, 634]
        assert runif(3).tolist() == [0.65699229040183127, 0.70506478403694928, 0.45774177624844015]

    def test_fresh_streams(self):
        """Fresh set.seed(42) before sample.int(1000, 5) and before runif(3)."""
        assert sample_int(1000, 5, rng=42).tolist() == [561, 997, 321, 153, 74]
        assert runif(3, rng=42).tolist() == [0.91480604349635541, 0.93707541329786181, 0.28613953478634357]

    def test_two_uniforms_per_attempt(self):
        """n = 70000 needs 17 bits: two uniforms per attempt."""
        s = RStream(42)
        assert s.sample_int(5).tolist() == [1, 5, 4, 3, 2]
        assert s.sample_int(70000, 2).tolist() == [64110, 64809]
        assert s.runif(2, 10, 20).tolist() == [19.466682325582951, 10.824375580996275]

    def test_hash_branch_and_no_draw_runif(self):
        """sample.int(2^31-1, 2) uses R's hash branch; runif with min == max draws nothing."""
        s = RStream(1)
        assert s.sample_int(2**31 - 1, 2).tolist() == [1140350788, 312928385]
        assert s.sample_int(3, 1).tolist() == [2]
        assert s.runif(2, 5, 5).tolist() == [5.0, 5.0]
        assert s.runif(2, -1, 3).tolist() == [2.5935587398707867, 2.7787010744214058]

    def test_permutation(self):
        """set.seed(123); sample.int(10)."""
        assert RStream(123).sample_int(10).tolist() == [3, 10, 2, 8, 6, 9, 1, 7, 5, 4]

    def test_sample_larger_than_population(self):
        """R's error for size > n without replacement."""
        with pytest.raises(InvalidArgumentError, match="cannot take a sample larger than the population"):
            sample_int(3, 4)

    def test_runif_bad_bounds(self):
        """Reversed bounds are an error (R returns NaN with a warning)."""
        with pytest.raises(InvalidArgumentError, match="min"):
            runif(2, 3, 1)

    def test_default_stream_is_global(self):
        """set_seed seeds the object get_stream returns."""
        set_seed(5)
        a = get_stream().runif(1)
        set_seed(5)
        assert runif(1).tolist() == a.tolist()


class TestStreamObject:
    def test_copy_is_independent(self):
        """A copy draws the same numbers without advancing the original."""
        s = RStream(9)
        c = s.copy()
        assert c.runif(3).tolist() == s.runif(3).tolist()

    def test_round_trip_random_seed(self):
        """from_random_seed(s.random_seed) continues the same stream."""
        s = RStream(11)
        s.runif(700)  # past one twist
        t = RStream.from_random_seed(s.random_seed)
        assert t.runif(5).tolist() == s.runif(5).tolist()

    def test_pickle(self):
        """A pickled stream resumes where it was."""
        s = RStream(3)
        s.runif(10)
        t = pickle.loads(pickle.dumps(s))
        assert t == s and t.runif(2).tolist() == s.runif(2).tolist()

    def test_bad_random_seed(self):
        """Another RNG kind's .Random.seed is refused."""
        words = RStream(1).random_seed
        words[0] = 10401
        with pytest.raises(InvalidArgumentError, match="10403"):
            RStream.from_random_seed(words)

    def test_resolution_is_32_bits(self):
        """unif_rand values are multiples of 2^-32."""
        u = RStream(1).unif_rand(1000)
        assert np.all(u * 2.0**32 == np.floor(u * 2.0**32))


# ---------------------------------------------------------------------------
# R fixtures: rnorm, runif, sample and sample.int, under both samplers
# ---------------------------------------------------------------------------


DRAWS = load_fixture("draws_fixtures.json")

# The long argument vectors of the fixture, rebuilt from the R expression that
# made them (their MD5 is checked before use). math.exp is the C library's exp,
# as R's.
GENERATORS = {
    "exp(-(1:1000)/300)": lambda: np.array([math.exp(-i / 300) for i in range(1, 1001)]),
    "(1:1500)%%7 + 0.5": lambda: np.arange(1, 1501) % 7 + 0.5,
    "c(rep(1, 250), rep(1e-06, 150))": lambda: np.concatenate([np.ones(250), np.full(150, 1e-06)]),
    "sqrt(1:40000)": lambda: np.sqrt(np.arange(1, 40001, dtype=np.float64)),
    "(1:500)%%3 + 1": lambda: (np.arange(1, 501) % 3 + 1).astype(np.float64),
    "(1:5000)%%11 + 1": lambda: (np.arange(1, 5001) % 11 + 1).astype(np.float64),
    "(1:150)^2": lambda: np.arange(1, 151, dtype=np.float64) ** 2,
    "(1:3000)%%5 + 0.25": lambda: np.arange(1, 3001) % 5 + 0.25,
}

FUNCTIONS = {"rnorm": "rnorm", "runif": "runif", "sample": "sample", "sample.int": "sample_int"}
R_WARNINGS = {"NAs produced": NaNProducedWarning}


def md5(values: np.ndarray, kind: str = "dbl") -> str:
    dtype = "<f8" if kind == "dbl" else "<i4"
    return hashlib.md5(np.ascontiguousarray(values, dtype=dtype).tobytes()).hexdigest()


def decode(typed: dict):
    """A typed R vector of the fixture as a Python list (a numpy array for a generator)."""
    if "gen" in typed:
        values = GENERATORS[typed["gen"]]()
        assert md5(values) == typed["md5"], f"rebuilt {typed['gen']} differs from R's"
        return values
    values = typed["values"]
    if typed["type"] == "dbl":
        return [math.nan if v == "NA" else float(v) for v in values]
    return [None if v == "NA" else v for v in values]


def python_args(args: dict) -> dict:
    """R's arguments as ours: a length-one vector is a scalar, except a character x."""
    out = {}
    for name, typed in args.items():
        value = decode(typed)
        if isinstance(value, list) and len(value) == 1 and typed["type"] != "chr":
            value = value[0]
        out[name] = value
    return out


def assert_value(ours, typed: dict) -> None:
    expected = decode(typed)
    if typed["type"] in ("chr", "lgl"):
        assert list(ours) == expected
    elif typed["type"] == "int":
        assert np.asarray(ours).dtype.kind in "iu" or len(expected) == 0
        np.testing.assert_array_equal(np.asarray(ours, dtype=np.int64), np.asarray(expected, dtype=np.int64))
    else:
        np.testing.assert_array_equal(np.asarray(ours, dtype=np.float64), np.asarray(expected))


def assert_stream(stream: RStream, expected: dict) -> None:
    """.Random.seed's kind, position and word sum as R recorded them."""
    words = stream.random_seed
    assert int(words[0]) == expected["kind"]
    assert int(words[1]) == expected["pos"]
    assert int(words[2:].astype(np.int64).sum()) == int(float(expected["checksum"]))


def call_r(stream: RStream | None, call: dict):
    """Make one fixture call here: on the default stream, or as a method of ``stream``."""
    name = FUNCTIONS[call["f"]]
    func = getattr(stream, name) if stream is not None else globals()[name]
    return func(**python_args(call["args"]))


def seq_id(seq: dict) -> str:
    return f"{seq['name'].replace(' ', '')}-{seq['seed']}-{seq['sample_kind']}"


class TestRSequences:
    """Long sequences of calls after one seed: R's values, warnings and stream after each call."""

    @pytest.mark.parametrize("via", ["default", "RStream"])
    @pytest.mark.parametrize("seq", DRAWS["sequences"], ids=seq_id)
    def test_sequence(self, seq, via):
        """Every value is R's, bit for bit, and the stream after every call is R's."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RoundingSamplerWarning)
            if via == "default":
                set_seed(seq["seed"], sample_kind=seq["sample_kind"])
                stream, on = get_stream(), None
            else:
                stream = on = RStream(seq["seed"], sample_kind=seq["sample_kind"])
        for call in seq["calls"]:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                value = call_r(on, call)
            assert call["error"] is None
            assert_value(value, call["value"])
            assert [w.category for w in caught] == [R_WARNINGS[m] for m in as_list(call["warnings"])], call["label"]
            assert_stream(stream, call["stream"])
        np.testing.assert_array_equal(stream.random_seed, seq["random_seed"])

    def test_fixture_covers_every_form(self):
        """The fixture has the brief's forms: prob with and without replacement, Walker, both kinds."""
        labels = [c["label"] for s in DRAWS["sequences"] for c in s["calls"]]
        kinds = {s["sample_kind"] for s in DRAWS["sequences"]}
        assert kinds == {"Rejection", "Rounding"}
        assert sum(len(s["calls"]) for s in DRAWS["sequences"]) >= 500
        assert any("replace = TRUE, prob" in lab and "n = 201L" in lab for lab in labels)  # Walker
        assert any("prob" in lab and "replace" not in lab for lab in labels)


class TestRErrors:
    """R's errors: the same message, raised before anything is drawn."""

    @pytest.mark.parametrize("call", DRAWS["errors"], ids=lambda c: c["label"])
    def test_error(self, call):
        """The error names R's problem and leaves the stream where it was (as R's does)."""
        seed = DRAWS["error_seed"]
        set_seed(seed["seed"], sample_kind="Rejection")
        runif(seed["skip"])
        before = get_stream().random_seed
        with pytest.raises((InvalidArgumentError, InvalidTypeError)) as info:
            call_r(None, call)
        assert call["error"] in str(info.value)
        np.testing.assert_array_equal(get_stream().random_seed, before)
        assert_stream(get_stream(), call["stream"])
        np.testing.assert_array_equal(before, seed["random_seed"])


class TestRLong:
    """Long outputs (a million normals, permutations, weighted draws): R's bytes."""

    @pytest.mark.parametrize("case", DRAWS["long"], ids=lambda c: f"{c['sample_kind']}-{c['seed']}-{c['label']}")
    def test_long(self, case):
        """The MD5 of the values' bytes is that of R's values, and the stream ends where R's does."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RoundingSamplerWarning)
            stream = RStream(case["seed"], sample_kind=case["sample_kind"])
        value = call_r(stream, case)
        kind = case["head"]["type"]
        assert len(value) == case["length"]
        assert_value(value[:5], case["head"])
        assert_value(value[-5:], case["tail"])
        assert md5(value, kind) == case["md5"]
        assert_stream(stream, case["stream"])


class TestQnorm:
    """R's qnorm (AS 241) behind rnorm, across both branches and the far tails."""

    def test_qnorm_bits(self):
        """qnorm at 7,000 probabilities gives R's bytes."""
        case = DRAWS["qnorm"]
        s = RStream(case["seed"])
        k_edge = np.repeat([0.0, 2.0**27 - 1], 385)
        small = 2.0**-32 * np.array([1, 2, 3, 1e3, 2**16, 2**31])
        u_edge = np.concatenate([small, s.runif(379), 1 - small, s.runif(379)])
        p = np.concatenate([
            [10.0 ** -k for k in range(1, 301)], [1 - 10.0 ** -k for k in range(1, 17)],
            s.runif(4000), s.runif(1000) * 1e-11,
            0.075 + np.arange(-500, 501) * 1e-12, 0.925 + np.arange(-500, 501) * 1e-12,
            (k_edge + u_edge) / 2.0**27, [0.0, 1.0, 0.5],
        ])
        assert len(p) == case["n"] and md5(p) == case["p_md5"]
        q = _rng.qnorm(p)
        np.testing.assert_array_equal(q[:20], num(case["q_head"]))
        assert md5(q) == case["md5"]


class TestRevsort:
    """R's descending heap sort: ties come out in R's order (it decides which index is drawn)."""

    # The identities R's sort leaves for these weights (checked on R 4.2.2 through
    # sample(), whose draws the fixtures above compare).
    @pytest.mark.parametrize("values, order", [
        ([1.0] * 7, [2, 3, 4, 5, 6, 7, 1]),
        ([1, 2, 2, 1, 3, 3, 1, 2, 1, 1], [6, 5, 3, 2, 8, 7, 10, 9, 4, 1]),
        ([1, 2, 1, 2, 1, 2, 1, 2, 1, 2], [4, 8, 2, 10, 6, 7, 3, 5, 9, 1]),
        ([8, 1, 3, 6, 2, 2, 5, 1], [1, 4, 7, 3, 6, 5, 8, 2]),
    ])
    def test_tie_order(self, values, order):
        """Identities in R's order, values non-increasing."""
        a = np.array(values, dtype=np.float64)
        assert _rng.revsort(a).tolist() == order
        assert np.all(np.diff(a) <= 0)


class TestRoundingSampler:
    """sample_kind="Rounding": R's pre-3.6.0 sampler, through kmeans, clus_gap and nbclust."""

    @pytest.mark.parametrize("case", DRAWS["rounding_kmeans"],
                             ids=lambda c: f"{c['data']}-s{c['seed']}-k{c['k']}-n{c['nstart']}")
    def test_kmeans(self, case):
        """set.seed(seed, sample.kind = "Rounding"); kmeans(x, k, nstart): R's result and stream."""
        with pytest.warns(RoundingSamplerWarning, match="non-uniform 'Rounding' sampler used"):
            set_seed(case["seed"], sample_kind="Rounding")
        frame = load_dataset(case["data"])
        if case["data"] == "iris":
            frame = frame.iloc[:, :4]
        km = kmeans(frame, case["k"], nstart=case["nstart"])
        r = case["result"]
        np.testing.assert_array_equal(np.asarray(km.cluster), as_list(r["cluster"]))
        np.testing.assert_array_equal(np.asarray(km.centers), rows(r["centers"]))
        np.testing.assert_array_equal(km.withinss, num(r["withinss"]))
        assert km.tot_withinss == num(r["tot_withinss"])[0]
        assert km.iter == r["iter"]
        assert str(km).split("\n")[:-1] == as_list(r["printed"])
        np.testing.assert_array_equal(runif(2), num(case["runif_after"]))

    def test_kind_persists(self):
        """RNGkind(sample.kind = "Rounding"); set.seed(123): a plain set_seed keeps the sampler."""
        case = DRAWS["rounding_persist"]
        with pytest.warns(RoundingSamplerWarning):
            rng_kind("Rounding")
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a plain set_seed does not warn, as in R
            set_seed(case["seed"])
        km = kmeans(scale(load_dataset("USArrests")), 4, nstart=25)
        assert str(km).split("\n")[:-1] == as_list(case["result"]["printed"])
        assert km.tot_withinss == num(case["result"]["tot_withinss"])[0]
        np.testing.assert_array_equal(runif(2), num(case["runif_after"]))

    def test_clus_gap(self):
        """clusGap under the Rounding sampler: R's table and R's stream after."""
        case = DRAWS["rounding_gap"]
        with pytest.warns(RoundingSamplerWarning):
            set_seed(case["seed"], sample_kind="Rounding")
        gap = clus_gap(load_dataset(case["data"]), kmeans, K_max=case["K_max"], B=case["B"],
                       spaceH0=case["spaceH0"], nstart=case["nstart"], verbose=False)
        for column, key in (("logW", "logW"), ("E.logW", "E_logW"), ("gap", "gap"), ("SE.sim", "SE_sim")):
            np.testing.assert_allclose(gap.Tab[column], num(case[key]), rtol=0, atol=1e-13)
        np.testing.assert_array_equal(runif(2), num(case["runif_after"]))

    def test_nbclust(self):
        """fviz_nbclust's own set.seed(123) keeps the Rounding sampler, here as in R."""
        case = DRAWS["rounding_nbclust"]
        with pytest.warns(RoundingSamplerWarning):
            rng_kind("Rounding")
        res = nbclust(scale(load_dataset(case["data"])), kmeans, method=case["method"],
                      nstart=case["nstart"])
        np.testing.assert_array_equal(res.y, num(case["y"]))
        np.testing.assert_array_equal(runif(2), num(case["runif_after"]))

    @pytest.mark.parametrize("kind", ["rounding", "rejection"])
    def test_textbook_lab(self, kind):
        """ISLR's lab: tot.withinss 104.3319 for one start after set.seed(3) needs the Rounding sampler."""
        case = DRAWS["islr"][kind]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RoundingSamplerWarning)
            rng_kind("Rounding" if kind == "rounding" else "Rejection")
        set_seed(2)
        x = rnorm(50 * 2).reshape(-1, 2, order="F")
        x[:25, 0] += 3
        x[:25, 1] -= 4
        np.testing.assert_array_equal(x, rows(case["x"]))
        assert kmeans(x, 2, nstart=20).cluster.tolist() == case["cluster2"]
        set_seed(4)
        km3 = kmeans(x, 3, nstart=20)
        assert str(km3).split("\n")[:-1] == as_list(case["km3"]["printed"])
        set_seed(3)
        one = kmeans(x, 3, nstart=1).tot_withinss
        assert one == num(case["tot_withinss_nstart1"])[0]
        assert kmeans(x, 3, nstart=20).tot_withinss == num(case["tot_withinss_nstart20"])[0]
        if kind == "rounding":
            assert f"{one:.4f}" == "104.3319"  # as printed in the book

    def test_warning_text_is_rs(self):
        """The warning starts with R's words."""
        with pytest.warns(RoundingSamplerWarning) as record:
            RStream(1, sample_kind="Rounding")
        assert str(record[0].message).startswith(DRAWS["rounding_warning"])
        assert issubclass(RoundingSamplerWarning, StatKMeansWarning)

    def test_random_seed_code(self):
        """.Random.seed[1] is 403 under Rounding, and a 403 state restores the sampler silently."""
        with pytest.warns(RoundingSamplerWarning):
            s = RStream(2718, sample_kind="Rounding")
        words = s.random_seed
        assert words[0] == 403
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            t = RStream.from_random_seed(words)
        assert t.sample_kind == "Rounding" and t == s
        # R: set.seed(2718, sample.kind = "Rounding"); sample(12)
        assert t.sample(12).tolist() == [9, 6, 2, 3, 7, 5, 10, 4, 1, 12, 8, 11]

    def test_copy_and_pickle_keep_the_sampler(self):
        """copy() and pickling keep the sampler (executor tasks get the same draws)."""
        with pytest.warns(RoundingSamplerWarning):
            s = RStream(2718, sample_kind="Rounding")
        for t in (s.copy(), pickle.loads(pickle.dumps(s))):
            assert t.sample_kind == "Rounding" and t == s
            assert t.sample(12).tolist() == [9, 6, 2, 3, 7, 5, 10, 4, 1, 12, 8, 11]
        assert s != RStream(2718)  # same words, other sampler

    def test_old_pickle_state(self):
        """A stream pickled before the sampler option (its words alone) loads as "Rejection"."""
        s = RStream.__new__(RStream)
        s.__setstate__(RStream(123).random_seed[1:].view(np.uint32).copy())
        assert s.sample_kind == "Rejection"
        assert s.sample_int(10).tolist() == [3, 10, 2, 8, 6, 9, 1, 7, 5, 4]

    def test_rng_kind_returns_previous(self):
        """rng_kind() reads the sampler; setting it returns the one before and keeps the state."""
        set_seed(2718)
        assert rng_kind() == "Rejection"
        with pytest.warns(RoundingSamplerWarning):
            assert rng_kind("Rounding") == "Rejection"
        assert rng_kind("default") == "Rounding"
        assert get_stream().random_seed.tolist() == RStream(2718).random_seed.tolist()
        stream = RStream(1)
        with pytest.warns(RoundingSamplerWarning):
            rng_kind("Rounding", rng=stream)
        assert stream.sample_kind == "Rounding" and rng_kind() == "Rejection"

    def test_rstream_seed_keeps_kind(self):
        """RStream.seed(s) keeps the sampler unless sample_kind is given."""
        with pytest.warns(RoundingSamplerWarning):
            s = RStream(5, sample_kind="Rounding")
        s.seed(2718)
        assert s.sample_kind == "Rounding"
        s.seed(2718, sample_kind="Rejection")
        assert s.sample(12).tolist() == [3, 9, 8, 4, 6, 11, 1, 12, 10, 5, 7, 2]


class TestBadInput:
    """Bad arguments: an error naming the argument, and nothing drawn (the stream is untouched)."""

    CASES = [
        ("negative n, sample_int", lambda: sample_int(-3), InvalidArgumentError, "'n'"),
        ("negative n, sample", lambda: sample(-3), InvalidArgumentError, "'x'"),
        ("negative n, rnorm", lambda: rnorm(-1), InvalidArgumentError, "'n'"),
        ("negative n, runif", lambda: runif(-1), InvalidArgumentError, "'n'"),
        ("non-integral n", lambda: sample_int(10.5, 2), InvalidArgumentError, "'n'.*truncate it to 10"),
        ("non-integral n, rnorm", lambda: rnorm(2.9), InvalidArgumentError, "'n'.*truncate it to 2"),
        ("non-integral size", lambda: sample_int(10, 2.5), InvalidArgumentError, "'size'.*whole number"),
        ("non-integral size, sample", lambda: sample([1, 2, 3], 1.5), InvalidArgumentError, "'size'"),
        ("NaN size", lambda: sample(5, math.nan), InvalidArgumentError, "'size'"),
        ("negative size", lambda: sample(5, -1), InvalidArgumentError, "'size'"),
        ("size > n", lambda: sample(5, 6), InvalidArgumentError, "'size' is 6, the population 5"),
        ("size > n with prob", lambda: sample(3, 4, prob=[1, 1, 1]), InvalidArgumentError, "'size'"),
        ("prob of the wrong length", lambda: sample(5, 2, prob=[1, 2]), InvalidArgumentError,
         "'prob' has 2 entries, the population 5"),
        ("negative prob", lambda: sample(3, 2, prob=[1, -1, 1]), InvalidArgumentError,
         "negative probability: 'prob' element 2"),
        ("NaN prob", lambda: sample(3, 2, prob=[1, math.nan, 1]), InvalidArgumentError,
         "NA in probability vector: 'prob' element 2"),
        ("infinite prob", lambda: sample(3, 2, True, [1, math.inf, 1]), InvalidArgumentError, "'prob'"),
        ("all-zero prob", lambda: sample(3, 2, True, [0, 0, 0]), InvalidArgumentError,
         "too few positive probabilities: 'prob' has 0"),
        ("too few positive prob", lambda: sample(3, 2, prob=[0, 0, 1]), InvalidArgumentError,
         "'prob' has 1 positive"),
        ("string prob", lambda: sample(3, 2, prob=["a", "b", "c"]), InvalidTypeError, "'prob'"),
        ("2-D prob", lambda: sample(4, 2, prob=[[1, 2], [3, 4]]), InvalidTypeError, "'prob'"),
        ("replace not a bool", lambda: sample(3, 2, replace="yes"), InvalidTypeError, "'replace'"),
        ("unknown sample_kind, set_seed", lambda: set_seed(1, sample_kind="rounding"),
         InvalidArgumentError, "'sample_kind'"),
        ("unknown sample_kind, RStream", lambda: RStream(1, sample_kind="Inversion"),
         InvalidArgumentError, "'sample_kind'"),
        ("unknown sample_kind, rng_kind", lambda: rng_kind("Bogus"), InvalidArgumentError, "'sample_kind'"),
        ("x zero", lambda: sample(0), InvalidArgumentError, "'x'.*pass \\[0\\]"),
        ("x fraction", lambda: sample(5.5), InvalidArgumentError, "'x'"),
        ("x string", lambda: sample("abc"), InvalidTypeError, "'x'"),
        ("x set", lambda: sample({1, 2, 3}), InvalidTypeError, "'x'"),
        ("x bool", lambda: sample(True), InvalidTypeError, "'x'"),
        ("x 2-D", lambda: sample(np.ones((2, 2))), InvalidArgumentError, "order=\"F\""),
        ("x DataFrame", lambda: sample(pd.DataFrame({"a": [1, 2]})), InvalidTypeError, "iloc"),
        ("empty mean", lambda: rnorm(3, mean=[]), InvalidArgumentError, "'mean' is empty"),
        ("string sd", lambda: rnorm(3, sd="1"), InvalidTypeError, "'sd'"),
        ("2-D sd", lambda: rnorm(3, sd=np.ones((2, 2))), InvalidArgumentError, "'sd'"),
        ("n a list", lambda: rnorm([1, 2, 3]), InvalidTypeError, "'n'"),
        ("seed a string", lambda: set_seed("1", sample_kind="Rounding"), InvalidTypeError, "'seed'"),
    ]

    @pytest.mark.parametrize("call, error, match", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
    def test_error_draws_nothing(self, call, error, match):
        """The error names the argument; the default stream and its sampler are unchanged."""
        set_seed(99)
        runif(1)
        before = get_stream().random_seed
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no Rounding warning either: nothing changed
            with pytest.raises(error, match=match):
                call()
        np.testing.assert_array_equal(get_stream().random_seed, before)
        assert rng_kind() == "Rejection"


class TestSampleKinds:
    """What sample() returns for each kind of x."""

    def test_kinds(self):
        """R: set.seed(2718); sample(c(a = 3.5, b = 7, c = 11, d = 19), 3) is a 3.5, c 11, d 19."""
        values = [3.5, 7, 11, 19]
        series = pd.Series(values, index=list("abcd"))
        out = sample(series, 3, rng=2718)
        assert isinstance(out, pd.Series) and out.index.tolist() == ["a", "c", "d"]
        assert out.tolist() == [3.5, 11, 19]
        arr = sample(np.array(values), 3, rng=2718)
        assert isinstance(arr, np.ndarray) and arr.tolist() == [3.5, 11, 19]
        assert sample(tuple(values), 3, rng=2718) == [3.5, 11, 19]
        idx = sample(pd.Index(values), 3, rng=2718)
        assert isinstance(idx, pd.Index) and idx.tolist() == [3.5, 11, 19]
        # R: set.seed(2718); sample(12)
        assert sample(np.array(12), rng=2718).tolist() == [3, 9, 8, 4, 6, 11, 1, 12, 10, 5, 7, 2]

    def test_one_element_sequence_draws_as_r(self):
        """A one-element sequence is itself; R's x[sample.int(1)] draws one uniform for it."""
        s, t = RStream(4), RStream(4)
        assert s.sample([10]) == [10]
        t.unif_rand(1)
        assert s == t


class TestDrawInvariants:
    """Properties that hold for any seed."""

    @settings(max_examples=60, deadline=None)
    @given(seed=st.integers(-(2**31) + 1, 2**31 - 1), n=st.integers(1, 3000),
           rounding=st.booleans())
    def test_permutation(self, seed, n, rounding):
        """sample(n) is a permutation of 1..n under either sampler."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RoundingSamplerWarning)
            s = RStream(seed, sample_kind="Rounding" if rounding else "Rejection")
        assert np.array_equal(np.sort(s.sample(n)), np.arange(1, n + 1))

    @settings(max_examples=60, deadline=None)
    @given(seed=st.integers(0, 2**31 - 1), n=st.integers(0, 50))
    def test_rnorm_takes_two_uniforms(self, seed, n):
        """rnorm(n) advances the stream by 2n uniforms (R's Inversion)."""
        s, t = RStream(seed), RStream(seed)
        s.rnorm(n)
        t.unif_rand(2 * n)
        assert s == t

    @settings(max_examples=60, deadline=None)
    @given(seed=st.integers(0, 2**31 - 1),
           w=st.lists(st.integers(0, 5), min_size=1, max_size=150).filter(any),
           size=st.integers(0, 40), rounding=st.booleans())
    def test_weighted_with_replacement(self, seed, w, size, rounding):
        """Weighted draws with replacement (below Walker's 200) take one uniform each, never a zero weight."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RoundingSamplerWarning)
            kind = "Rounding" if rounding else "Rejection"
            s, t = RStream(seed, sample_kind=kind), RStream(seed)
        out = s.sample_int(len(w), size, True, w)
        t.unif_rand(size)
        assert np.array_equal(s.random_seed[1:], t.random_seed[1:])
        assert all(w[i - 1] > 0 for i in out)

    @settings(max_examples=60, deadline=None)
    @given(seed=st.integers(0, 2**31 - 1),
           w=st.lists(st.just(0.0) | st.floats(1e-3, 10), min_size=1, max_size=60),
           data=st.data())
    def test_weighted_without_replacement(self, seed, w, data):
        """Without replacement: distinct, positive-weight elements, one uniform each.

        (Weights are 0 or >= 1e-3: with vanishing weights R's running total
        drifts below the remaining mass and R itself can return a zero-weight
        element; see test_vanishing_weight_as_r.)
        """
        positive = sum(v > 0 for v in w)
        size = data.draw(st.integers(0, positive))
        if positive == 0:
            return
        # R's running total starts at the literal 1: when the weights left are below its
        # rounding error (a positive weight 1e-38 next to ones), R takes the last live
        # element, which may have weight 0 (test_tiny_weights_as_r below)
        assume(min(v for v in w if v > 0) >= 1e-12 * max(w))
        s, t = RStream(seed), RStream(seed)
        out = s.sample_int(len(w), size, prob=w)
        t.unif_rand(size)
        assert s == t
        assert len(set(out.tolist())) == size and all(w[i - 1] > 0 for i in out)

    def test_vanishing_weight_as_r(self):
        """R 4.2.2: set.seed(0); sample(9, 8, prob = c(0, 1, ..., 1, 1.4e-45)) -> 8 3 2 6 7 4 5 1.

        The last draw takes the zero-weight element 1 (R's total drifts), and so do we.
        """
        w = [0, 1, 1, 1, 1, 1, 1, 1, 1.401298464324817e-45]
        assert RStream(0).sample_int(9, 8, prob=w).tolist() == [8, 3, 2, 6, 7, 4, 5, 1]

    def test_tiny_weights_as_r(self):
        """R 4.2.2: set.seed(0); sample.int(29, 28, prob = c(0, rep(1, 27), 1.02e-38)) draws
        the zero-weight element 1 last (the weight left is below the running total's error)."""
        out = RStream(0).sample_int(29, 28, prob=[0.0] + [1.0] * 27 + [1.0212781727745061e-38])
        assert out.tolist() == [26, 8, 12, 17, 25, 6, 24, 27, 18, 16, 14, 3, 5, 20, 11, 22, 7,
                                21, 28, 10, 19, 23, 4, 13, 2, 9, 15, 1]

    @settings(max_examples=40, deadline=None)
    @given(seed=st.integers(0, 2**31 - 1), n=st.integers(1, 2**31 - 1), size=st.integers(0, 30))
    def test_rounding_takes_one_uniform(self, seed, n, size):
        """Under Rounding, each index with replacement takes exactly one uniform."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RoundingSamplerWarning)
            s = RStream(seed, sample_kind="Rounding")
        t = RStream(seed)
        out = s.sample_int(n, size, replace=True)
        u = t.unif_rand(size)
        assert np.array_equal(out, np.floor(n * u).astype(np.int64) + 1)  # R < 3.6.0's rule


class TestInterrupt:
    """Long draws stop on a signal, as a compiled loop must."""

    @pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="needs setitimer")
    def test_weighted_without_replacement_interrupts(self):
        """An O(n * size) draw is stopped by a signal handler's exception."""

        class Stop(Exception):
            pass

        def handler(signum, frame):
            raise Stop

        old = signal.signal(signal.SIGALRM, handler)
        try:
            signal.setitimer(signal.ITIMER_REAL, 0.05)
            with pytest.raises(Stop):
                sample_int(300_000, 300_000, prob=np.ones(300_000), rng=1)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
