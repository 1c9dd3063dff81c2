package org.newsdesk.cli;

import org.newsdesk.app.App;
import org.newsdesk.config.ConfigException;
import org.newsdesk.config.ConfigLoader;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.corpus.CorpusException;
import org.newsdesk.index.IndexException;
import org.newsdesk.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.util.Map;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The {@code newsdesk} command line. Exit codes: 0 success, 1 failure (one clear line; the stack trace only with
 * {@code --verbose}), 2 usage error (a bad option, or a bad setting: its line names the file or variable).
 */
@Command(name = "newsdesk", mixinStandardHelpOptions = true, version = "newsdesk 0.1.0",
        description = "Answers questions about a news archive with cited passages.",
        subcommands = {IndexCommand.class, AskCommand.class, ChatCommand.class, EvalCommand.class, BenchCommand.class,
                BotCommand.class, SyncCommand.class})
public final class Main implements Runnable {
    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Configuration file (default: config/newsdesk.yaml if present).")
    Path configFile;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where the index and database live (overrides data-dir).")
    Path dataDir;

    @Option(names = "--corpus", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "The article archive (overrides corpus-dir).")
    Path corpusDir;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of failures.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** The environment settings are read from (tests hand in their own). */
    private Map<String, String> env = System.getenv();

    /** Runs the CLI and returns the exit code (tests call this). */
    public static int run(String... args) {
        return run(System.getenv(), args);
    }

    /** Runs the CLI with {@code env} as the environment (tests: a token without a process environment). */
    public static int run(Map<String, String> env, String... args) {
        Main main = new Main();
        main.env = env;
        CommandLine cli = new CommandLine(main);
        cli.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (main.verbose) {
                e.printStackTrace(err);
            }
            err.println("newsdesk: " + userMessage(e));
            err.flush();
            // A bad setting is a usage error, like a bad option: exit 2 (as a missing bot token), not a failure.
            return e instanceof BadSettings ? 2 : 1;
        });
        // A value our commands reject (a question too long, --k 0) gets one line and a hint, not the whole usage;
        // picocli's own parse errors (an unknown option, a missing parameter) keep their usage text.
        CommandLine.IParameterExceptionHandler parseErrors = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((ex, rest) -> {
            if (ex.getClass() != CommandLine.ParameterException.class) {
                return parseErrors.handleParseException(ex, rest);
            }
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            err.println("newsdesk: " + ex.getMessage());
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        return cli.execute(args);
    }

    /** One line for a failure; our own exceptions carry messages meant for users. */
    static String userMessage(Throwable e) {
        if (e instanceof ConfigException || e instanceof IndexException || e instanceof CorpusException
                || e instanceof StoreException) {
            return e.getMessage();
        }
        String msg = e.getMessage();
        return e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg) + " (run with --verbose for details)";
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'newsdesk chat', or --help");
    }

    /** The configuration with command-line overrides applied. */
    NewsdeskConfig config() {
        NewsdeskConfig c;
        try {
            c = new ConfigLoader().load(configFile, env);
        } catch (ConfigException e) {
            throw new BadSettings(e);
        }
        return c.withPaths(dataDir != null ? dataDir : c.dataDir(), corpusDir != null ? corpusDir : c.corpusDir());
    }

    /**
     * A setting the loader rejected (its message names the file or variable): a usage error, exit 2. Faults met
     * later with valid settings (a cluster that cannot be reached, a data directory that cannot be created) exit 1.
     */
    static final class BadSettings extends ConfigException {
        BadSettings(ConfigException e) {
            super(e.getMessage(), e);
        }
    }

    App app() {
        return new App(config(), Clock.systemUTC());
    }
}
