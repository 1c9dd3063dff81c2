package org.newsdesk.chat;

import org.junit.jupiter.api.Test;
import org.newsdesk.answer.Citation;
import org.newsdesk.store.AnswerStore;
import org.newsdesk.store.Database;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 16, item 11: one "[n]" press sends a bounded text, however long the stored passage is. */
class AnswerButtonsSourceCapTest {
    @Test
    void aHugeStoredPassageIsCutForOnePress() {
        try (Database db = Database.inMemory()) {
            AnswerStore store = new AnswerStore(db);
            String huge = "word ".repeat(60_000) + "x".repeat(100_000);
            Citation big = new Citation(1, "a1", "T", null, null, LocalDate.of(2020, 1, 1), "a1#0", huge);
            Citation small = new Citation(2, "a2", "T2", null, null, null, "a2#0", "A short passage.");
            long id = store.save(-5, 7, "q?", "answer [1] [2]", StoredCitations.toRows(List.of(big, small)), Instant.parse("2026-01-01T00:00:00Z"));
            AnswerButtons buttons = new AnswerButtons(store, Clock.systemUTC());

            CallbackResult first = buttons.handle(-5, 7, AnswerButtons.sourceData(id, 1));
            String shown = first.source().passage();
            assertThat(shown.length()).isLessThanOrEqualTo(AnswerButtons.MAX_SOURCE_CHARS);
            assertThat(shown).endsWith("…").startsWith("word word");
            assertThat(huge).startsWith(shown.substring(0, shown.length() - 1));
            assertThat(first.source().articleId()).isEqualTo("a1");

            CallbackResult second = buttons.handle(-5, 7, AnswerButtons.sourceData(id, 2));
            assertThat(second.source()).isEqualTo(small);

            Citation noSpaces = new Citation(1, "a3", "T", null, null, null, "a3#0", "y".repeat(50_000));
            assertThat(AnswerButtons.capped(noSpaces).passage()).hasSize(AnswerButtons.MAX_SOURCE_CHARS);
        }
    }
}
