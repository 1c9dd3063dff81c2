package org.newsdesk.cli;

import org.newsdesk.app.App;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.newsdesk.answer.Answer;
import org.newsdesk.eval.Evaluator;
import org.newsdesk.eval.QaItem;
import org.newsdesk.search.SearchRequest;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate retrieval and answers on a JSONL question file (MultiHop-RAG format).")
final class EvalCommand implements Callable<Integer> {
    @ParentCommand
    Main main;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--qa", paramLabel = "FILE",
            description = "Questions, one JSON object per line (repeat to evaluate several files together, e.g. the "
                    + "dev split and the near-miss questions for --calibrate).")
    List<Path> qaFiles;

    @Option(names = "--conversations", paramLabel = "FILE", description = "Conversations, one JSON object per line "
            + "(conversations-dev.jsonl): each is run through the chat core in a fresh chat and every turn checked.")
    Path conversations;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--mode", paramLabel = "MODE", description = "hybrid, bm25 or knn (default: search.mode).")
    String mode;

    @Option(names = "--k", paramLabel = "N", defaultValue = "10", description = "Passages retrieved (default ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N questions.")
    Integer limit;

    @Option(names = "--calibrate", description = "Also print the abstention threshold sweep (evidence score vs. "
            + "answerable), and the best threshold that keeps false abstentions at or below 10 %%.")
    boolean calibrate;

    @Option(names = "--details", paramLabel = "FILE", description = "Write each question's answer as JSONL here.")
    Path details;

    @Override
    public Integer call() throws IOException {
        if (conversations != null) {
            return ConversationsEval.run(main, spec, conversations, json);
        }
        if (qaFiles == null || qaFiles.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --qa FILE (questions) or "
                    + "--conversations FILE");
        }
        List<QaItem> items = new java.util.ArrayList<>();
        for (Path qaFile : qaFiles) {
            if (!Files.isRegularFile(qaFile)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "question file not found: " + qaFile);
            }
            try {
                items.addAll(QaItem.read(qaFile, System.err::println));
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (items.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no questions in " + qaFiles
                    + ": each line is one JSON object with a 'query'");
        }
        if (limit != null) {
            items = items.subList(0, Math.min(limit, items.size()));
        }
        try (App app = main.app()) {
            AskCommand.requireIndex(app);
            SearchRequest.Mode m = SearchRequest.Mode.parse(mode != null ? mode : app.config().search().mode());
            Evaluator evaluator = new Evaluator();
            PrintWriter detailOut = details == null ? null
                    : new PrintWriter(Files.newBufferedWriter(details, StandardCharsets.UTF_8));
            try {
                for (QaItem q : items) {
                    Answer a = app.answers().ask(q.query(), k, m);
                    evaluator.add(q, a);
                    if (detailOut != null) {
                        ObjectNode o = AnswerJson.of(a);
                        o.put("id", q.id());
                        o.put("question_type", q.type());
                        o.put("gold_answer", q.answer());
                        o.putPOJO("gold_answers", q.answers());
                        o.putPOJO("gold_articles", q.goldArticles());
                        detailOut.println(o);
                    }
                }
            } finally {
                if (detailOut != null) {
                    detailOut.close();
                }
            }
            Evaluator.Report report = evaluator.report();
            if (json) {
                System.out.println(AnswerJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report));
            } else {
                System.out.printf("mode %s, k %d, passages %d words (max %d), model %s%n", m.name().toLowerCase(), k,
                        app.config().index().passageWords(), app.config().index().passageMaxWords(),
                        app.config().index().embeddingModel());
                System.out.print(report.table());
            }
            if (calibrate) {
                double yesNo = app.config().answer().abstainThresholdYesNo();
                List<Evaluator.ThresholdRow> sweep = evaluator.calibration(yesNo);
                Evaluator.ThresholdRow best = null;
                System.out.printf(java.util.Locale.ROOT, "abstain-threshold (yes/no questions held at "
                        + "abstain-threshold-yes-no %.2f)%n", yesNo);
                System.out.println("abstain-threshold  abstained-on-unanswerable  false-abstentions  balanced-accuracy");
                for (Evaluator.ThresholdRow r : sweep) {
                    System.out.printf(java.util.Locale.ROOT, "%.2f               %.4f                     %.4f             %.4f%n",
                            r.threshold(), r.abstentionAccuracy(), r.falseAbstentionRate(), r.balancedAccuracy());
                    if (best == null || r.balancedAccuracy() > best.balancedAccuracy()) {
                        best = r;
                    }
                }
                System.out.printf(java.util.Locale.ROOT, "best balanced accuracy %.4f at abstain-threshold %.2f%n",
                        best.balancedAccuracy(), best.threshold());
                Evaluator.ThresholdRow pick = Evaluator.calibrated(sweep);
                if (pick != null) {
                    System.out.printf(java.util.Locale.ROOT, "best balanced accuracy among abstain-thresholds declining "
                            + ">= 90 %% of unanswerable questions with false abstentions <= 10 %%: %.2f (declines %.4f, "
                            + "%.4f false abstentions); shipped: %.2f%n", pick.threshold(), pick.abstentionAccuracy(),
                            pick.falseAbstentionRate(), app.config().answer().abstainThreshold());
                } else {
                    System.out.println("no abstain-threshold declines >= 90 % of unanswerable questions with false "
                            + "abstentions <= 10 %");
                }
            }
            return 0;
        }
    }
}
