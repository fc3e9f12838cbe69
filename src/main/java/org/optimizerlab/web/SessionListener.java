package org.optimizerlab.web;

/**
 * What an {@link ExperimentSession} tells the class view about its experiment: called on the session's worker,
 * so an implementation only writes a few fields (no locks held long, no I/O).
 */
interface SessionListener {

    /** Tells nobody. */
    SessionListener NONE = new SessionListener() {
        @Override
        public void status(String state, boolean search, long step) {
        }

        @Override
        public void stepped(long step) {
        }
    };

    /** The state is now {@code state} ({@code idle}, {@code running}, {@code paused}, {@code done}) at {@code step}. */
    void status(String state, boolean search, long step);

    /** The experiment reached {@code step} (a search: its trials finished). */
    void stepped(long step);
}
