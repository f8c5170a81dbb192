package io.meterline.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.meterline.core.TimeParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A timestamp cell written as its text is the cell Jackson's CSV quoting gives that text. */
class RepeatedCellsTest {

    @Test
    void timestampCellsAreTheCellsTheQuotingWriterGives() throws Exception {
        List<Instant> times = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochMilli(1),
                Instant.parse("2026-11-29T03:59:56.120Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"), Instant.parse("-0001-06-01T12:00:00.5Z"),
                Instant.ofEpochSecond(-1, 999_000_000), Instant.ofEpochMilli(9_000_000_000_000_000L),
                Instant.ofEpochMilli(-9_000_000_000_000_000L)));
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            times.add(Instant.ofEpochMilli(random.nextLong() % 9_000_000_000_000_000L));
        }
        RepeatedCells cells = new RepeatedCells(List.of("host"));
        try (CsvRowWriter writer = new CsvRowWriter(new ByteArrayOutputStream())) {
            for (Instant t : times) {
                String expected = new String(writer.quoted(TimeParser.format(t)),
                        StandardCharsets.UTF_8);
                assertThat(new String(cells.timestamp(t), StandardCharsets.US_ASCII)).as("%s", t).isEqualTo(expected);
            }
        }
    }
}
