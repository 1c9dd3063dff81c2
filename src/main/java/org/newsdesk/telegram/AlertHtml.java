package org.newsdesk.telegram;

import org.newsdesk.desk.Alert;
import org.newsdesk.desk.Digest;

import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** A topic alert in Telegram HTML: the topics in bold, each article's title a link, then outlet and day. */
final class AlertHtml {
    /** Room is kept under Telegram's 4096 characters for the closing line. */
    static final int MAX_CHARS = 3900;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private AlertHtml() {
    }

    static String render(Alert a) {
        StringBuilder sb = new StringBuilder("<b>").append(TelegramHtml.escape(a.heading())).append("</b>");
        int shown = 0;
        for (Alert.Section s : a.sections()) {
            String head = "\n\n<b>" + TelegramHtml.escape(cut(s.topic(), 60)) + "</b>";
            for (int i = 0; i < s.items().size(); i++) {
                String line = "\n• " + line(s.items().get(i));
                String more = "\n…and " + (a.articles() - shown) + " more.";
                if (sb.length() + (i == 0 ? head.length() : 0) + line.length() + more.length() > MAX_CHARS) {
                    return sb.append(TelegramHtml.escape(more)).toString();
                }
                sb.append(i == 0 ? head : "").append(line);
                shown++;
            }
        }
        return sb.toString();
    }

    private static String line(Digest.Item i) {
        String title = TelegramHtml.escape(cut(i.title(), 110));
        String url = i.url();
        boolean link = url != null && url.length() <= 500 && (url.startsWith("https://") || url.startsWith("http://"));
        StringBuilder sb = new StringBuilder(link ? "<a href=\"" + TelegramHtml.escape(url) + "\">" + title + "</a>"
                : title);
        if (i.outlet() != null && !i.outlet().isBlank()) {
            sb.append(" — ").append(TelegramHtml.escape(cut(i.outlet(), 40)));
        }
        if (!i.alsoIn().isEmpty()) {
            sb.append(" (also ").append(TelegramHtml.escape(cut(String.join(", ", i.alsoIn()), 60))).append(')');
        }
        if (i.published() != null) {
            sb.append(", ").append(DAY.format(i.published()));
        }
        return sb.toString();
    }

    private static String cut(String s, int max) {
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max - 1).stripTrailing() + "…";
    }
}
