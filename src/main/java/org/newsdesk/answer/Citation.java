package org.newsdesk.answer;

import org.newsdesk.search.WireCopy;

import java.time.LocalDate;
import java.util.List;

/**
 * A numbered source under an answer: the article, and the passage the cited sentences come from.
 *
 * @param n      1-based number, as written in the answer text ({@code [n]})
 * @param alsoIn other outlets that carried the same passage (wire copies collapsed at search time), or empty
 */
public record Citation(int n, String articleId, String title, String source, String url, LocalDate published,
                       String passageId, String passage, List<WireCopy> alsoIn) {
    public Citation {
        alsoIn = alsoIn == null ? List.of() : List.copyOf(alsoIn);
    }

    public Citation(int n, String articleId, String title, String source, String url, LocalDate published,
                    String passageId, String passage) {
        this(n, articleId, title, source, url, published, passageId, passage, List.of());
    }

    public Citation withAlsoIn(List<WireCopy> copies) {
        return new Citation(n, articleId, title, source, url, published, passageId, passage, copies);
    }

    /** The same citation with another passage text (a shortened one), its wire copies kept. */
    public Citation withPassage(String text) {
        return new Citation(n, articleId, title, source, url, published, passageId, text, alsoIn);
    }
}
