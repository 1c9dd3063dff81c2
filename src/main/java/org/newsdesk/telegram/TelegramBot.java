package org.newsdesk.telegram;

import org.newsdesk.chat.ChatService;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;
import org.newsdesk.store.UpdateQueue;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;


import java.net.URI;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The Telegram transport: checks the token (getMe), publishes the command list, and long-polls updates into
 * {@link UpdateHandler}, resuming from the offset stored in SQLite. All behaviour lives in {@link ChatService}.
 */
public final class TelegramBot implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);
    static final String TOKEN_HELP = "no Telegram bot token. Create a bot with @BotFather in Telegram (/newbot), "
            + "then set NEWSDESK_TELEGRAM_TOKEN=<the token it gives you> in the environment";

    /**
     * Tuning; production uses {@link #defaults()}, tests shorten the waits.
     *
     * @param pollTimeoutSeconds long-poll timeout of getUpdates
     * @param minSendIntervalMs  at most one message per this many ms in a chat
     * @param groupPerMinute     at most this many messages a minute in a group
     * @param backoffBaseMs      first retry delay after a 5xx or network error (doubles each time)
     * @param maxAttempts        attempts of one call before giving up on 5xx / network errors
     * @param typingIntervalMs   how often "typing…" is re-sent while an answer is prepared
     * @param workers            chats answered at the same time (each chat's updates stay in order)
     * @param shutdownGraceMs    on stop, how long updates being handled may take to finish before they are cut
     *                           short (they stay queued and are handled after the next start)
     */
    public record Settings(int pollTimeoutSeconds, long minSendIntervalMs, int groupPerMinute, long backoffBaseMs,
                           int maxAttempts, long typingIntervalMs, int workers, long shutdownGraceMs) {
        public Settings {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
        }

        public Settings(int pollTimeoutSeconds, long minSendIntervalMs, int groupPerMinute, long backoffBaseMs,
                        int maxAttempts, long typingIntervalMs) {
            this(pollTimeoutSeconds, minSendIntervalMs, groupPerMinute, backoffBaseMs, maxAttempts, typingIntervalMs,
                    4, 10_000);
        }

        public static Settings defaults() {
            return new Settings(50, 1000, 20, 1000, 5, 4000);
        }

        /** The same with another number of workers. */
        public Settings withWorkers(int n) {
            return new Settings(pollTimeoutSeconds, minSendIntervalMs, groupPerMinute, backoffBaseMs, maxAttempts,
                    typingIntervalMs, n, shutdownGraceMs);
        }
    }

    static final List<BotCommand> COMMANDS = List.of(
            new BotCommand("ask", "Ask a question about the news archive"),
            new BotCommand("help", "What I can do, with example questions"),
            new BotCommand("reset", "Forget this chat's conversation"),
            new BotCommand("stats", "Usage statistics (admins)"),
            new BotCommand("reindex", "Rebuild the index from the archive (admins)"),
            new BotCommand("sources", "Followed sources: last run, articles added, errors (admins)"),
            new BotCommand("sync", "Fetch the followed sources now and update the index (admins)"),
            new BotCommand("add", "Fetch one article by its URL and index it (admins)"));

    private final ChatService chat;
    private final NewsdeskConfig.Telegram config;
    private final Settings settings;
    private final String token;
    private final UpdateQueue queue;
    private final ScheduledExecutorService scheduler;
    private Poller poller;
    private OkHttpClient http;
    private OkHttpTelegramClient client;
    private WebhookServer webhook;
    private UpdateHandler handler;
    private UpdateDispatcher dispatcher;
    private User me;

    public TelegramBot(ChatService chat, Database db, NewsdeskConfig.Telegram config, Settings settings) {
        this.chat = chat;
        this.config = config;
        this.settings = settings;
        this.token = config.token() == null ? "" : config.token().strip();
        this.queue = new UpdateQueue(db);
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "telegram-typing");
            t.setDaemon(true);
            return t;
        });
    }

    /** The TelegramUrl for an api-url like {@code https://api.telegram.org} or {@code http://127.0.0.1:8081}. */
    static TelegramUrl telegramUrl(String apiUrl) {
        String s = apiUrl == null || apiUrl.isBlank() ? "https://api.telegram.org" : apiUrl.strip();
        URI uri;
        try {
            uri = URI.create(s);
        } catch (IllegalArgumentException e) {
            throw new BotStartException(2, "telegram.api-url is not a URL: " + s);
        }
        String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new BotStartException(2, "telegram.api-url must be an http(s) URL such as https://api.telegram.org (was " + s + ")");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramUrl(scheme, uri.getHost(), port, false);
    }

    /**
     * Connects, checks the token and starts long polling; returns the bot's username.
     *
     * @throws BotStartException exit code 2 for a missing token or bad URL, 1 when Telegram rejects the token or
     *                           cannot be reached; the message never contains the token
     */
    public synchronized String start() {
        TelegramUrl url = connect();
        try {
            // a webhook left from webhook mode would make every getUpdates fail with 409; its pending updates stay
            client.execute(new org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook());
        } catch (TelegramApiException | RuntimeException e) {
            stop();
            throw new BotStartException(1, "cannot start long polling (deleteWebhook failed): "
                    + Secrets.describe(e, token));
        }
        poller = new Poller(url, token, queue, dispatcher, settings.pollTimeoutSeconds(), settings.backoffBaseMs());
        poller.start();
        log.info("Telegram bot @{} started (long polling, resuming after update {})", me.getUserName(), poller.offset());
        return me.getUserName();
    }

    /** Long polling's state for readiness checks and the watchdog: running, and ms since it last made progress. */
    public synchronized PollerHealth pollerHealth() {
        return poller == null ? new PollerHealth(false, 0, 0, false)
                : new PollerHealth(poller.running(), poller.sinceHeartbeatMs(), poller.sinceSuccessMs(),
                        poller.answered());
    }

    /**
     * @param sinceProgressMs how long ago the poll loop last began a poll, got a reply or paused on purpose (the
     *                        watchdog's measure: a restart cures a stuck loop)
     * @param sinceSuccessMs  how long ago getUpdates last answered (readiness: a restart does not cure an outage);
     *                        since polling started while it has not answered yet
     * @param answered        whether getUpdates has answered since polling started
     */
    public record PollerHealth(boolean running, long sinceProgressMs, long sinceSuccessMs, boolean answered) {
    }

    /**
     * Watches long polling: if it stops, or makes no progress for {@code stallMs} (a poll lasts at most the
     * long-poll timeout plus the read timeout), logs at ERROR and runs {@code onStall} (the bot command exits
     * non-zero, so systemd or Docker restarts the process instead of it living on deaf). Checked every
     * {@code checkMs}.
     */
    public synchronized void startWatchdog(long stallMs, long checkMs, Runnable onStall) {
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        scheduler.scheduleWithFixedDelay(() -> {
            PollerHealth h;
            synchronized (this) {
                if (poller == null) {
                    return; // webhook mode, or stopping
                }
                h = pollerHealth();
            }
            if ((!h.running() || h.sinceProgressMs() > stallMs) && fired.compareAndSet(false, true)) {
                log.error("Long polling has stalled ({}; no progress for {} ms, limit {} ms): exiting so that the "
                        + "service manager restarts the bot", h.running() ? "running" : "stopped", h.sinceProgressMs(),
                        stallMs);
                onStall.run();
            }
        }, checkMs, checkMs, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Updates queued or being handled in this process. */
    public synchronized int queueDepth() {
        return dispatcher == null ? 0 : dispatcher.depth();
    }

    /**
     * Checks a token with getMe before anything heavy is loaded; returns the bot's username.
     *
     * @throws BotStartException as {@link #start()}
     */
    public static String verifyToken(NewsdeskConfig.Telegram config) {
        String token = config.token() == null ? "" : config.token().strip();
        if (token.isEmpty()) {
            throw new BotStartException(2, TOKEN_HELP);
        }
        return getMe(new OkHttpTelegramClient(token, telegramUrl(config.apiUrl())), token, config.apiUrl()).getUserName();
    }

    private static User getMe(OkHttpTelegramClient client, String token, String apiUrl) {
        User me;
        try {
            me = client.execute(new GetMe());
        } catch (TelegramApiRequestException e) {
            Integer code = e.getErrorCode();
            if (code != null && (code == 401 || code == 404)) {
                throw new BotStartException(1, "Telegram rejected the bot token (" + code + " "
                        + (code == 401 ? "Unauthorized" : "Not Found") + "): check NEWSDESK_TELEGRAM_TOKEN against "
                        + "the token @BotFather gave you (/token to show it, /revoke to make a new one)");
            }
            throw new BotStartException(1, "Telegram getMe failed at " + apiUrl + ": " + Secrets.describe(e, token));
        } catch (TelegramApiException | RuntimeException e) {
            throw new BotStartException(1, "cannot reach the Telegram Bot API at " + apiUrl + ": "
                    + Secrets.describe(e, token));
        }
        if (me == null || me.getUserName() == null) {
            throw new BotStartException(1, "Telegram getMe returned no bot username");
        }
        return me;
    }

    /**
     * Checks the token, tells the chat core the bot's username, publishes the commands (in the background: a
     * server without setMyCommands must not delay anything), prepares the handler and the dispatcher, and hands
     * it what the update queue still holds from before.
     */
    private TelegramUrl connect() {
        if (token.isEmpty()) {
            throw new BotStartException(2, TOKEN_HELP);
        }
        TelegramUrl url = telegramUrl(config.apiUrl());
        // several chats send at once: OkHttp's default of 5 requests per host would queue them
        okhttp3.Dispatcher calls = new okhttp3.Dispatcher();
        calls.setMaxRequests(64);
        calls.setMaxRequestsPerHost(Math.max(8, settings.workers() * 2 + 2));
        http = new OkHttpClient.Builder().dispatcher(calls).build();
        client = new OkHttpTelegramClient(http, token, url);
        me = getMe(client, token, config.apiUrl());
        chat.setBotUsername(me.getUserName());
        SendPacer pacer = new SendPacer(settings.minSendIntervalMs(), settings.groupPerMinute());
        TelegramApi api = new TelegramApi(client, token, pacer, settings.backoffBaseMs(), settings.maxAttempts());
        scheduler.execute(() -> api.cosmetic(SetMyCommands.builder().commands(COMMANDS).build()));
        handler = new UpdateHandler(chat, api, scheduler, settings.typingIntervalMs());
        handler.setBotId(me.getId());
        dispatcher = new UpdateDispatcher(queue, handler::handle, settings.workers(), token);
        dispatcher.resumePending();
        scheduler.scheduleWithFixedDelay(this::pruneQueue, 0, 1, java.util.concurrent.TimeUnit.HOURS);
        return url;
    }

    /**
     * Forgets handled updates older than {@link #KEEP_HANDLED_MS}: Telegram keeps an unconfirmed update for 24 hours,
     * so a redelivery comes well within that, and the queue does not grow with every update ever received.
     */
    private void pruneQueue() {
        try {
            int n = queue.pruneDone(System.currentTimeMillis() - KEEP_HANDLED_MS);
            if (n > 0) {
                log.debug("Pruned {} handled update(s) from the queue", n);
            }
        } catch (RuntimeException e) {
            log.warn("Pruning the update queue failed (retried in an hour): {}", Secrets.describe(e, token));
        }
    }

    /** How long handled updates are remembered (to recognise a redelivery). */
    static final long KEEP_HANDLED_MS = java.time.Duration.ofDays(2).toMillis();

    /**
     * Webhook mode: serves {@code POST <path of publicUrl>} on {@code bindHost:port}, accepting only requests whose
     * {@code X-Telegram-Bot-Api-Secret-Token} header carries telegram.webhook-secret, then registers
     * {@code publicUrl} with setWebhook. Updates go through the same handler as long polling (and the same
     * stored offset, so a redelivered update is not answered twice). Returns the bot's username.
     */
    public synchronized String startWebhook(String publicUrl, String bindHost, int port) {
        String secret = config.webhookSecret() == null ? "" : config.webhookSecret().strip();
        if (secret.isEmpty() || !secret.matches("[A-Za-z0-9_-]{1,256}")) {
            throw new BotStartException(2, "webhook mode needs a secret: set NEWSDESK_TELEGRAM_WEBHOOK_SECRET to 1-256 "
                    + "characters from A-Z, a-z, 0-9, _ and -");
        }
        URI uri;
        try {
            uri = URI.create(publicUrl);
        } catch (IllegalArgumentException e) {
            throw new BotStartException(2, "--webhook must be an https URL (was " + publicUrl + ")");
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new BotStartException(2, "--webhook must be an https URL (was " + publicUrl + ")");
        }
        connect();
        try {
            webhook = new WebhookServer(bindHost, port, uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath(),
                    secret, queue, dispatcher, token);
        } catch (java.io.IOException e) {
            throw new BotStartException(1, "cannot listen on port " + port + ": " + e.getMessage());
        }
        try {
            client.execute(org.telegram.telegrambots.meta.api.methods.updates.SetWebhook.builder().url(publicUrl)
                    .secretToken(secret).allowedUpdates(List.of("message", "callback_query", "inline_query")).build());
        } catch (TelegramApiException | RuntimeException e) {
            stop();
            throw new BotStartException(1, "setWebhook failed: " + Secrets.describe(e, token));
        }
        log.info("Telegram bot @{} started (webhook on port {})", me.getUserName(), webhook.port());
        return me.getUserName();
    }

    /** The webhook server's port (after {@link #startWebhook}), or -1. */
    public synchronized int webhookPort() {
        return webhook == null ? -1 : webhook.port();
    }

    public synchronized String username() {
        return me == null ? null : me.getUserName();
    }

    public synchronized long botId() {
        return me == null ? 0 : me.getId();
    }

    /**
     * Stops gracefully; safe to call more than once. Order: no new updates are taken (polling cancelled, webhook
     * closed; whatever they received is already stored in the queue with its offset), then the updates being
     * handled get the grace period to finish, and those that do not stay queued for the next start.
     */
    public void stop() {
        Poller p;
        WebhookServer w;
        UpdateDispatcher d;
        synchronized (this) {
            p = poller;
            w = webhook;
            d = dispatcher;
            poller = null;
            webhook = null;
        }
        if (p != null) {
            p.stop(5000);
        }
        if (w != null) {
            w.close();
        }
        if (d != null) {
            d.shutdown(settings.shutdownGraceMs());
        }
        scheduler.shutdownNow();
        synchronized (this) {
            if (http != null) {
                http.dispatcher().executorService().shutdown();
                http.connectionPool().evictAll();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
