package org.replprov.protocol.cimxml;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimFlavor;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimQualifiers;
import org.replprov.cim.CimStatus;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;
import org.replprov.cim.Embedding;
import org.replprov.operation.PropertyList;

/**
 * Writes CIM-XML response elements (DSP0201) from {@code cim} values: the message envelope, {@code ERROR}, classes,
 * instances, instance names, values and method results.
 *
 * <p>One writer serves one response with one {@link View}. Per class it computes once the bytes of each property's
 * start tag (name, type, class origin, qualifiers), so an instance costs little more than its values' text.
 */
public final class CimXmlWriter {

    /**
     * Which parts of classes and instances a response carries, from the DSP0200 request parameters.
     *
     * @param localOnly          classes only: leave out inherited (propagated) properties and methods
     * @param includeQualifiers  write {@code QUALIFIER} elements
     * @param includeClassOrigin write {@code CLASSORIGIN} and {@code PROPAGATED} attributes
     * @param propertyList       which properties to write
     * @param shallowClass       EnumerateInstances with DeepInheritance FALSE: only properties this requested class
     *                           declares or inherits; null for every property of the instance's own class
     */
    public record View(boolean localOnly, boolean includeQualifiers, boolean includeClassOrigin,
                       PropertyList propertyList, CimClass shallowClass) {

        /** Every property, no qualifiers, no class origins: what ExecQuery and method results use. */
        public static final View PLAIN = new View(false, false, false, PropertyList.ALL, null);

        boolean includes(CimProperty p) {
            return propertyList.includes(p.name()) && (!localOnly || !p.propagated())
                    && (shallowClass == null || shallowClass.property(p.name()).isPresent());
        }
    }

    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"utf-8\" ?>\n";

    private final XmlOutput out;
    private final View view;
    private final Map<CimClass, InstanceTemplate> templates = new IdentityHashMap<>();

    public CimXmlWriter(OutputStream stream, View view) {
        this.out = new XmlOutput(stream);
        this.view = view;
    }

    // ---- envelope ---------------------------------------------------------------------------------------------

    /** {@code <CIM><MESSAGE ID=…><SIMPLERSP>} echoing the request's message id. */
    public void startMessage(String messageId) {
        out.raw(XML_DECLARATION).raw("<CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\"><MESSAGE ID=\"")
                .attribute(messageId).raw("\" PROTOCOLVERSION=\"1.0\"><SIMPLERSP>");
    }

    public void endMessage() {
        out.raw("</SIMPLERSP></MESSAGE></CIM>\n");
    }

    public void startIMethodResponse(String operation) {
        out.raw("<IMETHODRESPONSE NAME=\"").attribute(operation).raw("\">");
    }

    public void endIMethodResponse() {
        out.raw("</IMETHODRESPONSE>");
    }

    public void startIReturnValue() {
        out.raw("<IRETURNVALUE>");
    }

    public void endIReturnValue() {
        out.raw("</IRETURNVALUE>");
    }

    public void startMethodResponse(String method) {
        out.raw("<METHODRESPONSE NAME=\"").attribute(method).raw("\">");
    }

    public void endMethodResponse() {
        out.raw("</METHODRESPONSE>");
    }

    /** {@code <ERROR CODE="6" DESCRIPTION="CIM_ERR_NOT_FOUND: …"/>}, the form OpenPegasus and pywbem use. */
    public void error(CimStatus status, String description) {
        out.raw("<ERROR CODE=\"").raw(Integer.toString(status.code())).raw("\" DESCRIPTION=\"")
                .attribute(status.name() + ": " + description).raw("\"/>");
    }

    /** Hands everything written so far to the stream. */
    public void flush() {
        out.drain();
    }

    /** Forgets what was written since the last {@link #flush()}. */
    public void discard() {
        out.discard();
    }

    // ---- classes ----------------------------------------------------------------------------------------------

    public void className(CimName name) {
        out.raw("<CLASSNAME NAME=\"").attribute(name.toString()).raw("\"/>");
    }

