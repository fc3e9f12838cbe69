package org.optimizerlab.classroom;

/** The class database failed on an operation (it is unreachable, full, or broken); nothing was changed. */
public final class ClassStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure of {@code operation} ("add a submission"), caused by {@code cause}. */
    public ClassStoreException(String operation, Throwable cause) {
        super("the class database failed to " + operation + ": " + cause.getMessage(), cause);
    }
}
