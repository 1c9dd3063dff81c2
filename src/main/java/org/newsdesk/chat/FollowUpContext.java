package org.newsdesk.chat;

/**
 * What the next message may borrow from the conversation: the previous turn's own message (never the query it was
 * rewritten into, so terms do not chain from turn to turn), its answer, and the subject that turn was about. There
 * is none after a declined turn: a name that made the archive decline is never carried into the next question.
 *
 * @param previousMessage the previous turn's message as the user wrote it
 * @param previousAnswer  its answer (cut), for an LLM resolving a reference to it
 * @param subject         the names (or, without names, the rarest words) that turn was about: "California, Cruise";
 *                        shown as "about: …" when a reply uses the context
 */
public record FollowUpContext(String previousMessage, String previousAnswer, String subject) {
}
