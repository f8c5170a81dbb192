package io.meterline.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** ShortDecimal must write exactly what the general shortest-form writer writes, or nothing. */
class ShortDecimalTest {

    private static final int AT = 3;

    @Test
    void writesWhatSchubfachWritesForEveryValueItTakes() {
        Random random = new Random(11);
        int taken = 0;
        for (int i = 0; i < 2_000_000; i++) {
            double value = switch (i % 4) {
                case 0 -> rounded(random.nextDouble() * Math.pow(10, random.nextInt(12) - 4), random.nextInt(10));
                case 1 -> Double.longBitsToDouble(random.nextLong());
                case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(14) - 5);
                default -> (random.nextInt(2_000_001) - 1_000_000) / Math.pow(10, random.nextInt(9));
            };
            if (sameAsSchubfach(value)) {
                taken++;
            }
        }
        assertThat(taken).as("values written by the short path").isGreaterThan(700_000);
    }

    @Test
    void takesTheDecimalsMetricsAreMadeOf() {
        for (long cents = -1_000_000; cents <= 1_000_000; cents++) {
            double value = cents / 100.0;
            if (Math.abs(value) >= 1e-3) {
                assertThat(sameAsSchubfach(value)).as("%s taken", value).isTrue();
            }
        }
        assertThat(text(0.05)).isEqualTo("0.05");
        assertThat(text(-42)).isEqualTo("-42.0");
        assertThat(text(1e-3)).isEqualTo("0.001");
        assertThat(text(Math.nextDown(1e7))).isNull(); // 17 digits: the general writer's
    }

    @Test
    void leavesScientificAndSpecialValuesToTheGeneralWriter() {
        for (double value : new double[] {0, -0.0, 1e7, -1e7, 1e-4, Math.nextDown(1e-3), Double.NaN,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 0.1 + 0.2, 2.0 / 3}) {
            assertThat(text(value)).as("%s", value).isNull();
        }
    }

    @Test
    void writesAtTheGivenPlaceAndNowhereElse() {
        byte[] into = new byte[40];
        java.util.Arrays.fill(into, (byte) '#');
        int end = ShortDecimal.write(-1234567.12345678, into, AT);
        assertThat(end - AT).isEqualTo(ShortDecimal.MAX_LENGTH);
        assertThat(new String(into, StandardCharsets.US_ASCII)).isEqualTo("###-1234567.12345678" + "#".repeat(20));
    }

    /** Whether the value was taken; when it was, the text must be the general writer's. */
    private static boolean sameAsSchubfach(double value) {
        String text = text(value);
        if (text != null) {
            assertThat(text).as("%s", value).isEqualTo(NumberOutput.toString(value, true));
        }
        return text != null;
    }

    private static String text(double value) {
        byte[] into = new byte[AT + ShortDecimal.MAX_LENGTH];
        int end = ShortDecimal.write(value, into, AT);
        return end < 0 ? null : new String(into, AT, end - AT, StandardCharsets.US_ASCII);
    }

    private static double rounded(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
