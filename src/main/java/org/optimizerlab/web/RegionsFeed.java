package org.optimizerlab.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.optimizerlab.experiment.RaceSteps;
import org.optimizerlab.experiment.Run;
import org.optimizerlab.problem.Interval;
import org.optimizerlab.train.DecisionGrid;
import org.optimizerlab.train.LabeledPoints;
import org.optimizerlab.train.SpiralClassifier;

/**
 * The decision regions of one connection's race ({@code docs/protocol.md}, "Decision regions"): while the page has
 * asked for them ({@code regions}, {@code on: true}) and the race is on a spiral classifier, a {@code regions}
 * message with the {@link DecisionGrid} of the chosen run at its latest step, at most one every
 * {@value #MIN_INTERVAL_MILLIS} ms: at the start, as updates are made, and once more after the last update (a
 * trailing grid, so a paused or finished race shows its final regions). A grid is a snapshot: while the client has
 * more than its unread limit waiting, none is computed, and the latest follows when it has read.
 *
 * <p>Confined to the session's {@link SerialExecutor}, like the session itself; the timer only queues tasks.
 */
final class RegionsFeed {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The least time between two grids of one connection. */
    static final long MIN_INTERVAL_MILLIS = 250;
    private static final long MIN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MILLIS);
    /** How soon a grid held back by an unread backlog is tried again. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(ExperimentSession.FRAME_INTERVAL_MILLIS);
    /** The most data points of one split sent in {@code started}; a larger split is sent every k-th point. */
    static final int MAX_SHOWN_POINTS = 2000;

    private final Outbound out;
    private final SerialExecutor serial;
    private final ScheduledExecutorService timer;
    private final long maxUnreadBytes;
    private final Consumer<ObjectNode> send;

    private boolean on;
    private Optional<String> wantedRun = Optional.empty();
    private RaceSteps runner;
    private SpiralClassifier problem;
    private List<Interval> window;
    private int experiment;
    private long generation;
    private long lastSentNanos;
    private String sentKey = "";
    private boolean retryScheduled;

    RegionsFeed(Outbound out, SerialExecutor serial, ScheduledExecutorService timer, long maxUnreadBytes,
                Consumer<ObjectNode> send) {
        this.out = out;
        this.serial = serial;
        this.timer = timer;
        this.maxUnreadBytes = maxUnreadBytes;
        this.send = send;
        this.lastSentNanos = System.nanoTime() - MIN_INTERVAL_NANOS;
    }

    /** The page's {@code regions} message: switches the feed and, when on, sends the current grid (when due). */
    void ask(ClientMessage.Regions message) {
        on = message.on();
        wantedRun = message.run();
        sentKey = "";
        offer();
    }

    /** A new race (or a reset) of experiment number {@code number}: its step-0 grid goes out when on and due. */
    void begin(int number, RaceSteps newRunner) {
        generation++;
        retryScheduled = false;
        experiment = number;
        sentKey = "";
        problem = newRunner.experiment().problem() instanceof SpiralClassifier s ? s : null;
        runner = problem == null ? null : newRunner;
        window = problem == null ? null : DecisionGrid.window(problem);
        offer();                                              // still at most one grid per interval: a reset waits too
    }

    /** The race was replaced by something without regions (a search). */
    void end() {
        generation++;
        retryScheduled = false;
        runner = null;
        problem = null;
    }

    /** Updates were made: a grid of the latest step goes out now, or when the interval has passed. */
    void advanced() {
        offer();
    }

    private void offer() {
        if (!on || runner == null) {
            return;
        }
        int index = runIndex();
        String key = index + "@" + runner.step();
        if (key.equals(sentKey)) {
            return;                                           // this step's grid is out already
        }
        long wait = lastSentNanos + MIN_INTERVAL_NANOS - System.nanoTime();
        if (wait <= 0 && out.pendingBytes() <= maxUnreadBytes) {
            sendGrid(index, key);
        } else if (!retryScheduled) {
            retryScheduled = true;
            long retryGeneration = generation;
            timer.schedule(() -> serial.submitFollowUp(() -> retry(retryGeneration)), Math.max(wait, RETRY_NANOS),
                    TimeUnit.NANOSECONDS);
        }
    }

    private void retry(long retryGeneration) {
        if (retryGeneration != generation) {
            return;
        }
        retryScheduled = false;
        offer();
    }

    private void sendGrid(int index, String key) {
        sentKey = key;
        lastSentNanos = System.nanoTime();
        double[] params = runner.params(index);
        for (double value : params) {
            if (!Double.isFinite(value)) {
                return;                                       // a diverged run has no regions
            }
        }
        DecisionGrid grid = DecisionGrid.of(problem, params, DecisionGrid.sizeFor(problem.dimension()),
                window.get(0), window.get(1));
        send.accept(regions(experiment, runner.experiment().runs().get(index).id(), runner.step(), grid));
    }

    /** The index of the run asked for, or 0 (the first run) when none was named or the race has no such run. */
    private int runIndex() {
        List<Run> runs = runner.experiment().runs();
        for (int i = 0; i < runs.size(); i++) {
            if (wantedRun.isPresent() && runs.get(i).id().equals(wantedRun.get())) {
                return i;
            }
        }
        return 0;
    }

    /** {@code regions}: the grid of run {@code run} after update {@code step}. */
    static ObjectNode regions(int experiment, String run, int step, DecisionGrid grid) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "regions");
        node.put("experiment", experiment);
        node.put("run", run);
        node.put("step", step);
        node.put("size", grid.size());
        node.set("window", window(List.of(grid.x(), grid.y())));
        node.put("classes", grid.digits());
        return node;
    }

    /**
     * The {@code data} of a spiral race's {@code started}: {@code classes}, the {@code window} of its grids, and the
     * {@code train} and {@code validation} points ({@code xy}: x0, y0, x1, y1, ... in single precision;
     * {@code labels}; {@code stride}: 1, or k when only every k-th point of a large split is sent).
     */
    static ObjectNode data(SpiralClassifier problem) {
        ObjectNode node = NODES.objectNode();
        node.put("classes", problem.config().classes());
        node.set("window", window(DecisionGrid.window(problem)));
        node.set("train", points(problem.trainingPoints()));
        node.set("validation", points(problem.validationPoints()));
        return node;
    }

    private static ObjectNode points(LabeledPoints points) {
        int stride = Math.max(1, (points.size() + MAX_SHOWN_POINTS - 1) / MAX_SHOWN_POINTS);
        ObjectNode node = NODES.objectNode();
        ArrayNode xy = node.putArray("xy");
        ArrayNode labels = node.putArray("labels");
        for (int i = 0; i < points.size(); i += stride) {
            xy.add((float) points.x()[2 * i]).add((float) points.x()[2 * i + 1]);
            labels.add(points.labels()[i]);
        }
        node.put("stride", stride);
        return node;
    }

    private static ArrayNode window(List<Interval> sides) {
        ArrayNode node = NODES.arrayNode();
        for (Interval side : sides) {
            node.addArray().add(side.low()).add(side.high());
        }
        return node;
    }
}
