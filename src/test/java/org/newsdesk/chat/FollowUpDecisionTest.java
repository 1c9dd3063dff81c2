package org.newsdesk.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.Answer;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;
import org.newsdesk.store.TurnStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The follow-up decision on a table of conversations, through the real chat core over the seed index: stand-alone
 * keyword queries are answered as asked, pronoun and elliptical follow-ups with the conversation (and say so), small
 * talk without a search, and nothing is carried over from a declined turn.
 */
class FollowUpDecisionTest {
    static final String OBAMA_ARTICLE = FollowUpRewriterTest.OBAMA_TRIP_ARTICLE;
    static final String SOCHI_ARTICLE = "002_bdb2fb7eb406ee43";
    static final long CHAT = 42;

    @TempDir
    Path tmp;
    private Database db;
    private ChatService chat;

    @BeforeEach
    void setUp() {
        App seed = TestFixtures.seedApp();
        db = Database.open(tmp.resolve("d.db"));
        chat = new ChatService(new AnswerService(seed.searcher(), seed.answers().composer()), seed.index(),
                seed.reindex(), new NewsdeskConfig.Chat(List.of(), 4000, 0, 0, List.of(), List.of(), 5), db,
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        chat.close();
        db.close();
    }

    /** One message and what its final reply must satisfy. */
    record Step(String message, Consumer<OutgoingMessage> check) {
    }

    private static Step step(String message, Consumer<OutgoingMessage> check) {
        return new Step(message, check);
    }

    /** Answered as asked: a cited answer, no "about:" line, searched with the message's own words. */
    private static Consumer<OutgoingMessage> asAsked(String article) {
        return m -> {
            assertThat(m.answer()).as("a searched reply").isNotNull();
            assertThat(m.answer().abstained()).as(m.text()).isFalse();
            assertThat(m.answer().about()).as(m.text()).isNull();
            assertThat(m.text()).doesNotStartWith("about:");
            assertThat(m.answer().citedArticleIds()).contains(article);
        };
    }

    /** Answered with the conversation: the reply's first line names the carried subject. */
    private static Consumer<OutgoingMessage> withContext(String subjectPart, String article) {
        return m -> {
            assertThat(m.answer()).isNotNull();
            assertThat(m.answer().abstained()).as(m.text()).isFalse();
            assertThat(m.answer().about()).as(m.text()).contains(subjectPart);
            assertThat(m.text()).startsWith("about: " + m.answer().about() + "\n");
            assertThat(m.answer().citedArticleIds()).contains(article);
        };
    }

    private static final Consumer<OutgoingMessage> SMALL_TALK = m -> {
        assertThat(m.answer()).as("no search").isNull();
        assertThat(m.text()).doesNotContain("Sources").doesNotContain("[1]");
    };

    private void run(String name, Step... steps) {
        chat.forgetConversation(CHAT, CHAT);
        for (Step s : steps) {
            ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
            chat.handle(new IncomingMessage(CHAT, CHAT, ChatType.PRIVATE, s.message(), 1, false), out);
            assertThat(out.sent).as("%s: a reply to %s", name, s.message()).isNotEmpty();
            OutgoingMessage last = out.edits.isEmpty() ? out.sent.get(out.sent.size() - 1)
                    : out.edits.get(out.edits.size() - 1);
            try {
                s.check().accept(last);
            } catch (AssertionError e) {
                throw new AssertionError(name + ", message \"" + s.message() + "\": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void standAloneKeywordQueriesAreAnsweredAsAsked() {
        run("keywords after a question",
                step("Where did Pompeo and Lavrov meet?", asAsked(SOCHI_ARTICLE)),
                step("Snowden asylum", asAsked(OBAMA_ARTICLE)),
                step("Masha Lipman", asAsked(OBAMA_ARTICLE)),
                step("Nunn-Lugar program", asAsked(OBAMA_ARTICLE)));
        // Each was searched with its own words only.
        assertThat(new TurnStore(db).last(CHAT, CHAT, 10)).allSatisfy(t -> assertThat(t.searchQuery())
                .isEqualTo(t.question()));
    }

    @Test
    void nothingIsCarriedOverFromADeclinedTurn() {
        run("after a declined question",
                step("Why did Obama cancel his trip to Moscow?", asAsked(OBAMA_ARTICLE)),
                step("What is the current price of Bitcoin?", m -> {
                    assertThat(m.answer().abstained()).isTrue();
                    assertThat(m.text()).contains("Bitcoin");
                }),
                step("Snowden asylum", asAsked(OBAMA_ARTICLE)),
                step("Masha Lipman", m -> {
                    asAsked(OBAMA_ARTICLE).accept(m);
                    assertThat(m.text()).doesNotContain("Bitcoin");
                }));
        List<TurnStore.Turn> turns = new TurnStore(db).last(CHAT, CHAT, 10);
        assertThat(turns).extracting(TurnStore.Turn::searchQuery).noneMatch(q -> q.contains("Bitcoin")
                && !q.contains("price"));
    }

    @Test
    void aPronounFollowUpUsesTheConversationAndSaysSo() {
        run("pronoun",
                step("Why did Obama cancel his trip to Moscow?", asAsked(OBAMA_ARTICLE)),
                step("what did the Kremlin say about that?", withContext("Obama", OBAMA_ARTICLE)));
        TurnStore.Turn followUp = new TurnStore(db).last(CHAT, CHAT, 10).get(1);
        assertThat(followUp.searchQuery()).startsWith("what did the Kremlin say about that?").contains("Obama");
    }

    /**
     * "Who sacked him?" holds no word of its own that the archive writes (in a large one: only common ones), so alone
     * it would find (or miss) any sacking. Its reply is the context's, even when the cited passage lacks its word.
     */
    @Test
    void aPronounFollowUpWithoutASubjectOfItsOwnIsNeverAnsweredAlone() {
        FollowUpRewriter rule = new FollowUpRewriter(TestFixtures.seedApp().searcher());
        assertThat(rule.hasOwnSubject("who sacked him?")).isFalse();
        assertThat(rule.hasOwnSubject("snowden asylum")).isTrue();
        run("pronoun, no subject of its own",
                step("Why did Obama cancel his trip to Moscow?", asAsked(OBAMA_ARTICLE)),
                step("who sacked him?", m -> {
                    assertThat(m.answer()).isNotNull();
                    assertThat(m.answer().about()).as(m.text()).contains("Obama");
                }));
        assertThat(new TurnStore(db).last(CHAT, CHAT, 10).get(1).searchQuery()).contains("Obama");
    }

    @Test
    void anEllipticalAndQuestionKeepsTheSubject() {
        run("ellipsis",
                step("In which Black Sea resort did Pompeo and Lavrov hold their news conference?",
                        asAsked(SOCHI_ARTICLE)),
                step("And what did they say about Iran?", withContext("", SOCHI_ARTICLE)));
    }

    @Test
    void smallTalkGetsAShortReplyWithoutASearchAndDoesNotBreakAFollowUp() {
        run("small talk",
                step("Why did Obama cancel his trip to Moscow?", asAsked(OBAMA_ARTICLE)),
                step("thanks", SMALL_TALK.andThen(m -> assertThat(m.text()).contains("welcome"))),
                step("👍", SMALL_TALK),
                step("ok", SMALL_TALK),
                step("Hello!", SMALL_TALK.andThen(m -> assertThat(m.text()).startsWith("Hello"))),
                step("merci beaucoup", SMALL_TALK),
                step("what did the Kremlin say about that?", withContext("Obama", OBAMA_ARTICLE)));
        // small talk is not a turn: the follow-up reached back past it
        assertThat(new TurnStore(db).last(CHAT, CHAT, 10)).extracting(TurnStore.Turn::question)
                .containsExactly("Why did Obama cancel his trip to Moscow?", "what did the Kremlin say about that?");
    }

    /** "Tell me more" continues the previous question with what its answer did not quote, and says so. */
    @Test
    void tellMeMoreAddsWhatThePreviousAnswerLeftOut() {
        List<String> first = new java.util.ArrayList<>();
        run("more",
                step("Why did Obama cancel his trip to Moscow?", m -> {
                    asAsked(OBAMA_ARTICLE).accept(m);
                    first.addAll(MoreRequest.quotedSentences(m.answer().text()));
                }),
                step("ok, tell me more", m -> {
                    assertThat(m.answer()).isNotNull();
                    assertThat(m.answer().about()).isEqualTo("more on “Why did Obama cancel his trip to Moscow?”");
                    assertThat(first).isNotEmpty();
                    assertThat(MoreRequest.quotedSentences(m.answer().text())).doesNotContainAnyElementsOf(first);
                }));
        // the turn is remembered with the question it continued as its search
        assertThat(new TurnStore(db).last(CHAT, CHAT, 10).get(1).searchQuery())
                .startsWith("Why did Obama cancel his trip to Moscow?");
        // with no question to continue, no search for the word "more"
        run("more first",
                step("tell me more", m -> {
                    assertThat(m.answer().abstained()).isTrue();
                    assertThat(m.answer().retrieved()).isEmpty();
                    assertThat(m.text()).isEqualTo(ConversationalAnswerer.NOTHING_TO_CONTINUE);
                }));
    }

    /**
     * A composer that answers only questions with a word of the first question below (Obama, trip), citing the first
     * retrieved passage naming Obama: a message that does not refer back but is declined alone shows when the
     * context's answer is taken.
     */
    static final org.newsdesk.answer.AnswerComposer OBAMA_ONLY = citing("obama-only", (question, hits) ->
            question.contains("Obama") || question.contains("trip") ? naming(hits, "Obama") : java.util.Optional.empty());

    /** The first hit whose passage names {@code word}. */
    private static java.util.Optional<org.newsdesk.search.Hit> naming(List<org.newsdesk.search.Hit> hits, String word) {
        return hits.stream().filter(h -> h.passage().text().contains(word)).findFirst();
    }

    /** A composer that answers from the hit {@code pick} chooses, citing its passage, and declines when it has none. */
    static org.newsdesk.answer.AnswerComposer citing(String name, java.util.function.BiFunction<String,
            List<org.newsdesk.search.Hit>, java.util.Optional<org.newsdesk.search.Hit>> pick) {
        return new org.newsdesk.answer.AnswerComposer() {
            @Override
            public Answer compose(String question, List<org.newsdesk.search.Hit> hits) {
                var hit = pick.apply(question, hits);
                if (hit.isEmpty()) {
                    return new Answer(question, "I could not find this in the archive.", true, List.of(), hits, name(),
                            0);
                }
                var p = hit.get().passage();
                var c = new org.newsdesk.answer.Citation(1, p.articleId(), p.title(), p.source(), p.url(),
                        p.published(), p.id(), p.text(), List.of());
                return new Answer(question, "From the archive [1].", false, List.of(c), hits, name(), 0.9);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    @Test
    void aMessageDeclinedAloneTakesTheContextsAnswerOnlyWhenItsCitedPassageHoldsTheMessagesWords() {
        App seed = TestFixtures.seedApp();
        try (Database own = Database.open(tmp.resolve("w.db"));
             ChatService weak = new ChatService(new AnswerService(seed.searcher(), OBAMA_ONLY), seed.index(),
                     seed.reindex(), new NewsdeskConfig.Chat(List.of(), 4000, 0, 0, List.of(), List.of(), 5), own,
                     Clock.systemUTC())) {
            chat.close();
            chat = weak;
            run("weak alone, better with the context",
                    step("Why did Obama cancel his trip to Moscow?", asAsked(OBAMA_ARTICLE)),
                    // stands alone (a name, no reference back), declined alone, answered with the context from a
                    // passage that names Masha Lipman
                    step("Masha Lipman expectations", withContext("Obama", OBAMA_ARTICLE)),
                    // declined alone; the context's answer cites a passage without these words: declined, no "about:"
                    step("quantum computing breakthroughs", m -> {
                        assertThat(m.answer().abstained()).isTrue();
                        assertThat(m.answer().about()).isNull();
                    }));
        }
    }

    /**
     * Answers a question naming Obama from a passage that names him; declines any other question as the user wrote it
     * (ending in "?"), and answers a longer search query from a passage that names Lavrov and holds none of
     * "cancel", "trip", "Obama", "Moscow": the context ends up in no cited passage.
     */
    static final org.newsdesk.answer.AnswerComposer DECLINES_AS_WRITTEN = citing("declines-as-written",
            (question, hits) -> question.contains("Obama") ? naming(hits, "Obama")
                    : question.strip().endsWith("?") ? java.util.Optional.empty()
                    : hits.stream().filter(h -> h.passage().text().contains("Lavrov") && java.util.stream.Stream.of(
                            "trip", "cancel", "obama", "moscow").noneMatch(h.passage().text()
                            .toLowerCase(java.util.Locale.ROOT)::contains)).findFirst());

    /** Declined alone, answered with the context but from passages without the context's words: declined. */
    @Test
    void theContextsAnswerIsTakenOnlyWhenItsPassagesHoldTheContextsWords() {
        App seed = TestFixtures.seedApp();
        try (Database own = Database.open(tmp.resolve("c.db"));
             ChatService strict = new ChatService(new AnswerService(seed.searcher(), DECLINES_AS_WRITTEN),
                     seed.index(), seed.reindex(), new NewsdeskConfig.Chat(List.of(), 4000, 0, 0, List.of(), List.of(),
                     5), own, Clock.systemUTC())) {
            chat.close();
            chat = strict;
            run("the context did not help",
                    step("Obama cancel trip Moscow", m -> assertThat(m.answer().abstained()).isFalse()),
                    // declined alone; with the context ("cancel trip") answered from a passage without those words
                    step("What did Pompeo and Lavrov say?", m -> {
                        assertThat(m.answer().abstained()).as(m.text()).isTrue();
                        assertThat(m.answer().about()).isNull();
                    }));
        }
    }
}
