package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The durable outbox: replies stored before their first send attempt and deleted once Telegram accepted them (or
 * refused them for good). What is left after a crash, kill or SIGTERM is sent after the next start. The payload is
 * the transport's own serialised request; this class does not read it.
 */
public final class OutboxStore {
    /**
     * One stored reply.
     *
     * @param updateId  the update it answers (0: not tied to one, e.g. a background notice)
     * @param kind      the transport's request kind (Telegram: "send" or "edit")
     * @param targetRow for an edit: the row of the message it edits while that one is unsent, else 0
     * @param messageId for an edit: Telegram's id of the message it edits once known, else 0
     */
    public record Row(long id, long updateId, long chatId, boolean group, int priority, String kind, String payload,
                      long targetRow, long messageId, long createdAt) {
    }

    private final Database db;

    public OutboxStore(Database db) {
        this.db = db;
    }

    /** Stores a reply; returns its row id. */
    public long add(long updateId, long chatId, boolean group, int priority, String kind, String payload,
                    long targetRow, long messageId, long createdAt) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox(update_id, chat_id, is_group, priority, "
                    + "kind, payload, target_row, message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, updateId);
                ps.setLong(2, chatId);
                ps.setInt(3, group ? 1 : 0);
                ps.setInt(4, priority);
                ps.setString(5, kind);
                ps.setString(6, payload);
                setOrNull(ps, 7, targetRow);
                setOrNull(ps, 8, messageId);
                ps.setLong(9, createdAt);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    private static void setOrNull(PreparedStatement ps, int i, long v) throws java.sql.SQLException {
        if (v > 0) {
            ps.setLong(i, v);
        } else {
            ps.setNull(i, java.sql.Types.INTEGER);
        }
    }

    /**
     * Removes delivered (or finally refused) rows in one transaction; the edits waiting for a delivered message learn
     * its Telegram id ({@code messageIds[i]} for {@code rows[i]}, 0 when there is none).
     */
    public void remove(List<Long> rows, List<Long> messageIds) {
        if (rows.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM outbox WHERE id = ?");
                 PreparedStatement link = c.prepareStatement(
                         "UPDATE outbox SET message_id = ?, target_row = NULL WHERE target_row = ?")) {
                for (int i = 0; i < rows.size(); i++) {
                    del.setLong(1, rows.get(i));
                    del.addBatch();
                    if (messageIds.get(i) > 0) {
                        link.setLong(1, messageIds.get(i));
                        link.setLong(2, rows.get(i));
                        link.addBatch();
                    }
                }
                del.executeBatch();
                link.executeBatch();
            }
            return null;
        });
    }

    /** Deletes the unsent replies of updates that will be answered again (their answering was cut short). */
    public int removeForUpdates(Collection<Long> updateIds) {
        if (updateIds.isEmpty()) {
            return 0;
        }
        return db.inTransaction(c -> {
            int n = 0;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM outbox WHERE update_id = ?")) {
                for (long id : updateIds) {
                    ps.setLong(1, id);
                    n += ps.executeUpdate();
                }
            }
            return n;
        });
    }

    /** Every stored reply, oldest first. */
    public List<Row> all() {
        return db.with(c -> {
            List<Row> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, update_id, chat_id, is_group, priority, kind, "
                    + "payload, target_row, message_id, created_at FROM outbox ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getInt(4) != 0, rs.getInt(5),
                            rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10)));
                }
            }
            return out;
        });
    }

    public long count() {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM outbox");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
