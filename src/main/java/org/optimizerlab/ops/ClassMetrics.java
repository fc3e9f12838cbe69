package org.optimizerlab.ops;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.IntSupplier;

/**
 * What the server tells its metrics. Every method has a default that does nothing, so {@link #NONE} (metrics off)
 * costs nothing and a new event does not break other implementations. Labels come from the closed sets below or
 * are bounded by the implementation; callers never pass a client's value except through {@link #clientError}, whose
 * field is reduced to a fixed family.
 *
 * <p>{@code AppFactory} makes one per server ({@code MetricsEndpoint#metrics()}) and hands it to what reports: the
 * experiment hub, its sessions and sockets, the one-shot work; a new feature takes it the same way (a challenge
 * endpoint calls {@link #challengeSubmitted}). Any thread may call any method.
 */
public interface ClassMetrics {

    /** Metrics off: every event is ignored. */
    ClassMetrics NONE = new ClassMetrics() {
    };

    /** Why a connection was refused before it was admitted. */
    enum Refusal {
        /** The server holds {@code OPTLAB_MAX_SESSIONS} sessions (1013). */
        SERVER_FULL,
        /** The client's address holds {@code OPTLAB_MAX_SESSIONS_PER_ADDRESS} sessions (1008). */
        ADDRESS_FULL,
        /** The server is stopping (1001). */
        STOPPING,
        /** The running races would fall below {@code OPTLAB_MIN_PACE} of their speed with one more (1013). */
        SERVER_BUSY
    }

    /** Who ended a connection, and why when it was the server. */
    enum CloseCause {
        /** The client closed it (or its network went away). */
        CLIENT,
        /** The server: the client sent nothing for too long. */
        IDLE,
        /** The server: the client did not read what it was sent. */
        NOT_READING,
        /** The server: the session's work failed. */
        SERVER_ERROR,
        /** The server is stopping. */
        RESTARTING
    }

    /** What a client started on the experiment socket. */
    enum ExperimentKind {
        /** One to eight optimizers racing on one problem. */
        RACE,
        /** A hyperparameter search. */
        SEARCH
    }

    /** How a challenge submission ended. */
    enum Submission {
        /** Scored and kept. */
        ACCEPTED,
        /** Refused (invalid, too late, over a limit). */
        REFUSED
    }

    /** An experiment connection was admitted. */
    default void connectionOpened() {
    }

    /** An admitted connection ended with {@code code}. */
    default void connectionClosed(int code, CloseCause cause) {
    }

    /** A connection was refused. */
    default void refused(Refusal reason) {
    }

    /** The lesson of an experiment whose connection never said which lesson its page is ({@code hello}). */
    String NO_LESSON = "none";
    /** The lesson of an experiment whose page named a lesson the course does not have. */
    String OTHER_LESSON = "other";

    /**
     * A client started an experiment of {@code problemType} (a type the spec reader accepted) on {@code lesson}: a
     * slug of a lesson the course has, {@link #OTHER_LESSON} or {@link #NO_LESSON} (the caller checks the slug the
     * page sent against the course).
     */
    default void experimentStarted(String lesson, String problemType, ExperimentKind kind) {
    }

    /** Updates made by a race (one per run and step); its rate is the server's steps per second. */
    default void updatesMade(long updates) {
    }

    /** A message of {@code bytes} (UTF-8) was handed to a client's socket. */
    default void sent(long bytes) {
    }

    /** A client got an error about {@code field} (a path such as {@code spec.runs[0].optimizer.lr}). */
    default void clientError(String field) {
    }

    /** A one-shot computation over HTTP ran ({@code served}) or found no free slot in time. */
    default void oneShot(boolean served) {
    }

    /** A challenge submission was accepted or refused: the hook for the challenge endpoints. */
    default void challengeSubmitted(Submission outcome) {
    }

    /** Reports how many sessions are open, read when metrics are collected. */
    default void watchSessions(IntSupplier open) {
    }

    /** Reports the worker pool's queue length and active workers, read when metrics are collected. */
    default void watchWorkers(ThreadPoolExecutor workers) {
    }
}
