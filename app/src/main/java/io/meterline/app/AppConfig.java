package io.meterline.app;

import io.meterline.storage.QuestDbServerAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Meterline's configuration, read once from flags ({@code --port 8080} or {@code --port=8080})
 * and environment variables ({@code METERLINE_PORT}); a flag wins over the environment, and
 * every problem is reported at once.
 */
public record AppConfig(
        String host,
        int port,
        Path dataDir,
        Optional<String> kafkaBootstrapServers,
        long maxBodyBytes,
        int partitions,
        String instanceId,
        int streamThreads,
        Retention retention,
        boolean demo,
        Optional<String> writeToken,
        Optional<String> readToken,
        Optional<Path> kafkaConfig,
        List<String> corsOrigins,
        Map<String, String> kafkaProperties,
        Optional<QuestDbServerAddress> questdb) {

    /** How long each tier keeps points. */
    public record Retention(Duration raw, Duration minute, Duration hour) {

        /** As {@code GET /metrics/{name}} shows it. */
        public java.util.Map<String, String> asText() {
            java.util.Map<String, String> text = new java.util.LinkedHashMap<>();
            text.put("raw", days(raw));
            text.put("1m", days(minute));
            text.put("1h", days(hour));
            return text;
        }

        private static String days(Duration d) {
            return d.toHours() % 24 == 0 ? d.toDays() + "d" : d.toHours() + "h";
        }

        public Duration longest() {
            Duration longest = raw;
            for (Duration d : new Duration[] {minute, hour}) {
                longest = d.compareTo(longest) > 0 ? d : longest;
            }
            return longest;
        }
    }

    /** Every key, its default and what it does; README's configuration table follows this list. */
    enum Key {
        HOST("host", "0.0.0.0", "address the HTTP server binds to"),
        PORT("port", "8080", "HTTP port (0 picks a free one)"),
        DATA_DIR("data-dir", "./data", "folder for the embedded broker's and QuestDB's data"),
        KAFKA_BOOTSTRAP_SERVERS("kafka-bootstrap-servers", "", "an external Kafka; empty starts the embedded broker"),
        MAX_BODY_BYTES("max-body-bytes", String.valueOf(16 * 1024 * 1024), "largest request body accepted"),
        PARTITIONS("partitions", "6", "partitions of the points topic when Meterline creates it"),
        INSTANCE_ID("instance-id", "0", "this instance's id among several sharing one Kafka (stable across restarts)"),
        STREAM_THREADS("stream-threads", "2", "Kafka Streams threads (each takes its share of the points topic's partitions)"),
        RETENTION_RAW("retention-raw", "30d", "how long raw points are kept (hours or days: 36h, 30d)"),
        RETENTION_1M("retention-1m", "90d", "how long 1-minute rollups are kept"),
        RETENTION_1H("retention-1h", "1825d", "how long 1-hour rollups are kept"),
        DEMO("demo", "false", "load the operations dashboard's 30-day sample set at start (once per data folder)"),
        WRITE_TOKEN("write-token", "", "bearer token every write (POST) must carry; empty: writes are open"),
        READ_TOKEN("read-token", "", "bearer token reads must carry (the write token also reads); empty: reads are open"),
        KAFKA_CONFIG("kafka-config", "", "a Kafka client properties file (SASL, TLS, ...) given to every client Meterline makes"),
        CORS_ORIGINS("cors-origins", "", "origins allowed to call the API from a browser, comma-separated (* for any); empty: CORS off"),
        KAFKA_PROPERTY("kafka-property", "", "a Kafka client property key=value for every client (repeat the flag; "
                + "in the environment one per line); wins over --kafka-config"),
        QUESTDB("questdb", "", "a QuestDB server, http://[user:password@]host:9000[?pg_port=8812] (ILP/HTTP writes, "
                + "PGWire reads); empty: embedded QuestDB under the data folder");

        final String flag;
        final String defaultValue;
        final String description;

        Key(String flag, String defaultValue, String description) {
            this.flag = flag;
            this.defaultValue = defaultValue;
            this.description = description;
        }

        String envName() {
            return "METERLINE_" + name();
        }
    }

    public static AppConfig from(String[] args, Map<String, String> env) {
        Map<Key, String> raw = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Key key : Key.values()) {
            raw.put(key, env.getOrDefault(key.envName(), key.defaultValue));
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                problems.add("unexpected argument '" + arg + "'");
                continue;
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (name.equals(Key.DEMO.flag) && (i + 1 == args.length || args[i + 1].startsWith("--"))) {
                value = "true"; // a switch: --demo alone means on
            } else if (i + 1 < args.length) {
                value = args[++i];
            }
            Optional<Key> key = keyOf(name);
            if (key.isEmpty()) {
                problems.add("unknown flag '--" + name + "'");
            } else if (value == null) {
                problems.add("flag '--" + name + "' needs a value");
            } else if (key.get() == Key.KAFKA_PROPERTY && !raw.get(key.get()).isEmpty()) {
                raw.put(key.get(), raw.get(key.get()) + "\n" + value); // repeatable
            } else {
                raw.put(key.get(), value);
            }
        }
        Parsed p = new Parsed(raw, problems);
        AppConfig config = new AppConfig(
                p.text(Key.HOST),
                p.number(Key.PORT, Integer::parseInt, 0, 65_535),
                Path.of(p.text(Key.DATA_DIR)).toAbsolutePath().normalize(),
                Optional.of(p.text(Key.KAFKA_BOOTSTRAP_SERVERS).trim()).filter(s -> !s.isEmpty()),
                p.number(Key.MAX_BODY_BYTES, Long::parseLong, 1L, (long) Integer.MAX_VALUE - 8),
                p.number(Key.PARTITIONS, Integer::parseInt, 1, 10_000),
                p.text(Key.INSTANCE_ID),
                p.number(Key.STREAM_THREADS, Integer::parseInt, 1, 64),
                new Retention(p.duration(Key.RETENTION_RAW), p.duration(Key.RETENTION_1M), p.duration(Key.RETENTION_1H)),
                p.bool(Key.DEMO),
                Optional.of(p.text(Key.WRITE_TOKEN)).filter(t -> !t.isEmpty()),
                Optional.of(p.text(Key.READ_TOKEN)).filter(t -> !t.isEmpty()),
                p.file(Key.KAFKA_CONFIG),
                p.origins(Key.CORS_ORIGINS),
                p.properties(Key.KAFKA_PROPERTY),
                p.questdb(Key.QUESTDB));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("configuration problems:\n  - " + String.join("\n  - ", problems));
        }
        return config;
    }

    static String usage() {
        StringBuilder out = new StringBuilder("Usage: java -jar meterline.jar [--flag value]...\n");
        for (Key key : Key.values()) {
            out.append(String.format("  --%-26s %s (env %s, default '%s')%n", key.flag, key.description,
                    key.envName(), key.defaultValue));
        }
        return out.toString();
    }

    private static Optional<Key> keyOf(String flag) {
        for (Key key : Key.values()) {
            if (key.flag.equals(flag)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private record Parsed(Map<Key, String> raw, List<String> problems) {

        String text(Key key) {
            return raw.get(key);
        }

        Optional<Path> file(Key key) {
            String value = raw.get(key).trim();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            Path path = Path.of(value).toAbsolutePath().normalize();
            if (!java.nio.file.Files.isReadable(path)) {
                problems.add("--" + key.flag + " names a file that can't be read: " + path);
            }
            return Optional.of(path);
        }

        /** Comma-separated origins, each {@code *} or scheme://host[:port] (what a browser sends in Origin). */
        List<String> origins(Key key) {
            List<String> origins = new ArrayList<>();
            for (String part : raw.get(key).split(",")) {
                String origin = part.trim();
                if (origin.isEmpty()) {
                    continue;
                }
                if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
                    problems.add("--" + key.flag + " takes origins like https://dash.example.com:8443 or *, not '"
                            + origin + "'");
                }
                origins.add(origin);
            }
            return origins;
        }

        /** key=value lines; a flag given on the command line replaces the environment's lines, repeats add. */
        Map<String, String> properties(Key key) {
            Map<String, String> properties = new LinkedHashMap<>();
            for (String line : raw.get(key).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                int eq = line.indexOf('=');
                if (eq <= 0) {
                    problems.add("--" + key.flag + " takes key=value, not '" + line.trim() + "'");
                    continue;
                }
                properties.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
            return properties;
        }

        Optional<QuestDbServerAddress> questdb(Key key) {
            String value = raw.get(key).trim();
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(QuestDbServerAddress.parse(value));
            } catch (IllegalArgumentException e) {
                problems.add("--" + key.flag + ": " + e.getMessage());
                return Optional.empty();
            }
        }

        boolean bool(Key key) {
            String value = raw.get(key).trim();
            if (value.equals("true") || value.equals("false")) {
                return Boolean.parseBoolean(value);
            }
            problems.add("--" + key.flag + " must be true or false, not '" + value + "'");
            return false;
        }

        Duration duration(Key key) {
            String value = raw.get(key).trim();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("([1-9][0-9]{0,6})([hd])").matcher(value);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return m.group(2).equals("h") ? Duration.ofHours(n) : Duration.ofDays(n);
            }
            problems.add("--" + key.flag + " must be a whole number of hours or days (36h, 30d), not '" + value + "'");
            return Duration.ofDays(30);
        }

        <T extends Comparable<T>> T number(Key key, Function<String, T> parse, T min, T max) {
            String value = raw.get(key).trim();
            try {
                T n = parse.apply(value);
                if (n.compareTo(min) >= 0 && n.compareTo(max) <= 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            problems.add("--" + key.flag + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
            return parse.apply(key.defaultValue);
        }
    }
}
