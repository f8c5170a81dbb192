package io.meterline.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.meterline.core.ComponentHealth;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Liveness, readiness (Kafka, stream, storage) and the service's own meters. */
final class OpsRoutes {

    private final Supplier<List<ComponentHealth>> readiness;
    private final Supplier<String> prometheusScrape;

    OpsRoutes(Supplier<List<ComponentHealth>> readiness, Supplier<String> prometheusScrape) {
        this.readiness = readiness;
        this.prometheusScrape = prometheusScrape;
    }

    void register(JavalinConfig config) {
        config.routes.get("/health", ctx -> ctx.json(Map.of("status", "up")));
        config.routes.get("/ready", this::ready);
        config.routes.get("/internal/prometheus", ctx ->
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(prometheusScrape.get()));
    }

    private void ready(Context ctx) {
        List<ComponentHealth> checks = readiness.get();
        boolean ready = checks.stream().allMatch(ComponentHealth::up);
        if (!ready) {
            ctx.header("Retry-After", ErrorMapping.RETRY_AFTER_SECONDS);
        }
        ctx.status(ready ? 200 : 503).json(Map.of(
                "status", ready ? "ready" : "not ready",
                "components", checks.stream().map(c -> Map.of("component", c.component(), "up", c.up(),
                        "detail", c.detail())).toList()));
    }
}
