package org.newsdesk.ops;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.core.instrument.Metrics;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The operations endpoint: {@code GET /healthz} (the process is alive), {@code GET /readyz} (every readiness check
 * passes; 503 with the failing ones otherwise) and {@code GET /metrics} (the Prometheus registry handed in, which is
 * also added to Micrometer's global registry for the meters recorded there: answers, Telegram). Small Jetty server:
 * bounded pool, idle timeout; meant for 127.0.0.1 (no authentication).
 */
public final class OpsServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);

    /** One readiness check: passed, and a short reason either way. */
    public record Check(boolean ok, String detail) {
        public static Check ok(String detail) {
            return new Check(true, detail);
        }

        public static Check failed(String detail) {
            return new Check(false, detail);
        }
    }

    private final Server server;
    private final ServerConnector connector;
    private final PrometheusMeterRegistry registry;
    private final Map<String, Supplier<Check>> checks;

    /** Starts serving on {@code bind:port} (port 0 = any free port, for tests). */
    public OpsServer(String bind, int port, Map<String, Supplier<Check>> checks) throws IOException {
        this(bind, port, checks, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** Serves {@code registry} at /metrics; closing the server closes it. */
    public OpsServer(String bind, int port, Map<String, Supplier<Check>> checks, PrometheusMeterRegistry registry)
            throws IOException {
        this.checks = new LinkedHashMap<>(checks);
        this.registry = registry;
        Metrics.addRegistry(registry);
        QueuedThreadPool pool = new QueuedThreadPool(6, 1, 60_000, new BlockingArrayQueue<>(16));
        pool.setName("ops-http");
        pool.setDaemon(true);
        server = new Server(pool);
        org.eclipse.jetty.server.HttpConfiguration http = new org.eclipse.jetty.server.HttpConfiguration();
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, 1, 1, new org.eclipse.jetty.server.HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(10_000);
        server.addConnector(connector);
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest req, HttpServletResponse resp)
                    throws IOException {
                base.setHandled(true);
                serve(req, resp);
            }
        });
        server.setStopTimeout(1000);
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException("cannot listen on " + bind + ":" + port + ": " + e.getMessage(), e);
        }
        log.info("Ops endpoint on http://{}:{}/ (healthz, readyz, metrics)", bind, port());
    }

    public int port() {
        return connector.getLocalPort();
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!"GET".equals(req.getMethod()) && !"HEAD".equals(req.getMethod())) {
            write(resp, 405, "text/plain", "GET only\n");
            return;
        }
        switch (req.getRequestURI()) {
            case "/healthz" -> write(resp, 200, "text/plain", "ok\n");
            case "/readyz" -> {
                StringBuilder sb = new StringBuilder();
                boolean ready = true;
                for (Map.Entry<String, Supplier<Check>> e : checks.entrySet()) {
                    Check c;
                    try {
                        c = e.getValue().get();
                    } catch (RuntimeException ex) {
                        c = Check.failed(ex.getClass().getSimpleName() + ": " + ex.getMessage());
                    }
                    ready &= c.ok();
                    sb.append(e.getKey()).append(": ").append(c.ok() ? "ok" : "FAIL").append(" (")
                            .append(c.detail()).append(")\n");
                }
                write(resp, ready ? 200 : 503, "text/plain", (ready ? "ready\n" : "not ready\n") + sb);
            }
            case "/metrics" -> write(resp, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
            default -> write(resp, 404, "text/plain", "not found: try /healthz, /readyz, /metrics\n");
        }
    }

    private static void write(HttpServletResponse resp, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        resp.setStatus(status);
        resp.setContentType(type);
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("Stopping the ops endpoint: {}", e.toString());
        }
        Metrics.removeRegistry(registry);
        registry.close();
    }
}
