package org.newsdesk.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlArticleParserTest {
    static final Path FIXTURE = Path.of("src/test/resources/corpus-html/kerry-visit.html");

    private final HtmlArticleParser parser = new HtmlArticleParser();

    @Test
    void fixtureMetadataComesFromTheHead() throws Exception {
        Article article = parser.parse("kerry-visit", Files.readString(FIXTURE, StandardCharsets.UTF_8));
        assertThat(article.id()).isEqualTo("kerry-visit");
        assertThat(article.title()).isEqualTo("Kerry Lands in Moscow for Syria Talks");
        assertThat(article.source()).isEqualTo("Example News");
        assertThat(article.author()).isEqualTo("Jane Doe");
        assertThat(article.url()).isEqualTo("https://example.com/world/2015/12/15/kerry-moscow");
        assertThat(article.published()).isEqualTo(LocalDate.of(2015, 12, 15));
    }

    @Test
    void fixtureBodyIsTheArticleParagraphsOnly() throws Exception {
        Article article = parser.parse("kerry-visit", Files.readString(FIXTURE, StandardCharsets.UTF_8));
        assertThat(article.body()).isEqualTo("""
                U.S. Secretary of State John Kerry arrived in Moscow on Tuesday for talks with Russian officials.

                The talks are expected to focus on Syria and Ukraine.

                What is on the table

                A new round of Syria peace talks.

                The Minsk agreements on Ukraine.

                Officials said the meeting would last about three hours.""");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCRIPT-TEXT", "STYLE-TEXT", "NAV-WORLD", "Share on Facebook", "SHARE-TWITTER", "ADVERT-TEXT",
            "ASIDE-TEXT", "RELATED-TEXT", "NEWSLETTER-TEXT", "COMMENT-TEXT", "FOOTER-TEXT", "Advertisement"})
    void fixtureBodyHasNoPageFurniture(String marker) throws Exception {
        Article article = parser.parse("kerry-visit", Files.readString(FIXTURE, StandardCharsets.UTF_8));
        assertThat(article.body()).doesNotContain(marker);
    }

    @Test
    void fallsBackToTitleTagOgUrlTimeElementAndHost() throws CorpusException {
        Article article = parser.parse("p", """
                <html><head><title>Plain title</title>
                <meta property="og:url" content="https://www.news.example/a/1">
                <meta property="article:author" content="https://news.example/profiles/jd"></head>
                <body><main><time datetime="2023-11-27T08:45:59Z">Nov 27</time><p>Body text.</p></main></body></html>
                """);
        assertThat(article.title()).isEqualTo("Plain title");
        assertThat(article.url()).isEqualTo("https://www.news.example/a/1");
        assertThat(article.source()).isEqualTo("news.example");
        assertThat(article.author()).isNull();
        assertThat(article.published()).isEqualTo(LocalDate.of(2023, 11, 27));
        assertThat(article.body()).isEqualTo("Body text.");
    }

    @Test
    void titleFromH1AndTextWithoutParagraphMarkup() throws CorpusException {
        Article article = parser.parse("p", "<html><body><h1>Headline</h1><div>Loose   text in a div.</div></body></html>");
        assertThat(article.title()).isEqualTo("Headline");
        assertThat(article.url()).isNull();
        assertThat(article.source()).isNull();
        assertThat(article.published()).isNull();
        assertThat(article.body()).isEqualTo("Loose text in a div.");
    }

    @Test
    void commentaryIsContentNotAComment() throws CorpusException {
        Article article = parser.parse("p",
                "<title>T</title><article><div class=\"commentary-body\"><p>An opinion piece.</p></div></article>");
        assertThat(article.body()).isEqualTo("An opinion piece.");
    }

    @Test
    void pageWithoutTitleOrTextIsRefused() {
        assertThatThrownBy(() -> parser.parse("p", "<html><body><p>Text but no title.</p></body></html>"))
                .isInstanceOf(CorpusException.class).hasMessageContaining("no title");
        assertThatThrownBy(() -> parser.parse("p", "<title>T</title><body><nav>Home</nav><script>x()</script></body>"))
                .isInstanceOf(CorpusException.class).hasMessage("no article text in the page");
    }
}
