package org.replprov.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimMethod;
import org.replprov.cim.CimName;
import org.replprov.cim.CimObjectPath;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimQualifiers;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;
import org.replprov.operation.PropertyList;
import org.replprov.provider.spi.Indication;
import org.replprov.provider.spi.MethodResult;

/**
 * Writes CIM values as JSON.
 *
 * <p>Values map to the nearest JSON type: integers and reals to numbers (uint64 beyond 2^63 stays exact), booleans to
 * booleans, strings, char16, datetimes (CIM text form, {@code 20240115103000.000000+000}) to strings, references to
 * object-path strings, embedded instances to nested instance objects, arrays to arrays, NULL to {@code null}.
 * Object paths are written
 * {@code root/MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid="…"}, which every path argument of the API accepts.
 */
public final class CimJson {

    private CimJson() {
    }

    /** {@code namespace:Class.Key="v"}: the path form the API prints and accepts. */
    public static String path(String namespace, CimObjectPath path) {
        String relative = path.relative().toWbemUri();
        String ns = path.namespace().orElse(namespace);
        return ns == null ? relative : ns + ":" + relative;
    }

    /**
     * {@code {"className": …, "path": …, "properties": {…}}} with the properties the instance carries that
     * {@code propertyList} admits, in class order.
     */
    public static void instance(JsonGenerator g, String namespace, CimInstance instance, PropertyList propertyList)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("className", instance.className().toString());
        g.writeStringField("path", path(namespace, instance.path()));
        g.writeObjectFieldStart("properties");
        for (CimProperty p : instance.properties()) {
            if (propertyList.includes(p.name())) {
                g.writeFieldName(p.name().toString());
                value(g, instance.value(p.name()));
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    public static void value(JsonGenerator g, CimValue v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof CimValue.Int i) {
            if (i.isUnsignedHigh()) {
                g.writeNumber(i.bigValue());
            } else {
                g.writeNumber(i.value());
            }
        } else if (v instanceof CimValue.Real r) {
            if (Double.isNaN(r.value()) || Double.isInfinite(r.value())) {
                g.writeString(Double.toString(r.value()));
            } else {
                g.writeNumber(r.value());
            }
        } else if (v instanceof CimValue.Bool b) {
            g.writeBoolean(b.value());
        } else if (v instanceof CimValue.Array a) {
            g.writeStartArray();
            for (CimValue e : a.elements()) {
                value(g, e);
            }
            g.writeEndArray();
        } else if (v instanceof CimObjectPath p) {
            g.writeString(path(null, p));
        } else if (v instanceof CimValue.Embedded e) {
            embeddedInstance(g, e.instance());
        } else {
            g.writeString(v.text());
        }
    }

    /**
     * An embedded instance (DSP0004 EmbeddedInstance) as {@code {"className": …, "properties": {…}}}: the shape of
     * {@link #instance} without a path, since an embedded instance is a value and has none. All its properties are
     * written: a request's property list selects properties of the objects it asks for, not of their values.
     */
    private static void embeddedInstance(JsonGenerator g, CimInstance instance) throws IOException {
        g.writeStartObject();
        g.writeStringField("className", instance.className().toString());
        g.writeObjectFieldStart("properties");
        for (CimProperty p : instance.properties()) {
            g.writeFieldName(p.name().toString());
            value(g, instance.value(p.name()));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A class's schema: name, superclass, qualifiers, properties (type, key, origin) and methods. */
    public static void cimClass(JsonGenerator g, CimClass c) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", c.name().toString());
        g.writeStringField("superClass", c.superClass().map(s -> s.name().toString()).orElse(null));
        qualifiers(g, c.qualifiers());
        g.writeArrayFieldStart("properties");
        for (CimProperty p : c.properties()) {
            g.writeStartObject();
            g.writeStringField("name", p.name().toString());
            g.writeStringField("type", p.dataType().toString());
            g.writeBooleanField("key", p.isKey());
            g.writeStringField("classOrigin", p.classOrigin() == null ? null : p.classOrigin().toString());
            if (p.defaultValue() != null) {
                g.writeFieldName("defaultValue");
                value(g, p.defaultValue());
            }
            qualifiers(g, p.qualifiers());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("methods");
        for (CimMethod m : c.methods()) {
            g.writeStartObject();
            g.writeStringField("name", m.name().toString());
            g.writeStringField("returnType", m.returnType().toString());
            qualifiers(g, m.qualifiers());
            g.writeArrayFieldStart("parameters");
            for (CimParameter p : m.parameters()) {
                g.writeStartObject();
                g.writeStringField("name", p.name().toString());
                g.writeStringField("type", p.dataType().toString());
                g.writeBooleanField("in", p.isIn());
                g.writeBooleanField("out", p.isOut());
                qualifiers(g, p.qualifiers());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void qualifiers(JsonGenerator g, CimQualifiers qualifiers) throws IOException {
        g.writeObjectFieldStart("qualifiers");
        for (CimQualifier q : qualifiers) {
            g.writeFieldName(q.name().toString());
            value(g, q.value());
        }
        g.writeEndObject();
    }

    /** {@code {"returnValue": …, "outParameters": {…}}}. */
    public static void methodResult(JsonGenerator g, MethodResult result) throws IOException {
        g.writeStartObject();
        g.writeFieldName("returnValue");
        value(g, result.returnValue());
        g.writeObjectFieldStart("outParameters");
        for (Map.Entry<CimName, CimValue> p : result.outParameters().entrySet()) {
            g.writeFieldName(p.getKey().toString());
            value(g, p.getValue());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /**
     * {@code {"eventClass": …, "timeCreated": …, "targetInstance": {…}, "previousInstance": {…}}}; the previous
     * instance only for modifications.
     */
    public static void indication(JsonGenerator g, String namespace, Indication e) throws IOException {
        g.writeStartObject();
        g.writeStringField("eventClass", e.eventClass().toString());
        g.writeStringField("timeCreated", e.timeCreated().toString());
        g.writeFieldName("targetInstance");
        instance(g, namespace, e.targetInstance(), PropertyList.ALL);
        if (e.previousInstance() != null) {
            g.writeFieldName("previousInstance");
            instance(g, namespace, e.previousInstance(), PropertyList.ALL);
        }
        g.writeEndObject();
    }

    /**
     * {@code {"error": {"name": "WBEM_E_NOT_FOUND", "code": "0x80041002", "number": -2147217406,
     * "cimStatus": "CIM_ERR_NOT_FOUND", "cimStatusCode": 6, "description": …}}}: the WMI status by name and number,
     * the DSP0200 status a CIM-XML client would see, and the description.
     */
    public static void error(JsonGenerator g, WbemStatus status, String description) throws IOException {
        g.writeStartObject();
        g.writeObjectFieldStart("error");
        g.writeStringField("name", status.name());
        g.writeStringField("code", status.hex());
        g.writeNumberField("number", status.code());
        g.writeStringField("cimStatus", status.cimStatus().name());
        g.writeNumberField("cimStatusCode", status.cimStatus().code());
        g.writeStringField("description", description);
        g.writeEndObject();
        g.writeEndObject();
    }

    public static void error(JsonGenerator g, CimException e) throws IOException {
        error(g, e.status(), e.description());
    }

    /** The HTTP status a JSON client receives for a CIM error. */
    public static int httpStatus(WbemStatus status) {
        return switch (status.cimStatus()) {
            case CIM_ERR_NOT_FOUND, CIM_ERR_INVALID_NAMESPACE, CIM_ERR_INVALID_CLASS -> 404;
            case CIM_ERR_ACCESS_DENIED -> 403;
            case CIM_ERR_INVALID_PARAMETER, CIM_ERR_TYPE_MISMATCH, CIM_ERR_INVALID_QUERY,
                    CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED, CIM_ERR_NO_SUCH_PROPERTY, CIM_ERR_METHOD_NOT_FOUND -> 400;
            case CIM_ERR_NOT_SUPPORTED -> 501;
            case CIM_ERR_METHOD_NOT_AVAILABLE -> 409;
            case CIM_ERR_SERVER_LIMITS_EXCEEDED, CIM_ERR_SERVER_IS_SHUTTING_DOWN -> 503;
            default -> 500;
        };
    }
}
