package org.optimizerlab.search;

/**
 * What ranks the trials of a search: a classifier's validation accuracy (higher is better), or a regression's
 * validation loss, the mean squared error on the held-out rows (lower is better). The code is the name of the trial
 * field that holds it.
 */
public enum SearchMetric {
    /** The fraction of validation samples classified right; the classifiers' metric. */
    VALIDATION_ACCURACY("val_accuracy", "validation accuracy"),
    /** The mean squared error on the validation rows; the regression table's metric. */
    VALIDATION_LOSS("val_loss", "validation loss");

    private final String code;
    private final String words;

    SearchMetric(String code, String words) {
        this.code = code;
        this.words = words;
    }

    /** The trial field holding the metric: {@code val_accuracy} or {@code val_loss}. */
    public String code() {
        return code;
    }

    /** The metric in words, for error messages. */
    public String words() {
        return words;
    }

    /** Whether a higher value is better. */
    public boolean higherIsBetter() {
        return this == VALIDATION_ACCURACY;
    }
}