    /** {@code CLASS NAME SUPERCLASS (QUALIFIER*, (PROPERTY|PROPERTY.ARRAY|PROPERTY.REFERENCE)*, METHOD*)}. */
    public void cimClass(CimClass c) {
        out.raw("<CLASS NAME=\"").attribute(c.name().toString()).raw("\"");
        c.superClass().ifPresent(s -> out.raw(" SUPERCLASS=\"").attribute(s.name().toString()).raw("\""));
        out.raw(">");
        qualifiers(c.qualifiers());
        for (CimProperty p : c.properties()) {
            if (view.includes(p)) {
                out.raw(propertyStart(p));
                value(p.defaultValue());
                out.raw(propertyEnd(p.dataType()));
            }
        }
        for (CimMethod m : c.methods()) {
            if (!view.localOnly() || !m.propagated()) {
                method(m);
            }
        }
        out.raw("</CLASS>");
    }

    /** {@code METHOD NAME TYPE (QUALIFIER*, (PARAMETER|PARAMETER.REFERENCE|PARAMETER.ARRAY|PARAMETER.REFARRAY)*)}. */
    private void method(CimMethod m) {
        out.raw("<METHOD NAME=\"").attribute(m.name().toString()).raw("\" TYPE=\"")
                .raw(m.returnType().type().keyword()).raw("\"");
        origin(m.classOrigin(), m.propagated());
        out.raw(">");
        qualifiers(m.qualifiers());
        for (CimParameter p : m.parameters()) {
            CimDataType t = p.dataType();
            String element = t.type() == CimType.REFERENCE
                    ? (t.array() ? "PARAMETER.REFARRAY" : "PARAMETER.REFERENCE")
                    : (t.array() ? "PARAMETER.ARRAY" : "PARAMETER");
            out.raw("<").raw(element).raw(" NAME=\"").attribute(p.name().toString()).raw("\"");
            typeAttribute(t);
            out.raw(">");
            qualifiers(p.qualifiers());
            out.raw("</").raw(element).raw(">");
        }
        out.raw("</METHOD>");
    }

    // ---- instances --------------------------------------------------------------------------------------------

    /** {@code VALUE.NAMEDINSTANCE (INSTANCENAME, INSTANCE)}, the EnumerateInstances item. */
    public void namedInstance(CimInstance instance) {
        out.raw("<VALUE.NAMEDINSTANCE>");
        instanceName(instance.path());
        instance(instance);
        out.raw("</VALUE.NAMEDINSTANCE>");
    }

    /**
     * {@code VALUE.OBJECTWITHPATH (INSTANCEPATH, INSTANCE)}, the ExecQuery item in the shape OpenPegasus sends and
     * every client accepts.
     */
    public void objectWithPath(String host, String namespace, CimInstance instance) {
        out.raw("<VALUE.OBJECTWITHPATH>");
        instancePath(instance.path().withNamespace(namespace).withHost(host));
        instance(instance);
        out.raw("</VALUE.OBJECTWITHPATH>");
    }

    /**
     * {@code VALUE.INSTANCEWITHPATH (INSTANCEPATH, INSTANCE)}, the item of OpenEnumerateInstances and
     * PullInstancesWithPath.
     */
    public void instanceWithPath(String host, String namespace, CimInstance instance) {
        out.raw("<VALUE.INSTANCEWITHPATH>");
        instancePath(instance.path().withNamespace(namespace).withHost(host));
        instance(instance);
        out.raw("</VALUE.INSTANCEWITHPATH>");
    }

    /** {@code INSTANCEPATH}, the item of OpenEnumerateInstancePaths and PullInstancePaths. */
    public void instancePath(String host, String namespace, CimObjectPath path) {
        instancePath(path.withNamespace(namespace).withHost(host));
    }

    /** {@code INSTANCE CLASSNAME (QUALIFIER*, (PROPERTY|PROPERTY.ARRAY|PROPERTY.REFERENCE)*)}. */
    public void instance(CimInstance instance) {
        InstanceTemplate t = templates.computeIfAbsent(instance.cimClass(), this::template);
        out.raw(t.start);
        for (int i = 0; i < t.propertyStarts.length; i++) {
            byte[] start = t.propertyStarts[i];
            if (start != null && instance.isPresent(i)) {
                out.raw(start);
                value(instance.value(i));
                out.raw(t.propertyEnds[i]);
            }
        }
        out.raw("</INSTANCE>");
    }

