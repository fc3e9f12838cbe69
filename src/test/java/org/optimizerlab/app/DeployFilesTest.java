package org.optimizerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.optimizerlab.classroom.StoreLocation;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The files in {@code deploy/} agree with the image and the server: they parse, name only variables the server
 * reads with values it accepts, and use the Dockerfile's port, data folder, user and health check.
 */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("deploy");
    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{[A-Z0-9_]+:-([^}]*)}");
    /** A compose value that must be set ({@code ${NAME:?message}}). */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]*}");

    @Test
    void everyYamlFileParses() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path file : files) {
            assertThat(documents(file)).as(file.toString()).isNotEmpty().doesNotContainNull();
        }
    }

    @Test
    void composeRunsEachClassAsTheImageExpects() throws IOException {
        Dockerfile image = Dockerfile.read();
        Map<String, Object> compose = map(documents(DEPLOY.resolve("compose.yaml")).get(0));
        Map<String, Object> services = map(compose.get("services"));
        Map<String, Object> volumes = map(compose.get("volumes"));
        assertThat(services).hasSizeGreaterThanOrEqualTo(2);
        List<String> hostPorts = new ArrayList<>();
        List<String> usedVolumes = new ArrayList<>();
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            Map<String, Object> service = merged(map(entry.getValue()));
            String name = entry.getKey();
            assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
            Map<String, Object> limits = map(map(map(service.get("deploy")).get("resources")).get("limits"));
            assertThat(limits).as(name).containsKeys("memory", "cpus");
            for (Object port : list(service.get("ports"))) {
                assertThat(port.toString()).as(name).endsWith(":" + image.port());
                hostPorts.add(port.toString().substring(0, port.toString().lastIndexOf(':')));
            }
            assertThat(list(service.get("volumes"))).as(name).singleElement().satisfies(volume -> {
                String[] parts = volume.toString().split(":");
                assertThat(parts[1]).isEqualTo(image.volume());
                assertThat(volumes).containsKey(parts[0]);
                usedVolumes.add(parts[0]);
            });
            Map<String, Object> healthcheck = map(service.get("healthcheck"));
            List<Object> test = list(healthcheck.get("test"));
            assertThat(test.get(0)).isEqualTo("CMD");
            assertThat(test.subList(1, test.size())).as(name + ": the image's own check")
                    .isEqualTo(image.healthCommand());
            for (String option : List.of("interval", "timeout", "retries")) {
                assertThat(healthcheck.get(option).toString()).as(name + " " + option)
                        .isEqualTo(image.healthOptions().get(option));
            }
            assertThat(healthcheck.get("start_period")).isEqualTo(image.healthOptions().get("start-period"));
            Map<String, String> env = new HashMap<>();
            map(service.get("environment")).forEach((variable, value) -> env.put(variable, withDefaults(value)));
            assertKnownAndAccepted(name, env);
        }
        assertThat(hostPorts).as("one port per class").doesNotHaveDuplicates();
        assertThat(usedVolumes).as("one volume per class").doesNotHaveDuplicates();
    }

    @Test
    void kubernetesRunsEachClassAsTheImageExpects() throws IOException {
        Dockerfile image = Dockerfile.read();
        Map<String, Map<String, Object>> byKind = new LinkedHashMap<>();
        for (Object document : documents(DEPLOY.resolve("kubernetes/class-a.yaml"))) {
            byKind.put(map(document).get("kind").toString(), map(document));
        }
        assertThat(byKind).containsOnlyKeys("StatefulSet", "Service", "Ingress");

        Map<String, Object> spec = map(byKind.get("StatefulSet").get("spec"));
        assertThat(spec.get("replicas")).as("one server owns the SQLite file").isEqualTo(1);
        Map<String, Object> pod = map(map(spec.get("template")).get("spec"));
        assertThat(map(pod.get("securityContext")).get("runAsUser")).isEqualTo(image.uid());
        Map<String, Object> container = map(list(pod.get("containers")).get(0));
        assertThat(container.get("image").toString()).contains("optimizer-lab");
        Map<String, Object> port = map(list(container.get("ports")).get(0));
        assertThat(port).containsEntry("name", "http").containsEntry("containerPort", image.port());
        Map<String, Object> mount = map(list(container.get("volumeMounts")).get(0));
        assertThat(mount.get("mountPath")).isEqualTo(image.volume());
        assertThat(map(map(list(spec.get("volumeClaimTemplates")).get(0)).get("metadata")).get("name"))
                .isEqualTo(mount.get("name"));
        Map<String, Object> limits = map(map(container.get("resources")).get("limits"));
        assertThat(limits).containsKeys("memory", "cpu");
        for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
            Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
            assertThat(get).as(probe).containsEntry("path", "/healthz").containsEntry("port", "http");
            assertThat(list(get.get("httpHeaders"))).as(probe + ": answered under OPTLAB_PUBLIC_URL")
                    .contains(Map.of("name", "Host", "value", "localhost"));
        }
        Map<String, String> env = new HashMap<>();
        for (Object variable : list(container.get("env"))) {
            Map<String, Object> entry = map(variable);
            if (entry.containsKey("value")) {
                env.put(entry.get("name").toString(), entry.get("value").toString());
            } else {
                env.put(entry.get("name").toString(), "");      // from a secret: only its name is checked here
            }
        }
        ServerConfig config = assertKnownAndAccepted("class-a", env);
        assertThat(config.limits().connections().maxSessionsPerAddress()).as("behind an ingress, one address")
                .isGreaterThanOrEqualTo(config.limits().maxSessions());

        Map<String, Object> service = byKind.get("Service");
        Map<String, Object> servicePort = map(list(map(service.get("spec")).get("ports")).get(0));
        assertThat(servicePort.get("targetPort")).isEqualTo("http");

        Map<String, Object> ingress = byKind.get("Ingress");
        assertThat(map(map(ingress.get("metadata")).get("annotations"))).containsKeys(
                "nginx.ingress.kubernetes.io/proxy-read-timeout", "nginx.ingress.kubernetes.io/proxy-send-timeout");
        Map<String, Object> rule = map(list(map(ingress.get("spec")).get("rules")).get(0));
        assertThat(rule.get("host")).as("the ingress serves the public URL's host")
                .isEqualTo(URI.create(env.get("OPTLAB_PUBLIC_URL")).getHost());
        Map<String, Object> backend = map(map(map(list(map(rule.get("http")).get("paths")).get(0)).get("backend"))
                .get("service"));
        assertThat(backend.get("name")).isEqualTo(map(service.get("metadata")).get("name"));
        assertThat(map(backend.get("port")).get("name")).isEqualTo(servicePort.get("name"));
    }

    @Test
    void replicasShareOneDatabaseAndOneTokenBehindTheBalancer() throws IOException {
        Dockerfile image = Dockerfile.read();
        Map<String, Object> services = map(map(documents(DEPLOY.resolve("compose-replicas.yaml")).get(0))
                .get("services"));
        String haproxy = Files.readString(DEPLOY.resolve("haproxy.cfg"));
        List<String> replicas = services.keySet().stream().filter(name -> name.startsWith("replica")).toList();
        assertThat(replicas).hasSizeGreaterThanOrEqualTo(2);
        for (String name : replicas) {
            Map<String, String> env = new HashMap<>();
            map(merged(map(services.get(name))).get("environment")).forEach((variable, value) ->
                    env.put(variable, REQUIRED.matcher(withDefaults(value)).replaceAll("a-secret-set-in-dot-env")));
            ServerConfig config = assertKnownAndAccepted(name, env);
            assertThat(config.classroom().store()).as(name + ": the shared database")
                    .isInstanceOf(StoreLocation.PostgresUrl.class);
            assertThat(config.classroom().instructorToken()).as(name + ": one token for every replica").isPresent();
            assertThat(haproxy).as("haproxy.cfg sends students to " + name)
                    .containsPattern("server " + name + " \"\\$\\{OPTLAB_REPLICA_\\d+-" + name + ":" + image.port()
                            + "}\"");
        }
        assertThat(haproxy).contains("timeout tunnel").contains("option httpchk GET /healthz");
    }

    /** Every variable is one the server reads, and the values given are accepted as the server would at start. */
    private static ServerConfig assertKnownAndAccepted(String where, Map<String, String> env) {
        assertThat(ServerConfig.VARIABLES).as(where + ": variables the server reads").containsAll(env.keySet());
        return ServerConfig.fromEnvironment(env);
    }

    /** A compose value with each {@code ${NAME:-default}} replaced by its default. */
    private static String withDefaults(Object value) {
        Matcher matcher = DEFAULTED.matcher(String.valueOf(value));
        return matcher.replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
    }

    private static List<Object> documents(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        new Load(LoadSettings.builder().setLabel(file.toString()).build())
                .loadAllFromString(Files.readString(file)).forEach(documents::add);
        return documents;
    }

    /** A map with YAML's merge key ({@code <<: *anchor}) applied, as Compose does. */
    private static Map<String, Object> merged(Map<String, Object> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (map.containsKey("<<")) {
            result.putAll(map(map.get("<<")));
        }
        map.forEach((key, value) -> {
            if (!"<<".equals(key)) {
                result.put(key, value);
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    /** What the image declares: its port, data folder, user id and health check. */
    private record Dockerfile(int port, String volume, int uid, List<Object> healthCommand,
                              Map<String, String> healthOptions) {

        static Dockerfile read() throws IOException {
            String text = Files.readString(Path.of("Dockerfile")).replace("\\\n", " ");
            String health = line(text, "HEALTHCHECK ");
            Map<String, String> options = new HashMap<>();
            Matcher option = Pattern.compile("--([a-z-]+)=(\\S+)").matcher(health);
            while (option.find()) {
                options.put(option.group(1), option.group(2));
            }
            List<Object> command = List.of(new ObjectMapper().readValue(health.substring(health.indexOf("CMD ") + 4),
                    Object[].class));
            Matcher uid = Pattern.compile("--uid (\\d+)").matcher(text);
            assertThat(uid.find()).isTrue();
            assertThat(text).contains("ENV OPTLAB_HOST=0.0.0.0").contains("OPTLAB_PORT=" + line(text, "EXPOSE ")
                    .substring(7).trim());
            return new Dockerfile(Integer.parseInt(line(text, "EXPOSE ").substring(7).trim()),
                    line(text, "VOLUME ").substring(7).trim(), Integer.parseInt(uid.group(1)), command, options);
        }

        private static String line(String text, String start) {
            return text.lines().filter(l -> l.startsWith(start)).findFirst().orElseThrow(() ->
                    new AssertionError("no " + start + "line in the Dockerfile"));
        }
    }
}
