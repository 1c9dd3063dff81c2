package org.newsdesk.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertStoreTest {
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    static final LocalDate TODAY = LocalDate.parse("2026-12-07");

    @Test
    void topicsAreAddedUpToTheLimitListedAndRemovedOnlyByTheirChat() {
        try (Database db = Database.inMemory()) {
            AlertStore store = new AlertStore(db);
            long a = store.add(1, "OpenAI", 2, NOW);
            long b = store.add(1, "Taylor Swift", 2, NOW);
            assertThat(store.add(1, "Bitcoin", 2, NOW)).isEqualTo(-1);
            long c = store.add(2, "Bitcoin", 2, NOW);
            assertThat(store.topics(1)).extracting(AlertStore.Topic::topic).containsExactly("OpenAI", "Taylor Swift");
            assertThat(store.topics(1)).extracting(AlertStore.Topic::id).containsExactly(a, b);
            assertThat(store.remove(2, a)).isFalse();
            assertThat(store.remove(1, a)).isTrue();
            assertThat(store.remove(1, a)).isFalse();
            assertThat(store.byChat()).containsOnlyKeys(1L, 2L);
            assertThat(store.byChat().get(2L)).extracting(AlertStore.Topic::id).containsExactly(c);
            assertThat(store.dropChat(1)).isEqualTo(1);
            assertThat(store.topics(1)).isEmpty();
        }
    }

    @Test
    void alertedArticlesAndDailyMessagesAreRemembered() {
        try (Database db = Database.inMemory()) {
            AlertStore store = new AlertStore(db);
            assertThat(store.messagesOn(1, TODAY)).isZero();
            store.recordAlert(1, List.of("a1", "a2"), TODAY, NOW);
            store.recordAlert(1, List.of("a2", "a3"), TODAY, NOW);
            assertThat(store.messagesOn(1, TODAY)).isEqualTo(2);
            assertThat(store.messagesOn(1, TODAY.plusDays(1))).isZero();
            assertThat(store.messagesOn(2, TODAY)).isZero();
            assertThat(store.alreadySent(1, List.of("a1", "a3", "a4"))).containsExactlyInAnyOrder("a1", "a3");
            assertThat(store.alreadySent(2, List.of("a1"))).isEmpty();

            store.migrateChat(1, -100);
            assertThat(store.alreadySent(-100, List.of("a2"))).containsExactly("a2");
            assertThat(store.messagesOn(-100, TODAY)).isEqualTo(2);

            assertThat(store.prune(NOW.plusSeconds(1), TODAY.plusDays(1))).isEqualTo(4); // 3 articles, 1 day
            assertThat(store.alreadySent(-100, List.of("a1", "a2", "a3"))).isEmpty();
        }
    }
}
