package org.newsdesk.cli;

import org.newsdesk.answer.Answer;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.answer.AnswerText;
import org.newsdesk.search.SearchRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Answer one question (or, with '-', one per line from standard input).")
final class AskCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print the answer as JSON (with '-': one JSON object per line).")
    boolean json;

    @Option(names = "--k", paramLabel = "N", description = "Passages to retrieve (default: search.k).")
    Integer k;

    @Option(names = "--mode", paramLabel = "MODE", description = "hybrid, bm25 or knn (default: search.mode).")
    String mode;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question, or '-' to read questions from stdin.")
    List<String> words;

    @Override
    public Integer call() throws IOException {
        String question = String.join(" ", words).strip();
        try (App app = main.app()) {
            int maxChars = app.config().chat().maxQuestionChars();
            int topK = k != null ? k : app.config().search().k();
            if (topK < 1 || topK > 100) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--k must be between 1 and 100");
            }
            SearchRequest.Mode m;
            try {
                m = SearchRequest.Mode.parse(mode != null ? mode : app.config().search().mode());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--mode must be hybrid, bm25 or knn");
            }
            requireIndex(app);
            AnswerService answers = app.answers();
            PrintStream out = System.out;
            if ("-".equals(question)) {
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String q = line.strip();
                    if (q.length() > maxChars) {
                        q = q.substring(0, maxChars);
                    }
                    print(out, answers.ask(q, topK, m));
                    out.flush();
                }
                return 0;
            }
            if (question.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the question is empty");
            }
            if (question.length() > maxChars) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the question is " + question.length()
                        + " characters long; the limit is " + maxChars + " (chat.max-question-chars)");
            }
            print(out, answers.ask(question, topK, m));
            return 0;
        }
    }

    private void print(PrintStream out, Answer a) {
        if (json) {
            out.println(AnswerJson.of(a).toString());
        } else {
            out.println(AnswerText.plain(a));
        }
    }

    static void requireIndex(App app) {
        if (!app.index().exists()) {
            throw new org.newsdesk.index.IndexException("no index in " + app.index().root()
                    + " yet: run 'newsdesk index' first (or 'newsdesk chat', which indexes on first start)");
        }
    }
}
