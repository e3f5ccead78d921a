package org.replprov.protocol.cimxml;

import org.replprov.xml.XmlElement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;
import org.replprov.cim.Embedding;
import org.replprov.cim.WbemStatus;
import org.replprov.operation.EnumerationContexts;
import org.replprov.operation.Operation;
import org.replprov.operation.PropertyList;
import org.replprov.repository.ClassRepository;

/**
 * Reads the parameters of one call into an {@link Operation}, applying the DSP0200 defaults.
 *
 * <p>Tolerates what real clients send (docs/protocols.md lists them): booleans as
 * {@code TRUE}/{@code FALSE} or {@code true}/{@code false}; {@code KEYVALUE} with or without {@code TYPE};
 * {@code PARAMVALUE} with or without {@code PARAMTYPE}. Unknown {@code IPARAMVALUE}s are ignored. A
 * {@code PARAMVALUE} holds embedded instances when it says so ({@code EmbeddedObject}) or when the method declares
 * the parameter EmbeddedInstance; {@link EmbeddedInstanceReader} reads them.
 */
final class OperationReader {

    /** The intrinsic operations replprov serves, spelled as DSP0200 spells them. */
    private static final List<String> SERVED = List.of("GetClass", "EnumerateClasses", "EnumerateClassNames",
            "GetInstance", "EnumerateInstances", "EnumerateInstanceNames", "ExecQuery", "OpenEnumerateInstances",
            "OpenEnumerateInstancePaths", "OpenQueryInstances", "PullInstancesWithPath", "PullInstancePaths",
            "PullInstances", "CloseEnumeration", "EnumerationCount");

    private final CimXmlMessage message;
    private final XmlElement call;
    private final ClassRepository schema;
    private final EmbeddedInstanceReader embedded;

    OperationReader(CimXmlMessage message, XmlElement call, SafeXmlParser parser, ClassRepository schema) {
        this.message = message;
        this.call = call;
        this.schema = schema;
        this.embedded = new EmbeddedInstanceReader(parser, schema, message.namespace(), this::reference);
    }

    Operation read() {
        return message.intrinsic() ? intrinsic() : extrinsic();
    }

    // ---- intrinsic operations ---------------------------------------------------------------------------------

