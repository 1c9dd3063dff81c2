package org.newsdesk.index;

import java.time.LocalDate;

/**
 * A retrievable piece of an article: a run of whole sentences.
 *
 * @param id        {@code articleId#ordinal}, unique in the index
 * @param articleId the article it comes from
 * @param ordinal   0-based position among the article's passages
 * @param start     offset of the first character in the article body
 * @param end       offset after the last character in the article body
 * @param text      the body text between start and end
 */
public record Passage(String id, String articleId, int ordinal, int start, int end, String text,
                      String title, String source, String url, LocalDate published) {

    public static String idOf(String articleId, int ordinal) {
        return articleId + "#" + ordinal;
    }

    /** A line with the article's metadata, indexed with the text so that BM25 can match outlet, title and date. */
    public String header() {
        StringBuilder sb = new StringBuilder(title);
        if (source != null) {
            sb.append(" | ").append(source);
        }
        if (published != null) {
            sb.append(" | ").append(DateWords.of(published));
        }
        return sb.toString();
    }
}
