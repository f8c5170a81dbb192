package io.meterline.core;

/**
 * Adding counts of observations, which are never negative. A sum past the largest long stays at
 * the largest long instead of wrapping round to a negative count: api.md takes any non-negative
 * long as a bucket's count, so twenty points of 2^62 in one minute are valid input, and a negative
 * count would give negative quantiles, or a stored row that can't be read back.
 */
public final class Counts {

    private Counts() {
    }

    /** {@code a + b} for non-negative counts, at most {@link Long#MAX_VALUE}. */
    public static long add(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
