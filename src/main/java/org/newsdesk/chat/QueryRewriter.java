package org.newsdesk.chat;

import org.newsdesk.store.TurnStore;

import java.util.List;

/** Turns a follow-up question into a standalone search query, given the conversation so far (oldest first). */
public interface QueryRewriter {
    String rewrite(List<TurnStore.Turn> history, String question);
}
