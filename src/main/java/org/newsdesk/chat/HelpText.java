package org.newsdesk.chat;

import org.newsdesk.desk.DigestText;
import org.newsdesk.index.Archive;

import java.util.List;

/**
 * What the bot says about itself: the help text (/start, /help, "what can you do?") and the example question shown
 * in greetings and usage lines, both about this archive's own headlines, since a fixed example would be about news
 * the archive may not hold.
 */
final class HelpText {
    /** Longest headline an example question quotes. */
    static final int EXAMPLE_TITLE_CHARS = 70;

    private HelpText() {
    }

    /** A question this archive can answer, about one of its headlines; a general one while there is no index. */
    static String exampleQuestion(Archive index) {
        List<String> titles = titles(index, 1);
        if (titles.isEmpty() || titles.get(0) == null || titles.get(0).isBlank()) {
            return "What does the archive say about the climate summit?";
        }
        return "What does the archive say about “" + DigestText.cut(titles.get(0), EXAMPLE_TITLE_CHARS) + "”?";
    }

    /** The help text, naming the news and source commands only when they are on. */
    static String help(Archive index, boolean deskCommands, boolean sourceCommands) {
        StringBuilder sb = new StringBuilder("Hi! I answer questions about the news archive, citing the articles "
                + "I took each claim from. In a private chat just type a question; in a group use /ask <question>, "
                + "mention me, or reply to one of my messages.");
        List<String> titles = titles(index, 3);
        if (!titles.isEmpty()) {
            sb.append("\n\nFor example:");
            for (String t : titles) {
                sb.append("\n• What does the archive say about \"").append(t).append("\"?");
            }
        }
        sb.append("\n\nCommands: /ask <question>, /help, /reset (forget our conversation), /stats (admins), "
                + "/reindex (admins)." + (!deskCommands ? "" : " News: /latest [topic] [period], e.g. /latest this "
                + "week; /scope (admins); alerts: /follow <topic>, /following, /unfollow <id>.") + (!sourceCommands ? ""
                : " Sources (admins): /sources, /sync, /add <article URL>."));
        return sb.toString();
    }

    private static List<String> titles(Archive index, int n) {
        try {
            return index.sampleTitles(n);
        } catch (RuntimeException e) {
            return List.of(); // the engine is down: the reply still goes out, without examples
        }
    }
}
