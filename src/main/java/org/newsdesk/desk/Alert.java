package org.newsdesk.desk;

import java.util.List;

/**
 * One alert message for a chat: the new articles of one sync that match its followed topics, grouped by topic (an
 * article matching two topics is listed once, under the first). {@link #text()} is the plain rendering; a transport
 * may render the sections itself (links, bold topics).
 */
public record Alert(long chatId, List<Section> sections) {
    /** A topic and its new articles, each with the other outlets that carried the same text. */
    public record Section(String topic, List<Digest.Item> items) {
        public Section {
            items = List.copyOf(items);
        }
    }

    public Alert {
        sections = List.copyOf(sections);
    }

    public int articles() {
        return sections.stream().mapToInt(s -> s.items().size()).sum();
    }

    /** The plain text: a heading, then per topic its lines (title, outlet, day, link); one message at most. */
    public String text() {
        StringBuilder sb = new StringBuilder(heading());
        int shown = 0;
        for (Section s : sections) {
            String head = "\n\n" + DigestText.cut(s.topic(), 60) + ":";
            for (int i = 0; i < s.items().size(); i++) {
                String line = "\n• " + DigestText.line(s.items().get(i));
                String more = "\n…and " + (articles() - shown) + " more.";
                if (sb.length() + (i == 0 ? head.length() : 0) + line.length() + more.length() > DigestText.MAX_CHARS) {
                    return sb.append(more).toString();
                }
                sb.append(i == 0 ? head : "").append(line);
                shown++;
            }
        }
        return sb.toString();
    }

    /** "New on your topics (3 articles):". */
    public String heading() {
        int n = articles();
        return "New on your topics (" + n + (n == 1 ? " article" : " articles") + "):";
    }
}
