package io.meterline.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where a QuestDB server listens: its HTTP port (ILP writes) and, on the same host, its PGWire
 * port (reads). Written {@code http://[user:password@]host:9000[?pg_port=8812]}; the login is
 * used for both (QuestDB's default admin/quest for PGWire when none is given).
 */
public record QuestDbServerAddress(String scheme, String host, int httpPort, int pgPort, Optional<String> user,
                                   Optional<String> password) {

    public static final int DEFAULT_PG_PORT = 8812;

    public static QuestDbServerAddress parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a QuestDB address (http://host:9000): '" + text + "'");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a QuestDB address (http://host:9000): '" + text + "'");
        }
        int pgPort = DEFAULT_PG_PORT;
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                if (pair.startsWith("pg_port=")) {
                    pgPort = Integer.parseInt(pair.substring("pg_port=".length()));
                } else {
                    throw new IllegalArgumentException("unknown QuestDB address option '" + pair + "' (only pg_port)");
                }
            }
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        if (uri.getUserInfo() != null) {
            int colon = uri.getUserInfo().indexOf(':');
            user = Optional.of(colon < 0 ? uri.getUserInfo() : uri.getUserInfo().substring(0, colon));
            password = colon < 0 ? Optional.empty() : Optional.of(uri.getUserInfo().substring(colon + 1));
        }
        int httpPort = uri.getPort() > 0 ? uri.getPort() : 9000;
        return new QuestDbServerAddress(uri.getScheme(), uri.getHost(), httpPort, pgPort, user, password);
    }

    /** The ILP client's configuration string (without the auto-flush part). */
    String ilpConfig() {
        StringBuilder config = new StringBuilder(scheme).append("::addr=").append(host).append(':').append(httpPort).append(';');
        user.ifPresent(u -> config.append("username=").append(u).append(';'));
        password.ifPresent(p -> config.append("password=").append(p).append(';'));
        return config.toString();
    }

    /** Shown in logs and health answers: never the password. */
    @Override
    public String toString() {
        return scheme + "://" + host + ':' + httpPort + " (PGWire " + pgPort + ')';
    }
}
