package io.meterline.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * CsvRowWriter assembles rows from cells Jackson quoted once; its bytes must be exactly those
 * Jackson's CSV generator writes for the same cells written one by one, whatever the cells hold.
 */
class CsvRowWriterTest {

    private static final List<String> PIECES = List.of("a", "h12", "us-east", ",", "\"", "\r", "\n", " ", "=", "+",
            "-", "@", "\t", "é", "日本", "😀", "x\"y", "2026-11-28T00:00:00Z", "", "0.5", "NaN");
    private static final double[] DOUBLES = {0, -0.0, 1, -1.5, 0.1, 1e-300, 1e300, Double.MIN_VALUE, Double.MAX_VALUE,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 123456.789, 2.0 / 3};

    @Test
    void writesTheBytesJacksonsGeneratorWrites() throws Exception {
        Random random = new Random(5);
        ByteArrayOutputStream actualBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream expectedBytes = new ByteArrayOutputStream();
        CsvGenerator expected = (CsvGenerator) CsvRowWriter.MAPPER.getFactory().createGenerator(expectedBytes,
                JsonEncoding.UTF8);
        expected.setSchema(CsvRowWriter.ROWS);
        try (CsvRowWriter actual = new CsvRowWriter(actualBytes)) {
            actual.header(List.of("timestamp", "host", "a,b"));
            expected.writeStartArray();
            for (String column : List.of("timestamp", "host", "a,b")) {
                expected.writeString(column);
            }
            expected.writeEndArray();
            for (int row = 0; row < 20_000; row++) {
                actual.start();
                expected.writeStartArray();
                for (int cell = 0, n = 1 + random.nextInt(6); cell < n; cell++) {
                    switch (random.nextInt(5)) {
                        case 0 -> {
                            String text = text(random);
                            actual.text(text);
                            expected.writeString(CsvCells.neutralise(text));
                        }
                        case 1 -> {
                            double v = switch (random.nextInt(3)) {
                                case 0 -> DOUBLES[random.nextInt(DOUBLES.length)];
                                case 1 -> random.nextGaussian() * Math.pow(10, random.nextInt(20) - 10);
                                default -> Math.round(random.nextGaussian() * 1e6) / 100.0; // a short decimal
                            };
                            actual.number(v);
                            expected.writeNumber(v);
                        }
                        case 2 -> {
                            long v = random.nextBoolean() ? random.nextLong() : random.nextInt(1000);
                            actual.number(v);
                            expected.writeNumber(v);
                        }
                        case 3 -> {
                            actual.empty();
                            expected.writeString("");
                        }
                        default -> { // a run of cells joined once, as the label cells of a series
                            String first = CsvCells.neutralise(text(random));
                            String second = CsvCells.neutralise(text(random));
                            byte[] a = actual.quoted(first);
                            byte[] b = actual.quoted(second);
                            byte[] joined = new byte[a.length + 1 + b.length];
                            System.arraycopy(a, 0, joined, 0, a.length);
                            joined[a.length] = ',';
                            System.arraycopy(b, 0, joined, a.length + 1, b.length);
                            actual.cells(joined);
                            expected.writeString(first);
                            expected.writeString(second);
                        }
                    }
                }
                actual.end();
                expected.writeEndArray();
            }
        }
        expected.close();
        assertThat(actualBytes.toString(StandardCharsets.UTF_8)).isEqualTo(expectedBytes.toString(StandardCharsets.UTF_8));
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
            text.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return text.toString();
    }
}
