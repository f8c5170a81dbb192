package io.meterline.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;

/**
 * Jackson's parse errors as a sentence for the person who sent the body: its own words with where
 * in the body, without the parts that speak to a Java programmer (feature flags to enable, Java
 * types, the redacted source).
 */
final class JsonErrors {

    private JsonErrors() {
    }

    static String reason(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "the body is not valid JSON" + where(e.getLocation());
        }
        if (message.startsWith("Trailing token")) {
            return "more follows the end of the JSON value" + where(e.getLocation());
        }
        int marker = message.indexOf(" (start marker at ");
        if (marker >= 0) {
            message = message.substring(0, marker);
        }
        int hint = message.indexOf("\n at [Source");
        if (hint >= 0) {
            message = message.substring(0, hint);
        }
        // "…: was expecting …; to allow it, enable `JsonReadFeature.X`" and the like
        int toAllow = message.indexOf(" (for ");
        if (toAllow < 0) {
            toAllow = message.indexOf("; to allow");
        }
        if (toAllow >= 0) {
            message = message.substring(0, toAllow);
        }
        return message.replaceAll("\\s*\\(`[A-Za-z.]+`[^)]*\\)", "") + where(e.getLocation());
    }

    /** The column alone on a body's (or an NDJSON line's) first line. */
    private static String where(JsonLocation at) {
        if (at == null || at.getLineNr() < 1) {
            return "";
        }
        return at.getLineNr() == 1 ? " (column " + at.getColumnNr() + ")"
                : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
