package org.newsdesk.chat;

import org.junit.jupiter.api.Test;
import org.newsdesk.answer.Citation;
import org.newsdesk.search.WireCopy;
import org.newsdesk.store.AnswerStore;
import org.newsdesk.store.Database;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 26: the store keeps plain rows; an answer's citations, wire copies included, survive save and load. */
class StoredCitationsTest {
    @Test
    void aStoredAnswersCitationsRoundTripWithEveryField() {
        try (Database db = Database.inMemory()) {
            AnswerStore store = new AnswerStore(db);
            Citation withCopies = new Citation(1, "a1", "Title \"quoted\" é", "The Outlet", "https://x.org/1",
                    LocalDate.of(2020, 2, 3), "a1#2", "Passage one.",
                    List.of(new WireCopy("b1", "Reuters", "Wire title", "https://r.example/b1", LocalDate.of(2020, 2, 4)),
                            new WireCopy("b2", null, "Untitled outlet", null, null)));
            Citation bare = new Citation(2, "a2", "T2", null, null, null, "a2#0", "Passage two.");
            List<Citation> citations = List.of(withCopies, bare);

            long id = store.save(-5, 7, "q?", "answer [1] [2]", StoredCitations.toRows(citations),
                    Instant.parse("2026-01-01T00:00:00Z"));
            AnswerStore.StoredAnswer loaded = store.find(id).orElseThrow();

            assertThat(loaded.citations().stream().map(StoredCitations::fromRow).toList()).isEqualTo(citations);
            assertThat(StoredCitations.fromRow(loaded.citation(1).orElseThrow()).alsoIn())
                    .extracting(WireCopy::outletName).containsExactly("Reuters", "Untitled outlet");

            // and through the "[n]" button, the layer that reads them back
            CallbackResult pressed = new AnswerButtons(store, Clock.systemUTC()).handle(-5, 7,
                    AnswerButtons.sourceData(id, 1));
            assertThat(pressed.source()).isEqualTo(withCopies);
        }
    }
}
