package org.newsdesk.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.newsdesk.store.UpdateQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The webhook endpoint (telegrambots-webhook has no 10.x release), on Jetty: request headers are parsed without
 * holding a thread, a connection idle for {@link #IDLE_TIMEOUT_MS} is closed, and the worker pool and its queue
 * are bounded, so half-open connections cannot block it. Checks {@code X-Telegram-Bot-Api-Secret-Token} in
 * constant time, stores the update in the {@link UpdateQueue} and only then answers 200 (a database failure answers
 * 503, and Telegram delivers the update again later).
 */
final class WebhookServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    static final int MAX_BODY = 1 << 20;
    static final long IDLE_TIMEOUT_MS = 10_000;
    static final int MAX_THREADS = 8;
    static final int MAX_QUEUED = 64;

    private final Server server;
    private final ServerConnector connector;
    private final byte[] secret;
    private final String path;
    private final UpdateQueue queue;
    private final UpdateDispatcher dispatcher;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();

    WebhookServer(String bindHost, int port, String path, String secret, UpdateQueue queue, UpdateDispatcher dispatcher,
                  String token) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.path = path;
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.token = token;
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, 2, 60_000, new BlockingArrayQueue<>(MAX_QUEUED));
        pool.setName("telegram-webhook");
        pool.setDaemon(true);
        server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setRequestHeaderSize(8192);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bindHost);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT_MS);
        server.addConnector(connector);
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest req, HttpServletResponse resp) {
                base.setHandled(true);
                resp.setStatus(serve(req));
            }
        });
        server.setStopTimeout(2000);
        try {
            server.start();
        } catch (Exception e) {
            close();
            throw new IOException(e.getMessage(), e);
        }
    }

    int port() {
        return connector.getLocalPort();
    }

    /** Handles one request; returns the HTTP status. */
    private int serve(HttpServletRequest req) {
        if (!path.equals(req.getRequestURI())) {
            return 404;
        }
        if (!"POST".equals(req.getMethod())) {
            return 405;
        }
        String given = req.getHeader(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.UTF_8))) {
            log.warn("Webhook request from {} without the right secret header; refused", req.getRemoteAddr());
            return 401;
        }
        byte[] body;
        Update update;
        try {
            body = req.getInputStream().readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IOException("body over " + MAX_BODY + " bytes");
            }
            update = json.readValue(body, Update.class);
            if (update.getUpdateId() == null) {
                throw new IOException("no update_id");
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Webhook request with an unreadable update: {}", Secrets.describe(e, token));
            return 400;
        }
        List<UpdateQueue.Item> fresh;
        try {
            fresh = queue.enqueue(List.of(new UpdateQueue.Item(update.getUpdateId(),
                    new String(body, StandardCharsets.UTF_8))), System.currentTimeMillis());
        } catch (RuntimeException e) {
            // not stored: Telegram keeps the update and delivers it again
            TelegramApi.countError("store");
            log.error("Cannot store webhook update {}; answered 503 so Telegram sends it again: {}",
                    update.getUpdateId(), Secrets.describe(e, token));
            return 503;
        }
        fresh.forEach(dispatcher::submit);
        return 200;
    }

    /** Stops accepting requests (those being stored finish first). */
    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("Stopping the webhook server: {}", Secrets.describe(e, token));
        }
    }
}
