package org.newsdesk.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.newsdesk.store.OutboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bot's one sender: every message and edit goes through it. A reply is stored in the {@link OutboxStore} before
 * its first attempt and deleted once Telegram accepted it (or refused it for good), so an outage, a SIGTERM or a
 * kill loses none. One thread picks what goes next and never sleeps on a chat's behalf: per chat one request at a
 * time, in order, spaced as {@link SendPacer} says; bot-wide at most {@code maxPerSecond} requests in any second;
 * a 429 pauses its chat (the whole bot when a second chat is throttled meanwhile: Telegram's bot-wide flood limit).
 * Among chats that may send, higher {@link Priority} first, then oldest. 5xx, timeouts and network errors are
 * retried with exponential backoff and jitter for up to {@code retryWindowMs}; any other 4xx is final, logged once.
 * An edit whose message was refused, or that Telegram refuses, is sent as a new message, so a streamed answer ends
 * as one complete message.
 */
public final class SendScheduler {
    private static final Logger log = LoggerFactory.getLogger(SendScheduler.class);
    /** Sent messages whose Telegram ids are remembered for later edits (progress messages of a long reindex). */
    static final int REMEMBERED_IDS = 10_000;

    /** Sending order among chats: answers first; the lower kinds wait while answers are due. */
    public enum Priority { ANSWER, ALERT, DIGEST, PROGRESS }

    /**
     * @param minIntervalMs  per chat: at least this long between requests
     * @param groupPerMinute per group: at most this many a minute
     * @param maxPerSecond   bot-wide: at most this many requests in any second
     * @param backoffBaseMs  first retry delay after a 5xx or network error (doubles, with jitter)
     * @param maxBackoffMs   longest retry delay
     * @param retryWindowMs  a reply still failing this long after it was stored is given up
     */
    record Limits(long minIntervalMs, int groupPerMinute, int maxPerSecond, long backoffBaseMs, long maxBackoffMs,
                  long retryWindowMs) {
    }

    private final TelegramApi api;
    private final OutboxStore store;
    private final Limits limits;
    private final String token;
    private final SendPacer pacer;
    private final int threads;
    private final ExecutorService io;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Long, List<OutboxEntry>> chats = new LinkedHashMap<>();
    private final Map<Long, OutboxEntry> pendingByHandle = new HashMap<>();
    private final Map<Long, Long> sentIds = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
            return size() > REMEMBERED_IDS;
        }
    };
    private final UpdateDeliveries deliveries = new UpdateDeliveries();
    private volatile java.util.function.LongConsumer onBlocked = chatId -> { };
    private final SendRate rate;
    private final List<Long> unremoved = new ArrayList<>();
    private final List<Long> unremovedIds = new ArrayList<>();
    /** When a request last failed or probed during an outage (see {@link #probeMs}). */
    private long lastProbeAt;
    /**
     * During an outage one backed-off reply is tried at least this often, and its success releases all the others:
     * the replies come within seconds after Telegram recovers, not after each one's own backoff (up to 30 s).
     */
    private final long probeMs;
    private long nextHandle = 1;
    private int inFlight;
    private int failureRun;
    private boolean storeFailing;
    private volatile boolean running;
    private Thread loop;

    SendScheduler(TelegramApi api, OutboxStore store, Limits limits, String token) {
        this.api = api;
        this.store = store;
        this.limits = limits;
        this.token = token;
        this.pacer = new SendPacer(limits.minIntervalMs(), limits.groupPerMinute());
        this.rate = new SendRate(limits.maxPerSecond());
        this.probeMs = Math.max(1, Math.min(limits.maxBackoffMs(), 5 * limits.backoffBaseMs()));
        // enough requests in flight for the cap at Telegram's usual round trip; each thread only ever waits on I/O
        this.threads = Math.max(4, Math.min(32, limits.maxPerSecond()));
        AtomicInteger n = new AtomicInteger();
        this.io = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "telegram-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        OutboxMetrics.watch(this);
    }

    /**
     * Loads what the outbox holds from before (after deleting the replies of {@code redo}: updates whose answering
     * was cut short and that are answered again) and starts sending. Returns how many replies were resumed.
     */
    synchronized int start(Collection<Long> redo) {
        int dropped = store.removeForUpdates(redo);
        if (dropped > 0) {
            log.info("Dropped {} staged reply(ies) of {} update(s) that are answered again", dropped, redo.size());
        }
        Map<Long, OutboxEntry> byRow = new HashMap<>();
        int resumed = 0;
        for (OutboxStore.Row r : store.all()) {
            BotApiMethod<?> method;
            try {
                method = r.kind().equals("edit") ? json.readValue(r.payload(), EditMessageText.class)
                        : json.readValue(r.payload(), SendMessage.class);
            } catch (Exception e) {
                log.error("Outbox row {} cannot be read, dropped: {}", r.id(), Secrets.describe(e, token));
                store.remove(List.of(r.id()), List.of(0L));
                continue;
            }
            Priority p = Priority.values()[Math.max(0, Math.min(Priority.values().length - 1, r.priority()))];
            OutboxEntry e = new OutboxEntry(nextHandle++, r.updateId(), r.chatId(), r.group(), p, r.createdAt(), method);
            e.row = r.id();
            e.targetMessageId = r.messageId();
            if (r.targetRow() > 0) {
                e.target = byRow.get(r.targetRow()); // null: its message was refused; sent as a new message
            }
            byRow.put(r.id(), e);
            enqueue(e);
            resumed++;
        }
        if (resumed > 0) {
            log.warn("Resuming {} reply(ies) left in the outbox from before the last stop", resumed);
        }
        running = true;
        loop = new Thread(this::run, "telegram-sender");
        loop.setDaemon(true);
        loop.start();
        return resumed;
    }

    /** Told of a chat whose message Telegram refused with 403 (the bot was blocked or removed). */
    void onBlocked(java.util.function.LongConsumer listener) {
        this.onBlocked = listener;
    }

    private void blocked(long chatId) {
        try {
            onBlocked.accept(chatId);
        } catch (RuntimeException ex) {
            log.warn("Handling chat {} that blocked the bot failed: {}", chatId, Secrets.describe(ex, token));
        }
    }

    /** Stores and queues a message; returns its handle (for {@link #edit}). */
    long send(long updateId, long chatId, boolean group, Priority priority, SendMessage message) {
        return submit(updateId, chatId, group, priority, message, 0);
    }

    /**
     * Stores and queues an edit of the message {@code handle} (from {@link #send}); a pending edit of the same
     * message is replaced (only the newest text matters).
     */
    void edit(long updateId, long chatId, boolean group, Priority priority, long handle, EditMessageText edit) {
        submit(updateId, chatId, group, priority, edit, handle);
    }

    private long submit(long updateId, long chatId, boolean group, Priority priority, BotApiMethod<?> method,
                        long targetHandle) {
        long now = System.currentTimeMillis();
        OutboxEntry e;
        long targetRow = 0;
        List<Runnable> superseded = List.of();
        synchronized (this) {
            e = new OutboxEntry(nextHandle++, updateId, chatId, group, priority, now, method);
            if (targetHandle > 0) {
                e.target = pendingByHandle.get(targetHandle);
                e.targetMessageId = e.target != null ? 0 : sentIds.getOrDefault(targetHandle, 0L);
                targetRow = e.target != null ? e.target.row : 0;
                superseded = supersede(e);
            }
        }
        superseded.forEach(Runnable::run);
        long row = 0;
        try {
            row = store.add(updateId, chatId, group, priority.ordinal(), e.edit() ? "edit" : "send",
                    json.writeValueAsString(method), targetRow, e.targetMessageId, now);
            synchronized (this) {
                if (storeFailing) {
                    log.info("The outbox is stored again");
                }
                storeFailing = false;
            }
        } catch (Exception ex) {
            // not durable, but still sent: a database failure must not cost the reader the answer
            synchronized (this) {
                if (!storeFailing) {
                    log.error("Cannot store a reply in the outbox; sending it from memory: {}", Secrets.describe(ex, token));
                }
                storeFailing = true;
            }
        }
        synchronized (this) {
            e.row = row;
            enqueue(e);
            notifyAll();
        }
        return e.handle;
    }

    /** Drops pending edits of the same message as {@code e}: the newer text replaces theirs. */
    private List<Runnable> supersede(OutboxEntry e) {
        List<OutboxEntry> list = chats.get(e.chatId);
        List<Runnable> done = new ArrayList<>();
        long key = e.editKey();
        if (list == null || key == 0) {
            return done;
        }
        for (Iterator<OutboxEntry> it = list.iterator(); it.hasNext(); ) {
            OutboxEntry old = it.next();
            if (old.edit() && !old.inFlight && old.editKey() == key) {
                it.remove();
                Runnable r = finish(old, "superseded");
                if (r != null) {
                    done.add(r);
                }
            }
        }
        return done;
    }

    private void enqueue(OutboxEntry e) {
        chats.computeIfAbsent(e.chatId, k -> new ArrayList<>()).add(e);
        pendingByHandle.put(e.handle, e);
        deliveries.staged(e.updateId);
    }

    /** Whether replies of {@code updateId} are waiting or being sent. */
    synchronized boolean pending(long updateId) {
        return deliveries.pending(updateId);
    }

    /**
     * Runs {@code done} once every reply of {@code updateId} staged so far is sent or finally refused (at once if
     * none is pending). Replies are staged by the update's handler, so call this after it returned.
     */
    void whenDelivered(long updateId, Runnable done) {
        synchronized (this) {
            if (deliveries.onDone(updateId, done)) {
                return;
            }
        }
        done.run();
    }

    private void run() {
        List<OutboxEntry> start = new ArrayList<>();
        while (running) {
            start.clear();
            synchronized (this) {
                long wake = pick(System.currentTimeMillis(), start);
                if (start.isEmpty()) {
                    try {
                        wait(Math.max(1, Math.min(wake, 1000)));
                    } catch (InterruptedException e) {
                        if (!running) {
                            return;
                        }
                    }
                    continue;
                }
            }
            for (OutboxEntry e : start) {
                io.execute(() -> attempt(e));
            }
        }
    }

    /** Marks the entries to start now (in {@code out}); returns how long to wait when there are none. */
    private long pick(long now, List<OutboxEntry> out) {
        if (rate.pausedFor(now) > 0) {
            return rate.pausedFor(now);
        }
        long wake = 1000;
        boolean probeDue = failureRun > 0 && now - lastProbeAt >= probeMs;
        if (failureRun > 0 && !probeDue) {
            wake = Math.min(wake, lastProbeAt + probeMs - now);
        }
        while (inFlight < threads && rate.hasRoom(now)) {
            OutboxEntry best = null;
            for (List<OutboxEntry> list : chats.values()) {
                OutboxEntry head = next(list);
                if (head == null || head.inFlight) {
                    continue; // one request per chat at a time keeps the chat's order
                }
                long backoff = probeDue && head.failures > 0 ? 0 : head.notBefore;
                long ready = Math.max(backoff, Math.max(rate.chatPausedUntil(head.chatId),
                        pacer.earliest(head.chatId, head.group, now)));
                if (ready > now) {
                    wake = Math.min(wake, ready - now);
                } else if (best == null || head.priority.ordinal() < best.priority.ordinal()
                        || head.priority == best.priority && head.handle < best.handle) {
                    best = head;
                }
            }
            if (best == null) {
                return wake;
            }
            if (best.notBefore > now) {
                lastProbeAt = now; // this one probes whether Telegram is back
                probeDue = false;
            }
            best.inFlight = true;
            inFlight++;
            rate.started();
            out.add(best);
        }
        if (!rate.hasRoom(now)) {
            wake = Math.min(wake, rate.roomIn(now));
        }
        return wake;
    }

    /** A chat's next entry: the highest priority, oldest first (an in-flight one blocks the chat). */
    private static OutboxEntry next(List<OutboxEntry> list) {
        OutboxEntry best = null;
        for (OutboxEntry e : list) {
            if (e.inFlight) {
                return e;
            }
            if (best == null || e.priority.ordinal() < best.priority.ordinal()) {
                best = e;
            }
        }
        if (best != null && best.target != null && !best.target.finished && list.contains(best.target)) {
            return best.target; // an edit waits for the message it edits
        }
        return best;
    }

    /** One attempt on an I/O thread. */
    private void attempt(OutboxEntry e) {
        BotApiMethod<?> method = prepare(e);
        TelegramApi.Attempt a = api.attempt(method);
        long now = System.currentTimeMillis();
        List<Runnable> done = new ArrayList<>();
        synchronized (this) {
            e.inFlight = false;
            inFlight--;
            rate.completed(now);
            pacer.sent(e.chatId, e.group, now);
            outcome(e, a, now, done);
            notifyAll();
        }
        done.forEach(Runnable::run);
    }

    /** The request to make: an edit gets its message's id, or becomes a new message when there is none. */
    private synchronized BotApiMethod<?> prepare(OutboxEntry e) {
        if (e.method instanceof EditMessageText edit) {
            long id = e.target != null ? e.target.messageId : e.targetMessageId;
            if (id > 0) {
                edit.setMessageId((int) id);
            } else {
                e.method = asMessage(edit);
            }
        }
        return e.method;
    }

    static SendMessage asMessage(EditMessageText edit) {
        return SendMessage.builder().chatId(edit.getChatId()).text(edit.getText()).parseMode(edit.getParseMode())
                .linkPreviewOptions(edit.getLinkPreviewOptions()).replyMarkup(edit.getReplyMarkup()).build();
    }

    private void outcome(OutboxEntry e, TelegramApi.Attempt a, long now, List<Runnable> done) {
        String what = e.method.getMethod() + " to chat " + e.chatId;
        switch (a.kind()) {
            case SENT -> {
                if (a.result() instanceof Message m && m.getMessageId() != null) {
                    e.messageId = m.getMessageId();
                }
                if (failureRun > 0) {
                    log.info("Telegram accepts messages again after {} failed attempt(s)", failureRun);
                    failureRun = 0;
                    for (OutboxEntry other : pendingByHandle.values()) {
                        other.notBefore = 0; // Telegram is back: no reply waits out its own backoff
                    }
                }
                complete(e, "sent", done);
            }
            case THROTTLED -> {
                OutboxMetrics.retry("throttled");
                if (rate.throttled(e.chatId, now, a.waitMs())) {
                    // two chats throttled at once: Telegram's limit for the whole bot; everyone waits
                    log.warn("Telegram throttled several chats (429); pausing all sends for {} ms", a.waitMs());
                } else {
                    log.warn("Telegram throttled {} (429); retrying in {} ms", what, a.waitMs());
                }
                giveUpIfTooOld(e, now, a.problem(), done);
            }
            case RETRY -> {
                OutboxMetrics.retry(a.code() >= 500 ? "5xx" : "network");
                e.failures++;
                failureRun++;
                lastProbeAt = now;
                long backoff = Math.min(limits.maxBackoffMs(), limits.backoffBaseMs() << Math.min(e.failures - 1, 20));
                // jitter: replies failing together do not all come back in the same instant
                e.notBefore = now + backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
                if (failureRun == 1 || failureRun % 50 == 0) {
                    log.warn("Telegram {} failed ({}); kept in the outbox and retried in {} ms (failed attempt {} of "
                            + "this run)", what, a.problem(), e.notBefore - now, failureRun);
                } else {
                    log.debug("Telegram {} failed ({}); retry {} in {} ms", what, a.problem(), e.failures, e.notBefore - now);
                }
                giveUpIfTooOld(e, now, a.problem(), done);
            }
            case REFUSED -> {
                if (a.notModified()) {
                    complete(e, "sent", done); // an edit to the text already shown: nothing to do
                } else if (e.edit()) {
                    // the message cannot be edited (deleted, too old): the text goes out as a message of its own
                    log.warn("Telegram refused {} ({}); sending the text as a new message", what, a.problem());
                    e.method = asMessage((EditMessageText) e.method);
                    e.target = null;
                    e.targetMessageId = 0;
                } else {
                    log.warn("Telegram refused {} ({}); dropped", what, a.problem());
                    complete(e, "refused", done);
                    if (a.code() == 403) {
                        long chat = e.chatId;
                        done.add(() -> blocked(chat)); // outside the lock: the listener writes to the database
                    }
                }
            }
        }
    }

    private void giveUpIfTooOld(OutboxEntry e, long now, String problem, List<Runnable> done) {
        if (now - e.createdAt >= limits.retryWindowMs()) {
            log.error("Giving up a {} to chat {} after {} s of failures: {}", e.method.getMethod(), e.chatId,
                    (now - e.createdAt) / 1000, problem);
            complete(e, "expired", done);
        }
    }

    /** Takes a finished entry out (and its row from the store); collects the update callbacks it completes. */
    private void complete(OutboxEntry e, String outcome, List<Runnable> done) {
        List<OutboxEntry> list = chats.get(e.chatId);
        if (list != null) {
            list.remove(e);
            if (list.isEmpty()) {
                chats.remove(e.chatId);
            }
        }
        Runnable r = finish(e, outcome);
        if (r != null) {
            done.add(r);
        }
    }

    /** Removes {@code e} from the bookkeeping and the store; returns its update's callback when that is complete. */
    private Runnable finish(OutboxEntry e, String outcome) {
        e.finished = true;
        pendingByHandle.remove(e.handle);
        if (e.messageId > 0) {
            sentIds.put(e.handle, e.messageId);
        }
        OutboxMetrics.sent(outcome);
        if (e.row > 0) {
            unremoved.add(e.row);
            unremovedIds.add(e.messageId);
            try {
                store.remove(List.copyOf(unremoved), List.copyOf(unremovedIds));
                unremoved.clear();
                unremovedIds.clear();
            } catch (RuntimeException ex) {
                // kept and retried with the next one; until then a restart would send these again
                log.error("Cannot delete {} delivered reply(ies) from the outbox (retried with the next one): {}",
                        unremoved.size(), Secrets.describe(ex, token));
            }
        }
        return deliveries.finished(e.updateId);
    }

    /** Replies waiting or being sent. */
    synchronized int depth() {
        return pendingByHandle.size();
    }

    /** Age in ms of the oldest reply waiting (0 when none). */
    synchronized long oldestAgeMs() {
        long oldest = Long.MAX_VALUE;
        for (OutboxEntry e : pendingByHandle.values()) {
            oldest = Math.min(oldest, e.createdAt);
        }
        return oldest == Long.MAX_VALUE ? 0 : Math.max(0, System.currentTimeMillis() - oldest);
    }

    /**
     * Stops: nothing new is started, requests in flight get {@code graceMs} to complete (so what Telegram accepted
     * is deleted); everything else stays in the outbox for the next start.
     */
    void shutdown(long graceMs) {
        Thread t;
        synchronized (this) {
            running = false;
            t = loop;
            notifyAll();
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        io.shutdown();
        try {
            if (!io.awaitTermination(graceMs, TimeUnit.MILLISECONDS)) {
                io.shutdownNow();
            }
        } catch (InterruptedException e) {
            io.shutdownNow();
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            int left = pendingByHandle.size();
            long unstored = pendingByHandle.values().stream().filter(e -> e.row == 0).count();
            if (left > 0) {
                log.info("Stopping: {} reply(ies) kept in the outbox for the next start{}", left - unstored,
                        unstored > 0 ? " (" + unstored + " could not be stored and are lost)" : "");
            }
        }
    }
}
