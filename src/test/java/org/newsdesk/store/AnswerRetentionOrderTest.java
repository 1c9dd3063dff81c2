package org.newsdesk.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Answer ids are random (unguessable button data), so pruning to the newest answers goes by creation time. */
class AnswerRetentionOrderTest {
    @Test
    void theNewestAnswersAreKeptWhateverTheirIds() {
        try (Database db = Database.inMemory()) {
            AnswerStore store = new AnswerStore(db);
            Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 1010; i++) {
                ids.add(store.save(1, 1, "q" + i, "a", List.of(), t0.plusSeconds(i)));
            }
            assertThat(ids).doesNotHaveDuplicates().isNotEqualTo(ids.stream().sorted().toList());
            new HistoryRetention(db, 365, 1000).prune(t0.plusSeconds(2000));
            for (int i = 0; i < 1010; i++) {
                assertThat(store.find(ids.get(i)).isPresent()).as("answer %d kept", i).isEqualTo(i >= 10);
            }
        }
    }
}
