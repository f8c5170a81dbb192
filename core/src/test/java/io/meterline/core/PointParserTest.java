package io.meterline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PointParserTest {

    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static final MetricDefinition CPU = new MetricDefinition("cpu", MetricType.GAUGE, List.of("host", "region"),
            NOW, "", "", null, null);
    static final MetricDefinition STATUS = new MetricDefinition("status", MetricType.ENUM, List.of(), NOW, "", "",
            List.of("OK", "DOWN"), null);
    static final MetricDefinition LATENCY = new MetricDefinition("latency", MetricType.HISTOGRAM, List.of(), NOW,
            "", "", null, List.of(10.0, 100.0, Double.POSITIVE_INFINITY));
    final PointParser parser = new PointParser(Limits.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));

    static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text.replace('\'', '"'));
    }

    @Test
    void gaugeWithUnknownFieldsIgnored() throws Exception {
        Point p = parser.parse(json("{'labels':{'region':'eu','host':'a'},'value':1.5,'timestamp':'2026-11-20T11:00:00Z','extra':[1]}"), CPU);
        assertThat(p).isEqualTo(new Point.Gauge("cpu", Labels.of(Map.of("host", "a", "region", "eu")),
                Instant.parse("2026-11-20T11:00:00Z"), 1.5));
    }

    @Test
    void missingTimestampTakesTheClockOrTheGivenDefault() throws Exception {
        assertThat(parser.parse(json("{'labels':{},'value':'OK'}"), STATUS).timestamp()).isEqualTo(NOW);
        Instant recordTime = NOW.minusSeconds(5);
        assertThat(parser.parse(json("{'labels':{},'value':'OK'}"), STATUS, recordTime).timestamp()).isEqualTo(recordTime);
    }

    @Test
    void histogramBoundsInAnyCaseOfInfAndOptionalSum() throws Exception {
        Point.Histogram h = (Point.Histogram) parser.parse(json("{'buckets':{'10':1,'100':2,'+inf':3}}"), LATENCY);
        assertThat(h.buckets().counts()).containsExactly(Map.entry(10.0, 1L), Map.entry(100.0, 2L),
                Map.entry(Double.POSITIVE_INFINITY, 3L));
        assertThat(h.sum()).isNull();
        assertThat(((Point.Histogram) parser.parse(json("{'buckets':{'10':1},'value':4.5}"), LATENCY)).sum()).isEqualTo(4.5);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cpu     | {'labels':{'host':'a'},'value':1}                                  | Labels must contain exactly these keys: ['host', 'region']",
        "cpu     | {'labels':{'host':'a','region':'eu','dc':'x'},'value':1}            | Labels must contain exactly these keys: ['host', 'region']",
        "cpu     | {'value':1}                                                          | Labels must contain exactly these keys: ['host', 'region']",
        "cpu     | {'labels':{'host':1,'region':'eu'},'value':1}                        | label 'host' must be a non-empty string of at most 1024 characters.",
        "cpu     | {'labels':{'host':'a','region':'eu'},'value':'1'}                    | value must be a number for a gauge metric.",
        "cpu     | {'labels':{'host':'a','region':'eu'},'value':1e400}                  | value must be a finite number.",
        "cpu     | {'labels':{'host':'a','region':'eu'},'value':1,'timestamp':true}     | Invalid timestamp format. Use ISO 8601 format.",
        "cpu     | {'labels':{'host':'a','region':'eu'},'value':1,'timestamp':1.5}      | Invalid timestamp format. Use ISO 8601 format.",
        "cpu     | {'labels':{'host':'a','region':'eu'},'value':1,'timestamp':'2026-11-21T12:00:01Z'} | timestamp 2026-11-21T12:00:01Z is more than 24 hours ahead of the server's clock.",
        "status  | {'value':'MAYBE'}                                                    | state 'MAYBE' is not one of the metric's states: ['OK', 'DOWN'].",
        "status  | {'value':''}                                                         | value must be a non-empty state string for an enum metric.",
        "latency | {'buckets':{'5':1}}                                                  | bucket bound '5' is not one of the metric's buckets.",
        "latency | {'buckets':{'10':-1}}                                                | bucket '10' must hold a non-negative whole count.",
        "latency | {'buckets':{'10':1.5}}                                               | bucket '10' must hold a non-negative whole count.",
        "latency | {'buckets':{'ten':1}}                                                | bucket bound 'ten' must be a number or +Inf.",
        "latency | {'buckets':{}}                                                       | buckets must be a non-empty object from upper bound to count, e.g. {\"10\": 3, \"+Inf\": 0}.",
    })
    void refusesWithASentenceAPersonCanActOn(String metric, String body, String message) {
        MetricDefinition def = Map.of("cpu", CPU, "status", STATUS, "latency", LATENCY).get(metric);
        assertThatThrownBy(() -> parser.parse(json(body), def)).isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    /** -0 is the bound 0: two keys for one bound were stored as "0" twice and made the row unreadable. */
    @Test
    void minusZeroIsTheBoundZero() throws Exception {
        MetricDefinition free = new MetricDefinition("free", MetricType.HISTOGRAM, List.of(), NOW, "", "", null, null);
        assertThatThrownBy(() -> parser.parse(json("{'buckets':{'-0':1,'0':2,'+Inf':0}}"), free))
                .isInstanceOf(InvalidInputException.class).hasMessage("bucket bound '0' appears twice.");
        Point.Histogram h = (Point.Histogram) parser.parse(json("{'buckets':{'-0':1,'+Inf':0}}"), free);
        assertThat(HistogramBuckets.decode(h.buckets().encode())).isEqualTo(h.buckets());
        assertThat(h.buckets().encode()).isEqualTo("=0;+Inf|0110");
    }

    @Test
    void labelValueOverTheLimitIsRefused() throws Exception {
        String big = "x".repeat(1025);
        assertThatThrownBy(() -> parser.parse(json("{'labels':{'host':'" + big + "','region':'eu'},'value':1}"), CPU))
                .hasMessageContaining("at most 1024 characters");
        assertThat(parser.parse(json("{'labels':{'host':'" + "x".repeat(1024) + "','region':'eu'},'value':1}"), CPU))
                .isNotNull();
    }

    @Test
    void theLimitCountsCharactersNotUtf16Units() throws Exception {
        String emoji = "\ud83d\ude00"; // one character, two UTF-16 units
        assertThat(parser.parse(json("{'labels':{'host':'" + emoji.repeat(1024) + "','region':'eu'},'value':1}"), CPU))
                .isNotNull();
        assertThatThrownBy(() -> parser.parse(json("{'labels':{'host':'" + emoji.repeat(1025) + "','region':'eu'},'value':1}"), CPU))
                .hasMessageContaining("at most 1024 characters");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a\\u0000b", "\\ud800", "x\\udc00y", "\\ud800\\ud800"})
    void labelValuesWithNulOrUnpairedSurrogatesAreRefused(String escaped) {
        assertThatThrownBy(() -> parser.parse(json("{'labels':{'host':'" + escaped + "','region':'eu'},'value':1}"), CPU))
                .hasMessage("label 'host' must not hold NUL characters or unpaired surrogates.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"a\\u0000b", "\\ud800", "x\\udc00y"})
    void statesWithNulOrUnpairedSurrogatesAreRefused(String escaped) {
        MetricDefinition anyState = new MetricDefinition("svc", MetricType.ENUM, List.of(), NOW, "", "", null, null);
        assertThatThrownBy(() -> parser.parse(json("{'value':'" + escaped + "'}"), anyState))
                .hasMessage("value must not hold NUL characters or unpaired surrogates.");
    }

    @Test
    void labelValuesInAnyScriptAndEmojiAreKept() throws Exception {
        Point p = parser.parse(json("{'labels':{'host':'Zürich-東京-\\ud83d\\ude00','region':'eu'},'value':1}"), CPU);
        assertThat(p.labels().canonical()).contains("Zürich-東京-\ud83d\ude00");
    }
}
