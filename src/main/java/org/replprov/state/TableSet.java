package org.replprov.state;

import java.util.List;
import java.util.Objects;

/**
 * The state tables a class module keeps, as the SQL that creates and migrates them: migration {@code i} takes the
 * module's tables from version {@code i} to {@code i + 1}. The state database records each owner's version apart, so
 * every module migrates on its own.
 *
 * @param owner the module's name; also the prefix its table names start with
 */
public record TableSet(String owner, List<List<String>> migrations) {

    /** A module without tables. */
    public static final TableSet NONE = new TableSet("", List.of());

    public TableSet {
        Objects.requireNonNull(owner, "owner");
        migrations = migrations.stream().map(List::copyOf).toList();
    }

    /** The version the migrations lead to. */
    public int version() {
        return migrations.size();
    }
}
