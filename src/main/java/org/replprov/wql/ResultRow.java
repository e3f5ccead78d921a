package org.replprov.wql;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;

/**
 * One result of a data query: the instance cut down to the selected properties and its keys, and the system
 * properties WMI returns with every object (WMI SDK "WMI System Properties").
 *
 * @param instance the projected instance: every property for {@code SELECT *}, else the selected ones and the keys
 * @param namespace the namespace the query ran in
 * @param server the host that answered, or null to leave it out of {@code __PATH}
 */
public record ResultRow(CimInstance instance, String namespace, String server) {

    public static final CimName CLASS = CimName.of("__CLASS");
    public static final CimName NAMESPACE = CimName.of("__NAMESPACE");
    public static final CimName PATH = CimName.of("__PATH");
    public static final CimName RELPATH = CimName.of("__RELPATH");
    public static final CimName SERVER = CimName.of("__SERVER");

    public ResultRow {
        Objects.requireNonNull(instance, "instance");
        Objects.requireNonNull(namespace, "namespace");
    }

    /** {@code __CLASS}. */
    public CimName className() {
        return instance.className();
    }

    /** {@code __RELPATH}: class and keys. */
    public CimObjectPath relativePath() {
        return instance.path();
    }

    /** {@code __PATH}: host, namespace, class and keys. */
    public CimObjectPath path() {
        return relativePath().withNamespace(namespace).withHost(server);
    }

    /** The five system properties by name, in the order above; {@code __SERVER} is absent without a server. */
    public Map<CimName, CimValue> systemProperties() {
        Map<CimName, CimValue> out = new LinkedHashMap<>();
        out.put(CLASS, CimValue.string(className().toString()));
        out.put(NAMESPACE, CimValue.string(CimObjectPath.normalizeNamespace(namespace).replace('/', '\\')));
        out.put(PATH, CimValue.string(path().toWmiPath()));
        out.put(RELPATH, CimValue.string(relativePath().toWmiPath()));
        if (server != null) {
            out.put(SERVER, CimValue.string(server));
        }
        return out;
    }

    /** True for the names {@link #systemProperties()} may hold. */
    static boolean isSystemProperty(CimName name) {
        return name.equals(CLASS) || name.equals(NAMESPACE) || name.equals(PATH) || name.equals(RELPATH)
                || name.equals(SERVER);
    }
}
