package org.newsdesk.probe;

import org.junit.jupiter.api.Test;
import org.newsdesk.TestFixtures;
import org.newsdesk.search.SearchRequest;

class ProbeTest {
    @Test
    void probe() {
        var s = TestFixtures.seedApp().searcher();
        for (String q : new String[]{"and what did Putin say about it?", "What did Putin say about it?",
                "And what did Lipman expect from them?", "What did they discuss?", "Why was it cancelled?",
                "Who decided to grant it?", "What was expected from the talks there?",
                "What did they say about it? Obama cancel trip Moscow", "and what did Putin say about it? Obama Moscow cancel trip",
                "What were the expectations for them?", "When will they take place?", "Why was it canceled?"}) {
            var hits = s.search(SearchRequest.of(q, 3, SearchRequest.Mode.HYBRID));
            System.out.println("PROBE " + q + " -> " + hits.stream().map(h -> h.passage().articleId().substring(0, 3)).toList());
        }
    }
}
