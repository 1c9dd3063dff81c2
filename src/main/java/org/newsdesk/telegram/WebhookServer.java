package org.newsdesk.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A minimal webhook endpoint on the JDK's HTTP server (telegrambots-webhook has no 10.x release): checks
 * {@code X-Telegram-Bot-Api-Secret-Token}, acknowledges at once, and hands updates, in arrival order, to the same
 * {@link UpdateHandler} as long polling.
 */
final class WebhookServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final ExecutorService http = Executors.newFixedThreadPool(2, daemon("telegram-webhook-http"));
    private final ExecutorService worker = Executors.newSingleThreadExecutor(daemon("telegram-webhook"));
    private final byte[] secret;
    private final UpdateHandler handler;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    WebhookServer(String bindHost, int port, String path, String secret, UpdateHandler handler, String token)
            throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.handler = handler;
        this.token = token;
        server = HttpServer.create(new InetSocketAddress(bindHost, port), 0);
        server.createContext(path, this::serve);
        server.setExecutor(http);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            String given = ex.getRequestHeaders().getFirst(SECRET_HEADER);
            if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
                log.warn("Webhook request from {} without the right secret header; refused", ex.getRemoteAddress());
                ex.sendResponseHeaders(401, -1);
                return;
            }
            byte[] body = ex.getRequestBody().readNBytes(MAX_BODY + 1);
            Update update;
            try {
                if (body.length > MAX_BODY) {
                    throw new IOException("body over " + MAX_BODY + " bytes");
                }
                update = json.readValue(body, Update.class);
            } catch (IOException e) {
                log.warn("Webhook request with an unreadable update: {}", Secrets.describe(e, token));
                ex.sendResponseHeaders(400, -1);
                return;
            }
            worker.submit(() -> handler.consume(List.of(update)));
            ex.sendResponseHeaders(200, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        http.shutdownNow();
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdownNow();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
