package org.optimizerlab.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/** {@link TestServer.PerClass}: one server for all the tests of a class, stopped when they are done. */
class TestServerPerClassTest {

    /** The port each test of {@link ClassOfTwo} saw, in the order they ran. */
    private static final List<Integer> PORTS_SEEN = new CopyOnWriteArrayList<>();

    /**
     * Run by the test below through the launcher. Its name matches none of Surefire's test patterns (a nested
     * class named {@code ...Tests} was also run on its own in the whole suite, and its ports counted twice).
     */
    @ExtendWith(TestServer.PerClass.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class ClassOfTwo {
        private final TestServer server;

        ClassOfTwo(TestServer server) {
            this.server = server;
        }

        @Test
        void first() {
            PORTS_SEEN.add(server.port());
            assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
        }

        @Test
        void second() {
            PORTS_SEEN.add(server.port());
            assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theTestsOfAClassShareOneServerThatStopsAfterThem() {
        PORTS_SEEN.clear();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ClassOfTwo.class)).build(), summary);

        assertThat(summary.getSummary().getTestsSucceededCount()).as("tests of ClassOfTwo that passed").isEqualTo(2);
        assertThat(PORTS_SEEN).hasSize(2);
        assertThat(PORTS_SEEN.get(1)).as("the second test's server").isEqualTo(PORTS_SEEN.get(0));
        int port = PORTS_SEEN.get(0);
        Poll.until("the server on port " + port + " to stop", Duration.ofSeconds(10), () -> !accepts(port));
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
