package io.meterline.core;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times as the contract takes them: ISO-8601 with a zone, ISO-8601 without one (taken as UTC),
 * or epoch milliseconds.
 */
public final class TimeParser {

    public static final String INVALID_FORMAT = "Invalid timestamp format. Use ISO 8601 format.";

    private TimeParser() {
    }

    /** Parses a text time: ISO-8601 (zone optional) or a whole number of epoch milliseconds. */
    public static Instant parse(String text) {
        String t = text.trim();
        if (!t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-') && !t.contains("T")) {
            try {
                return Instant.ofEpochMilli(Long.parseLong(t));
            } catch (NumberFormatException | DateTimeException e) {
                throw new InvalidInputException(INVALID_FORMAT);
            }
        }
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException zoned) {
            try {
                return LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException naive) {
                throw new InvalidInputException(INVALID_FORMAT);
            }
        }
    }

    /** Epoch milliseconds as a JSON number; fractions and out-of-range values are refused. */
    public static Instant fromEpochMillis(double millis) {
        if (!Double.isFinite(millis) || millis != Math.rint(millis) || Math.abs(millis) > 9.0e15) {
            throw new InvalidInputException(INVALID_FORMAT);
        }
        return Instant.ofEpochMilli((long) millis);
    }

    /** ISO-8601 UTC with {@code Z}, at most millisecond precision, as every answer writes times. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }
}
