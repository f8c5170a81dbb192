package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.app.browser.Browser;
import io.meterline.app.browser.BrowserAvailable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in real headless Chromium against the real app (embedded Kafka and QuestDB), with
 * demo data sent through the HTTP API. Each view leaves a screenshot in target/screenshots/.
 */
@ExtendWith(BrowserAvailable.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiBrowserIT {

    /** The first colours of the UI's palette (ui/.../charts/palette.js): series i is drawn in colour i. */
    static final List<String> PALETTE = List.of("#3b82f6", "#e11d74", "#16a34a", "#f59e0b", "#8b5cf6", "#06b6d4",
            "#ef4444", "#84cc16");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path dir;
    static UiSession session;
    static Http http;
    static Browser browser;
    static DemoSeed seed;
    static Path downloads;
    Pattern allowedConsoleErrors = null;

    @BeforeAll
    static void start() throws IOException {
        session = new UiSession(dir);
        http = session.http;
        browser = session.browser;
        seed = new DemoSeed();
        seed.load(http);
        awaitRows("/metrics/inventory_count/data?limit=1000", DemoSeed.GAUGE_SERIES * DemoSeed.GAUGE_POINTS_PER_SERIES);
        awaitRows("/metrics/shipment_status/data", DemoSeed.ORDERS * 4);
        awaitRows("/metrics/processing_times/data", 72);
        downloads = dir.resolve("downloads");
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        session.assertNoConsoleErrors(allowedConsoleErrors);
    }

    @Test
    @Order(1)
    void aFreshVisitWelcomesWithACurlLineAndListsMetricsWithTypeBadges() {
        browser.open("/");
        assertThat(browser.find("#welcome").isDisplayed()).isTrue();
        assertThat(browser.find("#welcome-curl").getText()).contains("curl -XPOST", "/metrics");
        assertThat(browser.all("#metric-list .metric-name")).extracting(WebElement::getText)
                .containsExactly("inventory_count", "processing_times", "shipment_status");
        assertThat(browser.all("#metric-list .badge")).extracting(WebElement::getText)
                .containsExactly("GAUGE", "HISTOGRAM", "ENUM");
        browser.find("#metric-search").sendKeys("ship");
        assertThat(browser.all("#metric-list .metric-name")).extracting(WebElement::getText)
                .containsExactly("shipment_status");
        browser.screenshot("01-welcome");
        browser.find("#metric-search").clear();
        browser.js("document.getElementById('metric-search').dispatchEvent(new Event('input'))");
    }

    @Test
    @Order(2)
    void aGaugeDrawsOneLinePerSeries() {
        browser.open("/?range=6h");
        browser.act(() -> browser.find("[data-metric=inventory_count]").click());
        assertThat(browser.query()).contains("metric=inventory_count");
        assertThat(browser.find("[data-chart=main]").getAttribute("data-series")).isEqualTo("8");
        assertThat(browser.drawnPixels("[data-chart=main]")).isGreaterThan(10_000);
        assertThat(browser.coloursDrawn("[data-chart=main]", PALETTE, 40)).isEqualTo(8);
        assertThat(browser.find("#graph-status").getText()).isEmpty();
        browser.screenshot("02-gauge-lines");
    }

    @Test
    @Order(3)
    void filteringByALabelShowsFewerSeries() {
        browser.open("/?metric=inventory_count&range=6h");
        browser.act(() -> browser.find("input[data-key=region][data-value=EU]").click());
        assertThat(browser.query()).contains("l.region=EU");
        assertThat(browser.find("[data-chart=main]").getAttribute("data-series")).isEqualTo("4");
        assertThat(browser.coloursDrawn("[data-chart=main]", PALETTE, 40)).isEqualTo(4);
        browser.act(() -> browser.find("#gb-product_category").click());
        assertThat(browser.query()).contains("group_by=product_category");
        assertThat(browser.find("[data-chart=main]").getAttribute("data-series")).isEqualTo("3");
        browser.screenshot("03-gauge-filtered-grouped");
    }

    @Test
    @Order(4)
    void changingTheRangeRedrawsThatWindowAndAnEmptyRangeSaysSo() {
        browser.open("/?metric=inventory_count&range=6h");
        int sixHours = Integer.parseInt(browser.find("[data-chart=main]").getAttribute("data-points"));
        browser.act(() -> browser.find("[data-range='15m']").click());
        assertThat(browser.query()).contains("range=15m");
        assertThat(browser.find("[data-range='15m']").getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.find("[data-range='6h']").getAttribute("aria-pressed")).isEqualTo("false");
        int quarterHour = Integer.parseInt(browser.find("[data-chart=main]").getAttribute("data-points"));
        assertThat(quarterHour).isPositive().isLessThan(sixHours / 10);

        browser.open("/?metric=inventory_count&range=custom&from=2020-01-01T00:00:00Z&to=2020-01-02T00:00:00Z");
        assertThat(browser.find("#graph-status").getText()).startsWith("No points between").contains("2020-01-01");
        assertThat(browser.all("[data-chart] canvas")).isEmpty();
        browser.screenshot("04-empty-range");
    }

    @Test
    @Order(5)
    void theTableShowsRawPointsPagedFromTheServerAndSortsByColumn() {
        browser.open("/?metric=inventory_count&range=6h");
        browser.act(() -> browser.find("#tab-table").click());
        assertThat(browser.query()).contains("tab=table");
        assertThat(browser.find("#graph-panel").isDisplayed()).isFalse();
        List<WebElement> rows = browser.all("#data-table tbody tr");
        assertThat(rows).hasSizeBetween(90, 100); // a page of 100 never splits a timestamp of 8 series
        assertThat(browser.all("#data-table thead th")).extracting(WebElement::getText)
                .containsExactly("timestamp (" + browser.timeZone() + ")", "product_category", "product_model", "region", "value");
        String firstTime = browser.find("#data-table tbody tr td").getText();
        browser.act(() -> browser.find("#page-next").click());
        assertThat(browser.query()).contains("at=");
        assertThat(browser.find("#data-table tbody tr td").getText()).isGreaterThan(firstTime);
        browser.act(() -> browser.find("[data-column=value]").click());
        List<Double> values = browser.all("#data-table tbody tr td:last-child").stream()
                .map(e -> Double.parseDouble(e.getAttribute("title"))).toList();
        assertThat(values).isSorted();
        browser.screenshot("05-table");
        browser.act(() -> browser.find("#tab-graph").click());
        assertThat(browser.find("[data-chart=main] canvas").isDisplayed()).isTrue();
    }

    @Test
    @Order(6)
    void anEnumDrawsAPieOfStatesAndATimelinePerSeries() {
        browser.open("/?metric=shipment_status" + allSeeded());
        assertThat(browser.find("[data-chart=pie]").getAttribute("data-series")).isEqualTo("5");
        assertThat(browser.find("[data-chart=timeline]").getAttribute("data-series")).isEqualTo(String.valueOf(DemoSeed.ORDERS));
        assertThat(browser.drawnPixels("[data-chart=pie]")).isGreaterThan(10_000);
        assertThat(browser.coloursDrawn("[data-chart=pie]", PALETTE.subList(0, 5), 100)).isEqualTo(5);
        assertThat(browser.coloursDrawn("[data-chart=timeline]", PALETTE.subList(0, 5), 100)).isEqualTo(5);
        browser.screenshot("06-enum-pie-timeline");
    }

    @Test
    @Order(7)
    void aHistogramDrawsAHeatmapWithQuantileLines() {
        browser.open("/?metric=processing_times" + allSeeded());
        assertThat(browser.find("[data-chart=main]").getAttribute("data-points")).isEqualTo("36");
        assertThat(browser.drawnPixels("[data-chart=main]")).isGreaterThan(50_000);
        // the p50, p90 and p99 lines are series 1 to 3, in palette colours 1 to 3
        assertThat(browser.coloursDrawn("[data-chart=main]", PALETTE.subList(1, 4), 40)).isEqualTo(3);
        browser.screenshot("07-histogram-heatmap");
    }

    @Test
    @Order(8)
    void downloadCsvExportsExactlyWhatIsFiltered() throws Exception {
        browser.open("/?metric=inventory_count" + allSeeded() + "&l.region=EU");
        String href = browser.find("#csv-link").getAttribute("href");
        assertThat(href).contains("/metrics/inventory_count/data.csv?", "region=EU");
        browser.find("#csv-link").click();
        Path file = downloads.resolve("inventory_count.csv");
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20)).until(d -> Files.exists(file)
                && !Files.exists(downloads.resolve("inventory_count.csv.crdownload")));
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines.get(0)).isEqualTo("timestamp,product_category,product_model,region,value");
        assertThat(lines).hasSize(1 + 4 * DemoSeed.GAUGE_POINTS_PER_SERIES);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.contains(",EU,"));
    }

    @Test
    @Order(9)
    void dragZoomsIntoTheChartAndDoubleClickGoesBack() {
        browser.open("/?metric=inventory_count&range=6h");
        WebElement chart = browser.find("[data-chart=main]");
        browser.act(() -> new Actions(browser.driver()).moveToElement(chart, -250, 40).clickAndHold()
                .moveByOffset(150, 0).moveByOffset(100, 0).release().perform());
        assertThat(browser.query()).contains("zoom_from=", "zoom_to=");
        assertThat(browser.find("#range-text").getText()).contains("zoomed");
        new Actions(browser.driver()).moveToElement(browser.find("#metric-title")).perform(); // no hover highlight
        browser.screenshot("09-zoomed");
        browser.act(() -> new Actions(browser.driver()).moveToElement(chart, 0, 40).doubleClick().perform());
        assertThat(browser.query()).doesNotContain("zoom_from");
    }

    @Test
    @Order(10)
    void theThemeSwitchesIsRememberedAndTheChartsFollowIt() {
        browser.open("/?metric=inventory_count&range=6h");
        assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("light");
        browser.act(() -> new Select(browser.find("#theme-select")).selectByValue("dark"));
        assertDark();
        browser.screenshot("10-dark-gauge");
        browser.open("/?metric=shipment_status&range=6h");
        assertDark();
        assertThat(browser.coloursDrawn("[data-chart=timeline]", PALETTE.subList(0, 5), 100)).isEqualTo(5);
        browser.screenshot("10-dark-enum");
        browser.open("/?metric=processing_times&range=6h&tab=table");
        assertDark();
        browser.screenshot("10-dark-histogram-table");
        browser.act(() -> browser.find("#tab-graph").click());
        browser.screenshot("10-dark-histogram");
        browser.act(() -> new Select(browser.find("#theme-select")).selectByValue("light"));
        assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("light");
    }

    /**
     * 1,000 series at one point per pixel, drawn by the UI's own chart code: every series must be on
     * the canvas in its palette colour. How long it takes is reported (target/ui-timings.txt and the
     * output), not asserted: speed is a benchmark's business, not a test's.
     */
    @Test
    @Order(14)
    void aThousandSeriesAtOnePointPerPixelAreAllDrawn() throws IOException {
        browser.open("/?metric=inventory_count&range=6h");
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) browser.driver().executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "Promise.all([import('/js/charts/gauge-chart.js'), import('/js/charts/echarts.js'), import('/js/charts/palette.js')])"
                + ".then(([g, echarts, pal]) => {"
                + "  const end = Date.now(), start = end - 6 * 3600e3, seriesList = [];"
                + "  for (let s = 0; s < 1000; s++) { const rows = [];"
                + "    for (let i = 0; i < 1000; i++) rows.push({ t: start + i * 21600, value: s + Math.sin(i / 50 + s) * 10 });"
                + "    seriesList.push({ name: 'series ' + s, rows }); }"
                + "  const el = document.createElement('div'); el.id = 'thousand'; el.style.cssText = 'width:1000px;height:420px';"
                + "  document.body.append(el);"
                + "  const t0 = performance.now();"
                + "  const chart = echarts.init(el);"
                + "  chart.setOption(g.gaugeOption({ seriesList, win: { start, end }, unit: '', theme: 'light', width: 1000 }));"
                + "  chart.getZr().refreshImmediately();"
                + "  const took = performance.now() - t0;"
                + "  const canvas = el.querySelector('canvas'), ctx = canvas.getContext('2d');"
                + "  const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;"
                + "  const rgb = pal.PALETTE.map(h => [1, 3, 5].map(i => parseInt(h.substr(i, 2), 16)));"
                + "  const seen = new Set();"
                + "  for (let i = 0; i < px.length; i += 4) { if (px[i + 3] < 200) continue;"
                + "    rgb.forEach((c, k) => { if (Math.abs(c[0] - px[i]) + Math.abs(c[1] - px[i + 1]) + Math.abs(c[2] - px[i + 2]) < 40) seen.add(k); }); }"
                + "  let lines = 0; chart.getModel().eachSeries(m => { lines += m.getData().count(); });"
                + "  let drawn = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) drawn++;"
                + "  done({ ms: took, colours: seen.size, lines, drawnShare: drawn / (px.length / 4),"
                + "  png: chart.getDataURL({ type: 'png', backgroundColor: '#fff' }) }); });");
        String png = (String) result.get("png");
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve("14-thousand-series.png"),
                java.util.Base64.getDecoder().decode(png.substring(png.indexOf(',') + 1)));
        double ms = ((Number) result.get("ms")).doubleValue();
        String line = String.format("1,000 series x 1,000 points: option + init + draw %.0f ms%n", ms);
        System.out.print(line);
        Files.writeString(Path.of("target", "ui-timings.txt"), line, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(((Number) result.get("lines")).intValue()).as("one polyline per series").isEqualTo(1_000);
        // 1,000 lines in 420 px overlap; those drawn last (one batch per colour) cover the others
        assertThat(((Number) result.get("colours")).intValue()).as("palette colours on the canvas").isGreaterThanOrEqualTo(3);
        assertThat(((Number) result.get("drawnShare")).doubleValue()).as("share of the canvas drawn").isGreaterThan(0.3);
        browser.js("document.getElementById('thousand').remove()");
    }

    private void assertDark() {
        assertThat(browser.js("return document.documentElement.dataset.theme")).isEqualTo("dark");
        assertThat(new Select(browser.find("#theme-select")).getFirstSelectedOption().getAttribute("value")).isEqualTo("dark");
        assertThat(browser.js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(13, 17, 23)");
        assertThat(browser.js("return getComputedStyle(document.body).color")).isEqualTo("rgb(230, 237, 243)");
    }

    @Test
    @Order(11)
    void aReloadShowsTheSameView() {
        browser.open("/?metric=inventory_count&range=6h");
        browser.act(() -> browser.find("input[data-key=product_category][data-value=iphone]").click());
        browser.act(() -> new Select(browser.find("#agg-select")).selectByValue("max"));
        browser.act(() -> browser.find("#tab-table").click());
        String before = browser.query();
        assertThat(before).contains("l.product_category=iphone", "agg=max", "tab=table", "range=6h");
        browser.reload();
        assertThat(browser.query()).isEqualTo(before);
        assertThat(browser.find("#tab-table").getAttribute("aria-selected")).isEqualTo("true");
        assertThat(browser.find("input[data-key=product_category][data-value=iphone]").isSelected()).isTrue();
        assertThat(new Select(browser.find("#agg-select")).getFirstSelectedOption().getText()).isEqualTo("max");
        assertThat(browser.all("#data-table tbody tr td:nth-child(2)")).extracting(WebElement::getText)
                .isNotEmpty().allMatch("iphone"::equals);
    }

    @Test
    @Order(12)
    void atPhoneWidthThePanesStackAndTheChartStillDraws() {
        browser.size(390, 844);
        try {
            browser.open("/?metric=inventory_count&range=6h");
            assertThat((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth")).isTrue();
            WebElement chart = browser.find("[data-chart=main]");
            assertThat(chart.getSize().getWidth()).isBetween(300, 390);
            assertThat(browser.drawnPixels("[data-chart=main]")).isGreaterThan(5_000);
            assertThat(browser.find(".filters-pane").getLocation().getY()).isGreaterThan(chart.getLocation().getY());
            browser.screenshot("12-phone-gauge");
            browser.open("/?metric=shipment_status&range=6h");
            browser.screenshot("12-phone-enum");
        } finally {
            browser.size(1400, 900);
        }
    }

    @Test
    @Order(13)
    void theCreateFormShowsTheApiErrorNextToTheFieldAndThenCreates() {
        allowedConsoleErrors = Pattern.compile("/metrics - Failed to load resource: the server responded with a status of 400");
        browser.open("/");
        browser.find("#new-metric").click();
        browser.find("#cf-name").sendKeys("9bad");
        browser.find("#cf-submit").click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> !browser.find("#cf-name-error").getText().isEmpty());
        assertThat(browser.find("#cf-name-error").getText()).contains("name must match");
        assertThat(browser.find("#cf-name").getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("13-create-error");
        browser.find("#cf-name").clear();
        browser.find("#cf-name").sendKeys("ui_created");
        browser.find("#cf-labels").sendKeys("host");
        browser.act(() -> browser.find("#cf-submit").click());
        assertThat(browser.query()).contains("metric=ui_created");
        assertThat(browser.find("#graph-status").getText()).startsWith("No points between");
        assertThat(http.get("/metrics/ui_created").status()).isEqualTo(200);
    }

    /** A custom range around every seeded point, however long the tests before took. */
    private static String allSeeded() {
        return "&range=custom&from=" + seed.at(-1) + "&to=" + seed.at(361);
    }

    private static void awaitRows(String path, int rows) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (http.get(path).json().size() < rows) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not reach " + rows + " rows");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
