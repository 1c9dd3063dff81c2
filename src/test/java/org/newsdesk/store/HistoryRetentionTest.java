package org.newsdesk.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, item 13: the question log and stored answers are pruned; /stats is aggregated by SQLite. */
class HistoryRetentionTest {
    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static long count(Database db, String table) {
        return db.with(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void oldRowsAndRowsOverTheLimitArePrunedWithTheirVotes() {
        try (Database db = Database.inMemory()) {
            QueryLog log = new QueryLog(db);
            AnswerStore answers = new AnswerStore(db);
            AnswerStore.CitationRow c = new AnswerStore.CitationRow(1, "a", "T", null, null, null, "a#0", "P", List.of());
            for (int i = 0; i < 10; i++) {
                Instant at = NOW.minus(Duration.ofDays(i < 4 ? 400 : 1)).plusSeconds(i);
                log.record(new QueryLog.Entry(at, 1, 2, "q" + i, false, List.of(), 10));
                long id = answers.save(1, 2, "q" + i, "a [1]", List.of(c), at);
                answers.vote(id, 2, 1, at);
            }
            HistoryRetention.Pruned p = new HistoryRetention(db, 365, 5).prune(NOW);
            // 4 older than a year, then 1 more to keep the newest 5
            assertThat(p).isEqualTo(new HistoryRetention.Pruned(5, 5));
            assertThat(count(db, "query_log")).isEqualTo(5);
            assertThat(count(db, "answers")).isEqualTo(5);
            assertThat(count(db, "feedback")).isEqualTo(5);
            String oldestKept = db.with(cn -> {
                try (var rs = cn.createStatement().executeQuery("SELECT min(question) FROM query_log")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            assertThat(oldestKept).isEqualTo("q5");
            assertThat(new HistoryRetention(db, 365, 5).prune(NOW)).isEqualTo(new HistoryRetention.Pruned(0, 0));
        }
    }

    @Test
    void theSummaryIsComputedInSqlLikeTheNearestRankPercentile() {
        try (Database db = Database.inMemory()) {
            QueryLog log = new QueryLog(db);
            assertThat(log.summary(NOW)).isEqualTo(new QueryLog.Summary(0, 0, 0, 0, 0));
            Random random = new Random(16);
            List<Long> latencies = new ArrayList<>();
            int recent = 0;
            int abstained = 0;
            for (int i = 0; i < 237; i++) {
                long ms = random.nextInt(5000);
                boolean old = random.nextBoolean();
                boolean abstain = random.nextInt(4) == 0;
                latencies.add(ms);
                recent += old ? 0 : 1;
                abstained += abstain ? 1 : 0;
                log.record(new QueryLog.Entry(old ? NOW.minusSeconds(90_000) : NOW.plusSeconds(i), 1, 2, "q", abstain,
                        List.of(), ms));
            }
            Collections.sort(latencies);
            assertThat(log.summary(NOW)).isEqualTo(new QueryLog.Summary(237, recent, (double) abstained / 237,
                    QueryLog.percentile(latencies, 50), QueryLog.percentile(latencies, 95)));
        }
    }
}
