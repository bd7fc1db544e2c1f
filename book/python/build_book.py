#!/usr/bin/python3
"""Seqlab's course book: a static HTML site of the workbook that works offline.

    /usr/bin/python3 book/python/build_book.py [--no-execute] [--inplace] [--notebooks DIR] [--out DIR]

Writes OUT/index.html (every lesson with its learning goals and how long its cells ran), one page per notebook
(code, outputs, charts; previous/next links; the licence footer), the graded exercises' student versions from
NOTEBOOKS/exercises/ after their lesson once they exist, and OUT/assets/: MathJax 2 (SVG output, so no web
fonts) and RequireJS copied from Debian's libjs-mathjax and libjs-requirejs. Every URL in the site is
relative, so it works opened from file:// and from any static web server, and no page asks another host.

By default every lesson is executed through the course kernel first (KERNEL, found by Jupyter as usual);
--no-execute renders the committed outputs instead (seconds). --inplace saves the executed notebooks back.
Exit status 1 names what went wrong (a notebook that failed to execute, a missing Debian file).
"""
import argparse
import datetime
import html
import re
import shutil
import sys
import time
from pathlib import Path

import jinja2
import nbformat
from nbconvert import HTMLExporter
from nbconvert.filters.markdown_mistune import markdown2html_mistune

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TEMPLATES = HERE.parent / "templates"
MATHJAX = Path("/usr/share/javascript/mathjax")
REQUIREJS = Path("/usr/share/javascript/requirejs/require.min.js")
# What MathJax 2 loads for TeX input and SVG output with the TeX font (the rest of the 54 MB is other fonts,
# outputs and the unpacked sources).
MATHJAX_PARTS = ["MathJax.js", "config/TeX-AMS_SVG.js", "config/Safe.js", "extensions", "jax/input/TeX",
                 "jax/element", "jax/output/SVG/config.js", "jax/output/SVG/jax.js", "jax/output/SVG/autoload",
                 "jax/output/SVG/fonts/TeX", "localization/en"]
MATHJAX_URL = "assets/mathjax/MathJax.js?config=TeX-AMS_SVG,Safe"
LICENCES = [("LICENSE", "LICENSE-Apache-2.0.txt"), ("LICENSES/CC-BY-4.0.txt", "CC-BY-4.0.txt")]
GOALS = re.compile(r"(learning goals|after this (lesson|notebook) you can)", re.IGNORECASE)


class Page:
    """One page of the book: a lesson or an exercise notebook."""

    def __init__(self, path, kind):
        self.path = path
        self.kind = kind  # "lesson" or "exercise"
        self.nb = nbformat.read(path, as_version=4)
        self.href = ("exercise-" if kind == "exercise" else "") + path.stem + ".html"
        number = re.match(r"(\d+)", path.stem)
        self.number = number.group(1) if number else None
        self.title = title_of(self.nb, path.stem)
        self.exercises = []
        self.lesson = None

    def goals_html(self):
        return markdown2html_mistune(goals_of(self.nb)) if goals_of(self.nb) else ""

    def run_time(self):
        """'38 s' from the cells' execution timestamps (nbclient records them, so a fresh run and the committed
        outputs are timed alike, without the kernel's start), or '' if never executed."""
        seconds = span_seconds(self.nb)
        if seconds is None:
            return ""
        return f"{seconds:.0f} s" if seconds < 90 else f"{seconds / 60:.1f} min"


def title_of(nb, fallback):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def goals_of(nb):
    """The numbered or bulleted list that follows 'Learning goals' / 'After this lesson you can' in the first
    cells, or else the first paragraph after the title; Markdown."""
    for cell in nb.cells[:3]:
        if cell.cell_type != "markdown":
            continue
        lines = cell.source.splitlines()
        for i, line in enumerate(lines):
            if GOALS.search(line):
                items = []
                for item in lines[i + 1:]:
                    if re.match(r"\s*(\d+\.|[-*])\s", item) or (items and item.startswith((" ", "\t")) and item.strip()):
                        items.append(item)
                    elif items or item.strip():
                        break
                if items:
                    return "\n".join(items)
    first = next((c for c in nb.cells if c.cell_type == "markdown"), None)
    if first is None:
        return ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", first.source) if p.strip() and not p.startswith("#")]
    return paragraphs[0] if paragraphs else ""


def span_seconds(nb):
    """Seconds from the first code cell's start to the last one's reply, from nbclient's timing metadata."""
    def stamp(text):
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    starts, ends = [], []
    for cell in nb.cells:
        timing = cell.get("metadata", {}).get("execution", {})
        if "iopub.status.busy" in timing and "shell.execute_reply" in timing:
            starts.append(stamp(timing["iopub.status.busy"]))
            ends.append(stamp(timing["shell.execute_reply"]))
    return (max(ends) - min(starts)).total_seconds() if starts else None


