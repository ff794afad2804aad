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
    ext_modules=cythonize([ext], language_level=3),
    cmdclass={"build_ext": BuildExt},
)
