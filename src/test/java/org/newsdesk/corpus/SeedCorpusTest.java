package org.newsdesk.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The five real scraped articles in the project's corpus/ directory. */
class SeedCorpusTest {
    private static CorpusScan scan;
    private static Map<String, Article> byId;

    @BeforeAll
    static void readSeeds() throws Exception {
        // Maven runs tests from the project root, where corpus/ lives.
        scan = new CorpusReader(Path.of("corpus")).scanAll();
        byId = scan.articles().stream().collect(Collectors.toMap(Article::id, Function.identity()));
    }

    @Test
    void allFiveSeedsParseWithoutProblems() {
        assertThat(scan.skipped()).isEmpty();
        assertThat(byId).containsOnlyKeys("000_01b0abbf759fb5cc", "001_05998cf2b37d53ba", "002_bdb2fb7eb406ee43",
                "003_b277b3c73f6e4e2e", "004_6a792777fe64eb82");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            000_01b0abbf759fb5cc | Little Progress Expected at U.S.-Russia Talks                         | 2013-08-08 | https://www.themoscowtimes.com/2013/08/08/little-progress-expected-at-us-russia-talks-a26599
            001_05998cf2b37d53ba | John Kerry Arrives for Talks With Putin                               | 2013-05-08 | null
            002_bdb2fb7eb406ee43 | U.S.-Russia Talks Expose Deep Fissures, Despite Hopes for Better Ties | null       | null
            003_b277b3c73f6e4e2e | Syria Conflict: US, Russia Meet                                       | null       | null
            004_6a792777fe64eb82 | Lavrov will hold talks with Kerry in Moscow                           | null       | null
            """)
    void titleDateAndUrl(String id, String title, LocalDate published, String url) {
        Article article = byId.get(id);
        assertThat(article.title()).isEqualTo(title);
        assertThat(article.published()).isEqualTo(published);
        assertThat(article.url()).isEqualTo(url);
        assertThat(article.source()).isEqualTo(url == null ? null : "themoscowtimes.com");
    }

    @Test
    void bylineBecomesAuthor() {
        assertThat(byId.get("000_01b0abbf759fb5cc").author()).isEqualTo("Yekaterina Kravtsova");
        assertThat(byId.values()).filteredOn(a -> !a.id().startsWith("000")).allMatch(a -> a.author() == null);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Loading", "Leave a comment", "See also", "Source link", "Please enter", "Contact the author",
            "e.kravtsova@imedia.ru", "Original url", "themoscowtimes.com", "Kravtsova", "August 08, 2013",
            "Published:", "Issue # 1758",
            // the headlines listed under "See also" in 004
            "Putin will take Kerry after talks", "What are the similarities and differences",
            "The Russian foreign Ministry hopes that the visit Kerry",
            // markup and invisible characters
            "**", "](", "\u00A0", "\uFEFF", "  "})
    void noBoilerplateSurvivesInAnyBody(String fragment) {
        assertThat(byId.values()).allSatisfy(a -> assertThat(a.body()).doesNotContain(fragment));
    }

    @Test
    void duplicatedTitleIsNotRepeatedInTheBody() {
        assertThat(byId.values()).allSatisfy(a -> assertThat(a.body()).doesNotContain(a.title()));
        assertThat(byId.get("001_05998cf2b37d53ba").body()).startsWith("MOSCOW — U.S. Secretary of State, John Kerry");
        assertThat(byId.get("004_6a792777fe64eb82").body()).startsWith("MOSCOW, December 15. The Minister");
    }

    @Test
    void hardWrappedParagraphsAreJoined() {
        String body = byId.get("000_01b0abbf759fb5cc").body();
        assertThat(body).contains("global security, and human rights issues.\"")
                .contains("the Italian foreign and defense ministers in Rome on Tuesday.");
        assertThat(body.split("\n\n")).noneMatch(p -> Character.isLowerCase(p.charAt(0)));
    }

    @Test
    void realTextNextToBoilerplateIsKept() {
        Article moscowTimes = byId.get("000_01b0abbf759fb5cc");
        assertThat(moscowTimes.body())
                .startsWith("Foreign Minister Sergei Lavrov with U.S. Secretary of State John Kerry earlier this year. Maxim Stulov")
                .endsWith("but that this seemed unlikely for the moment.");
        assertThat(byId.get("001_05998cf2b37d53ba").body()).endsWith("Interfax reported. (The St. Petersburg Times and AP)");
        assertThat(byId.get("002_bdb2fb7eb406ee43").body()).endsWith("but the officials said that nothing had been decided.");
        // 004: subheadings and the short paragraph right after a "See also" headline stay
        assertThat(byId.get("004_6a792777fe64eb82").body().split("\n\n"))
                .contains("Preparatory work", "Isolation did not work again", "A complicated relationship",
                        "Moscow expects serious and business-like conversation.");
    }

    @Test
    void singleNewlineParagraphsOf003StaySeparate() {
        List<String> paragraphs = List.of(byId.get("003_b277b3c73f6e4e2e").body().split("\n\n"));
        assertThat(paragraphs).hasSize(11);
        assertThat(paragraphs.get(0)).startsWith("The Russian Foreign Ministry considers unacceptable");
    }

    @Test
    void contentHashIsSha256OfTitleNewlineBody() throws Exception {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        assertThat(byId.values()).allSatisfy(a -> {
            byte[] digest = sha256.digest((a.title() + "\n" + a.body()).getBytes(StandardCharsets.UTF_8));
            assertThat(a.contentHash()).isEqualTo(HexFormat.of().formatHex(digest));
        });
    }
}
