package org.optimizerlab.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.optimizerlab.ops.ClassMetrics;
import org.optimizerlab.ops.MetricsConfig;
import org.optimizerlab.ops.PrometheusMetrics;

/**
 * {@code GET /metrics}: the {@link PrometheusMetrics} in the Prometheus text format, registered only when
 * {@link MetricsConfig} turns metrics on (the path is a 404 otherwise). With a token, or under
 * {@code OPTLAB_METRICS=instructor}, a request without {@code Authorization: Bearer TOKEN} or the instructor's
 * session gets 401 with {@code WWW-Authenticate: Bearer}. Never cached. {@link #metrics()} is what the rest of the
 * server reports to: the Prometheus registry when on, {@link ClassMetrics#NONE} when off; {@link #close()} with the
 * server.
 */
public final class MetricsEndpoint implements AutoCloseable {
    /** The path. */
    public static final String PATH = "/metrics";

    private final MetricsConfig config;
    private final Optional<PrometheusMetrics> prometheus;

    public MetricsEndpoint(MetricsConfig config) {
        this.config = config;
        this.prometheus = config.enabled() ? Optional.of(new PrometheusMetrics()) : Optional.empty();
    }

    /** Where the server reports its events. */
    public ClassMetrics metrics() {
        return prometheus.<ClassMetrics>map(m -> m).orElse(ClassMetrics.NONE);
    }

    /** Adds the route when metrics are on; {@code auth} tells the instructor's requests. */
    public void register(RoutesConfig routes, InstructorAuth auth) {
        prometheus.ifPresent(registry -> routes.get(PATH, ctx -> serve(ctx, registry, auth)));
    }

    @Override
    public void close() {
        prometheus.ifPresent(PrometheusMetrics::close);
    }

    private void serve(Context ctx, PrometheusMetrics registry, InstructorAuth auth) {
        ctx.header("Cache-Control", "no-store");
        if (!config.allows(ctx.header("Authorization"), auth.session(ctx).isPresent())) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"metrics\"").status(HttpStatus.UNAUTHORIZED)
                    .contentType("text/plain; charset=utf-8")
                    .result("/metrics needs Authorization: Bearer <OPTLAB_METRICS_TOKEN> or the instructor's session");
            return;
        }
        ctx.contentType(PrometheusMetrics.CONTENT_TYPE).result(registry.scrape());
    }
}
