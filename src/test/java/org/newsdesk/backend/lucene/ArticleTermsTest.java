package org.newsdesk.backend.lucene;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.search.RetrievalEngine.Spread;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleTermsTest {
    private static final List<String> WORDS = List.of("harbor", "storm", "mayor", "budget", "ferry", "council", "tunnel",
            "strike", "school", "river");

    @Test
    void countsEqualTheArticlesPassagesReadDirectlyAcrossSegmentsAndDeletions() throws IOException {
        for (boolean headerInText : new boolean[]{true, false}) {
            Random random = new Random(3);
            List<Passage> passages = new ArrayList<>();
            for (int a = 0; a < 40; a++) {
                // The title uses some of the counted words, so a header occurrence must not count as the body's.
                String title = WORDS.get(a % WORDS.size()) + " and " + WORDS.get((a + 3) % WORDS.size()) + " news";
                int n = 1 + random.nextInt(6);
                for (int o = 0; o < n; o++) {
                    StringBuilder text = new StringBuilder();
                    for (int w = 0; w < 12; w++) {
                        text.append(random.nextInt(3) == 0 ? WORDS.get(random.nextInt(WORDS.size())) : "filler").append(' ');
                    }
                    passages.add(new Passage(Passage.idOf("a" + a, o), "a" + a, o, 0, text.length(), text.toString().trim(),
                            title, "Outlet", null, LocalDate.of(2023, 10, 1 + a % 28)));
                }
            }
            Set<String> deleted = new HashSet<>();
            try (ByteBuffersDirectory dir = new ByteBuffersDirectory()) {
                try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(PassageDocuments.analyzer()).setMaxBufferedDocs(20))) {
                    for (Passage p : passages) {
                        w.addDocument(PassageDocuments.toDocument(p, "f", new float[]{1, 0}, headerInText));
                    }
                    for (int i = 0; i < passages.size(); i += 7) {
                        deleted.add(passages.get(i).id());
                        w.deleteDocuments(new Term(PassageDocuments.ID, passages.get(i).id()));
                    }
                }
                try (DirectoryReader reader = DirectoryReader.open(dir)) {
                    assertThat(reader.leaves()).hasSizeGreaterThan(1);
                    assertThat(reader.numDeletedDocs()).isPositive();
                    Analyzer analyzer = PassageDocuments.analyzer();
                    Set<String> terms = new HashSet<>();
                    WORDS.forEach(word -> terms.addAll(analyze(analyzer, word).keySet()));
                    List<String> articles = List.of("a0", "a5", "a13", "a22", "a39", "missing");
                    Map<String, Map<String, Integer>> headers = new HashMap<>();
                    if (headerInText) {
                        for (Passage p : passages) {
                            headers.putIfAbsent(p.articleId(), analyze(analyzer, p.header()));
                        }
                    }

                    Map<String, Spread> spread = ArticleTerms.of(reader, articles, headers, terms);

                    for (String a : articles) {
                        int expectedPassages = 0;
                        Map<String, Integer> expectedWith = new HashMap<>();
                        for (Passage p : passages) {
                            if (p.articleId().equals(a) && !deleted.contains(p.id())) {
                                expectedPassages++;
                                analyze(analyzer, p.text()).keySet().stream().filter(terms::contains)
                                        .forEach(t -> expectedWith.merge(t, 1, Integer::sum));
                            }
                        }
                        assertThat(spread.get(a).passages()).as(a).isEqualTo(expectedPassages);
                        assertThat(spread.get(a).passagesWith()).as(a + " header in text " + headerInText).isEqualTo(expectedWith);
                    }
                    assertThat(spread.get("a0").passagesWith()).isNotEmpty();
                }
            }
        }
    }

    private static Map<String, Integer> analyze(Analyzer analyzer, String text) {
        Map<String, Integer> counts = new HashMap<>();
        try (TokenStream ts = analyzer.tokenStream(PassageDocuments.TEXT, text)) {
            CharTermAttribute t = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                counts.merge(t.toString(), 1, Integer::sum);
            }
            ts.end();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return counts;
    }
}
