package org.newsdesk.backend.solr;

import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.ContentStreamBase;
import org.newsdesk.index.IndexBackend;
import org.newsdesk.index.IndexException;
import org.newsdesk.index.Passage;
import org.newsdesk.index.PassageDocuments;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a reindex into SolrCloud, keeping the promises of the Lucene backend:
 * <ul>
 * <li>Full: a new collection {@code <alias>_<timestamp>} is created and filled while the alias keeps pointing at
 * the old one; after the commit, CREATEALIAS moves the alias in one step, then the old collection is deleted. A
 * failed build deletes the new collection; the old one never stopped answering.</li>
 * <li>Incremental: deletes (by corpus file) and adds (by passage id, replacing) go to the live collection and are
 * made visible by one commit at the end. Until then readers see the old state; the commit reaches the shards one
 * after another, so for a moment a question may see one shard updated and another not. A failed incremental run
 * leaves its SQLite file records untouched, so the next reindex repeats the same deletes and adds (they are
 * idempotent).</li>
 * </ul>
 * The SQLite bookkeeping ({@code solr_collections}) records which collection is live and how it was built.
 */
final class SolrIndexWriter {
    private static final Logger log = LoggerFactory.getLogger(SolrIndexWriter.class);
    /** The configset's files, in the jar under solr/newsdesk/conf/. */
    private static final List<String> CONFIG_FILES = List.of("solrconfig.xml", "schema.xml");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS").withZone(ZoneOffset.UTC);

    private final SolrArchive archive;

    SolrIndexWriter(SolrArchive archive) {
        this.archive = archive;
    }

    IndexBackend.Build begin(boolean full) {
        Optional<String> live = archive.liveCollection();
        if (!full && live.isPresent()) {
            // The reindex makes a model change a full build; this catches a schema changed behind our back.
            int dimension = archive.vectorDimension(live.get());
            if (dimension != archive.vectorDimension()) {
                throw new IndexException("SolrCloud collection " + live.get() + " holds " + dimension + "-d vectors but "
                        + "the configured embeddings write " + archive.vectorDimension() + "-d vectors ("
                        + SolrArchive.EMBEDDING_SETTINGS + "); run `index --full` to build a new collection");
            }
            return new Build(live.get(), false, live);
        }
        cleanLeftovers();
        String name = archive.settings().collection() + "_" + STAMP.format(archive.clock().instant());
        archive.store().building(name, archive.settings().collection(), archive.clock().instant());
        try {
            String configset = ensureConfigset();
            CollectionAdminRequest.Create create = CollectionAdminRequest.createCollection(name, configset,
                    archive.settings().shards(), archive.settings().replicas());
            create.setWaitForFinalState(true);
            create.process(archive.client());
        } catch (SolrServerException | IOException | SolrException e) {
            deleteQuietly(name);
            archive.store().failed(name, archive.clock().instant());
            throw new IndexException("creating SolrCloud collection " + name + " failed: " + SolrArchive.brief(e)
                    + (live.isPresent() ? "; the current index keeps serving" : ""), e);
        }
        return new Build(name, true, live);
    }

    private final class Build implements IndexBackend.Build {
        private final String collection;
        private final boolean full;
        private final Optional<String> previous;
        /** Later builds write later sequence numbers, so added passages rank after older ones on ties. */
        private final long seqBase = archive.clock().millis() * 1_000_000L;
        private long written;

        Build(String collection, boolean full, Optional<String> previous) {
            this.collection = collection;
            this.full = full;
            this.previous = previous;
        }

        @Override
        public String name() {
            return collection;
        }

        @Override
        public void deleteFiles(List<String> paths) {
            try {
                for (String path : paths) {
                    // The term parser takes the rest of the string as one raw term: no escaping, no syntax.
                    archive.client().deleteByQuery(collection, "{!term f=" + PassageDocuments.FILE + "}" + path);
                }
            } catch (SolrServerException | IOException | SolrException e) {
                throw new IndexException("deleting changed files from SolrCloud collection " + collection + " failed: "
                        + SolrArchive.brief(e), e);
            }
        }

        @Override
        public void add(List<Map.Entry<String, Passage>> passages, List<float[]> vectors, boolean headerInText) {
            List<SolrInputDocument> docs = new ArrayList<>(passages.size());
            for (int i = 0; i < passages.size(); i++) {
                docs.add(SolrPassages.toDocument(passages.get(i).getValue(), passages.get(i).getKey(), vectors.get(i),
                        headerInText, seqBase + written++));
            }
            try {
                archive.client().add(collection, docs);
            } catch (SolrServerException | IOException | SolrException e) {
                throw new IndexException("adding passages to SolrCloud collection " + collection + " failed: "
                        + SolrArchive.brief(e), e);
            }
        }

