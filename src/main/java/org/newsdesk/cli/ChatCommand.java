package org.newsdesk.cli;

import org.newsdesk.app.App;
import org.newsdesk.chat.ChatService;
import org.newsdesk.chat.IncomingMessage;
import org.newsdesk.chat.Outbox;
import org.newsdesk.chat.OutgoingMessage;
import org.newsdesk.config.NewsdeskConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local console: the same conversation core as the Telegram bot, in a terminal. Indexes the corpus first if
 * there is no index yet. Reads one message per line, interactively or from a pipe.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Chat with the archive in the terminal, exactly as the Telegram bot answers.")
final class ChatCommand implements Callable<Integer> {
    /** The console's user: the operator at the terminal, who owns the data directory and is admin. */
    static final long CONSOLE_USER = 0;
    /** Console-only commands that end the session, like Ctrl-D. */
    static final java.util.Set<String> QUIT = java.util.Set.of("/quit", "/exit");

    @ParentCommand
    Main main;

    @picocli.CommandLine.Option(names = "--resume", description = "Continue the last console conversation (by default "
            + "each run starts a fresh one: follow-ups never reach back into an earlier run).")
    boolean resume;

    @Override
    public Integer call() throws IOException {
        NewsdeskConfig c = main.config();
        List<Long> admins = new ArrayList<>(c.chat().admins());
        admins.add(CONSOLE_USER);
        NewsdeskConfig.Chat chat = new NewsdeskConfig.Chat(admins, c.chat().maxQuestionChars(),
                0, 0, List.of(), List.of());
        NewsdeskConfig config = new NewsdeskConfig(c.dataDir(), c.corpusDir(), c.index(), c.search(), c.answer(), chat,
                c.telegram(), c.llm(), c.sources(), c.fetch(), c.history(), c.ops(), c.solr());
        try (App app = new App(config, java.time.Clock.systemUTC())) {
            PrintStream out = System.out;
            if (!app.archive().exists()) {
                // notices go to stderr: piped stdout holds only the questions and their answers
                System.err.println("No index yet: indexing " + config.corpusDir().toAbsolutePath() + " ...");
                System.err.println(TerminalText.safe(IndexCommand.index(app, false, System.err).summary()));
            }
            ChatService service = app.chat();
            if (!resume) {
                // The turns live in the data directory's database: a new run starts a new conversation.
                service.forgetConversation(CONSOLE_USER, CONSOLE_USER);
            }
            service.setStreamEditIntervalMs(0); // a terminal has no edit rate limit: print tokens as they come
            boolean interactive = System.console() != null;
            ConsoleOutbox outbox = new ConsoleOutbox(out);
            if (interactive) {
                out.println("Newsdesk console. Ask a question about the archive; /help for commands, /quit or Ctrl-D "
                        + "to quit.");
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (true) {
                if (interactive) {
                    out.print("> ");
                    out.flush();
                }
                String line = in.readLine();
                if (line == null) {
                    break;
                }
                if (line.isBlank() && !interactive) {
                    continue;
                }
                if (QUIT.contains(line.strip().toLowerCase(java.util.Locale.ROOT))) {
                    break;
                }
                if (!interactive) {
                    // piped: say which question each reply answers (a terminal shows what was typed)
                    out.println("> " + TerminalText.safe(line.strip()));
                }
                service.handle(IncomingMessage.privateText(CONSOLE_USER, line), outbox);
                outbox.endTurn();
            }
            // Closing the app interrupts a /reindex or /sync still running in the background, which then reports a
            // failure: at the end of piped input, let it finish and print its summary first.
            while (service.busy()) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            outbox.endLine();
            return 0;
        }
    }

    /**
     * Prints replies. An edit that extends the text last printed for that message (a streamed answer growing) prints
     * only the new part, so tokens appear as they come; any other edit (reindex progress) is printed on a new line.
     */
    static class ConsoleOutbox implements Outbox {
        private final PrintStream out;
        private final AtomicLong ids = new AtomicLong();
        private long lastHandle = -1;
        private String lastText = "";
        /** False after a background edit (a reindex summary) left a line open, so the next reply starts apart. */
        private boolean atLineStart = true;

        ConsoleOutbox(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized long send(OutgoingMessage message) {
            String text = TerminalText.safe(message.text());
            if (!atLineStart) {
                out.println();
                out.println();
            }
            out.print(text);
            out.flush();
            atLineStart = false;
            lastHandle = ids.incrementAndGet();
            lastText = text;
            return lastHandle;
        }

        @Override
        public synchronized void edit(long handle, OutgoingMessage message) {
            String text = TerminalText.safe(message.text());
            if (handle == lastHandle && text.startsWith(lastText)) {
                out.print(text.substring(lastText.length()));
            } else {
                out.println();
                out.print(text);
            }
            out.flush();
            atLineStart = false;
            lastHandle = handle;
            lastText = text;
        }

        /** Ends the replies to one input line with a blank line. */
        synchronized void endTurn() {
            out.println();
            out.println();
            out.flush();
            atLineStart = true;
        }

        /** Ends a line left open by a background edit, so the shell prompt starts on its own line. */
        synchronized void endLine() {
            if (!atLineStart) {
                out.println();
                out.flush();
                atLineStart = true;
            }
        }
    }
}
