package org.newsdesk.answer;

import java.time.LocalDate;

/**
 * A numbered source under an answer: the article, and the passage the cited sentences come from.
 *
 * @param n 1-based number, as written in the answer text ({@code [n]})
 */
public record Citation(int n, String articleId, String title, String source, String url, LocalDate published,
                       String passageId, String passage) {
}
