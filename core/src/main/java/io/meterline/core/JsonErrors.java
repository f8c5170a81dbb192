package io.meterline.core;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;

/**
 * Jackson's parse errors as a sentence for the person who sent the body: its own words with where
 * in the body, without the parts that speak to a Java programmer (feature flags to enable, Java
 * types, the redacted source).
 */
public final class JsonErrors {

    /** Where Jackson's message turns to the programmer: the source, Java types, features to enable. */
    private static final String[] PROGRAMMERS_PARTS = {" (start marker at ", "\n at [Source", " (for ", "; to allow",
        ": enable `", " (not recognized as one since"};

    private JsonErrors() {
    }

    public static String reason(JacksonException e) {
        String message = e.getOriginalMessage();
        if (message == null) {
            return "it could not be parsed" + where(e.getLocation());
        }
        if (message.startsWith("Trailing token")) {
            return "more follows the end of the JSON value" + where(e.getLocation());
        }
        for (String programmersPart : PROGRAMMERS_PARTS) {
            int at = message.indexOf(programmersPart);
            if (at >= 0) {
                message = message.substring(0, at);
            }
        }
        return message.replaceAll("\\s*\\(`[A-Za-z.]+`[^)]*\\)", "").replaceAll(", from `[^`]*`", "") + where(e.getLocation());
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
