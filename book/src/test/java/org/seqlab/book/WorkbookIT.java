package org.seqlab.book;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;

/**
 * The live workbook in Jupyter Notebook 6's own UI, driven by Debian's headless Chromium: the server started as
 * {@code ./course start --no-browser} starts it (a free port, a token), on a throwaway copy of {@code notebooks/}
 * (so autosave never touches the committed files), with the course kernel installed under this module's target.
 *
 * <ol>
 *   <li>Trust: a notebook trusted with {@code jupyter trust} (as {@code ./course start} does) shows its committed
 *       HTML output (the coloured text of 00-welcome) with its inline styles; the same notebook untrusted shows
 *       it sanitised, without them (so the check can tell the two apart).</li>
 *   <li>00-welcome: the kernel indicator says "Java (Seqlab)"; Cell → Run All; when every cell is done and the
 *       kernel idle, the page shows as many charts as the committed notebook has image outputs, and no error.
 *       Then a cell {@code while (true) {}} runs, the toolbar's interrupt button stops it, and the kernel answers
 *       the next cell.</li>
 *   <li>A sample of the other lessons, Run All each (not saved), with the same counts: the lessons in order
 *       while their committed cell times add up to at most {@value #SAMPLE_SECONDS} s (the UI adds kernel start
 *       and rendering on top), so the check stays a few minutes as lessons are added;
 *       {@code -Dseqlab.workbook.all=true} runs every lesson. The test's output names the lessons it ran.</li>
 * </ol>
 * Screenshots of each notebook after its run go to {@code book/target/workbook-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkbookIT {
    static final int SAMPLE_SECONDS = 60;
    private static final String TOKEN = "seqlab-browser-test";
    private static final Duration RUN_ALL = Duration.ofMinutes(5);

    private static Path workbook;
    private static Process server;
    private static int port;
    private static Chromium chromium;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void startTheNotebookServer() throws Exception {
        Path share = Tools.kernel();
        Path base = Tools.target().resolve("workbook");
        deleteTree(base);
        workbook = base.resolve("notebooks");
        Files.createDirectories(workbook);
        try (Stream<Path> files = Files.list(Tools.root().resolve("notebooks"))) {
            for (Path nb : files.filter(p -> p.toString().endsWith(".ipynb")).toList()) {
                Files.copy(nb, workbook.resolve(nb.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Map<String, String> env = Map.of("JUPYTER_PATH", share.toString(),
                "JUPYTER_DATA_DIR", base.resolve("data").toString(),
                "JUPYTER_CONFIG_DIR", base.resolve("config").toString(),
                "JUPYTER_RUNTIME_DIR", base.resolve("runtime").toString());
        List<String> trust = new ArrayList<>(List.of(Tools.PYTHON, "-m", "nbformat.sign"));
        try (Stream<Path> files = Files.list(workbook)) {
            files.map(Path::toString).sorted().forEach(trust::add);
        }
        Tools.run(trust, base, env, Duration.ofMinutes(1)).orFail("jupyter trust");
        // An untrusted twin of the welcome: signatures are of the content, so the twin's metadata differs.
        Notebook twin = Notebook.read(workbook.resolve("00-welcome.ipynb"));
        twin.json().getAsJsonObject("metadata").addProperty("seqlab_untrusted_twin", true);
        Files.writeString(workbook.resolve("untrusted-00-welcome.ipynb"), twin.json().toString());

        port = Tools.freePort();
        List<String> command = new ArrayList<>(List.of(Tools.JUPYTER, "notebook", "--no-browser", "--port=" + port,
                "--ip=127.0.0.1", "--notebook-dir=" + workbook, "--NotebookApp.token=" + TOKEN));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--allow-root");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(base.resolve("notebook-server.log").toFile());
        builder.environment().putAll(env);
        server = builder.start();
        chromium = Chromium.start(Tools.target().resolve("chromium"));
        chromium.waitUntil(Duration.ofSeconds(60), "the notebook server on port " + port, () -> {
            try {
                return api("GET", "/api/status").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stopTheServer() {
        if (chromium != null) {
            chromium.close();
        }
        Tools.stop(server);
    }

    @Test
    @Order(1)
    void committedHtmlOutputsKeepTheirStylesOnceTheNotebookIsTrusted() throws Exception {
        String styled = """
                return Array.from(document.querySelectorAll('.output_html span[title^="t="]'))
                    .filter(s => getComputedStyle(s).backgroundColor !== 'rgba(0, 0, 0, 0)').length""";
        String spans = "return document.querySelectorAll('.output_html span[title^=\"t=\"]').length";

        open("00-welcome.ipynb");
        long shown = (Long) chromium.js(spans);
        assertTrue(shown > 0, "00-welcome shows no coloured-text output to check");
        assertEquals(shown, (Long) chromium.js(styled), "a trusted notebook's coloured text lost its colours");
        assertEquals("Trusted", chromium.driver().findElement(By.id("notification_trusted")).getText().strip());

        open("untrusted-00-welcome.ipynb");
        assertEquals(0L, (Long) chromium.js(styled), "an untrusted notebook's HTML should be shown sanitised");
        assertEquals("Not Trusted", chromium.driver().findElement(By.id("notification_trusted")).getText().strip());
        shutDownKernels();
    }

    @Test
    @Order(2)
    void theWelcomeRunsAllAndTheToolbarInterruptStopsARunawayCell() throws Exception {
        Notebook welcome = Notebook.read(workbook.resolve("00-welcome.ipynb"));
        open("00-welcome.ipynb");
        String kernel = chromium.driver().findElement(By.cssSelector("#kernel_indicator .kernel_indicator_name")).getText();
        assertEquals("Java (Seqlab)", kernel, "the kernel indicator");
        runAllAndCheck(welcome);

        chromium.js("const cell = Jupyter.notebook.insert_cell_at_bottom('code');"
                + "cell.set_text('while (true) {}'); Jupyter.notebook.select(Jupyter.notebook.ncells() - 1);"
                + "cell.execute();");
        chromium.waitUntil(Duration.ofSeconds(120), "the runaway cell to start",
                () -> (Boolean) chromium.js("return Jupyter.notebook.get_cell(-1).input_prompt_number === '*'"
                        + " && document.querySelector('#kernel_indicator_icon').classList.contains('kernel_busy_icon')"));
        chromium.driver().findElement(By.cssSelector(
                "button[data-jupyter-action='jupyter-notebook:interrupt-kernel']")).click();
        chromium.waitUntil(Duration.ofSeconds(120), "the kernel to be idle after the toolbar's interrupt", this::idle);

        chromium.js("const cell = Jupyter.notebook.insert_cell_at_bottom('code'); cell.set_text('6 * 7');"
                + "cell.execute();");
        try {
            chromium.waitUntil(Duration.ofSeconds(120), "the kernel to answer the cell after the interrupt", () -> {
                Object text = chromium.js("const o = Jupyter.notebook.get_cell(-1).output_area.outputs;"
                        + "return o.length ? JSON.stringify(o) : null");
                return text != null && text.toString().contains("42");
            });
            assertTrue(idle(), "the kernel is not idle after the cell that followed the interrupt");
        } finally {
            chromium.js("Jupyter.notebook.scroll_to_bottom()");
            chromium.windowScreenshot(Tools.target().resolve("workbook-screenshots/00-welcome-interrupted.png"));
        }
        shutDownKernels();
    }

    @Test
    @Order(3)
    void aSampleOfTheOtherLessonsRunsAllInTheNotebookUi() throws Exception {
        boolean all = Boolean.getBoolean("seqlab.workbook.all");
        List<Notebook> sample = new ArrayList<>();
        double seconds = 0;
        for (Notebook lesson : Notebook.lessons(workbook)) {
            if (lesson.stem().startsWith("00-") || lesson.stem().startsWith("untrusted-")) {
                continue;
            }
            if (!all && seconds + lesson.committedSeconds() > SAMPLE_SECONDS) {
                break;
            }
            seconds += lesson.committedSeconds();
            sample.add(lesson);
        }
        System.out.println("[workbook] Run All in the Notebook UI for: "
                + sample.stream().map(Notebook::stem).toList() + (all ? " (every lesson)" : " (sample)"));
        for (Notebook lesson : sample) {
            open(lesson.path().getFileName().toString());
            runAllAndCheck(lesson);
            shutDownKernels();
        }
    }

    /** Opens a notebook of the copy and waits until it is loaded and its kernel idle; autosave off. */
    private void open(String name) {
        chromium.driver().get("http://127.0.0.1:" + port + "/notebooks/" + name + "?token=" + TOKEN);
        chromium.waitUntil(Duration.ofSeconds(90), name + " to load and its kernel to start", () -> (Boolean) chromium.js(
                "return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook._fully_loaded"
                        + " && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected())") && idle());
        chromium.js("Jupyter.notebook.set_autosave_interval(0)");
    }

    private boolean idle() {
        return (Boolean) chromium.js(
                "return document.querySelector('#kernel_indicator_icon').classList.contains('kernel_idle_icon')");
    }

    /** Cell → Run All from the menu bar; waits until no cell is queued or running; compares with the commit. */
    private void runAllAndCheck(Notebook lesson) {
        String name = lesson.stem();
        chromium.driver().findElement(By.linkText("Cell")).click();
        chromium.driver().findElement(By.cssSelector("#run_all_cells > a")).click();
        chromium.waitUntil(Duration.ofSeconds(20), name + ": Run All to start", () -> (Boolean) chromium.js(
                "return Jupyter.notebook.get_cells().some(c => c.cell_type === 'code' && c.input_prompt_number === '*')"));
        chromium.waitUntil(RUN_ALL, name + ": every cell to run", () -> idle() && (Boolean) chromium.js(
                "return Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code' && c.get_text().trim())"
                        + ".every(c => typeof c.input_prompt_number === 'number')"));
        long images = (Long) chromium.js("return document.querySelectorAll('#notebook-container .output_png img').length");
        @SuppressWarnings("unchecked")
        List<String> errors = (List<String>) chromium.js("return Array.from(document.querySelectorAll("
                + "'#notebook-container .output_error')).map(e => e.innerText.slice(0, 300))");
        chromium.windowScreenshot(Tools.target().resolve("workbook-screenshots").resolve(name + ".png"));
        assertEquals(List.of(), errors, name + ": error outputs after Run All");
        assertEquals(lesson.images(), images, name + ": charts after Run All against the committed image outputs");
    }

    private static void shutDownKernels() throws Exception {
        HttpResponse<String> sessions = api("GET", "/api/sessions");
        // Each session holds a kernel: delete them all so lessons do not pile up kernels on 2 cores.
        var json = com.google.gson.JsonParser.parseString(sessions.body()).getAsJsonArray();
        for (var session : json) {
            api("DELETE", "/api/sessions/" + session.getAsJsonObject().get("id").getAsString());
        }
    }

    private static HttpResponse<String> api(String method, String path) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "token " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(30)).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
