package io.meterline.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A downsampling step: a whole number of seconds, minutes, hours or days. Buckets start at
 * multiples of the step since 1970-01-01T00:00:00Z and hold {@code [start, start + step)}.
 */
public record Step(Duration width) {

    private static final Pattern TEXT = Pattern.compile("([1-9][0-9]{0,6})([smhd])");
    /** The ladder {@code step=auto} picks from, finest first. */
    public static final List<Step> LADDER = List.of(seconds(1), seconds(5), seconds(10), seconds(30), seconds(60),
            seconds(300), seconds(600), seconds(1_800), seconds(3_600), seconds(10_800), seconds(21_600),
            seconds(43_200), seconds(86_400), seconds(604_800));

    public Step {
        if (width.isNegative() || width.isZero() || width.getNano() != 0) {
            throw new IllegalArgumentException("a step is a positive whole number of seconds: " + width);
        }
    }

    public static Step seconds(long seconds) {
        return new Step(Duration.ofSeconds(seconds));
    }

    public static Step parse(String text) {
        Matcher m = TEXT.matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidInputException("step must be a whole number of seconds, minutes, hours or days "
                    + "(10s, 5m, 1h, 1d) or 'auto', not '" + text + "'.");
        }
        long n = Long.parseLong(m.group(1));
        long unit = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3_600;
            default -> 86_400;
        };
        return seconds(n * unit);
    }

    /** The finest ladder step giving at most {@code maxPoints} buckets over the range; 7d when none does. */
    public static Step auto(Instant start, Instant end, int maxPoints) {
        for (Step step : LADDER) {
            if (step.bucketCount(start, end) <= maxPoints) {
                return step;
            }
        }
        return LADDER.get(LADDER.size() - 1);
    }

    public long millis() {
        return width.toMillis();
    }

    /** The start of the bucket holding {@code t}. */
    public Instant bucketStart(Instant t) {
        long ms = t.toEpochMilli();
        return Instant.ofEpochMilli(Math.floorDiv(ms, millis()) * millis());
    }

    /** How many buckets cover {@code [start, end]} (both inclusive). */
    public long bucketCount(Instant start, Instant end) {
        return (bucketStart(end).toEpochMilli() - bucketStart(start).toEpochMilli()) / millis() + 1;
    }

    /** The text form: the largest whole unit ({@code 90s} stays 90s, {@code 3600s} is 1h). */
    public String text() {
        long s = width.getSeconds();
        if (s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s % 3_600 == 0) {
            return s / 3_600 + "h";
        }
        if (s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
