package io.meterline.core;

/**
 * Writes a double that is a short decimal (at most eight digits after the point, between 0.001
 * and 10,000,000) as ASCII, with exactly the text of the shortest-form writers Meterline uses
 * elsewhere (Jackson's fast double writer, Schubfach, Java's {@code Double.toString} layout):
 * {@code 42.0}, {@code 0.25}, {@code -3.14}. Most metric values are such decimals, and this is
 * several times faster than the general algorithm; other values are left to it.
 *
 * <p>Why the text is the same: {@code m / 10^k} with both exact doubles is the correctly rounded
 * quotient, the double a reader makes of the text "m e-k"; so when it equals the value, that text
 * reads back as the value. A double's rounding interval is narrower than the gap between two
 * decimals of 15 significant digits, so it holds at most one of them, and with the smallest such k
 * that one is the shortest text there is, the one the general algorithm picks.
 */
public final class ShortDecimal {

    /** The longest text written: a sign, 7 integer digits, the point, 8 decimals. */
    public static final int MAX_LENGTH = 17;
    private static final int MAX_DECIMALS = 8;
    private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    private static final long[] LONG_POWERS = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L,
        100_000_000L};

    private ShortDecimal() {
    }

    /**
     * Writes the value at {@code at} (room for {@link #MAX_LENGTH} bytes needed) and returns where
     * its text ends, or -1, writing nothing, when the value is not a short decimal. Below 0.001
     * and from 10^7 up the shortest form is in scientific notation, which is left to the caller.
     */
    public static int write(double value, byte[] into, int at) {
        double magnitude = Math.abs(value);
        if (!(magnitude >= 1e-3 && magnitude < 1e7)) { // NaN too
            return -1;
        }
        for (int decimals = 0; decimals <= MAX_DECIMALS; decimals++) {
            long digits = Math.round(magnitude * POWERS[decimals]);
            if (digits / POWERS[decimals] == magnitude) {
                return text(value < 0, digits, decimals, into, at);
            }
        }
        return -1;
    }

    private static int text(boolean negative, long digits, int decimals, byte[] into, int at) {
        int pos = at;
        if (negative) {
            into[pos++] = '-';
        }
        long scale = LONG_POWERS[decimals];
        pos = integer(digits / scale, into, pos);
        into[pos++] = '.';
        if (decimals == 0) {
            into[pos++] = '0';
            return pos;
        }
        long fraction = digits % scale;
        for (int i = decimals - 1; i >= 0; i--) { // leading zeros kept: 0.05 is ".05"
            into[pos + i] = (byte) ('0' + fraction % 10);
            fraction /= 10;
        }
        return pos + decimals;
    }

    private static int integer(long value, byte[] into, int at) {
        int length = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            length++;
        }
        long rest = value;
        for (int i = at + length - 1; i >= at; i--) {
            into[i] = (byte) ('0' + rest % 10);
            rest /= 10;
        }
        return at + length;
    }
}
