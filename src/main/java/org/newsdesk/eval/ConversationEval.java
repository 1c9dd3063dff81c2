package org.newsdesk.eval;

import org.newsdesk.answer.Answer;
import org.newsdesk.chat.ChatService;
import org.newsdesk.chat.IncomingMessage;
import org.newsdesk.chat.Outbox;
import org.newsdesk.chat.OutgoingMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs conversations through the chat core, each in a fresh private chat, and checks every turn's final reply
 * against what the conversation expects (see {@link Conversation.Expect}).
 */
public final class ConversationEval {
    /** Chat ids for the conversations start here (one each), far from real Telegram user ids. */
    static final long FIRST_CHAT = 9_000_000_000_000L;

    private ConversationEval() {
    }

    /**
     * One turn's outcome.
     *
     * @param searched  a search answered it (false for small talk and refusals)
     * @param about     the conversation subject the reply said it used, or null
     * @param reply     the final reply's plain text
     */
    public record TurnResult(String conversation, int turn, String message, String expected, boolean pass,
                             boolean searched, boolean abstained, int citations, String about, String reply) {
    }

    public record Report(int conversations, int conversationsPassed, int turns, int turnsPassed,
                         List<TurnResult> results) {
        public String table() {
            StringBuilder sb = new StringBuilder();
            for (TurnResult r : results) {
                sb.append(String.format(Locale.ROOT, "%-6s %s #%d %s%n", r.pass() ? "PASS" : "FAIL", r.conversation(),
                        r.turn(), r.message()));
                sb.append("       expected: ").append(r.expected()).append("; got: ")
                        .append(!r.searched() ? "no search" : r.abstained() ? "declined" : "answered")
                        .append(", ").append(r.citations()).append(" citation(s)")
                        .append(r.about() == null ? "" : ", about: " + r.about()).append('\n');
                sb.append("       reply: ").append(oneLine(r.reply(), 300)).append('\n');
            }
            sb.append(String.format(Locale.ROOT, "turns: %d of %d passed; conversations: %d of %d with every turn "
                    + "passed%n", turnsPassed, turns, conversationsPassed, conversations));
            return sb.toString();
        }
    }

    /** Runs each conversation in its own fresh chat of {@code chat}. */
    public static Report run(List<Conversation> conversations, ChatService chat) {
        List<TurnResult> results = new ArrayList<>();
        int convPassed = 0;
        int turnsPassed = 0;
        int turns = 0;
        for (int i = 0; i < conversations.size(); i++) {
            Conversation c = conversations.get(i);
            long chatId = FIRST_CHAT + i;
            chat.forgetConversation(chatId, chatId);
            boolean all = true;
            for (int t = 0; t < c.turns().size(); t++) {
                Conversation.Turn turn = c.turns().get(t);
                Last out = new Last();
                chat.handle(new IncomingMessage(chatId, chatId, org.newsdesk.chat.ChatType.PRIVATE, turn.message(),
                        t + 1, false), out);
                TurnResult r = check(c.id(), t + 1, turn, out.message);
                results.add(r);
                turns++;
                turnsPassed += r.pass() ? 1 : 0;
                all &= r.pass();
            }
            convPassed += all ? 1 : 0;
        }
        return new Report(conversations.size(), convPassed, turns, turnsPassed, results);
    }

    static TurnResult check(String id, int n, Conversation.Turn turn, OutgoingMessage reply) {
        Answer a = reply == null ? null : reply.answer();
        boolean searched = a != null;
        boolean abstained = a != null && a.abstained();
        int citations = a == null ? 0 : a.citations().size();
        String text = reply == null ? "" : reply.text();
        boolean pass = switch (turn.expect()) {
            case ANY -> reply != null;
            case NO_CITATION -> reply != null && !searched;
            case ANSWER -> searched && !abstained
                    && turn.expectAny().stream().anyMatch(g -> Evaluator.answerContains(a.text(), g));
        };
        String expected = switch (turn.expect()) {
            case ANY -> "any reply";
            case NO_CITATION -> "no search, no citation";
            case ANSWER -> "an answer holding one of " + turn.expectAny();
        };
        return new TurnResult(id, n, turn.message(), expected, pass, searched, abstained, citations,
                a == null ? null : a.about(), text);
    }

    private static String oneLine(String s, int max) {
        String t = s.replace('\n', ' ').strip();
        return t.length() > max ? t.substring(0, max - 1) + "…" : t;
    }

    /** Keeps the final state of the reply: the last message sent or edited. */
    private static final class Last implements Outbox {
        OutgoingMessage message;

        @Override
        public synchronized long send(OutgoingMessage m) {
            message = m;
            return 1;
        }

        @Override
        public synchronized void edit(long handle, OutgoingMessage m) {
            message = m;
        }
    }
}
