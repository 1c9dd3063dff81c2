package org.newsdesk.backend.solr;

import org.apache.solr.cloud.MiniSolrCloudCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A real SolrCloud on this machine with nothing to download: an embedded ZooKeeper and Jetty nodes running Solr
 * 9.10.1 from the test classpath (MiniSolrCloudCluster). The Solr tests share one; {@link #main} runs one until
 * Ctrl-C for trying the product against it (README, "SolrCloud backend").
 * <p>
 * The cluster has basic auth installed without requiring it (blockUnknown false): requests without credentials
 * pass, and wrong credentials are refused, so both paths can be tried. User {@value #USER}, password
 * {@value #PASSWORD}.
 */
public final class LocalSolrCloud implements AutoCloseable {
    public static final String USER = "solr";
    public static final String PASSWORD = "SolrRocks";
    /** Solr's documented example hash of SolrRocks (salted SHA-256, base64). */
    private static final String SECURITY_JSON = """
            {"authentication": {"blockUnknown": false, "class": "solr.BasicAuthPlugin",
              "credentials": {"solr": "IV0EHq1OnNrj6gvRCwvFwTrZ1+z1oBbnQdiVC3otuq0= Ndd7LKvVBAaZIF0QAVi1ekCfAJXr1GGfLtRUXhgrF8c="}}}
            """;

    private final MiniSolrCloudCluster cluster;

    private LocalSolrCloud(MiniSolrCloudCluster cluster) {
        this.cluster = cluster;
    }

    public static LocalSolrCloud start(int nodes, Path dir) throws Exception {
        Files.createDirectories(dir);
        // Solr reads these at start: the host to advertise, and no file access outside the node directories.
        System.setProperty("host", "127.0.0.1");
        System.setProperty("solr.log.dir", dir.resolve("logs").toString());
        // Off by default in MiniSolrCloudCluster's solr.xml; bench --growth reads each core's index size from them.
        System.setProperty("metricsEnabled", "true");
        MiniSolrCloudCluster c = new MiniSolrCloudCluster.Builder(nodes, dir)
                .withSecurityJson(SECURITY_JSON)
                .build();
        return new LocalSolrCloud(c);
    }

    public MiniSolrCloudCluster cluster() {
        return cluster;
    }

    /** host:port of the embedded ZooKeeper (solr.zk-hosts). */
    public String zkHost() {
        return cluster.getZkServer().getZkHost();
    }

    /** The ZooKeeper chroot the nodes use (solr.zk-chroot). */
    public String zkChroot() {
        String address = cluster.getZkServer().getZkAddress();
        int slash = address.indexOf('/');
        return slash < 0 ? "" : address.substring(slash);
    }

    @Override
    public void close() throws Exception {
        cluster.shutdown();
    }

    /** {@code LocalSolrCloud [nodes] [dir]}: runs a cluster until the process is stopped. */
    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("newsdesk-solrcloud");
        LocalSolrCloud cloud = start(nodes, dir);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cloud.close();
            } catch (Exception e) {
                System.err.println("stopping the cluster: " + e);
            }
            stop.countDown();
        }));
        System.out.println("SolrCloud running: " + nodes + " nodes in " + dir);
        cloud.cluster().getJettySolrRunners().forEach(j -> System.out.println("  node " + j.getBaseUrl()));
        System.out.println("Use it with:");
        System.out.println("  NEWSDESK_SEARCH_BACKEND=solr NEWSDESK_SOLR_ZK_HOSTS=" + cloud.zkHost()
                + " NEWSDESK_SOLR_ZK_CHROOT=" + cloud.zkChroot() + " java -jar target/newsdesk.jar index");
        System.out.println("Ctrl-C stops it.");
        stop.await();
    }
}
