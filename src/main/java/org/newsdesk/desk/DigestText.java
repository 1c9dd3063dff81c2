package org.newsdesk.desk;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A digest as one plain-text message: a heading, then one line per article (title, outlet, day, link), grouped under
 * the word their titles share when there are many; never longer than one Telegram message.
 */
public final class DigestText {
    /** Telegram's limit is 4096; room is kept for the transport's markup. */
    public static final int MAX_CHARS = 3900;
    /** Above this many articles, lines are grouped by topic. */
    static final int GROUP_ABOVE = 10;
    private static final int MAX_TITLE = 110;
    private static final int MAX_URL = 160;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    /** Title words that name no topic. */
    private static final Set<String> PLAIN = Set.of("about", "after", "again", "against", "amid", "before", "being",
            "could", "first", "from", "have", "into", "more", "news", "over", "report", "reports", "says", "said",
            "their", "there", "these", "this", "those", "what", "when", "where", "which", "while", "will", "with",
            "would", "year", "years", "week", "today", "than", "they", "just", "make", "makes", "back", "best", "look");

    private DigestText() {
    }

    public static String render(Digest.Result r) {
        String when = r.period() == null ? "the whole archive" : r.period().label();
        if (r.items().isEmpty()) {
            return (r.topic() == null ? "No new articles in " + when + "."
                    : "No article about “" + cut(r.topic(), 60) + "” in " + when + ".")
                    + " Try another period, e.g. /latest this week.";
        }
        StringBuilder sb = new StringBuilder(r.topic() == null ? "Latest, " + when : "Latest on “" + cut(r.topic(), 60)
                + "”, " + when);
        sb.append(" (").append(r.items().size()).append(r.items().size() == 1 ? " article" : " articles").append("):");
        Map<String, List<Digest.Item>> groups = r.items().size() > GROUP_ABOVE && r.topic() == null
                ? groups(r.items()) : Map.of("", r.items());
        List<Map.Entry<String, List<String>>> blocks = new ArrayList<>();
        for (Map.Entry<String, List<Digest.Item>> g : groups.entrySet()) {
            blocks.add(Map.entry(g.getKey().isEmpty() ? "" : "\n\n" + g.getKey(),
                    g.getValue().stream().map(DigestText::line).toList()));
        }
        return fit(sb.toString(), blocks, MAX_CHARS);
    }

    /**
     * {@code head}, then each block's heading (before its first line) and its lines, one "\n• " line each, as many
     * as fit in {@code max} characters while leaving room for a closing "…and N more." line, which then ends it.
     * Shared by digests and alerts, plain or marked up: the lines come rendered.
     */
    public static String fit(String head, List<Map.Entry<String, List<String>>> blocks, int max) {
        int total = blocks.stream().mapToInt(b -> b.getValue().size()).sum();
        StringBuilder sb = new StringBuilder(head);
        int shown = 0;
        for (Map.Entry<String, List<String>> b : blocks) {
            boolean headed = false;
            for (String rendered : b.getValue()) {
                String line = "\n• " + rendered;
                String more = "\n…and " + (total - shown) + " more.";
                if (sb.length() + (headed ? 0 : b.getKey().length()) + line.length() + more.length() > max) {
                    return sb.append(more).toString();
                }
                if (!headed) {
                    sb.append(b.getKey());
                    headed = true;
                }
                sb.append(line);
                shown++;
            }
        }
        return sb.toString();
    }

    static String line(Digest.Item i) {
        StringBuilder sb = new StringBuilder(cut(i.title(), MAX_TITLE));
        if (i.outlet() != null && !i.outlet().isBlank()) {
            sb.append(" — ").append(cut(i.outlet(), 40));
        }
        if (!i.alsoIn().isEmpty()) {
            sb.append(" (also ").append(cut(String.join(", ", i.alsoIn()), 60)).append(')');
        }
        if (i.published() != null) {
            sb.append(", ").append(DAY.format(i.published()));
        }
        if (i.url() != null && i.url().length() <= MAX_URL) {
            sb.append(' ').append(i.url());
        }
        return sb.toString();
    }

    /**
     * Groups articles under the title word most of them share (a word of four letters or more, shared by two
     * articles at least), greedily; the rest under "Other". Cheap and explainable; articles keep their order.
     */
    static Map<String, List<Digest.Item>> groups(List<Digest.Item> items) {
        List<Set<String>> words = new ArrayList<>();
        for (Digest.Item i : items) {
            Set<String> w = new java.util.HashSet<>();
            for (String t : i.title().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (t.length() >= 4 && !PLAIN.contains(t)) {
                    w.add(t);
                }
            }
            words.add(w);
        }
        Map<String, List<Digest.Item>> out = new LinkedHashMap<>();
        boolean[] placed = new boolean[items.size()];
        while (true) {
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < items.size(); i++) {
                if (!placed[i]) {
                    words.get(i).forEach(w -> counts.merge(w, 1, Integer::sum));
                }
            }
            String best = null;
            for (Map.Entry<String, Integer> e : counts.entrySet()) {
                if (e.getValue() >= 2 && (best == null || e.getValue() > counts.get(best)
                        || (e.getValue().equals(counts.get(best)) && e.getKey().compareTo(best) < 0))) {
                    best = e.getKey();
                }
            }
            if (best == null) {
                break;
            }
            List<Digest.Item> group = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (!placed[i] && words.get(i).contains(best)) {
                    group.add(items.get(i));
                    placed[i] = true;
                }
            }
            out.put(Character.toUpperCase(best.charAt(0)) + best.substring(1) + ":", group);
        }
        List<Digest.Item> rest = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!placed[i]) {
                rest.add(items.get(i));
            }
        }
        if (!rest.isEmpty()) {
            out.put(out.isEmpty() ? "" : "Other:", rest);
        }
        return out;
    }

    /** {@code s} stripped, cut to {@code max} characters with an ellipsis. */
    public static String cut(String s, int max) {
        String t = s.strip();
        return t.length() <= max ? t : t.substring(0, max - 1).stripTrailing() + "…";
    }
}
