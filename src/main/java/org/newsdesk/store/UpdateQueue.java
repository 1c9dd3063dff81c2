package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The durable queue of incoming updates (raw JSON by update id). A transport acknowledges an update (a webhook
 * 200, or the next getUpdates offset) only after {@link #enqueue} committed it together with the new offset, and
 * marks it done after handling; whatever is still pending after a crash, kill or SIGTERM is handled on the next
 * start. Done rows are kept a while so a redelivered update is recognised, then pruned.
 */
public final class UpdateQueue {
    /** The last update id acknowledged to Telegram, and when it arrived (epoch ms), in telegram_state. */
    public static final String OFFSET_KEY = "telegram.offset";
    public static final String OFFSET_AT_KEY = "telegram.offset.at";

    /** One update as received. */
    public record Item(long updateId, String payload) {
    }

    private final Database db;

    public UpdateQueue(Database db) {
        this.db = db;
    }

    /**
     * Stores the updates not seen before, and the offset to acknowledge, in one transaction; returns the items that
     * are new (to be handled). Throws {@link StoreException} when nothing could be stored: then nothing may be
     * acknowledged.
     */
    public List<Item> enqueue(List<Item> items, long nowMillis) {
        return items.isEmpty() ? List.of() : enqueue(items, items.get(items.size() - 1).updateId(), nowMillis);
    }

    /**
     * As {@link #enqueue(List, long)}, acknowledging up to {@code lastUpdateId} (the batch's last update, which may
     * be one that could not be kept and was skipped).
     */
    public List<Item> enqueue(List<Item> items, long lastUpdateId, long nowMillis) {
        return db.inTransaction(c -> {
            List<Item> fresh = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT OR IGNORE INTO update_queue(update_id, payload, received_at) VALUES (?, ?, ?)")) {
                for (Item it : items) {
                    ps.setLong(1, it.updateId());
                    ps.setString(2, it.payload());
                    ps.setLong(3, nowMillis);
                    if (ps.executeUpdate() == 1) {
                        fresh.add(it);
                    }
                }
            }
            // the last update of the batch, not the highest ever: Telegram may restart its numbering lower
            long last = lastUpdateId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO telegram_state(key, value) VALUES (?, ?) "
                    + "ON CONFLICT(key) DO UPDATE SET value = excluded.value")) {
                ps.setString(1, OFFSET_KEY);
                ps.setString(2, Long.toString(last));
                ps.addBatch();
                ps.setString(1, OFFSET_AT_KEY);
                ps.setString(2, Long.toString(nowMillis));
                ps.addBatch();
                ps.executeBatch();
            }
            return fresh;
        });
    }

    /** Updates received but not yet handled, oldest first. */
    public List<Item> pending() {
        return db.with(c -> {
            List<Item> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT update_id, payload FROM update_queue WHERE done_at IS NULL ORDER BY update_id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Item(rs.getLong(1), rs.getString(2)));
                }
            }
            return out;
        });
    }

    public long pendingCount() {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM update_queue WHERE done_at IS NULL");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Marks updates handled. */
    public void markDone(List<Long> updateIds, long nowMillis) {
        if (updateIds.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE update_queue SET done_at = ? WHERE update_id = ?")) {
                for (long id : updateIds) {
                    ps.setLong(1, nowMillis);
                    ps.setLong(2, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * Marks updates answered: every reply is staged in the outbox (they are done once those are sent). After a
     * restart such an update is not answered again.
     */
    public void markAnswered(long updateId, long nowMillis) {
        db.update("UPDATE update_queue SET answered_at = ? WHERE update_id = ? AND answered_at IS NULL", nowMillis,
                updateId);
    }

    /** The pending updates already answered (their replies wait in the outbox). */
    public java.util.Set<Long> answeredPending() {
        return db.with(c -> {
            java.util.Set<Long> out = new java.util.HashSet<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT update_id FROM update_queue WHERE done_at IS NULL AND answered_at IS NOT NULL");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    /** Deletes handled updates received before {@code beforeMillis}; returns how many. */
    public int pruneDone(long beforeMillis) {
        return db.update("DELETE FROM update_queue WHERE done_at IS NOT NULL AND received_at < ?", beforeMillis);
    }

    /** The last acknowledged update id, if any. */
    public OptionalLong offset() {
        return new StateStore(db).getLong(OFFSET_KEY);
    }

    /** When the last acknowledged update arrived (epoch ms), if known. */
    public OptionalLong offsetAt() {
        return new StateStore(db).getLong(OFFSET_AT_KEY);
    }
}
