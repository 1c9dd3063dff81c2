package org.newsdesk.telegram;

import org.newsdesk.answer.Answer;
import org.newsdesk.answer.Citation;
import org.newsdesk.search.WireCopy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Telegram HTML rendering (parse_mode HTML) and splitting of long messages. Pure functions.
 */
public final class TelegramHtml {
    /** Telegram's message length limit. */
    public static final int MAX_MESSAGE = 4096;

    private TelegramHtml() {
    }

    /** Escapes the three characters Telegram's HTML parser requires escaped (and quotes, for attributes). */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /**
     * The answer text, then its sources as a numbered list of links with outlet and date. A short answer the text
     * starts with ("£99 — …") is set in bold.
     */
    public static String answer(Answer answer) {
        String text = answer.text();
        String shortAnswer = answer.shortAnswer();
        StringBuilder sb = new StringBuilder();
        if (answer.about() != null) {
            sb.append("<i>about: ").append(escape(answer.about())).append("</i>\n");
        }
        if (answer.time() != null) {
            sb.append("<i>").append(escape(answer.time().line(answer.abstained()))).append("</i>\n");
        }
        if (shortAnswer != null && !shortAnswer.isEmpty() && text.startsWith(shortAnswer)) {
            sb.append("<b>").append(escape(shortAnswer)).append("</b>").append(escape(text.substring(shortAnswer.length())));
        } else {
            sb.append(escape(text));
        }
        if (!answer.citations().isEmpty()) {
            sb.append("\n\n<b>Sources</b>");
            for (Citation c : answer.citations()) {
                sb.append("\n[").append(c.n()).append("] ").append(sourceLine(c));
                if (!c.alsoIn().isEmpty()) {
                    sb.append("\n    ").append(alsoCarriedBy(c));
                }
            }
        }
        return sb.toString();
    }

    /** "also carried by: <a href=…>Reuters</a>, AP": each other outlet that carried the story, linked when it can be. */
    public static String alsoCarriedBy(Citation c) {
        StringBuilder sb = new StringBuilder("also carried by: ");
        for (int i = 0; i < c.alsoIn().size(); i++) {
            WireCopy w = c.alsoIn().get(i);
            String name = w.outletName();
            sb.append(i == 0 ? "" : ", ");
            if (isLinkable(w.url())) {
                sb.append("<a href=\"").append(escape(w.url())).append("\">").append(escape(name)).append("</a>");
            } else {
                sb.append(escape(name));
            }
        }
        return sb.toString();
    }

    /** {@code <a href="url">title</a> — outlet, date}, leaving out what is unknown. */
    public static String sourceLine(Citation c) {
        StringBuilder sb = new StringBuilder();
        String title = c.title() == null || c.title().isBlank() ? "(untitled)" : c.title();
        if (isLinkable(c.url())) {
            sb.append("<a href=\"").append(escape(c.url())).append("\">").append(escape(title)).append("</a>");
        } else {
            sb.append(escape(title));
        }
        String meta = c.source() == null ? "" : c.source();
        if (c.published() != null) {
            meta = meta.isEmpty() ? c.published().toString() : meta + ", " + c.published();
        }
        if (!meta.isEmpty()) {
            sb.append(" — ").append(escape(meta));
        }
        return sb.toString();
    }

    /** A cited passage shown by a "[n]" button: title, outlet and date, link, then the passage text. */
    public static String source(Citation c) {
        StringBuilder sb = new StringBuilder("<b>[").append(c.n()).append("] ")
                .append(escape(c.title() == null ? "(untitled)" : c.title())).append("</b>");
        String meta = c.source() == null ? "" : c.source();
        if (c.published() != null) {
            meta = meta.isEmpty() ? c.published().toString() : meta + ", " + c.published();
        }
        if (!meta.isEmpty()) {
            sb.append("\n").append(escape(meta));
        }
        if (isLinkable(c.url())) {
            sb.append("\n<a href=\"").append(escape(c.url())).append("\">").append(escape(c.url())).append("</a>");
        }
        if (c.passage() != null && !c.passage().isBlank()) {
            sb.append("\n\n").append(escape(c.passage().strip()));
        }
        return sb.toString();
    }

