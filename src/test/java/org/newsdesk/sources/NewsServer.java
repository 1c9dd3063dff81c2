package org.newsdesk.sources;

import org.newsdesk.testkit.LocalHttpServer;
import org.newsdesk.testkit.LocalHttpServer.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;

/**
 * A local news site on the test kit's {@link LocalHttpServer}, speaking real HTTP: static resources with ETag /
 * Last-Modified validators (answering 304 to a matching conditional GET) and the faults a crawler meets (see the
 * fault methods).
 */
final class NewsServer implements AutoCloseable {
    /** One answered request as the server saw it (status -1: the client went away). */
    record Request(String path, String ifNoneMatch, String ifModifiedSince, String userAgent, int status) {
    }

    private final LocalHttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    /** Bytes the 50 MB page actually wrote before the client stopped reading. */
    final AtomicLong hugeBytesWritten = new AtomicLong();

    NewsServer() {
        this(new LocalHttpServer("news-server"));
    }

    NewsServer(LocalHttpServer server) {
        this.server = server;
        server.onClose(release::countDown);
    }

    String url(String path) {
        return server.url(path);
    }

    /** Every answered request so far, in the order answered (a copy: later requests do not change it). */
    List<Request> requests() {
        return server.served().stream().map(s -> new Request(s.request().path(), s.request().header("If-None-Match"),
                s.request().header("If-Modified-Since"), s.request().header("User-Agent"), s.status())).toList();
    }

    /** A resource with validators: its ETag is derived from the content, so changed content is a new ETag. */
    void resource(String path, String contentType, byte[] body) {
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
        String lastModified = "Mon, 30 Nov 2026 10:00:00 GMT";
        server.route(path, r -> (etag.equals(r.header("If-None-Match")) ? Response.empty(304)
                : Response.of(200, contentType, body)).withHeader("ETag", etag).withHeader("Last-Modified", lastModified));
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

    void status(String path, int status, Map<String, String> headers) {
        Response page = Response.of(status, "text/html", "<html><body>status " + status + "</body></html>");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            page = page.withHeader(h.getKey(), h.getValue());
        }
        server.respond(path, page);
    }

    /** Headers and a first chunk, then nothing until the server stops: a response that stalls. */
    void stall(String path) {
        server.stream(path, (r, ex) -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            out.write("<html><body><p>Just a moment".getBytes(StandardCharsets.UTF_8));
            out.flush();
            release.await(60, TimeUnit.SECONDS);
        });
    }

    /** A 50 MB HTML page streamed in 64 KB chunks (never held in memory), without a Content-Length. */
    void huge(String path, long bytes) {
        server.stream(path, (r, ex) -> {
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
        });
    }

    /** Redirects to itself for ever. */
    void redirectLoop(String path) {
        server.respond(path, Response.empty(302).withHeader("Location", path + "?again"));
    }

    void redirect(String path, String location) {
        server.respond(path, Response.empty(301).withHeader("Location", location));
    }

    /** Requests for {@code path} that were answered (or given up by the client) so far. */
    long count(String path) {
        return server.served().stream().filter(s -> s.request().path().equals(path)).count();
    }

    @Override
    public void close() {
        server.close();
    }
}
