package org.newsdesk.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.newsdesk.store.UpdateQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs queued updates off the receiving thread: one lane per chat (a chat's updates in update-id order, one at a
 * time), lanes sharing a bounded pool of workers, so a slow or throttled chat only ever delays itself. Handling an
 * update stages its replies in the {@link SendScheduler}'s outbox; the update is marked answered then, and done in
 * the {@link UpdateQueue} once those replies were sent or finally refused (the worker does not wait for that). On
 * shutdown the running ones get a grace period and the rest stay pending in the queue for the next start.
 */
final class UpdateDispatcher {
    private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);

    private final UpdateQueue queue;
    private final Consumer<Update> handler;
    private final SendScheduler sender;
    private final ObjectMapper json = new ObjectMapper();
    private final String token;
    private final ThreadPoolExecutor workers;
    private final Map<Long, ArrayDeque<Task>> lanes = new HashMap<>();
    /** Update ids submitted and not yet done, so a resumed queue does not run one twice. */
    private final Set<Long> known = new HashSet<>();
    /** Done but not yet recorded as done (the database was failing); retried with the next completion. */
    private final List<Long> unrecorded = new ArrayList<>();
    private volatile boolean stopping;
    private boolean storeFailing;
    /** Updates of this dispatcher queued or being handled, or answered and waiting for their replies to go out. */
    private final AtomicLong queued = new AtomicLong();

    private record Task(long updateId, Update update) {
    }

    UpdateDispatcher(UpdateQueue queue, Consumer<Update> handler, SendScheduler sender, int workerCount, String token) {
        this.queue = queue;
        this.handler = handler;
        this.sender = sender;
        this.token = token;
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(workerCount, workerCount, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "telegram-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        TelegramMetrics.track(this);
    }

    /** Updates queued or being handled (the queue-depth gauge sums this over the running dispatchers). */
    long queued() {
        return queued.get();
    }

    /**
     * Starts the sender with what the outbox holds from before, then submits what the queue still holds (crash, kill,
     * shutdown with updates in flight): an update already answered waits for its stored replies, and is not answered
     * again; one whose answering was cut short is answered again (its partial replies are dropped first). So the
     * outbox is resumed before new updates are answered.
     */
    void resumePending() {
        List<UpdateQueue.Item> pending = queue.pending();
        java.util.Set<Long> answered = pending.isEmpty() ? java.util.Set.of() : queue.answeredPending();
        List<Long> redo = pending.stream().map(UpdateQueue.Item::updateId).filter(id -> !answered.contains(id)).toList();
        sender.start(redo);
        if (!pending.isEmpty()) {
            log.warn("Resuming {} queued update(s) left from before the last stop ({} already answered, their replies "
                    + "in the outbox)", pending.size(), answered.size());
        }
        for (UpdateQueue.Item item : pending) {
            if (!answered.contains(item.updateId())) {
                submit(item);
                continue;
            }
            synchronized (this) {
                if (!known.add(item.updateId())) {
                    continue;
                }
                queued.incrementAndGet();
            }
            sender.whenDelivered(item.updateId(), () -> finished(item.updateId()));
        }
    }

    /** Hands one durably queued update to its chat's lane. */
    void submit(UpdateQueue.Item item) {
        Update update;
        try {
            update = json.readValue(item.payload(), Update.class);
        } catch (Exception e) {
            log.error("Queued update {} cannot be read, skipped: {}", item.updateId(), Secrets.describe(e, token));
            queued.incrementAndGet(); // finished() counts it out again
            finished(item.updateId());
            return;
        }
        long key = laneKey(update);
        synchronized (this) {
            if (stopping || !known.add(item.updateId())) {
                return; // stays pending in the queue, or is already on its way
            }
            queued.incrementAndGet();
            TelegramMetrics.UPDATES.increment();
            ArrayDeque<Task> lane = lanes.get(key);
            if (lane != null) {
                lane.add(new Task(item.updateId(), update));
                return;
            }
            lane = new ArrayDeque<>();
            lane.add(new Task(item.updateId(), update));
            lanes.put(key, lane);
        }
        workers.execute(() -> drain(key));
    }

    /** The chat an update belongs to (its ordering key); inline queries go by their sender. */
    static long laneKey(Update u) {
        if (u.hasMessage() && u.getMessage().getMigrateToChatId() != null) {
            return u.getMessage().getMigrateToChatId(); // ordered with what follows in the new supergroup
        }
        if (u.hasMessage() && u.getMessage().getChatId() != null) {
            return u.getMessage().getChatId();
        }
        if (u.hasCallbackQuery()) {
            var q = u.getCallbackQuery();
            if (q.getMessage() != null && q.getMessage().getChatId() != null) {
                return q.getMessage().getChatId();
            }
            return q.getFrom() == null ? 0 : q.getFrom().getId();
        }
        if (u.hasInlineQuery() && u.getInlineQuery().getFrom() != null) {
            return u.getInlineQuery().getFrom().getId();
        }
        return 0;
    }

    private void drain(long key) {
        while (true) {
            Task task;
            boolean superseded;
            synchronized (this) {
                ArrayDeque<Task> lane = lanes.get(key);
                task = stopping || lane == null ? null : lane.poll();
                if (task == null) {
                    lanes.remove(key); // an idle chat keeps no entry (tasks left at shutdown stay in the queue)
                    return;
                }
                // Telegram sends an inline query per pause in typing; only the newest one waiting is worth answering
                superseded = task.update().hasInlineQuery()
                        && lane.stream().anyMatch(t -> t.update().hasInlineQuery());
            }
            try {
                if (!superseded) {
                    handler.accept(task.update());
                }
            } catch (Throwable e) {
                // a poison update must not block its chat: log it and move on
                log.error("Failed to handle update {}: {}", task.updateId(), Secrets.describe(e, token));
            }
            if (Thread.currentThread().isInterrupted() && stopping) {
                return; // cut short by shutdown: it stays pending and is handled again after the restart
            }
            answered(task.updateId());
        }
    }

    /** Every reply of the update is staged: it is done once they are delivered (at once when there are none). */
    private void answered(long updateId) {
        if (sender.pending(updateId)) {
            try {
                queue.markAnswered(updateId, System.currentTimeMillis());
            } catch (RuntimeException e) {
                // after a restart it would be answered again (its staged replies dropped first): no loss, no repeat
                log.error("Cannot record update {} as answered: {}", updateId, Secrets.describe(e, token));
            }
        }
        sender.whenDelivered(updateId, () -> finished(updateId));
    }

    private void finished(long updateId) {
        List<Long> ids;
        synchronized (this) {
            unrecorded.add(updateId);
            ids = List.copyOf(unrecorded);
        }
        try {
            queue.markDone(ids, System.currentTimeMillis());
            synchronized (this) {
                unrecorded.removeAll(ids);
                known.removeAll(ids);
                if (storeFailing) {
                    log.info("The database accepts writes again; {} handled update(s) recorded", ids.size());
                }
                storeFailing = false;
            }
        } catch (RuntimeException e) {
            synchronized (this) {
                if (!storeFailing) {
                    log.error("Cannot record handled updates (will retry with the next one): {}",
                            Secrets.describe(e, token));
                }
                storeFailing = true;
            }
        }
        synchronized (this) {
            queued.decrementAndGet();
            TelegramMetrics.HANDLED.increment();
            notifyAll();
        }
    }

    /** Updates waiting or running in this dispatcher. */
    synchronized int depth() {
        int n = 0;
        for (ArrayDeque<Task> lane : lanes.values()) {
            n += lane.size();
        }
        return n + workers.getActiveCount();
    }

    /**
     * Stops taking updates: those running get {@code graceMs} to finish, then are interrupted; whatever did not
     * finish stays pending in the queue and is handled after the next start. Returns true if all finished.
     */
    boolean shutdown(long graceMs) {
        TelegramMetrics.untrack(this); // what it still holds waits in the queue for the next start
        synchronized (this) {
            stopping = true;
            int waiting = 0;
            for (ArrayDeque<Task> lane : lanes.values()) {
                waiting += lane.size();
            }
            queued.addAndGet(-waiting);
            if (waiting > 0) {
                log.info("Shutting down: {} queued update(s) kept for the next start", waiting);
            }
        }
        workers.shutdown();
        try {
            if (workers.awaitTermination(graceMs, TimeUnit.MILLISECONDS)) {
                return true;
            }
            log.warn("Shutting down: updates still running after {} ms are interrupted and kept for the next start",
                    graceMs);
            workers.shutdownNow();
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
