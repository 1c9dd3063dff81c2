package org.newsdesk.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerStoreTest {
    @Test
    void storesAnswersWithCitationsAndOneChangeableVotePerUser() {
        try (Database db = Database.inMemory()) {
            AnswerStore store = new AnswerStore(db);
            AnswerStore.CitationRow c = new AnswerStore.CitationRow(1, "a1", "Title \"quoted\"", null, "https://x.org",
                    LocalDate.of(2020, 2, 3), "a1#2", "Passage", List.of());
            long id = store.save(-5, 7, "q?", "answer [1]", List.of(c), Instant.parse("2026-01-01T00:00:00Z"));
            AnswerStore.StoredAnswer a = store.find(id).orElseThrow();
            assertThat(a.citations()).containsExactly(c);
            assertThat(a.chatId()).isEqualTo(-5);
            assertThat(store.find(id + 1)).isEmpty();

            Instant now = Instant.now();
            assertThat(store.vote(id, 7, 1, now)).isEqualTo(AnswerStore.VoteOutcome.RECORDED);
            assertThat(store.vote(id, 7, 1, now)).isEqualTo(AnswerStore.VoteOutcome.UNCHANGED);
            assertThat(store.vote(id, 7, -1, now)).isEqualTo(AnswerStore.VoteOutcome.CHANGED);
            assertThat(store.vote(id, 8, 1, now)).isEqualTo(AnswerStore.VoteOutcome.RECORDED);
            assertThat(store.voteOf(id, 7)).isEqualTo(-1);
            assertThat(store.feedbackCounts()).isEqualTo(new AnswerStore.FeedbackCounts(1, 1));

            assertThat(store.migrateChat(-5, -100_500)).isEqualTo(1);
            assertThat(store.find(id).orElseThrow().chatId()).isEqualTo(-100_500);
        }
    }

    /** Rows written before the store had its own row type must read back, and rows without copies be written, as before. */
    @Test
    void theCitationsJsonIsTheFormatWrittenBefore() {
        String before = "[{\"n\":1,\"articleId\":\"a1\",\"title\":\"T\",\"source\":null,\"url\":\"https://x.org\","
                + "\"published\":\"2020-02-03\",\"passageId\":\"a1#2\",\"passage\":\"P\"}]";
        AnswerStore.CitationRow row = new AnswerStore.CitationRow(1, "a1", "T", null, "https://x.org",
                LocalDate.of(2020, 2, 3), "a1#2", "P", List.of());
        assertThat(AnswerStore.parseCitations(before)).containsExactly(row);
        assertThat(AnswerStore.citationsJson(List.of(row))).isEqualTo(before);
    }

    @Test
    void wireCopiesRoundTrip() {
        AnswerStore.CitationRow row = new AnswerStore.CitationRow(2, "a2", "T2", "Outlet", null, null, "a2#0", "P2",
                List.of(new AnswerStore.CopyRow("b1", "Reuters", "Wire T", "https://r.example/1",
                                LocalDate.of(2021, 5, 6)),
                        new AnswerStore.CopyRow("b2", null, "Only a title", null, null)));
        String json = AnswerStore.citationsJson(List.of(row));
        assertThat(json).contains("\"alsoIn\":[{\"articleId\":\"b1\"");
        assertThat(AnswerStore.parseCitations(json)).containsExactly(row);
    }

    @Test
    void stateStoreKeepsTheLatestValue() {
        try (Database db = Database.inMemory()) {
            StateStore state = new StateStore(db);
            assertThat(state.getLong("telegram.offset")).isEmpty();
            state.put("telegram.offset", "41");
            state.put("telegram.offset", "42");
            assertThat(state.getLong("telegram.offset")).hasValue(42);
        }
    }
}
