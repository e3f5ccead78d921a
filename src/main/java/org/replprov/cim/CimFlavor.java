package org.replprov.cim;

import java.util.EnumSet;
import java.util.Set;

/**
 * How a qualifier propagates and whether it may be overridden (DSP0004 §5.6.1.3). {@code TOINSTANCE} and
 * {@code AMENDED} are WMI additions that WMI schema files use.
 */
public enum CimFlavor {
    ENABLEOVERRIDE, DISABLEOVERRIDE, TOSUBCLASS, RESTRICTED, TRANSLATABLE, TOINSTANCE, AMENDED;

    /** DSP0004 defaults: {@code EnableOverride, ToSubclass}. */
    public static Set<CimFlavor> defaults() {
        return EnumSet.of(ENABLEOVERRIDE, TOSUBCLASS);
    }

    /**
     * Applies explicitly given flavors over {@code base}: each explicit flavor replaces its opposite
     * (EnableOverride/DisableOverride, ToSubclass/Restricted).
     */
    public static Set<CimFlavor> merge(Set<CimFlavor> base, Set<CimFlavor> explicit) {
        EnumSet<CimFlavor> out = base.isEmpty() ? EnumSet.noneOf(CimFlavor.class) : EnumSet.copyOf(base);
        for (CimFlavor f : explicit) {
            switch (f) {
                case ENABLEOVERRIDE -> out.remove(DISABLEOVERRIDE);
                case DISABLEOVERRIDE -> out.remove(ENABLEOVERRIDE);
                case TOSUBCLASS -> out.remove(RESTRICTED);
                case RESTRICTED -> out.remove(TOSUBCLASS);
                default -> { }
            }
            out.add(f);
        }
        return Set.copyOf(out);
    }

    /** The MOF keyword: {@code EnableOverride}, {@code ToSubclass}, … */
    public String keyword() {
        return switch (this) {
            case ENABLEOVERRIDE -> "EnableOverride";
            case DISABLEOVERRIDE -> "DisableOverride";
            case TOSUBCLASS -> "ToSubclass";
            case RESTRICTED -> "Restricted";
            case TRANSLATABLE -> "Translatable";
            case TOINSTANCE -> "ToInstance";
            case AMENDED -> "Amended";
        };
    }
}
