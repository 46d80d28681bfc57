package org.atom.calendar.event.ics;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an iCalendar stream into its {@code VCALENDAR} components. Lenient where files in the wild are (LF or CR line
 * ends, blank lines, a UTF-8 BOM, several {@code VCALENDAR}s in a row, lower-case names, a multi-byte character split
 * by folding); strict about the content-line grammar and the nesting of components, which fail with an
 * {@link IcsSyntaxException} naming the line.
 */
public final class IcsParser {

    /** Deeper nesting than VCALENDAR → VEVENT → VALARM (→ a few more) is no calendar. */
    static final int MAX_DEPTH = 8;

    private IcsParser() {}

    public static List<IcsComponent> parse(byte[] bytes, Charset charset) {
        List<IcsComponent> calendars = new ArrayList<>();
        Deque<Builder> open = new ArrayDeque<>();
        boolean sawContent = false;
        for (LogicalLine logical : unfold(bytes)) {
            String text = decode(logical, charset);
            if (!sawContent && !text.strip().equalsIgnoreCase("BEGIN:VCALENDAR")) {
                throw new IcsSyntaxException(logical.line, "an iCalendar file starts with BEGIN:VCALENDAR");
            }
            sawContent = true;
            IcsProperty property = contentLine(text, logical.line);
            switch (property.name()) {
                case "BEGIN" -> {
                    String name = componentName(property);
                    if (open.isEmpty() && !name.equals("VCALENDAR")) {
                        throw new IcsSyntaxException(logical.line, "BEGIN:" + name + " outside BEGIN:VCALENDAR");
                    }
                    if (open.size() == MAX_DEPTH) {
                        throw new IcsSyntaxException(logical.line, "components nested deeper than " + MAX_DEPTH);
                    }
                    open.push(new Builder(name, logical.line));
                }
                case "END" -> {
                    String name = componentName(property);
                    if (open.isEmpty()) {
                        throw new IcsSyntaxException(logical.line, "END:" + name + " without BEGIN:" + name);
                    }
                    Builder closed = open.pop();
                    if (!closed.name.equals(name)) {
                        throw new IcsSyntaxException(
                                logical.line,
                                "END:" + name + " does not close BEGIN:" + closed.name + " (line " + closed.line + ")");
                    }
                    IcsComponent component = closed.build();
                    if (open.isEmpty()) {
                        calendars.add(component);
                    } else {
                        open.peek().components.add(component);
                    }
                }
                default -> {
                    if (open.isEmpty()) {
                        throw new IcsSyntaxException(
                                logical.line, property.name() + " outside BEGIN:VCALENDAR … END:VCALENDAR");
                    }
                    open.peek().properties.add(property);
                }
            }
        }
        if (!open.isEmpty()) {
            Builder unclosed = open.peek();
            throw new IcsSyntaxException(
                    unclosed.line, "BEGIN:" + unclosed.name + " is never closed by END:" + unclosed.name);
        }
        if (calendars.isEmpty()) {
            throw new IcsSyntaxException(1, "the file is empty; an iCalendar file starts with BEGIN:VCALENDAR");
        }
        return calendars;
    }