    /** A short plain-text rendering of a passage, for a callback alert or an inline result description. */
    public static String snippet(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        String t = text.strip().replaceAll("\\s+", " ");
        if (t.length() <= maxChars) {
            return t;
        }
        int cut = t.lastIndexOf(' ', maxChars - 1);
        if (cut < maxChars / 2) {
            cut = maxChars - 1;
        }
        if (Character.isHighSurrogate(t.charAt(cut - 1))) {
            cut--;
        }
        return t.substring(0, cut) + "…";
    }

    /** Longer links are shown as text: a tag must fit in a message part, with room for its text. */
    static final int MAX_LINK_CHARS = 1024;

    private static boolean isLinkable(String url) {
        return url != null && url.length() <= MAX_LINK_CHARS && (url.startsWith("http://") || url.startsWith("https://"));
    }

    /** Splits with the Telegram limit. */
    public static List<String> split(String html) {
        return split(html, MAX_MESSAGE);
    }

    /**
     * Splits HTML into parts of at most {@code max} characters: on paragraph boundaries if possible, then line
     * ends, then sentence ends, then spaces; never inside a tag, an entity or a surrogate pair. An element open
     * at a cut (e.g. a long bold block) is closed at the end of the part and reopened at the start of the next,
     * so every part is well-formed on its own.
     */
    public static List<String> split(String html, int max) {
        if (max < 64) {
            throw new IllegalArgumentException("max must be at least 64");
        }
        List<String> parts = new ArrayList<>();
        if (html == null || html.isEmpty()) {
            return parts;
        }
        if (hasLongTag(html, max / 4)) {
            html = stripTags(html); // a tag that cannot be reopened in every part: plain text rather than failing
        }
        Deque<String[]> stack = new ArrayDeque<>(); // {name, open tag}, innermost first
        int pos = skipSpace(html, 0);
        while (pos < html.length()) {
            String reopen = openTags(stack);
            // scan forward from pos, tracking open elements, remembering the best cut of each priority
            Deque<String[]> s = copy(stack);
            int[] best = new int[5]; // by priority: 0 any, 1 space, 2 sentence, 3 line, 4 paragraph
            Deque<String[]>[] bestStack = newStacks();
            java.util.Arrays.fill(best, -1);
            int i = pos;
            boolean fitsAll = false;
            while (true) {
                if (i >= html.length()) {
                    if (reopen.length() + (i - pos) + closeLen(s) <= max) {
                        fitsAll = true;
                    }
                    break;
                }
                if (reopen.length() + (i - pos) > max) {
                    break;
                }
                char ch = html.charAt(i);
                int next;
                if (ch == '<') {
                    int end = html.indexOf('>', i);
                    next = end < 0 ? html.length() : end + 1;
                    String tag = html.substring(i, next);
                    String name = tagName(tag);
                    if (tag.startsWith("</")) {
                        popTo(s, name);
                    } else if (!tag.endsWith("/>") && !name.isEmpty()) {
                        s.push(new String[]{name, tag});
                    }
                } else if (ch == '&') {
                    int end = html.indexOf(';', i);
                    next = end < 0 || end - i > 12 ? i + 1 : end + 1;
                } else if (Character.isHighSurrogate(ch) && i + 1 < html.length()) {
                    next = i + 2;
                } else {
                    next = i + 1;
                }
                // a cut after this unit, at 'next'
                if (next > pos && next < html.length() && reopen.length() + (next - pos) + closeLen(s) <= max) {
                    int prio = priority(html, next);
                    if (next > best[prio]) {
                        best[prio] = next;
                        bestStack[prio] = copy(s);
                    }
                }
                i = next;
            }
            if (fitsAll) {
                String part = (reopen + html.substring(pos)).strip();
                if (!strippedEmpty(part)) {
                    parts.add(part);
                }
                break;
            }
            int prio = 4;
            while (prio > 0 && best[prio] < 0) {
                prio--;
            }
            int cut = best[prio];
            if (cut < 0) {
                throw new IllegalArgumentException("cannot split: a single tag is longer than " + max);
            }
            // do not take a tiny paragraph part when a sentence cut gives a much fuller one
            for (int p = prio - 1; p >= 2; p--) {
                if (best[p] > 0 && cut - pos < max / 3 && best[p] - pos > 2 * (cut - pos)) {
                    cut = best[p];
                    prio = p;
                }
            }
            Deque<String[]> atCut = bestStack[prio];
            String part = (reopen + html.substring(pos, cut)).stripTrailing() + closeTags(atCut);
            if (!strippedEmpty(part)) {
                parts.add(part.strip());
            }
            stack = atCut;
            pos = skipSpace(html, cut);
        }
        return parts;
    }

