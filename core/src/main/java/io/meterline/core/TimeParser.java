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
        Instant utc = parseUtc(text);
        return utc != null ? utc : parseAnyForm(text);
    }

    /** Every form the contract takes, through java.time: what {@link #parseUtc} leaves. */
    static Instant parseAnyForm(String text) {
        String t = text.trim();
        if (!t.isEmpty() && isEpochMillisText(t)) {
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

    private static boolean isEpochMillisText(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with 1 to 9 fraction digits (what api.md's examples and
     * our answers write), read without java.time's field maps: java.time's parse was ~60 % of the
     * bytes an NDJSON line allocated, and a line forwarded as it came is read twice (the HTTP
     * route, then the stream; bench/RESULTS.md, session 10). Null for any other text, valid or
     * not, which {@link #parseAnyForm} then reads; {@code TimeParserTest} holds the two equal.
     */
    static Instant parseUtc(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || n == 21 || t.charAt(n - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        int year = number(t, 0, 4);
        int month = number(t, 5, 2);
        int day = number(t, 8, 2);
        int hour = number(t, 11, 2);
        int minute = number(t, 14, 2);
        int second = number(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.') {
                return null;
            }
            int digits = n - 21;
            int fraction = number(t, 20, digits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * POWERS_OF_TEN[9 - digits];
        }
        long seconds = epochDay(year, month, day) * 86_400 + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    /** The decimal number in {@code t[at, at + width)}, or -1 when one of its characters is not a digit. */
    private static int number(String t, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long epochDay(int year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
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
