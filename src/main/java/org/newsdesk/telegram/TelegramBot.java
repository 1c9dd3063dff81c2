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
     * @param backoffBaseMs      first retry delay after a 5xx or network error (doubles each time, with jitter)
     * @param maxAttempts        attempts of a call answered at once (callback and inline answers) before giving up
     * @param typingIntervalMs   how often "typing…" is re-sent while an answer is prepared
     * @param workers            chats answered at the same time (each chat's updates stay in order)
     * @param shutdownGraceMs    on stop, how long updates being handled may take to finish before they are cut
     *                           short (they stay queued and are handled after the next start)
     * @param maxPerSecond       bot-wide cap of messages and edits in any second (telegram.max-messages-per-second)
     * @param sendRetryMs        how long a reply is retried through 5xx, timeouts and network errors before it is
     *                           given up (telegram.send-retry-minutes)
     * @param maxBackoffMs       longest wait between two retries (sends, and calls made at start-up)
     */
    public record Settings(int pollTimeoutSeconds, long minSendIntervalMs, int groupPerMinute, long backoffBaseMs,
                           int maxAttempts, long typingIntervalMs, int workers, long shutdownGraceMs,
                           int maxPerSecond, long sendRetryMs, long maxBackoffMs) {
        public Settings {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1");
            }
            if (maxPerSecond < 1) {
                throw new IllegalArgumentException("maxPerSecond must be at least 1");
            }
        }

        public Settings(int pollTimeoutSeconds, long minSendIntervalMs, int groupPerMinute, long backoffBaseMs,
                        int maxAttempts, long typingIntervalMs, int workers, long shutdownGraceMs) {
            // retries back off to at most 32 times the first wait (30 s in production)
            this(pollTimeoutSeconds, minSendIntervalMs, groupPerMinute, backoffBaseMs, maxAttempts, typingIntervalMs,
                    workers, shutdownGraceMs, 25, 600_000, Math.min(30_000, Math.max(1, backoffBaseMs) * 32));
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
                    typingIntervalMs, n, shutdownGraceMs, maxPerSecond, sendRetryMs, maxBackoffMs);
        }

        /** The same with another bot-wide cap and retry window. */
        public Settings withSendLimits(int perSecond, long retryMs) {
            return new Settings(pollTimeoutSeconds, minSendIntervalMs, groupPerMinute, backoffBaseMs, maxAttempts,
                    typingIntervalMs, workers, shutdownGraceMs, perSecond, retryMs, maxBackoffMs);
        }

        /** The same with the configured Telegram settings (workers, cap, retry window). */
        public Settings with(NewsdeskConfig.Telegram t) {
            return withWorkers(t.workers()).withSendLimits(t.maxMessagesPerSecond(), t.sendRetryMinutes() * 60_000L);
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
            new BotCommand("follow", "Get new articles about a topic after each sync"),
            new BotCommand("following", "This chat's followed topics, with ids"),
            new BotCommand("unfollow", "Stop following a topic: /unfollow <id>"),
            new BotCommand("add", "Fetch one article by its URL and index it (admins)"));

    private final ChatService chat;
    private final NewsdeskConfig.Telegram config;
    private final Settings settings;
    private final String token;
    private final UpdateQueue queue;
    private final Database db;
    private final ScheduledExecutorService scheduler;
    private SendScheduler sender;
    private volatile boolean stopping;
    private volatile String startupProblem;
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
        this.db = db;
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
     * Connects, checks the token and starts long polling; returns the bot's username. While Telegram cannot be
     * reached or answers 5xx, getMe and deleteWebhook are retried with backoff (a line per failure; see
     * {@link #startupProblem()}) until it answers or {@link #stop()} is called.
     *
     * @throws BotStartException exit code 2 for a missing token, a bad URL or a token Telegram rejects; 1 for another
     *                           refusal or a stop during start-up; the message never contains the token
     */
    public String start() {
        TelegramUrl url = connect();
        // a webhook left from webhook mode would make every getUpdates fail with 409; its pending updates stay
        untilAnswered("deleteWebhook", () -> client.execute(new org.telegram.telegrambots.meta.api.methods.updates.DeleteWebhook()));
        synchronized (this) {
            if (stopping) {
                throw new BotStartException(1, "stopped during start-up");
            }
            dispatcher.resumePending();
            // polls at most 10 s apart during an outage: a question asked meanwhile is fetched soon after it ends
            poller = new Poller(url, token, queue, dispatcher, settings.pollTimeoutSeconds(), settings.backoffBaseMs(),
                    Math.min(settings.maxBackoffMs(), 10 * settings.backoffBaseMs()));
            poller.start();
            startupProblem = null;
        }
        log.info("Telegram bot @{} started (long polling, resuming after update {})", me.getUserName(), poller.offset());
        return me.getUserName();
    }

    /**
     * Calls {@code call} until Telegram answers: 5xx, 429, network errors and unreadable replies are retried with
     * backoff (doubling with jitter, at most 10 times the first wait or maxBackoffMs; a 429's retry_after), one log line per failure. 401 (and
     * 404, Telegram's answer to a malformed token) stop with exit code 2; another 4xx stops with 1.
     */
    private <T> T untilAnswered(String method, java.util.concurrent.Callable<T> call) {
        for (int failures = 1; ; failures++) {
            String problem;
            // at most 10 s apart (not 30): a few cheap calls, and the bot should be back soon after Telegram is
            long waitMs = Math.min(Math.min(settings.maxBackoffMs(), 10 * settings.backoffBaseMs()),
                    settings.backoffBaseMs() << Math.min(failures - 1, 20));
            waitMs = waitMs / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(waitMs / 2 + 1);
            try {
                T result = call.call();
                if (failures > 1) {
                    log.info("Telegram {} answered after {} failed attempt(s)", method, failures - 1);
                }
                return result;
            } catch (TelegramApiRequestException e) {
                Integer code = TelegramApi.errorCode(e);
                if (code != null && (code == 401 || code == 404)) {
                    throw new BotStartException(2, "Telegram rejected the bot token (" + code + " "
                            + (code == 401 ? "Unauthorized" : "Not Found") + "): check NEWSDESK_TELEGRAM_TOKEN against "
                            + "the token @BotFather gave you (/token to show it, /revoke to make a new one)");
                }
                if (code != null && code == 429) {
                    Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                    waitMs = 1000L * (after == null || after < 1 ? 1 : after);
                } else if (code != null && code >= 400 && code < 500) {
                    throw new BotStartException(1, "Telegram " + method + " failed: " + code + " "
                            + Secrets.redact(e.getApiResponse(), token));
                }
                problem = code == null ? Secrets.describe(e, token) : code + " " + Secrets.redact(e.getApiResponse(), token);
            } catch (Exception e) {
                problem = Secrets.describe(e, token);
            }
            TelegramApi.countError("startup");
            String line = "Telegram " + method + " failed at " + config.apiUrl() + " (" + problem + "); retrying in "
                    + waitMs + " ms (failure " + failures + "); the bot starts once Telegram answers";
            log.warn(line);
            synchronized (this) {
                startupProblem = method + " failed " + failures + " time(s), last: " + problem;
                long until = System.currentTimeMillis() + waitMs;
                while (!stopping && System.currentTimeMillis() < until) {
                    try {
                        wait(Math.max(1, until - System.currentTimeMillis()));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        stopping = true;
                    }
                }
                if (stopping) {
                    throw new BotStartException(1, "stopped during start-up (" + startupProblem + ")");
                }
            }
        }
    }

    /** Why start-up is still waiting for Telegram (for /readyz), or null once started. */
    public String startupProblem() {
        return startupProblem;
    }

    /** Replies in the outbox (waiting or being sent), and the oldest one's age in ms. */
    public record OutboxHealth(int depth, long oldestAgeMs) {
    }

    public synchronized OutboxHealth outboxHealth() {
        return sender == null ? new OutboxHealth(0, 0) : new OutboxHealth(sender.depth(), sender.oldestAgeMs());
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
                throw new BotStartException(2, "Telegram rejected the bot token (" + code + " "
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
     * Checks the token (getMe, retried while Telegram cannot answer), tells the chat core the bot's username,
     * publishes the commands (in the background, retried while Telegram fails: a server without setMyCommands must
     * not delay anything), and prepares the sender, the handler and the dispatcher.
     */
    private TelegramUrl connect() {
        if (token.isEmpty()) {
            throw new BotStartException(2, TOKEN_HELP);
        }
        TelegramUrl url = telegramUrl(config.apiUrl());
        synchronized (this) {
            // several chats send at once: OkHttp's default of 5 requests per host would queue them
            okhttp3.Dispatcher calls = new okhttp3.Dispatcher();
            calls.setMaxRequests(128);
            calls.setMaxRequestsPerHost(64);
            http = new OkHttpClient.Builder().dispatcher(calls).build();
            client = new OkHttpTelegramClient(http, token, url);
        }
        User user = untilAnswered("getMe", () -> client.execute(new GetMe()));
        if (user == null || user.getUserName() == null) {
            throw new BotStartException(1, "Telegram getMe returned no bot username");
        }
        synchronized (this) {
            me = user;
            chat.setBotUsername(me.getUserName());
            TelegramApi api = new TelegramApi(client, token, settings.backoffBaseMs(), settings.maxAttempts());
            sender = new SendScheduler(api, new org.newsdesk.store.OutboxStore(db), new SendScheduler.Limits(
                    settings.minSendIntervalMs(), settings.groupPerMinute(), settings.maxPerSecond(),
                    settings.backoffBaseMs(), settings.maxBackoffMs(), settings.sendRetryMs()), token);
            publishCommands(api, 1);
            wireAlerts(api);
            handler = new UpdateHandler(chat, api, sender, scheduler, settings.typingIntervalMs());
            handler.setBotId(me.getId());
            dispatcher = new UpdateDispatcher(queue, handler::handle, sender, settings.workers(), token);
            scheduler.scheduleWithFixedDelay(this::pruneQueue, 0, 1, java.util.concurrent.TimeUnit.HOURS);
        }
        return url;
    }

    /**
     * Topic alerts: sent through the send scheduler below answers, a group's administrators asked of Telegram
     * (getChatMember), and a chat that blocked the bot (403) loses its topics.
     */
    private void wireAlerts(TelegramApi api) {
        org.newsdesk.chat.DeskCommands desk = chat.deskCommands();
        org.newsdesk.chat.AlertCommands alerts = desk == null ? null : desk.alertCommands();
        if (alerts == null) {
            return;
        }
        alerts.setGroupAdmins(new ChatMemberCheck(api, System::currentTimeMillis));
        SendScheduler out = sender;
        alerts.alerts().deliverTo(a -> out.send(0, a.chatId(), a.chatId() < 0, SendScheduler.Priority.ALERT,
                org.telegram.telegrambots.meta.api.methods.send.SendMessage.builder().chatId(a.chatId())
                        .text(AlertHtml.render(a)).parseMode("HTML")
                        .linkPreviewOptions(org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions.builder()
                                .isDisabled(true).build()).build()));
        out.onBlocked(alerts.alerts()::chatBlocked);
    }

    /** The command menu, in the background: retried with backoff while Telegram fails, given up on a refusal. */
    private void publishCommands(TelegramApi api, int attempt) {
        Runnable task = () -> {
            SetMyCommands menu = SetMyCommands.builder().commands(COMMANDS).build();
            TelegramApi.Attempt a = api.attempt(menu);
            if (a.kind() == TelegramApi.Attempt.Kind.REFUSED) {
                api.cosmeticRefused(menu.getMethod(), a.problem());
            } else if (a.kind() != TelegramApi.Attempt.Kind.SENT) {
                long wait = a.kind() == TelegramApi.Attempt.Kind.THROTTLED ? a.waitMs()
                        : Math.min(settings.maxBackoffMs(), settings.backoffBaseMs() << Math.min(attempt - 1, 20));
                log.warn("Telegram setMyCommands failed ({}); retrying in {} ms (failure {})", a.problem(), wait, attempt);
                try {
                    scheduler.schedule(() -> publishCommands(api, attempt + 1), wait,
                            java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // stopping
                }
            }
        };
        try {
            scheduler.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
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
    public String startWebhook(String publicUrl, String bindHost, int port) {
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
        synchronized (this) {
            if (stopping) {
                throw new BotStartException(1, "stopped during start-up");
            }
            dispatcher.resumePending();
            try {
                webhook = new WebhookServer(bindHost, port, uri.getPath() == null || uri.getPath().isEmpty() ? "/"
                        : uri.getPath(), secret, queue, dispatcher, token);
            } catch (java.io.IOException e) {
                throw new BotStartException(1, "cannot listen on port " + port + ": " + e.getMessage());
            }
        }
        untilAnswered("setWebhook", () -> client.execute(org.telegram.telegrambots.meta.api.methods.updates.SetWebhook
                .builder().url(publicUrl).secretToken(secret)
                .allowedUpdates(List.of("message", "callback_query", "inline_query")).build()));
        startupProblem = null;
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
        SendScheduler out;
        synchronized (this) {
            stopping = true;
            notifyAll(); // ends a start-up wait
            out = sender;
            p = poller;
            w = webhook;
            d = dispatcher;
            poller = null;
            webhook = null;
        }
        if (p != null || w != null) {
            log.info("Stopping the bot: no new updates; those being answered get {} ms, unsent replies stay in the "
                    + "outbox", settings.shutdownGraceMs());
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
        if (out != null) {
            // requests in flight may complete (what Telegram accepted leaves the outbox); the rest stays stored
            out.shutdown(Math.min(settings.shutdownGraceMs(), 15_000));
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