def execute(page, kernel, timeout):
    """Runs every cell through the kernel (running past a lesson's intended error cells, as NotebooksIT does)."""
    from nbclient import NotebookClient
    started = time.monotonic()
    client = NotebookClient(page.nb, kernel_name=kernel, timeout=timeout, allow_errors=True,
                            resources={"metadata": {"path": str(page.path.parent)}})
    client.execute()
    wall = time.monotonic() - started
    errors = [o for c in page.nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    say(f"  {page.path.name}: {wall:.0f} s with the kernel's start, {len(errors)} error output(s)")


def copy_scripts(assets):
    """MathJax (the parts TeX input with SVG output loads) and RequireJS, from Debian's packages, into ASSETS."""
    if not (MATHJAX / "MathJax.js").exists() or not REQUIREJS.exists():
        fail("MathJax or RequireJS is missing: install Debian's libjs-mathjax and libjs-requirejs")
    for part in MATHJAX_PARTS:
        source, target = MATHJAX / part, assets / "mathjax" / part
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    shutil.copyfile(REQUIREJS, assets / "require.min.js")
    # Debian's minified RequireJS has lost its MIT notice; its copyright file goes beside it.
    notice = Path("/usr/share/doc/libjs-requirejs/copyright")
    if notice.exists():
        shutil.copyfile(notice, assets / "require.min.js.copyright.txt")


def copy_assets(out):
    assets = out / "assets"
    copy_scripts(assets)
    shutil.copyfile(TEMPLATES / "seqlab-book" / "book.css", assets / "book.css")
    licences = out / "licences"
    licences.mkdir(exist_ok=True)
    for source, name in LICENCES:
        shutil.copyfile(ROOT / source, licences / name)
    datasets = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    (licences / "datasets.html").write_text(site(out).get_template("text.html.j2").render(
        title="Seqlab datasets", body=markdown2html_mistune(datasets), root="../"), encoding="utf-8")


def site(out):
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES / "seqlab-book")),
                              autoescape=jinja2.select_autoescape(["html", "j2"]))


def build(notebooks, out, run, inplace, kernel, timeout):
    lessons = [Page(p, "lesson") for p in sorted(notebooks.glob("*.ipynb"))]
    if not lessons:
        fail(f"no notebooks in {notebooks}")
    exercises = [Page(p, "exercise") for p in sorted((notebooks / "exercises").glob("*.ipynb"))]
    by_number = {lesson.number: lesson for lesson in lessons if lesson.number}
    for exercise in exercises:
        lesson = by_number.get(exercise.number)
        if lesson:
            lesson.exercises.append(exercise)
            exercise.lesson = lesson
    # Reading order: each lesson, then its exercises; exercises without a lesson at the end.
    order = []
    for lesson in lessons:
        order += [lesson] + lesson.exercises
    order += [e for e in exercises if e.lesson is None]

    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    copy_assets(out)
    if run:
        say(f"executing {len(lessons)} lessons through the '{kernel}' kernel")
        for lesson in lessons:
            execute(lesson, kernel, timeout)
            if inplace:
                nbformat.write(lesson.nb, lesson.path)

    exporter = HTMLExporter(template_name="seqlab-book", extra_template_basedirs=[str(TEMPLATES)],
                            mathjax_url=MATHJAX_URL, require_js_url="assets/require.min.js")
    pages = ["index.html"] + [p.href for p in order]
    for i, page in enumerate(order, start=1):
        resources = {"metadata": {"name": page.title, "path": str(page.path.parent)},
                     "book": {"previous": pages[i - 1], "next": pages[i + 1] if i + 1 < len(pages) else None,
                              "page": page}}
        body, _ = exporter.from_notebook_node(page.nb, resources=resources)
        (out / page.href).write_text(book_links(body, page, order), encoding="utf-8")
    index = site(out).get_template("book-index.html.j2").render(
        lessons=lessons, orphans=[e for e in exercises if e.lesson is None], first=pages[1],
        mathjax_url=MATHJAX_URL, built=datetime.date.today().isoformat(), executed=run, root="")
    (out / "index.html").write_text(index, encoding="utf-8")
    say(f"course book: {len(order)} pages in {out}/ (open {out}/index.html)")


NOTEBOOK_LINK = re.compile(r'href="([^"#?:]+\.ipynb)((?:#[^"]*)?)"')


def book_links(body, page, pages):
    """A page's links to other notebooks of the workbook ('01-sequential-data.ipynb', 'exercises/01-….ipynb',
    '../03-vanilla-rnn.ipynb' from an exercise) pointed at their pages in the book, which are all in one folder.
    A link to a notebook the book does not hold is left as written (BookIT reports it)."""
    by_path = {p.path.resolve(): p.href for p in pages}

    def target(match):
        href = by_path.get((page.path.parent / match.group(1)).resolve())
        return f'href="{href}{match.group(2)}"' if href else match.group(0)

    return NOTEBOOK_LINK.sub(target, body)


def say(message):
    print(f"[book] {message}", file=sys.stderr)


def fail(message):
    print(f"[book] error: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--out", type=Path, default=ROOT / "target" / "book")
    parser.add_argument("--no-execute", action="store_true", help="render the committed outputs")
    parser.add_argument("--inplace", action="store_true", help="save the executed notebooks back")
    parser.add_argument("--kernel", default="seqlab")
    parser.add_argument("--timeout", type=int, default=600, help="seconds one cell may run")
    args = parser.parse_args()
    if args.no_execute and args.inplace:
        fail("--inplace saves executed notebooks, so it cannot go with --no-execute")
    build(args.notebooks.resolve(), args.out.resolve(), not args.no_execute, args.inplace, args.kernel, args.timeout)


if __name__ == "__main__":
    main()
