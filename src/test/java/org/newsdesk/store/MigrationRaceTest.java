package org.newsdesk.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, item 13: several processes (here: connections on threads) opening a fresh data dir at once. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class MigrationRaceTest {
    @TempDir
    Path tmp;

    @Test
    void concurrentFirstStartsMigrateOnce() throws Exception {
        int openers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(openers);
        try {
            for (int round = 0; round < 10; round++) {
                Path file = tmp.resolve("round-" + round + ".db");
                CyclicBarrier start = new CyclicBarrier(openers);
                List<Future<Integer>> versions = new ArrayList<>();
                for (int i = 0; i < openers; i++) {
                    versions.add(pool.submit(() -> {
                        start.await();
                        try (Database db = Database.open(file)) {
                            return db.schemaVersion();
                        }
                    }));
                }
                for (Future<Integer> v : versions) {
                    assertThat(v.get(60, TimeUnit.SECONDS)).as("round %d", round).isEqualTo(Database.MIGRATIONS.size());
                }
                try (Database db = Database.open(file)) {
                    Integer tables = db.with(c -> {
                        try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM sqlite_master WHERE type='table'")) {
                            rs.next();
                            return rs.getInt(1);
                        }
                    });
                    assertThat(tables).isGreaterThanOrEqualTo(5);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
