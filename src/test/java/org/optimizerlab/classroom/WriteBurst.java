package org.optimizerlab.classroom;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A child JVM for the crash test ({@link ClassStoreContract}): opens the store and writes as fast as it can,
 * alternating submissions and display names, printing each write's id only after the store returned (after the
 * commit): {@code ack submission 17} and {@code ack name s-17}. The test kills it mid-burst.
 *
 * <p>Arguments: {@code sqlite:FOLDER} or {@code postgres:JDBC_URL}, then the open challenge's id.
 */
public final class WriteBurst {

    private WriteBurst() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        long challenge = Long.parseLong(args[1]);
        try (ClassStore store = ClassDatabase.open(location(args[0]), Clock.systemUTC())) {
            out.println("ready");
            for (int i = 1; i <= 1_000_000; i++) {
                Submission submission = store.addSubmission(new NewSubmission(challenge, "s-" + i % 50,
                        "{\"lr\":" + i + "}", i * 0.5));
                out.println("ack submission " + submission.id());
                Student student = store.saveDisplayName("s-" + i, "Student " + i);
                out.println("ack name " + student.id());
            }
        }
    }

    /** The location an argument names. */
    static StoreLocation location(String argument) {
        if (argument.startsWith("sqlite:")) {
            return new StoreLocation.DataFolder(Path.of(argument.substring("sqlite:".length())));
        }
        return new StoreLocation.PostgresUrl(argument.substring("postgres:".length()));
    }
}
