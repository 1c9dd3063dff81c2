package org.newsdesk.bench;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import org.junit.jupiter.api.Test;
import org.newsdesk.corpus.Article;
import org.newsdesk.index.Passage;
import org.newsdesk.search.Hit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces of the comparison that decide scores: how segments map to articles, and the raw model's exact scan. */
class CompareBenchTest {
    @Test
    void documentIsHeadlineThenBodyAndCarriesTheArticleId() {
        Article a = new Article("mh-0001", "Headline", "Outlet", null, "https://x/1", LocalDate.of(2023, 10, 1),
                "Body text.", "h");
        Document d = EasyRag.document(a);
        assertThat(d.text()).isEqualTo("Headline\n\nBody text.");
        assertThat(d.metadata().getString("article_id")).isEqualTo("mh-0001");
    }

    @Test
    void segmentBecomesAPassageOfItsArticleWithItsOwnText() {
        TextSegment s = TextSegment.from("Some segment text.",
                Metadata.from(Map.of("article_id", "mh-0042", "title", "T", "index", "3")));
        Passage p = EasyRag.segmentPassage(s);
        assertThat(p.articleId()).isEqualTo("mh-0042");
        assertThat(p.text()).isEqualTo("Some segment text.");
        assertThat(p.ordinal()).isEqualTo(3);
        assertThat(p.id()).isEqualTo("mh-0042#3");
    }

    @Test
    void exactScanReturnsTheBestDotProductsInOrder() {
        List<float[]> vectors = new ArrayList<>();
        List<Passage> passages = new ArrayList<>();
        float[][] vs = {{1, 0}, {0, 1}, {0.8f, 0.6f}, {-1, 0}, {0.6f, 0.8f}};
        for (int i = 0; i < vs.length; i++) {
            vectors.add(vs[i]);
            passages.add(new Passage("p" + i, "a" + i, 0, 0, 1, "t", "T", null, null, null));
        }
        List<Hit> hits = RawModelScan.exactTopK(new float[]{1, 0}, vectors, passages, 3);
        assertThat(hits).extracting(h -> h.passage().id()).containsExactly("p0", "p2", "p4");
        assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
        assertThat(RawModelScan.exactTopK(new float[]{1, 0}, vectors, passages, 10)).hasSize(5);
    }
}
