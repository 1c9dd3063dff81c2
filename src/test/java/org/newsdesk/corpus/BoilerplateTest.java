package org.newsdesk.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoilerplateTest {
    @ParameterizedTest
    @ValueSource(strings = {
            "Loading ....", "Loading", "Leave a comment", "Leave a Reply", "Source link", "Please enter your comment!",
            "Please enter your name here", "Please enter your email address here",
            "Save my name, email, and website in this browser for the next time I comment.",
            "You must be logged in to post a comment.", "Contact the author at e.kravtsova@imedia.ru",
            "Share this article", "Share on Facebook", "Share", "Tweet", "Print", "Email", "Comments", "12 comments",
            "Subscribe", "Subscribe to our newsletter", "Click here to read the full report",
            "Read more", "Read more »", "Advertisement", "  ADVERTISEMENT  "})
    void pageFurnitureIsBoilerplate(String line) {
        assertThat(Boilerplate.isBoilerplate(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Loading of the cargo took three days.",
            "Officials declined to leave a comment on the report.",
            "The source link between the two leaks was never proven.",
            "Share prices fell 3% on Monday.",
            "Comments by the minister angered Kyiv.",
            "Readers who subscribe to the paper get it first.",
            "Contact the author at once, the editor said, before the story runs.",
            "Click here to read the full report, the banner said; nobody did. Then the site went down.",
            "See also"})
    void realSentencesAreNot(String line) {
        assertThat(Boilerplate.isBoilerplate(line)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"See also", "See also:", "SEE ALSO"})
    void seeAlsoLabel(String line) {
        assertThat(Boilerplate.isSeeAlso(line)).isTrue();
        assertThat(Boilerplate.isSeeAlso("See also the report of 2012.")).isFalse();
    }
}
