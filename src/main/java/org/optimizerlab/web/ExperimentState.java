package org.optimizerlab.web;

import java.util.Locale;

/** Where a session's race or search is: running, paused (or waiting to start), or done. */
enum ExperimentState {
    RUNNING, PAUSED, DONE;

    /** The state as {@code status} messages spell it. */
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
