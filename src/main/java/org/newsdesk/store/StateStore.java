package org.newsdesk.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.OptionalLong;

/** Small persistent key/value settings of a transport (e.g. the Telegram update offset). */
public final class StateStore {
    private final Database db;

    public StateStore(Database db) {
        this.db = db;
    }

    public Optional<String> get(String key) {
        return db.with(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM telegram_state WHERE key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    public OptionalLong getLong(String key) {
        return get(key).map(v -> OptionalLong.of(Long.parseLong(v))).orElse(OptionalLong.empty());
    }

    public void put(String key, String value) {
        db.update("INSERT INTO telegram_state(key, value) VALUES (?, ?) "
                + "ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value);
    }
}
