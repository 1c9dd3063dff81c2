package org.newsdesk.chat;

import org.junit.jupiter.api.Test;
import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;
import org.newsdesk.store.AnswerStore;
import org.newsdesk.store.Database;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerRecordingOutboxTest {
    @Test
    void storesAnAnswerOnceWhetherSentOrEditedIn() {
        try (Database db = Database.inMemory()) {
            AnswerStore store = new AnswerStore(db);
            ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
            IncomingMessage asked = new IncomingMessage(-9, 4, ChatType.GROUP, "/ask q", 12, false);
            AnswerRecordingOutbox box = new AnswerRecordingOutbox(out, store, asked, "q", Clock.systemUTC());
            Answer answer = new Answer("q", "A [1].", false, List.of(new Citation(1, "a", "T", null, null, null,
                    "a#0", "P")), List.of(), "x", 1.0);

            long handle = box.send(OutgoingMessage.text("partial…", 12)); // a streamed start: nothing stored
            box.edit(handle, new OutgoingMessage("A [1].", answer, 0));
            box.edit(handle, new OutgoingMessage("A [1].", answer, 0));

            assertThat(out.sent.get(0).answerId()).isZero();
            long id = out.edits.get(0).answerId();
            assertThat(id).isPositive();
            assertThat(out.edits.get(1).answerId()).isEqualTo(id);
            AnswerStore.StoredAnswer stored = store.find(id).orElseThrow();
            assertThat(stored.chatId()).isEqualTo(-9);
            assertThat(stored.userId()).isEqualTo(4);
            assertThat(stored.question()).isEqualTo("q");
            assertThat(store.find(id + 1)).isEmpty();
        }
    }
}
