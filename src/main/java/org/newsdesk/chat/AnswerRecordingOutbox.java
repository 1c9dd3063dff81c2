package org.newsdesk.chat;

import org.newsdesk.answer.Answer;
import org.newsdesk.store.AnswerStore;

import java.time.Clock;
import java.time.Instant;

/**
 * Wraps a transport's outbox for one question: the first time an answer goes out (sent, or edited into a
 * streamed message), it is stored and its id attached to the message, so the transport can put source and
 * feedback buttons under it. However the answer is delivered, it is stored once.
 */
final class AnswerRecordingOutbox implements Outbox {
    private final Outbox delegate;
    private final AnswerStore store;
    private final IncomingMessage asked;
    private final String question;
    private final Clock clock;
    private Answer recorded;
    private long answerId;

    AnswerRecordingOutbox(Outbox delegate, AnswerStore store, IncomingMessage asked, String question, Clock clock) {
        this.delegate = delegate;
        this.store = store;
        this.asked = asked;
        this.question = question;
        this.clock = clock;
    }

    private synchronized OutgoingMessage tag(OutgoingMessage m) {
        if (m.answer() == null || m.answerId() != 0) {
            return m;
        }
        if (recorded != m.answer()) {
            recorded = m.answer();
            answerId = store.save(asked.chatId(), asked.userId(), question, m.answer().text(),
                    StoredCitations.toRows(m.answer().citations()),
                    Instant.now(clock));
        }
        return new OutgoingMessage(m.text(), m.answer(), m.replyToMessageId(), answerId);
    }

    @Override
    public long send(OutgoingMessage message) {
        return delegate.send(tag(message));
    }

    @Override
    public void edit(long handle, OutgoingMessage message) {
        delegate.edit(handle, tag(message));
    }

    @Override
    public void typing() {
        delegate.typing();
    }
}
