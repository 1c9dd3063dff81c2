package org.newsdesk.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 (an ephemeral port; the JDK's {@code com.sun.net.httpserver}) for tests that drive
 * real clients: routes by exact path or prefix, scripted one-off responses per path served before the route, and a
 * log of every request (on arrival, with its body read) and of every response's status. A route that returns a
 * {@link Response} has its status logged before the client can read it, so a test that saw the reply also sees the
 * log entry; a {@link StreamHandler} (streams, stalls) has it logged when it returns. Requests are served on daemon
 * threads, many at once.
 */
public final class LocalHttpServer implements AutoCloseable {
    /** One request as it arrived: header names in lower case, the body read whole. */
    public record Request(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
                          long arrivedNanos, long arrivedMillis) {
        /** The first value of a header, any case; null when absent. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A request and the status it was answered with (-1: the client went away before an answer). */
    public record Served(Request request, int status) {
    }

    /** A whole response: status, content type, body and extra headers. An empty body is sent with no length. */
    public record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
        public Response {
            headers = Map.copyOf(headers);
        }

        public static Response of(int status, String contentType, byte[] body) {
            return new Response(status, contentType, body, Map.of());
        }

        public static Response of(int status, String contentType, String body) {
            return of(status, contentType, body.getBytes(StandardCharsets.UTF_8));
        }

        public static Response json(int status, String body) {
            return of(status, "application/json", body);
        }

        public static Response text(int status, String body) {
            return of(status, "text/plain", body);
        }

        /** No body at all (a 304, a redirect). */
        public static Response empty(int status) {
            return new Response(status, null, new byte[0], Map.of());
        }

        public Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, contentType, body, h);
        }
    }

    /** A route that writes its own answer on the exchange (streams, stalls, answers sent in pieces). */
    @FunctionalInterface
    public interface StreamHandler {
        void handle(Request request, HttpExchange exchange) throws IOException, InterruptedException;
    }

    private record Route(String path, boolean prefix, StreamHandler handler, Function<Request, Response> responder) {
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Route> exact = new ConcurrentHashMap<>();
    private final List<Route> prefixes = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Response>> scripted = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Served> served = new CopyOnWriteArrayList<>();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Started at once; {@code name} names its threads. */
    public LocalHttpServer(String name) {
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(executor);
        server.start();
    }

    public LocalHttpServer() {
        this("local-http");
    }

    /** {@code http://127.0.0.1:PORT} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String url(String path) {
        return url() + path;
    }

    // ---- routes ---------------------------------------------------------------------------------------------

    /** Requests for exactly {@code path} are answered by {@code responder}. */
    public LocalHttpServer route(String path, Function<Request, Response> responder) {
        exact.put(path, new Route(path, false, null, responder));
        return this;
    }

    /** Requests for exactly {@code path} always get {@code response}. */
    public LocalHttpServer respond(String path, Response response) {
        return route(path, r -> response);
    }

    /** Requests for exactly {@code path} are handed to {@code handler}, which answers on the exchange itself. */
    public LocalHttpServer stream(String path, StreamHandler handler) {
        exact.put(path, new Route(path, false, handler, null));
        return this;
    }

    /** Requests under {@code prefix} with no exact route; the longest matching prefix wins. */
    public LocalHttpServer routePrefix(String prefix, Function<Request, Response> responder) {
        return addPrefix(new Route(prefix, true, null, responder));
    }

    public LocalHttpServer streamPrefix(String prefix, StreamHandler handler) {
        return addPrefix(new Route(prefix, true, handler, null));
    }

    private LocalHttpServer addPrefix(Route route) {
        prefixes.removeIf(r -> r.path().equals(route.path()));
        prefixes.add(route);
        prefixes.sort((a, b) -> b.path().length() - a.path().length());
        return this;
    }

    /** The next requests for {@code path} get these responses, in order, before its route answers again. */
    public LocalHttpServer enqueue(String path, Response... responses) {
        Deque<Response> q = scripted.computeIfAbsent(path, k -> new ArrayDeque<>());
        synchronized (q) {
            q.addAll(List.of(responses));
        }
        return this;
    }

    /** Runs when the server closes, before it stops (releases handlers that hold a request open). */
    public LocalHttpServer onClose(Runnable action) {
        onClose.add(action);
        return this;
    }

    // ---- the log ----------------------------------------------------------------------------------------------

    /** Every request so far, in arrival order (a copy). */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Requests for {@code path} so far. */
    public long count(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    /** Every answered request with its status, in the order they were answered (a copy). */
    public List<Served> served() {
        return List.copyOf(served);
    }

    /** The most requests this server was serving at one time. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    // ---- serving ----------------------------------------------------------------------------------------------

    private void serve(HttpExchange ex) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        Request request = null;
        int status = -1;
        boolean logged = false;
        try {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            long nanos = System.nanoTime();
            long millis = System.currentTimeMillis();
            byte[] body = ex.getRequestBody().readAllBytes();
            request = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                    Map.copyOf(headers), body, nanos, millis);
            requests.add(request);
            Response response = scriptedFor(request.path());
            Route route = response == null ? routeFor(request.path()) : null;
            if (response == null && route == null) {
                response = Response.text(404, "not found");
            } else if (response == null && route.responder() != null) {
                response = route.responder().apply(request);
            }
            if (response != null) {
                status = response.status();
                served.add(new Served(request, status)); // before the client can read the answer
                logged = true;
                send(ex, response);
            } else {
                route.handler().handle(request, ex);
                status = ex.getResponseCode();
            }
        } catch (IOException e) {
            status = logged ? status : -1; // the client went away (a size cap, a timeout): expected in fault tests
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            status = 500; // a fault in the test's own handler: answered, so the client does not wait for ever
            try {
                if (ex.getResponseCode() == -1) {
                    send(ex, Response.text(500, String.valueOf(e)));
                }
            } catch (IOException ignored) {
                // the client went away as well
            }
        } finally {
            if (request != null && !logged) {
                served.add(new Served(request, status));
            }
            ex.close();
            inFlight.decrementAndGet();
        }
    }

    private Response scriptedFor(String path) {
        Deque<Response> q = scripted.get(path);
        if (q == null) {
            return null;
        }
        synchronized (q) {
            return q.poll();
        }
    }

    private Route routeFor(String path) {
        Route r = exact.get(path);
        if (r != null) {
            return r;
        }
        for (Route p : prefixes) {
            if (path.startsWith(p.path())) {
                return p;
            }
        }
        return null;
    }

    /** Sends {@code response} on {@code ex} (for stream handlers that answer some requests whole). */
    public static void send(HttpExchange ex, Response response) throws IOException {
        response.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        if (response.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", response.contentType());
        }
        byte[] body = response.body();
        ex.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Closing twice does nothing more (a test may close it early to refuse connections). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        onClose.forEach(Runnable::run);
        server.stop(0);
        executor.shutdownNow();
    }
}
