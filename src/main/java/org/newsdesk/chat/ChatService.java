package org.newsdesk.chat;

import org.newsdesk.answer.Answer;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Archive;
import org.newsdesk.index.ArchiveUnavailableException;
import org.newsdesk.index.ReindexListener;
import org.newsdesk.index.ReindexService;
import org.newsdesk.search.QueryText;
import org.newsdesk.store.IndexRunLog;
import org.newsdesk.store.QueryLog;
import org.newsdesk.store.SourceFileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The conversation core, shared by every transport: decides whether a message is for the bot, runs commands,
 * answers questions, enforces admin rights, allow-lists and rate limits, and records each question.
 */
public final class ChatService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatService.class);
    /** Progress of a running reindex is edited into its message at most this often. */
    public static final long PROGRESS_INTERVAL_MS = 3000;

    private final AnswerService answers;
    private final Archive index;
    private final ReindexService reindex;
    private final NewsdeskConfig.Chat settings;
    private final QueryLog queryLog;
    private final IndexRunLog runLog;
    private final SourceFileStore sourceFiles;
    private final org.newsdesk.store.Database db;
    private final Clock clock;
    private final ReplyLimits limits;
    private final org.newsdesk.store.AnswerStore answerStore;
    private final AnswerButtons buttons;
    /** Chats refused by the allow-list (told once); bounded, the oldest forgotten first. */
    private final Set<Long> refusedChats = java.util.Collections.newSetFromMap(java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<Long, Boolean> eldest) {
                    return size() > 10_000;
                }
            }));
    /** Admin /reindex and the first start's indexing: one at a time, in the background. */
    private final ChatReindex reindexer;
    private volatile String botUsername = "newsdesk_bot";
    private volatile SourceCommands sourceCommands;
    /** Per-chat archives and the news-desk commands; null: every chat sees the whole archive. */
    private volatile DeskCommands desk;
    /** When and why the archive last could not be reached (shown to admins in /stats), or null. */
    private volatile String lastArchiveFailure;
    /** Follow-up rewriting, conversation memory and streamed replies. */
    private final ConversationalAnswerer conversation;

    public ChatService(AnswerService answers, Archive index, ReindexService reindex, NewsdeskConfig.Chat settings,
                       org.newsdesk.store.Database db, Clock clock) {
        this.answers = answers;
        this.index = index;
        this.reindex = reindex;
        this.settings = settings;
        this.db = db;
        this.queryLog = new QueryLog(db);
        this.runLog = new IndexRunLog(db);
        this.sourceFiles = new SourceFileStore(db);
        this.clock = clock;
        this.limits = new ReplyLimits(settings, clock);
        this.reindexer = new ChatReindex(reindex, clock, () -> metrics);
        this.answerStore = new org.newsdesk.store.AnswerStore(db);
        this.buttons = new AnswerButtons(answerStore, clock);
        this.conversation = new ConversationalAnswerer(answers,
                new ConversationMemory(new org.newsdesk.store.TurnStore(db), settings.memoryTurns(), clock),
                ConversationalAnswerer.rewriterFor(answers), clock::millis);
    }

    /** How often a streamed answer's message may be edited (default 1.5 s; the console uses 0). */
    public void setStreamEditIntervalMs(long ms) {
        conversation.setEditIntervalMs(ms);
    }

    /** Where answers are counted and logged (the bot's registry and log settings); the global registry until set. */
    public void setMetrics(ChatMetrics metrics) {
        this.metrics = metrics;
    }

    private volatile ChatMetrics metrics = ChatMetrics.global();

    /** The admin commands about followed sources (/sources, /sync, /add); without them those are unknown. */
    public void setSourceCommands(SourceCommands commands) {
        this.sourceCommands = commands;
    }

    /** The news-desk commands and per-chat archives (see {@link DeskCommands}). */
    public void setDeskCommands(DeskCommands desk) {
        this.desk = desk;
    }

    /** The news-desk commands, or null when none were set. */
    public DeskCommands deskCommands() {
        return desk;
    }

    /** The origins a chat's searches are restricted to, or null for none. */
    private java.util.Set<String> originsOf(long chatId) {
        DeskCommands d = desk;
        return d == null ? null : d.originsOf(chatId);
    }

    /** The transport tells the core its bot's username (for @mentions and /cmd@Bot in groups). */
    public void setBotUsername(String username) {
        this.botUsername = username;
    }

    public String botUsername() {
        return botUsername;
    }

    /** Handles one incoming message, sending any replies to {@code outbox}. Never throws for user input. */
    public void handle(IncomingMessage m, Outbox outbox) {
        SentTracking tracked = new SentTracking(outbox);
        try {
            dispatch(m, tracked);
        } catch (ArchiveUnavailableException e) {
            // The engine (a SolrCloud node, the cluster) is down: admins get the cause in the log and in /stats, the
            // user a plain sentence; the next question tries again, nothing needs restarting.
            lastArchiveFailure = Instant.now(clock) + " " + e.getMessage();
            log.error("Archive unavailable while answering in chat {}: {}", m.chatId(), e.getMessage());
            outbox.send(OutgoingMessage.text("The archive is temporarily unavailable. Please try again in a minute.",
                    m.messageId()));
        } catch (RuntimeException e) {
            if (tracked.sent) {
                // the reply is out (e.g. the query log write failed after it): no second message
                log.error("Failed after replying in chat {} (no apology sent): {}", m.chatId(), e.toString(), e);
                return;
            }
            log.error("Failed to handle a message in chat {}: {}", m.chatId(), e.toString(), e);
            try {
                outbox.send(OutgoingMessage.text("Sorry, something went wrong on my side while answering. "
                        + "Please try again in a moment.", m.messageId()));
            } catch (RuntimeException again) {
                log.error("Could not tell chat {} about the failure either: {}", m.chatId(), again.toString());
            }
        }
    }

    /** Remembers whether anything was sent, so a failure after the reply does not add an apology. */
    private static final class SentTracking implements Outbox {
        private final Outbox delegate;
        volatile boolean sent;

        SentTracking(Outbox delegate) {
            this.delegate = delegate;
        }

        @Override
        public long send(OutgoingMessage message) {
            long handle = delegate.send(message);
            sent = true;
            return handle;
        }

        @Override
        public void edit(long handle, OutgoingMessage message) {
            delegate.edit(handle, message);
            sent = true;
        }

        @Override
        public void typing() {
            delegate.typing();
        }
    }

    private void dispatch(IncomingMessage m, Outbox outbox) {
        boolean group = m.chatType().isGroup();
        if (m.chatType() == ChatType.CHANNEL) {
            return;
        }
        if (!m.hasText()) {
            if (!group && limits.admit(m, outbox)) {
                outbox.send(OutgoingMessage.text("I can only read text. Send me a question as text, e.g. "
                        + HelpText.exampleQuestion(index), m.messageId()));
            }
            return;
        }
        String text = QueryText.normalize(m.text());
        Command cmd = Command.parse(text);
        if (cmd != null && cmd.bot() != null && !cmd.bot().equalsIgnoreCase(botUsername)) {
            return; // a command for another bot in the same group
        }
        String question;
        if (cmd != null) {
            if (group && cmd.bot() == null && !KNOWN_COMMANDS.contains(cmd.name())) {
                return; // another bot's command in a group
            }
            if (!limits.admit(m, outbox)) {
                return;
            }
            switch (cmd.name()) {
                case "start", "help" -> {
                    if (allowed(m, outbox)) {
                        outbox.send(OutgoingMessage.text(help(), m.messageId()));
                    }
                    return;
                }
                case "ask" -> {
                    question = cmd.args();
                    if (question.isBlank()) {
                        outbox.send(OutgoingMessage.text("Usage: /ask followed by your question, e.g. /ask "
                                + HelpText.exampleQuestion(index), m.messageId()));
                        return;
                    }
                }
                case "reindex" -> {
                    reindexCommand(m, outbox, "full".equalsIgnoreCase(cmd.args().strip()));
                    return;
                }
                case "stats" -> {
                    statsCommand(m, outbox);
                    return;
                }
                case "reset" -> {
                    if (allowed(m, outbox)) {
                        conversation.reset(m);
                        outbox.send(OutgoingMessage.text("Done: I have forgotten our conversation. "
                                + "Your next question starts afresh.", m.messageId()));
                    }
                    return;
                }
                default -> {
                    DeskCommands d = desk;
                    if (d != null && cmd.name().equals("latest")) {
                        if (allowed(m, outbox) && indexed(m, outbox)) {
                            d.handle(cmd.name(), cmd.args(), m, outbox);
                        }
                        return;
                    }
                    if (d != null && AlertCommands.NAMES.contains(cmd.name())) {
                        if (allowed(m, outbox)) {
                            d.handle(cmd.name(), cmd.args(), m, outbox);
                        }
                        return;
                    }
                    if (d != null && d.handle(cmd.name(), cmd.args(), m, outbox)) {
                        return;
                    }
                    SourceCommands sc = sourceCommands;
                    if (sc != null && sc.handle(cmd.name(), cmd.args(), m, outbox)) {
                        return;
                    }
                    outbox.send(OutgoingMessage.text("Unknown command /" + cmd.name()
                            + ". Commands: /ask, /help, /reset; admins: /stats, /reindex, /sources, /sync, /add, /scope."
                            + " Or just type a question.", m.messageId()));
                    return;
                }
            }
        } else if (group) {
            String mention = "@" + botUsername;
            int at = text.toLowerCase(Locale.ROOT).indexOf(mention.toLowerCase(Locale.ROOT));
            if (at >= 0) {
                question = (text.substring(0, at) + text.substring(at + mention.length())).strip();
            } else if (m.replyToBot()) {
                question = text;
            } else {
                return; // group chatter not addressed to the bot
            }
        } else {
            question = text;
        }
        if (cmd == null && !limits.admit(m, outbox)) {
            return;
        }
        if (!allowed(m, outbox)) {
            return;
        }
        answerQuestion(m, question, outbox);
    }

    private void answerQuestion(IncomingMessage m, String question, Outbox outbox) {
        // "thanks", "ok", 👍: a short reply, no search, no cited passage, and no turn that a follow-up would skip
        // "what can you do?", "help": the help text, no search
        java.util.Optional<SmallTalk.Kind> smallTalk = SmallTalk.kind(question);
        if (smallTalk.isPresent()) {
            outbox.send(OutgoingMessage.text(smallTalk.get() == SmallTalk.Kind.ABOUT_THE_BOT ? help()
                    : SmallTalk.reply(smallTalk.get(), HelpText.exampleQuestion(index)), m.messageId()));
            return;
        }
        // "???" alone is no question; as a short follow-up it would repeat the previous answer
        if (question.isBlank() || !QueryText.hasWords(question)) {
            outbox.send(OutgoingMessage.text("Please ask a question, e.g. " + HelpText.exampleQuestion(index),
                    m.messageId()));
            return;
        }
        if (question.length() > settings.maxQuestionChars()) {
            outbox.send(OutgoingMessage.text("Your question is " + question.length() + " characters long; the limit is "
                    + settings.maxQuestionChars() + ". Please shorten it to the essentials.", m.messageId()));
            return;
        }
        if (!indexed(m, outbox)) {
            return;
        }
        DeskCommands d = desk;
        if (d != null && d.digestQuestion(m, question, outbox)) {
            return; // "what's new today": a digest, not a search
        }
        outbox.typing();
        // Rewrites follow-ups, sends (or streams) the answer, remembers the turn; the recording outbox stores the
        // answer as it goes out so its buttons work.
        Answer answer = conversation.answer(m, question, recording(m, question, outbox), originsOf(m.chatId()));
        metrics.answered(m.chatId(), answer);
        queryLog.record(new QueryLog.Entry(Instant.now(clock), m.chatId(), m.userId(), question, answer.abstained(),
                answer.citedArticleIds(), answer.timings().totalMs()));
    }

    /** False (and the user told) when there is no index yet. */
    private boolean indexed(IncomingMessage m, Outbox outbox) {
        if (index.exists()) {
            return true;
        }
        outbox.send(OutgoingMessage.text(reindexer.running()
                ? "The archive is being indexed, try again in a minute."
                : "The archive is not indexed yet. An admin can build it with /reindex.", m.messageId()));
        return false;
    }

    /** The outbox for an answer: stores the answer as it goes out and gives the message its id (for buttons). */
    private Outbox recording(IncomingMessage m, String question, Outbox outbox) {
        return new AnswerRecordingOutbox(outbox, answerStore, m, question, clock);
    }

    /** Forgets one conversation without a reply (the console's fresh start); returns the turns forgotten. */
    public int forgetConversation(long chatId, long userId) {
        return conversation.memory().reset(chatId, userId);
    }

    /** A button under an answer was pressed (see {@link AnswerButtons}); {@code chatId} is 0 when unknown. */
    public CallbackResult handleCallback(long chatId, long userId, String data) {
        OptionalLong wait = limits.button(userId);
        if (wait.isPresent()) {
            return CallbackResult.notice("Slow down, please: too many button presses. Try again in "
                    + wait.getAsLong() + " s.", false);
        }
        try {
            return buttons.handle(chatId, userId, data);
        } catch (RuntimeException e) {
            log.error("Failed to handle a button press in chat {}: {}", chatId, e.toString(), e);
            return CallbackResult.notice("Sorry, something went wrong on my side. Please try again.", false);
        }
    }

    /**
     * An inline query ("@Bot question" typed in any chat): the answer, or empty when the query is not answerable
     * now (blank, too long, not allowed, rate limited, no index).
     */
    public java.util.Optional<Answer> answerInline(long userId, String query) {
        String q = QueryText.normalize(query);
        if (q.isBlank() || q.length() > settings.maxQuestionChars()) {
            return java.util.Optional.empty();
        }
        boolean restricted = !settings.allowedChats().isEmpty() || !settings.allowedUsers().isEmpty();
        if (restricted && !settings.allowedUsers().contains(userId)) {
            return java.util.Optional.empty();
        }
        if (!index.exists() || !limits.admitInline(userId)) {
            return java.util.Optional.empty();
        }
        DeskCommands d = desk;
        var search = answers.searcher().settings();
        java.util.Set<String> origins = d == null ? null : d.inlineOrigins();
        java.util.function.Function<String, org.newsdesk.search.SearchRequest> request = text ->
                new org.newsdesk.search.SearchRequest(text, search.k(),
                        org.newsdesk.search.SearchRequest.Mode.parse(search.mode()), null, null).within(origins);
        // another language: translated with an LLM, else the archive-answers-in-English reply (as in the chat)
        var language = org.newsdesk.answer.QuestionLanguage.shared().detect(q);
        Answer answer = language.english() ? answers.ask(request.apply(q), q)
                : org.newsdesk.answer.OtherLanguageQuestion.answer(answers, q, language, request);
        metrics.answered(userId, answer);
        queryLog.record(new QueryLog.Entry(Instant.now(clock), userId, userId, q, answer.abstained(),
                answer.citedArticleIds(), answer.timings().totalMs()));
        return java.util.Optional.of(answer);
    }

    /** A group was upgraded to a supergroup with a new id: its history and buttons follow it. */
    public void migrateChat(long oldChatId, long newChatId) {
        answerStore.migrateChat(oldChatId, newChatId);
        DeskCommands d = desk;
        if (d != null) {
            d.migrateChat(oldChatId, newChatId);
        }
        db.update("UPDATE query_log SET chat_id = ? WHERE chat_id = ?", newChatId, oldChatId);
        db.update("UPDATE admin_events SET chat_id = ? WHERE chat_id = ?", newChatId, oldChatId);
        db.update("UPDATE conversation_turns SET chat_id = ? WHERE chat_id = ?", newChatId, oldChatId);
        if (refusedChats.remove(oldChatId)) {
            refusedChats.add(newChatId);
        }
    }

    /** Allow-lists: when set, others get one polite refusal per chat and are ignored after that. */
    private boolean allowed(IncomingMessage m, Outbox outbox) {
        if (settings.allowedChats().isEmpty() && settings.allowedUsers().isEmpty()) {
            return true;
        }
        if (settings.allowedChats().contains(m.chatId()) || settings.allowedUsers().contains(m.userId())) {
            return true;
        }
        if (refusedChats.add(m.chatId())) {
            outbox.send(OutgoingMessage.text("Sorry, this bot is private and not available in this chat.", m.messageId()));
        }
        return false;
    }

    private void reindexCommand(IncomingMessage m, Outbox outbox, boolean full) {
        boolean admin = settings.isAdmin(m.userId());
        db.update("INSERT INTO admin_events(ts, chat_id, user_id, command, allowed) VALUES (?,?,?,?,?)",
                Instant.now(clock).toString(), m.chatId(), m.userId(), "reindex", admin ? 1 : 0);
        if (!admin) {
            log.warn("Refused /reindex from user {} in chat {}", m.userId(), m.chatId());
            outbox.send(OutgoingMessage.text("Only an admin can rebuild the index. Your attempt has been recorded.",
                    m.messageId()));
            return;
        }
        boolean started = reindexer.start(full, outbox, () -> outbox.send(OutgoingMessage.text("Reindex started"
                + (full ? " (full rebuild)" : "") + ". Questions are still answered from the current index meanwhile.",
                m.messageId())));
        if (!started) {
            outbox.send(OutgoingMessage.text("A reindex is already running; I will post its summary when it ends.",
                    m.messageId()));
        }
    }

    /**
     * Builds the index in the background when there is none (a bot's first start on a fresh data directory);
     * questions meanwhile are told the archive is being indexed. False if a reindex is already running.
     */
    public boolean indexInBackground() {
        return reindexer.startQuietly();
    }

    /** True while a reindex started from the chat (or by {@link #indexInBackground}) runs. */
    public boolean indexing() {
        return reindexer.running();
    }

    /** True while a reindex, /sync or /add started from the chat still runs in the background. */
    public boolean busy() {
        SourceCommands sc = sourceCommands;
        return reindexer.running() || (sc != null && sc.running());
    }

    private void statsCommand(IncomingMessage m, Outbox outbox) {
        if (!settings.isAdmin(m.userId())) {
            outbox.send(OutgoingMessage.text("/stats is for admins only.", m.messageId()));
            return;
        }
        Instant today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        QueryLog.Summary s = queryLog.summary(today);
        int articles = sourceFiles.all().values().stream().mapToInt(r -> r.articleIds().size()).sum();
        String last = runLog.lastSuccessful().map(r -> r.finishedAt() + " (" + r.added() + " added, " + r.updated()
                + " updated, " + r.removed() + " removed)").orElse("never");
        String passages;
        try {
            passages = String.valueOf(index.passageCount());
        } catch (ArchiveUnavailableException e) {
            // Admins need /stats most when the engine is down.
            lastArchiveFailure = Instant.now(clock) + " " + e.getMessage();
            passages = "? (unavailable)";
        }
        outbox.send(OutgoingMessage.text(String.format(Locale.ROOT,
                "Questions: %d today, %d in total%nAbstained: %.1f%%%nLatency: p50 %d ms, p95 %d ms%n"
                        + "Index: %d articles, %s passages%nLast reindex: %s",
                s.since(), s.total(), 100 * s.abstentionRate(), s.latencyP50Ms(), s.latencyP95Ms(), articles,
                passages, last) + feedbackLine()
                + answers.searcher().vectorSearchOff().map(why -> "\nVector search: off (" + why + ")").orElse("")
                + (lastArchiveFailure == null ? "" : "\nArchive last unavailable: " + lastArchiveFailure)
                + (answers.composer() instanceof org.newsdesk.answer.LlmComposer llm
                        ? "\nLLM failures: " + llm.failures() : ""), m.messageId()));
    }

    private String feedbackLine() {
        org.newsdesk.store.AnswerStore.FeedbackCounts f = answerStore.feedbackCounts();
        return String.format(Locale.ROOT, "%nFeedback: %d 👍, %d 👎", f.up(), f.down());
    }

    private String help() {
        return HelpText.help(index, desk != null, sourceCommands != null);
    }

    @Override
    public void close() {
        reindexer.close();
    }

    /** Commands this bot knows; in a group an unaddressed other command belongs to another bot. */
    static final Set<String> KNOWN_COMMANDS = java.util.stream.Stream.concat(
            Set.of("start", "help", "ask", "reindex", "stats", "reset").stream(),
            java.util.stream.Stream.concat(SourceCommands.NAMES.stream(), DeskCommands.NAMES.stream()))
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** A "/name@bot args" command. */
    record Command(String name, String bot, String args) {
        static Command parse(String text) {
            if (!text.startsWith("/") || text.length() < 2) {
                return null;
            }
            int space = indexOfWhitespace(text);
            String head = space < 0 ? text.substring(1) : text.substring(1, space);
            String args = space < 0 ? "" : text.substring(space + 1).strip();
            int at = head.indexOf('@');
            String name = (at < 0 ? head : head.substring(0, at)).toLowerCase(Locale.ROOT);
            String bot = at < 0 ? null : head.substring(at + 1);
            return name.isEmpty() ? null : new Command(name, bot, args);
        }

        private static int indexOfWhitespace(String s) {
            for (int i = 0; i < s.length(); i++) {
                if (Character.isWhitespace(s.charAt(i))) {
                    return i;
                }
            }
            return -1;
        }
    }
}
