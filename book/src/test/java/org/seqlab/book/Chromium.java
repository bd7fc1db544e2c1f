package org.seqlab.book;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * Debian's headless Chromium ({@code /usr/bin/chromium}) driven through Debian's ChromeDriver
 * ({@code /usr/bin/chromedriver}) by Selenium, started with the flags a closed network needs and a fresh profile.
 * Nothing is downloaded: both executables are named, and Selenium Manager runs offline (see the pom).
 *
 * <p>Besides the driver it records what a page did: console errors ({@link #consoleErrors()}) and every request
 * the page made ({@link #traffic()}, from ChromeDriver's performance log). Every host name but localhost resolves
 * to nothing, so a page that asks the internet fails visibly instead of quietly waiting.
 */
final class Chromium implements AutoCloseable {
    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    /** The URLs a page requested and the ones that failed ({@code url: net::ERR_...}), since the last call. */
    record Traffic(List<String> requested, List<String> failed) {}

    private Chromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Starts a browser with a new profile under {@code profiles} and a 1280×1024 window. */
    static Chromium start(Path profiles) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("Debian's chromium and chromium-driver are needed: " + BROWSER + ", " + DRIVER
                    + " (./course test installs them; by hand: apt-get install chromium chromium-driver)");
        }
        try {
            Files.createDirectories(profiles);
            Path profile = Files.createTempDirectory(profiles, "chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1024",
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            logs.enable(LogType.PERFORMANCE, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            options.setExperimentalOption("perfLoggingPrefs", Map.of("enableNetwork", true, "enablePage", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.get("about:blank");
            return new Chromium(driver);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** Runs a script in the page and returns its value (see {@link JavascriptExecutor#executeScript}). */
    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an asynchronous script: it ends by calling {@code arguments[arguments.length - 1](value)}. */
    Object jsAsync(String script, Duration timeout, Object... args) {
        driver.manage().timeouts().scriptTimeout(timeout);
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Waits until {@code condition} holds, polling every 200 ms; fails naming {@code what}. */
    void waitUntil(Duration timeout, String what, Supplier<Boolean> condition) {
        new FluentWait<>(driver).withTimeout(timeout).pollingEvery(Duration.ofMillis(200))
                .withMessage(() -> "waited " + timeout.toSeconds() + " s for " + what)
                .until(d -> Boolean.TRUE.equals(condition.get()));
    }

    /** Console messages of level SEVERE since the last call (JavaScript errors, resources that failed to load). */
    List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(entry.getMessage());
            }
        }
        return errors;
    }

    /** Every request since the last call, from the DevTools network events ChromeDriver logs. */
    Traffic traffic() {
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        List<String> requested = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonObject message = JsonParser.parseString(entry.getMessage()).getAsJsonObject().getAsJsonObject("message");
            String method = message.get("method").getAsString();
            JsonObject params = message.getAsJsonObject("params");
            JsonElement document = params.get("documentURL");
            if (document != null && document.getAsString().matches("^(chrome|chrome-untrusted|devtools):.*")) {
                continue; // the browser's own pages (the first tab's new-tab page), not the page under test
            }
            if (method.equals("Network.requestWillBeSent")) {
                String url = params.getAsJsonObject("request").get("url").getAsString();
                urls.put(params.get("requestId").getAsString(), url);
                requested.add(url);
            } else if (method.equals("Network.loadingFailed")) {
                JsonElement canceled = params.get("canceled");
                if (canceled == null || !canceled.getAsBoolean()) {
                    failed.add(urls.getOrDefault(params.get("requestId").getAsString(), "?") + ": "
                            + params.get("errorText").getAsString());
                }
            }
        }
        return new Traffic(requested, failed);
    }

    /** A PNG of the whole page (beyond the window, up to 16,000 px high), through DevTools. */
    void screenshot(Path png) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(((Number) size.get("height")).doubleValue(), 16_000);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        try {
            Files.createDirectories(png.getParent());
            Files.write(png, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Just the window, as a person sees it (for pages that scroll inside an element, like Jupyter's). */
    void windowScreenshot(Path png) {
        try {
            Files.createDirectories(png.getParent());
            Files.write(png, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
