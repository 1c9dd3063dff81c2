package org.newsdesk.chat;

import org.newsdesk.answer.Citation;
import org.newsdesk.search.WireCopy;
import org.newsdesk.store.AnswerStore.CitationRow;
import org.newsdesk.store.AnswerStore.CopyRow;

import java.util.List;

/**
 * Maps an answer's citations to the store's plain rows and back. It lives here, in the layer that uses the store,
 * so that {@code store} (below {@code answer} and {@code search} in the stage order) never imports their types.
 */
public final class StoredCitations {
    private StoredCitations() {
    }

    public static List<CitationRow> toRows(List<Citation> citations) {
        return citations.stream().map(StoredCitations::toRow).toList();
    }

    public static CitationRow toRow(Citation c) {
        return new CitationRow(c.n(), c.articleId(), c.title(), c.source(), c.url(), c.published(), c.passageId(),
                c.passage(), c.alsoIn().stream()
                        .map(w -> new CopyRow(w.articleId(), w.source(), w.title(), w.url(), w.published())).toList());
    }

    public static Citation fromRow(CitationRow r) {
        return new Citation(r.n(), r.articleId(), r.title(), r.source(), r.url(), r.published(), r.passageId(),
                r.passage(), r.alsoIn().stream()
                        .map(w -> new WireCopy(w.articleId(), w.source(), w.title(), w.url(), w.published())).toList());
    }
}
