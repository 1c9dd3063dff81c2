package org.newsdesk.index;

import org.apache.lucene.analysis.Analyzer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceTermsTest {
    private final Analyzer analyzer = PassageDocuments.analyzer();

    @Test
    void eachSentenceIsAnalysedAsTheIndexAnalysesText() {
        String text = "Mr. Kerry landed at Vnukovo airport. The talks were held in Moscow!\n\nNo answer.";
        SentenceTerms terms = SentenceTerms.of(analyzer, text);
        List<SentenceSplitter.Span> spans = SentenceSplitter.split(text);
        assertThat(terms.sentences()).hasSize(spans.size()).hasSize(3);
        for (int i = 0; i < spans.size(); i++) {
            List<String> expected = new ArrayList<>();
            SentenceTerms.forEachTerm(analyzer, text.substring(spans.get(i).start(), spans.get(i).end()), t -> {
                if (!expected.contains(t)) {
                    expected.add(t);
                }
            });
            assertThat(terms.sentences().get(i)).containsExactlyElementsOf(expected);
        }
        // Stemmed and without stop words, as BM25 sees them.
        assertThat(terms.sentences().get(0)).contains("kerri", "land", "vnukovo", "airport");
        assertThat(terms.sentences().get(1)).doesNotContain("the", "in");
    }

    @Test
    void encodingRoundTripsIncludingEmptySentences() {
        SentenceTerms terms = new SentenceTerms(List.of(Set.of("kerri"), Set.of(), Set.of("moscow", "talk"), Set.of()));
        SentenceTerms back = SentenceTerms.decode(terms.encode());
        assertThat(back.sentences()).hasSize(4);
        for (int i = 0; i < 4; i++) {
            assertThat(back.sentences().get(i)).containsExactlyInAnyOrderElementsOf(terms.sentences().get(i));
        }
        assertThat(SentenceTerms.decode(new SentenceTerms(List.of()).encode()).sentences()).isEmpty();
        String real = "Harbour reopens. The harbour in Tromsø reopened on Monday after the storm.";
        assertThat(SentenceTerms.decode(SentenceTerms.of(analyzer, real).encode())).isEqualTo(SentenceTerms.of(analyzer, real));
    }
}
