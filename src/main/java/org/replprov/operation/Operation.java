package org.replprov.operation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimValue;

/**
 * A CIM operation as a value, whichever front end decoded it: one record per DSP0200 operation replprov serves, named
 * and with parameters named as in DSP0200, defaults already applied by the codec. {@link OperationService} runs them.
 * A CIM-XML intrinsic operation replprov does not serve becomes {@link NotSupported}.
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
     * InvokeMethod: an extrinsic method call on an instance path, or on a class path for a static method. The
     * parameters are as sent, in order: typed when the client gave them a type, text otherwise (wbemcli); the object
     * manager converts each to its declared type. A NULL value is Java null. Methods change state: only an operator
     * may invoke them.
     */
    record InvokeMethod(String namespace, CimObjectPath objectName, CimName methodName,
                      Map<CimName, CimValue> parameters) implements Operation {
        public InvokeMethod {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }
    }

    /**
     * The parameters every DSP0200 Open operation takes (§5.3.2).
     *
     * @param operationTimeout seconds to keep the session after each Open or Pull, or null for the server's default
     * @param continueOnError  whether to go on after an error (default FALSE)
     * @param maxObjectCount   the most objects this response may carry (default 0)
     */
    record OpenOptions(Long operationTimeout, boolean continueOnError, long maxObjectCount) {
    }

    /**
     * OpenEnumerateInstances. Defaults: DeepInheritance TRUE, IncludeClassOrigin FALSE; {@code filterQueryLanguage}
     * and {@code filterQuery} null when not given.
     */
    record OpenEnumerateInstances(String namespace, CimName className, boolean deepInheritance,
                                  boolean includeClassOrigin, PropertyList propertyList, String filterQueryLanguage,
                                  String filterQuery, OpenOptions options) implements Operation {
    }

    /** OpenEnumerateInstancePaths; the filter as for {@link OpenEnumerateInstances}. */
    record OpenEnumerateInstancePaths(String namespace, CimName className, String filterQueryLanguage,
                                      String filterQuery, OpenOptions options) implements Operation {
    }

    /** OpenQueryInstances. Default: ReturnQueryResultClass FALSE. */
    record OpenQueryInstances(String namespace, String filterQueryLanguage, String filterQuery,
                              boolean returnQueryResultClass, OpenOptions options) implements Operation {
    }

    /** PullInstancesWithPath, PullInstancePaths or PullInstances: the next objects of an open enumeration. */
    record Pull(String namespace, EnumerationContexts.Continuation operation, String enumerationContext,
                long maxObjectCount) implements Operation {
    }

    /** CloseEnumeration. */
    record CloseEnumeration(String namespace, String enumerationContext) implements Operation {
    }

    /** EnumerationCount. */
    record EnumerationCount(String namespace, String enumerationContext) implements Operation {
    }

    /** Any other intrinsic operation (Associators, CreateInstance, …): CIM_ERR_NOT_SUPPORTED. */
    record NotSupported(String namespace, String name) implements Operation {
    }
}
