package org.replprov.providers.ad;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimName;
import org.replprov.cim.CimProperty;

/**
 * The names and types of ReplProv_RepsTo as the provider relies on them (docs/ms-drsr-repsto.md, "The
 * ReplProv_RepsTo class"). The class itself comes from the shipped MOF; {@link #check} says where the two disagree.
 */
public final class RepsToSchema {

    private RepsToSchema() {
    }

    public static final String NAMESPACE = "root/MicrosoftActiveDirectory";
    public static final CimName CLASS = CimName.of("ReplProv_RepsTo");

    public static final CimName NAMING_CONTEXT = CimName.of("NamingContext");
    public static final CimName UUID_DSA = CimName.of("UuidDsa");
    public static final CimName NA_DSA = CimName.of("NaDsa");
    public static final CimName OPTIONS = CimName.of("Options");
    public static final CimName OPTION_NAMES = CimName.of("OptionNames");
    public static final CimName WRITABLE = CimName.of("Writable");
    public static final CimName RESULT_LAST_ATTEMPT = CimName.of("ResultLastAttempt");
    public static final CimName RESULT_LAST_ATTEMPT_NAME = CimName.of("ResultLastAttemptName");
    public static final CimName CONSECUTIVE_FAILURES = CimName.of("ConsecutiveFailures");
    public static final CimName TIME_LAST_ATTEMPT = CimName.of("TimeLastAttempt");
    public static final CimName TIME_LAST_SUCCESS = CimName.of("TimeLastSuccess");

    /** The keys, in declaration order. */
    public static final List<CimName> KEYS = List.of(NAMING_CONTEXT, UUID_DSA);

    /** The eleven properties in declaration order, with their types. */
    public static final Map<CimName, CimDataType> PROPERTIES = properties();

    private static Map<CimName, CimDataType> properties() {
        Map<CimName, CimDataType> m = new LinkedHashMap<>();
        m.put(NAMING_CONTEXT, CimDataType.STRING);
        m.put(UUID_DSA, CimDataType.STRING);
        m.put(NA_DSA, CimDataType.STRING);
        m.put(OPTIONS, CimDataType.UINT32);
        m.put(OPTION_NAMES, CimDataType.STRING_ARRAY);
        m.put(WRITABLE, CimDataType.BOOLEAN);
        m.put(RESULT_LAST_ATTEMPT, CimDataType.UINT32);
        m.put(RESULT_LAST_ATTEMPT_NAME, CimDataType.STRING);
        m.put(CONSECUTIVE_FAILURES, CimDataType.UINT32);
        m.put(TIME_LAST_ATTEMPT, CimDataType.DATETIME);
        m.put(TIME_LAST_SUCCESS, CimDataType.DATETIME);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The ways {@code c} differs from what the provider needs: another name, missing or retyped properties, other
     * keys. Empty when the class fits.
     */
    public static List<String> check(CimClass c) {
        List<String> problems = new ArrayList<>();
        if (!c.name().equals(CLASS)) {
            problems.add("the class is " + c.name() + ", not " + CLASS);
        }
        PROPERTIES.forEach((name, type) -> {
            CimDataType actual = c.property(name).map(CimProperty::dataType).orElse(null);
            if (actual == null) {
                problems.add("property " + name + " is missing");
            } else if (!actual.equals(type)) {
                problems.add("property " + name + " is " + actual + ", expected " + type);
            }
        });
        List<CimName> keys = c.keys().stream().map(CimProperty::name).toList();
        if (!keys.equals(KEYS)) {
            problems.add("the keys are " + keys + ", expected " + KEYS);
        }
        return problems;
    }
}
