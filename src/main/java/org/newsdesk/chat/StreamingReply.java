package org.newsdesk.chat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Shows an answer while it is written: the message is created at the first text ({@link Outbox#send}) and edited
 * as more arrives, at most once per {@code intervalMs} in a chat ({@code chatLastEdit} is shared by every reply in
 * the chat). {@link #finish} puts the final answer in (waiting out the interval first, so even the last edit keeps
 * the rate), or sends it if nothing was shown yet. Partial text arriving after that is ignored.
 */
final class StreamingReply implements Consumer<String> {
    private final Outbox outbox;
    private final long replyTo;
    private final long intervalMs;
    private final AtomicLong chatLastEdit;
    private final LongSupplier nowMs;
    private long handle = -1;
    private String shown = "";
    private boolean finished;

    StreamingReply(Outbox outbox, long replyTo, long intervalMs, AtomicLong chatLastEdit, LongSupplier nowMs) {
        this.outbox = outbox;
        this.replyTo = replyTo;
        this.intervalMs = intervalMs;
        this.chatLastEdit = chatLastEdit;
        this.nowMs = nowMs;
    }

    @Override
    public synchronized void accept(String text) {
        if (finished || text == null || text.isBlank() || text.equals(shown)) {
            return;
        }
        long now = nowMs.getAsLong();
        if (handle < 0) {
            handle = outbox.send(OutgoingMessage.text(text, replyTo));
            shown = text;
            chatLastEdit.set(now);
            return;
        }
        if (now - chatLastEdit.get() >= intervalMs) {
            outbox.edit(handle, OutgoingMessage.text(text, 0));
            shown = text;
            chatLastEdit.set(now);
        }
    }

    /** Whether a message was already created for this reply. */
    synchronized boolean started() {
        return handle >= 0;
    }

    /** Delivers the final message: an edit of the streamed message, or a new message when none was shown. */
    void finish(OutgoingMessage fin) {
        long wait;
        synchronized (this) {
            finished = true;
            if (handle < 0) {
                outbox.send(fin);
                return;
            }
            wait = intervalMs - (nowMs.getAsLong() - chatLastEdit.get());
        }
        if (wait > 0) {
            try {
                Thread.sleep(Math.min(wait, intervalMs));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            outbox.edit(handle, fin);
            chatLastEdit.set(nowMs.getAsLong());
        }
    }
}
