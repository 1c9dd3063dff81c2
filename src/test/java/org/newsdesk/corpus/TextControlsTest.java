package org.newsdesk.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Escape sequences and control characters in article text never reach a reply. */
class TextControlsTest {
    @Test
    void escapeSequencesAndControlsGoLineBreaksAndTabsStay() {
        assertThat(TextControls.withoutControls("\u001B[31mRed\u001B[0m alert\u0007\r\nNext\tline\u0000."))
                .isEqualTo("Red alert\nNext\tline.");
        assertThat(TextControls.withoutControls("a title \u001B]0;window title\u0007here")).isEqualTo("a title here");
        String clean = "Plain text.\n\nSecond paragraph.";
        assertThat(TextControls.withoutControls(clean)).isSameAs(clean);
    }

    @Test
    void anArticleKeepsNoControlsInItsTitleOrBody() {
        Article a = new Article("id", "\u001B[1mBold\u001B[0m headline", null, null, null, LocalDate.of(2024, 1, 2),
                "Body \u001B[31mred\u001B[0m text.\u0008", "hash");
        assertThat(a.title()).isEqualTo("Bold headline");
        assertThat(a.body()).isEqualTo("Body red text.");
    }

    /** linear-time: a megabyte of unterminated or nested escapes is one pass. */
    @Test
    @Timeout(5)
    void hostileInputIsOnePass() {
        // Each "ESC [" ends the one before it ('[' is a final byte): pairs of them vanish, the "x" stays.
        String csi = "\u001B[".repeat(250_000) + "x";
        assertThat(TextControls.withoutControls(csi)).isEqualTo("x");
        String osc = "\u001B]".repeat(250_000);
        assertThat(TextControls.withoutControls(osc)).isEmpty();
        String params = "\u001B[" + "0;".repeat(500_000);
        assertThat(TextControls.withoutControls(params)).isEmpty();
    }
}
