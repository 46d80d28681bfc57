package org.atom.platform.recurrence;

/**
 * Recurrence lines that cannot be accepted; the message names the offending entry and part, ready for a 400.
 *
 * <p>{@link #index()} is the 0-based position of the offending line in the list given to {@link Recurrence#parse}
 * (so a caller can name the field {@code recurrence[index]}), or -1 when the list as a whole is at fault.
 */
public final class InvalidRecurrenceException extends RuntimeException {

    private static final int EXCERPT_LENGTH = 80;

    private final int index;
    private final String reason;

    /** A problem not yet tied to a line; {@link Recurrence#parse} adds the line before it leaves the library. */
    InvalidRecurrenceException(String reason) {
        this(-1, null, reason);
    }

    InvalidRecurrenceException(int index, String line, String reason) {
        super(message(index, line, reason));
        this.index = index;
        this.reason = reason;
    }

    /** 0-based position of the offending line, or -1 when the problem is not about one line. */
    public int index() {
        return index;
    }

    /** What is wrong, without the line reference. */
    public String reason() {
        return reason;
    }

    InvalidRecurrenceException at(int index, String line) {
        return this.index >= 0 ? this : new InvalidRecurrenceException(index, line, reason);
    }

    private static String message(int index, String line, String reason) {
        if (index < 0) {
            return reason;
        }
        if (line == null) {
            return "entry " + index + ": " + reason;
        }
        String excerpt = line.length() > EXCERPT_LENGTH ? line.substring(0, EXCERPT_LENGTH) + "…" : line;
        return "entry " + index + " (\"" + excerpt + "\"): " + reason;
    }
}
