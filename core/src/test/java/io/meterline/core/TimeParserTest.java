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

    /**
     * The fast path for {@code …Z} texts answers what java.time answers, or leaves the text to it:
     * random instants of years 0–9999 with 0 to 9 fraction digits, and the same texts with one
     * character changed (impossible dates, hour 24, second 60, wrong separators, stray letters).
     */
    @org.junit.jupiter.api.Test
    void theUtcFastPathAgreesWithJavaTime() {
        java.util.Random random = new java.util.Random(20261129);
        java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of("2024-02-29T00:00:00Z",
                "2023-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2000-02-29T23:59:59.999999999Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.9Z", "2024-04-31T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:60:00Z",
                "2024-01-01T00:00:60Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1234567890Z", "2024-01-01t00:00:00z",
                " 2024-01-01T00:00:00Z", "2024-01-01T00:00:00Z ", "+2024-01-01T00:00:00Z", "2024-1-01T00:00:00.00Z"));
        String alphabet = "0123456789-:.TZ+ x";
        for (int i = 0; i < 100_000; i++) {
            Instant t = Instant.ofEpochSecond(Math.floorMod(random.nextLong(), 253_402_300_800L + 62_167_219_200L) - 62_167_219_200L,
                    random.nextInt(1_000_000_000));
            String text = java.time.format.DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            int digits = random.nextInt(10);
            if (digits > 0) {
                String nanos = String.format("%09d", t.getNano());
                text = text.substring(0, text.length() - 1) + "." + nanos.substring(0, digits) + "Z";
            }
            texts.add(text);
            char[] changed = text.toCharArray();
            changed[random.nextInt(changed.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            texts.add(new String(changed));
        }
        int fast = 0;
        for (String text : texts) {
            Instant quick = TimeParser.parseUtc(text);
            if (quick == null) {
                continue;
            }
            fast++;
            assertThat(quick).as(text).isEqualTo(TimeParser.parseAnyForm(text));
        }
        assertThat(fast).as("texts the fast path read").isGreaterThan(100_000);
    }
}
