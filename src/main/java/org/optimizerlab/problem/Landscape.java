package org.optimizerlab.problem;

import java.util.List;

/**
 * The loss of a problem with two parameters as a picture: a window, the value at any point of it, the points worth
 * marking, and the names of the two axes. The web page draws it as a contour map under the optimizers' paths.
 *
 * <p>Every {@link Surface} is its own landscape; a training problem with two weights offers one over its full
 * training loss (see {@link Problem#landscape()}).
 */
public interface Landscape {

    /** The value at {@code (x, y)}: the function itself, or the loss over the whole training set. */
    double value(double x, double y);

    /** The window a contour plot shows: {@code x} range, then {@code y} range. */
    List<Interval> bounds();

    /** The known global minima (and other points of interest a lesson marks), as {@code {x, y}} pairs. */
    List<double[]> minima();

    /** The names of the two axes, as a page labels them. */
    default List<String> axes() {
        return List.of("x", "y");
    }
}
