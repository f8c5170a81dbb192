package io.meterline.ingest.client;

import io.meterline.core.DefinitionJson;

/**
 * Turns what Micrometer's naming convention produced into Meterline's name rule
 * {@code [a-zA-Z_][a-zA-Z0-9_]*} (at most 128 characters): the registry uses the snake_case
 * convention, so {@code http.server.requests} arrives here as {@code http_server_requests}; anything
 * a custom convention leaves outside the rule becomes {@code _}.
 */
final class MeterNames {

    static final int MAX_LENGTH = 128;

    private MeterNames() {
    }

    static String metricName(String conventionName) {
        return sanitize(conventionName);
    }

    /** A label key; the names of query parameters ({@code step}, {@code limit}…) get a trailing {@code _}. */
    static String labelKey(String conventionKey) {
        String key = sanitize(conventionKey);
        return DefinitionJson.RESERVED_KEYS.contains(key) ? key + "_" : key;
    }

    /** Label values may be any non-empty text; Micrometer allows an empty tag value, Meterline does not. */
    static String labelValue(String tagValue) {
        return tagValue == null || tagValue.isEmpty() ? "none" : tagValue;
    }

    private static String sanitize(String name) {
        StringBuilder out = new StringBuilder(Math.min(name.length() + 1, MAX_LENGTH));
        for (int i = 0; i < name.length() && out.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean digit = c >= '0' && c <= '9';
            if (out.length() == 0 && digit) {
                out.append('_');
            }
            out.append(letter || digit ? c : '_');
        }
        if (out.length() == 0) {
            return "_";
        }
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) : out.toString();
    }
}
