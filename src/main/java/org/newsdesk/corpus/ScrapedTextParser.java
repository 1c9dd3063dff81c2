package org.newsdesk.corpus;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one article from a scraped .txt or .md page: title first, then optional byline and date
 * lines, the text, and page furniture (comment forms, "See also" links, the original URL).
 */
final class ScrapedTextParser {
    /** Byline and date are only looked for among this many lines after the title. */
    private static final int HEADER_LINES = 6;
    /** A "See also" link is a headline; longer text after the label is kept as article text. */
    private static final int MAX_HEADLINE_CHARS = 200;
    /** A byline or date line is short; longer lines are text and never reach the header patterns. */
    static final int MAX_HEADER_LINE_CHARS = 200;

    private static final Pattern ORIGINAL_URL = Pattern.compile("original url:\\s*(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("https?://[^\\s<>]+");
    // Possessive word quantifiers: a word is never re-split on backtracking ("and" is letters too), so a failing
    // match gives up in one pass; header lines are also bounded (MAX_HEADER_LINE_CHARS) before this runs.
    private static final String NAME = "\\p{Lu}[\\p{L}'’.-]*+(?:\\s+\\p{Lu}[\\p{L}'’.-]*+){0,3}";
    private static final Pattern BYLINE = Pattern.compile("(?:By|BY|by)\\s+(" + NAME + "(?:\\s*(?:,|and|&)\\s*" + NAME + ")*)");
    /** A paragraph ending in one of these is complete; otherwise a blank line may be a hard wrap. */
    private static final String TERMINAL = ".!?\"”’:";

    Article parse(String id, String text) throws CorpusException {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\\R", -1)) {
            lines.add(Text.normalizeSpace(line));
        }
        String url = removeOriginalUrl(lines);
        lines.replaceAll(Markdown::toPlainText);
        lines = withoutBoilerplate(lines);
        lines.removeIf(String::isEmpty);
        if (lines.isEmpty()) {
            throw new CorpusException("no text left after removing page boilerplate");
        }

        String title = lines.remove(0);
        if (!lines.isEmpty() && lines.get(0).equalsIgnoreCase(title)) {
            lines.remove(0); // scrapers often repeat the headline
        }

        Header header = takeHeader(lines);

        String body = String.join("\n\n", joinHardWraps(lines));
        if (body.isEmpty()) {
            throw new CorpusException("no article text after the title");
        }
        return new Article(id, title, Text.hostOf(url), header.author(), url, header.published(), body,
                Hashes.articleHash(title, body));
    }

    private record Header(String author, LocalDate published) {
    }

    /** Removes the first byline and the first date line among the lines after the title. */
    private static Header takeHeader(List<String> lines) {
        String author = null;
        LocalDate published = null;
        // Removing through a view keeps the window at the first HEADER_LINES lines after the title.
        for (Iterator<String> it = lines.subList(0, Math.min(HEADER_LINES, lines.size())).iterator(); it.hasNext(); ) {
            String line = it.next();
            if (line.length() > MAX_HEADER_LINE_CHARS) {
                continue;
            }
            Matcher byline = BYLINE.matcher(line);
            LocalDate date = Dates.parseDateLine(line);
            if (author == null && byline.matches()) {
                author = byline.group(1);
                it.remove();
            } else if (published == null && date != null) {
                published = date;
                it.remove();
            }
        }
        return new Header(author, published);
    }

    /**
     * Finds "Original url:" with the URL on the same or the next non-blank line (possibly in
     * angle brackets), blanks both lines, and returns the URL or null.
     */
    private static String removeOriginalUrl(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher label = ORIGINAL_URL.matcher(lines.get(i));
            if (!label.matches()) {
                continue;
            }
            lines.set(i, "");
            Matcher sameLine = URL.matcher(label.group(1));
            if (sameLine.find()) {
                return sameLine.group();
            }
            for (int j = i + 1; j < lines.size(); j++) {
                if (!lines.get(j).isEmpty()) {
                    Matcher nextLine = URL.matcher(lines.get(j));
                    if (!nextLine.find()) {
                        return null;
                    }
                    lines.set(j, "");
                    return nextLine.group();
                }
            }
            return null;
        }
        return null;
    }

    /** Drops boilerplate lines; blank lines are kept because "See also" lists end at one. */
    private static List<String> withoutBoilerplate(List<String> lines) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (Boilerplate.isSeeAlso(line)) {
                i = endOfSeeAlsoList(lines, i);
            } else if (!Boilerplate.isBoilerplate(line)) {
                kept.add(line);
            }
        }
        return kept;
    }

    /**
     * The index of the last line of the headline list after the "See also" label at {@code label}:
     * the rest of the label's paragraph, or else the next paragraph if it is only short lines.
     */
    private static int endOfSeeAlsoList(List<String> lines, int label) {
        int next = label + 1;
        if (next < lines.size() && !lines.get(next).isEmpty()) {
            return endOfParagraph(lines, next) - 1;
        }
        while (next < lines.size() && lines.get(next).isEmpty()) {
            next++;
        }
        int end = endOfParagraph(lines, next);
        boolean headlines = next < end
                && lines.subList(next, end).stream().allMatch(l -> l.length() <= MAX_HEADLINE_CHARS);
        return headlines ? end - 1 : label;
    }

    private static int endOfParagraph(List<String> lines, int start) {
        int end = start;
        while (end < lines.size() && !lines.get(end).isEmpty()) {
            end++;
        }
        return end;
    }

    /**
     * Joins a paragraph with the next when the scraper broke a sentence: the first ends without
     * terminal punctuation and the next starts in lower case ("global security,\n\nand human rights").
     */
    private static List<String> joinHardWraps(List<String> paragraphs) {
        List<String> joined = new ArrayList<>();
        for (String paragraph : paragraphs) {
            int last = joined.size() - 1;
            if (last >= 0 && continues(joined.get(last), paragraph)) {
                joined.set(last, joined.get(last) + " " + paragraph);
            } else {
                joined.add(paragraph);
            }
        }
        return joined;
    }

    private static boolean continues(String previous, String next) {
        char end = previous.charAt(previous.length() - 1);
        return TERMINAL.indexOf(end) < 0 && Character.isLowerCase(next.codePointAt(0));
    }
}
