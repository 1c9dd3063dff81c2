package org.newsdesk.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScrapedTextParserTest {
    private final ScrapedTextParser parser = new ScrapedTextParser();

    private Article parse(String text) throws CorpusException {
        return parser.parse("a1", text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            August 08, 2013                        | 2013-08-08
            Published: May 8, 2013 (Issue # 1758)  | 2013-05-08
            2013-08-08                             | 2013-08-08
            Aug 8, 2013                            | 2013-08-08
            Aug. 8, 2013                           | 2013-08-08
            8 August 2013                          | 2013-08-08
            Thursday, August 8, 2013               | 2013-08-08
            Posted: Sept 3, 2014                   | 2014-09-03
            """)
    void dateLineFormsNearTheTop(String dateLine, LocalDate expected) throws CorpusException {
        Article article = parse("Title\n\n" + dateLine + "\n\nSome text.");
        assertThat(article.published()).isEqualTo(expected);
        assertThat(article.body()).isEqualTo("Some text.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MOSCOW, December 15.", "February 30, 2013", "On August 8, 2013 the talks began."})
    void noDateIsInventedFromAnIncompleteOrEmbeddedDate(String line) throws CorpusException {
        Article article = parse("Title\n\n" + line + "\n\nMore text.");
        assertThat(article.published()).isNull();
        assertThat(article.body()).startsWith(line);
    }

    @Test
    void dateLineFarBelowTheTitleIsText() throws CorpusException {
        String text = "Title\n\none.\n\ntwo.\n\nthree.\n\nfour.\n\nfive.\n\nsix.\n\nAugust 08, 2013";
        Article article = parse(text);
        assertThat(article.published()).isNull();
        assertThat(article.body()).endsWith("six.\n\nAugust 08, 2013");
    }

    @Test
    void bylineFormsAndSentencesThatStartWithBy() throws CorpusException {
        assertThat(parse("Title\n\nBy John Smith\n\nText.").author()).isEqualTo("John Smith");
        assertThat(parse("Title\nBY JANE DOE and Max Mustermann\nText.").author()).isEqualTo("JANE DOE and Max Mustermann");
        Article sentence = parse("Title\n\nBy the end of the year, prices rose.\n\nText.");
        assertThat(sentence.author()).isNull();
        assertThat(sentence.body()).startsWith("By the end of the year, prices rose.");
    }

    @Test
    void originalUrlOnTheSameLineGivesUrlAndSource() throws CorpusException {
        Article article = parse("Title\n\nText.\n\nOriginal url: https://www.example.org/news/1?a=b");
        assertThat(article.url()).isEqualTo("https://www.example.org/news/1?a=b");
        assertThat(article.source()).isEqualTo("example.org");
        assertThat(article.body()).isEqualTo("Text.");
    }

    @Test
    void markdownBecomesPlainText() throws CorpusException {
        Article article = parse("""
                # The **Big** Story

                A [linked phrase](https://x.org/a_b) with *emphasis*, __strong__ and _italic_ words.

                ![photo](https://x.org/p.jpg) Keep snake_case_name, 2*3*4, file_name.txt, intra_word_ and a*b* as they are.

                ## A subheading
                """);
        assertThat(article.title()).isEqualTo("The Big Story");
        assertThat(article.body()).isEqualTo("""
                A linked phrase with emphasis, strong and italic words.

                Keep snake_case_name, 2*3*4, file_name.txt, intra_word_ and a*b* as they are.

                A subheading""");
    }

    @Test
    void seeAlsoDropsOnlyAShortHeadlineList() throws CorpusException {
        String longParagraph = "This paragraph is real article text that happens to follow the label. ".repeat(4).strip();
        Article article = parse("Title\n\nFirst.\n\nSee also\n\n" + longParagraph + "\n\nSee also:\nHeadline one\nHeadline two\n\nLast.");
        assertThat(article.body()).isEqualTo("First.\n\n" + longParagraph + "\n\nLast.");
    }

    @Test
    void hardWrapJoinNeedsMissingPunctuationAndALowercaseStart() throws CorpusException {
        Article article = parse("Title\n\nOne, two\n\nand three.\n\nfour starts lower but follows a full stop.\n\nA heading\n\nNew paragraph.");
        assertThat(article.body()).isEqualTo(
                "One, two and three.\n\nfour starts lower but follows a full stop.\n\nA heading\n\nNew paragraph.");
    }

    @Test
    void whitespaceAndInvisibleCharactersAreNormalised() throws CorpusException {
        Article article = parse("\uFEFFTitle\r\n\r\nof\u00A0 State\u200B and\tmore   text.\r\n");
        assertThat(article.title()).isEqualTo("Title");
        assertThat(article.body()).isEqualTo("of State and more text.");
    }

    @Test
    void aFileWithNothingButBoilerplateIsRefused() {
        assertThatThrownBy(() -> parse("Loading ....\n\nLeave a comment\n\nSource link"))
                .isInstanceOf(CorpusException.class)
                .hasMessage("no text left after removing page boilerplate");
    }

    @Test
    void aTitleWithoutTextIsRefused() {
        assertThatThrownBy(() -> parse("Only a headline\n\nOnly a headline\n\nAugust 08, 2013\n\nSource link"))
                .isInstanceOf(CorpusException.class)
                .hasMessage("no article text after the title");
    }
}
