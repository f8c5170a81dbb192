package io.meterline.api;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.JavalinStaticResourceHandler;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.meterline.core.ComponentHealth;
import io.meterline.core.Ingestion;
import io.meterline.core.Json;
import io.meterline.core.MetricRegistry;
import io.meterline.core.PointParser;
import io.meterline.core.storage.MetricReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.jetty.server.handler.GracefulHandler;

/** The HTTP server: every route of the contract, one error mapping, request timing. */
public final class HttpApi implements AutoCloseable {

    private static final long STOP_TIMEOUT_MS = 10_000;

    /** What the API needs from the rest of Meterline. */
    public record Dependencies(MetricRegistry registry, Ingestion ingestion, MetricReader reader, PointParser parser,
                               Clock clock, MeterRegistry meters, Supplier<String> prometheusScrape,
                               Supplier<List<ComponentHealth>> readiness) {
    }

    /** HTTP settings. */
    /** HTTP settings; {@code retention} is what each tier keeps, as definitions show it. */
    /**
     * @param corsOrigins origins (scheme://host[:port]) whose pages may call the API from a browser;
     *                    empty: CORS off, the browser's same-origin rule applies; {@code *}: any origin
     */
    public record Settings(String host, int port, long maxBodyBytes, java.util.Map<String, String> retention,
                           java.util.Optional<String> writeToken, java.util.Optional<String> readToken,
                           java.util.List<String> corsOrigins) {

        public Settings {
            corsOrigins = java.util.List.copyOf(corsOrigins);
        }

        /** Without tokens or CORS: every route open, same origin only. */
        public Settings(String host, int port, long maxBodyBytes, java.util.Map<String, String> retention) {
            this(host, port, maxBodyBytes, retention, java.util.Optional.empty(), java.util.Optional.empty(),
                    java.util.List.of());
        }
    }

    private static final String STARTED_AT = "meterline.startNanos";

    private final Javalin javalin;

    public HttpApi(Dependencies deps, Settings settings) {
        ApiMeters meters = new ApiMeters(deps.meters());
        DefinitionRoutes definitions = new DefinitionRoutes(deps.registry(), deps.ingestion(), deps.reader(),
                deps.clock(), settings.maxBodyBytes(), settings.retention());
        WriteRoutes writes = new WriteRoutes(deps.registry(), deps.ingestion(), deps.parser(), meters,
                settings.maxBodyBytes());
        ReadRoutes reads = new ReadRoutes(deps.registry(), deps.reader(), new CsvExport(deps.reader(), deps.meters()));
        OpsRoutes ops = new OpsRoutes(deps.readiness(), deps.prometheusScrape());
        this.javalin = Javalin.create(config -> {
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.prefer405over404 = true;
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                // On stop (SIGTERM), take no new connections but let the requests in flight finish,
                // up to 10 s, before the producers close: a batch the stream will store must not
                // lose its answer (the client would retry it, and points without a timestamp twice).
                server.insertHandler(new GracefulHandler()); // inserted: Javalin's own handlers stay
                // Jetty's shutdown idle timeout stays 1 s: it also closes the idle kept-alive
                // connections, which would otherwise hold the stop for its whole time. So a request
                // whose client goes silent for a second mid-body is cut.
                server.setStopTimeout(STOP_TIMEOUT_MS);
            });
            config.http.maxRequestSize = settings.maxBodyBytes();
            // A client that trickles a body (slowloris) would hold a request thread as long as it
            // likes: below 1 KB/s Jetty drops it. A silent connection goes after Jetty's 30 s idle timeout.
            config.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(1_024));
            if (!settings.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    if (settings.corsOrigins().contains("*")) {
                        rule.anyHost();
                    } else {
                        rule.allowHost(settings.corsOrigins().get(0),
                                settings.corsOrigins().subList(1, settings.corsOrigins().size()).toArray(String[]::new));
                    }
                    rule.exposeHeader("X-Step");
                    rule.exposeHeader("X-Next-Start-Time");
                    rule.exposeHeader("Retry-After");
                }));
            }
            config.startup.showJavalinBanner = false;
            // the web UI (module ui): index.html and its modules at /, ECharts under /webjars/.
            // Javalin's own handler reads them through the class loader's open jar. Jetty's default
            // one mounts the 37,000-entry shaded jar as a zip file system per static root, each with
            // its own copy of the jar's 4 MB directory: tens of MB of heap at startup (bench/RESULTS.md).
            config.resourceHandler(new JavalinStaticResourceHandler());
            config.staticFiles.add("/public", Location.CLASSPATH);
            config.staticFiles.enableWebjars();
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            TokenGuard tokens = new TokenGuard(settings.writeToken(), settings.readToken());
            config.routes.before(ctx -> {
                ctx.attribute(STARTED_AT, System.nanoTime());
                tokens.check(ctx);
            });
            config.routes.after(ctx -> {
                Long started = ctx.attribute(STARTED_AT);
                if (started != null) {
                    // the route's template (/metrics/{name}/data), never the raw path: bounded tag values
                    String route = ctx.endpoints().list().stream().filter(e -> e.method == ctx.method())
                            .map(e -> e.path).reduce((first, second) -> second).orElse("unmatched");
                    meters.request(ctx.method().name(), route, ctx.statusCode(), System.nanoTime() - started);
                }
            });
            ErrorMapping.install(config);
            definitions.register(config);
            writes.register(config);
            reads.register(config);
            ops.register(config);
        });
    }

    public HttpApi start() {
        javalin.start();
        return this;
    }

    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }
}
