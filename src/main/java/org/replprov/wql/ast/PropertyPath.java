package org.replprov.wql.ast;

import java.util.List;
import java.util.stream.Collectors;

import org.replprov.cim.CimName;

/**
 * A property reference: one name ({@code State}), or a path into an embedded object ({@code TargetInstance.State}).
 * System properties ({@code __CLASS}) and the self reference {@code __THIS} are paths too; the compiler decides what
 * each may mean where it stands.
 */
public record PropertyPath(List<CimName> segments, int column) {

    public PropertyPath {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a property path has at least one name");
        }
    }

    /** The first name: the property itself, or the embedded object a longer path reads from. */
    public CimName head() {
        return segments.get(0);
    }

    /** True for a single name without dots. */
    public boolean isSimple() {
        return segments.size() == 1;
    }

    /** The path without its first name ({@code State} for {@code TargetInstance.State}). */
    public PropertyPath tail() {
        return new PropertyPath(segments.subList(1, segments.size()), column);
    }

    /** The path as written, names joined by dots. */
    @Override
    public String toString() {
        return segments.stream().map(CimName::toString).collect(Collectors.joining("."));
    }
}
