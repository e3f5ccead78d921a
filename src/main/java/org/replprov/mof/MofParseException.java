package org.replprov.mof;

import java.util.Objects;

/**
 * A MOF file that cannot be compiled: where, why, and the offending source line.
 *
 * <p>Deliberately not a {@code CimException}: it happens when a schema is loaded, never in answer to a CIM operation,
 * and carries a source position instead of a WBEM status. {@link #getMessage()} reads
 * <pre>
 * file:line:col: message
 *     the source line
 *     ^
 * </pre>
 * with the caret under the column (tabs in the source line are kept so that the caret lines up in a terminal).
 */
public final class MofParseException extends RuntimeException {

    /** Source lines longer than this are shown as a window around the column. */
    static final int MAX_SHOWN_LINE = 160;

    private final SourceLocation location;
    private final String reason;
    private final String sourceLine;

    /**
     * @param sourceLine the text of the line {@code location} points into, or "" when there is none to show
     */
    public MofParseException(SourceLocation location, String reason, String sourceLine) {
        super(reason);
        this.location = Objects.requireNonNull(location, "location");
        this.reason = Objects.requireNonNull(reason, "reason");
        this.sourceLine = Objects.requireNonNull(sourceLine, "sourceLine");
    }

    public SourceLocation location() {
        return location;
    }

    /** The message without location and source line. */
    public String reason() {
        return reason;
    }

    /** The whole source line the error points into; empty when the error concerns a whole file. */
    public String sourceLine() {
        return sourceLine;
    }

    @Override
    public String getMessage() {
        String head = location + ": " + reason;
        if (sourceLine.isEmpty()) {
            return head;
        }
        int caretIndex = Math.min(location.column() - 1, sourceLine.length());
        int from = 0;
        String shown = sourceLine;
        String prefix = "";
        if (sourceLine.length() > MAX_SHOWN_LINE) {
            from = Math.max(0, caretIndex - MAX_SHOWN_LINE / 2);
            int to = Math.min(sourceLine.length(), from + MAX_SHOWN_LINE);
            prefix = from > 0 ? "…" : "";
            shown = prefix + sourceLine.substring(from, to) + (to < sourceLine.length() ? "…" : "");
        }
        StringBuilder caret = new StringBuilder(prefix.isEmpty() ? "" : " ");
        for (int i = from; i < caretIndex; i++) {
            caret.append(sourceLine.charAt(i) == '\t' ? '\t' : ' ');
        }
        return head + "\n" + shown + "\n" + caret.append('^');
    }
}
