package io.meterline.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.app.browser.Browser;
import io.meterline.app.browser.BrowserAvailable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the UI's charts say must be what the data says: a metric opens on a range that holds its
 * points, a line stops where its series went quiet, a quantile known only as a lower limit is
 * marked as one, thousands of enum series are counted rather than cut to the last forty, numbers
 * read as numbers. Real headless Chromium against the real app; points sent through the HTTP API.
 */
@ExtendWith(BrowserAvailable.class)
class UiChartMeaningBrowserIT {

    @TempDir
    static Path dir;
    static UiSession session;
    static Http http;
    static Browser browser;
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final int ORDERS = 45;

    @BeforeAll
    static void start() {
        session = new UiSession(dir);
        http = session.http;
        browser = session.browser;
        define("{\"name\":\"hourly_stock\",\"type\":\"gauge\",\"label_keys\":[\"site\"]}");
        define("{\"name\":\"gappy_latency\",\"type\":\"gauge\",\"label_keys\":[\"host\"],\"unit\":\"ms\"}");
        define("{\"name\":\"slow_jobs\",\"type\":\"histogram\",\"label_keys\":[],\"buckets\":[1,\"+Inf\"],\"unit\":\"s\"}");
        define("{\"name\":\"queue_depth\",\"type\":\"gauge\",\"label_keys\":[]}");
        define("{\"name\":\"order_state\",\"type\":\"enum\",\"label_keys\":[\"order_id\"],\"states\":[\"open\",\"done\"]}");
        StringBuilder nd = new StringBuilder();
        for (int h = 5; h >= 3; h--) { // an hourly report, the last one three hours ago
            nd.append(line("hourly_stock", "\"site\":\"a\"", "\"value\":12345.678901", NOW.minus(Duration.ofHours(h))));
        }
        for (int m = 180; m >= 120; m -= 5) { // every five minutes, then quiet for 90 minutes, then again
            nd.append(line("gappy_latency", "\"host\":\"h\"", "\"value\":" + (40 + m % 7), NOW.minus(Duration.ofMinutes(m))));
        }
        // one report alone between two quiet spells, then every five minutes again
        nd.append(line("gappy_latency", "\"host\":\"h\"", "\"value\":33", NOW.minus(Duration.ofMinutes(75))));
        for (int m = 30; m >= 0; m -= 5) {
            nd.append(line("gappy_latency", "\"host\":\"h\"", "\"value\":" + (20 + m % 3), NOW.minus(Duration.ofMinutes(m))));
        }
        for (int m = 1; m <= 150; m++) { // a minute each, falling: the smallest value is the newest
            nd.append(line("queue_depth", "", "\"value\":" + (1000 - m), NOW.minus(Duration.ofMinutes(151 - m))));
        }
        // 10 of 100 observations above the highest bound: p99 is only known to be at least 1 s
        nd.append(line("slow_jobs", "", "\"buckets\":{\"1\":90,\"+Inf\":10}", NOW.minus(Duration.ofMinutes(20))));
        for (int o = 1; o <= ORDERS; o++) {
            nd.append(line("order_state", "\"order_id\":\"ORD-" + o + "\"", "\"value\":\"" + (o % 3 == 0 ? "done" : "open") + "\"",
                    NOW.minus(Duration.ofMinutes(o % 30 + 1))));
        }
        Http.Response r = http.post("/data", nd.toString(), "application/x-ndjson");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Await.until(() -> http.get("/metrics/order_state/data").json().size() == ORDERS
                && http.get("/metrics/gappy_latency/data").json().size() == 21
                && http.get("/metrics/hourly_stock/data").json().size() == 3
                // the UI's range probe reads rollups, which the stream writes after the raw points
                && http.get("/metrics/hourly_stock/data?step=1h&start_time=" + NOW.minus(Duration.ofHours(6))).json().size() == 3
                && http.get("/metrics/slow_jobs/data").json().size() == 1
                && http.get("/metrics/queue_depth/data?step=1m&start_time=" + NOW.minus(Duration.ofHours(3))).json().size() == 150);
    }

    @AfterAll
    static void stop() {
        if (session != null) {
            session.close();
        }
    }

    @AfterEach
    void noConsoleErrors() {
        session.assertNoConsoleErrors(null);
    }

    @Test
    void aMetricWithNothingInTheDefaultHourOpensOnThePresetThatHoldsItsPoints() {
        browser.open("/?metric=hourly_stock");
        assertThat(browser.query()).contains("range=6h");
        assertThat(browser.find("#range-note").getText()).contains("showing the last 6h");
        assertThat(browser.find("[data-chart=main]").getAttribute("data-points")).isEqualTo("3");
        browser.screenshot("20-widened-to-data");

        browser.act(() -> browser.find("[data-range='1h']").click()); // a range the visitor picks is kept
        assertThat(browser.query()).doesNotContain("range=");
        assertThat(browser.find("#graph-status").getText()).startsWith("No points between");
        assertThat(browser.find("#range-note").getText()).isEmpty();
        browser.act(() -> browser.find("[data-metric=gappy_latency]").click());
        browser.act(() -> browser.find("[data-metric=hourly_stock]").click());
        assertThat(browser.query()).doesNotContain("range=");
        assertThat(browser.find("#graph-status").getText()).startsWith("No points between");
        browser.act(() -> browser.driver().navigate().back()); // Back restores the view, the choice with it
        browser.act(() -> browser.driver().navigate().back());
        assertThat(browser.query()).isEqualTo("?metric=hourly_stock");
        assertThat(browser.find("#graph-status").getText()).startsWith("No points between");
    }

