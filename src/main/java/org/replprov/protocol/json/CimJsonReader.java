package org.replprov.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimName;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimQualifier;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;

/**
 * Reads what {@link CimJson} writes back into {@code cim} values, so that a client of the JSON API can print instances
 * as the rest of replprov does: a class schema into a class, and an instance into an instance of it.
 *
 * <p>The class read back is flat (its inherited properties are its own, no superclass) and carries of the
 * qualifiers only {@code Key}: what typing values and naming instances need.
 */
public final class CimJsonReader {

    private CimJsonReader() {
    }

    /**
     * The class a {@link CimJson#cimClass} object describes.
     *
     * @throws CimException WBEM_E_INVALID_CLASS when the object is not a class schema
     */
    public static CimClass cimClass(JsonNode schema) {
        JsonNode name = schema.path("name");
        if (!name.isTextual() || !CimName.isValid(name.asText()) || !schema.path("properties").isArray()) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_CLASS, "not a class schema: " + schema);
        }
        CimClass.Builder b = CimClass.builder(name.asText());
        for (JsonNode p : schema.get("properties")) {
            CimDataType type = dataType(p.path("type").asText());
            b.property(p.path("key").asBoolean()
                    ? CimProperty.of(p.path("name").asText(), type, CimQualifier.flag("Key"))
                    : CimProperty.of(p.path("name").asText(), type));
        }
        return b.build();
    }

    /** A type as {@link CimDataType#toString()} writes it: {@code uint32}, {@code string[]}, {@code CIM_Foo REF}. */
    static CimDataType dataType(String text) {
        String t = text.trim();
        boolean array = t.endsWith("[]");
        if (array) {
            t = t.substring(0, t.length() - 2).trim();
        }
        CimDataType scalar;
        if (t.endsWith(" REF")) {
            scalar = CimDataType.reference(CimName.of(t.substring(0, t.length() - 4).trim()));
        } else {
            scalar = CimDataType.scalar(CimType.fromKeyword(t).orElseThrow(() -> new CimException(
                    WbemStatus.WBEM_E_INVALID_CIM_TYPE, "not a CIM type: '" + text + "'")));
        }
        return array ? scalar.asArray() : scalar;
    }

    /**
     * The instance a {@link CimJson#instance} object describes, carrying exactly the properties the object has.
     *
     * @throws CimException WBEM_E_INVALID_PROPERTY for a property the class lacks, WBEM_E_TYPE_MISMATCH for a value
     *     that does not fit its property
     */
    public static CimInstance instance(JsonNode json, CimClass cimClass) {
        CimInstance.Builder b = CimInstance.builder(cimClass);
        List<CimName> present = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = json.path("properties").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            CimProperty p = cimClass.property(f.getKey()).orElseThrow(() -> new CimException(
                    WbemStatus.WBEM_E_INVALID_PROPERTY, "class " + cimClass.name() + " has no property " + f.getKey()));
            b.set(p.name(), value(f.getValue(), p.dataType()));
            present.add(p.name());
        }
        return b.build().project(present);
    }

    private static CimValue value(JsonNode v, CimDataType type) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (type.array()) {
            List<CimValue> elements = new ArrayList<>();
            v.forEach(e -> elements.add(value(e, type.elementType())));
            return new CimValue.Array(type.elementType(), elements);
        }
        return CimValue.parse(type, v.asText());
    }
}
