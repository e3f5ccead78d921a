package org.replprov.protocol.cimxml;

import org.replprov.xml.XmlElement;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimValue;
import org.replprov.cim.Embedding;
import org.replprov.cim.WbemStatus;
import org.replprov.repository.ClassRepository;

/**
 * Reads the embedded instances of a request's values (DSP0201: a string-typed {@code PARAMVALUE} or
 * {@code PROPERTY} marked {@code EmbeddedObject="instance"}, whose {@code VALUE} holds an {@code INSTANCE} element as
 * escaped text, one per {@code VALUE} of a {@code VALUE.ARRAY}) into {@link CimValue.Embedded} values of the
 * namespace's classes.
 *
 * <p>The text is parsed by the request's own bounded parser (no DTD, no entities, the request's size, depth and
 * element limits), and embedded instances may nest only {@link #MAX_DEPTH} deep. Every problem is a
 * {@link CimException} naming the parameter: WBEM_E_INVALID_PARAMETER for text that is not an {@code INSTANCE}
 * (with the parser's line and column), WBEM_E_INVALID_CLASS for a class the namespace lacks, and the instance
 * checks' own codes for values that do not fit the class.
 */
final class EmbeddedInstanceReader {

    /** How deep embedded instances may nest inside embedded instances. */
    static final int MAX_DEPTH = 4;

    private final SafeXmlParser parser;
    private final ClassRepository schema;
    private final String namespace;
    private final Function<XmlElement, CimObjectPath> references;

    /**
     * @param references reads a {@code VALUE.REFERENCE} element, for reference properties of embedded instances
     */
    EmbeddedInstanceReader(SafeXmlParser parser, ClassRepository schema, String namespace,
                           Function<XmlElement, CimObjectPath> references) {
        this.parser = parser;
        this.schema = schema;
        this.namespace = namespace;
        this.references = references;
    }

    /** True when {@code element} carries DSP0201's {@code EmbeddedObject} attribute (or the older upper-case one). */
    static boolean marked(XmlElement element) {
        return embeddedObjectAttribute(element).isPresent();
    }

    private static Optional<String> embeddedObjectAttribute(XmlElement element) {
        return element.attribute("EmbeddedObject").or(() -> element.attribute("EMBEDDEDOBJECT"));
    }

