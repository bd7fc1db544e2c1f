#!/usr/bin/python3
"""Reveal.js slides of one lesson, for live-coding, that work without internet.

    /usr/bin/python3 book/python/build_slides.py LESSON --reveal DIR [--notebooks DIR] [--out DIR]

LESSON is a notebook of the workbook by number (03), stem (03-vanilla-rnn) or path. Writes
OUT/STEM.slides.html with nbconvert's slides exporter, OUT/reveal.js/ (a copy of DIR, reveal.js as
book/fetch-reveal.sh brings it from the npm registry) and OUT/assets/ (MathJax, RequireJS and jQuery from
Debian's packages); every URL is relative. Slide boundaries come from the cells' `slideshow` metadata
(View → Cell Toolbar → Slideshow in Jupyter); a lesson without any gets one slide per heading (# and ##),
with ### headings as sub-slides. Keys: → / space next, ← previous, s speaker notes, Esc overview.
"""
import argparse
import re
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter

from build_book import MATHJAX_URL, ROOT, copy_scripts, fail

JQUERY = Path("/usr/share/javascript/jquery/jquery.min.js")


def find_lesson(lesson, notebooks):
    path = Path(lesson)
    if path.suffix == ".ipynb" and path.exists():
        return path
    matches = sorted(p for p in notebooks.glob("*.ipynb")
                     if p.stem == lesson or p.stem.startswith(lesson + "-") or p.stem.split("-")[0] == lesson)
    if len(matches) != 1:
        names = ", ".join(p.stem for p in sorted(notebooks.glob("*.ipynb")))
        fail(f"'{lesson}' names {len(matches)} lessons; give one of: {names}")
    return matches[0]


def has_slides(nb):
    return any(c.get("metadata", {}).get("slideshow", {}).get("slide_type") for c in nb.cells)


def slides_by_heading(nb):
    """Marks a lesson without slideshow metadata: # and ## headings open a slide, ### a sub-slide."""
    for cell in nb.cells:
        kind = "-"
        if cell.cell_type == "markdown":
            first = cell.source.lstrip().split("\n", 1)[0]
            level = len(first) - len(first.lstrip("#")) if first.startswith("#") else 0
            kind = "slide" if level in (1, 2) else "subslide" if level == 3 else "-"
        cell.setdefault("metadata", {})["slideshow"] = {"slide_type": kind}


def build(lesson, notebooks, out, reveal):
    if not (reveal / "dist" / "reveal.js").exists():
        fail(f"no reveal.js in {reveal}: run book/fetch-reveal.sh (it prints the folder)")
    if not JQUERY.exists():
        fail("jQuery is missing: install Debian's libjs-jquery")
    path = find_lesson(lesson, notebooks)
    nb = nbformat.read(path, as_version=4)
    if not has_slides(nb):
        print(f"[slides] {path.name} has no slideshow metadata: one slide per heading", file=sys.stderr)
        slides_by_heading(nb)
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(reveal, out / "reveal.js", dirs_exist_ok=True, ignore=shutil.ignore_patterns(".complete"))
    copy_scripts(out / "assets")
    shutil.copyfile(JQUERY, out / "assets" / "jquery.min.js")
    # "white" takes its fonts from reveal.js's own files; "simple" (nbconvert's default) and most themes ask Google.
    exporter = SlidesExporter(reveal_url_prefix="reveal.js", reveal_theme="white", reveal_scroll=True, mathjax_url=MATHJAX_URL,
                              require_js_url="assets/require.min.js", jquery_url="assets/jquery.min.js")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": path.stem}})
    target = out / f"{path.stem}.slides.html"
    target.write_text(body, encoding="utf-8")
    count = len(re.findall(r"<section", body))
    print(f"[slides] {target} ({count} sections; open it in a browser, → to advance)", file=sys.stderr)
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lesson")
    parser.add_argument("--reveal", type=Path, required=True, help="reveal.js folder from book/fetch-reveal.sh")
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--out", type=Path, default=ROOT / "target" / "slides")
    args = parser.parse_args()
    build(args.lesson, args.notebooks.resolve(), args.out.resolve(), args.reveal.resolve())


if __name__ == "__main__":
    main()
