package org.newsdesk.corpus;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One news article as parsed from the archive.
 *
 * @param id          stable id: a file's name without extension, or a JSONL line's {@code id}
 * @param title       headline, never blank
 * @param source      outlet name, or null when the file does not say
 * @param author      byline, or null
 * @param url         original URL, or null
 * @param published   publication date, or null when unknown
 * @param body        article text with scraped boilerplate removed; paragraphs separated by a blank line
 * @param contentHash sha-256 (hex) of title + body, so an edit to either is noticed
 */
public record Article(String id, String title, String source, String author, String url,
                      LocalDate published, String body, String contentHash) {
    public Article {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(contentHash, "contentHash");
        // Escape sequences and control characters are nobody's text; they would reach the chat and the console.
        title = TextControls.withoutControls(title);
        body = TextControls.withoutControls(body);
    }
}
