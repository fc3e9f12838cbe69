package org.optimizerlab.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.optimizerlab.problem.Interval;
import org.optimizerlab.problem.Landscape;

/**
 * The values of a 2-D landscape (a function, or a training loss over two weights) on a regular grid over its window, for the contour map: computed for
 * a {@code start} (or kept from an earlier start of the same surface, {@link #json}) and sent in {@code started} as {@code {x: [...], y: [...], z: [[...]]}} with
 * {@code z[j][i] = f(x[i], y[j])}. Values are sent as single-precision numbers (plenty for a picture, half the
 * bytes); non-finite values as {@code null}. Where the landscape marks a minimum, the grid carries a second,
 * finer one as {@code zoom}: {@link #ZOOM_POINTS} per axis over a window {@link #ZOOM_FRACTION} of the map's width and
 * height around the first minimum, with the window as {@code window: [[xlo, xhi], [ylo, yhi]]}, so the page can show
 * the last steps near the minimum (an RMSProp run hopping 0.05 around it is 4 px on a ±3 map).
 */
final class ContourGrid {

    /** Grid points along each axis. */
    static final int POINTS = 61;

    /** Grid points along each axis of the zoomed window. */
    static final int ZOOM_POINTS = 31;

    /** The zoomed window's width (and height) as a fraction of the map's: 1/12, so ±0.25 on a ±3 map. */
    static final double ZOOM_FRACTION = 1.0 / 12;

    /** How many maps {@link #json} keeps: each is at most (61² + 31²) numbers of 16 characters, 75 KB. */
    static final int KEPT = 32;

    private static final ObjectMapper JSON = ServerJson.mapper();
    private static final Map<Object, String> RECENT = new LinkedHashMap<>(KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, String> eldest) {
            return size() > KEPT;
        }
    };

    private ContourGrid() {
    }

    /**
     * {@link #withZoom} as JSON text. A map with a {@code key} (a value that determines the landscape, such as a
     * surface's problem object and seed) is computed and written once and kept among the last {@link #KEPT}: a class
     * restarting the same race gets the same map without 4,682 values computed and written again each time. With
     * a null key (a landscape over data that can change) it is computed every time.
     */
    static String json(Landscape landscape, Object key) {
        if (key == null) {
            return write(withZoom(landscape));
        }
        synchronized (RECENT) {
            String kept = RECENT.get(key);
            if (kept != null) {
                return kept;
            }
        }
        String text = write(withZoom(landscape));
        synchronized (RECENT) {
            RECENT.put(key, text);
        }
        return text;
    }

    private static String write(ObjectNode grid) {
        try {
            return JSON.writeValueAsString(grid);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a contour map could not be written", e);
        }
    }

    /** The map's grid ({@link #POINTS} per axis) with, where there is a minimum, the zoomed grid as {@code zoom}. */
    static ObjectNode withZoom(Landscape landscape) {
        ObjectNode grid = of(landscape, POINTS);
        if (!landscape.minima().isEmpty()) {
            double[] minimum = landscape.minima().get(0);
            Interval xs = around(minimum[0], landscape.bounds().get(0));
            Interval ys = around(minimum[1], landscape.bounds().get(1));
            ObjectNode zoom = over(landscape, xs, ys, ZOOM_POINTS);
            ArrayNode window = zoom.putArray("window");
            window.addArray().add(xs.low()).add(xs.high());
            window.addArray().add(ys.low()).add(ys.high());
            grid.set("zoom", zoom);
        }
        return grid;
    }

    /** The grid of {@code landscape} over its {@link Landscape#bounds()}, {@code points} per axis. */
    static ObjectNode of(Landscape landscape, int points) {
        return over(landscape, landscape.bounds().get(0), landscape.bounds().get(1), points);
    }

    private static Interval around(double centre, Interval map) {
        double half = (map.high() - map.low()) * ZOOM_FRACTION / 2;
        return new Interval(centre - half, centre + half);
    }

    private static ObjectNode over(Landscape landscape, Interval xs, Interval ys, int points) {
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