    /** The bytes of an instance's start tag and of each written property's tags, for one class under the view. */
    private record InstanceTemplate(byte[] start, byte[][] propertyStarts, byte[][] propertyEnds) {
    }

    private InstanceTemplate template(CimClass c) {
        List<CimProperty> props = c.properties();
        byte[][] starts = new byte[props.size()][];
        byte[][] ends = new byte[props.size()][];
        for (int i = 0; i < props.size(); i++) {
            CimProperty p = props.get(i);
            if (view.includes(p)) {
                starts[i] = propertyStart(p);
                ends[i] = propertyEnd(p.dataType());
            }
        }
        byte[] start = render(o -> {
            o.out.raw("<INSTANCE CLASSNAME=\"").attribute(c.name().toString()).raw("\">");
            o.qualifiers(c.qualifiers());
        });
        return new InstanceTemplate(start, starts, ends);
    }

    private byte[] propertyStart(CimProperty p) {
        return render(o -> {
            CimDataType t = p.dataType();
            String element = t.type() == CimType.REFERENCE ? "PROPERTY.REFERENCE"
                    : t.array() ? "PROPERTY.ARRAY" : "PROPERTY";
            o.out.raw("<").raw(element).raw(" NAME=\"").attribute(p.name().toString()).raw("\"");
            o.typeAttribute(t);
            o.embeddedObjectAttribute(Embedding.of(p.qualifiers()), null);
            o.origin(p.classOrigin(), p.propagated());
            o.out.raw(">");
            o.qualifiers(p.qualifiers());
        });
    }

    private static byte[] propertyEnd(CimDataType t) {
        return XmlOutput.ascii(t.type() == CimType.REFERENCE ? "</PROPERTY.REFERENCE>"
                : t.array() ? "</PROPERTY.ARRAY>" : "</PROPERTY>");
    }