        @Override
        public int publish(IndexBackend.Publication publication) {
            // An incremental commit is visible at once, so there is no later point to refuse an emptied build at;
            // a full one is guarded by the shrink check before it starts.
            Map<String, String> settings = publication.settings();
            Instant now = archive.clock().instant();
            try {
                archive.client().commit(collection, true, true);
                ModifiableSolrParams p = new ModifiableSolrParams();
                p.set("q", "*:*");
                p.set("rows", 0);
                int passages = (int) archive.query(collection, p).getResults().getNumFound();
                archive.store().settings(collection, settings, now);
                if (full) {
                    // One atomic step: every question after it goes to the new collection.
                    CollectionAdminRequest.createAlias(archive.settings().collection(), collection).process(archive.client());
                }
                archive.store().live(collection, archive.settings().collection(), settings, now);
                log.info("SolrCloud alias {} serves collection {} ({} passages)", archive.settings().collection(),
                        collection, passages);
                if (full && previous.isPresent() && !previous.get().equals(collection)) {
                    deleteQuietly(previous.get());
                    archive.store().deleted(previous.get());
                }
                return passages;
            } catch (SolrServerException | IOException | SolrException e) {
                throw new IndexException("committing SolrCloud collection " + collection + " failed: "
                        + SolrArchive.brief(e), e);
            }
        }

        @Override
        public void abort() {
            if (full) {
                deleteQuietly(collection);
                archive.store().failed(collection, archive.clock().instant());
            }
        }
    }

    /** Collections of earlier builds that failed or were killed, or retired ones a crash kept from being deleted. */
    private void cleanLeftovers() {
        Optional<String> live = archive.liveCollection();
        for (String name : archive.store().leftovers(archive.settings().collection())) {
            if (live.isPresent() && live.get().equals(name)) {
                continue;
            }
            deleteQuietly(name);
            archive.store().deleted(name);
        }
    }

    /** The shipped schema with its one vector field type sized {@code dimension}. */
    static String withVectorDimension(String schema, int dimension) {
        String shipped = "vectorDimension=\"" + SolrArchive.VECTOR_DIMENSION + "\"";
        int at = schema.indexOf(shipped);
        if (at < 0 || schema.indexOf(shipped, at + 1) >= 0) {
            throw new IllegalStateException("the configset's schema.xml must hold exactly one " + shipped);
        }
        return schema.replace(shipped, "vectorDimension=\"" + dimension + "\"");
    }

    private void deleteQuietly(String name) {
        try {
            if (!archive.collectionGone(name)) {
                CollectionAdminRequest.deleteCollection(name).process(archive.client());
            }
        } catch (SolrServerException | IOException | SolrException e) {
            log.warn("Could not delete SolrCloud collection {}: {}", name, SolrArchive.brief(e));
        }
    }

    /**
     * Uploads the jar's configset, its vector field sized for the configured embeddings, under a name carrying the
     * size and a hash of the files, unless the cluster already has it. A collection's schema lives in its configset,
     * so one configset per size rather than a Schema API change (which would change every collection sharing it).
     */
    private String ensureConfigset() throws SolrServerException, IOException {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String f : CONFIG_FILES) {
            try (InputStream in = SolrIndexWriter.class.getResourceAsStream("/solr/newsdesk/conf/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("configset file " + f + " missing from the jar");
                }
                byte[] bytes = in.readAllBytes();
                if (f.equals("schema.xml")) {
                    bytes = withVectorDimension(new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
                            archive.vectorDimension()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                }
                files.put(f, bytes);
                sha.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(bytes);
            }
        }
        String name = archive.settings().configset() + "-" + archive.vectorDimension() + "d-"
                + HexFormat.of().formatHex(sha.digest()).substring(0, 10);
        List<String> existing = new ConfigSetAdminRequest.List().process(archive.client()).getConfigSets();
        if (existing != null && existing.contains(name)) {
            return name;
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (Map.Entry<String, byte[]> e : files.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        new ConfigSetAdminRequest.Upload().setConfigSetName(name)
                .setUploadStream(new ContentStreamBase.ByteArrayStream(zip.toByteArray(), name + ".zip", "application/zip"))
                .process(archive.client());
        log.info("Uploaded configset {} to the SolrCloud cluster", name);
        return name;
    }
}
