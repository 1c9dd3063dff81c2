package org.newsdesk.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.newsdesk.StdStreams;
import org.newsdesk.TestFixtures;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Every command in README.md and docs/: the quick start is the two commands CI and a newcomer run (its console
 * command runs here on the seed corpus and must print the README's example reply), every {@code newsdesk.jar}
 * command line in a shell block or inline code parses with picocli (the long benchmarks are checked for parsing
 * only), and every other command is one of a known few, each said below to be run elsewhere or not runnable here.
 */
@Timeout(180)
class DocsCommandsTest {
    @RegisterExtension
    final StdStreams std = new StdStreams();
    @TempDir
    Path tmp;

    /** Commands that are not ours, and who runs them. A new kind of command in the docs must be added here. */
    private static final Map<String, String> OTHERS = Map.of(
            "mvn", "CI runs `mvn -B clean verify` (.ci/run); the package build is the quick start's first half",
            "docker", "needs a container runtime (none here): the compose file is validated by DeploymentFilesTest",
            "export", "sets an environment variable",
            "cp", "copies .env.example, which DeploymentFilesTest checks",
            "curl", "needs a running bot: the endpoint is tested by OperationsDocsTest and BotOpsTest",
            "echo", "pipes a question into a newsdesk command (checked as such)");
    private static final Pattern FENCE = Pattern.compile("(?m)^\\s*```([a-z]*)\\s*$");
    private static final Pattern INLINE = Pattern.compile("`(java [^`]*newsdesk\\.jar[^`]*)`");

    static List<Path> docs() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> s = Files.list(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        return files;
    }

    /** The logical lines of the shell blocks (continuations joined, comments and blanks dropped), then inline code. */
    static List<String> commands(String markdown) {
        List<String> out = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        boolean inBlock = false;
        boolean shell = false;
        StringBuilder pending = new StringBuilder();
        for (String line : lines) {
            Matcher f = FENCE.matcher(line);
            if (f.matches()) {
                inBlock = !inBlock;
                shell = inBlock && List.of("", "sh", "bash", "shell").contains(f.group(1));
                continue;
            }
            if (!inBlock || !shell) {
                continue;
            }
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (s.endsWith("\\")) {
                pending.append(s, 0, s.length() - 1).append(' ');
                continue;
            }
            out.add(pending + s);
            pending.setLength(0);
        }
        Matcher m = INLINE.matcher(markdown);
        while (m.find()) {
            out.add(m.group(1).replaceAll("\\s+", " "));
        }
        return out;
    }

    /** Shell-like words: quotes group, a trailing comment ends the line. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (c == '#' && w.isEmpty()) {
                break;
            } else if (Character.isWhitespace(c)) {
                if (any || !w.isEmpty()) {
                    words.add(w.toString());
                }
                w.setLength(0);
                any = false;
            } else {
                w.append(c);
            }
        }
        if (any || !w.isEmpty()) {
            words.add(w.toString());
        }
        return words;
    }

    @Test
    void everyCommandInTheDocsParsesOrIsAKnownOtherTool() throws Exception {
        int ours = 0;
        for (Path doc : docs()) {
            for (String command : commands(Files.readString(doc))) {
                for (String segment : command.split("&&|\\|")) {
                    List<String> w = new ArrayList<>(words(segment.strip()));
                    while (!w.isEmpty() && w.get(0).matches("[A-Z_]+=.*")) {
                        w.remove(0); // VAR=value before the command
                    }
                    if (w.isEmpty()) {
                        continue;
                    }
                    int jar = w.indexOf("-jar");
                    if (w.get(0).equals("java") && jar > 0 && w.get(jar + 1).endsWith("newsdesk.jar")) {
                        List<String> args = w.subList(jar + 2, w.size());
                        try {
                            CommandLine.ParseResult r =
                                    new CommandLine(new Main()).parseArgs(args.toArray(String[]::new));
                            assertThat(r.hasSubcommand()).as(doc + ": " + command + " names a command").isTrue();
                        } catch (CommandLine.ParameterException e) {
                            fail(doc + ": `" + command + "` does not parse: " + e.getMessage());
                        }
                        ours++;
                    } else if (w.get(0).equals("java") && w.contains("org.newsdesk.backend.solr.LocalSolrCloud")) {
                        assertThat(Path.of("src/test/java/org/newsdesk/backend/solr/LocalSolrCloud.java")).exists();
                    } else {
                        assertThat(OTHERS).as(doc + ": `" + command + "`: a command no test or CI script runs")
                                .containsKey(w.get(0));
                    }
                }
            }
        }
        assertThat(ours).as("newsdesk commands found in the docs").isGreaterThan(20);
    }

    @Test
    void theQuickStartIsTheTwoCommandsAndItsConsoleGivesTheReadmeExample() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## Quick start");
        String quick = readme.substring(start, readme.indexOf("\n## ", start + 5));
        assertThat(commands(quick)).containsExactly(
                "mvn -B -q clean package -DskipTests && java -jar target/newsdesk.jar chat", "mvn -B clean verify");
        assertThat(Files.readString(Path.of(".ci/run"))).as("CI runs the README's test command")
                .contains("\nmvn -B clean verify");
        // the example reply at the top of the README, from the console on the seed corpus
        Matcher example = Pattern.compile("```text\\n\\$ echo \"([^\"]+)\" \\| java -jar target/newsdesk.jar chat\\n"
                + "([\\s\\S]*?)```").matcher(readme);
        assertThat(example.find()).as("the README's example").isTrue();
        Path corpus = tmp.resolve("corpus");
        TestFixtures.copySeedCorpus(corpus);
        System.setIn(new ByteArrayInputStream((example.group(1) + "\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.run("--data-dir", tmp.resolve("data").toString(), "--corpus", corpus.toString(), "chat"))
                .isZero();
        assertThat(std.out().strip()).isEqualTo(example.group(2).strip());
    }
}
