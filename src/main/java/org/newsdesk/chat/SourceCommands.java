package org.newsdesk.chat;

import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.IndexLockedException;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.sources.SyncService;
import org.newsdesk.sources.FetchException;
import org.newsdesk.store.Database;
import org.newsdesk.store.SourceStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The admin commands about followed sources: {@code /sources} (each source's last run, articles added, last error),
 * {@code /sync} (a sync now, its progress edited into one message like /reindex) and {@code /add URL} (one article
 * fetched and indexed now). Syncs and adds run on their own thread; questions keep being answered meanwhile.
 */
public final class SourceCommands implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SourceCommands.class);
    static final Set<String> NAMES = Set.of("sources", "sync", "add");

    private final SyncService sync;
    private final NewsdeskConfig.Chat settings;
    private final Database db;
    private final Clock clock;
    private final SourceStateStore states;
    /** Set from the moment a /sync or /add is accepted until it ends, so a second one is refused at once. */
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sync-command");
        t.setDaemon(true);
        return t;
    });

    public SourceCommands(SyncService sync, NewsdeskConfig.Chat settings, Database db, Clock clock) {
        this.sync = sync;
        this.settings = settings;
        this.db = db;
        this.clock = clock;
        this.states = sync.sources().store();
    }

    /** Handles /sources, /sync and /add; false for any other command. */
    boolean handle(String name, String args, IncomingMessage m, Outbox outbox) {
        if (!NAMES.contains(name)) {
            return false;
        }
        boolean admin = settings.isAdmin(m.userId());
        db.update("INSERT INTO admin_events(ts, chat_id, user_id, command, allowed) VALUES (?,?,?,?,?)",
                Instant.now(clock).toString(), m.chatId(), m.userId(), name, admin ? 1 : 0);
        if (!admin) {
            log.warn("Refused /{} from user {} in chat {}", name, m.userId(), m.chatId());
            outbox.send(OutgoingMessage.text("/" + name + " is for admins only. Your attempt has been recorded.",
                    m.messageId()));
            return true;
        }
        switch (name) {
            case "sources" -> outbox.send(OutgoingMessage.text(listing(), m.messageId()));
            case "sync" -> start(m, outbox, "Sync started: fetching every source now. Questions are still answered "
                    + "meanwhile.", handle -> runSync(outbox, handle));
            default -> add(args.strip(), m, outbox);
        }
        return true;
    }

    private void add(String url, IncomingMessage m, Outbox outbox) {
        if (url.isEmpty() || url.contains(" ")) {
            outbox.send(OutgoingMessage.text("Usage: /add followed by one article URL, e.g. /add https://example.com/news/story",
                    m.messageId()));
            return;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            outbox.send(OutgoingMessage.text("Only http and https links can be added.", m.messageId()));
            return;
        }
        start(m, outbox, "Fetching " + url + " ...", handle -> runAdd(url, outbox, handle));
    }

    private void start(IncomingMessage m, Outbox outbox, String startText, java.util.function.LongConsumer work) {
        if (!inFlight.compareAndSet(false, true)) {
            outbox.send(OutgoingMessage.text("A sync or /add is already running; I will post its summary when it ends.",
                    m.messageId()));
            return;
        }
        long handle = outbox.send(OutgoingMessage.text(startText, m.messageId()));
        background.submit(() -> {
            try {
                work.accept(handle);
            } catch (RuntimeException e) {
                log.error("Sync command failed", e);
                outbox.edit(handle, OutgoingMessage.text("Failed unexpectedly (" + e.getClass().getSimpleName()
                        + "). The previous index keeps answering questions.", 0));
            } finally {
                inFlight.set(false);
            }
        });
    }

    private void runSync(Outbox outbox, long handle) {
        StringBuilder done = new StringBuilder();
        long[] lastEdit = {clock.millis()};
        ReindexListener listener = p -> {
            long now = clock.millis();
            if (now - lastEdit[0] >= ChatService.PROGRESS_INTERVAL_MS) {
                lastEdit[0] = now;
                outbox.edit(handle, OutgoingMessage.text(done + ChatReindex.progressText(p), 0));
            }
        };
        try {
            SyncService.Result r = sync.run(true, report -> {
                done.append(report.summary()).append('\n');
                long now = clock.millis();
                if (now - lastEdit[0] >= ChatService.PROGRESS_INTERVAL_MS) {
                    lastEdit[0] = now;
                    outbox.edit(handle, OutgoingMessage.text("Syncing…\n" + done, 0));
                }
            }, listener);
            outbox.edit(handle, OutgoingMessage.text("Sync finished.\n" + r.summary(), 0));
        } catch (IndexLockedException e) {
            outbox.edit(handle, OutgoingMessage.text("Not now: " + e.getMessage() + ".", 0));
        }
    }

    private void runAdd(String url, Outbox outbox, long handle) {
        try {
            SyncService.AddResult r = sync.add(url, ReindexListener.NONE);
            String index = r.reindexError() != null ? "\nIndex update failed: " + r.reindexError()
                    : r.reindex() == null ? "" : "\n" + r.reindex().summary();
            outbox.edit(handle, OutgoingMessage.text("/add: " + r.article() + index, 0));
        } catch (FetchException e) {
            outbox.edit(handle, OutgoingMessage.text("/add refused or failed: " + e.getMessage(), 0));
        } catch (IndexLockedException e) {
            outbox.edit(handle, OutgoingMessage.text("Not now: " + e.getMessage() + ".", 0));
        }
    }

    /** One block per source: type, last run, articles added last time and in total, last error, next retry. */
    String listing() {
        var all = sync.sources().all();
        StringBuilder sb = new StringBuilder();
        if (all.isEmpty()) {
            sb.append("No sources configured: the archive is corpus-dir alone. Add feeds, sitemaps or URL lists under "
                    + "sources: in the config.");
        }
        for (NewsdeskConfig.Source s : all) {
            SourceStateStore.State st = states.state(s.name());
            sb.append(sb.length() == 0 ? "" : "\n\n").append(s.name()).append(" (").append(s.type()).append(", every ")
                    .append(s.every()).append(")");
            sb.append("\n  last run: ").append(st.lastRun() == null ? "never" : st.lastRun().toString());
            if (!s.type().equals("folder")) {
                sb.append("\n  added last run: ").append(st.lastAdded()).append(", updated: ").append(st.lastUpdated())
                        .append(", archived in total: ").append(states.countBySource(s.name()));
            }
            if (st.lastError() != null) {
                sb.append("\n  last error: ").append(st.lastError());
            }
            if (st.nextRetry() != null) {
                sb.append("\n  next retry: ").append(st.nextRetry());
            }
        }
        int added = states.countBySource(org.newsdesk.sources.Sources.ADDED);
        if (added > 0) {
            sb.append("\n\nadded with /add: ").append(added).append(" articles");
        }
        return sb.toString();
    }

    /** True while a /sync or /add runs. */
    public boolean running() {
        return inFlight.get();
    }

    @Override
    public void close() {
        background.shutdownNow();
    }
}
