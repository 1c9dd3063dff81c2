package org.newsdesk.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Every setting of the product. Loaded by {@link ConfigLoader} from {@code config/newsdesk.yaml},
 * overridden by {@code NEWSDESK_*} environment variables. Keys are kebab-case in YAML.
 */
public record NewsdeskConfig(Path dataDir, Path corpusDir, Index index, Search search, Answer answer,
                             Chat chat, Telegram telegram, Llm llm, List<Source> sources, Fetch fetch,
                             History history, Ops ops, Solr solr, Log log,
                             java.util.Map<String, ChatAccess> chats, Alerts alerts) {

    /** The origin (see {@code PassageDocuments#originOf}) of the files of corpus-dir itself. */
    public static final String CORPUS_ORIGIN = "corpus";

    public NewsdeskConfig {
        log = log == null ? Log.DEFAULTS : log;
        sources = sources == null ? List.of() : List.copyOf(sources);
        fetch = fetch == null ? Fetch.defaults() : fetch;
        history = history == null ? History.DEFAULTS : history;
        ops = ops == null ? Ops.defaults() : ops;
        solr = solr == null ? Solr.DEFAULTS : solr;
        Set<String> names = new java.util.HashSet<>();
        for (Source s : sources) {
            if (!names.add(s.name())) {
                throw new ConfigException("sources: the name '" + s.name() + "' is used twice; names must be unique");
            }
        }
        alerts = alerts == null ? Alerts.DEFAULTS : alerts;
        chats = chats == null ? java.util.Map.of() : java.util.Map.copyOf(chats);
        java.util.SortedSet<String> known = originNames(sources);
        for (var e : chats.entrySet()) {
            String key = "chats." + e.getKey();
            try {
                Long.parseLong(e.getKey().strip());
            } catch (NumberFormatException ex) {
                throw new ConfigException(key + ": a chat is named by its numeric id, e.g. \"-1001234\"");
            }
            if (e.getValue() == null || e.getValue().sources().isEmpty()) {
                throw new ConfigException(key + ".sources must list at least one source name");
            }
            for (String name : e.getValue().sources()) {
                if (!known.contains(name)) {
                    throw new ConfigException(key + ".sources: unknown source '" + name + "' (known: "
                            + String.join(", ", known) + ")");
                }
            }
        }
    }

    /** Before topic alerts: their defaults. */
    public NewsdeskConfig(Path dataDir, Path corpusDir, Index index, Search search, Answer answer, Chat chat,
                          Telegram telegram, Llm llm, List<Source> sources, Fetch fetch, History history, Ops ops,
                          Solr solr, Log log, java.util.Map<String, ChatAccess> chats) {
        this(dataDir, corpusDir, index, search, answer, chat, telegram, llm, sources, fetch, history, ops, solr,
                log, chats, Alerts.DEFAULTS);
    }

    /**
     * Topic alerts (/follow): after each sync the new articles that match a chat's topics are sent to it.
     *
     * @param maxTopics topics one chat may follow
     * @param maxPerDay alert messages one chat gets per UTC day at most (one per sync)
     */
    public record Alerts(int maxTopics, int maxPerDay) {
        public static final Alerts DEFAULTS = new Alerts(20, 10);

        public Alerts {
            requireRange("alerts.max-topics", maxTopics, 1, 1000);
            requireRange("alerts.max-per-day", maxPerDay, 0, 1000);
        }
    }

    /** Before per-chat archives: no chat is restricted. */
    public NewsdeskConfig(Path dataDir, Path corpusDir, Index index, Search search, Answer answer, Chat chat,
                          Telegram telegram, Llm llm, List<Source> sources, Fetch fetch, History history, Ops ops,
                          Solr solr, Log log) {
        this(dataDir, corpusDir, index, search, answer, chat, telegram, llm, sources, fetch, history, ops, solr,
                log, java.util.Map.of());
    }

    /** Without the log settings: their defaults (no question text in the log). */
    public NewsdeskConfig(Path dataDir, Path corpusDir, Index index, Search search, Answer answer, Chat chat,
                          Telegram telegram, Llm llm, List<Source> sources, Fetch fetch, History history, Ops ops,
                          Solr solr, java.util.Map<String, ChatAccess> chats) {
        this(dataDir, corpusDir, index, search, answer, chat, telegram, llm, sources, fetch, history, ops, solr,
                Log.DEFAULTS, chats);
    }

    /**
     * The names a chat's archive can be made of: "corpus" (the files of corpus-dir), "added" (articles added with
     * /add) and every configured source, sorted.
     */
    public java.util.SortedSet<String> originNames() {
        return originNames(sources);
    }

    private static java.util.SortedSet<String> originNames(List<Source> sources) {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        names.add(CORPUS_ORIGIN);
        names.add("added");
        sources.forEach(s -> names.add(s.name()));
        return names;
    }

    /**
     * The origin the index records for a source's articles: its name, except for a folder source that is
     * corpus-dir itself, whose files are read as corpus-dir's ("corpus").
     */
    public String originOf(Source s) {
        if (s.type().equals("folder") && corpusDir != null && Path.of(s.path()).toAbsolutePath().normalize()
                .equals(corpusDir.toAbsolutePath().normalize())) {
            return CORPUS_ORIGIN;
        }
        return s.name();
    }

    /**
     * A chat restricted to some sources (config {@code chats: {"-1001234": {sources: [desk-internal, sport]}}}):
     * its answers, digests, inline answers and buttons use those alone.
     */
    public record ChatAccess(List<String> sources) {
        public ChatAccess {
            sources = sources == null ? List.of() : List.copyOf(sources);
        }
    }

    /** Without the log settings: their defaults (no question text in the log). */
    public NewsdeskConfig(Path dataDir, Path corpusDir, Index index, Search search, Answer answer, Chat chat,
                          Telegram telegram, Llm llm, List<Source> sources, Fetch fetch, History history, Ops ops,
                          Solr solr) {
        this(dataDir, corpusDir, index, search, answer, chat, telegram, llm, sources, fetch, history, ops, solr,
                Log.DEFAULTS);
    }

    /** Without the ops settings: the ops endpoint is off. */
    public NewsdeskConfig(Path dataDir, Path corpusDir, Index index, Search search, Answer answer, Chat chat,
                          Telegram telegram, Llm llm, List<Source> sources, Fetch fetch, History history) {
        this(dataDir, corpusDir, index, search, answer, chat, telegram, llm, sources, fetch, history, Ops.defaults());
    }

    /** Without the history settings: they get their defaults. */
    public NewsdeskConfig(Path dataDir, Path corpusDir, Index index, Search search, Answer answer, Chat chat,
                          Telegram telegram, Llm llm, List<Source> sources, Fetch fetch) {
        this(dataDir, corpusDir, index, search, answer, chat, telegram, llm, sources, fetch, History.DEFAULTS);
    }

    /** Without the SolrCloud settings: their defaults (the embedded Lucene backend does not read them). */
    public NewsdeskConfig(Path dataDir, Path corpusDir, Index index, Search search, Answer answer, Chat chat,
                          Telegram telegram, Llm llm, List<Source> sources, Fetch fetch, History history, Ops ops) {
        this(dataDir, corpusDir, index, search, answer, chat, telegram, llm, sources, fetch, history, ops,
                Solr.DEFAULTS);
    }

    /** Without sources: the archive is the corpus folder alone, fetched with the default settings. */
    public NewsdeskConfig(Path dataDir, Path corpusDir, Index index, Search search, Answer answer, Chat chat,
                          Telegram telegram, Llm llm) {
        this(dataDir, corpusDir, index, search, answer, chat, telegram, llm, List.of(), Fetch.defaults());
    }

    /** A copy with other directories (command-line overrides), keeping everything else. */
    public NewsdeskConfig withPaths(Path dataDir, Path corpusDir) {
        return new NewsdeskConfig(dataDir, corpusDir, index, search, answer, chat, telegram, llm, sources, fetch,
                history, ops, solr, log, chats, alerts);
    }

    /** A copy with other sources and fetch settings (tests, benchmarks). */
    public NewsdeskConfig withSources(List<Source> sources, Fetch fetch) {
        return new NewsdeskConfig(dataDir, corpusDir, index, search, answer, chat, telegram, llm, sources, fetch,
                history, ops, solr, log, chats, alerts);
    }

    /** A copy with other alert limits (tests). */
    public NewsdeskConfig withAlerts(Alerts alerts) {
        return new NewsdeskConfig(dataDir, corpusDir, index, search, answer, chat, telegram, llm, sources, fetch,
                history, ops, solr, log, chats, alerts);
    }

    /** A copy with other ops settings (tests). */
    public NewsdeskConfig withOps(Ops ops) {
        return new NewsdeskConfig(dataDir, corpusDir, index, search, answer, chat, telegram, llm, sources, fetch,
                history, ops, solr, log, chats, alerts);
    }

    /**
     * What the bot logs per question (one INFO line: hashed chat id, latency, composer, abstained, citations).
     *
     * @param questions also log the question's text (off: questions can be personal)
     */
    public record Log(boolean questions) {
        public static final Log DEFAULTS = new Log(false);
    }

    /** How long the question log and the answers behind buttons are kept (pruned at start and every few hours). */
    public record History(int keepDays, int maxRows) {
        public static final History DEFAULTS = new History(365, 1_000_000);

        public History {
            requireRange("history.keep-days", keepDays, 1, 36_500);
            requireRange("history.max-rows", maxRows, 1_000, 100_000_000);
        }
    }

    /**
     * The health/readiness/metrics endpoint of the bot ({@code /healthz}, {@code /readyz}, {@code /metrics}) and
     * its watchdog.
     *
     * @param port         0 = off
     * @param bind         local address; 127.0.0.1 unless a scraper on another host needs it
     * @param stallSeconds long polling without progress for this long: /readyz fails and the watchdog exits
     */
    public record Ops(int port, String bind, int stallSeconds) {
        public Ops {
            requireRange("ops.port", port, 0, 65535);
            // a quiet long poll lasts up to 50 s (plus a 15 s read margin) without any progress to report
            requireRange("ops.stall-seconds", stallSeconds, 75, 86_400);
            if (bind == null || bind.isBlank()) {
                throw new ConfigException("ops.bind must be an address such as 127.0.0.1");
            }
        }

        public static Ops defaults() {
            return new Ops(0, "127.0.0.1", 180);
        }
    }

    /** How articles become passages and vectors. */
    public record Index(String embeddingModel, int passageWords, int passageMaxWords, int overlapSentences,
                        int embedThreads, int modelThreads, int questionModelThreads, int embedBatchSize, boolean headerInText, int hnswM, int hnswBeamWidth,
                        int maxSegments, String embeddingProvider, String embeddingBaseUrl,
                        String embeddingRemoteModel, int embeddingDimensions, int embeddingConcurrency,
                        int embeddingTimeoutSeconds, int embeddingMaxRetries, int embeddingQuestionTimeoutSeconds,
                        String embeddingApiKey, int passageMaxChars, double maxShrink) {
        /** Vector sizes Lucene's HNSW format indexes here (the index widens its default limit of 1024). */
        public static final int MAX_EMBEDDING_DIMENSIONS = 4096;
        /** Default bound on a passage's characters (a 300-word passage of ordinary prose is about 1,900). */
        public static final int DEFAULT_PASSAGE_MAX_CHARS = 3000;
        /** Default share of the live index's articles a reindex may drop before it refuses to go live. */
        public static final double DEFAULT_MAX_SHRINK = 0.5;

        public Index {
            requireRange("index.passage-words", passageWords, 20, 1000);
            requireRange("index.passage-max-words", passageMaxWords, passageWords, 2000);
            requireRange("index.overlap-sentences", overlapSentences, 0, 5);
            requireRange("index.embed-threads", embedThreads, 0, 64);
            requireRange("index.model-threads", modelThreads, 0, 64);
            requireRange("index.question-model-threads", questionModelThreads, 0, 64);
            requireRange("index.embed-batch-size", embedBatchSize, 1, 4096);
            requireRange("index.hnsw-m", hnswM, 2, 512);
            requireRange("index.hnsw-beam-width", hnswBeamWidth, 2, 3200);
            requireRange("index.max-segments", maxSegments, 0, 1000);
            if (!Set.of("local", "openai", "ollama").contains(embeddingProvider)) {
                throw new ConfigException("index.embedding-provider must be one of local, openai, ollama (was '"
                        + embeddingProvider + "')");
            }
            embeddingBaseUrl = embeddingBaseUrl == null ? "" : embeddingBaseUrl.trim();
            embeddingRemoteModel = embeddingRemoteModel == null ? "" : embeddingRemoteModel.trim();
            if (!embeddingBaseUrl.isEmpty() && !embeddingBaseUrl.matches("https?://\\S+")) {
                throw new ConfigException("index.embedding-base-url must be an http:// or https:// URL (was '"
                        + embeddingBaseUrl + "')");
            }
            if (!"local".equals(embeddingProvider)) { // the fields are not assigned yet: read the parameter
                if (embeddingRemoteModel.isEmpty()) {
                    throw new ConfigException("index.embedding-remote-model must name the server's embedding model "
                            + "when index.embedding-provider is " + embeddingProvider);
                }
                if (embeddingDimensions == 0) {
                    throw new ConfigException("index.embedding-dimensions must be set to the vector size of "
                            + embeddingRemoteModel + " when index.embedding-provider is " + embeddingProvider);
                }
                requireRange("index.embedding-dimensions", embeddingDimensions, 1, MAX_EMBEDDING_DIMENSIONS);
            } else if (embeddingDimensions != 0 && embeddingDimensions != 384) {
                throw new ConfigException("index.embedding-dimensions must be 0 or 384 for the local models (was "
                        + embeddingDimensions + ")");
            }
            requireRange("index.embedding-concurrency", embeddingConcurrency, 1, 64);
            requireRange("index.embedding-timeout-seconds", embeddingTimeoutSeconds, 1, 600);
            requireRange("index.embedding-max-retries", embeddingMaxRetries, 0, 20);
            requireRange("index.embedding-question-timeout-seconds", embeddingQuestionTimeoutSeconds, 1, 600);
            requireRange("index.passage-max-chars", passageMaxChars, 200, 100_000);
            if (!(maxShrink >= 0.0 && maxShrink <= 1.0)) {
                throw new ConfigException("index.max-shrink must be between 0.0 and 1.0 (was " + maxShrink + ")");
            }
        }

        /** The settings before passage-max-chars and max-shrink, which get their defaults. */
        public Index(String embeddingModel, int passageWords, int passageMaxWords, int overlapSentences,
                     int embedThreads, int modelThreads, int questionModelThreads, int embedBatchSize,
                     boolean headerInText, int hnswM, int hnswBeamWidth, int maxSegments, String embeddingProvider,
                     String embeddingBaseUrl, String embeddingRemoteModel, int embeddingDimensions,
                     int embeddingConcurrency, int embeddingTimeoutSeconds, int embeddingMaxRetries,
                     int embeddingQuestionTimeoutSeconds, String embeddingApiKey) {
            this(embeddingModel, passageWords, passageMaxWords, overlapSentences, embedThreads, modelThreads,
                    questionModelThreads, embedBatchSize, headerInText, hnswM, hnswBeamWidth, maxSegments,
                    embeddingProvider, embeddingBaseUrl, embeddingRemoteModel, embeddingDimensions,
                    embeddingConcurrency, embeddingTimeoutSeconds, embeddingMaxRetries, embeddingQuestionTimeoutSeconds,
                    embeddingApiKey, DEFAULT_PASSAGE_MAX_CHARS, DEFAULT_MAX_SHRINK);
        }

        /** The settings before remote embeddings: the local ONNX model. */
        public Index(String embeddingModel, int passageWords, int passageMaxWords, int overlapSentences,
                     int embedThreads, int modelThreads, int questionModelThreads, int embedBatchSize,
                     boolean headerInText, int hnswM, int hnswBeamWidth, int maxSegments) {
            this(embeddingModel, passageWords, passageMaxWords, overlapSentences, embedThreads, modelThreads,
                    questionModelThreads, embedBatchSize, headerInText, hnswM, hnswBeamWidth, maxSegments, "local", "",
                    "", 0, 4, 60, 4, 5, null);
        }

        /** Whether passages and questions are embedded by a model server rather than in process. */
        public boolean remoteEmbeddings() {
            return !"local".equals(embeddingProvider);
        }

        /** A copy with another embedding API key (tests; the key itself only ever comes from the environment). */
        public Index withEmbeddingApiKey(String key) {
            return new Index(embeddingModel, passageWords, passageMaxWords, overlapSentences, embedThreads,
                    modelThreads, questionModelThreads, embedBatchSize, headerInText, hnswM, hnswBeamWidth, maxSegments,
                    embeddingProvider, embeddingBaseUrl, embeddingRemoteModel, embeddingDimensions,
                    embeddingConcurrency, embeddingTimeoutSeconds, embeddingMaxRetries, embeddingQuestionTimeoutSeconds,
                    key, passageMaxChars, maxShrink);
        }

        @Override
        public String toString() {
            return "Index[embeddingModel=" + embeddingModel + ", passageWords=" + passageWords + ", passageMaxWords="
                    + passageMaxWords + ", overlapSentences=" + overlapSentences + ", embedThreads=" + embedThreads
                    + ", modelThreads=" + modelThreads + ", questionModelThreads=" + questionModelThreads
                    + ", embedBatchSize=" + embedBatchSize + ", headerInText=" + headerInText + ", hnswM=" + hnswM
                    + ", hnswBeamWidth=" + hnswBeamWidth + ", maxSegments=" + maxSegments + ", embeddingProvider="
                    + embeddingProvider + ", embeddingBaseUrl=" + embeddingBaseUrl + ", embeddingRemoteModel="
                    + embeddingRemoteModel + ", embeddingDimensions=" + embeddingDimensions + ", embeddingConcurrency="
                    + embeddingConcurrency + ", embeddingTimeoutSeconds=" + embeddingTimeoutSeconds
                    + ", embeddingMaxRetries=" + embeddingMaxRetries + ", embeddingQuestionTimeoutSeconds="
                    + embeddingQuestionTimeoutSeconds + ", embeddingApiKey="
                    + (embeddingApiKey == null || embeddingApiKey.isBlank() ? "<unset>" : "<redacted>")
                    + ", passageMaxChars=" + passageMaxChars + ", maxShrink=" + maxShrink + "]";
        }
    }

    /** Hybrid retrieval: BM25 and KNN candidates fused by reciprocal rank. */
    public record Search(String mode, int k, int candidates, int rrfK, double bm25Weight, double knnWeight,
                         double titleBoost, double metadataBoost, double metadataWeight, int focusDepth,
                         int rerankDepth, double sentenceWeight, boolean articleContrast,
                         boolean collapseDuplicates, boolean embedContentWords, String backend) {
        public Search {
            if (!Set.of("hybrid", "bm25", "knn").contains(mode)) {
                throw new ConfigException("search.mode must be one of hybrid, bm25, knn (was '" + mode + "')");
            }
            backend = backend == null ? "lucene" : backend;
            if (!Set.of("lucene", "solr").contains(backend)) {
                throw new ConfigException("search.backend must be one of lucene, solr (was '" + backend + "')");
            }
            requireRange("search.k", k, 1, 100);
            requireRange("search.candidates", candidates, k, 2000);
            requireRange("search.rrf-k", rrfK, 1, 1000);
            requireRange("search.focus-depth", focusDepth, candidates, 10000);
            requireRange("search.rerank-depth", rerankDepth, 0, 1000);
        }

        /** Without the backend: the embedded Lucene index. */
        public Search(String mode, int k, int candidates, int rrfK, double bm25Weight, double knnWeight,
                      double titleBoost, double metadataBoost, double metadataWeight, int focusDepth, int rerankDepth,
                      double sentenceWeight, boolean articleContrast, boolean collapseDuplicates,
                      boolean embedContentWords) {
            this(mode, k, candidates, rrfK, bm25Weight, knnWeight, titleBoost, metadataBoost, metadataWeight,
                    focusDepth, rerankDepth, sentenceWeight, articleContrast, collapseDuplicates, embedContentWords,
                    "lucene");
        }
    }

    /** How answers are written. */
    public record Answer(String provider, int maxSentences, int maxSources, double abstainThreshold,
                         double shortAnswerSupport, double abstainThresholdYesNo, double shortAnswerConfidence) {
        /** Default support a sentence must give a short answer before the reply starts with it (README, "Answers"). */
        public static final double DEFAULT_SHORT_ANSWER_SUPPORT = 0.15;

        public Answer {
            if (!Set.of("extractive", "openai", "ollama").contains(provider)) {
                throw new ConfigException("answer.provider must be one of extractive, openai, ollama (was '" + provider + "')");
            }
            requireRange("answer.max-sentences", maxSentences, 1, 10);
            requireRange("answer.max-sources", maxSources, 1, 20);
            if (!(abstainThreshold >= 0 && abstainThreshold <= 1)) {
                throw new ConfigException("answer.abstain-threshold must be between 0 and 1 (was " + abstainThreshold + ")");
            }
            if (!(shortAnswerSupport >= 0 && shortAnswerSupport <= 1)) {
                throw new ConfigException("answer.short-answer-support must be between 0 and 1 (was "
                        + shortAnswerSupport + ")");
            }
            if (!(abstainThresholdYesNo >= 0 && abstainThresholdYesNo <= 1)) {
                throw new ConfigException("answer.abstain-threshold-yes-no must be between 0 and 1 (was "
                        + abstainThresholdYesNo + ")");
            }
            if (!(shortAnswerConfidence >= 0 && shortAnswerConfidence <= 1)) {
                throw new ConfigException("answer.short-answer-confidence must be between 0 and 1 (was "
                        + shortAnswerConfidence + ")");
            }
        }

        /** Default confidence a short answer needs to lead the reply in bold (README, "Answers"). */
        public static final double DEFAULT_SHORT_ANSWER_CONFIDENCE = 0.75;

        public Answer(String provider, int maxSentences, int maxSources, double abstainThreshold,
                      double shortAnswerSupport, double abstainThresholdYesNo) {
            this(provider, maxSentences, maxSources, abstainThreshold, shortAnswerSupport, abstainThresholdYesNo,
                    DEFAULT_SHORT_ANSWER_CONFIDENCE);
        }

        /** Without short-answer-support and abstain-threshold-yes-no: the default support, one threshold for all. */
        public Answer(String provider, int maxSentences, int maxSources, double abstainThreshold) {
            this(provider, maxSentences, maxSources, abstainThreshold, DEFAULT_SHORT_ANSWER_SUPPORT, abstainThreshold,
                    DEFAULT_SHORT_ANSWER_CONFIDENCE);
        }

        /**
         * The evidence a question needs before it is answered: {@link #abstainThresholdYesNo} for a yes/no question,
         * whose extractive reply only shows the cited facts it compares and never says yes or no;
         * {@link #abstainThreshold} for every other question, whose reply gives an answer (a name, a date, a quoted
         * explanation).
         */
        public double abstainThreshold(boolean yesNoQuestion) {
            return yesNoQuestion ? abstainThresholdYesNo : abstainThreshold;
        }
    }

    /** The conversation core: who is admin, limits. */
    public record Chat(List<Long> admins, int maxQuestionChars, int userQuestionsPerMinute,
                       int chatQuestionsPerMinute, List<Long> allowedChats, List<Long> allowedUsers,
                       int memoryTurns) {
        /** Default turns of conversation memory kept per chat (per user in a group). */
        public static final int DEFAULT_MEMORY_TURNS = 5;

        public Chat {
            admins = admins == null ? List.of() : List.copyOf(admins);
            allowedChats = allowedChats == null ? List.of() : List.copyOf(allowedChats);
            allowedUsers = allowedUsers == null ? List.of() : List.copyOf(allowedUsers);
            requireRange("chat.max-question-chars", maxQuestionChars, 10, 100_000);
            requireRange("chat.memory-turns", memoryTurns, 0, 50);
        }

        /** Without memory-turns: the default number of remembered turns. */
        public Chat(List<Long> admins, int maxQuestionChars, int userQuestionsPerMinute, int chatQuestionsPerMinute,
                    List<Long> allowedChats, List<Long> allowedUsers) {
            this(admins, maxQuestionChars, userQuestionsPerMinute, chatQuestionsPerMinute, allowedChats, allowedUsers,
                    DEFAULT_MEMORY_TURNS);
        }

        public boolean isAdmin(long userId) {
            return admins.contains(userId);
        }
    }

    /**
     * Telegram transport. The token and webhook secret come from the environment only; see {@link #toString()}.
     *
     * @param workers              chats answered at the same time (each chat's messages stay in order)
     * @param sendRetryMinutes     how long a reply is retried through Telegram outages (5xx, timeouts, network
     *                             errors) before it is given up
     * @param maxMessagesPerSecond bot-wide cap of messages and edits in any second (Telegram allows about 30)
     */
    public record Telegram(String token, String apiUrl, String webhookSecret, int workers, int sendRetryMinutes,
                           int maxMessagesPerSecond) {
        public static final int DEFAULT_SEND_RETRY_MINUTES = 10;
        public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 25;

        public Telegram {
            requireRange("telegram.workers", workers, 1, 64);
            requireRange("telegram.send-retry-minutes", sendRetryMinutes, 1, 1440);
            requireRange("telegram.max-messages-per-second", maxMessagesPerSecond, 1, 30);
        }

        public Telegram(String token, String apiUrl, String webhookSecret, int workers) {
            this(token, apiUrl, webhookSecret, workers, DEFAULT_SEND_RETRY_MINUTES, DEFAULT_MAX_MESSAGES_PER_SECOND);
        }

        public Telegram(String token, String apiUrl, String webhookSecret) {
            this(token, apiUrl, webhookSecret, 4);
        }

        @Override
        public String toString() {
            return "Telegram[token=" + (token == null || token.isBlank() ? "<unset>" : "<redacted>")
                    + ", apiUrl=" + apiUrl + ", webhookSecret=" + (webhookSecret == null ? "<unset>" : "<redacted>")
                    + ", workers=" + workers + ", sendRetryMinutes=" + sendRetryMinutes
                    + ", maxMessagesPerSecond=" + maxMessagesPerSecond + "]";
        }
    }

    /** LLM provider settings (used when answer.provider is not extractive). The API key only comes from the environment. */
    public record Llm(String model, String baseUrl, double temperature, int timeoutSeconds, int maxTokens,
                      String apiKey, int contextChars, String uncited, boolean stream, int failuresBeforeCooldown,
                      int cooldownSeconds, String unsupported) {
        /** Default for an answer sentence its cited passages do not support: marked in the reply. */
        public static final String DEFAULT_UNSUPPORTED = "mark";

        public Llm {
            if (!Set.of("fallback", "abstain").contains(uncited)) {
                throw new ConfigException("llm.uncited must be one of fallback, abstain (was '" + uncited + "')");
            }
            if (!Set.of("mark", "drop", "fallback").contains(unsupported)) {
                throw new ConfigException("llm.unsupported must be one of mark, drop, fallback (was '" + unsupported + "')");
            }
            requireRange("llm.timeout-seconds", timeoutSeconds, 1, 600);
            requireRange("llm.max-tokens", maxTokens, 16, 100_000);
            requireRange("llm.context-chars", contextChars, 200, 1_000_000);
            requireRange("llm.failures-before-cooldown", failuresBeforeCooldown, 1, 1000);
            requireRange("llm.cooldown-seconds", cooldownSeconds, 0, 86_400);
        }

        /** The original six settings; the LLM answering settings get their defaults. */
        public Llm(String model, String baseUrl, double temperature, int timeoutSeconds, int maxTokens, String apiKey) {
            this(model, baseUrl, temperature, timeoutSeconds, maxTokens, apiKey, 6000, "fallback", true, 3, 60);
        }

        /** Without llm.unsupported: its default. */
        public Llm(String model, String baseUrl, double temperature, int timeoutSeconds, int maxTokens,
                   String apiKey, int contextChars, String uncited, boolean stream, int failuresBeforeCooldown,
                   int cooldownSeconds) {
            this(model, baseUrl, temperature, timeoutSeconds, maxTokens, apiKey, contextChars, uncited, stream,
                    failuresBeforeCooldown, cooldownSeconds, DEFAULT_UNSUPPORTED);
        }

        /** A copy with another llm.unsupported (tests). */
        public Llm withUnsupported(String value) {
            return new Llm(model, baseUrl, temperature, timeoutSeconds, maxTokens, apiKey, contextChars, uncited, stream,
                    failuresBeforeCooldown, cooldownSeconds, value);
        }

        /** A copy with another API key (tests; the key itself only ever comes from the environment). */
        public Llm withApiKey(String key) {
            return new Llm(model, baseUrl, temperature, timeoutSeconds, maxTokens, key, contextChars, uncited, stream,
                    failuresBeforeCooldown, cooldownSeconds, unsupported);
        }

        @Override
        public String toString() {
            return "Llm[model=" + model + ", baseUrl=" + baseUrl + ", temperature=" + temperature
                    + ", timeoutSeconds=" + timeoutSeconds + ", maxTokens=" + maxTokens
                    + ", contextChars=" + contextChars + ", uncited=" + uncited + ", stream=" + stream
                    + ", failuresBeforeCooldown=" + failuresBeforeCooldown + ", cooldownSeconds=" + cooldownSeconds
                    + ", unsupported=" + unsupported
                    + ", apiKey=" + (apiKey == null || apiKey.isBlank() ? "<unset>" : "<redacted>") + "]";
        }
    }

    /**
     * The SolrCloud cluster used when {@code search.backend} is {@code solr}. The credentials are secrets: they only
     * come from the environment (NEWSDESK_SOLR_USERNAME / NEWSDESK_SOLR_PASSWORD) and {@link #toString()} hides them.
     */
    public record Solr(String zkHosts, String zkChroot, List<String> urls, String collection, int shards,
                       int replicas, String configset, int timeoutSeconds, String username, String password) {
        public static final Solr DEFAULTS = new Solr("", "", List.of(), "newsdesk", 2, 2, "newsdesk", 30, null, null);

        public Solr {
            zkHosts = zkHosts == null ? "" : zkHosts.strip();
            zkChroot = zkChroot == null ? "" : zkChroot.strip();
            urls = urls == null ? List.of() : List.copyOf(urls);
            if (collection == null || !collection.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,60}")) {
                throw new ConfigException("solr.collection must be a Solr alias name: letters, digits, '_', '-', '.' "
                        + "(was '" + collection + "')");
            }
            if (configset == null || !configset.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,60}")) {
                throw new ConfigException("solr.configset must be a name of letters, digits, '_', '-', '.' (was '"
                        + configset + "')");
            }
            requireRange("solr.shards", shards, 1, 1024);
            requireRange("solr.replicas", replicas, 1, 16);
            requireRange("solr.timeout-seconds", timeoutSeconds, 1, 600);
            if ((username == null || username.isEmpty()) != (password == null || password.isEmpty())) {
                throw new ConfigException("solr credentials: set both NEWSDESK_SOLR_USERNAME and NEWSDESK_SOLR_PASSWORD, "
                        + "or neither");
            }
        }

        public boolean hasCredentials() {
            return username != null && !username.isEmpty();
        }

        /** A copy with other credentials (tests; in the product they only ever come from the environment). */
        public Solr withCredentials(String user, String pass) {
            return new Solr(zkHosts, zkChroot, urls, collection, shards, replicas, configset, timeoutSeconds, user, pass);
        }

        /** A copy pointing at another cluster and alias (tests, the local cluster launcher). */
        public Solr at(String zk, String alias) {
            return new Solr(zk, zkChroot, urls, alias, shards, replicas, configset, timeoutSeconds, username, password);
        }

        @Override
        public String toString() {
            return "Solr[zkHosts=" + zkHosts + ", zkChroot=" + zkChroot + ", urls=" + urls + ", collection="
                    + collection + ", shards=" + shards + ", replicas=" + replicas + ", configset=" + configset
                    + ", timeoutSeconds=" + timeoutSeconds + ", username=" + (hasCredentials() ? "<redacted>" : "<unset>")
                    + ", password=" + (hasCredentials() ? "<redacted>" : "<unset>") + "]";
        }
    }

    static void requireRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ConfigException(key + " must be between " + min + " and " + max + " (was " + value + ")");
        }
    }

    /**
     * One followed source: a folder read in place, an RSS/Atom feed, a sitemap (or sitemap index), or a list of
     * page URLs. {@code every} is an interval such as 30m, 2h or 1d.
     */
    public record Source(String name, String type, String url, String path, List<String> urls, String every,
                         Boolean prune, @com.fasterxml.jackson.annotation.JsonProperty("private") Boolean restricted) {
        /** Source types. */
        public static final Set<String> TYPES = Set.of("folder", "feed", "sitemap", "urls");
        private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
        private static final java.util.regex.Pattern INTERVAL = java.util.regex.Pattern.compile("(\\d{1,6})([smhd])");

        public Source {
            if (name == null || !NAME.matcher(name).matches()) {
                throw new ConfigException("sources: name must be 1-40 lower-case letters, digits, '-' or '_' (was '"
                        + name + "')");
            }
            if (name.equals("added")) {
                throw new ConfigException("sources: the name 'added' is reserved for articles added with /add");
            }
            if (name.equals(CORPUS_ORIGIN)) {
                throw new ConfigException("sources: the name 'corpus' is reserved for the files of corpus-dir");
            }
            restricted = restricted != null && restricted;
            String key = "sources." + name;
            if (type == null || !TYPES.contains(type)) {
                throw new ConfigException(key + ".type must be one of folder, feed, sitemap, urls (was '" + type + "')");
            }
            urls = urls == null ? List.of() : List.copyOf(urls);
            every = every == null || every.isBlank() ? "1h" : every.strip();
            prune = prune != null && prune;
            switch (type) {
                case "feed", "sitemap" -> requireHttpUrl(key + ".url", url);
                case "urls" -> {
                    if (urls.isEmpty()) {
                        throw new ConfigException(key + ".urls must list at least one page URL");
                    }
                    for (String u : urls) {
                        requireHttpUrl(key + ".urls", u);
                    }
                }
                case "folder" -> {
                    if (path == null || path.isBlank()) {
                        throw new ConfigException(key + ".path must name the folder to read");
                    }
                }
                default -> throw new IllegalStateException(type);
            }
            long seconds = parseInterval(key + ".every", every);
            requireRange(key + ".every (seconds)", seconds, 60, 30L * 86_400);
        }

        /** Not private: every chat whose archive is not restricted may see it. */
        public Source(String name, String type, String url, String path, List<String> urls, String every,
                      Boolean prune) {
            this(name, type, url, path, urls, every, prune, false);
        }

        /** How often the source is due. */
        public java.time.Duration interval() {
            return java.time.Duration.ofSeconds(parseInterval("sources." + name + ".every", every));
        }

        private static long parseInterval(String key, String text) {
            java.util.regex.Matcher m = INTERVAL.matcher(text);
            if (!m.matches()) {
                throw new ConfigException(key + " must be a number with s, m, h or d, e.g. 30m (was '" + text + "')");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                default -> n * 86_400;
            };
        }

        private static void requireHttpUrl(String key, String value) {
            if (value == null || value.isBlank()) {
                throw new ConfigException(key + " is required");
            }
            java.net.URI uri;
            try {
                uri = new java.net.URI(value.strip());
            } catch (java.net.URISyntaxException e) {
                throw new ConfigException(key + " is not a valid URL: " + e.getMessage());
            }
            if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT))
                    || uri.getHost() == null) {
                throw new ConfigException(key + " must be an http or https URL with a host (was '" + value + "')");
            }
        }
    }

    /** How sources are fetched: what the fetcher sends and which limits it keeps. */
    public record Fetch(String userAgent, int connectTimeoutSeconds, int timeoutSeconds, long maxPageBytes,
                        long hostDelayMs, int maxRedirects, int retryBaseSeconds, int retryMaxSeconds,
                        int maxItemsPerRun, boolean allowPrivateAddresses, int checkEverySeconds) {
        public Fetch {
            if (userAgent == null || userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
                throw new ConfigException("fetch.user-agent must be non-empty printable ASCII naming the bot");
            }
            requireRange("fetch.connect-timeout-seconds", connectTimeoutSeconds, 1, 300);
            requireRange("fetch.timeout-seconds", timeoutSeconds, 1, 3600);
            requireRange("fetch.max-page-bytes", maxPageBytes, 1024, 1L << 30);
            requireRange("fetch.host-delay-ms", hostDelayMs, 0, 600_000);
            requireRange("fetch.max-redirects", maxRedirects, 0, 5);
            requireRange("fetch.retry-base-seconds", retryBaseSeconds, 1, 86_400);
            requireRange("fetch.retry-max-seconds", retryMaxSeconds, retryBaseSeconds, 30 * 86_400);
            requireRange("fetch.max-items-per-run", maxItemsPerRun, 1, 100_000);
            requireRange("fetch.check-every-seconds", checkEverySeconds, 0, 86_400);
        }

        /** The shipped defaults (the same as config/newsdesk.yaml). */
        public static Fetch defaults() {
            return new Fetch("NewsdeskBot/0.1 (news archive bot; +https://github.com/newsdesk/newsdesk)", 10, 30,
                    5_000_000, 1000, 5, 300, 21_600, 200, false, 60);
        }
    }
}
