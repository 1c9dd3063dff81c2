package org.newsdesk.answer;

import org.newsdesk.index.SentenceSplitter;
import org.newsdesk.search.Hit;

import org.newsdesk.text.EnglishWords;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Does each sentence of an answer say what its cited passages say? A sentence is supported when most of its
 * content words (stop words left out, words compared by the index's Porter stems) occur in the
 * passages its {@code [n]} markers name. A sentence without a marker is weighed against every passage the answer
 * cites. Also removes links that no passage a sentence cites contains: a passage can carry an injected instruction,
 * and a model that follows it must not put an unchecked link in the reply. Pure: no I/O, no regular expressions.
 */
public final class SupportCheck {
    /** Share of a sentence's content words its cited passages must hold. */
    public static final double MIN_SHARE = 0.5;
    /** Written after a sentence that lost its markers because its cited passages do not support it. */
    public static final String UNSUPPORTED_MARK = "(unverified)";
    /** Replaces a link that the cited passages do not contain. */
    public static final String LINK_REMOVED = "[link removed]";

    /**
     * One sentence of an answer.
     *
     * @param text    the sentence without its markers
     * @param markers the numbers of its {@code [n]} markers, as written
     * @param share   the share of its content words found in the passages it cites (1 when it has fewer than two)
     */
    public record Sentence(String text, List<Integer> markers, double share) {
        public boolean supported() {
            return share >= MIN_SHARE;
        }
    }

    private SupportCheck() {
    }

    /**
     * Splits an answer into sentences with their markers and weighs each against the passages it cites.
     *
     * @param passage the text of passage {@code n} (1-based), or null when no such passage exists
     */
    public static List<Sentence> sentences(String answer, IntFunction<String> passage) {
        List<Sentence> out = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<List<Integer>> markers = new ArrayList<>();
        for (SentenceSplitter.Span span : SentenceSplitter.split(answer)) {
            String raw = answer.substring(span.start(), span.end());
            List<Integer> m = new ArrayList<>();
            String text = stripMarkers(raw, m);
            // "… one. [1] Two …": the marker that opens a sentence belongs to the one before it.
            if (!texts.isEmpty() && raw.stripLeading().startsWith("[") && !m.isEmpty()) {
                List<Integer> leading = new ArrayList<>();
                stripMarkers(leadingMarkers(raw), leading);
                markers.get(markers.size() - 1).addAll(leading);
                m.removeAll(leading);
            }
            if (text.isBlank()) {
                if (!markers.isEmpty()) {
                    markers.get(markers.size() - 1).addAll(m);
                }
                continue;
            }
            texts.add(text.strip());
            markers.add(m);
        }
        Set<Integer> all = new HashSet<>();
        markers.forEach(all::addAll);
        // Each cited passage is stemmed once, however many sentences cite it.
        Map<Integer, Set<String>> stemsOf = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            List<Integer> cited = markers.get(i).isEmpty() ? new ArrayList<>(all) : markers.get(i);
            Set<String> words = new HashSet<>();
            for (int n : cited) {
                words.addAll(stemsOf.computeIfAbsent(n, k -> {
                    String p = passage.apply(k);
                    return p == null ? Set.of() : stems(p);
                }));
            }
            out.add(new Sentence(texts.get(i), List.copyOf(markers.get(i)), share(texts.get(i), words)));
        }
        return out;
    }

    /** As {@link #sentences(String, IntFunction)} over a prompt's numbered passages. */
    public static List<Sentence> sentences(String answer, List<Hit> passages) {
        return sentences(answer, n -> n >= 1 && n <= passages.size() ? passages.get(n - 1).passage().text() : null);
    }

    /** Share of the content words of {@code sentence} among {@code passageStems}; 1 when it has none. */
    static double share(String sentence, Set<String> passageStems) {
        List<String> words = contentWords(sentence);
        if (words.size() < 2) {
            return 1; // "Really.": too little to tell
        }
        int found = 0;
        for (String w : words) {
            if (passageStems.contains(QuestionAnalysis.stem(w))) {
                found++;
            }
        }
        return found / (double) words.size();
    }

    static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        for (String w : NewsTokens.plainWords(text)) {
            out.add(QuestionAnalysis.stem(w));
        }
        return out;
    }

    private static List<String> contentWords(String text) {
        List<String> out = new ArrayList<>();
        for (String w : NewsTokens.plainWords(text)) {
            if (!STOP.contains(w)) {
                out.add(w);
            }
        }
        return out;
    }

    private static final Set<String> STOP = stopWords();

    private static Set<String> stopWords() {
        Set<String> words = new HashSet<>(Set.of("also", "according", "said", "says", "report", "reported", "article",
                "articles", "passage", "passages", "source", "sources", "however", "both", "while", "which", "who",
                "whom", "what", "when", "where", "how", "why", "has", "have", "had", "did", "does", "do", "were", "was",
                "been", "being", "would", "could", "should", "can", "may", "might", "its", "his", "her", "their",
                "from", "than", "more", "most", "other", "about", "after", "before", "over", "yes", "unverified"));
        return EnglishWords.luceneStopAnd(words);
    }

    /** The text without its {@code [n]} markers; their numbers go to {@code numbers}. One pass. */
    static String stripMarkers(String text, List<Integer> numbers) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '[') {
                int j = i + 1;
                List<Integer> found = new ArrayList<>();
                int value = -1;
                boolean ok = true;
                while (j < n && text.charAt(j) != ']' && j - i < 40) {
                    char d = text.charAt(j);
                    if (Character.isDigit(d)) {
                        value = (value < 0 ? 0 : value) * 10 + (d - '0');
                        if (value > 999) {
                            ok = false;
                        }
                    } else if (d == ',' || d == ';' || d == ' ' || d == '-' || d == '–') {
                        if (value >= 0) {
                            found.add(value);
                        }
                        value = -1;
                    } else {
                        ok = false;
                        break;
                    }
                    j++;
                }
                if (ok && j < n && text.charAt(j) == ']' && (value >= 0 || !found.isEmpty())) {
                    if (value >= 0) {
                        found.add(value);
                    }
                    numbers.addAll(found);
                    // drop a space left before the marker
                    while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
                        out.setLength(out.length() - 1);
                    }
                    i = j + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String leadingMarkers(String raw) {
        String s = raw.stripLeading();
        int end = 0;
        while (end < s.length() && (s.charAt(end) == '[' || s.charAt(end) == ']' || Character.isDigit(s.charAt(end))
                || s.charAt(end) == ',' || s.charAt(end) == ' ')) {
            end++;
        }
        return s.substring(0, end);
    }

    /**
     * Rewrites a model's answer: sentences whose cited passages do not support them lose their markers and get
     * {@link #UNSUPPORTED_MARK} ({@code drop}: are left out), and every link a sentence's cited passages do not
     * contain is replaced by {@link #LINK_REMOVED}. Markers are written back as {@code [n]} after each sentence, for
     * the citation check to renumber.
     *
     * @param unsupported "mark" or "drop"; "keep" only removes links (streamed text, before its markers arrive)
     */
    public static Result rewrite(String answer, List<Hit> passages, String unsupported) {
        List<Sentence> sentences = sentences(answer, passages);
        StringBuilder out = new StringBuilder();
        int flagged = 0;
        boolean keep = "keep".equals(unsupported);
        for (Sentence s : sentences) {
            boolean ok = (keep || s.supported()) && !s.markers().isEmpty();
            if (!s.supported()) {
                flagged++;
            }
            if (!ok && !s.supported() && "drop".equals(unsupported)) {
                continue;
            }
            StringBuilder cited = new StringBuilder();
            for (int n : ok ? s.markers() : List.<Integer>of()) {
                if (n >= 1 && n <= passages.size()) {
                    cited.append(passages.get(n - 1).passage().text()).append('\n');
                }
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            String body = withoutUncitedLinks(s.text(), cited.toString());
            // Markers (or the mark) go before the sentence's closing punctuation: "… £99 [1]."
            String end = "";
            if (!body.isEmpty() && ".!?".indexOf(body.charAt(body.length() - 1)) >= 0) {
                end = body.substring(body.length() - 1);
                body = body.substring(0, body.length() - 1);
            }
            out.append(body);
            if (ok) {
                for (int n : s.markers()) {
                    out.append(" [").append(n).append(']');
                }
            } else if (!s.supported() && !keep) {
                out.append(' ').append(UNSUPPORTED_MARK);
            }
            out.append(end);
        }
        return new Result(out.toString(), sentences.size(), flagged);
    }

    /**
     * @param text      the rewritten answer
     * @param sentences sentences checked
     * @param unsupported how many of them their cited passages do not support
     */
    public record Result(String text, int sentences, int unsupported) {
    }

    /** Every link in {@code text} that {@code cited} does not contain, replaced by {@link #LINK_REMOVED}. */
    public static String withoutUncitedLinks(String text, String cited) {
        String lower = text.toLowerCase(Locale.ROOT);
        // The next position of each link prefix, found again only once passed: one pass over the text.
        int[] next = {-2, -2, -2};
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            int start = -1;
            for (int p = 0; p < LINK_PREFIXES.length; p++) {
                if (next[p] != -1 && next[p] < i) {
                    next[p] = lower.indexOf(LINK_PREFIXES[p], i);
                }
                if (next[p] >= 0 && (start < 0 || next[p] < start)) {
                    start = next[p];
                }
            }
            if (start < 0) {
                out.append(text, i, n);
                break;
            }
            int end = start;
            while (end < n && !Character.isWhitespace(text.charAt(end)) && "<>\"'()[]{}".indexOf(text.charAt(end)) < 0) {
                end++;
            }
            while (end > start && ".,;:!?".indexOf(text.charAt(end - 1)) >= 0) {
                end--;
            }
            out.append(text, i, start);
            String link = text.substring(start, end);
            out.append(link.length() <= MAX_LINK && cited.contains(link) ? link : LINK_REMOVED);
            i = Math.max(end, start + 1);
        }
        return out.toString();
    }

    private static final String[] LINK_PREFIXES = {"http://", "https://", "www."};
    /** A longer "link" is not one: removed unchecked. */
    private static final int MAX_LINK = 2000;
}