    @Test
    void aLineStopsWhereItsSeriesWentQuiet() {
        browser.open("/?metric=gappy_latency&range=6h");
        List<?> data = (List<?>) chartOption("[data-chart=main]", "o.series[0].data");
        assertThat(data).hasSize(13 + 1 + 7);
        assertThat(data.stream().filter(p -> ((List<?>) p).get(1) == null)).as("breaks in the line").hasSize(1);
        // the lone report between the two quiet spells is a dot of the same series, not lost between two breaks
        assertThat(chartOption("[data-chart=main]", "o.series.filter(s => s.type === 'scatter').map(s => s.name + ':' + s.data.length)"))
                .isEqualTo(List.of("host=h:1"));
        browser.screenshot("21-gauge-gap");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aQuantileAboveTheHighestBoundIsMarkedAsOnlyALowerLimit() {
        browser.open("/?metric=slow_jobs&range=1h");
        assertThat((List<Object>) chartOption("[data-chart=main]", "o.yAxis[0].data")).containsExactly("≤ 1", "> 1");
        // the scatter series after the three lines mark the quantiles whose rank is in +Inf
        assertThat((List<Object>) chartOption("[data-chart=main]",
                "o.series.filter(s => s.type === 'scatter').map(s => s.name + ':' + s.data.length)"))
                .containsExactly("p50:0", "p90:0", "p99:1");
        assertThat(browser.drawnPixels("[data-chart=main]")).isGreaterThan(1_000);
        browser.screenshot("22-histogram-overflow");
    }

    @Test
    void moreEnumSeriesThanTimelineRowsAreCountedPerStateNotCut() {
        browser.open("/?metric=order_state&range=1h");
        assertThat(browser.find("[data-chart=timeline]").getAttribute("data-view")).isEqualTo("counts");
        assertThat(browser.find("#graph-note").getText()).startsWith(ORDERS + " series are too many");
        long counted = ((Number) chartOption("[data-chart=timeline]",
                "o.series.flatMap(s => s.data).reduce((n, p) => n + p[1], 0)")).longValue();
        assertThat(counted).as("every point of every series in the stacked bars").isEqualTo(ORDERS);
        assertThat(browser.coloursDrawn("[data-chart=timeline]", UiBrowserIT.PALETTE.subList(0, 2), 20)).isEqualTo(2);
        browser.screenshot("23-enum-state-counts");

        browser.act(() -> browser.find("input[data-key=order_id][data-value=ORD-3]").click());
        assertThat(browser.find("[data-chart=timeline]").getAttribute("data-view")).isEqualTo("timeline");
        assertThat(browser.find("#graph-note").getText()).isEmpty();
    }

    @Test
    void aTickedFilterValueKeepsItsPlaceAndBackUndoesIt() {
        browser.open("/?metric=order_state&range=1h");
        String values = "#filter-values-order_id input";
        int before = browser.all(values).indexOf(browser.find(values + "[data-value=ORD-30]"));
        browser.act(() -> browser.find(values + "[data-value=ORD-30]").click());
        assertThat(browser.query()).contains("l.order_id=ORD-30");
        assertThat(browser.all(values).indexOf(browser.find(values + "[data-value=ORD-30]"))).isEqualTo(before);
        browser.act(() -> browser.driver().navigate().back());
        assertThat(browser.query()).doesNotContain("l.order_id");
        assertThat(browser.find(values + "[data-value=ORD-30]").isSelected()).isFalse();
    }

    @Test
    void theTableWritesNumbersForPeopleAndKeepsTheExactValueInTheTitle() {
        browser.open("/?metric=hourly_stock&range=6h&tab=table");
        assertThat(browser.find("#data-table thead th").getText()).startsWith("timestamp (");
        var cell = browser.find("#data-table tbody tr td.num");
        assertThat(cell.getText()).isEqualTo(String.format(Locale.US, "%,.3f", 12345.678901));
        assertThat(cell.getAttribute("title")).isEqualTo("12345.678901");
    }

    @Test
    void bucketsSortAsAWholeBeforeTheyArePaged() {
        browser.open("/?metric=queue_depth&range=6h&tab=table&step=1m&sort=value:asc");
        assertThat(browser.find("#page-info").getText()).isEqualTo("Buckets 1–100 of 150");
        assertThat(browser.find("#data-table tbody tr td.num").getAttribute("title")).isEqualTo("850");
    }

    @Test
    void aLinkToAMetricThatDoesNotExistSaysSo() {
        browser.open("/?metric=no_such_metric");
        assertThat(browser.find("#missing-metric").getText()).contains("no metric named “no_such_metric”");
        assertThat(browser.find("#welcome").isDisplayed()).isTrue();
    }

    @Test
    void refreshReadsTheViewAgainAndSaysWhen() {
        browser.open("/?metric=gappy_latency&range=6h");
        int before = browser.loads();
        browser.act(() -> browser.find("#refresh-now").click());
        assertThat(browser.loads()).isGreaterThan(before);
        assertThat(browser.find("#updated-at").getText()).matches("Read at \\d\\d:\\d\\d:\\d\\d");
    }

    /** A value out of the option ECharts draws in a chart (o: the option), read in the page. */
    private static Object chartOption(String chartCss, String expression) {
        return browser.driver().executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "import('/js/charts/echarts.js').then(e => { const o = e.getInstanceByDom(document.querySelector(arguments[0])).getOption();"
                + "done(" + expression + "); });", chartCss);
    }

    private static String line(String metric, String labels, String value, Instant at) {
        return "{\"metric\":\"" + metric + "\",\"labels\":{" + labels + "}," + value + ",\"timestamp\":\"" + at + "\"}\n";
    }

    private static void define(String definition) {
        Http.Response r = http.post("/metrics", definition);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }
}
