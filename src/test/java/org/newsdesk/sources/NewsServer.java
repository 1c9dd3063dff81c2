package org.newsdesk.sources;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * A local news site on the JDK's HTTP server, speaking real HTTP: static resources with ETag / Last-Modified
 * validators (answering 304 to a matching conditional GET) and the faults a crawler meets (see the fault methods).
 */
final class NewsServer implements AutoCloseable {
    /** One request as the server saw it. */
    record Request(String path, String ifNoneMatch, String ifModifiedSince, String userAgent, int status) {
    }

    interface Handler {
        int handle(HttpExchange ex) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "news-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Handler> routes = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    /** Bytes the 50 MB page actually wrote before the client stopped reading. */
    final AtomicLong hugeBytesWritten = new AtomicLong();

    NewsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            int status = 500;
            try {
                Handler h = routes.get(ex.getRequestURI().getPath());
                status = h == null ? send(ex, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8)) : h.handle(ex);
            } catch (IOException e) {
                status = -1; // the client went away (size cap, timeout): expected in fault tests
            } finally {
                requests.add(new Request(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("If-None-Match"),
                        ex.getRequestHeaders().getFirst("If-Modified-Since"), ex.getRequestHeaders().getFirst("User-Agent"),
                        status));
                ex.close();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** A resource with validators: its ETag is derived from the content, so changed content is a new ETag. */
    void resource(String path, String contentType, byte[] body) {
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
        String lastModified = "Mon, 30 Nov 2026 10:00:00 GMT";
        routes.put(path, ex -> {
            ex.getResponseHeaders().set("ETag", etag);
            ex.getResponseHeaders().set("Last-Modified", lastModified);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                ex.sendResponseHeaders(304, -1);
                return 304;
            }
            return send(ex, 200, contentType, body);
        });
    }

    void resource(String path, String contentType, String body) {
        resource(path, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    void gzipResource(String path, String body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(body.getBytes(StandardCharsets.UTF_8));
        }
        resource(path, "application/gzip", bytes.toByteArray());
    }

    void route(String path, Handler h) {
        routes.put(path, h);
    }

    void status(String path, int status, Map<String, String> headers) {
        routes.put(path, ex -> {
            headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            return send(ex, status, "text/html", ("<html><body>status " + status + "</body></html>")
                    .getBytes(StandardCharsets.UTF_8));
        });
    }

    /** Headers and a first chunk, then nothing until the server stops: a response that stalls. */
    void stall(String path) {
        routes.put(path, ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("<html><body><p>Just a moment".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 200;
        });
    }

    /** A 50 MB HTML page streamed in 64 KB chunks (never held in memory), without a Content-Length. */
    void huge(String path, long bytes) {
        routes.put(path, ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = "<p>filler filler filler filler</p>\n".repeat(1800).getBytes(StandardCharsets.UTF_8);
            OutputStream out = ex.getResponseBody();
            long written = 0;
            while (written < bytes) {
                out.write(chunk);
                written += chunk.length;
                hugeBytesWritten.set(written);
            }
            return 200;
        });
    }

    /** Redirects to itself for ever. */
    void redirectLoop(String path) {
        routes.put(path, ex -> {
            ex.getResponseHeaders().set("Location", path + "?again");
            ex.sendResponseHeaders(302, -1);
            return 302;
        });
    }

    void redirect(String path, String location) {
        routes.put(path, ex -> {
            ex.getResponseHeaders().set("Location", location);
            ex.sendResponseHeaders(301, -1);
            return 301;
        });
    }

    long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    static int send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