    private Operation intrinsic() {
        String ns = message.namespace();
        String name = SERVED.stream().filter(s -> s.equalsIgnoreCase(message.methodName())).findFirst().orElse("");
        if (name.isEmpty()) {
            return new Operation.NotSupported(ns, message.methodName());
        }
        Map<String, XmlElement> p = iparamValues();
        return switch (name) {
            case "GetClass" -> new Operation.GetClass(ns, className(p, "ClassName").orElseThrow(() -> missing(
                    "ClassName")), bool(p, "LocalOnly", true), bool(p, "IncludeQualifiers", true),
                    bool(p, "IncludeClassOrigin", false), propertyList(p));
            case "EnumerateClasses" -> new Operation.EnumerateClasses(ns, className(p, "ClassName").orElse(null),
                    bool(p, "DeepInheritance", false), bool(p, "LocalOnly", true),
                    bool(p, "IncludeQualifiers", true), bool(p, "IncludeClassOrigin", false));
            case "EnumerateClassNames" -> new Operation.EnumerateClassNames(ns,
                    className(p, "ClassName").orElse(null), bool(p, "DeepInheritance", false));
            case "GetInstance" -> new Operation.GetInstance(ns, instanceName(p, "InstanceName"),
                    bool(p, "IncludeQualifiers", false), bool(p, "IncludeClassOrigin", false), propertyList(p));
            case "EnumerateInstances" -> new Operation.EnumerateInstances(ns, className(p, "ClassName")
                    .orElseThrow(() -> missing("ClassName")), bool(p, "DeepInheritance", true),
                    bool(p, "IncludeQualifiers", false), bool(p, "IncludeClassOrigin", false), propertyList(p));
            case "EnumerateInstanceNames" -> new Operation.EnumerateInstanceNames(ns, className(p, "ClassName")
                    .orElseThrow(() -> missing("ClassName")));
            case "ExecQuery" -> new Operation.ExecQuery(ns, string(p, "QueryLanguage"), string(p, "Query"));
            case "OpenEnumerateInstances" -> new Operation.OpenEnumerateInstances(ns, className(p, "ClassName")
                    .orElseThrow(() -> missing("ClassName")), bool(p, "DeepInheritance", true),
                    bool(p, "IncludeClassOrigin", false), propertyList(p), optionalString(p, "FilterQueryLanguage"),
                    optionalString(p, "FilterQuery"), openOptions(p));
            case "OpenEnumerateInstancePaths" -> new Operation.OpenEnumerateInstancePaths(ns, className(p,
                    "ClassName").orElseThrow(() -> missing("ClassName")), optionalString(p, "FilterQueryLanguage"),
                    optionalString(p, "FilterQuery"), openOptions(p));
            case "OpenQueryInstances" -> new Operation.OpenQueryInstances(ns, string(p, "FilterQueryLanguage"),
                    string(p, "FilterQuery"), bool(p, "ReturnQueryResultClass", false), openOptions(p));
            case "PullInstancesWithPath" -> pull(ns, p, EnumerationContexts.Continuation.PULL_INSTANCES_WITH_PATH);
            case "PullInstancePaths" -> pull(ns, p, EnumerationContexts.Continuation.PULL_INSTANCE_PATHS);
            case "PullInstances" -> pull(ns, p, EnumerationContexts.Continuation.PULL_INSTANCES);
            case "CloseEnumeration" -> new Operation.CloseEnumeration(ns, string(p, "EnumerationContext"));
            case "EnumerationCount" -> new Operation.EnumerationCount(ns, string(p, "EnumerationContext"));
            default -> throw new AssertionError(name);
        };
    }

    /** The IPARAMVALUEs by lower-cased name; a parameter given twice is an error. */
    private Map<String, XmlElement> iparamValues() {
        Map<String, XmlElement> byName = new LinkedHashMap<>();
        for (XmlElement e : call.children("IPARAMVALUE")) {
            String name = CimXmlReader.requireAttribute(e, "NAME");
            if (byName.put(name.toLowerCase(Locale.ROOT), e) != null) {
                throw invalid("parameter " + name + " is given twice");
            }
        }
        return byName;
    }

    /** The single child of a parameter, or empty for a NULL (absent or childless) parameter. */
    private static Optional<XmlElement> content(Map<String, XmlElement> p, String name) {
        XmlElement param = p.get(name.toLowerCase(Locale.ROOT));
        if (param == null || param.children().isEmpty()) {
            return Optional.empty();
        }
        if (param.children().size() > 1) {
            throw invalid("parameter " + name + " holds more than one value");
        }
        return Optional.of(param.children().get(0));
    }

    private static boolean bool(Map<String, XmlElement> p, String name, boolean defaultValue) {
        return content(p, name).map(v -> {
            expect(v, "VALUE", name);
            String text = v.text().trim();
            if (text.equalsIgnoreCase("true")) {
                return true;
            }
            if (text.equalsIgnoreCase("false")) {
                return false;
            }
            throw invalid("parameter " + name + " must be TRUE or FALSE, not '" + text + "'");
        }).orElse(defaultValue);
    }

    private static String string(Map<String, XmlElement> p, String name) {
        XmlElement v = content(p, name).orElseThrow(() -> missing(name));
        expect(v, "VALUE", name);
        return v.text();
    }

    private static String optionalString(Map<String, XmlElement> p, String name) {
        return content(p, name).map(v -> {
            expect(v, "VALUE", name);
            return v.text();
        }).orElse(null);
    }

