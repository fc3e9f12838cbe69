package org.optimizerlab.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optimizerlab.testing.TestLessons;

/**
 * {@code serve} when it cannot listen where it is told to: a real bind attempt, and a message that names the
 * variable to change and the real cause (Javalin alone says "Port already in use" for all of them).
 */
class ServeCommandTest {

    /** What a failed {@code serve} returned and printed on stderr. */
    record Outcome(int status, String err) {
    }

    private static Outcome serve(Map<String, String> variables, String... args) {
        Map<String, String> env = new HashMap<>(variables);
        env.put("OPTLAB_LESSONS_DIR", TestLessons.folder("valid").toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = ServeCommand.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing says it serves").doesNotContain("serving on");
        return new Outcome(status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAddressThatIsNotThisMachinesNamesOptlabHost() {
        Outcome outcome = serve(Map.of("OPTLAB_HOST", "192.0.2.1"), "--port", "0");    // TEST-NET-1: nobody's
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).contains("error: cannot start the server: OPTLAB_HOST: 192.0.2.1 is not an address "
                + "of this machine (its addresses: ").contains("127.0.0.1").contains("0.0.0.0 listens on all of them")
                .doesNotContain("Port already in use").doesNotContain("Exception");
    }

    @Test
    void aHostNameThatDoesNotResolveNamesOptlabHost() {
        Outcome outcome = serve(Map.of("OPTLAB_HOST", "nonexistent.invalid"), "--port", "0");
        assertThat(outcome.status()).isEqualTo(1);
        assertThat(outcome.err()).contains("error: cannot start the server: OPTLAB_HOST: the host name "
                + "'nonexistent.invalid' does not resolve to an address").doesNotContain("Port already in use");
    }

    @Test
    void aPortReallyInUseNamesWhereThePortCameFrom() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            Outcome fromVariable = serve(Map.of("OPTLAB_HOST", "127.0.0.1", "OPTLAB_PORT", port));
            assertThat(fromVariable.status()).isEqualTo(1);
            assertThat(fromVariable.err()).contains("error: cannot start the server: OPTLAB_PORT: port " + port
                    + " is already in use on 127.0.0.1").contains("choose another port with OPTLAB_PORT or --port N");

            Outcome fromFlag = serve(Map.of("OPTLAB_HOST", "127.0.0.1"), "--port", port);
            assertThat(fromFlag.err()).contains("error: cannot start the server: --port: port " + port
                    + " is already in use on 127.0.0.1");
        }
    }

    @Test
    void aPortFlagThatOverridesTheVariableIsPointedOut() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            String port = Integer.toString(taken.getLocalPort());
            Outcome outcome = serve(Map.of("OPTLAB_HOST", "127.0.0.1", "OPTLAB_PORT", "7070"), "--port", port);
            assertThat(outcome.err()).contains("warning: --port " + port + " overrides OPTLAB_PORT=7070; the "
                    + "container's health check reads OPTLAB_PORT");
        }
    }
}
