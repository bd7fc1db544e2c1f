"""Prints nbgrader's checksum of every tracked cell of a notebook, one "grade_id checksum" line each.

An independent re-implementation of nbgrader's compute_checksum (nbgrader/utils.py, read from
github.com/jupyter/nbgrader), for the grader's tests to compare with what the Java release wrote:

    md5(source + cell_type + str(is_grade) + str(is_solution) + str(is_locked) + grade_id
        [+ str(float(points)) for a grade cell]), each part UTF-8 encoded

Usage: /usr/bin/python3 nbgrader_checksums.py NOTEBOOK.ipynb
"""
import hashlib
import sys

import nbformat


def is_grade(cell):
    return bool(cell.metadata.get("nbgrader", {}).get("grade", False))


def is_solution(cell):
    return bool(cell.metadata.get("nbgrader", {}).get("solution", False))


def is_locked(cell):
    if "nbgrader" not in cell.metadata or is_solution(cell):
        return False
    return is_grade(cell) or bool(cell.metadata["nbgrader"].get("locked", False))


def checksum(cell):
    m = hashlib.md5()
    for part in (cell.source, cell.cell_type, str(is_grade(cell)), str(is_solution(cell)), str(is_locked(cell)),
                 cell.metadata["nbgrader"]["grade_id"]):
        m.update(part.encode("utf-8"))
    if is_grade(cell):
        m.update(str(float(cell.metadata["nbgrader"]["points"])).encode("utf-8"))
    return m.hexdigest()


def main(path):
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if is_grade(cell) or is_solution(cell) or is_locked(cell):
            print(cell.metadata["nbgrader"]["grade_id"], checksum(cell))


if __name__ == "__main__":
    main(sys.argv[1])
