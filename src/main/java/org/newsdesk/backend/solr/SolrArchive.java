package org.newsdesk.backend.solr;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.client.solrj.request.schema.SchemaRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.newsdesk.config.ConfigException;
import org.newsdesk.config.NewsdeskConfig;
import org.newsdesk.index.ArchiveUnavailableException;
import org.newsdesk.index.Embedder;
import org.newsdesk.index.IndexBackend;
import org.newsdesk.index.PassageDocuments;
import org.newsdesk.index.Reindexer;
import org.newsdesk.store.SourceFileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The passages in a SolrCloud cluster: questions go to the alias {@code solr.collection}, which a full reindex moves
 * from one collection to the next ({@link SolrIndexWriter}). Holds the one SolrJ client of the process; the client
 * follows the cluster's state in ZooKeeper, so a node that comes back is used again without a restart.
 */
public final class SolrArchive implements IndexBackend, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SolrArchive.class);
    /** The vector size of both shipped embedding models, and of the configset's vector field as shipped. */
    public static final int VECTOR_DIMENSION = Embedder.LOCAL_DIMENSION;
    /** The settings that decide the vectors' identity and size, for messages. */
    static final String EMBEDDING_SETTINGS = "index.embedding-provider, index.embedding-model or "
            + "index.embedding-remote-model, index.embedding-dimensions";

    /**
     * The configured embeddings as the collection sees them: the vector size new collections get, and the name
     * ({@link Embedder#name()}) the bookkeeping records, by which a model change is told from a foreign collection.
     */
    public record Vectors(int dimension, String model) {
        public static Vectors of(NewsdeskConfig.Index index) {
            return new Vectors(Embedder.dimensionOf(index), Embedder.identity(index));
        }
    }

    private final NewsdeskConfig.Solr settings;
    private final CloudSolrClient client;
    private final SolrCollectionStore store;
    private final Clock clock;
    private final Vectors vectors;

    private SolrArchive(NewsdeskConfig.Solr settings, CloudSolrClient client, SolrCollectionStore store, Clock clock,
                        Vectors vectors) {
        this.settings = settings;
        this.client = client;
        this.store = store;
        this.clock = clock;
        this.vectors = vectors;
    }

    /**
     * Connects and checks the configuration against the cluster. A bad setting (ZooKeeper unreachable, wrong
     * credentials, the alias gone although the bookkeeping says it was live, another vector dimension in the live
     * collection) is a {@link ConfigException} whose one line names the setting.
     */
    public static SolrArchive connect(NewsdeskConfig.Solr settings, SolrCollectionStore store, Clock clock) {
        return connect(settings, store, clock, new Vectors(VECTOR_DIMENSION, null));
    }

    /**
     * As {@link #connect(NewsdeskConfig.Solr, SolrCollectionStore, Clock)}, for the configured embeddings: new
     * collections get {@code vectors.dimension()}-d vector fields. A live collection of another size that our
     * bookkeeping says was built with other embeddings is a model change (vector search stays off until the next
     * reindex, which builds a new collection); one the bookkeeping cannot explain stops start-up.
     */
    public static SolrArchive connect(NewsdeskConfig.Solr settings, SolrCollectionStore store, Clock clock,
                                      Vectors vectors) {
        CloudSolrClient client = client(settings);
        SolrArchive archive = new SolrArchive(settings, client, store, clock, vectors);
        try {
            archive.check();
            return archive;
        } catch (RuntimeException e) {
            archive.close();
            throw e;
        }
    }

    private static CloudSolrClient client(NewsdeskConfig.Solr s) {
        Http2SolrClient.Builder http = new Http2SolrClient.Builder()
                .withConnectionTimeout(s.timeoutSeconds(), TimeUnit.SECONDS)
                .withRequestTimeout(s.timeoutSeconds(), TimeUnit.SECONDS)
                .withIdleTimeout(s.timeoutSeconds(), TimeUnit.SECONDS);
        if (s.hasCredentials()) {
            http.withBasicAuthCredentials(s.username(), s.password());
        }
        CloudHttp2SolrClient.Builder b;
        if (!s.zkHosts().isEmpty()) {
            b = new CloudHttp2SolrClient.Builder(List.of(s.zkHosts().split(",")),
                    s.zkChroot().isEmpty() ? Optional.empty() : Optional.of(s.zkChroot()))
                    .withZkConnectTimeout(s.timeoutSeconds(), TimeUnit.SECONDS)
                    .withZkClientTimeout(s.timeoutSeconds(), TimeUnit.SECONDS);
        } else if (!s.urls().isEmpty()) {
            b = new CloudHttp2SolrClient.Builder(s.urls());
        } else {
            throw new ConfigException("solr.zk-hosts (or solr.urls) must name the SolrCloud cluster when search.backend "
                    + "is solr");
        }
        return b.withInternalClientBuilder(http).build();
    }

    private void check() {
        String where = !settings.zkHosts().isEmpty() ? "solr.zk-hosts (" + settings.zkHosts() + ")"
                : "solr.urls (" + settings.urls() + ")";
        try {
            client.connect(settings.timeoutSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException(where + ": interrupted while connecting");
        } catch (Exception e) {
            throw new ConfigException(where + ": cannot reach the SolrCloud cluster within " + settings.timeoutSeconds()
                    + " s (" + brief(e) + ")");
        }
        try {
            // Any request checks the credentials; listing aliases is cheap and needs no collection.
            new CollectionAdminRequest.ListAliases().process(client);
        } catch (SolrException e) {
            if (e.code() == 401 || e.code() == 403) {
                throw new ConfigException("NEWSDESK_SOLR_USERNAME / NEWSDESK_SOLR_PASSWORD: the SolrCloud cluster refused "
                        + (settings.hasCredentials() ? "the credentials" : "requests without credentials")
                        + " (HTTP " + e.code() + ")");
            }
            throw new ConfigException(where + ": the SolrCloud cluster failed a request: " + brief(e));
        } catch (SolrServerException | IOException e) {
            throw new ConfigException(where + ": cannot reach the SolrCloud cluster (" + brief(e) + ")");
        }
        Optional<String> live = liveCollection();
        Optional<SolrCollectionStore.Row> booked = store.live(settings.collection());
        if (live.isEmpty() && booked.isPresent()) {
            throw new ConfigException("solr.collection: the alias '" + settings.collection() + "' does not exist in the "
                    + "cluster, but the bookkeeping says collection '" + booked.get().collection() + "' was live; "
                    + "check the setting, or rebuild with `index --full`");
        }
        if (live.isPresent()) {
            int dimension = vectorDimension(live.get());
            if (dimension != vectors.dimension()) {
                String builtWith = settingsOf(live.get()).get(Reindexer.EMBEDDING_MODEL_KEY);
                if (builtWith == null || builtWith.equals(vectors.model())) {
                    // Not built by us, or its record disagrees with its schema: a full reindex would delete it.
                    throw new ConfigException("solr.collection: collection '" + live.get() + "' holds "
                            + (dimension > 0 ? dimension + "-d vectors" : "no vector field")
                            + " but the configured embeddings write " + vectors.dimension() + "-d vectors ("
                            + EMBEDDING_SETTINGS + "); configure the embeddings it was built with"
                            + (dimension > 0 ? " (index.embedding-dimensions " + dimension + ")" : "")
                            + " or point solr.collection at another alias");
                }
                log.warn("SolrCloud collection {} holds {}-d vectors of {}, the configured embeddings write {}-d vectors "
                                + "({}): vector search is off until the next reindex, which builds a new collection",
                        live.get(), dimension, builtWith, vectors.dimension(), vectors.model());
            }
        }
    }

    /** The vector size new collections get: the configured embeddings'. */
    public int vectorDimension() {
        return vectors.dimension();
    }

    /** The vector dimension of a collection's vector field, read from its schema (-1: no vector field). */
    int vectorDimension(String collection) {
        try {
            Map<String, Object> field = new SchemaRequest.Field(PassageDocuments.VECTOR).process(client, collection).getField();
            String type = String.valueOf(field.get("type"));
            Object dim = new SchemaRequest.FieldType(type).process(client, collection).getFieldType().getAttributes()
                    .get("vectorDimension");
            return dim == null ? -1 : Integer.parseInt(dim.toString());
        } catch (SolrException e) {
            return -1; // no vector field at all: not one of our collections
        } catch (SolrServerException | IOException e) {
            throw new ConfigException("solr.collection: cannot read the schema of collection '" + collection + "': "
                    + brief(e));
        }
    }

    public NewsdeskConfig.Solr settings() {
        return settings;
    }

    public SolrClient client() {
        return client;
    }

    SolrCollectionStore store() {
        return store;
    }

    Clock clock() {
        return clock;
    }

    /** The collection the alias points at now, or empty when there is none (nothing indexed yet). */
    public Optional<String> liveCollection() {
        try {
            List<String> resolved = client.getClusterStateProvider().resolveAlias(settings.collection());
            if (resolved.isEmpty()) {
                return Optional.empty();
            }
            String name = resolved.get(0);
            DocCollection c = client.getClusterStateProvider().getClusterState().getCollectionOrNull(name);
            return c == null ? Optional.empty() : Optional.of(name);
        } catch (RuntimeException e) {
            throw unavailable("resolving alias " + settings.collection(), e);
        }
    }

    /** The build metadata of a collection, from the bookkeeping (empty when it was not built by us). */
    public Map<String, String> settingsOf(String collection) {
        return store.get(collection).map(SolrCollectionStore.Row::settings).orElse(Map.of());
    }

    @Override
    public boolean exists() {
        return liveCollection().isPresent();
    }

    @Override
    public int passageCount() {
        Optional<String> live = liveCollection();
        if (live.isEmpty()) {
            return 0;
        }
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("q", "*:*");
        p.set("rows", 0);
        return (int) query(live.get(), p).getResults().getNumFound();
    }

    @Override
    public List<String> sampleTitles(int n) {
        Optional<String> live = liveCollection();
        if (live.isEmpty()) {
            return List.of();
        }
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("q", "*:*");
        p.set("rows", n * 4);
        p.set("fl", PassageDocuments.TITLE);
        p.set("sort", PassageDocuments.ID + " asc");
        LinkedHashSet<String> titles = new LinkedHashSet<>();
        for (SolrDocument d : query(live.get(), p).getResults()) {
            Object t = d.getFirstValue(PassageDocuments.TITLE);
            if (t != null && titles.size() < n) {
                titles.add(t.toString());
            }
        }
        return List.copyOf(titles);
    }

    @Override
    public Map<String, String> userData() {
        return liveCollection().map(this::settingsOf).orElse(Map.of());
    }

    @Override
    public String describe() {
        return "SolrCloud alias " + settings.collection() + liveCollection().map(c -> " (collection " + c + ")").orElse("");
    }

    @Override
    public Build begin(boolean full) {
        return new SolrIndexWriter(this).begin(full);
    }

    /** The client follows the alias itself: nothing to pick up. */
    @Override
    public void pickUp() {
    }

    /** Failed builds' collections are deleted when the next full build begins (they cost nothing meanwhile). */
    @Override
    public void deleteLeftovers() {
    }

    /** A collection carries no manifest: the database's bookkeeping is the only one. */
    @Override
    public Map<String, SourceFileStore.Row> reconcile(SourceFileStore files) {
        return files.all();
    }

    /** Runs a query by POST (vectors and long questions do not fit a URL) against one collection. */
    public QueryResponse query(String collection, ModifiableSolrParams params) {
        try {
            return new QueryRequest(params, SolrRequest.METHOD.POST).process(client, collection);
        } catch (SolrServerException | IOException | SolrException e) {
            throw unavailable("querying collection " + collection, e);
        }
    }

    /**
     * The failure of a request as the user and admins should see it. A collection that vanished (a full reindex
     * moved the alias and deleted it) is told apart by the caller through {@link #collectionGone}.
     */
    public ArchiveUnavailableException unavailable(String what, Exception e) {
        log.warn("SolrCloud request failed ({}): {}", what, brief(e));
        return new ArchiveUnavailableException("the archive is temporarily unavailable: " + what + " failed: " + brief(e), e);
    }

    /** Whether a collection is no longer in the cluster state. */
    public boolean collectionGone(String collection) {
        try {
            return client.getClusterStateProvider().getClusterState().getCollectionOrNull(collection) == null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The first line of an exception's message, without the stack. */
    static String brief(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            log.warn("Closing the SolrCloud client: {}", e.getMessage());
        }
    }
}
