package org.optimizerlab.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.optimizerlab.classroom.ClassroomConfig;
import org.optimizerlab.classroom.InstructorToken;
import org.optimizerlab.classroom.StoreLocation;
import org.optimizerlab.ops.MetricsConfig;
import org.optimizerlab.validation.FieldException;
import org.optimizerlab.lesson.WorkLimits;
import org.optimizerlab.web.ConnectionLimits;
import org.optimizerlab.web.PublicOrigins;
import org.optimizerlab.web.ServerLimits;

class ServerConfigTest {

    @Test
    void anEmptyEnvironmentGivesTheDefaults() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());
        assertThat(config).isEqualTo(ServerConfig.defaults());
        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.lessonsDir()).isEmpty();
        assertThat(config.webDir()).isEmpty();
        assertThat(config.limits()).isEqualTo(ServerLimits.DEFAULT);
        assertThat(config.classroom().store()).isEqualTo(new StoreLocation.DataFolder(Path.of("data")));
        assertThat(config.classroom().instructorToken()).as("generated at start").isEmpty();
        assertThat(ServerConfig.fromEnvironment(Map.of("OPTLAB_PORT", " ", "OPTLAB_LESSONS_DIR", ""))).isEqualTo(config);
    }

    @Test
    void theClassDatabaseAndTheInstructorTokenAreRead() {
        ClassroomConfig folder = ServerConfig.fromEnvironment(Map.of("OPTLAB_DATA_DIR", "/var/lib/optimizer-lab",
                "OPTLAB_INSTRUCTOR_TOKEN", "0123456789abcdef0123", "OPTLAB_LOG_LEVEL", "debug")).classroom();
        assertThat(folder.store()).isEqualTo(new StoreLocation.DataFolder(Path.of("/var/lib/optimizer-lab")));
        assertThat(folder.instructorToken()).contains(InstructorToken.of("0123456789abcdef0123"));
        assertThat(folder.toString()).as("the token is never shown").doesNotContain("0123456789abcdef0123");
        String url = "jdbc:postgresql://db:5432/class?user=optlab&password=s3cret";
        ClassroomConfig postgres = ServerConfig.fromEnvironment(Map.of("OPTLAB_DATABASE_URL", url,
                "OPTLAB_DATA_DIR", "/var/lib/optimizer-lab")).classroom();
        assertThat(postgres.store()).as("the URL wins over the folder").isEqualTo(new StoreLocation.PostgresUrl(url));
        assertThat(postgres.store().describe()).isEqualTo(
                "PostgreSQL jdbc:postgresql://db:5432/class?user=optlab&password=***");
        assertThat(postgres.toString()).doesNotContain("s3cret");
    }

    @Test
    void everyVariableIsRead() {
        Map<String, String> env = Map.ofEntries(Map.entry("OPTLAB_PORT", "8080"), Map.entry("OPTLAB_HOST", "127.0.0.1"),
                Map.entry("OPTLAB_LESSONS_DIR", "/srv/lessons"), Map.entry("OPTLAB_WEB_DIR", "/srv/web"),
                Map.entry("OPTLAB_MAX_SESSIONS", "10"), Map.entry("OPTLAB_MAX_STEPS", "5000"),
                Map.entry("OPTLAB_MAX_RUNS", "4"), Map.entry("OPTLAB_MAX_MESSAGE_BYTES", "2048"),
                Map.entry("OPTLAB_MESSAGES_PER_SECOND", "2.5"), Map.entry("OPTLAB_MESSAGE_BURST", "5"),
                Map.entry("OPTLAB_MAX_STEPS_PER_SECOND", "300"), Map.entry("OPTLAB_MAX_POINTS_PER_RUN", "1000"),
                Map.entry("OPTLAB_WORKER_THREADS", "3"), Map.entry("OPTLAB_MAX_SEARCHES", "2"),
                Map.entry("OPTLAB_MAX_ACTIVATIONS_WORK", "200000000"), Map.entry("OPTLAB_MAX_SEARCH_TRIALS", "30"),
                Map.entry("OPTLAB_MAX_SEARCH_EPOCHS", "100"), Map.entry("OPTLAB_MAX_SEARCH_WORK", "5000000000"),
                Map.entry("OPTLAB_MAX_UPDATE_WORK", "1000000"), Map.entry("OPTLAB_MAX_SESSIONS_PER_ADDRESS", "7"),
                Map.entry("OPTLAB_MAX_UNREAD_BYTES", "1048576"), Map.entry("OPTLAB_UNREAD_TIMEOUT_SECONDS", "12"),
                Map.entry("OPTLAB_IDLE_TIMEOUT_SECONDS", "45"), Map.entry("OPTLAB_MIN_PACE", "0.3"));
        ServerConfig config = ServerConfig.fromEnvironment(env);
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.lessonsDir()).contains(Path.of("/srv/lessons"));
        assertThat(config.webDir()).contains(Path.of("/srv/web"));
        assertThat(config.limits()).isEqualTo(new ServerLimits(10, 5000, 4, 2048, 2.5, 5, 300, 1000, 3, 2,
                new WorkLimits(200_000_000L, 30, 100, 5_000_000_000L, 1_000_000L),
                new ConnectionLimits(7, 1 << 20, Duration.ofSeconds(12), Duration.ofSeconds(45), 0.3)));
        assertThat(config.limits().trialsAtOnce()).as("all workers but one").isEqualTo(2);
        assertThat(config.limits().trialsPerSearch()).as("half the workers").isEqualTo(1);
        assertThat(config.withPort(9)).extracting(ServerConfig::port).isEqualTo(9);
    }

    @Test
    void badValuesNameTheirVariable() {
        assertBad("OPTLAB_PORT", "http", "OPTLAB_PORT: must be a whole number, got 'http'");
        assertBad("OPTLAB_PORT", "70000", "OPTLAB_PORT: must be an integer in 0..65535, got 70000");
        assertBad("OPTLAB_MAX_RUNS", "9", "OPTLAB_MAX_RUNS: must be an integer in 1..8, got 9");
        assertBad("OPTLAB_MAX_STEPS", "0", "OPTLAB_MAX_STEPS: must be an integer in 1..1000000, got 0");
        assertBad("OPTLAB_MESSAGES_PER_SECOND", "lots", "OPTLAB_MESSAGES_PER_SECOND: must be a number, got 'lots'");
        assertBad("OPTLAB_WORKER_THREADS", "0", "OPTLAB_WORKER_THREADS: must be an integer in 1..256, got 0");
        assertBad("OPTLAB_MAX_MESSAGE_BYTES", "10", "OPTLAB_MAX_MESSAGE_BYTES: must be an integer in 256..16777216, got 10");
        assertBad("OPTLAB_MAX_SEARCHES", "0", "OPTLAB_MAX_SEARCHES: must be an integer in 1..10000, got 0");
        assertBad("OPTLAB_MAX_ACTIVATIONS_WORK", "2000000000", "OPTLAB_MAX_ACTIVATIONS_WORK: must be an integer in "
                + "1..1000000000, got 2000000000");
        assertBad("OPTLAB_MAX_SEARCH_TRIALS", "201", "OPTLAB_MAX_SEARCH_TRIALS: must be an integer in 1..200, got 201");
        assertBad("OPTLAB_MAX_SEARCH_EPOCHS", "many", "OPTLAB_MAX_SEARCH_EPOCHS: must be a whole number, got 'many'");
        assertBad("OPTLAB_MAX_SEARCH_WORK", "0", "OPTLAB_MAX_SEARCH_WORK: must be an integer in 1..20000000000, got 0");
        assertBad("OPTLAB_MAX_UPDATE_WORK", "-1", "OPTLAB_MAX_UPDATE_WORK: must be an integer in 1.."
                + Long.MAX_VALUE + ", got -1");
        assertBad("OPTLAB_MAX_SESSIONS_PER_ADDRESS", "0", "OPTLAB_MAX_SESSIONS_PER_ADDRESS: must be an integer in "
                + "1..100000, got 0");
        assertBad("OPTLAB_MAX_UNREAD_BYTES", "1000", "OPTLAB_MAX_UNREAD_BYTES: must be an integer in "
                + "65536..1073741824, got 1000");
        assertBad("OPTLAB_UNREAD_TIMEOUT_SECONDS", "0", "OPTLAB_UNREAD_TIMEOUT_SECONDS: must be 1 s to 24 h, got 0 s");
        assertBad("OPTLAB_IDLE_TIMEOUT_SECONDS", "soon", "OPTLAB_IDLE_TIMEOUT_SECONDS: must be a whole number, "
                + "got 'soon'");
        assertBad("OPTLAB_MIN_PACE", "1.5", "OPTLAB_MIN_PACE: must be in [0, 1), got 1.5");
        assertBad("OPTLAB_MIN_PACE", "half", "OPTLAB_MIN_PACE: must be a number, got 'half'");
    }

    @Test
    void metricsAreOffByDefaultAndTheirVariablesAreCheckedAtStartUp() {
        assertThat(ServerConfig.fromEnvironment(Map.of()).metrics()).isEqualTo(MetricsConfig.OFF);
        MetricsConfig metrics = ServerConfig.fromEnvironment(Map.of("OPTLAB_METRICS", "on",
                "OPTLAB_METRICS_TOKEN", "scraper-token-0123456789")).metrics();
        assertThat(metrics.access()).isEqualTo(MetricsConfig.Access.ON);
        assertThat(metrics.token()).contains("scraper-token-0123456789");
        assertThat(ServerConfig.fromEnvironment(Map.of("OPTLAB_METRICS", "on")).withPort(1).metrics().enabled())
                .as("kept by the with... copies").isTrue();
        assertBad("OPTLAB_METRICS", "prometheus", "OPTLAB_METRICS: must be off, on or instructor, got 'prometheus'");
        assertBad("OPTLAB_METRICS_TOKEN", "scraper-token-0123456789", "OPTLAB_METRICS_TOKEN: is set but "
                + "OPTLAB_METRICS is off; set OPTLAB_METRICS=on to serve /metrics behind the token");
    }

    @Test
    void publicUrlsAreReadAndCheckedAtStartUp() {
        assertThat(ServerConfig.fromEnvironment(Map.of()).publicOrigins()).isEqualTo(PublicOrigins.NONE);
        assertThat(ServerConfig.fromEnvironment(Map.of("OPTLAB_PUBLIC_URL", "  ")).publicOrigins().isSet()).isFalse();
        PublicOrigins origins = ServerConfig.fromEnvironment(Map.of("OPTLAB_PUBLIC_URL",
                "https://ml.example.edu/class1, http://lab.local:8080")).publicOrigins();
        assertThat(origins.urls()).containsExactly(URI.create("https://ml.example.edu/class1"),
                URI.create("http://lab.local:8080"));
        assertThat(origins.allowsOrigin("https://ml.example.edu")).isTrue();
        assertThat(origins.allowsOrigin("https://ML.example.edu:443")).isTrue();
        assertThat(origins.allowsOrigin("http://ml.example.edu")).as("another scheme is another origin").isFalse();
        assertThat(origins.allowsOrigin("http://lab.local:8080")).isTrue();
        assertThat(origins.allowsOrigin("http://lab.local")).isFalse();
        assertThat(ServerConfig.fromEnvironment(Map.of("OPTLAB_PUBLIC_URL", "https://a.example")).withPort(1)
                .publicOrigins().isSet()).isTrue();

        assertBad("OPTLAB_PUBLIC_URL", "ml.example.edu", "OPTLAB_PUBLIC_URL: must be an http or https URL with a "
                + "host, e.g. https://lab.example.edu, got 'ml.example.edu'");
        assertBad("OPTLAB_PUBLIC_URL", "ftp://ml.example.edu", "OPTLAB_PUBLIC_URL: must be an http or https URL with "
                + "a host, e.g. https://lab.example.edu, got 'ftp://ml.example.edu'");
        assertBad("OPTLAB_PUBLIC_URL", "https://ml.example.edu/?class=1", "OPTLAB_PUBLIC_URL: must be a plain URL "
                + "without user, query or fragment, e.g. https://lab.example.edu/class1, got "
                + "'https://ml.example.edu/?class=1'");
        assertBad("OPTLAB_PUBLIC_URL", "https://a.example,,https://b.example", "OPTLAB_PUBLIC_URL: has an empty "
                + "entry; separate URLs with single commas, got 'https://a.example,,https://b.example'");
        assertBad("OPTLAB_PUBLIC_URL", "https://ml example.edu", "OPTLAB_PUBLIC_URL: 'https://ml example.edu' is not "
                + "a URL (Illegal character in authority)");
        assertBad("OPTLAB_DATABASE_URL", "postgres://u:p@db/class", "OPTLAB_DATABASE_URL: must be a PostgreSQL JDBC "
                + "URL, jdbc:postgresql://HOST:PORT/DATABASE?user=USER&password=PASSWORD, got 'postgres://...'");
        assertBad("OPTLAB_INSTRUCTOR_TOKEN", "letmein", "OPTLAB_INSTRUCTOR_TOKEN: must be at least 16 characters (a "
                + "long random string, e.g. from 'openssl rand -hex 16'), got 7");
        assertBad("OPTLAB_INSTRUCTOR_TOKEN", "a token with spaces in it", "OPTLAB_INSTRUCTOR_TOKEN: must not contain "
                + "spaces or control characters");
        assertBad("OPTLAB_LOG_LEVEL", "verbose", "OPTLAB_LOG_LEVEL: must be one of TRACE, DEBUG, INFO, WARN, ERROR, "
                + "OFF, got 'verbose'");
    }

    private static void assertBad(String variable, String value, String message) {
        assertThatThrownBy(() -> ServerConfig.fromEnvironment(Map.of(variable, value)))
                .isInstanceOf(FieldException.class).hasMessage(message);
    }

    @Test
    void theRecordRefusesNonsense() {
        assertThatThrownBy(() -> new ServerConfig(" ", 1, Optional.empty(), Optional.empty(), ServerLimits.DEFAULT))
                .hasMessage("host: must not be empty");
        assertThatThrownBy(() -> new ServerConfig("h", -1, Optional.empty(), Optional.empty(), ServerLimits.DEFAULT))
                .hasMessage("port: must be an integer in 0..65535, got -1");
    }
}
