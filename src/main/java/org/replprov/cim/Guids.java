package org.replprov.cim;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * GUID text as WMI classes carry it in string properties (DfsrConnectionInfo's ConnectionGuid, ReplProv_RepsTo's
 * UuidDsa): written as 36 upper-case characters without braces, as DfsrConnectionInfo's MaxLen(36)/MinLen(36)
 * demand; read in either case, with or without braces.
 */
public final class Guids {

    private static final Pattern FORM = Pattern.compile(
            "\\{?([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})}?");

    private Guids() {
    }

    /** {@code C0037E37-EF20-4CDF-968A-932E669ED810}. */
    public static String format(UUID guid) {
        return guid.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * The GUID in {@code text}: 8-4-4-4-12 hex digits, optionally in braces (both or neither). Empty for anything
     * else. ({@link UUID#fromString} is lenient about group lengths, so it is not used alone.)
     */
    public static Optional<UUID> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.startsWith("{") != t.endsWith("}")) {
            return Optional.empty();
        }
        var m = FORM.matcher(t);
        return m.matches() ? Optional.of(UUID.fromString(m.group(1))) : Optional.empty();
    }
}
