package org.replprov.protocol;

import java.util.List;
import java.util.function.Consumer;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;

/**
 * The operations a protocol calls on the object manager: the DSP0200 intrinsic operations replprov serves, extrinsic
 * method calls and event subscriptions. Both wire protocols (CIM-XML and JSON) and the metrics endpoint speak to the
 * object manager only through this interface.
 *
 * <p>Contract in both directions:
 * <ul>
 *   <li>Namespaces are given as {@code root/MicrosoftDfs}; names compare ignoring case.</li>
 *   <li>Every failure is a {@link org.replprov.cim.CimException} whose status the protocol maps once (CIM-XML
 *       {@code ERROR}, JSON error object). Implementations report an unknown namespace as
 *       WBEM_E_INVALID_NAMESPACE, an unknown class as WBEM_E_INVALID_CLASS, a missing instance as
 *       WBEM_E_NOT_FOUND.</li>
 *   <li>Results are streamed to a consumer, in order, on the calling thread; the consumer may throw to stop the
 *       enumeration (for example when the client went away), and the implementation lets that exception out.</li>
 *   <li>Instances are returned whole or projected; the protocol applies the {@link PropertyList} again, so the list
 *       is a hint an implementation may pass to providers.</li>
 * </ul>
 */
public interface CimOperations {

    /** DSP0200 GetClass: the resolved class with inherited members, qualifiers and methods. */
    CimClass getClass(OperationContext ctx, String namespace, CimName className);

    /**
     * DSP0200 EnumerateClasses (and EnumerateClassNames, which maps the result to names): the direct subclasses of
     * {@code className}, or all its descendants when {@code deepInheritance}; with a null {@code className} the
     * namespace's root classes, or every class when {@code deepInheritance}. Superclasses come first.
     */
    List<CimClass> enumerateClasses(OperationContext ctx, String namespace, CimName className,
                                    boolean deepInheritance);

    /** DSP0200 GetInstance: the instance {@code instanceName} names (its keys are untyped until resolved). */
    CimInstance getInstance(OperationContext ctx, String namespace, CimObjectPath instanceName,
                            PropertyList propertyList);

    /** DSP0200 EnumerateInstances: instances of {@code className} and of its subclasses. */
    void enumerateInstances(OperationContext ctx, String namespace, CimName className, PropertyList propertyList,
                            Consumer<CimInstance> sink);

    /** DSP0200 EnumerateInstanceNames: the paths (relative to the namespace) of the instances of the class. */
    void enumerateInstanceNames(OperationContext ctx, String namespace, CimName className,
                                Consumer<CimObjectPath> sink);

    /**
     * DSP0200 ExecQuery: the instances a query selects, projected to its select list.
     *
     * @throws org.replprov.cim.CimException WBEM_E_INVALID_QUERY_TYPE for a language other than WQL,
     *     WBEM_E_INVALID_QUERY for a query that does not parse or names unknown properties
     */
    void execQuery(OperationContext ctx, String namespace, String queryLanguage, String query,
                   Consumer<CimInstance> sink);

    /**
     * An extrinsic method call on an instance path (or a class path for a static method). The parameters have been
     * typed against the method's declaration by {@link MethodParameters#bind}.
     */
    MethodResult invokeMethod(OperationContext ctx, String namespace, CimObjectPath objectName, CimName methodName,
                              List<ParamValue> inParameters);

    /**
     * Subscribes to the events an event query selects ({@code SELECT * FROM __InstanceModificationEvent WITHIN 1
     * WHERE TargetInstance ISA "DfsrConnectionInfo"}). Delivery happens on the implementation's threads; the sink must
     * not block.
     *
     * @throws org.replprov.cim.CimException WBEM_E_INVALID_QUERY, WBEM_E_NOT_EVENT_CLASS and the other event-query
     *     errors, before any event is delivered
     */
    Subscription subscribe(OperationContext ctx, String namespace, String queryLanguage, String query,
                           Consumer<CimIndication> sink);
}
