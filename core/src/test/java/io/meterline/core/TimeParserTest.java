package io.meterline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeParserTest {

    @ParameterizedTest
    @CsvSource({
        "2023-11-25T12:34:56Z,             2023-11-25T12:34:56Z",
        "2023-11-25T13:34:56.123+01:00,    2023-11-25T12:34:56.123Z",
        "2024-10-27T09:00:00.000,          2024-10-27T09:00:00Z",
        "2024-10-27T09:00:00,              2024-10-27T09:00:00Z",
        "1700915696000,                    2023-11-25T12:34:56Z",
        "0,                                1970-01-01T00:00:00Z",
    })
    void acceptsZonedNaiveAsUtcAndEpochMillis(String text, String expected) {
        assertThat(TimeParser.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2023-13-01T00:00:00Z", "", "12:00", "2023-11-25", "1.5e12", "99999999999999999999"})
    void refusesAnythingElseWithTheContractsWords(String text) {
        assertThatThrownBy(() -> TimeParser.parse(text)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Invalid timestamp format. Use ISO 8601 format.");
    }

    @ParameterizedTest
    @CsvSource({"2023-11-25T12:34:56.123456Z, 2023-11-25T12:34:56.123Z", "2023-11-25T12:34:56Z, 2023-11-25T12:34:56Z"})
    void formatsUtcWithZAtMostMillis(String in, String out) {
        assertThat(TimeParser.format(Instant.parse(in))).isEqualTo(out);
    }

    /** The hand-written fast path must write exactly what ISO_INSTANT writes, leap days and year ends included. */
    @org.junit.jupiter.api.Test
    void formatsAsIsoInstantDoesOverTheWholeFastRange() {
        java.util.Random random = new java.util.Random(20261128);
        java.util.List<Instant> instants = new java.util.ArrayList<>(java.util.List.of(Instant.EPOCH,
                Instant.parse("2000-02-29T23:59:59.999Z"), Instant.parse("2100-03-01T00:00:00.001Z"),
                Instant.parse("9999-12-31T23:59:59.999Z"), Instant.ofEpochSecond(253_402_300_800L),
                Instant.parse("1969-12-31T23:59:59.500Z"), Instant.parse("2024-12-31T12:00:00.010Z")));
        for (int i = 0; i < 200_000; i++) {
            instants.add(Instant.ofEpochSecond(Math.floorMod(random.nextLong(), 253_402_300_800L), random.nextInt(1_000_000_000)));
        }
        for (Instant t : instants) {
            String expected = java.time.format.DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            assertThat(TimeParser.format(t)).as("%s", t).isEqualTo(expected);
        }
    }
}
