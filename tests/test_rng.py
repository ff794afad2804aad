"""R's random numbers: every expected value below was printed by R 4.2.2.

The figures come from shared/r-reference.md section 1.6 and from the R fixture
script (seeded kmeans runs record ``runif(2)`` after each call).
"""

import pickle

import numpy as np
import pytest

from statkmeans import (
    InvalidArgumentError,
    InvalidTypeError,
    RStream,
    get_stream,
    runif,
    sample_int,
    set_seed,
)


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
