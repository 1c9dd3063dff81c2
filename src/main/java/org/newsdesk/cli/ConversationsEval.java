package org.newsdesk.cli;

import org.newsdesk.app.App;
import org.newsdesk.chat.ChatService;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.eval.Conversation;
import org.newsdesk.eval.ConversationEval;
import org.newsdesk.store.Database;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code eval --conversations FILE}: the conversations through the chat core over the data directory's index. The
 * turns, answers and question log go to a throw-away database, so an evaluation leaves the data directory as it was.
 */
final class ConversationsEval {
    private ConversationsEval() {
    }

    static int run(Main main, CommandLine.Model.CommandSpec spec, Path file, boolean json) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "conversation file not found: " + file);
        }
        List<Conversation> conversations;
        try {
            conversations = Conversation.read(file, System.err::println);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (conversations.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no conversations in " + file
                    + ": each line is one JSON object with 'turns'");
        }
        Path scratch = Files.createTempDirectory("newsdesk-conversations");
        try (App app = main.app()) {
            AskCommand.requireIndex(app);
            NewsdeskConfig.Chat c = app.config().chat();
            // No rate limits or allow-lists: the evaluation is one operator's run, not a chat's traffic.
            NewsdeskConfig.Chat settings = new NewsdeskConfig.Chat(c.admins(), c.maxQuestionChars(), 0, 0, List.of(),
                    List.of(), c.memoryTurns());
            ConversationEval.Report report;
            try (Database db = Database.open(scratch.resolve("conversations.db"));
                 ChatService chat = new ChatService(app.answers(), app.archive(), app.reindex(), settings, db,
                         Clock.systemUTC())) {
                report = ConversationEval.run(conversations, chat);
            }
            if (json) {
                System.out.println(AnswerJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                System.out.print(report.table());
            }
            return 0;
        } finally {
            try (var files = Files.walk(scratch)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
