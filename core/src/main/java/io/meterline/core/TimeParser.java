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
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        }
        return format(seconds, instant.getNano() / 1_000_000);
    }

    /** 10000-01-01T00:00:00Z in epoch seconds: below it (and from 1970) the fast path writes four-digit years. */
    private static final long YEAR_10000 = 253_402_300_800L;

    /**
     * What ISO_INSTANT writes for 1970–9999 (a {@code .SSS} fraction only when the milliseconds are
     * not zero), without its temporal-field machinery: every answer and export row formats a time,
     * and the formatter cost more than the rest of a CSV row.
     */
    private static String format(long seconds, int millis) {
        long day = seconds / 86_400;
        int secondOfDay = (int) (seconds % 86_400);
        // days to civil date (H. Hinnant's algorithm, for days since 1970-01-01 >= 0)
        long z = day + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        char[] out = new char[millis == 0 ? 20 : 24];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, dayOfMonth, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        if (millis != 0) {
            out[19] = '.';
            digits(out, 20, millis, 3);
        }
        out[out.length - 1] = 'Z';
        return new String(out);
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
