package org.newsdesk.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import org.newsdesk.store.UpdateQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Long polling on a thread of its own, instead of TelegramBots' fixed-rate task (which stops for good when one
 * round throws, and drops an update whose id is not above the highest seen, though Telegram restarts its numbering
 * after a week without updates). Each batch is stored in the {@link UpdateQueue} before the next getUpdates
 * acknowledges it; if storing fails (database locked or disk full), the same updates are asked for again after a
 * pause, so none is lost. Nothing escapes the loop: every failure is logged and polling continues.
 */
final class Poller {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "inline_query");
    /**
     * Telegram numbers updates sequentially, but "if there are no new updates for at least a week", the next id is
     * chosen at random (Bot API, Update.update_id), possibly below the last one: after a silence this long the bot
     * polls without an offset (which would confirm, and so drop, a lower id), and forgets handled ids.
     */
    static final long RENUMBER_SILENCE_MS = Duration.ofDays(6).toMillis();
    static final long MAX_BACKOFF_MS = 30_000;

    private final OkHttpClient http;
    private final OkHttpTelegramClient client;
    private final UpdateQueue queue;
    private final UpdateDispatcher dispatcher;
    private final int timeoutSeconds;
    private final long backoffBaseMs;
    private final long maxBackoffMs;
    private final String token;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean running;
    private volatile long heartbeat;
    /** When getUpdates last answered (with or without updates). */
    private volatile long lastSuccess;
    /** Whether getUpdates has answered at least once since start (until then there is no "last reply"). */
    private volatile boolean answered;
    private Thread thread;
    /** The last update id stored (and to be acknowledged by the next poll), and when it arrived. */
    private OptionalLong offset;
    private long offsetAt;
    /** Consecutive failed polls, and consecutive failed attempts to store a batch (each backs off on its own). */
    private int pollFailures;
    private int storeFailures;

    Poller(TelegramUrl url, String token, UpdateQueue queue, UpdateDispatcher dispatcher, int timeoutSeconds,
           long backoffBaseMs, long maxBackoffMs) {
        this.http = new OkHttpClient.Builder().connectTimeout(10, TimeUnit.SECONDS)
                .readTimeout(timeoutSeconds + 15L, TimeUnit.SECONDS).writeTimeout(10, TimeUnit.SECONDS).build();
        this.client = new OkHttpTelegramClient(http, token, url);
        this.queue = queue;
        this.dispatcher = dispatcher;
        this.timeoutSeconds = timeoutSeconds;
        this.backoffBaseMs = Math.max(1, backoffBaseMs);
        this.maxBackoffMs = Math.min(MAX_BACKOFF_MS, Math.max(this.backoffBaseMs, maxBackoffMs));
        this.token = token;
        this.offset = queue.offset();
        this.offsetAt = queue.offsetAt().orElse(System.currentTimeMillis());
    }

    synchronized void start() {
        running = true;
        heartbeat = System.currentTimeMillis();
        lastSuccess = heartbeat;
        thread = new Thread(this::loop, "telegram-polling");
        thread.setDaemon(true);
        thread.start();
    }

    /** True while polling should run and its thread is alive. */
    boolean running() {
        Thread t = thread;
        return running && t != null && t.isAlive();
    }

    /** Milliseconds since the loop last made progress (began a poll or got a reply). */
    long sinceHeartbeatMs() {
        return System.currentTimeMillis() - heartbeat;
    }

    /** Milliseconds since getUpdates last answered: grows while Telegram cannot be reached or refuses. */
    long sinceSuccessMs() {
        return System.currentTimeMillis() - lastSuccess;
    }

    /** Whether getUpdates has answered since polling started. */
    boolean answered() {
        return answered;
    }

    /** The last update id acknowledged or to be acknowledged (0 if none). */
    synchronized long offset() {
        return offset.orElse(0);
    }

    /** Stops polling: the poll in flight is cancelled, the thread ends within {@code waitMs}. */
    void stop(long waitMs) {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        http.dispatcher().cancelAll();
        t.interrupt();
        try {
            t.join(waitMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn("The polling thread did not stop within {} ms", waitMs);
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private void loop() {
        while (running) {
            heartbeat = System.currentTimeMillis();
            try {
                pollOnce();
            } catch (Throwable e) {
                if (!running) {
                    break;
                }
                // anything unexpected: logged, and polling goes on after a pause
                log.error("Polling round failed; continuing: {}", Secrets.describe(e, token));
                pause(backoff(++pollFailures));
            }
        }
        log.debug("Polling stopped");
    }

    private void pollOnce() {
        List<Update> updates;
        try {
            updates = client.execute(request(System.currentTimeMillis()));
        } catch (TelegramApiRequestException e) {
            if (!running) {
                return;
            }
            Integer code = TelegramApi.errorCode(e);
            Integer after = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
            TelegramApi.countError(code == null ? "unreadable" : code.toString());
            long wait = code != null && code == 429 && after != null ? after * 1000L : backoff(++pollFailures);
            // A reply that is not Telegram's JSON (a proxy's HTML 502) has no API response, only the client's message.
            String detail = e.getApiResponse() != null ? e.getApiResponse()
                    : e.getMessage() != null ? "unreadable reply: " + e.getMessage() : "unreadable reply";
            logFailure(pollFailures, "getUpdates refused (" + (code == null ? "" : code + " ")
                    + Secrets.redact(detail, token) + "); retrying in " + wait + " ms");
            pause(wait);
            return;
        } catch (Exception e) {
            if (!running) {
                return;
            }
            TelegramApi.countError("network");
            long wait = backoff(++pollFailures);
            logFailure(pollFailures, "getUpdates failed (" + Secrets.describe(e, token) + "); retrying in " + wait + " ms");
            pause(wait);
            return;
        }
        heartbeat = System.currentTimeMillis();
        lastSuccess = heartbeat;
        answered = true;
        if (pollFailures > 0) {
            log.info("Polling works again after {} failure(s)", pollFailures);
            pollFailures = 0;
        }
        if (updates == null || updates.isEmpty()) {
            return;
        }
        store(updates);
    }

    /** getUpdates after the stored offset; without one after a week-long silence (see RENUMBER_SILENCE_MS). */
    synchronized GetUpdates request(long now) {
        GetUpdates.GetUpdatesBuilder b = GetUpdates.builder().timeout(timeoutSeconds).allowedUpdates(ALLOWED_UPDATES);
        if (offset.isPresent() && now - offsetAt < RENUMBER_SILENCE_MS) {
            b.offset((int) (offset.getAsLong() + 1));
        }
        return b.build();
    }

    private void store(List<Update> updates) {
        long now = System.currentTimeMillis();
        List<UpdateQueue.Item> items = new ArrayList<>(updates.size());
        for (Update u : updates) {
            try {
                items.add(new UpdateQueue.Item(u.getUpdateId(), json.writeValueAsString(u)));
            } catch (Exception e) {
                log.error("Update {} cannot be stored as JSON, skipped: {}", u.getUpdateId(), Secrets.describe(e, token));
            }
        }
        // acknowledged up to the batch's last update even if that one could not be kept, or it would come back forever
        long last = updates.get(updates.size() - 1).getUpdateId();
        List<UpdateQueue.Item> fresh;
        try {
            synchronized (this) {
                if (now - offsetAt >= RENUMBER_SILENCE_MS) {
                    // ids may start again anywhere: forget the old handled ones so none is taken for a repeat
                    queue.pruneDone(now);
                }
            }
            fresh = queue.enqueue(items, last, now);
        } catch (RuntimeException e) {
            // not stored, so not acknowledged: the next poll asks for the same updates again
            TelegramApi.countError("store");
            long wait = backoff(++storeFailures);
            logFailure(storeFailures, "Cannot store " + updates.size() + " update(s) (" + Secrets.describe(e, token)
                    + "); Telegram keeps them, asking again in " + wait + " ms");
            pause(wait);
            return;
        }
        synchronized (this) {
            offset = OptionalLong.of(last);
            offsetAt = now;
        }
        if (storeFailures > 0) {
            log.info("Updates are stored again after {} failure(s)", storeFailures);
            storeFailures = 0;
        }
        fresh.forEach(dispatcher::submit);
    }

    /** The first failure of a run, and every 20th, at ERROR; the others at debug. */
    private static void logFailure(int failures, String message) {
        if (failures == 1 || failures % 20 == 0) {
            log.error("{} (failure {})", message, failures);
        } else {
            log.debug("{} (failure {})", message, failures);
        }
    }

    /** The pause after the n-th consecutive failure: doubling from the base, at most MAX_BACKOFF_MS. */
    private long backoff(int n) {
        return Math.min(maxBackoffMs, backoffBaseMs << Math.min(Math.max(n - 1, 0), 10));
    }

    private void pause(long ms) {
        long until = System.currentTimeMillis() + ms;
        while (running && System.currentTimeMillis() < until) {
            heartbeat = System.currentTimeMillis(); // waiting on purpose is not a stall
            try {
                Thread.sleep(Math.min(200, Math.max(1, until - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            }
        }
    }
}
