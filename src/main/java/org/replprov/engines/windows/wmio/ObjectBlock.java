package org.replprov.engines.windows.wmio;

import java.util.Objects;
import java.util.Optional;

/**
 * An ObjectBlock (MS-WMIO §2.2.5): ObjectFlags (§2.2.6), the optional Decoration, and the class or instance.
 *
 * <p>The flags are kept as read, since 0x10 (prototype of a query result, MS-WMI §2.2.4.1) and 0x40 (key
 * properties missing from the prototype) are meaningful to the caller; the class, instance and decoration bits
 * always agree with the content.
 */
public record ObjectBlock(int flags, Decoration decoration, WmioObject object) {

    public static final int CLASS = 0x01;
    public static final int INSTANCE = 0x02;
    public static final int DECORATED = 0x04;
    public static final int PROTOTYPE = 0x10;
    public static final int KEYS_MISSING = 0x40;

    public ObjectBlock {
        Objects.requireNonNull(object, "object");
        if (flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("ObjectFlags is one octet: " + flags);
        }
        boolean isClass = object instanceof WmioClass;
        if (((flags & CLASS) != 0) != isClass || ((flags & INSTANCE) != 0) == isClass) {
            throw new IllegalArgumentException("ObjectFlags " + flags + " disagree with a " + (isClass ? "class" : "instance"));
        }
        if (((flags & DECORATED) != 0) != (decoration != null)) {
            throw new IllegalArgumentException("ObjectFlags " + flags + " disagree with the decoration " + decoration);
        }
    }

    /** A block for {@code object} with the flags it implies; {@code decoration} may be {@code null}. */
    public static ObjectBlock of(Decoration decoration, WmioObject object) {
        int flags = (object instanceof WmioClass ? CLASS : INSTANCE) | (decoration == null ? 0 : DECORATED);
        return new ObjectBlock(flags, decoration, object);
    }

    public Optional<Decoration> decorationIfAny() {
        return Optional.ofNullable(decoration);
    }

    public boolean isClass() {
        return object instanceof WmioClass;
    }
}
