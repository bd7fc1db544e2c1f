package org.seqlab.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The course book ({@code ./course book}) in Debian's headless Chromium, built here with {@code --no-execute}
 * from the committed outputs (NotebooksIT executes the notebooks; this checks what the book makes of them).
 *
 * <p>From {@code file://} the test walks the book by its "next →" links from the index to the last page and back
 * by "← previous", and on every page checks: no console error; no request but {@code file:}/{@code data:}; every
 * image decodes (natural width &gt; 0) and a lesson shows as many charts as its notebook has image outputs;
 * MathJax rendered the page's TeX (SVG output present, no MathJax error, no raw {@code $$} or {@code $\…$} left
 * in the text); every relative link names a file of the site; the licence footer. A full-page screenshot of each
 * page goes to {@code book/target/book-screenshots/}. Then the same pages from a static web server on localhost.
 */
class BookIT {
    private static Path site;
    private static Chromium chromium;
    private static Map<String, Notebook> notebooks;

    @BeforeAll
    static void buildTheBook() {
        site = Tools.target().resolve("book");
        Tools.python("build_book.py", "--no-execute", "--out", site.toString()).orFail("build_book.py --no-execute");
        notebooks = new HashMap<>();
        for (Notebook nb : Notebook.lessons(Tools.root().resolve("notebooks"))) {
            notebooks.put(nb.stem() + ".html", nb);
        }
        chromium = Chromium.start(Tools.target().resolve("chromium"));
    }

    @AfterAll
    static void closeTheBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void everyPageWorksFromFileUrlsAndPreviousNextReachEveryPage() throws IOException {
        String base = site.toUri().toString();
        List<String> forward = walk(base, "index.html", "next", Check.FULL_WITH_SCREENSHOT);
        Set<String> pages;
        try (Stream<Path> files = Files.list(site)) {
            pages = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(pages, new TreeSet<>(forward), "the next links from index.html must reach every page once");
        assertEquals(forward.size(), pages.size(), "a page is reached twice: " + forward);
        assertTrue(notebooks.keySet().stream().allMatch(forward::contains), "a lesson has no page: " + forward);

        List<String> backward = walk(base, forward.get(forward.size() - 1), "prev", Check.NAVIGATION);
        List<String> reversed = new ArrayList<>(forward);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, backward, "the previous links must retrace the next links");

        chromium.driver().get(base + "index.html");
        for (Notebook nb : notebooks.values()) {
            WebElement entry = chromium.driver().findElement(By.cssSelector("a[href='" + nb.stem() + ".html']"));
            assertFalse(entry.getText().isBlank(), nb.stem() + " is listed without a title");
        }
        String index = chromium.driver().findElement(By.tagName("body")).getText();
        // "38 s", or "2.4 min" for a lesson whose committed cells ran 90 s or more
        assertTrue(index.matches("(?s).*\\b(\\d+ s|\\d+\\.\\d min)\\b.*"), "the index shows no lesson run time:\n" + index);
    }

    @Test
    void everyPageWorksFromAStaticWebServer() throws Exception {
        int port = Tools.freePort();
        Process server = new ProcessBuilder(Tools.PYTHON, "-m", "http.server", String.valueOf(port),
                "--bind", "127.0.0.1", "--directory", site.toString())
                .redirectErrorStream(true).redirectOutput(Tools.target().resolve("book-server.log").toFile()).start();
        try {
            String base = "http://127.0.0.1:" + port + "/";
            chromium.waitUntil(Duration.ofSeconds(20), "the static server on port " + port, () -> {
                try (var socket = new java.net.Socket("127.0.0.1", port)) {
                    return true;
                } catch (IOException e) {
                    return false;
                }
            });
            List<String> forward = walk(base, "index.html", "next", Check.FULL);
            assertEquals(notebooks.size() + 1, forward.stream().filter(p -> !p.startsWith("exercise-")).count(),
                    "from the server the book does not reach every lesson: " + forward);
        } finally {
            Tools.stop(server);
        }
    }

    @Test
    void exercisesComeAfterTheirLessonAndAreLinkedFromItAndTheIndex() {
        Path fixture = Path.of("src/test/resources/book-fixture").toAbsolutePath();
        Path book = Tools.target().resolve("book-exercises");
        Tools.python("build_book.py", "--no-execute", "--notebooks", fixture.toString(), "--out", book.toString())
                .orFail("build_book.py on the fixture with exercises");
        String exercise = "exercise-01-fixture-exercises.html";
        assertEquals(List.of("index.html", "01-fixture.html", exercise),
                walk(book.toUri().toString(), "index.html", "next", Check.NAVIGATION));
        assertEquals(1, chromium.driver().findElements(By.cssSelector(".seqlab-exercise-of a[href='01-fixture.html']")).size(),
                "the exercise page does not link back to its lesson");
        chromium.driver().get(book.resolve("01-fixture.html").toUri().toString());
        assertEquals(1, chromium.driver().findElements(By.cssSelector(".seqlab-exercises a[href='" + exercise + "']")).size(),
                "the lesson does not list its exercises");
        chromium.driver().get(book.resolve("index.html").toUri().toString());
        assertEquals(1, chromium.driver().findElements(By.cssSelector(".seqlab-exercise-links a[href='" + exercise + "']")).size(),
                "the index does not list the lesson's exercises");
        assertEquals(2, chromium.driver().findElements(By.cssSelector(".seqlab-goals li")).size(),
                "the index does not show the lesson's two learning goals");
    }

