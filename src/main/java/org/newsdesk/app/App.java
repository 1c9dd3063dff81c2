package org.newsdesk.app;

import org.newsdesk.answer.AnswerComposer;
import org.newsdesk.answer.AnswerService;
import org.newsdesk.answer.ExtractiveComposer;
import org.newsdesk.answer.LlmProviders;
import org.newsdesk.backend.lucene.LiveIndex;
import org.newsdesk.backend.lucene.LuceneBackend;
import org.newsdesk.backend.lucene.LuceneEngine;
import org.newsdesk.backend.solr.SolrArchive;
import org.newsdesk.backend.solr.SolrCollectionStore;
import org.newsdesk.backend.solr.SolrEngine;
import org.newsdesk.chat.ChatService;
import org.newsdesk.config.ConfigException;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.Archive;
import org.newsdesk.index.Embedder;
import org.newsdesk.index.IndexBackend;
import org.newsdesk.index.ReindexService;
import org.newsdesk.index.Reindexer;
import org.newsdesk.search.HybridSearcher;
import org.newsdesk.search.RetrievalEngine;
import org.newsdesk.store.Database;
import org.newsdesk.store.HistoryRetention;
import org.newsdesk.store.IndexRunLog;
import org.newsdesk.store.SourceFileStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Wires the stages together for one process. Everything heavy (the embedding model) is created once, lazily. */
public final class App implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(App.class);
    private final NewsdeskConfig config;
    private final Clock clock;
    private final Database db;
    private final LiveIndex index;
    /** The SolrCloud alias when search.backend is solr, else null (the embedded index serves). */
    private final SolrArchive solr;
    private Embedder embedder;
    /** False when the embedder was handed in (tests share one model across many apps). */
    private boolean ownsEmbedder = true;
    private HybridSearcher searcher;
    private AnswerService answers;
    private ReindexService reindex;
    private ChatService chat;
    private org.newsdesk.sources.Sources sources;
    private org.newsdesk.sources.SyncService sync;
    private org.newsdesk.chat.SourceCommands sourceCommands;
    private java.util.concurrent.ScheduledExecutorService retention;

    /** An app using an already loaded embedding model, which it will not close. */
    public App(NewsdeskConfig config, Clock clock, Embedder embedder) {
        this(config, clock);
        this.embedder = embedder;
        this.ownsEmbedder = false;
    }

    public App(NewsdeskConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        Path dataDir = config.dataDir();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new ConfigException("data-dir " + dataDir.toAbsolutePath() + " cannot be created: " + e.getMessage());
        }
        if (!Files.isWritable(dataDir)) {
            throw new ConfigException("data-dir " + dataDir.toAbsolutePath() + " is not writable");
        }
        this.db = Database.open(dataDir.resolve("newsdesk.db"));
        this.index = LiveIndex.open(dataDir.resolve("index"));
        // A bad cluster setting stops start-up here, with one line naming it.
        SolrArchive connected = null;
        if ("solr".equals(config.search().backend())) {
            try {
                // New collections get the configured embeddings' vector size; the model is not loaded for it.
                connected = SolrArchive.connect(config.solr(), new SolrCollectionStore(db), clock,
                        SolrArchive.Vectors.of(config.index()));
            } catch (RuntimeException e) {
                index.close();
                db.close();
                throw e;
            }
        }
        this.solr = connected;
    }

    /** The live index of the configured backend: the embedded Lucene one, or the SolrCloud alias. */
    public Archive archive() {
        return solr != null ? solr : index;
    }

    public NewsdeskConfig config() {
        return config;
    }

    public Database db() {
        return db;
    }

    public LiveIndex index() {
        return index;
    }

    public synchronized Embedder embedder() {
        if (embedder == null) {
            embedder = Embedder.load(config.index());
        }
        return embedder;
    }

    public synchronized HybridSearcher searcher() {
        if (searcher == null) {
            RetrievalEngine engine = solr != null ? new SolrEngine(solr, config.search())
                    : new LuceneEngine(index, config.search());
            searcher = new HybridSearcher(engine, embedder(), config.search());
        }
        return searcher;
    }

    public synchronized AnswerService answers() {
        if (answers == null) {
            answers = new AnswerService(searcher(), composer(), clock);
        }
        return answers;
    }

    /** The configured composer; the extractive one is the embedded default. */
    AnswerComposer composer() {
        if ("extractive".equals(config.answer().provider())) {
            return new ExtractiveComposer(searcher(), config.answer());
        }
        // The LLM settings are checked before the embedding model loads; the extractive composer is the fallback.
        return LlmProviders.create(config.answer().provider(), config.llm(),
                () -> new ExtractiveComposer(searcher(), config.answer()), clock);
    }

    public synchronized ReindexService reindex() {
        if (reindex == null) {
            IndexBackend backend = solr != null ? solr : new LuceneBackend(index, config.index());
            Reindexer reindexer = new Reindexer(index.root(), backend, embedder(), new SourceFileStore(db),
                    new IndexRunLog(db), config.index(), clock);
            // Fetched articles and folder sources are read beside corpus-dir, by /reindex and index too.
            reindexer.recover();
            reindex = new ReindexService(reindexer, config.corpusDir(), sources().extraRoots());
        }
        return reindex;
    }

    public synchronized org.newsdesk.sources.Sources sources() {
        if (sources == null) {
            sources = new org.newsdesk.sources.Sources(config, db, clock);
        }
        return sources;
    }

    public synchronized org.newsdesk.sources.SyncService sync() {
        if (sync == null) {
            sync = new org.newsdesk.sources.SyncService(sources(), reindex());
        }
        return sync;
    }

    public synchronized ChatService chat() {
        if (chat == null) {
            chat = new ChatService(answers(), archive(), reindex(), config.chat(), db, clock);
            sourceCommands = new org.newsdesk.chat.SourceCommands(sync(), config.chat(), db, clock);
            chat.setSourceCommands(sourceCommands);
            // the global registry: the ops endpoint adds itself to it when the bot runs one
            chat.setMetrics(new org.newsdesk.chat.ChatMetrics(io.micrometer.core.instrument.Metrics.globalRegistry,
                    config.log().questions(), logSalt()));
            org.newsdesk.desk.ChatScopes scopes = new org.newsdesk.desk.ChatScopes(config, db);
            org.newsdesk.chat.DeskCommands desk = new org.newsdesk.chat.DeskCommands(scopes,
                    new org.newsdesk.desk.Digest(searcher()), config.chat(), db, clock);
            chat.setDeskCommands(desk);
            // topic alerts: matched after every sync (scheduled or /sync); sent once a transport takes them
            org.newsdesk.desk.TopicAlerts alerts = new org.newsdesk.desk.TopicAlerts(
                    new org.newsdesk.store.AlertStore(db), scopes, new org.newsdesk.desk.TopicMatcher(searcher()),
                    new SourceFileStore(db), config.alerts(), clock);
            desk.setAlertCommands(new org.newsdesk.chat.AlertCommands(alerts, config.chat(), clock));
            sync().addListener(r -> alerts.afterSync(r.reindex()));
            startRetention();
        }
        return chat;
    }

    /** A random value kept in the database, mixed into the chat ids the question log lines show (hashed). */
    private String logSalt() {
        org.newsdesk.store.StateStore state = new org.newsdesk.store.StateStore(db);
        return state.get("log.chat-id-salt").orElseGet(() -> {
            byte[] b = new byte[16];
            new java.security.SecureRandom().nextBytes(b);
            String salt = java.util.HexFormat.of().formatHex(b);
            state.put("log.chat-id-salt", salt);
            return salt;
        });
    }

    /** Prunes the question log and stored answers now and every six hours while the conversation core runs. */
    private void startRetention() {
        HistoryRetention pruner = new HistoryRetention(db, config.history().keepDays(), config.history().maxRows());
        retention = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "history-retention");
            t.setDaemon(true);
            return t;
        });
        retention.scheduleWithFixedDelay(() -> {
            try {
                HistoryRetention.Pruned p = pruner.prune(clock.instant());
                if (p.queryLog() + p.answers() > 0) {
                    LOG.info("Pruned {} question-log rows and {} stored answers (history.keep-days, history.max-rows)",
                            p.queryLog(), p.answers());
                }
            } catch (RuntimeException e) {
                // A locked or full database must not end the schedule: the next run tries again.
                LOG.warn("Pruning the question log failed: {}", e.getMessage());
            }
        }, 0, 6, java.util.concurrent.TimeUnit.HOURS);
    }

    @Override
    public synchronized void close() {
        if (retention != null) {
            retention.shutdownNow();
        }
        if (chat != null) {
            chat.close();
        }
        if (sourceCommands != null) {
            sourceCommands.close();
        }
        if (answers != null && answers.composer() instanceof AutoCloseable composer) {
            try {
                composer.close();
            } catch (Exception e) {
                LOG.warn("Closing the composer: {}", e.getMessage());
            }
        }
        index.close();
        if (solr != null) {
            solr.close();
        }
        if (embedder != null && ownsEmbedder) {
            embedder.close();
        }
        db.close();
    }
}
