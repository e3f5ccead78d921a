package org.replprov.mof;

import java.util.Objects;

/**
 * A position in MOF source text: the file as the compiler named it, and the 1-based line and column (in UTF-16
 * characters, a tab counting as one).
 */
public record SourceLocation(String file, int line, int column) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("lines and columns count from 1: " + line + ":" + column);
        }
    }

    /** The start of {@code file}, for problems with the file as a whole (unreadable, too large). */
    public static SourceLocation startOf(String file) {
        return new SourceLocation(file, 1, 1);
    }

    /** {@code file:line:col}, the prefix of every compiler message. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
