package org.newsdesk.text;

import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnglishWordsTest {
    @Test
    void stemsAsTheIndexAnalyzerDoes() throws IOException {
        List<String> words = List.of("elections", "elected", "companies", "running", "presidential", "acquired",
                "stadiums", "championship", "revenues", "appointed");
        try (EnglishAnalyzer analyzer = new EnglishAnalyzer()) {
            for (String w : words) {
                assertThat(EnglishWords.stem(w)).as(w).isEqualTo(analysed(analyzer, w));
            }
        }
        assertThat(EnglishWords.stem("elections")).isEqualTo(EnglishWords.stem("elected"));
        assertThat(EnglishWords.stem("stadiums")).isEqualTo("stadium");
    }

    @Test
    void stopListsAreLucenes() {
        assertThat(EnglishWords.LUCENE_STOP).contains("the", "and", "of").doesNotContain("who", "president");
        assertThat(EnglishWords.SNOWBALL_STOP).contains("who", "themselves", "did").doesNotContain("president");
        assertThat(EnglishWords.luceneStopAnd(List.of("why"))).contains("why", "the").hasSize(
                EnglishWords.LUCENE_STOP.size() + 1);
    }

    private static String analysed(EnglishAnalyzer analyzer, String word) throws IOException {
        try (TokenStream ts = analyzer.tokenStream("f", word)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            List<String> out = new ArrayList<>();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
            return String.join(" ", out);
        }
    }
}
