package org.replprov.protocol.cimxml;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;
import org.replprov.protocol.PropertyList;

/**
 * A CIM-XML request read into a value: one record per DSP0200 operation replprov serves, named and with parameters
 * named as in DSP0200, defaults already applied. Every other intrinsic operation becomes
 * {@link NotSupported}.
 *
 * <p>The deprecated {@code LocalOnly} parameter of GetInstance and EnumerateInstances is read and dropped: DSP0200
 * 1.4 lets servers ignore it, and clients disagree about its meaning.
 */
public sealed interface Operation {

    /** The target namespace ({@code LOCALNAMESPACEPATH}), segments joined by {@code /}. */
    String namespace();

    /** GetClass. Defaults: LocalOnly TRUE, IncludeQualifiers TRUE, IncludeClassOrigin FALSE. */
    record GetClass(String namespace, CimName className, boolean localOnly, boolean includeQualifiers,
                    boolean includeClassOrigin, PropertyList propertyList) implements Operation {
    }

    /**
     * EnumerateClasses; {@code className} null for the whole namespace. Defaults: DeepInheritance
     * FALSE, LocalOnly TRUE, IncludeQualifiers TRUE, IncludeClassOrigin FALSE.
     */
    record EnumerateClasses(String namespace, CimName className, boolean deepInheritance, boolean localOnly,
                            boolean includeQualifiers, boolean includeClassOrigin) implements Operation {
    }

    /** EnumerateClassNames; {@code className} null for the whole namespace. */
    record EnumerateClassNames(String namespace, CimName className, boolean deepInheritance) implements Operation {
    }

    /** GetInstance. Defaults: IncludeQualifiers FALSE, IncludeClassOrigin FALSE. */
    record GetInstance(String namespace, CimObjectPath instanceName, boolean includeQualifiers,
                       boolean includeClassOrigin, PropertyList propertyList) implements Operation {
    }

    /**
     * EnumerateInstances. Defaults: DeepInheritance TRUE, IncludeQualifiers FALSE,
     * IncludeClassOrigin FALSE.
     */
    record EnumerateInstances(String namespace, CimName className, boolean deepInheritance,
                              boolean includeQualifiers, boolean includeClassOrigin, PropertyList propertyList)
            implements Operation {
    }

    /** EnumerateInstanceNames. */
    record EnumerateInstanceNames(String namespace, CimName className) implements Operation {
    }

    /** ExecQuery. */
    record ExecQuery(String namespace, String queryLanguage, String query) implements Operation {
    }

    /**
     * An extrinsic method call on an instance path, or on a class path for a static method. The parameters are as
     * sent, in order: typed when the client gave {@code PARAMTYPE}, text otherwise (wbemcli); the object manager
     * converts each to its declared type. A NULL value is Java null.
     */
    record MethodCall(String namespace, CimObjectPath objectName, CimName methodName,
                      Map<CimName, CimValue> parameters) implements Operation {
        public MethodCall {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /** Any other intrinsic operation (Open*, Pull*, Associators, CreateInstance, …): CIM_ERR_NOT_SUPPORTED. */
    record NotSupported(String namespace, String name) implements Operation {
    }
}
