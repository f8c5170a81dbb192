package io.meterline.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meterline.core.HistogramBuckets;
import io.meterline.core.InvalidInputException;
import io.meterline.core.Labels;
import io.meterline.core.Limits;
import io.meterline.core.MetricDefinition;
import io.meterline.core.MetricType;
import io.meterline.core.Point;
import io.meterline.core.PointParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The writer (RawCsvLayout + CsvRowWriter) and the reader (CsvImport) against each other and against the contract. */
class CsvRoundTripTest {

    static final Instant NOW = Instant.parse("2024-03-01T00:00:00Z");
    static final PointParser PARSER = new PointParser(Limits.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));
    static final MetricDefinition GAUGE = def("cpu", MetricType.GAUGE, null);
    static final MetricDefinition ENUM = def("status", MetricType.ENUM, null);
    static final MetricDefinition HISTOGRAM = def("latency", MetricType.HISTOGRAM, null);
    static final Instant T = Instant.parse("2024-02-29T12:00:00.125Z");

    static MetricDefinition def(String name, MetricType type, List<Double> buckets) {
        return new MetricDefinition(name, type, List.of("region", "host"), NOW, "", "", null, buckets);
    }

    static Labels labels(String region, String host) {
        return Labels.of(Map.of("region", region, "host", host));
    }

    static String export(MetricDefinition def, List<Double> bounds, List<Point> points) throws IOException {
        RawCsvLayout layout = new RawCsvLayout(def, bounds);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CsvRowWriter out = new CsvRowWriter(bytes)) {
            out.header(layout.header());
            for (Point p : points) {
                layout.write(out, p);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static List<Point> importCsv(MetricDefinition def, String csv) {
        return new CsvImport(PARSER).parse(csv.getBytes(StandardCharsets.UTF_8), def);
    }

    @Test
    void gaugeColumnsFollowLabelKeysOrderAndNumbersStayNumbers() throws IOException {
        String csv = export(GAUGE, List.of(), List.of(new Point.Gauge("cpu", labels("eu", "a"), T, -1.5),
                new Point.Gauge("cpu", labels("eu", "b"), T, 2.0)));
        assertThat(csv).isEqualTo("timestamp,region,host,value\r\n"
                + "2024-02-29T12:00:00.125Z,eu,a,-1.5\r\n"
                + "2024-02-29T12:00:00.125Z,eu,b,2.0\r\n");
    }

    /**
     * Label keys may be named as the value columns are (api.md only keeps query parameters out):
     * the export's header then names a column twice, and import reads its leading columns by position.
     */
    @Test
    void labelKeysNamedAsValueColumnsRoundTrip() throws IOException {
        MetricDefinition gauge = new MetricDefinition("g", MetricType.GAUGE, List.of("value", "timestamp"), NOW, "", "", null, null);
        MetricDefinition state = new MetricDefinition("s", MetricType.ENUM, List.of("timestamp", "value"), NOW, "", "", null, null);
        MetricDefinition histogram = new MetricDefinition("h", MetricType.HISTOGRAM, List.of("le_10", "sum"), NOW, "", "", null,
                null);
        Labels gaugeLabels = Labels.of(Map.of("value", "v1", "timestamp", "t"));
        List<Point> gauges = List.of(new Point.Gauge("g", gaugeLabels, T, 2.5));
        List<Point> states = List.of(new Point.EnumSample("s", gaugeLabels, T, "OK"));
        List<Point> histograms = List.of(new Point.Histogram("h", Labels.of(Map.of("le_10", "7", "sum", "s")), T,
                buckets(10.0, 3L, Double.POSITIVE_INFINITY, 1L), 4.5));
        String gaugeCsv = export(gauge, List.of(), gauges);
        assertThat(gaugeCsv).startsWith("timestamp,value,timestamp,value\r\n");
        assertThat(importCsv(gauge, gaugeCsv)).isEqualTo(gauges);
        String stateCsv = export(state, List.of(), states);
        assertThat(importCsv(state, stateCsv)).isEqualTo(states);
        assertThat(export(state, List.of(), importCsv(state, stateCsv))).isEqualTo(stateCsv);
        List<Double> bounds = List.of(10.0, Double.POSITIVE_INFINITY);
        String histogramCsv = export(histogram, bounds, histograms);
        assertThat(histogramCsv).startsWith("timestamp,le_10,sum,le_10,le_+Inf,sum\r\n");
        assertThat(importCsv(histogram, histogramCsv)).isEqualTo(histograms);
        assertThat(export(histogram, bounds, importCsv(histogram, histogramCsv))).isEqualTo(histogramCsv);
        assertThatThrownBy(() -> importCsv(GAUGE, "timestamp,region,host,host,value\r\n" + T + ",eu,a,a,1\r\n"))
                .isInstanceOf(InvalidInputException.class).hasMessage("row 1: column 'host' appears twice.");
        // by name, the columns can't be told apart: a clear 400, not a guess
        assertThatThrownBy(() -> importCsv(gauge, "value,timestamp,timestamp,value\r\nv1,t," + T + ",1\r\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("appears twice");
    }

    /** -0.0 is a finite number: it comes back as itself, so the second export is the same bytes. */
    @Test
    void negativeZeroRoundTrips() throws IOException {
        List<Point> gauges = List.of(new Point.Gauge("cpu", labels("eu", "a"), T, -0.0));
        String gaugeCsv = export(GAUGE, List.of(), gauges);
        assertThat(gaugeCsv).contains(",-0.0\r\n");
        assertThat(export(GAUGE, List.of(), importCsv(GAUGE, gaugeCsv))).isEqualTo(gaugeCsv);
        List<Double> bounds = List.of(10.0, Double.POSITIVE_INFINITY);
        List<Point> histograms = List.of(new Point.Histogram("latency", labels("eu", "a"), T,
                buckets(10.0, 3L, Double.POSITIVE_INFINITY, 1L), -0.0));
        String histogramCsv = export(HISTOGRAM, bounds, histograms);
        assertThat(export(HISTOGRAM, bounds, importCsv(HISTOGRAM, histogramCsv))).isEqualTo(histogramCsv);
    }

    @Test
    void oddLabelValuesRoundTripThroughJacksonsParser() throws IOException {
        List<Point> points = List.of(
                new Point.Gauge("cpu", labels("say \"hi\", then\nleave", "ünïcødé ✓ 東京"), T, 1.25),
                new Point.Gauge("cpu", labels("=1+2", "-rm"), T.plusMillis(1), 3.0),
                new Point.Gauge("cpu", labels("@SUM(A1)", "\ttab"), T.plusMillis(2), 1e-9));
        String csv = export(GAUGE, List.of(), points);
        assertThat(csv).contains("\"say \"\"hi\"\", then\nleave\"");
        assertThat(csv).contains(",'=1+2,'-rm,").contains(",'@SUM(A1),'\ttab,");
        assertThat(importCsv(GAUGE, csv)).isEqualTo(points);
        assertThat(export(GAUGE, List.of(), importCsv(GAUGE, csv))).isEqualTo(csv);
    }

    @Test
    void enumStatesAreTextCellsAndAreNeutralised() throws IOException {
        List<Point> points = List.of(new Point.EnumSample("status", labels("eu", "a"), T, "-DOWN"),
                new Point.EnumSample("status", labels("eu", "a"), T.plusSeconds(1), "OK"));
        String csv = export(ENUM, List.of(), points);
        assertThat(csv).endsWith(",'-DOWN\r\n2024-02-29T12:00:01.125Z,eu,a,OK\r\n");
        assertThat(importCsv(ENUM, csv)).isEqualTo(points);
    }

    @Test
    void histogramGetsOneColumnPerBoundAndEmptyCellsForMissingBucketsAndSums() throws IOException {
        List<Double> bounds = List.of(0.25, 10.0, Double.POSITIVE_INFINITY);
        List<Point> points = List.of(
                new Point.Histogram("latency", labels("eu", "a"), T, buckets(10.0, 3L, Double.POSITIVE_INFINITY, 0L), null),
                new Point.Histogram("latency", labels("eu", "a"), T.plusSeconds(1), buckets(0.25, 1L, 10.0, 2L), 4.5));
        String csv = export(HISTOGRAM, bounds, points);
        assertThat(csv).isEqualTo("timestamp,region,host,le_0.25,le_10,le_+Inf,sum\r\n"
                + "2024-02-29T12:00:00.125Z,eu,a,,3,0,\r\n"
                + "2024-02-29T12:00:01.125Z,eu,a,1,2,,4.5\r\n");
        assertThat(importCsv(HISTOGRAM, csv)).isEqualTo(points);
    }

    static HistogramBuckets buckets(Object... boundCounts) {
        Map<Double, Long> counts = new TreeMap<>();
        for (int i = 0; i < boundCounts.length; i += 2) {
            counts.put((Double) boundCounts[i], (Long) boundCounts[i + 1]);
        }
        return new HistogramBuckets(counts);
    }

    @Test
    void importTakesColumnsInAnyOrderAndABom() {
        List<Point> points = importCsv(GAUGE, "\uFEFFvalue,host,timestamp,region\n7,a,2024-02-29T12:00:00Z,eu\n");
        assertThat(points).containsExactly(new Point.Gauge("cpu", labels("eu", "a"), Instant.parse("2024-02-29T12:00:00Z"), 7));
    }

    @Test
    void aBadRowIsNamedCountingTheHeaderAsRowOne() {
        String csv = "timestamp,region,host,value\n2024-02-29T12:00:00Z,eu,a,1\n2024-02-29T12:00:01Z,eu,a,high\n";
        assertThatThrownBy(() -> importCsv(GAUGE, csv)).isInstanceOf(InvalidInputException.class)
                .hasMessage("row 3: value must be a number for a gauge metric.");
        // a quoted cell spanning lines is one record
        String multiline = "timestamp,region,host,value\n2024-02-29T12:00:00Z,\"e\nu\",a,1\n2024-02-29T12:00:01Z,,a,1\n";
        assertThatThrownBy(() -> importCsv(GAUGE, multiline)).hasMessageStartingWith("row 3: label 'region'");
    }

    @Test
    void headerProblemsAreRowOne() {
        assertThatThrownBy(() -> importCsv(GAUGE, "timestamp,region,value\n")).hasMessageStartingWith(
                "row 1: column 'host' is missing; expected timestamp,region,host,value");
        assertThatThrownBy(() -> importCsv(GAUGE, "timestamp,region,host,value,extra\n"))
                .hasMessageStartingWith("row 1: unknown column 'extra'");
        assertThatThrownBy(() -> importCsv(HISTOGRAM, "timestamp,region,host,le_x,sum\n"))
                .hasMessageStartingWith("row 1: column 'le_x': the bound must be a number or +Inf");
        assertThatThrownBy(() -> importCsv(HISTOGRAM, "timestamp,region,host,sum\n"))
                .hasMessageStartingWith("row 1: a histogram needs at least one le_<bound> column");
    }

    @Test
    void headerOnlyBlankAndMalformedBodiesAreRefused() {
        assertThatThrownBy(() -> importCsv(GAUGE, "timestamp,region,host,value\r\n"))
                .hasMessage("The CSV holds only a header: send at least one row.");
        assertThatThrownBy(() -> importCsv(GAUGE, "\n\n")).hasMessageStartingWith("The CSV is empty");
        assertThatThrownBy(() -> importCsv(GAUGE, "timestamp,region,host,value\n2024-02-29T12:00:00Z,eu,a\n"))
                .hasMessage("row 2: 3 cells where the header has 4.");
        assertThatThrownBy(() -> importCsv(GAUGE, "timestamp,region,host,value\n2024-02-29T12:00:00Z,\"eu,a,1\n"))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("row 2: malformed CSV:");
    }

    @Test
    void histogramCountsMustBeWholeAndNonNegative() {
        String header = "timestamp,region,host,le_10,le_+Inf,sum\n";
        assertThatThrownBy(() -> importCsv(HISTOGRAM, header + "2024-02-29T12:00:00Z,eu,a,1.5,0,\n"))
                .hasMessage("row 2: bucket '10' must hold a non-negative whole count.");
        assertThatThrownBy(() -> importCsv(HISTOGRAM, header + "2024-02-29T12:00:00Z,eu,a,,,\n"))
                .hasMessageStartingWith("row 2: buckets must be a non-empty object");
    }
}
