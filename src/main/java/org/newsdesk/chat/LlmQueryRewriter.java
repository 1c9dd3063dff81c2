package org.newsdesk.chat;

import org.newsdesk.answer.LlmComposer;

/**
 * Rewrites follow-ups with the configured LLM, from the previous turn of this conversation only (its own message,
 * answer and subject: never an earlier rewrite, never a declined turn); when the model cannot be used, the
 * deterministic {@link FollowUpRewriter} answers instead. It is asked only for a message that refers back or is weak
 * alone (see {@link ConversationalAnswerer}).
 */
public final class LlmQueryRewriter implements QueryRewriter {
    private final LlmComposer llm;
    private final QueryRewriter fallback;

    public LlmQueryRewriter(LlmComposer llm, QueryRewriter fallback) {
        this.llm = llm;
        this.fallback = fallback;
    }

    @Override
    public String rewrite(FollowUpContext context, String question) {
        if (context == null) {
            return question;
        }
        StringBuilder conversation = new StringBuilder();
        conversation.append("Q: ").append(context.previousMessage()).append('\n');
        String answer = context.previousAnswer() == null ? "" : context.previousAnswer();
        String a = answer.length() > 300 ? answer.substring(0, 300) + "…" : answer;
        conversation.append("A: ").append(a.replaceAll("\\s+", " "));
        if (!context.subject().isBlank()) {
            conversation.append("\n(The conversation is about: ").append(context.subject()).append(')');
        }
        String rewritten = llm.rewriteQuery(conversation.toString().strip(), question);
        return rewritten != null ? rewritten : fallback.rewrite(context, question);
    }
}
