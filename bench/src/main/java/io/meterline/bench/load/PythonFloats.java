package io.meterline.bench.load;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Python's float arithmetic where it differs from Java's, as the harness's workload uses it. */
final class PythonFloats {

    private PythonFloats() {
    }

    /**
     * {@code round(x, digits)}: the exact binary value rounded half-even, read back as the nearest
     * double. Away from a tie the scaled product rounds the same way (rounding is monotonic) and one
     * division gives that nearest double; near one, BigDecimal decides on the exact value.
     */
    static double round(double x, int digits) {
        double scale = Math.pow(10, digits);
        double y = x * scale;
        double fromTie = Math.abs(y - Math.floor(y) - 0.5);
        if (fromTie > 1e-6 && Math.abs(y) < 1e12) {
            return Math.rint(y) / scale;
        }
        return new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
    }
}
