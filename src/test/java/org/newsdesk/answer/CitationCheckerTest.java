package org.newsdesk.answer;

import org.junit.jupiter.api.Test;
import org.newsdesk.search.Hit;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.newsdesk.answer.LlmTestData.hit;
import static org.newsdesk.answer.LlmTestData.hits;

class CitationCheckerTest {
    @Test
    void validMarkersAreKeptAndSourcesListedInOrderOfFirstUse() {
        CitationChecker.Result r = CitationChecker.check("Lavrov met Pompeo in Sochi [3]. They disagreed on Iran [1].",
                hits(5));
        assertThat(r.text()).isEqualTo("Lavrov met Pompeo in Sochi [1]. They disagreed on Iran [2].");
        assertThat(r.citations()).extracting(Citation::articleId).containsExactly("a3", "a1");
        assertThat(r.citations()).extracting(Citation::n).containsExactly(1, 2);
        assertThat(r.citations().get(0).title()).isEqualTo("Title 3");
        assertThat(r.dropped()).isZero();
        assertThat(r.notInArchive()).isFalse();
    }

    @Test
    void outOfRangeMarkerIsDroppedAndTheRestRenumbered() {
        CitationChecker.Result r = CitationChecker.check("First claim [9]. Second claim [2]. Third [0][4].", hits(5));
        assertThat(r.text()).isEqualTo("First claim. Second claim [1]. Third [2].");
        assertThat(r.citations()).extracting(Citation::articleId).containsExactly("a2", "a4");
        assertThat(r.dropped()).isEqualTo(2);
    }

    @Test
    void groupsAndRangesAreSplitAndUnlistedSourcesLeftOut() {
        CitationChecker.Result r = CitationChecker.check("Both said so [2, 4]. Again [4][2]. Range [1-2].", hits(6));
        assertThat(r.text()).isEqualTo("Both said so [1] [2]. Again [2] [1]. Range [3] [1].");
        assertThat(r.citations()).extracting(Citation::articleId).containsExactly("a2", "a4", "a1");
    }

    @Test
    void passagesOfOneArticleShareOneNumber() {
        List<Hit> hits = List.of(hit("x", 0, "X", "x zero."), hit("y", 0, "Y", "y zero."), hit("x", 3, "X", "x three."));
        CitationChecker.Result r = CitationChecker.check("A [3]. B [2]. C [1][3].", hits);
        assertThat(r.text()).isEqualTo("A [1]. B [2]. C [1].");
        assertThat(r.citations()).hasSize(2);
        assertThat(r.citations().get(0).passageId()).isEqualTo("x#3");
    }

    @Test
    void answerWithoutValidMarkersIsNotCited() {
        assertThat(CitationChecker.check("It was in Sochi.", hits(3)).cited()).isFalse();
        assertThat(CitationChecker.check("It was in Sochi [7].", hits(3)).cited()).isFalse();
        assertThat(CitationChecker.check("", hits(3)).cited()).isFalse();
    }

    @Test
    void notInArchivePhraseIsDetected() {
        CitationChecker.Result r = CitationChecker.check(" NOT_IN_ARCHIVE ", hits(3));
        assertThat(r.notInArchive()).isTrue();
        assertThat(r.cited()).isFalse();
        assertThat(r.text()).isEmpty();
    }

    @Test
    void partialTextHoldsBackUnfinishedMarkersAndTheNotInArchivePhrase() {
        assertThat(CitationChecker.partial("They met in Sochi [", hits(3))).isEqualTo("They met in Sochi");
        assertThat(CitationChecker.partial("They met in Sochi [3", hits(3))).isEqualTo("They met in Sochi");
        assertThat(CitationChecker.partial("They met in Sochi [3]. Then", hits(3))).isEqualTo("They met in Sochi [1]. Then");
        assertThat(CitationChecker.partial("NOT_IN", hits(3))).isEmpty();
    }
}
