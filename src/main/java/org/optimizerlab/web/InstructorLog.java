package org.optimizerlab.web;

import org.optimizerlab.validation.FieldException;
import org.optimizerlab.validation.Quote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instructor's actions in the log, one INFO line each, all under the {@code InstructorController} logger so an
 * operator finds them with one grep: {@code instructor signed in from 10.0.0.7},
 * {@code instructor from 10.0.0.7: pushed 'adam-vs-sgd' to the class}. Instructor endpoints call {@link #action};
 * values that came from a request are cut ({@link Quote#cut}) and put on one line. Never pass a token or secret.
 */
public final class InstructorLog {
    private static final Logger LOG = LoggerFactory.getLogger(InstructorController.class);

    private InstructorLog() {
    }

    /** The instructor signed in from {@code address}. */
    public static void signedIn(String address) {
        LOG.info("instructor signed in from {}", oneLine(address));
    }

    /** The instructor signed out from {@code address}. */
    public static void signedOut(String address) {
        LOG.info("instructor signed out from {}", oneLine(address));
    }

    /**
     * Another action of the instructor: {@code what} is an slf4j format written by the server
     * ({@code "pushed {} to the class"}); its arguments are cut and put on one line.
     */
    public static void action(String address, String what, Object... arguments) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Object[] safe = arguments.clone();
        for (int i = 0; i < safe.length; i++) {
            if (safe[i] instanceof CharSequence text) {
                safe[i] = oneLine(text.toString());
            }
        }
        LOG.info("instructor from " + oneLine(address).replace("{}", "\\{}") + ": " + what, safe);
    }

    private static String oneLine(String value) {
        return value == null ? "(unknown)" : FieldException.oneLine(Quote.cut(value));
    }
}
