package org.atom.calendar.event.ics;

/** A file that is not iCalendar: what is wrong, and on which (physical, 1-based) line. */
public class IcsSyntaxException extends RuntimeException {

    private final int line;

    public IcsSyntaxException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    public int line() {
        return line;
    }
}
