package org.newsdesk.chat;

/**
 * Where the conversation core sends replies: the Telegram adapter and the console each implement it. Sending
 * returns a handle so a progress message can be edited later.
 */
public interface Outbox {
    /** Sends a message to the chat it was created for; returns a handle for {@link #edit}. */
    long send(OutgoingMessage message);

    /** Replaces the text of a message sent earlier. */
    void edit(long handle, OutgoingMessage message);

    /** Shows that an answer is being prepared (Telegram's "typing…"); transports without one ignore it. */
    default void typing() {
    }
}
