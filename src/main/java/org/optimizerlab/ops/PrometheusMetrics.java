package org.optimizerlab.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * {@link ClassMetrics} kept in a Micrometer registry and written in the Prometheus text format by {@link #scrape()}:
 * the JVM's memory, GC, threads, classes, CPU and uptime, and the class's meters, all named {@code optlab_*}
 * (listed in {@code docs/deployment.md}). Labels take their values from closed sets: close codes the protocol
 * defines (others are {@code other}), {@link ClassMetrics}' enums, the field families of {@link #FIELD_FAMILIES},
 * at most {@value #MAX_PROBLEM_TYPES} problem types of the form {@code [a-z0-9-]{1,32}}, and at most
 * {@value #MAX_LESSONS} lesson slugs of the form {@code [a-z0-9-]{1,100}} (the caller passes only slugs of the
 * course; a course reloaded many times with new slugs still cannot grow the set further: later ones are
 * {@code other}).
 * {@link #close()} detaches it from the JVM's GC notifications.
 */
public final class PrometheusMetrics implements ClassMetrics, AutoCloseable {

    /** The content type of {@link #scrape()}: the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** The first segments of error fields counted by name; any other is {@code other}, none is {@code message}. */
    static final Set<String> FIELD_FAMILIES = Set.of("type", "spec", "n", "steps_per_second", "paused");
    /** Close codes counted by number; any other is {@code other}. */
    static final Set<Integer> CLOSE_CODES = Set.of(1000, 1001, 1005, 1006, 1008, 1009, 1011, 1013);
    static final int MAX_PROBLEM_TYPES = 32;
    private static final Pattern PROBLEM_TYPE = Pattern.compile("[a-z0-9-]{1,32}");
    static final int MAX_LESSONS = 64;
    private static final Pattern LESSON = Pattern.compile("[a-z0-9-]{1,100}");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Counter opened;
    private final Counter updates;
    private final Counter sentBytes;
    private final Counter sentMessages;
    private final BoundedLabels problemTypes = new BoundedLabels(PROBLEM_TYPE, MAX_PROBLEM_TYPES);
    private final BoundedLabels lessons = new BoundedLabels(LESSON, MAX_LESSONS);

    public PrometheusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        opened = Counter.builder("optlab.connections.opened").description("experiment connections admitted")
                .register(registry);
        updates = Counter.builder("optlab.updates").description("optimizer updates made (per run and step)")
                .register(registry);
        sentBytes = Counter.builder("optlab.sent.bytes").description("bytes of messages sent to clients")
                .baseUnit("bytes").register(registry);
        sentMessages = Counter.builder("optlab.sent.messages").description("messages sent to clients")
                .register(registry);
        for (Refusal reason : Refusal.values()) {
            refusals(reason);                                  // every reason reads 0 before the first refusal
        }
    }

    /** Everything in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void connectionOpened() {
        opened.increment();
    }

    @Override
    public void connectionClosed(int code, CloseCause cause) {
        Counter.builder("optlab.connections.closed").description("experiment connections ended, by close code")
                .tag("code", CLOSE_CODES.contains(code) ? Integer.toString(code) : "other")
                .tag("cause", label(cause)).register(registry).increment();
    }

    @Override
    public void refused(Refusal reason) {
        refusals(reason).increment();
    }

    @Override
    public void experimentStarted(String lesson, String problemType, ExperimentKind kind) {
        Counter.builder("optlab.experiments.started").description("experiments started on the socket")
                .tag("lesson", lessons.label(lesson)).tag("problem", problemTypes.label(problemType))
                .tag("kind", label(kind)).register(registry).increment();
    }

    @Override
    public void updatesMade(long count) {
        updates.increment(count);
    }

    @Override
    public void sent(long bytes) {
        sentMessages.increment();
        sentBytes.increment(bytes);
    }

    @Override
    public void clientError(String field) {
        Counter.builder("optlab.client.errors").description("errors sent to clients, by the field's family")
                .tag("field", fieldFamily(field)).register(registry).increment();
    }

    @Override
    public void oneShot(boolean served) {
        Counter.builder("optlab.one.shot").description("one-shot computations (gradient estimates, activations)")
                .tag("outcome", served ? "served" : "busy").register(registry).increment();
    }

    @Override
    public void challengeSubmitted(Submission outcome) {
        Counter.builder("optlab.challenge.submissions").description("challenge submissions")
                .tag("outcome", label(outcome)).register(registry).increment();
    }

    @Override
    public void watchSessions(IntSupplier open) {
        Gauge.builder("optlab.sessions.open", open, IntSupplier::getAsInt).description("experiment sessions open")
                .strongReference(true).register(registry);
    }

    @Override
    public void watchWorkers(ThreadPoolExecutor workers) {
        Gauge.builder("optlab.workers.queue", workers, w -> w.getQueue().size())
                .description("tasks waiting for an experiment worker").strongReference(true).register(registry);
        Gauge.builder("optlab.workers.active", workers, ThreadPoolExecutor::getActiveCount)
                .description("experiment workers running a task").strongReference(true).register(registry);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    /** The first segment of a field path if it is a known family, {@code message} for none, else {@code other}. */
    static String fieldFamily(String field) {
        if (field == null || field.isEmpty()) {
            return "message";
        }
        int end = 0;
        while (end < field.length() && field.charAt(end) != '.' && field.charAt(end) != '[') {
            end++;
        }
        String first = field.substring(0, end);
        return FIELD_FAMILIES.contains(first) ? first : "other";
    }

    private Counter refusals(Refusal reason) {
        return Counter.builder("optlab.connections.refused").description("experiment connections refused")
                .tag("reason", label(reason)).register(registry);
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** A label's values: those of the right form, first come, up to a number; {@code other} for any else. */
    private static final class BoundedLabels {
        private final Pattern form;
        private final int most;
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        BoundedLabels(Pattern form, int most) {
            this.form = form;
            this.most = most;
        }

        String label(String value) {
            if (value == null || !form.matcher(value).matches()) {
                return "other";
            }
            if (seen.contains(value)) {
                return value;
            }
            synchronized (seen) {
                if (seen.size() >= most && !seen.contains(value)) {
                    return "other";
                }
                seen.add(value);
                return value;
            }
        }
    }
}
