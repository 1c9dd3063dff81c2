package org.newsdesk.chat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.TestFixtures;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.app.App;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.store.Database;
import org.newsdesk.store.TurnStore;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Conversation memory with the default (extractive) composer and the deterministic follow-up rule. */
class ConversationMemoryTest {
    static final String OBAMA_ARTICLE = FollowUpRewriterTest.OBAMA_TRIP_ARTICLE;
    static final String FIRST = "Why was Obama's trip to Moscow canceled?";
    static final String FOLLOW_UP = "and what did Putin say about it?";

    @TempDir
    Path tmp;

    private ChatService chatOver(Database db, int memoryTurns) {
        App seed = TestFixtures.seedApp();
        NewsdeskConfig.Chat settings = new NewsdeskConfig.Chat(List.of(), 4000, 0, 0, List.of(), List.of(), memoryTurns);
        return new ChatService(new AnswerService(seed.searcher(), seed.answers().composer()), seed.index(),
                seed.reindex(), settings, db, Clock.systemUTC());
    }

    @Test
    void memorySurvivesARestartAndStaysInItsChat() {
        Path file = tmp.resolve("newsdesk.db");
        ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
        try (Database db = Database.open(file); ChatService chat = chatOver(db, 5)) {
            chat.handle(IncomingMessage.privateText(10, FIRST), out);
            assertThat(out.sent.get(0).answer().citedArticleIds()).contains(OBAMA_ARTICLE);
        }
        // A new process over the same database file.
        try (Database db = Database.open(file); ChatService chat = chatOver(db, 5)) {
            chat.handle(IncomingMessage.privateText(10, FOLLOW_UP), out);
            chat.handle(IncomingMessage.privateText(20, FOLLOW_UP), out);
            assertThat(out.sent.get(1).answer().citedArticleIds()).as("the follow-up in the same chat")
                    .contains(OBAMA_ARTICLE);
            TurnStore turns = new TurnStore(db);
            assertThat(turns.last(10, 10, 10)).extracting(TurnStore.Turn::searchQuery)
                    .satisfiesExactly(q -> assertThat(q).isEqualTo(FIRST),
                            q -> assertThat(q).startsWith(FOLLOW_UP).contains("Obama").contains("Moscow"));
            // The same words in another chat carry nothing over: that chat has no memory of Obama.
            assertThat(turns.last(20, 20, 10)).extracting(TurnStore.Turn::searchQuery).containsExactly(FOLLOW_UP);
        }
    }

    @Test
    void resetForgetsTheConversation() {
        ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
        try (Database db = Database.open(tmp.resolve("r.db")); ChatService chat = chatOver(db, 5)) {
            chat.handle(IncomingMessage.privateText(10, FIRST), out);
            chat.handle(IncomingMessage.privateText(10, "/reset"), out);
            assertThat(out.sent.get(1).text()).contains("forgotten our conversation");
            chat.handle(IncomingMessage.privateText(10, FOLLOW_UP), out);
            assertThat(new TurnStore(db).last(10, 10, 10)).extracting(TurnStore.Turn::searchQuery)
                    .containsExactly(FOLLOW_UP);
        }
    }

    @Test
    void groupMemoryIsPerUser() {
        ChatServiceTest.RecordingOutbox out = new ChatServiceTest.RecordingOutbox();
        try (Database db = Database.open(tmp.resolve("g.db")); ChatService chat = chatOver(db, 5)) {
            chat.handle(new IncomingMessage(-5, 1, ChatType.GROUP, "/ask " + FIRST, 1, false), out);
            chat.handle(new IncomingMessage(-5, 2, ChatType.GROUP, "/ask " + FOLLOW_UP, 2, false), out);
            chat.handle(new IncomingMessage(-5, 1, ChatType.GROUP, "/ask " + FOLLOW_UP, 3, false), out);
            TurnStore turns = new TurnStore(db);
            assertThat(turns.last(-5, 2, 10)).extracting(TurnStore.Turn::searchQuery).containsExactly(FOLLOW_UP);
            assertThat(turns.last(-5, 1, 10).get(1).searchQuery()).contains("Obama");
        }
    }

    @Test
    void onlyTheLastTurnsAreKeptAndZeroTurnsMeansNoMemory() {
        try (Database db = Database.open(tmp.resolve("m.db"))) {
            ConversationMemory memory = new ConversationMemory(new TurnStore(db), 2, Clock.systemUTC());
            for (int i = 1; i <= 4; i++) {
                memory.remember(1, 1, "q" + i, "q" + i, "a".repeat(1000), false);
            }
            memory.remember(2, 2, "other", "other", "x", true);
            assertThat(memory.history(1, 1)).extracting(TurnStore.Turn::question).containsExactly("q3", "q4");
            assertThat(memory.history(1, 1).get(0).answer()).hasSizeLessThanOrEqualTo(ConversationMemory.ANSWER_CHARS + 1);
            assertThat(memory.reset(1, 1)).isEqualTo(2);
            assertThat(memory.history(1, 1)).isEmpty();
            assertThat(memory.history(2, 2)).hasSize(1);
            ConversationMemory none = new ConversationMemory(new TurnStore(db), 0, Clock.systemUTC());
            none.remember(3, 3, "q", "q", "a", false);
            assertThat(none.history(3, 3)).isEmpty();
        }
    }
}
