package io.meterline.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Optional bearer tokens (api.md, "Tokens"): writes (any POST) need the write token; reads take the
 * read or the write token; a kind with no token configured stays open. {@code /health}, {@code /ready}
 * and the web UI's static files are always open (the UI sends the token with its API calls).
 * Tokens are compared in constant time and never logged.
 */
final class TokenGuard {

    private final Optional<byte[]> writeToken;
    private final Optional<byte[]> readToken;

    TokenGuard(Optional<String> writeToken, Optional<String> readToken) {
        this.writeToken = writeToken.filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8));
        this.readToken = readToken.filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    void check(Context ctx) {
        String path = ctx.path();
        boolean api = path.startsWith("/metrics") || path.equals("/data") || path.startsWith("/internal/");
        if (!api || ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        byte[] given = bearer(ctx);
        if (ctx.method() == HandlerType.POST) {
            if (writeToken.isEmpty() || matches(given, writeToken.get())) {
                return;
            }
            if (given != null && readToken.isPresent() && matches(given, readToken.get())) {
                throw ApiException.forbidden("The read token cannot write: send the write token.");
            }
            throw unauthorized(ctx, given, "write");
        }
        if (readToken.isEmpty()) {
            return; // no read token configured: reads stay open
        }
        boolean ok = matches(given, readToken.get()) || writeToken.isPresent() && matches(given, writeToken.get());
        if (!ok) {
            throw unauthorized(ctx, given, "read");
        }
    }

    private static ApiException unauthorized(Context ctx, byte[] given, String kind) {
        ctx.header("WWW-Authenticate", "Bearer realm=\"meterline\"");
        return ApiException.unauthorized(given == null
                ? "This " + kind + " needs a token: send Authorization: Bearer <token>."
                : "The token is not valid for this " + kind + ".");
    }

    private static byte[] bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim().getBytes(StandardCharsets.UTF_8);
    }

    /** Constant time in the token's content: MessageDigest.isEqual does not stop at the first difference. */
    private static boolean matches(byte[] given, byte[] expected) {
        return given != null && MessageDigest.isEqual(given, expected);
    }
}