    /** {@code NAME;PARAM=VALUE,"QUOTED";…:VALUE}, names upper case, parameter values decoded. */
    static IcsProperty contentLine(String text, int line) {
        int pos = 0;
        while (pos < text.length() && text.charAt(pos) != ';' && text.charAt(pos) != ':') {
            pos++;
        }
        String name = text.substring(0, pos);
        if (!isName(name)) {
            throw new IcsSyntaxException(
                    line,
                    name.isEmpty()
                            ? "a content line starts with a name (NAME:VALUE)"
                            : "'" + abbreviate(name) + "' is not a property name");
        }
        if (pos == text.length()) {
            throw new IcsSyntaxException(line, "expected NAME:VALUE, found no ':' after " + abbreviate(name));
        }
        Map<String, List<String>> params = new LinkedHashMap<>();
        while (text.charAt(pos) == ';') {
            int eq = text.indexOf('=', pos + 1);
            String paramName = eq < 0 ? "" : text.substring(pos + 1, eq);
            if (eq < 0 || !isName(paramName)) {
                throw new IcsSyntaxException(line, "malformed parameter of " + name + " (expected ;NAME=VALUE)");
            }
            List<String> values = new ArrayList<>();
            pos = eq;
            do {
                pos++;
                if (pos < text.length() && text.charAt(pos) == '"') {
                    int close = text.indexOf('"', pos + 1);
                    if (close < 0) {
                        throw new IcsSyntaxException(line, "unterminated quoted value of parameter " + paramName);
                    }
                    values.add(IcsText.decodeParam(text.substring(pos + 1, close)));
                    pos = close + 1;
                } else {
                    int start = pos;
                    while (pos < text.length() && ";:,\"".indexOf(text.charAt(pos)) < 0) {
                        pos++;
                    }
                    values.add(IcsText.decodeParam(text.substring(start, pos)));
                }
            } while (pos < text.length() && text.charAt(pos) == ',');
            if (pos >= text.length() || (text.charAt(pos) != ';' && text.charAt(pos) != ':')) {
                throw new IcsSyntaxException(line, "expected ';' or ':' after parameter " + paramName + " of " + name);
            }
            params.merge(paramName.toUpperCase(Locale.ROOT), values, (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            });
        }
        return new IcsProperty(name.toUpperCase(Locale.ROOT), params, text.substring(pos + 1), line);
    }

    private static String componentName(IcsProperty property) {
        String name = property.value().strip().toUpperCase(Locale.ROOT);
        if (!isName(name)) {
            throw new IcsSyntaxException(property.line(), property.name() + " needs a component name");
        }
        return name;
    }

    private static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private record LogicalLine(byte[] bytes, int line) {}

    /**
     * Physical lines joined into content lines: a line starting with a space or tab continues the one before (RFC
     * 5545 §3.1), joined as bytes so that a UTF-8 sequence split by folding is whole again. Blank lines are dropped.
     */
    private static List<LogicalLine> unfold(byte[] bytes) {
        List<LogicalLine> lines = new ArrayList<>();
        int start =
                bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf
                        ? 3
                        : 0;
        ByteArrayOutputStream current = null;
        int currentLine = 0;
        int physical = 0;
        int pos = start;
        while (pos < bytes.length) {
            int end = pos;
            while (end < bytes.length && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            physical++;
            if (end > pos && (bytes[pos] == ' ' || bytes[pos] == '\t')) {
                if (current == null) {
                    throw new IcsSyntaxException(physical, "a folded continuation line with no line before it");
                }
                current.write(bytes, pos + 1, end - pos - 1);
            } else {
                if (current != null) {
                    lines.add(new LogicalLine(current.toByteArray(), currentLine));
                    current = null;
                }
                if (end > pos) {
                    current = new ByteArrayOutputStream(end - pos + 16);
                    current.write(bytes, pos, end - pos);
                    currentLine = physical;
                }
            }
            if (end < bytes.length && bytes[end] == '\r' && end + 1 < bytes.length && bytes[end + 1] == '\n') {
                end++;
            }
            pos = end + 1;
        }
        if (current != null) {
            lines.add(new LogicalLine(current.toByteArray(), currentLine));
        }
        return lines;
    }

    private static String decode(LogicalLine line, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line.bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IcsSyntaxException(line.line, "is not valid " + charset.name() + " text");
        }
    }

    private static final class Builder {
        final String name;
        final int line;
        final List<IcsProperty> properties = new ArrayList<>();
        final List<IcsComponent> components = new ArrayList<>();

        Builder(String name, int line) {
            this.name = name;
            this.line = line;
        }

        IcsComponent build() {
            return new IcsComponent(name, List.copyOf(properties), List.copyOf(components), line);
        }
    }
}
