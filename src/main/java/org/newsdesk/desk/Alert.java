package org.newsdesk.desk;

import java.util.List;
import java.util.Map;

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
        return DigestText.fit(heading(), sections.stream().map(s -> Map.entry("\n\n" + DigestText.cut(s.topic(), 60)
                + ":", s.items().stream().map(DigestText::line).toList())).toList(), DigestText.MAX_CHARS);
    }

    /** "New on your topics (3 articles):". */
    public String heading() {
        int n = articles();
        return "New on your topics (" + n + (n == 1 ? " article" : " articles") + "):";
    }
}
