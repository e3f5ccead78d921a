package org.replprov.engine.spi;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A resource identifier as DfsrIdRecordInfo.Uid writes it: {@code {DatabaseGUID}-vVersion} (DfsrIdRecordInfo documentation), the GUID of
 * the replication database and a per-resource version number. The documentation omits the {@code v}; real values
 * carry it, so both are read and the {@code v} form is written.
 */
public record Uid(UUID databaseGuid, long version) {

    private static final Pattern FORM = Pattern.compile(
            "\\{([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})}-[vV]?(\\d{1,18})");

    public Uid {
        Objects.requireNonNull(databaseGuid, "databaseGuid");
        if (version < 0) {
            throw new IllegalArgumentException("negative version " + version);
        }
    }

    /** The Uid in {@code text}, or empty when it is not of the {@code {GUID}-vN} form. */
    public static Optional<Uid> parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Uid(UUID.fromString(m.group(1)), Long.parseLong(m.group(2))));
    }

    /** {@code {DCE7FC28-5584-4D5D-BC84-2BD9D53CC2FC}-v538}. */
    @Override
    public String toString() {
        return "{" + databaseGuid.toString().toUpperCase(Locale.ROOT) + "}-v" + version;
    }
}
