package org.replprov.engine.spi;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import org.replprov.drsr.RepsTo;

/**
 * One value of the {@code repsTo} attribute (MS-DRSR §5.173) together with the naming context whose root object holds
 * it: a DC this one notifies when that naming context (NC) changes.
 *
 * @param namingContext the distinguished name of the NC replica, such as {@code DC=example,DC=com}
 * @param repsTo        the value, as the abstract {@code RepsTo} tuple
 */
public record RepsToEntry(String namingContext, RepsTo repsTo) {

    public RepsToEntry {
        Objects.requireNonNull(namingContext, "namingContext");
        Objects.requireNonNull(repsTo, "repsTo");
        if (namingContext.isBlank()) {
            throw new IllegalArgumentException("a naming context has a distinguished name");
        }
    }

    /** What identifies this value among all the others: the NC and the partner's DSA GUID. */
    public Key key() {
        return new Key(namingContext, repsTo.uuidDsa());
    }

    /**
     * Identifies a value: an NC holds at most one {@code repsTo} value per partner, because IDL_DRSUpdateRefs refuses
     * to add a second one (MS-DRSR §4.1.26, ERROR_DS_DRA_REF_ALREADY_EXISTS). Distinguished names compare ignoring
     * case, so the naming context is kept in lower case.
     *
     * @param namingContext the NC's distinguished name, lower-cased
     * @param uuidDsa       the partner's DSA GUID
     */
    public record Key(String namingContext, UUID uuidDsa) {

        public Key {
            namingContext = fold(Objects.requireNonNull(namingContext, "namingContext"));
            Objects.requireNonNull(uuidDsa, "uuidDsa");
        }

        /** A naming context as keys hold it. */
        public static String fold(String namingContext) {
            return namingContext.toLowerCase(Locale.ROOT);
        }
    }
}
