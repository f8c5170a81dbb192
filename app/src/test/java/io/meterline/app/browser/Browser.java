package io.meterline.app.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Debian Chromium driven by Selenium, offline, plus what the UI tests ask of it. */
public final class Browser implements AutoCloseable {

    private final ChromeDriver driver;
    private final Path screenshots;
    private final String base;

    public Browser(String base, Path profile, Path downloads, Path screenshots) {
        System.setProperty("SE_OFFLINE", "true"); // Selenium Manager never downloads anything
        this.base = base;
        this.screenshots = screenshots;
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserAvailable.CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--force-device-scale-factor=1",
                "--lang=en-US", // numbers are grouped as en-US writes them, whatever the machine's locale
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(BrowserAvailable.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        size(1400, 900);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Opens a page of the UI (path with its query) and waits until it has drawn. */
    public void open(String pathAndQuery) {
        driver.get(base + pathAndQuery);
        settled(-1);
    }

    /** Reloads the page and waits until it has drawn again. */
    public void reload() {
        driver.navigate().refresh();
        settled(-1);
    }

    public int loads() {
        Object n = js("return Number(document.body.dataset.loads || 0)");
        return ((Number) n).intValue();
    }

    /** Does something that changes the view and waits until the page has drawn the result. */
    public void act(Runnable action) {
        int before = loads();
        action.run();
        settled(before);
    }

    private void settled(int before) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> "false".equals(js(
                "return document.body.dataset.loading")) && loads() > before);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The time zone the page shows times in (the machine's), as the UI names it. */
    public String timeZone() {
        return (String) js("return Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time'");
    }

    public String query() {
        return (String) js("return location.search");
    }

    /** Pixels of the chart's canvas that are drawn on (alpha > 0): a blank chart has none. */
    public long drawnPixels(String chartCss) {
        return ((Number) js("const c = document.querySelector(arguments[0] + ' canvas');"
                + "if (!c) return 0; const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;", chartCss)).longValue();
    }

    /** How many of the given colours (#rrggbb) the chart's canvas shows in at least minPixels pixels. */
    public long coloursDrawn(String chartCss, List<String> colours, int minPixels) {
        return ((Number) js("const c = document.querySelector(arguments[0] + ' canvas');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "const rgb = arguments[1].map(h => [1, 3, 5].map(i => parseInt(h.substr(i, 2), 16)));"
                + "const counts = rgb.map(() => 0);"
                + "for (let i = 0; i < d.length; i += 4) { if (d[i + 3] < 250) continue;"
                + "  rgb.forEach((c, k) => { if (Math.abs(d[i] - c[0]) < 8 && Math.abs(d[i + 1] - c[1]) < 8"
                + "    && Math.abs(d[i + 2] - c[2]) < 8) counts[k]++; }); }"
                + "return counts.filter(n => n >= arguments[2]).length;", chartCss, colours, minPixels)).longValue();
    }

    public Path screenshot(String name) {
        try {
            Files.createDirectories(screenshots);
            Path target = screenshots.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Console errors (and failed requests) since the last call. */
    public List<String> consoleErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
