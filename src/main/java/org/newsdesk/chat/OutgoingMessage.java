package org.newsdesk.chat;

import org.newsdesk.answer.Answer;

/**
 * A reply. {@code text} is the plain-text rendering every transport can show; when {@code answer} is set, a
 * transport that can do better (links, buttons) renders the answer itself.
 *
 * @param replyToMessageId the message to quote, or 0
 * @param answerId         the stored answer's id (see {@link AnswerButtons}) for source and feedback buttons, or 0
 */
public record OutgoingMessage(String text, Answer answer, long replyToMessageId, long answerId) {
    public OutgoingMessage(String text, Answer answer, long replyToMessageId) {
        this(text, answer, replyToMessageId, 0);
    }

    public static OutgoingMessage text(String text, long replyTo) {
        return new OutgoingMessage(text, null, replyTo);
    }
}