    private static boolean hasLongTag(String html, int limit) {
        for (int i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
            int end = html.indexOf('>', i);
            if (end < 0 || end - i + 1 > limit) {
                return true;
            }
        }
        return false;
    }

    /** The text without its tags (entities kept, so it stays valid Telegram HTML). */
    static String stripTags(String html) {
        StringBuilder sb = new StringBuilder(html.length());
        int i = 0;
        while (i < html.length()) {
            char ch = html.charAt(i);
            if (ch == '<') {
                int end = html.indexOf('>', i);
                if (end < 0) {
                    sb.append("&lt;");
                    i++;
                } else {
                    i = end + 1;
                }
            } else if (ch == '>') {
                sb.append("&gt;");
                i++;
            } else {
                sb.append(ch);
                i++;
            }
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static Deque<String[]>[] newStacks() {
        return new Deque[5];
    }

    private static boolean strippedEmpty(String part) {
        return part.replaceAll("<[^>]*>", "").isBlank();
    }

    /** How good a cut at {@code at} (between html[at-1] and html[at]) is. */
    private static int priority(String html, int at) {
        char prev = html.charAt(at - 1);
        if (prev == '\n' && at >= 2 && html.charAt(at - 2) == '\n') {
            return 4;
        }
        if (prev == '\n') {
            return 3;
        }
        if (Character.isWhitespace(prev) && at >= 2) {
            char before = html.charAt(at - 2);
            if (before == '.' || before == '!' || before == '?' || before == '…') {
                return 2;
            }
            return 1;
        }
        return 0;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static String tagName(String tag) {
        int i = tag.startsWith("</") ? 2 : 1;
        int j = i;
        while (j < tag.length() && (Character.isLetterOrDigit(tag.charAt(j)) || tag.charAt(j) == '-')) {
            j++;
        }
        return tag.substring(i, j).toLowerCase(java.util.Locale.ROOT);
    }

    private static void popTo(Deque<String[]> s, String name) {
        for (Iterator<String[]> it = s.iterator(); it.hasNext(); ) {
            String[] e = it.next();
            if (e[0].equals(name)) {
                while (s.peek() != e) {
                    s.pop();
                }
                s.pop();
                return;
            }
        }
    }

    private static Deque<String[]> copy(Deque<String[]> s) {
        return new ArrayDeque<>(s);
    }

    private static String openTags(Deque<String[]> s) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<String[]> it = s.descendingIterator(); it.hasNext(); ) {
            sb.append(it.next()[1]);
        }
        return sb.toString();
    }

    private static String closeTags(Deque<String[]> s) {
        StringBuilder sb = new StringBuilder();
        for (String[] e : s) {
            sb.append("</").append(e[0]).append('>');
        }
        return sb.toString();
    }

    private static int closeLen(Deque<String[]> s) {
        int n = 0;
        for (String[] e : s) {
            n += e[0].length() + 3;
        }
        return n;
    }
}
