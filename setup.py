"""Build the compiled kernels.

Floating-point flags matter here: results must equal R's to the last bit on
every CPU, so the kernels are compiled with -ffp-contract=off (no fused
multiply-add) and without -ffast-math. OpenMP is used when the compiler has it.
"""
import os
import sys
import tempfile

import numpy as np
from Cython.Build import cythonize
from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


def _has_flag(compiler, flag):
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "t.c")
        with open(src, "w") as f:
            f.write("int main(void){return 0;}\n")
        try:
            compiler.compile([src], output_dir=tmp, extra_postargs=[flag])
        except Exception:
            return False
    return True


class BuildExt(build_ext):
    def finalize_options(self):
        super().finalize_options()
        # The five extension modules compile independently: one per core
        # (pip install otherwise compiles them one after another).
        if not self.parallel:
            self.parallel = os.cpu_count() or 1

    def build_extensions(self):
        cc = self.compiler
        base = ["-std=c11", "-O3", "-fno-fast-math", "-ffp-contract=off", "-fno-math-errno"]
        if sys.platform == "win32" and cc.compiler_type == "msvc":
            base = ["/O2", "/fp:precise"]
            omp_c, omp_l = ["/openmp"], []
        else:
            base = [f for f in base if _has_flag(cc, f)]
            omp_c = omp_l = ["-fopenmp"] if _has_flag(cc, "-fopenmp") else []
        for ext in self.extensions:
            ext.extra_compile_args = base + omp_c
            ext.extra_link_args = omp_l
        super().build_extensions()


# Every statkmeans/_kernels/*.pyx is one extension module; its C sources are
# named in the .pyx itself by a "# distutils: sources = src/....c" line.
ext = Extension(
    "statkmeans._kernels.*",
    sources=["statkmeans/_kernels/*.pyx"],
    include_dirs=[np.get_include(), "statkmeans/_kernels"],
    define_macros=[("NPY_NO_DEPRECATED_API", "NPY_1_7_API_VERSION")],
)

setup(
    # Cython in parallel processes where they fork (Linux); spawning ones
    # would run this script again in each.
    ext_modules=cythonize([ext], language_level=3,
                          nthreads=(os.cpu_count() or 1) if sys.platform.startswith("linux") else 0),
    cmdclass={"build_ext": BuildExt},
)
