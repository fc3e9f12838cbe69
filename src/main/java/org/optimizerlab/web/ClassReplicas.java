package org.optimizerlab.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.security.SecureRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.optimizerlab.classroom.ClassRoster;
import org.optimizerlab.classroom.ClassStore;
import org.optimizerlab.classroom.ClassStoreException;
import org.optimizerlab.classroom.ReplicaRoster;
import org.optimizerlab.classroom.Student;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several server processes (replicas) for one class behind a load balancer, sharing the class database
 * ({@code OPTLAB_DATABASE_URL}). Once a second this server writes who is connected to it (its
 * {@link ClassRoster.Share}, {@link RosterJson}) under its replica id, reads the other replicas' fresh rosters
 * into the {@link ClassView} (a roster older than {@link #STALE_AFTER} is a replica gone), reads the names chosen
 * and the students hidden on other replicas, and delivers the pushes other replicas stored. One server alone
 * does the same few small reads and one write a second, and simply finds no other replica.
 */
public final class ClassReplicas implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClassReplicas.class);

    /** How often rosters are exchanged and stored pushes delivered. */
    public static final Duration PERIOD = Duration.ofSeconds(1);
    /** A replica whose roster is older than this has stopped (or lost the database): its students are gone. */
    public static final Duration STALE_AFTER = Duration.ofSeconds(5);
    /** Rosters older than this are deleted (replicas killed without a goodbye). */
    static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final String replicaId;
    private final ClassStore store;
    private final ClassView view;
    private final ObjectMapper json;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    /** Timer thread only, like the fields below. */
    private Instant namesReadAt;
    private boolean failing;
    private long ticks;

    /** Exchanges for {@code view}, whose names are already read from {@code store}; {@link #start()} begins. */
    public ClassReplicas(ClassStore store, ClassView view, ObjectMapper json, Clock clock) {
        this.replicaId = newReplicaId();
        this.store = store;
        this.view = view;
        this.json = json;
        this.clock = clock;
        this.namesReadAt = clock.instant();
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "class-replicas");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** This server's replica id: random per start, {@code r-} and 12 hex digits. */
    public String replicaId() {
        return replicaId;
    }

    /** Starts the exchange: now, then once a {@link #PERIOD}. */
    public void start() {
        timer.scheduleWithFixedDelay(this::exchange, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One exchange with the other replicas through the database. */
    void exchange() {
        try {
            ClassRoster roster = view.roster();
            store.saveReplicaRoster(replicaId, RosterJson.write(json, roster.share()));
            Instant now = clock.instant();
            List<ClassRoster.Share> others = new ArrayList<>();
            for (ReplicaRoster row : store.replicaRosters(now.minus(STALE_AFTER))) {
                if (!row.replicaId().equals(replicaId)) {
                    RosterJson.read(json, row.roster()).ifPresent(others::add);
                }
            }
            view.others(others);
            // a few seconds of overlap: the other replicas' clocks may be a little behind this one's
            for (Student student : store.studentsNamedAfter(namesReadAt.minus(STALE_AFTER))) {
                roster.named(student.id(), student.displayName());
            }
            namesReadAt = now;
            roster.hideOnly(store.hiddenStudents());
            view.deliverStoredPushes();
            if (++ticks % 60 == 0) {
                store.removeReplicaRosters(now.minus(FORGET_AFTER));
            }
            if (failing) {
                failing = false;
                LOG.info("replica {}: the class database answers again", replicaId);
            }
        } catch (ClassStoreException e) {
            if (!failing) {
                failing = true;
                LOG.warn("replica {}: cannot exchange with the other replicas through the class database ({}): "
                        + "retrying every second", replicaId, e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("replica {}: the exchange with the other replicas failed", replicaId, e);
        }
    }

    /** Stops the exchange and removes this replica's roster, so the others drop its students at once. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
            store.removeReplicaRoster(replicaId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClassStoreException e) {
            LOG.warn("replica {}: cannot remove its roster ({}); the others drop it after {} s", replicaId,
                    e.getMessage(), STALE_AFTER.toSeconds());
        }
    }

    private static String newReplicaId() {
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        return "r-" + HexFormat.of().formatHex(random);
    }
}
