"""Writes .npy files with numpy for NpyTest: every supported data type in both byte orders, C and Fortran
order, several shapes; and files Seqlab must refuse with a clear message. usage: npy_cases.py DIR

manifest.txt has one line per readable file: name;descr;fortran_order;shape;values, the values in C order
as float64 reprs (what Npy.read must return, cast to float64).
"""
import os
import sys

import numpy as np

out = sys.argv[1]
kinds = ["f2", "f4", "f8", "i1", "u1", "i2", "u2", "i4", "u4", "i8", "u8", "b1"]
shapes = [(2, 3), (2, 3, 4), (5,), (), (0, 3)]
lines = []
for kind in kinds:
    orders = "|" if kind[1] == "1" else "<>"
    for order in orders:
        dt = np.dtype(order + kind)
        for shape in shapes:
            n = int(np.prod(shape))
            base = np.arange(n, dtype=np.float64).reshape(shape)
            if kind == "b1":
                a = (base.astype(np.int64) % 3 == 0)
            elif kind[0] == "f":
                a = base * 1.5 - 3.25
            elif kind[0] == "u":
                a = base * 7 + 1
            else:
                a = base * 7 - 20
            a = np.asarray(a).astype(dt)
            for fortran in (False, True):
                if fortran and len(shape) < 2:
                    continue
                b = np.asfortranarray(a) if fortran else a.copy(order="C")
                name = f"{kind}_{'big' if order == '>' else 'little'}_{'F' if fortran else 'C'}_{'x'.join(map(str, shape)) or 'scalar'}.npy"
                np.save(os.path.join(out, name), b)
                with open(os.path.join(out, name), "rb") as f:
                    header = f.read(128)
                assert (b"'fortran_order': True" in header) == (fortran and n > 0), name
                values = " ".join(repr(float(v)) for v in b.astype(np.float64).ravel(order="C"))
                lines.append(f"{name};{b.dtype.str};{fortran};{','.join(map(str, shape))};{values}")
with open(os.path.join(out, "manifest.txt"), "w") as f:
    f.write("\n".join(lines) + "\n")

# What np.save(f, W.T) writes: the example, [[1, 2, 3], [4, 5, 6]] in Fortran order.
np.save(os.path.join(out, "transposed.npy"), np.array([[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]).T)
# Files Seqlab cannot read.
np.save(os.path.join(out, "complex.npy"), np.array([1 + 2j, 3 - 1j]))
np.save(os.path.join(out, "strings.npy"), np.array(["abc", "de"]))
np.save(os.path.join(out, "objects.npy"), np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
np.save(os.path.join(out, "records.npy"), np.zeros(2, dtype=[("x", "<f4"), ("y", "<i4")]))
np.save(os.path.join(out, "dates.npy"), np.array(["2024-01-01"], dtype="datetime64[D]"))
np.savez(os.path.join(out, "archive.npz"), a=np.ones(3))
