package org.newsdesk.chat;

/**
 * Turns a message that refers back into a standalone search query, from the conversation's {@link FollowUpContext}
 * (the previous turn's own message and subject only).
 */
public interface QueryRewriter {
    /** The search query for {@code question}; {@code question} itself when {@code context} is null. */
    String rewrite(FollowUpContext context, String question);
}
