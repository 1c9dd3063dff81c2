package org.newsdesk.corpus;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class MarkdownTest {
    /** The regexes Markdown used to run (quadratic on unclosed markers): the reference for its rules. */
    private static final Pattern IMAGE = Pattern.compile("!\\[[^\\]]*]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern STRONG = Pattern.compile("(?<![\\w*])(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*])");
    private static final Pattern EMPHASIS = Pattern.compile("(?<![\\w*])([*_])(?=\\S)(.+?)(?<=\\S)\\1(?![\\w*])");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+|\\s+#+$");
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final int MB = 1 << 20;

    private static String byRegexes(String line) {
        String text = IMAGE.matcher(line).replaceAll("");
        text = LINK.matcher(text).replaceAll("$1");
        text = STRONG.matcher(text).replaceAll("$2");
        text = EMPHASIS.matcher(text).replaceAll("$2");
        return HEADING.matcher(text).replaceAll("").strip();
    }

    @Test
    void theScannerKeepsTheRulesOfTheRegexesOnRandomLines() {
        Random random = new Random(16);
        String alphabet = "**__ab1#[]()!.\t ";
        int rewritten = 0;
        for (int i = 0; i < 30_000; i++) {
            StringBuilder line = new StringBuilder();
            int length = 1 + random.nextInt(24);
            for (int k = 0; k < length; k++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String s = line.toString();
            String plain = Markdown.toPlainText(s);
            assertThat(plain).as("line '%s'", s).isEqualTo(byRegexes(s));
            if (!plain.equals(s.strip())) {
                rewritten++;
            }
        }
        // The comparison means something only if the random lines hit the rules often (and miss them too): a
        // generator that never wrote a marker would pass the loop above with both sides returning the line.
        assertThat(rewritten).isBetween(3_000, 27_000);
    }

    @Test
    void knownLinesBecomePlainText() {
        assertThat(Markdown.toPlainText("## The **Big** Story ##")).isEqualTo("The Big Story");
        assertThat(Markdown.toPlainText("A [linked phrase](https://x.org/a_b) with *emphasis*, __strong__ and _it_."))
                .isEqualTo("A linked phrase with emphasis, strong and it.");
        assertThat(Markdown.toPlainText("![photo](p.jpg) snake_case_name, 2*3*4 and a*b* stay"))
                .isEqualTo("snake_case_name, 2*3*4 and a*b* stay");
    }

    @Test
    void megabyteLinesOfUnclosedMarkersAreLinear() {
        for (String unit : new String[] {"**a ", "*a ", "__a ", "_a ", "[a", "![a", "[a](", "](", "# ", " #a", "a*", "*"}) {
            String line = unit.repeat(MB / unit.length());
            String out = assertTimeoutPreemptively(BOUND, () -> Markdown.toPlainText(line), "unit '" + unit + "'");
            assertThat(out.length()).as("unit '%s'", unit).isGreaterThan(MB / 4);
        }
    }

    @Test
    void aMegabyteMarkdownPageParsesFast() {
        String page = "Title\n\n" + "**a ".repeat(MB / 4) + "\n\nBy A" + "andA".repeat(10_000) + "!\n\nText.";
        Article a = assertTimeoutPreemptively(BOUND, () -> new ScrapedTextParser().parse("x", page));
        assertThat(a.title()).isEqualTo("Title");
        assertThat(a.body()).contains("**a **a");
    }
}
