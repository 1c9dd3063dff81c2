package org.newsdesk.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void migratesToTheLatestVersionInWalModeAndKeepsDataAcrossReopen() {
        Path file = dir.resolve("n.db");
        try (Database db = Database.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(Database.MIGRATIONS.size());
            String mode = db.with(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(mode).isEqualToIgnoringCase("wal");
            new SourceFileStore(db).apply(List.of(new SourceFileStore.Row("a.txt", "h1", List.of("a"), 3, Instant.EPOCH)),
                    List.of());
        }
        try (Database db = Database.open(file)) {
            assertThat(db.schemaVersion()).isEqualTo(Database.MIGRATIONS.size());
            assertThat(new SourceFileStore(db).all()).containsKey("a.txt");
            assertThat(new SourceFileStore(db).all().get("a.txt").articleIds()).containsExactly("a");
        }
    }

    @Test
    void queryLogSummarisesLatencyAndAbstention() {
        try (Database db = Database.inMemory()) {
            QueryLog log = new QueryLog(db);
            for (int i = 1; i <= 20; i++) {
                log.record(new QueryLog.Entry(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i), 1, 2, "q" + i,
                        i % 4 == 0, List.of("x"), i * 10L));
            }
            QueryLog.Summary s = log.summary(Instant.parse("2026-01-01T00:00:10Z"));
            assertThat(s.total()).isEqualTo(20);
            assertThat(s.since()).isEqualTo(11);
            assertThat(s.abstentionRate()).isEqualTo(0.25);
            assertThat(s.latencyP50Ms()).isEqualTo(100);
            assertThat(s.latencyP95Ms()).isEqualTo(190);
        }
    }
}
