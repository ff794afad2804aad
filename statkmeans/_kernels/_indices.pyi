# Type stubs of the compiled kernels of fpc's indices (see _indices.pyx).
from typing import Any

import numpy as np
import numpy.typing as npt

_F64 = npt.NDArray[np.float64]
_I32 = npt.NDArray[np.int32]
_I64 = npt.NDArray[np.int64]
_Stop = npt.NDArray[np.intc] | None  # the call's stop flag (see _core.pyi)

def cov_diag(x: _F64, rows: _I64) -> _F64: ...
def stats_exact(x: _F64 | None, d: _F64 | None, n: int, cl: _I32, k: int,
                stop: _Stop = ...) -> dict[str, Any]: ...
def sweep(x: _F64, cl: _I32, k: int, n_threads: int = ...,
          stop: _Stop = ...) -> tuple[_F64, _F64, _F64]: ...
def medians(x: _F64 | None, d: _F64 | None, n: int, cl: _I32, k: int, diam: _F64,
            n_threads: int = ..., collect_cap: int = ..., sampled: bool = ...,
            stop: _Stop = ...) -> _F64: ...
def widest_gaps(x: _F64 | None, d: _F64 | None, n: int, cl: _I32, k: int,
                n_threads: int = ..., stop: _Stop = ...) -> _F64: ...
