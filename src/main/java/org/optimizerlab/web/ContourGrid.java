package org.optimizerlab.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.optimizerlab.problem.Interval;
import org.optimizerlab.problem.Landscape;

/**
 * The values of a 2-D landscape (a function, or a training loss over two weights) on a regular grid over its window, for the contour map: computed once
 * per {@code start} and sent in {@code started} as {@code {x: [...], y: [...], z: [[...]]}} with
 * {@code z[j][i] = f(x[i], y[j])}. Values are sent as single-precision numbers (plenty for a picture, half the
 * bytes); non-finite values as {@code null}.
 */
final class ContourGrid {

    /** Grid points along each axis. */
    static final int POINTS = 61;

    private ContourGrid() {
    }

    /** The grid of {@code landscape} over its {@link Landscape#bounds()}, {@code points} per axis. */
    static ObjectNode of(Landscape landscape, int points) {
        Interval xs = landscape.bounds().get(0);
        Interval ys = landscape.bounds().get(1);
        double[] x = axis(xs, points);
        double[] y = axis(ys, points);
        ObjectNode grid = JsonNodeFactory.instance.objectNode();
        ArrayNode xNode = grid.putArray("x");
        for (double v : x) {
            xNode.add(v);
        }
        ArrayNode yNode = grid.putArray("y");
        for (double v : y) {
            yNode.add(v);
        }
        ArrayNode z = grid.putArray("z");
        for (double yj : y) {
            ArrayNode row = z.addArray();
            for (double xi : x) {
                double value = landscape.value(xi, yj);
                if (Double.isFinite(value) && Float.isFinite((float) value)) {
                    row.add((float) value);
                } else {
                    row.addNull();
                }
            }
        }
        return grid;
    }

    private static double[] axis(Interval interval, int points) {
        double[] axis = new double[points];
        for (int i = 0; i < points; i++) {
            axis[i] = interval.low() + (interval.high() - interval.low()) * i / (points - 1);
        }
        return axis;
    }
}
