package org.newsdesk.config;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.newsdesk.ops.OpsServer;
import org.newsdesk.telegram.TelegramBot;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml, .env.example and the Dockerfile's HEALTHCHECK. No container runtime is needed: the compose
 * file's structure is checked here, the health probe's shell command is run against a live ops endpoint, and where
 * Debian's {@code docker-compose} client is installed it validates the file offline ({@code config}); without it
 * that one test is skipped, saying so (CI machines may lack it; docs/deploy.md).
 */
@Timeout(120)
class DeploymentFilesTest {
    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final List<String> SECRETS = List.of("NEWSDESK_TELEGRAM_TOKEN", "NEWSDESK_TELEGRAM_WEBHOOK_SECRET",
            "NEWSDESK_OPENAI_API_KEY", "NEWSDESK_EMBEDDING_API_KEY", "NEWSDESK_SOLR_USERNAME",
            "NEWSDESK_SOLR_PASSWORD");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeRunsTheBotAsAnOperatorNeedsAndSolrInItsProfile() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> bot = map(services.get("newsdesk"));
        assertThat(bot.get("restart")).isEqualTo("unless-stopped");
        assertThat(bot.get("env_file").toString()).contains(".env");
        assertThat(bot).doesNotContainKey("profiles"); // the bot runs without a profile
        List<String> volumes = (List<String>) bot.get("volumes");
        assertThat(volumes).contains("newsdesk-data:/var/lib/newsdesk")
                .anyMatch(v -> v.endsWith(":/srv/newsdesk/config/newsdesk.yaml:ro"));
        assertThat(map(compose.get("volumes"))).containsKey("newsdesk-data");
        assertThat(String.join(" ", (List<String>) map(bot.get("healthcheck")).get("test"))).contains("/readyz");
        Duration grace = Duration.parse("PT" + bot.get("stop_grace_period").toString().toUpperCase());
        assertThat(grace).as("stop_grace_period longer than the bot's own drain")
                .isGreaterThan(Duration.ofMillis(TelegramBot.Settings.defaults().shutdownGraceMs()).plusSeconds(5));
        assertThat((List<String>) bot.get("ports")).allMatch(p -> p.startsWith("127.0.0.1:"));
        for (String name : List.of("zookeeper", "solr1", "solr2")) {
            Map<String, Object> s = map(services.get(name));
            assertThat(s.get("profiles")).as(name).isEqualTo(List.of("solr"));
            assertThat((List<String>) s.get("networks")).as(name).containsExactly("newsdesk");
        }
        assertThat(map(services.get("solr1")).get("image")).isEqualTo("solr:9.10");
        assertThat(map(map(services.get("solr2")).get("environment"))).containsEntry("ZK_HOST", "zookeeper:2181")
                .containsEntry("SOLR_HOST", "solr2");
        assertThat(map(bot.get("environment"))).containsEntry("NEWSDESK_SOLR_ZK_HOSTS", "zookeeper:2181");
        assertThat(Files.readString(COMPOSE)).doesNotContain("network_mode").doesNotContain("--network host");
    }

    @Test
    void envExampleListsEverySecretAndOnlyRealSettings() throws Exception {
        String env = Files.readString(Path.of(".env.example"));
        Map<String, String> named = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^#? ?(NEWSDESK_[A-Z0-9_]+)=").matcher(env);
        while (m.find()) {
            named.put(m.group(1), "x");
        }
        assertThat(named.keySet()).containsAll(SECRETS);
        assertThat(new ConfigLoader().unknownEnv(named)).as("names in .env.example that are no setting").isEmpty();
    }

    @Test
    void theDockerfileHealthProbeFollowsReadyz() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher m = Pattern.compile("HEALTHCHECK [^\\n]*\\\\\\n\\s*CMD (.+)").matcher(dockerfile);
        assertThat(m.find()).as("a HEALTHCHECK in the Dockerfile").isTrue();
        String probe = m.group(1);
        assertThat(probe).contains("/readyz").contains("9090");
        boolean[] ready = {true};
        Map<String, Supplier<OpsServer.Check>> checks = Map.of("index",
                () -> ready[0] ? OpsServer.Check.ok("seed") : OpsServer.Check.failed("being indexed"));
        try (OpsServer ops = new OpsServer("127.0.0.1", 0, checks)) {
            String local = probe.replace("9090", Integer.toString(ops.port()));
            assertThat(sh(local)).as("ready").isZero();
            ready[0] = false;
            assertThat(sh(local)).as("not ready (503)").isNotZero();
        }
    }

    @Test
    void composeClientValidatesTheFileOffline() throws Exception {
        Assumptions.assumeTrue(onPath("docker-compose"), "no docker-compose client on this machine (Debian: apt-get "
                + "install docker-compose); the compose file's structure is still checked by the other tests");
        for (List<String> profile : List.of(List.<String>of(), List.of("--profile", "solr"))) {
            List<String> cmd = new ArrayList<>(List.of("docker-compose", "-f", COMPOSE.toString()));
            cmd.addAll(profile);
            cmd.add("config");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("COMPOSE_NEWSDESK_ENV_FILE", ".env.example");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("stop_grace_period: 30s").contains("newsdesk-data:/var/lib/newsdesk");
        }
    }

    private static int sh(String command) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