    /** A {@code uint32} parameter (DSP0200 MaxObjectCount, OperationTimeout), or null when NULL or absent. */
    private static Long uint32(Map<String, XmlElement> p, String name) {
        return content(p, name).map(v -> {
            expect(v, "VALUE", name);
            String text = v.text().trim();
            // At most 10 digits: anything longer is out of range, and parsing it is not needed to say so.
            if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw invalid("parameter " + name + " must be a uint32, not '" + text + "'");
            }
            long value = Long.parseLong(text);
            if (value > 0xFFFF_FFFFL) {
                throw invalid("parameter " + name + " must be a uint32, not " + text);
            }
            return value;
        }).orElse(null);
    }

    /** OperationTimeout (NULL: the server's default), ContinueOnError (FALSE), MaxObjectCount (0). */
    private static Operation.OpenOptions openOptions(Map<String, XmlElement> p) {
        Long maxObjectCount = uint32(p, "MaxObjectCount");
        return new Operation.OpenOptions(uint32(p, "OperationTimeout"), bool(p, "ContinueOnError", false),
                maxObjectCount == null ? 0 : maxObjectCount);
    }

    /** A Pull operation: EnumerationContext and MaxObjectCount are both required (DSP0200 §5.3.2). */
    private static Operation.Pull pull(String ns, Map<String, XmlElement> p,
                                       EnumerationContexts.Continuation operation) {
        Long maxObjectCount = uint32(p, "MaxObjectCount");
        if (maxObjectCount == null) {
            throw missing("MaxObjectCount");
        }
        return new Operation.Pull(ns, operation, string(p, "EnumerationContext"), maxObjectCount);
    }

    private static Optional<CimName> className(Map<String, XmlElement> p, String name) {
        return content(p, name).map(v -> {
            expect(v, "CLASSNAME", name);
            return cimName(CimXmlReader.requireAttribute(v, "NAME"), "class name");
        });
    }

    private CimObjectPath instanceName(Map<String, XmlElement> p, String name) {
        XmlElement v = content(p, name).orElseThrow(() -> missing(name));
        expect(v, "INSTANCENAME", name);
        return instancePath(v, null, message.namespace());
    }

    private static PropertyList propertyList(Map<String, XmlElement> p) {
        return content(p, "PropertyList").map(v -> {
            expect(v, "VALUE.ARRAY", "PropertyList");
            List<CimName> names = new ArrayList<>();
            for (XmlElement e : v.children("VALUE")) {
                names.add(cimName(e.text().trim(), "property name"));
            }
            return PropertyList.of(names);
        }).orElse(PropertyList.ALL);
    }

    // ---- extrinsic methods ------------------------------------------------------------------------------------

    private Operation extrinsic() {
        String ns = message.namespace();
        CimName method = cimName(message.methodName(), "method name");
        CimObjectPath target = call.child("LOCALINSTANCEPATH")
                .map(lip -> instancePath(CimXmlReader.onlyChild(lip, "INSTANCENAME"), null, ns))
                .orElseGet(() -> {
                    XmlElement lcp = CimXmlReader.onlyChild(call, "LOCALCLASSPATH");
                    XmlElement cn = CimXmlReader.onlyChild(lcp, "CLASSNAME");
                    return CimObjectPath.forClass(ns, cimName(CimXmlReader.requireAttribute(cn, "NAME"),
                            "class name"));
                });
        // The method's declaration says which parameters hold embedded instances, for clients that do not mark them.
        Optional<CimMethod> declared = schema.getClass(ns, target.className()).flatMap(c -> c.method(method));
        Map<CimName, CimValue> params = new LinkedHashMap<>();
        for (XmlElement pv : call.children("PARAMVALUE")) {
            CimName name = cimName(CimXmlReader.requireAttribute(pv, "NAME"), "parameter name");
            if (params.containsKey(name)) {
                throw new CimException(WbemStatus.WBEM_E_INVALID_DUPLICATE_PARAMETER,
                        "parameter " + name + " is given twice", name);
            }
            Embedding embedding = declared.flatMap(m -> m.parameter(name)).map(p -> Embedding.of(p.qualifiers()))
                    .orElse(Embedding.NONE);
            if (EmbeddedInstanceReader.marked(pv) || embedding.embeds()) {
                params.put(name, embedded.parameter(pv, name, embedding));
            } else {
                CimDataType type = pv.attribute("PARAMTYPE").map(OperationReader::paramType).orElse(null);
                params.put(name, paramValue(pv, type, name));
            }
        }
        return new Operation.InvokeMethod(ns, target, method, params);
    }

    /** The type of a PARAMVALUE; null for {@code reference}, whose VALUE.REFERENCE content is typed by itself. */
    private static CimDataType paramType(String keyword) {
        CimType t = CimType.fromKeyword(keyword).orElseThrow(() -> invalid("unknown PARAMTYPE '" + keyword + "'"));
        return t == CimType.REFERENCE ? null : CimDataType.scalar(t);
    }

    /**
     * A PARAMVALUE's content: VALUE, VALUE.ARRAY or VALUE.REFERENCE; NULL when empty. Untyped values stay text
     * for the object manager to convert to the declared type.
     */
    private CimValue paramValue(XmlElement pv, CimDataType type, CimName name) {
        if (pv.children().isEmpty()) {
            return null;
        }
        if (pv.children().size() > 1) {
            throw invalid("parameter " + name + " holds more than one value");
        }
        XmlElement v = pv.children().get(0);
        return switch (v.name()) {
            case "VALUE" -> scalar(v, type);
            case "VALUE.ARRAY" -> {
                CimDataType element = type == null ? CimDataType.STRING : type;
                List<CimValue> elements = new ArrayList<>();
                for (XmlElement e : v.children()) {
                    expect(e, "VALUE", name.toString());
                    elements.add(scalar(e, element));
                }
                yield new CimValue.Array(element, elements);
            }
            case "VALUE.REFERENCE" -> reference(v);
            default -> throw invalid("parameter " + name + " holds " + v.name() + ", which replprov does not read");
        };
    }

    private static CimValue scalar(XmlElement value, CimDataType type) {
        return type == null ? CimValue.string(value.text()) : CimValue.parse(type, value.text());
    }

    // ---- paths ------------------------------------------------------------------------------------------------

    /**
     * {@code VALUE.REFERENCE}: one of CLASSPATH, LOCALCLASSPATH, CLASSNAME, INSTANCEPATH, LOCALINSTANCEPATH,
     * INSTANCENAME.
     */
    private CimObjectPath reference(XmlElement valueReference) {
        if (valueReference.children().size() != 1) {
            throw invalid("VALUE.REFERENCE at line " + valueReference.line() + " must hold one path");
        }
        XmlElement p = valueReference.children().get(0);
        return switch (p.name()) {
            case "INSTANCENAME" -> instancePath(p, null, null);
            case "LOCALINSTANCEPATH" -> instancePath(CimXmlReader.onlyChild(p, "INSTANCENAME"), null,
                    CimXmlReader.namespace(CimXmlReader.onlyChild(p, "LOCALNAMESPACEPATH")));
            case "INSTANCEPATH" -> {
                XmlElement nsp = CimXmlReader.onlyChild(p, "NAMESPACEPATH");
                yield instancePath(CimXmlReader.onlyChild(p, "INSTANCENAME"),
                        CimXmlReader.onlyChild(nsp, "HOST").text().trim(),
                        CimXmlReader.namespace(CimXmlReader.onlyChild(nsp, "LOCALNAMESPACEPATH")));
            }
            case "CLASSNAME" -> CimObjectPath.forClass(null, classNameOf(p));
            case "LOCALCLASSPATH" -> CimObjectPath.forClass(
                    CimXmlReader.namespace(CimXmlReader.onlyChild(p, "LOCALNAMESPACEPATH")),
                    classNameOf(CimXmlReader.onlyChild(p, "CLASSNAME")));
            case "CLASSPATH" -> {
                XmlElement nsp = CimXmlReader.onlyChild(p, "NAMESPACEPATH");
                yield CimObjectPath.forClass(CimXmlReader.namespace(CimXmlReader.onlyChild(nsp,
                                "LOCALNAMESPACEPATH")), classNameOf(CimXmlReader.onlyChild(p, "CLASSNAME")))
                        .withHost(CimXmlReader.onlyChild(nsp, "HOST").text().trim());
            }
            default -> throw invalid(p.name() + " is not an object path");
        };
    }

    private static CimName classNameOf(XmlElement className) {
        return cimName(CimXmlReader.requireAttribute(className, "NAME"), "class name");
    }

    /** {@code INSTANCENAME CLASSNAME (KEYBINDING* | KEYVALUE? | VALUE.REFERENCE?)}. */
    private CimObjectPath instancePath(XmlElement instanceName, String host, String namespace) {
        CimName className = cimName(CimXmlReader.requireAttribute(instanceName, "CLASSNAME"), "class name");
        List<CimObjectPath.Key> keys = new ArrayList<>();
        for (XmlElement child : instanceName.children()) {
            switch (child.name()) {
                case "KEYBINDING" -> {
                    CimName key = cimName(CimXmlReader.requireAttribute(child, "NAME"), "key name");
                    if (child.children().size() != 1) {
                        throw invalid("KEYBINDING " + key + " must hold one KEYVALUE or VALUE.REFERENCE");
                    }
                    keys.add(new CimObjectPath.Key(key, keyValue(child.children().get(0))));
                }
                case "KEYVALUE", "VALUE.REFERENCE" -> keys.add(new CimObjectPath.Key(null, keyValue(child)));
                default -> throw invalid("INSTANCENAME holds " + child.name());
            }
        }
        if (keys.isEmpty()) {
            return CimObjectPath.singleton(namespace, className).withHost(host);
        }
        return CimObjectPath.of(namespace, className, keys).withHost(host);
    }

    /**
     * {@code KEYVALUE VALUETYPE (string|boolean|numeric) [TYPE]}: typed by {@code TYPE} when given (DTD 2.4), else
     * by {@code VALUETYPE} (wbemcli sends only that); the object manager retypes keys against the class.
     */
    private CimValue keyValue(XmlElement e) {
        if (e.name().equals("VALUE.REFERENCE")) {
            return reference(e);
        }
        expect(e, "KEYVALUE", "key");
        String text = e.text();
        Optional<String> type = e.attribute("TYPE");
        if (type.isPresent()) {
            CimType t = CimType.fromKeyword(type.get()).orElseThrow(() -> invalid("unknown key TYPE '" + type.get()
                    + "'"));
            return CimValue.parse(CimDataType.scalar(t), text);
        }
        return switch (e.attribute("VALUETYPE").orElse("string")) {
            case "string" -> CimValue.string(text);
            case "boolean" -> CimValue.parse(CimDataType.BOOLEAN, text);
            case "numeric" -> numeric(text);
            default -> throw invalid("unknown key VALUETYPE '" + e.attribute("VALUETYPE").orElse("") + "'");
        };
    }

    /** An untyped numeric key: the widest integer type that holds it, else a real. */
    private static CimValue numeric(String text) {
        String t = text.trim();
        try {
            return CimValue.parse(t.startsWith("-") ? CimDataType.SINT64 : CimDataType.UINT64, t);
        } catch (CimException notAnInteger) {
            return CimValue.parse(CimDataType.REAL64, t);
        }
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    private static CimName cimName(String text, String what) {
        if (!CimName.isValid(text)) {
            throw invalid("'" + text + "' is not a valid " + what);
        }
        return CimName.of(text);
    }

    private static void expect(XmlElement e, String name, String parameter) {
        if (!e.name().equals(name)) {
            throw invalid("parameter " + parameter + " holds " + e.name() + " where " + name + " belongs");
        }
    }

    private static CimException missing(String parameter) {
        return invalid("required parameter " + parameter + " is missing");
    }

    private static CimException invalid(String description) {
        return new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, description);
    }
}