    /** How much {@link #walk} checks on each page: only where its links go, everything, or everything plus a screenshot. */
    private enum Check { NAVIGATION, FULL, FULL_WITH_SCREENSHOT }

    /** Follows the {@code rel} links from {@code start}, checking every page on the way; returns the pages in order. */
    private List<String> walk(String base, String start, String rel, Check check) {
        List<String> visited = new ArrayList<>();
        String page = start;
        while (page != null) {
            if (visited.contains(page) || visited.size() > 200) {
                throw new AssertionError("the " + rel + " links loop: " + visited + " then " + page);
            }
            visited.add(page);
            if (check == Check.NAVIGATION) {
                chromium.driver().get(base + page);
                loaded(page);
            } else {
                check(base, page, check == Check.FULL_WITH_SCREENSHOT);
            }
            List<WebElement> links = chromium.driver().findElements(By.cssSelector("nav a[rel='" + rel + "']"));
            page = links.isEmpty() ? null : fileName(links.get(0).getAttribute("href"));
        }
        return visited;
    }

    private void check(String base, String page, boolean screenshot) {
        chromium.consoleErrors();
        chromium.traffic();
        chromium.driver().get(base + page);
        loaded(page);
        chromium.waitUntil(Duration.ofSeconds(60), page + ": MathJax to start",
                () -> (Boolean) chromium.js("return !window.MathJax || MathJax.isReady === true"));
        // Typesetting is queued at start-up; a callback queued now runs once it is done.
        Object math = chromium.jsAsync("""
                const done = arguments[arguments.length - 1];
                if (!window.MathJax || !MathJax.Hub) { done('no MathJax'); return; }
                MathJax.Hub.Queue(() => done('typeset'));
                """, Duration.ofSeconds(60));
        Notebook nb = notebooks.get(page);

        List<String> errors = chromium.consoleErrors();
        assertEquals(List.of(), errors, page + ": console errors");
        Chromium.Traffic traffic = chromium.traffic();
        String origin = base.startsWith("http") ? base : "file:";
        List<String> foreign = traffic.requested().stream()
                .filter(u -> !(u.startsWith(origin) || u.startsWith("data:") || u.startsWith("about:"))).toList();
        assertEquals(List.of(), foreign, page + ": requests that are not the book's own files");
        assertEquals(List.of(), traffic.failed(), page + ": requests that failed");

        @SuppressWarnings("unchecked")
        List<String> broken = (List<String>) chromium.js(
                "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0))"
                        + ".map(i => i.src.slice(0, 80))");
        assertEquals(List.of(), broken, page + ": images that do not decode");
        if (nb != null) {
            long charts = (Long) chromium.js("return document.querySelectorAll('.jp-OutputArea-output img').length");
            assertEquals(nb.images(), charts, page + ": charts shown against the notebook's image outputs");
        }

        boolean hasMath = nb != null ? nb.hasMath() : page.equals("index.html") && notebooks.values().stream().anyMatch(Notebook::hasMath);
        if (hasMath) {
            assertEquals("typeset", math, page + ": MathJax did not run");
            long rendered = (Long) chromium.js("return document.querySelectorAll('.MathJax_SVG, .MathJax_SVG_Display').length");
            assertTrue(rendered > 0, page + ": the page has TeX but MathJax rendered none of it");
        }
        long mathErrors = (Long) chromium.js("return document.querySelectorAll('.MathJax_Error, [data-mjx-error], merror').length");
        assertEquals(0, mathErrors, page + ": MathJax reported TeX errors");
        String prose = (String) chromium.js("return Array.from(document.querySelectorAll("
                + "'.jp-RenderedMarkdown, .seqlab-goals')).map(e => e.innerText).join('\\n')");
        assertFalse(prose.contains("$$"), page + ": raw $$ left in the text");
        java.util.regex.Matcher raw = java.util.regex.Pattern.compile("\\$[^$\\n]*[\\\\_^][^$\\n]*\\$").matcher(prose);
        assertFalse(raw.find(), () -> page + ": raw TeX left in the text: " + raw.group());

        @SuppressWarnings("unchecked")
        List<String> hrefs = (List<String>) chromium.js(
                "return Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))");
        for (String href : hrefs) {
            if (href.startsWith("#") || href.matches("^[a-z]+:.*")) {
                continue;
            }
            Path target = site.resolve(page).getParent().resolve(href.replaceAll("[#?].*", "")).normalize();
            assertTrue(Files.isRegularFile(target), page + ": the link " + href + " names no file of the book");
        }
        if (!page.startsWith("licences/")) {
            String footer = chromium.driver().findElement(By.cssSelector("footer.seqlab-footer")).getText();
            assertTrue(footer.contains("Apache License 2.0") && footer.contains("CC BY 4.0")
                    && footer.contains("datasets"), page + ": the licence footer says " + footer);
        }
        if (screenshot) {
            chromium.screenshot(Tools.target().resolve("book-screenshots").resolve(page.replace(".html", ".png")));
        }
    }

    /** Waits until the page has loaded and shows the book's navigation bar. */
    private static void loaded(String page) {
        chromium.waitUntil(Duration.ofSeconds(60), page + " to load", () -> (Boolean) chromium.js(
                "return document.readyState === 'complete' && !!document.querySelector('nav.seqlab-nav')"));
    }

    private static String fileName(String href) {
        String path = URI.create(href).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
