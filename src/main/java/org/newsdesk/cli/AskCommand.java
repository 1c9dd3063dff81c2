package org.newsdesk.cli;

import org.newsdesk.app.App;
import org.newsdesk.answer.Answer;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.answer.AnswerText;
import org.newsdesk.answer.QuestionLanguage;
import org.newsdesk.answer.OtherLanguageQuestion;
import org.newsdesk.search.QueryText;
import org.newsdesk.search.SearchRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.InputStreamReader;
import java.io.Reader;
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
        QuestionLanguage.preload();
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
                batch(new InputStreamReader(System.in, StandardCharsets.UTF_8), out, answers, topK, m, maxChars);
                return 0;
            }
            if (question.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the question is empty");
            }
            if (!QueryText.hasWords(QueryText.normalize(question))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "please ask a question: it holds no letters or digits");
            }
            if (question.length() > maxChars) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the question is " + question.length()
                        + " characters long; the limit is " + maxChars + " (chat.max-question-chars)");
            }
            print(out, ask(answers, question, topK, m));
            return 0;
        }
    }

    /**
     * One output line per input line of {@code in}, so outputs stay aligned with questions. A line that cannot be
     * answered (empty, nothing visible in it, over the length limit, or failing) gets one error object,
     * {@code {"question": ..., "error": ...}}, and the batch goes on. Lines are read with a bound, so one endless line
     * cannot exhaust the heap.
     */
    void batch(Reader in, PrintStream out, AnswerService answers, int topK, SearchRequest.Mode m, int maxChars)
            throws IOException {
        BoundedLines lines = new BoundedLines(in, maxChars);
        BoundedLines.Line line;
        while ((line = lines.next()) != null) {
            String q = QueryText.normalize(line.text());
            String error = null;
            if (line.text().isBlank() && !line.truncated()) {
                error = "the line is empty: please ask a question";
            } else if (line.truncated()) {
                error = "the question is " + line.length() + " characters long; the limit is " + maxChars
                        + " (chat.max-question-chars)";
            } else if (!QueryText.hasWords(q)) {
                error = "please ask a question: the line holds no letters or digits";
            }
            if (error == null) {
                try {
                    print(out, ask(answers, q, topK, m));
                } catch (RuntimeException e) {
                    error = "could not answer: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                }
            }
            if (error != null) {
                printError(out, line.text(), error);
            }
            out.flush();
        }
    }

    private void printError(PrintStream out, String question, String error) {
        String shown = question.length() > 200 ? question.substring(0, 200) + "…" : question;
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode o =
                    com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
            o.put("question", shown);
            o.put("error", error);
            out.println(o.toString());
        } else {
            out.println(TerminalText.safe("error: " + error));
        }
    }

    /** An answer and the language its question was detected in. */
    record Asked(Answer answer, QuestionLanguage.Detected language) {
    }

    /**
     * As the chat answers a question asked alone: in English as asked; in another language translated by the LLM
     * (answered in the asker's language), or without one the archive-answers-in-English reply
     * ({@link OtherLanguageQuestion}).
     */
    static Asked ask(AnswerService answers, String question, int topK, SearchRequest.Mode m) {
        QuestionLanguage.Detected language = QuestionLanguage.shared().detect(question);
        if (language.english()) {
            return new Asked(answers.ask(question, topK, m), language);
        }
        return new Asked(OtherLanguageQuestion.answer(answers, question, language,
                q -> new SearchRequest(q, topK, m, null, null)), language);
    }

    private void print(PrintStream out, Asked asked) {
        Answer a = asked.answer();
        if (json) {
            out.println(AnswerJson.of(a).put("language", asked.language().code()).toString());
        } else {
            out.println(TerminalText.safe(AnswerText.plain(a)));
        }
    }

    static void requireIndex(App app) {
        if (!app.archive().exists()) {
            throw new org.newsdesk.index.IndexException("no index in " + app.archive().describe()
                    + " yet: run 'newsdesk index' first (or 'newsdesk chat', which indexes on first start)");
        }
    }
}