    /** Runs {@code part} against a scratch writer with this view and returns the bytes it wrote. */
    private byte[] render(Consumer<CimXmlWriter> part) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        CimXmlWriter scratch = new CimXmlWriter(bytes, view);
        part.accept(scratch);
        scratch.flush();
        return bytes.toByteArray();
    }

    // ---- names and paths --------------------------------------------------------------------------------------

    /**
     * {@code INSTANCENAME CLASSNAME (KEYBINDING*)}; a singleton's name has no bindings. Key values carry both
     * {@code VALUETYPE} and the DTD 2.4 {@code TYPE}.
     */
    public void instanceName(CimObjectPath path) {
        out.raw("<INSTANCENAME CLASSNAME=\"").attribute(path.className().toString()).raw("\">");
        for (CimObjectPath.Key k : path.keys()) {
            // WMI's unnamed single key ({@code Class="v"}) is DSP0201's INSTANCENAME (KEYVALUE | VALUE.REFERENCE).
            if (k.name() != null) {
                out.raw("<KEYBINDING NAME=\"").attribute(k.name().toString()).raw("\">");
            }
            keyValue(k.value());
            if (k.name() != null) {
                out.raw("</KEYBINDING>");
            }
        }
        out.raw("</INSTANCENAME>");
    }

    private void keyValue(CimValue v) {
        if (v instanceof CimObjectPath ref) {
            valueReference(ref);
            return;
        }
        CimType t = v.dataType().type();
        out.raw("<KEYVALUE VALUETYPE=\"").raw(valueType(t)).raw("\" TYPE=\"").raw(t.keyword()).raw("\">")
                .text(v.text()).raw("</KEYVALUE>");
    }

    private static String valueType(CimType t) {
        return t == CimType.BOOLEAN ? "boolean" : t.isNumeric() ? "numeric" : "string";
    }

    /** {@code INSTANCEPATH (NAMESPACEPATH (HOST, LOCALNAMESPACEPATH), INSTANCENAME)}. */
    private void instancePath(CimObjectPath path) {
        out.raw("<INSTANCEPATH>");
        namespacePath(path.host().orElse("localhost"), path.namespace().orElse(""));
        instanceName(path);
        out.raw("</INSTANCEPATH>");
    }

    private void namespacePath(String host, String namespace) {
        out.raw("<NAMESPACEPATH><HOST>").text(host).raw("</HOST>");
        localNamespacePath(namespace);
        out.raw("</NAMESPACEPATH>");
    }

    private void localNamespacePath(String namespace) {
        out.raw("<LOCALNAMESPACEPATH>");
        for (String segment : namespace.split("/")) {
            out.raw("<NAMESPACE NAME=\"").attribute(segment).raw("\"/>");
        }
        out.raw("</LOCALNAMESPACEPATH>");
    }

    /** {@code VALUE.REFERENCE} holding the most specific path form the path allows. */
    private void valueReference(CimObjectPath ref) {
        out.raw("<VALUE.REFERENCE>");
        Optional<String> host = ref.host();
        Optional<String> ns = ref.namespace();
        if (ref.isClassPath()) {
            if (host.isPresent() && ns.isPresent()) {
                out.raw("<CLASSPATH>");
                namespacePath(host.get(), ns.get());
                className(ref.className());
                out.raw("</CLASSPATH>");
            } else if (ns.isPresent()) {
                out.raw("<LOCALCLASSPATH>");
                localNamespacePath(ns.get());
                className(ref.className());
                out.raw("</LOCALCLASSPATH>");
            } else {
                className(ref.className());
            }
        } else if (host.isPresent() && ns.isPresent()) {
            instancePath(ref);
        } else if (ns.isPresent()) {
            out.raw("<LOCALINSTANCEPATH>");
            localNamespacePath(ns.get());
            instanceName(ref);
            out.raw("</LOCALINSTANCEPATH>");
        } else {
            instanceName(ref);
        }
        out.raw("</VALUE.REFERENCE>");
    }

    // ---- values -----------------------------------------------------------------------------------------------

    /**
     * {@code VALUE}, {@code VALUE.ARRAY} or {@code VALUE.REFERENCE}; nothing for NULL (DSP0201 {@code VALUE?}). Also
     * the content of an {@code IRETURNVALUE} that returns a value (EnumerationCount).
     */
    public void value(CimValue v) {
        if (v == null) {
            return;
        }
        if (v instanceof CimObjectPath ref) {
            valueReference(ref);
        } else if (v instanceof CimValue.Array a) {
            out.raw("<VALUE.ARRAY>");
            for (CimValue e : a.elements()) {
                scalar(e);
            }
            out.raw("</VALUE.ARRAY>");
        } else {
            scalar(v);
        }
    }

    private void scalar(CimValue v) {
        out.raw("<VALUE>");
        if (v instanceof CimValue.Real r) {
            out.raw(realText(r));
        } else if (v instanceof CimValue.Embedded e) {
            out.text(embeddedInstance(e.instance()));
        } else {
            out.text(v.text());
        }
        out.raw("</VALUE>");
    }

    /**
     * An embedded instance as DSP0201 carries it: the {@code INSTANCE} element as text, escaped once more by the
     * {@code VALUE} around it (what pywbem and the JSR-48 client parse back). It carries all its properties and no
     * qualifiers: the request's PropertyList and IncludeQualifiers apply to the objects it asked for, not to values.
     */
    private static String embeddedInstance(CimInstance instance) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        CimXmlWriter nested = new CimXmlWriter(bytes, View.PLAIN);
        nested.instance(instance);
        nested.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** DSP0201 real values: decimal or exponent form; {@code INF}, {@code -INF} and {@code NaN} for the rest. */
    private static String realText(CimValue.Real r) {
        double d = r.value();
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        return r.text();
    }

    // ---- method results ---------------------------------------------------------------------------------------

    /**
     * {@code RETURNVALUE PARAMTYPE [EmbeddedObject] (VALUE | VALUE.REFERENCE)?} for the result of {@code method}.
     */
    public void returnValue(CimMethod method, CimValue value) {
        out.raw("<RETURNVALUE PARAMTYPE=\"").raw(paramType(method.returnType())).raw("\"");
        embeddedObjectAttribute(Embedding.of(method.qualifiers()), value);
        out.raw(">");
        value(value);
        out.raw("</RETURNVALUE>");
    }

    /**
     * An output parameter: {@code PARAMVALUE NAME PARAMTYPE [EmbeddedObject] (VALUE | VALUE.ARRAY |
     * VALUE.REFERENCE)?}. An array of embedded instances is a {@code VALUE.ARRAY} of escaped {@code INSTANCE}s.
     */
    public void paramValue(CimParameter declared, CimValue value) {
        out.raw("<PARAMVALUE NAME=\"").attribute(declared.name().toString()).raw("\" PARAMTYPE=\"")
                .raw(paramType(declared.dataType())).raw("\"");
        embeddedObjectAttribute(Embedding.of(declared.qualifiers()), value);
        out.raw(">");
        value(value);
        out.raw("</PARAMVALUE>");
    }

    private static String paramType(CimDataType t) {
        return t.type() == CimType.REFERENCE ? "reference" : t.type().keyword();
    }

    // ---- attributes and qualifiers ----------------------------------------------------------------------------

    /** {@code TYPE} for intrinsic types, {@code REFERENCECLASS} for references. */
    private void typeAttribute(CimDataType t) {
        if (t.type() == CimType.REFERENCE) {
            out.raw(" REFERENCECLASS=\"").attribute(t.referenceClass().toString()).raw("\"");
        } else {
            out.raw(" TYPE=\"").raw(t.type().keyword()).raw("\"");
        }
    }

    /**
     * DSP0201 {@code EmbeddedObject="instance"} or {@code "object"} on a string-typed PROPERTY, PARAMVALUE or
     * RETURNVALUE whose values are embedded objects: from the declaration's qualifiers, or from {@code value} when it
     * holds embedded instances that the declaration does not announce. Spelled in mixed case, as DSP0201 2.2 does
     * (the JSR-48 client also reads the older {@code EMBEDDEDOBJECT}; pywbem reads both).
     */
    private void embeddedObjectAttribute(Embedding declared, CimValue value) {
        String kind = declared.instanceClass() != null ? "instance" : declared.object() ? "object"
                : holdsEmbedded(value) ? "instance" : null;
        if (kind != null) {
            out.raw(" EmbeddedObject=\"").raw(kind).raw("\"");
        }
    }

    private static boolean holdsEmbedded(CimValue v) {
        return v instanceof CimValue.Embedded
                || v instanceof CimValue.Array a && a.elements().stream().anyMatch(CimValue.Embedded.class::isInstance);
    }

    private void origin(CimName classOrigin, boolean propagated) {
        if (!view.includeClassOrigin()) {
            return;
        }
        if (classOrigin != null) {
            out.raw(" CLASSORIGIN=\"").attribute(classOrigin.toString()).raw("\"");
        }
        if (propagated) {
            out.raw(" PROPAGATED=\"true\"");
        }
    }

    /**
     * {@code QUALIFIER NAME TYPE [PROPAGATED] [OVERRIDABLE] [TOSUBCLASS] [TRANSLATABLE] (VALUE | VALUE.ARRAY)},
     * attributes written only where they differ from the DTD defaults. A qualifier whose value is NULL is left out:
     * its type is not carried by the value, and NULL says nothing a client can use.
     */
    private void qualifiers(CimQualifiers qualifiers) {
        if (!view.includeQualifiers()) {
            return;
        }
        for (CimQualifier q : qualifiers) {
            if (q.value() == null) {
                continue;
            }
            out.raw("<QUALIFIER NAME=\"").attribute(q.name().toString()).raw("\" TYPE=\"")
                    .raw(q.value().dataType().type().keyword()).raw("\"");
            if (q.propagated()) {
                out.raw(" PROPAGATED=\"true\"");
            }
            if (!q.overridable()) {
                out.raw(" OVERRIDABLE=\"false\"");
            }
            if (!q.propagatesToSubclass()) {
                out.raw(" TOSUBCLASS=\"false\"");
            }
            if (q.flavors().contains(CimFlavor.TRANSLATABLE)) {
                out.raw(" TRANSLATABLE=\"true\"");
            }
            out.raw(">");
            value(q.value());
            out.raw("</QUALIFIER>");
        }
    }
}
