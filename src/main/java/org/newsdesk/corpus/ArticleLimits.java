package org.newsdesk.corpus;

/**
 * Bounds on an article's identifying fields. The id, the outlet and the file path become single Lucene terms,
 * which may not exceed 32,766 bytes: one JSONL line with a 40,000-character id made every reindex fail with
 * "immense term" (issue 16). The id is also joined with line breaks in the index bookkeeping, so it may not
 * hold control characters. A violation skips the article (or JSONL line) with this reason.
 */
public final class ArticleLimits {
    public static final int MAX_ID_CHARS = 256;
    public static final int MAX_TITLE_CHARS = 1_000;
    public static final int MAX_SOURCE_CHARS = 256;
    public static final int MAX_AUTHOR_CHARS = 512;
    public static final int MAX_URL_CHARS = 2_048;

    private ArticleLimits() {
    }

    /** @throws CorpusException naming the field and the limit, or the first bad character of the id */
    static void check(Article a) throws CorpusException {
        checkId(a.id());
        length("title", a.title(), MAX_TITLE_CHARS);
        length("source", a.source(), MAX_SOURCE_CHARS);
        length("author", a.author(), MAX_AUTHOR_CHARS);
        length("url", a.url(), MAX_URL_CHARS);
    }

    static void checkId(String id) throws CorpusException {
        length("id", id, MAX_ID_CHARS);
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            int type = Character.getType(cp);
            if (Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                throw new CorpusException(String.format("id contains a control or invisible character (U+%04X at %d)",
                        cp, i));
            }
            i += Character.charCount(cp);
        }
    }

    private static void length(String field, String value, int max) throws CorpusException {
        if (value != null && value.length() > max) {
            throw new CorpusException(field + " is " + value.length() + " characters long; the limit is " + max);
        }
    }
}
