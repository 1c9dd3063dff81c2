package org.newsdesk.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import org.newsdesk.backend.lucene.LiveIndex;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Archive;
import org.newsdesk.sources.SourceReport;
import org.newsdesk.sources.SyncService;
import org.newsdesk.store.IndexRunLog;
import org.newsdesk.store.SourceStateStore;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bot's operational series, registered on the registry handed in (the ops endpoint's): the JVM and the process,
 * the live index, and each followed source. Gauges read their value at scrape time (the database's last successful
 * index run, each source's stored state), so they are right after a reindex made by another process too. Every
 * series has a description (Prometheus HELP). docs/operations.md lists them; the dashboard and alert rules there
 * are checked against a live scrape by a test.
 */
public final class OpsMetrics implements AutoCloseable {
    /** The kinds a failed fetch is counted under ({@link #fetchErrorKind}); registered at zero for every source. */
    static final List<String> FETCH_ERROR_KINDS = List.of("http_4xx", "http_5xx", "timeout", "network", "robots",
            "refused", "unreadable", "other");

    private final JvmGcMetrics gc = new JvmGcMetrics();

    private OpsMetrics() {
    }

    /** JVM (memory, GC, threads, classes) and process (CPU, uptime, open files) binders. */
    public static OpsMetrics bindJvm(MeterRegistry registry) {
        OpsMetrics m = new OpsMetrics();
        new JvmMemoryMetrics().bindTo(registry);
        m.gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        return m;
    }

    /** Articles, passages, live generation and the age of the last successful reindex. */
    public static void bindIndex(MeterRegistry registry, Archive archive, LiveIndex lucene, IndexRunLog runs,
                                 Clock clock) {
        Supplier<Optional<IndexRunLog.Run>> last = () -> {
            try {
                return runs.lastSuccessful();
            } catch (RuntimeException e) {
                return Optional.empty(); // a locked database: the gauge reads NaN this scrape
            }
        };
        Gauge.builder("newsdesk.index.articles", () -> last.get().map(r -> (double) r.articles()).orElse(Double.NaN))
                .description("Articles in the index after the last successful reindex").register(registry);
        Gauge.builder("newsdesk.index.passages", () -> {
            try {
                return archive.exists() ? archive.passageCount() : 0;
            } catch (RuntimeException e) {
                return Double.NaN; // a SolrCloud shard without a live replica
            }
        }).description("Passages in the live index").register(registry);
        Gauge.builder("newsdesk.index.generation", () -> generation(lucene))
                .description("Number of the live embedded index generation (data/index/gen-N; 0 when none)")
                .register(registry);
        Gauge.builder("newsdesk.index.last.success.age", () -> last.get()
                        .map(r -> r.finishedAt() == null ? Double.NaN
                                : (clock.millis() - r.finishedAt().toEpochMilli()) / 1000.0)
                        .orElse(Double.NaN))
                .description("Seconds since the last successful reindex finished (NaN before the first)")
                .baseUnit("seconds").register(registry);
    }

    static double generation(LiveIndex lucene) {
        return lucene.generation().map(g -> {
            try {
                return Double.parseDouble(g.substring(g.lastIndexOf('-') + 1));
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }).orElse(0.0);
    }

    /**
     * Per source: last success time and consecutive failures (from the stored state), articles added and fetch
     * errors by kind (counted from each sync's reports), and sync passes by result. Registered at zero.
     */
    public static void bindSources(MeterRegistry registry, List<NewsdeskConfig.Source> sources,
                                   SourceStateStore store, SyncService sync) {
        Counter passesOk = syncPasses(registry, "ok");
        Counter passesFailed = syncPasses(registry, "failed");
        for (NewsdeskConfig.Source s : sources) {
            Gauge.builder("newsdesk.source.last.success", () -> state(store, s.name())
                            .map(st -> st.lastSuccess() == null ? 0.0 : st.lastSuccess().getEpochSecond())
                            .orElse(Double.NaN))
                    .tag("source", s.name()).baseUnit("seconds")
                    .description("Unix time of the source's last successful fetch (0: never)").register(registry);
            Gauge.builder("newsdesk.source.consecutive.failures", () -> state(store, s.name())
                            .map(st -> (double) st.failures()).orElse(Double.NaN))
                    .tag("source", s.name())
                    .description("Failed fetches of the source in a row (0 after a success)").register(registry);
            added(registry, s.name());
            for (String kind : FETCH_ERROR_KINDS) {
                fetchErrors(registry, s.name(), kind);
            }
        }
        sync.addListener(result -> {
            for (SourceReport r : result.sources()) {
                if (r.added() > 0) {
                    added(registry, r.name()).increment(r.added());
                }
                if ("failed".equals(r.status())) {
                    fetchErrors(registry, r.name(), fetchErrorKind(r.error())).increment();
                }
            }
            (result.reindexError() == null && !result.everySourceFailed() ? passesOk : passesFailed).increment();
        });
    }

    private static Optional<SourceStateStore.State> state(SourceStateStore store, String name) {
        try {
            return Optional.of(store.state(name));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Counter added(MeterRegistry registry, String source) {
        return Counter.builder("newsdesk.source.articles.added").tag("source", source)
                .description("Articles the source added to the archive").register(registry);
    }

    private static Counter fetchErrors(MeterRegistry registry, String source, String kind) {
        return Counter.builder("newsdesk.source.fetch.errors").tag("source", source).tag("kind", kind)
                .description("Failed fetches of the source by kind (http_4xx, http_5xx, timeout, network, robots, "
                        + "refused, unreadable, other)").register(registry);
    }

    private static Counter syncPasses(MeterRegistry registry, String result) {
        return Counter.builder("newsdesk.sync.runs").tag("result", result)
                .description("Sync passes (every due source, then the index update) by result; failed: the index "
                        + "update failed or every due source failed").register(registry);
    }

    /** The kind of a source failure, from the fetcher's message ("HTTP 503", "timed out", "robots.txt ..."). */
    static String fetchErrorKind(String error) {
        if (error == null) {
            return "other";
        }
        String e = error.toLowerCase(Locale.ROOT);
        int http = e.indexOf("http ");
        if (http >= 0 && http + 6 <= e.length()) {
            char first = e.charAt(http + 5);
            if (first == '4') {
                return "http_4xx";
            }
            if (first == '5') {
                return "http_5xx";
            }
        }
        if (e.contains("timed out") || e.contains("timeout") || e.contains("no complete response")) {
            return "timeout";
        }
        if (e.contains("robots")) {
            return "robots";
        }
        if (e.startsWith("refused") || e.contains("private") || e.contains("not allowed") || e.contains("refused to")
                || e.contains("content type") || e.contains("too large") || e.contains("redirect")) {
            return "refused";
        }
        if (e.contains("malformed") || e.contains("unreadable") || e.contains("no article")) {
            return "unreadable";
        }
        if (e.contains("connect") || e.contains("unknown host") || e.contains("network") || e.contains("resolve")) {
            return "network";
        }
        return "other";
    }

    @Override
    public void close() {
        gc.close();
    }
}
