package org.newsdesk.telegram;

import org.newsdesk.desk.Alert;
import org.newsdesk.desk.Digest;
import org.newsdesk.desk.DigestText;

import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** A topic alert in Telegram HTML: the topics in bold, each article's title a link, then outlet and day. */
final class AlertHtml {
    /** Room is kept under Telegram's 4096 characters for the closing line. */
    static final int MAX_CHARS = 3900;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    private AlertHtml() {
    }

    static String render(Alert a) {
        return DigestText.fit("<b>" + TelegramHtml.escape(a.heading()) + "</b>", a.sections().stream()
                .map(s -> Map.entry("\n\n<b>" + TelegramHtml.escape(DigestText.cut(s.topic(), 60)) + "</b>",
                        s.items().stream().map(AlertHtml::line).toList())).toList(), MAX_CHARS);
    }

    private static String line(Digest.Item i) {
        String title = TelegramHtml.escape(DigestText.cut(i.title(), 110));
        String url = i.url();
        boolean link = url != null && url.length() <= 500 && (url.startsWith("https://") || url.startsWith("http://"));
        StringBuilder sb = new StringBuilder(link ? "<a href=\"" + TelegramHtml.escape(url) + "\">" + title + "</a>"
                : title);
        if (i.outlet() != null && !i.outlet().isBlank()) {
            sb.append(" — ").append(TelegramHtml.escape(DigestText.cut(i.outlet(), 40)));
        }
        if (!i.alsoIn().isEmpty()) {
            sb.append(" (also ").append(TelegramHtml.escape(DigestText.cut(String.join(", ", i.alsoIn()), 60))).append(')');
        }
        if (i.published() != null) {
            sb.append(", ").append(DAY.format(i.published()));
        }
        return sb.toString();
    }
}
