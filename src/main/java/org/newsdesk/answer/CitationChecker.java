package org.newsdesk.answer;

import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the citation markers of a model-written answer against the passages it was given ({@code [1]..[k]} in
 * prompt order). Every marker must name one of them; others are removed. Sources are renumbered in order of first
 * use, passages of the same article sharing one number, and only cited sources are listed. Accepts {@code [2]},
 * {@code [2, 3]}, {@code [2][3]} and {@code [2-3]}. Pure: no I/O, no model.
 */
public final class CitationChecker {
    /** The phrase the prompt asks the model to answer with when the passages do not contain the answer. */
    public static final String NOT_IN_ARCHIVE = "NOT_IN_ARCHIVE";
    /** A bracketed group of numbers: [1], [1, 2], [1-3], [1; 2]. */
    // (?<!\s): a match starts only where a whitespace run starts, else find() re-scanned a long run from each of its
    // positions (quadratic on hostile model output).
    private static final Pattern MARKER = Pattern.compile("(?<!\\s)\\s*\\[(\\s*\\d{1,3}\\s*(?:[,;–-]\\s*\\d{1,3}\\s*)*)]"); // linear-time: HostileAnswerTextTest.citationMarkersAreCheckedInLinearTime
    private static final Pattern NUMBER_OR_RANGE = Pattern.compile("(\\d{1,3})(?:\\s*[–-]\\s*(\\d{1,3}))?");
    /** At the end of streamed text: a marker not finished yet. */
    private static final Pattern OPEN_MARKER = Pattern.compile("(?<!\\s)\\s*\\[[\\d,;\\s–-]*$"); // linear-time: HostileAnswerTextTest.citationMarkersAreCheckedInLinearTime

    /**
     * @param text        the answer with renumbered markers
     * @param citations   the cited sources, numbered 1..n in order of first use
     * @param dropped     markers (numbers) that named no passage and were removed
     * @param notInArchive whether the model said the passages do not contain the answer
     */
    public record Result(String text, List<Citation> citations, int dropped, boolean notInArchive) {
        public boolean cited() {
            return !citations.isEmpty();
        }
    }

    private CitationChecker() {
    }

    public static Result check(String raw, List<Hit> passages) {
        String text = raw == null ? "" : raw.strip();
        boolean notInArchive = text.contains(NOT_IN_ARCHIVE);
        Map<String, Citation> byArticle = new LinkedHashMap<>();
        int dropped = 0;
        StringBuilder out = new StringBuilder();
        Matcher m = MARKER.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            last = m.end();
            List<Integer> numbers = new ArrayList<>();
            Matcher nm = NUMBER_OR_RANGE.matcher(m.group(1));
            while (nm.find()) {
                int from = Integer.parseInt(nm.group(1));
                int to = nm.group(2) == null ? from : Integer.parseInt(nm.group(2));
                if (to < from || to - from > 20) {
                    to = from;
                }
                for (int n = from; n <= to; n++) {
                    if (n < 1 || n > passages.size()) {
                        dropped++;
                        continue;
                    }
                    Passage p = passages.get(n - 1).passage();
                    Citation c = byArticle.computeIfAbsent(p.articleId(), id -> new Citation(byArticle.size() + 1,
                            p.articleId(), p.title(), p.source(), p.url(), p.published(), p.id(), p.text()));
                    if (!numbers.contains(c.n()) && !alreadyJustCited(out, c.n())) {
                        numbers.add(c.n());
                    }
                }
            }
            for (int n : numbers) {
                out.append(" [").append(n).append(']');
            }
        }
        out.append(text, last, text.length());
        String cleaned = out.toString().replace(NOT_IN_ARCHIVE, "").replaceAll("(?<![ \\t])[ \\t]+([.,;:!?])", "$1")
                .replaceAll("[ \\t]{2,}", " ").strip();
        return new Result(cleaned, new ArrayList<>(byArticle.values()), dropped, notInArchive);
    }

    /** Avoids "[1] [1]" when the model wrote "[1][3]" and both are the same article. */
    private static boolean alreadyJustCited(StringBuilder out, int n) {
        String tail = " [" + n + "]";
        return out.length() >= tail.length() && out.substring(out.length() - tail.length()).equals(tail);
    }

    /**
     * Streamed text made presentable: checked like a final answer, but an unfinished marker at the end is held
     * back, and a reply that is (so far) only the "not in archive" phrase shows nothing.
     */
    public static String partial(String raw, List<Hit> passages) {
        String text = raw == null ? "" : raw;
        Matcher open = OPEN_MARKER.matcher(text);
        if (open.find()) {
            text = text.substring(0, open.start());
        }
        String stripped = text.strip();
        if (!stripped.isEmpty() && NOT_IN_ARCHIVE.startsWith(stripped)) {
            return "";
        }
        return check(text, passages).text();
    }
}
