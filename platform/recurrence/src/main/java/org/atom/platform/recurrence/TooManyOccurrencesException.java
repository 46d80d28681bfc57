package org.atom.platform.recurrence;

/**
 * A window holds more occurrences than the caller allowed ({@code Recurrence.allOccurrences(…, max)}): rather than a
 * silently shortened list, the caller learns that it must ask a smaller window.
 */
public final class TooManyOccurrencesException extends RuntimeException {

    private final int max;

    TooManyOccurrencesException(int max) {
        super("the window holds more than " + max + " occurrences");
        this.max = max;
    }

    /** The most occurrences the caller allowed. */
    public int max() {
        return max;
    }
}
