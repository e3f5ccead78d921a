package org.replprov.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimException;
import org.replprov.cim.CimName;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;
import org.replprov.cim.WbemStatus;

/**
 * Reads method parameters from a JSON object ({@code {"Mode": 2, "DurationInMin": "15"}}). Values keep the JSON type
 * they arrive with (numbers become sint64 or real64, strings stay text) until the object manager converts them to the
 * types the method declares, so a number and its text mean the same.
 */
public final class JsonParameters {

    private JsonParameters() {
    }

    /**
     * The parameters of {@code object}; a missing or null node means none.
     *
     * @throws CimException WBEM_E_INVALID_PARAMETER when it is not an object, a name is not a CIM name, or a value
     *     is an object or a mixed array
     */
    public static Map<CimName, CimValue> read(JsonNode object) {
        if (object == null || object.isNull() || object.isMissingNode()) {
            return Map.of();
        }
        if (!object.isObject()) {
            throw invalid("\"parameters\" must be a JSON object of name to value");
        }
        Map<CimName, CimValue> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!CimName.isValid(f.getKey())) {
                throw invalid("'" + f.getKey() + "' is not a parameter name");
            }
            CimName name = CimName.of(f.getKey());
            if (out.containsKey(name)) {
                throw new CimException(WbemStatus.WBEM_E_INVALID_DUPLICATE_PARAMETER,
                        "parameter " + name + " is given twice", name);
            }
            out.put(name, value(f.getKey(), f.getValue()));
        }
        return out;
    }

    private static CimValue value(String name, JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            List<CimValue> elements = new ArrayList<>();
            for (JsonNode e : v) {
                if (e.isArray() || e.isNull() || e.isObject()) {
                    throw invalid("parameter " + name + ": array elements must be numbers, strings or booleans");
                }
                elements.add(value(name, e));
            }
            if (elements.stream().map(e -> e.dataType().type()).distinct().count() > 1) {
                throw invalid("parameter " + name + ": array elements must all be of one JSON type");
            }
            CimDataType type = elements.isEmpty() ? CimDataType.STRING : elements.get(0).dataType();
            return new CimValue.Array(type, elements);
        }
        if (v.isBoolean()) {
            return CimValue.bool(v.booleanValue());
        }
        if (v.isIntegralNumber()) {
            BigInteger big = v.bigIntegerValue();
            return big.bitLength() <= 63 ? CimValue.sint64(big.longValue())
                    : CimValue.parse(CimDataType.scalar(CimType.UINT64), big.toString());
        }
        if (v.isNumber()) {
            return CimValue.parse(CimDataType.REAL64, v.asText());
        }
        if (v.isTextual()) {
            return CimValue.string(v.textValue());
        }
        throw invalid("parameter " + name + ": a value must be a number, string, boolean, array or null");
    }

    private static CimException invalid(String description) {
        return new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, description);
    }
}