    /**
     * The value of a parameter whose content is embedded instances: {@code VALUE} for one, {@code VALUE.ARRAY} for
     * an array of them, nothing for NULL; checked against what the parameter's declaration says it embeds.
     *
     * @param declared what the method's declaration of the parameter embeds; {@link Embedding#NONE} when unknown
     */
    CimValue parameter(XmlElement paramValue, CimName name, Embedding declared) {
        try {
            CimValue v = content(paramValue, 0);
            if (declared.embeds()) {
                declared.check(v, name);
            }
            return v;
        } catch (CimException e) {
            throw new CimException(e.status(), "parameter " + name + ": " + e.description(), name, e);
        } catch (CimXmlProtocolException e) {
            // A malformed reference inside an embedded instance: a bad value, not a bad request.
            throw new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, "parameter " + name + ": " + e.getMessage(),
                    name, e);
        }
    }

    /** The VALUE or VALUE.ARRAY inside {@code holder} (a PARAMVALUE or PROPERTY[.ARRAY]) as embedded instances. */
    private CimValue content(XmlElement holder, int depth) {
        String kind = embeddedObjectAttribute(holder).orElse("instance");
        if (!kind.equalsIgnoreCase("instance") && !kind.equalsIgnoreCase("object")) {
            throw invalid("EmbeddedObject must be \"instance\" or \"object\", not '" + kind + "'");
        }
        List<XmlElement> children = holder.children().stream().filter(c -> !c.name().equals("QUALIFIER")).toList();
        if (children.isEmpty()) {
            return null;
        }
        if (children.size() > 1) {
            throw invalid("an embedded instance value holds more than one element");
        }
        XmlElement v = children.get(0);
        return switch (v.name()) {
            case "VALUE" -> embedded(v, depth);
            case "VALUE.ARRAY" -> {
                List<CimValue> elements = new ArrayList<>();
                for (XmlElement e : v.children()) {
                    if (!e.name().equals("VALUE")) {
                        throw invalid("VALUE.ARRAY at line " + e.line() + " holds " + e.name());
                    }
                    elements.add(embedded(e, depth));
                }
                yield new CimValue.Array(CimDataType.STRING, elements);
            }
            default -> throw invalid(v.name() + " cannot hold an embedded instance");
        };
    }

    /** One {@code VALUE} whose text is an {@code INSTANCE} element. */
    private CimValue.Embedded embedded(XmlElement value, int depth) {
        if (depth >= MAX_DEPTH) {
            throw invalid("embedded instances nest deeper than " + MAX_DEPTH);
        }
        XmlElement root;
        try {
            root = parser.parse(value.text().getBytes(StandardCharsets.UTF_8));
        } catch (CimXmlProtocolException e) {
            throw invalid("the embedded instance is not an INSTANCE element: " + e.getMessage());
        }
        if (root.name().equals("CLASS")) {
            throw invalid("embedded classes are not read; send an embedded INSTANCE");
        }
        if (!root.name().equals("INSTANCE")) {
            throw invalid("the embedded object is " + root + ", not an INSTANCE");
        }
        return new CimValue.Embedded(instance(root, depth));
    }

    /** {@code INSTANCE CLASSNAME (QUALIFIER*, (PROPERTY | PROPERTY.ARRAY | PROPERTY.REFERENCE)*)}. */
    private CimInstance instance(XmlElement element, int depth) {
        String classText = element.attribute("CLASSNAME").orElseThrow(() -> invalid(
                "the embedded INSTANCE has no CLASSNAME"));
        if (!CimName.isValid(classText)) {
            throw invalid("'" + classText + "' is not a class name");
        }
        CimName className = CimName.of(classText);
        CimClass c = schema.getClass(namespace, className).orElseThrow(() -> new CimException(
                WbemStatus.WBEM_E_INVALID_CLASS, "embedded instance of class " + className
                        + ", which namespace " + namespace + " does not have", className));
        if (c.isAbstract()) {
            throw invalid("class " + c.name() + " is abstract; it has no instances");
        }
        CimInstance.Builder b = CimInstance.builder(c);
        List<CimName> present = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (XmlElement p : element.children()) {
            switch (p.name()) {
                case "QUALIFIER" -> {
                    // an instance's qualifiers carry nothing its class does not
                }
                case "PROPERTY", "PROPERTY.ARRAY", "PROPERTY.REFERENCE" -> {
                    String propertyText = p.attribute("NAME").orElseThrow(() -> invalid(p + " has no NAME"));
                    CimProperty declared = (CimName.isValid(propertyText) ? c.property(propertyText)
                            : Optional.<CimProperty>empty()).orElseThrow(() -> invalid("class " + c.name()
                            + " has no property '" + propertyText + "'"));
                    if (!seen.add(propertyText.toLowerCase(Locale.ROOT))) {
                        throw invalid("property " + declared.name() + " is given twice");
                    }
                    b.set(declared.name(), propertyValue(p, declared, depth));
                    present.add(declared.name());
                }
                default -> throw invalid("INSTANCE holds " + p.name());
            }
        }
        try {
            return b.build().project(present).validate();
        } catch (CimException e) {
            throw new CimException(e.status(), "embedded instance of " + c.name() + ": " + e.description(),
                    e.element().orElse(null), e);
        }
    }

    /** A property's value, typed by the class's declaration (the {@code TYPE} attribute adds nothing to it). */
    private CimValue propertyValue(XmlElement p, CimProperty declared, int depth) {
        if (marked(p) || Embedding.of(declared.qualifiers()).embeds()) {
            return content(p, depth + 1);
        }
        List<XmlElement> values = p.children().stream().filter(c -> !c.name().equals("QUALIFIER")).toList();
        if (values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw invalid(p + " holds more than one value");
        }
        XmlElement v = values.get(0);
        CimDataType type = declared.dataType();
        return switch (v.name()) {
            case "VALUE" -> CimValue.parse(type.elementType(), v.text());
            case "VALUE.ARRAY" -> {
                List<CimValue> elements = new ArrayList<>();
                for (XmlElement e : v.children()) {
                    if (!e.name().equals("VALUE")) {
                        throw invalid("VALUE.ARRAY at line " + e.line() + " holds " + e.name());
                    }
                    elements.add(CimValue.parse(type.elementType(), e.text()));
                }
                yield new CimValue.Array(type.elementType(), elements);
            }
            case "VALUE.REFERENCE" -> references.apply(v);
            default -> throw invalid(p + " holds " + v.name());
        };
    }

    private static CimException invalid(String description) {
        return new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, description);
    }
}
