package org.replprov.engines.windows.wsman;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.replprov.cim.CimClass;
import org.replprov.cim.CimDataType;
import org.replprov.cim.CimDateTime;
import org.replprov.cim.CimException;
import org.replprov.cim.CimInstance;
import org.replprov.cim.CimInterval;
import org.replprov.cim.CimName;
import org.replprov.cim.CimParameter;
import org.replprov.cim.CimProperty;
import org.replprov.cim.CimTimestamp;
import org.replprov.cim.CimType;
import org.replprov.cim.CimValue;
import org.replprov.xml.XmlElement;

/**
 * CIM values in WS-Management messages, typed by the class they belong to (DSP0230, the WS-CIM mapping, as MS-WSMV
 * §2.2.4 profiles it): a property is an element named after it in the class's resource URI namespace; an array is
 * the element repeated; NULL is {@code xsi:nil="true"} (or the element left out); booleans are xs:boolean; datetimes
 * come either as the DMTF text ({@code 20240115103000.000000+000}) or, as DSP0230 writes them, wrapped in
 * {@code cim:Datetime} (xs:dateTime), {@code cim:Interval} (xs:duration) or {@code cim:CIM_DateTime} (the DMTF text).
 */
final class WsmanValues {

    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";
    static final String CIM = "http://schemas.dmtf.org/wbem/wscim/1/common";

    private static final Pattern DMTF = Pattern.compile("[\\d*]{14}\\.[\\d*]{6}[+\\-:][\\d*]{3}");

    private WsmanValues() {
    }

    /**
     * An instance of {@code cls} from its element ({@code <p:DfsrConnectionInfo>}). Properties the class does not
     * declare are ignored (a newer Windows may add some); reference properties are left NULL (an endpoint reference
     * does not name a local instance).
     *
     * @throws WsmanException MALFORMED naming the line, column and property
     */
    static CimInstance instance(CimClass cls, XmlElement item) throws WsmanException {
        if (!item.name().equalsIgnoreCase(cls.name().toString())) {
            throw WsmanException.malformed(item.where() + ": expected an instance of " + cls.name() + ", not <"
                    + item.name() + ">");
        }
        Map<CimName, List<XmlElement>> byName = new LinkedHashMap<>();
        for (XmlElement c : item.children()) {
            byName.computeIfAbsent(CimName.of(c.name()), n -> new ArrayList<>()).add(c);
        }
        CimInstance.Builder b = CimInstance.builder(cls);
        for (CimProperty p : cls.properties()) {
            List<XmlElement> elements = byName.getOrDefault(p.name(), List.of());
            if (!elements.isEmpty() && p.dataType().type() != CimType.REFERENCE) {
                b.set(p.name(), value(p.dataType(), elements, p.name().toString()));
            }
        }
        return b.build();
    }

    /** The value of a parameter or property named {@code name} among {@code elements}; null when NULL or absent. */
    static CimValue value(CimDataType type, List<XmlElement> elements, String name) throws WsmanException {
        if (type.array()) {
            List<CimValue> values = new ArrayList<>();
            for (XmlElement e : elements) {
                if (!nil(e)) {
                    values.add(scalar(type.elementType(), e, name));
                }
            }
            return values.isEmpty() && elements.stream().allMatch(WsmanValues::nil) ? null
                    : new CimValue.Array(type.elementType(), values);
        }
        if (elements.isEmpty()) {
            return null;
        }
        if (elements.size() > 1) {
            throw WsmanException.malformed(elements.get(1).where() + ": " + name + " is not an array but is given "
                    + elements.size() + " times");
        }
        XmlElement e = elements.get(0);
        return nil(e) ? null : scalar(type, e, name);
    }

    /** The parameters of {@code method} from its {@code <p:Method_OUTPUT>} element, typed by its declaration. */
    static Map<CimName, CimValue> outputs(List<CimParameter> parameters, XmlElement output) throws WsmanException {
        Map<CimName, List<XmlElement>> byName = new LinkedHashMap<>();
        for (XmlElement c : output.children()) {
            byName.computeIfAbsent(CimName.of(c.name()), n -> new ArrayList<>()).add(c);
        }
        Map<CimName, CimValue> values = new LinkedHashMap<>();
        for (CimParameter p : parameters) {
            List<XmlElement> elements = byName.getOrDefault(p.name(), List.of());
            if (!elements.isEmpty() && p.dataType().type() != CimType.REFERENCE) {
                values.put(p.name(), value(p.dataType(), elements, p.name().toString()));
            }
        }
        return values;
    }

    private static boolean nil(XmlElement e) {
        String v = e.attributes().get("{" + XSI + "}nil");
        return v != null && (v.strip().equals("true") || v.strip().equals("1"));
    }

    private static CimValue scalar(CimDataType type, XmlElement e, String name) throws WsmanException {
        try {
            return switch (type.type()) {
                case BOOLEAN -> switch (e.text().strip()) {
                    // xs:boolean's four lexical forms (XML Schema Part 2 §3.2.2)
                    case "true", "1" -> CimValue.Bool.TRUE;
                    case "false", "0" -> CimValue.Bool.FALSE;
                    default -> throw new CimException(org.replprov.cim.WbemStatus.WBEM_E_TYPE_MISMATCH,
                            "not an xs:boolean: '" + e.text().strip() + "'");
                };
                case DATETIME -> datetime(e);
                case STRING -> CimValue.string(e.text());
                default -> CimValue.parse(type, e.text().strip());
            };
        } catch (CimException | DateTimeParseException | ArithmeticException bad) {
            throw WsmanException.malformed(e.where() + ": " + name + " is not a " + type + ": " + bad.getMessage());
        }
    }

    private static CimDateTime datetime(XmlElement e) {
        for (XmlElement c : e.children()) {
            if (c.namespace().equals(CIM)) {
                String t = c.text().strip();
                return switch (c.name()) {
                    case "Datetime", "Date" -> xsDateTime(t);
                    case "Interval" -> CimInterval.of(Duration.parse(t));
                    case "CIM_DateTime" -> CimDateTime.parse(t);
                    default -> throw new DateTimeParseException("unknown datetime form cim:" + c.name(), t, 0);
                };
            }
        }
        String t = e.text().strip();
        if (DMTF.matcher(t).matches()) {
            return CimDateTime.parse(t);
        }
        if (t.startsWith("P")) {
            return CimInterval.of(Duration.parse(t));
        }
        return xsDateTime(t);
    }

    /** An xs:dateTime; one without a zone is read as UTC (WinRM always writes one). */
    private static CimTimestamp xsDateTime(String t) {
        try {
            return CimTimestamp.of(OffsetDateTime.parse(t));
        } catch (DateTimeParseException noOffset) {
            return CimTimestamp.of(LocalDateTime.parse(t).atOffset(ZoneOffset.UTC));
        }
    }

    /** The text of an input value as WS-Man carries it: xs:boolean for booleans, the CIM text otherwise. */
    static String text(CimValue v) {
        if (v instanceof CimValue.Bool b) {
            return b.value() ? "true" : "false";
        }
        if (v instanceof CimValue.Array || v instanceof CimValue.Embedded || v instanceof org.replprov.cim.CimObjectPath) {
            throw new IllegalArgumentException("not a scalar input value: " + v.dataType());
        }
        return v.text();
    }

    /** Escapes text for element content and attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        throw new IllegalArgumentException(String.format(Locale.ROOT,
                                "character U+%04X cannot be written in XML 1.0", (int) c));
                    }
                    b.append(c);
                }
            }
        }
        return b.toString();
    }
}
