package org.replprov.cim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A CIM object path: optional host and namespace, a class, and the key bindings that name one instance (none for a
 * class path; {@code =@} for a singleton). Also the value of a reference.
 *
 * <p>Two textual forms are read and written: the WMI form (MS-WMI §2.2.2)
 * {@code \\HOST\root\MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid="…"} and the WBEM URI form (DSP0207)
 * {@code //HOST/root/MicrosoftDfs:DfsrConnectionInfo.ConnectionGuid="…"}. Equality ignores key order and the case of
 * names, hosts, namespaces and string key values, as WMI path comparison does.
 */
public final class CimObjectPath implements CimValue {

    /** Paths longer than this are refused before parsing (bounded input). */
    public static final int MAX_LENGTH = 32_768;

    /** One key binding; {@code name} is null only for WMI's unnamed single key ({@code Class="v"}). */
    public record Key(CimName name, CimValue value) {
        public Key {
            Objects.requireNonNull(value, "value");
        }
    }

    private final String host;
    private final String namespace;
    private final CimName className;
    private final List<Key> keys;
    private final boolean singleton;

    private CimObjectPath(String host, String namespace, CimName className, List<Key> keys, boolean singleton) {
        this.host = host == null || host.isEmpty() ? null : host;
        this.namespace = namespace == null || namespace.isEmpty() ? null : normalizeNamespace(namespace);
        this.className = Objects.requireNonNull(className, "className");
        this.keys = List.copyOf(keys);
        this.singleton = singleton;
        if (singleton && !this.keys.isEmpty()) {
            throw new IllegalArgumentException("a singleton path has no keys");
        }
    }

    /** A class path (no keys). */
    public static CimObjectPath forClass(String namespace, CimName className) {
        return new CimObjectPath(null, namespace, className, List.of(), false);
    }

    /** An instance path with named keys. */
    public static CimObjectPath of(String namespace, CimName className, List<Key> keys) {
        return new CimObjectPath(null, namespace, className, keys, false);
    }

    /** The path of a singleton instance ({@code Class=@}). */
    public static CimObjectPath singleton(String namespace, CimName className) {
        return new CimObjectPath(null, namespace, className, List.of(), true);
    }

    /** {@code root\MicrosoftDfs}, {@code /root/MicrosoftDfs} and {@code root/MicrosoftDfs} all become the last. */
    public static String normalizeNamespace(String namespace) {
        String ns = namespace.replace('\\', '/');
        while (ns.startsWith("/")) {
            ns = ns.substring(1);
        }
        while (ns.endsWith("/")) {
            ns = ns.substring(0, ns.length() - 1);
        }
        return ns;
    }

    /**
     * Parses either form. Key values stay as written (strings, integers, booleans) until
     * {@link #resolveKeys(CimClass)} types them against the class.
     *
     * @throws CimException WBEM_E_INVALID_OBJECT_PATH with the 1-based column of the problem
     */
    public static CimObjectPath parse(String text) {
        return new PathParser(text).parse();
    }

    public Optional<String> host() {
        return Optional.ofNullable(host);
    }

    /** The namespace with {@code /} separators, when the path has one. */
    public Optional<String> namespace() {
        return Optional.ofNullable(namespace);
    }

    public CimName className() {
        return className;
    }

    public List<Key> keys() {
        return keys;
    }

    public boolean isSingleton() {
        return singleton;
    }

    /** True for a class path: no keys and not a singleton. */
    public boolean isClassPath() {
        return keys.isEmpty() && !singleton;
    }

    /** The value bound to {@code key}, if any. */
    public Optional<CimValue> key(CimName key) {
        for (Key k : keys) {
            if (key.equals(k.name())) {
                return Optional.of(k.value());
            }
        }
        return Optional.empty();
    }

    public CimObjectPath withHost(String newHost) {
        return new CimObjectPath(newHost, namespace, className, keys, singleton);
    }

    public CimObjectPath withNamespace(String newNamespace) {
        return new CimObjectPath(host, newNamespace, className, keys, singleton);
    }

    /** The path without host and namespace (WMI's relative path, {@code __RELPATH}). */
    public CimObjectPath relative() {
        return new CimObjectPath(null, null, className, keys, singleton);
    }

    /**
     * Names and types the keys against {@code cimClass}: an unnamed single key gets the class's one key name, and
     * every value is coerced to its key property's type (a quoted {@code "3"} for a uint32 key becomes 3, a string for
     * a reference key becomes a path).
     *
     * @throws CimException WBEM_E_INVALID_OBJECT_PATH when a key is unknown, not a key, or missing, or when an unnamed
     *     key is used with several keys; WBEM_E_TYPE_MISMATCH when a value does not fit its key's type
     */
    public CimObjectPath resolveKeys(CimClass cimClass) {
        if (singleton || keys.isEmpty()) {
            return this;
        }
        // Loops, not streams: every GetInstance and method call resolves its path.
        List<CimProperty> classKeys = cimClass.keys();
        List<Key> resolved = new ArrayList<>(keys.size());
        for (Key k : keys) {
            CimProperty prop;
            if (k.name() == null) {
                if (classKeys.size() != 1) {
                    throw invalid("an unnamed key needs a class with exactly one key; " + cimClass.name() + " has "
                            + classKeys.size());
                }
                prop = classKeys.get(0);
            } else {
                prop = cimClass.property(k.name()).filter(CimProperty::isKey).orElseThrow(() -> invalid(
                        k.name() + " is not a key of " + cimClass.name()));
            }
            if (named(resolved, prop.name())) {
                throw invalid("key " + prop.name() + " is given twice");
            }
            CimValue v;
            try {
                v = k.value().coerce(prop.dataType());
            } catch (CimException e) {
                throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH,
                        "key " + prop.name() + ": " + e.description(), prop.name());
            }
            resolved.add(new Key(prop.name(), v));
        }
        for (CimProperty p : classKeys) {
            if (!named(resolved, p.name())) {
                throw invalid("key " + p.name() + " of " + cimClass.name() + " is missing");
            }
        }
        return new CimObjectPath(host, namespace, className, resolved, false);
    }

    private static boolean named(List<Key> keys, CimName name) {
        for (Key k : keys) {
            if (k.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private CimException invalid(String what) {
        return new CimException(WbemStatus.WBEM_E_INVALID_OBJECT_PATH, "invalid object path " + toWmiPath() + ": " + what);
    }

    // ---- printing ---------------------------------------------------------------------------------------------

    /** The WMI form: {@code \\HOST\root\MicrosoftDfs:Class.Key="v"}. */
    public String toWmiPath() {
        StringBuilder sb = new StringBuilder();
        if (host != null) {
            sb.append("\\\\").append(host).append('\\');
        }
        if (namespace != null) {
            sb.append(namespace.replace('/', '\\')).append(':');
        } else if (host != null) {
            sb.setLength(sb.length() - 1);
            sb.append(':');
        }
        return appendModelPath(sb).toString();
    }

    /** The WBEM URI form (DSP0207): {@code //HOST/root/MicrosoftDfs:Class.Key="v"}. */
    public String toWbemUri() {
        StringBuilder sb = new StringBuilder();
        if (host != null) {
            sb.append("//").append(host);
        }
        if (namespace != null) {
            sb.append('/').append(namespace).append(':');
        } else if (host != null) {
            sb.append("/:");
        }
        return appendModelPath(sb).toString();
    }

    private StringBuilder appendModelPath(StringBuilder sb) {
        sb.append(className);
        if (singleton) {
            return sb.append("=@");
        }
        for (int i = 0; i < keys.size(); i++) {
            Key k = keys.get(i);
            if (k.name() == null) {
                sb.append('=');
            } else {
                sb.append(i == 0 ? '.' : ',').append(k.name()).append('=');
            }
            appendKeyValue(sb, k.value());
        }
        return sb;
    }

    private static void appendKeyValue(StringBuilder sb, CimValue v) {
        if (v instanceof Int || v instanceof Bool) {
            sb.append(v.text());
            return;
        }
        String s = v instanceof CimObjectPath p ? p.toWmiPath() : v.text();
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        sb.append('"');
    }

    // ---- CimValue ---------------------------------------------------------------------------------------------

    @Override
    public CimDataType dataType() {
        return CimDataType.reference(className);
    }

    @Override
    public String text() {
        return toWmiPath();
    }

    @Override
    public CimValue coerce(CimDataType target) {
        if (target.type() == CimType.REFERENCE && !target.array()) {
            return this;
        }
        if (target.type() == CimType.STRING && !target.array()) {
            return new Str(toWmiPath());
        }
        return CimValue.super.coerce(target);
    }

    // ---- identity ---------------------------------------------------------------------------------------------

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CimObjectPath p)) {
            return false;
        }
        return sameModelPath(p) && equalsIgnoreCase(host, p.host) && equalsIgnoreCase(namespace, p.namespace);
    }

    /**
     * True when {@code other} names the same class and key values, whatever host and namespace either path carries
     * (the DSP0207 model path). This is how a reference value is compared with a path written without a namespace.
     */
    public boolean sameModelPath(CimObjectPath other) {
        return singleton == other.singleton && className.equals(other.className) && sameKeys(keys, other.keys);
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b);
    }

    private static boolean sameKeys(List<Key> a, List<Key> b) {
        if (a.size() != b.size()) {
            return false;
        }
        outer:
        for (Key ka : a) {
            for (Key kb : b) {
                if (Objects.equals(ka.name(), kb.name())) {
                    if (!keyValueEquals(ka.value(), kb.value())) {
                        return false;
                    }
                    continue outer;
                }
            }
            return false;
        }
        return true;
    }

    /** WMI compares key strings ignoring case; integers compare by value whatever their width. */
    private static boolean keyValueEquals(CimValue a, CimValue b) {
        if (a instanceof Int x && b instanceof Int y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof CimObjectPath || b instanceof CimObjectPath) {
            return a.equals(b);
        }
        return a.text().equalsIgnoreCase(b.text());
    }

    @Override
    public int hashCode() {
        int h = className.hashCode() * 31 + Boolean.hashCode(singleton);
        for (Key k : keys) {
            int kh = Objects.hashCode(k.name());
            if (!(k.value() instanceof CimObjectPath)) {
                kh = kh * 31 + k.value().text().toLowerCase(Locale.ROOT).hashCode();
            }
            h += kh; // order-independent
        }
        return h;
    }

    @Override
    public String toString() {
        return toWmiPath();
    }

    /**
     * Reads both forms (grammar after MS-WMI §2.2.2 and DSP0207):
     * <pre>
     * path      = [ scheme "://" authority | sep sep host ] [ [sep] namespace ":" ] class [ "=@" | "=" value
     *             | "." key "=" value *( "," key "=" value ) ]
     * sep       = "/" | "\"
     * value     = string | integer | "TRUE" | "FALSE"
     * string    = '"' chars '"' | "'" chars "'"        ; backslash escapes the next character
     * integer   = [ "-" | "+" ] ( digits | "0x" hexdigits )
     * </pre>
     */
    private static final class PathParser {
        private final String s;
        private int pos;

        PathParser(String text) {
            this.s = text == null ? "" : text;
        }

        CimObjectPath parse() {
            if (s.isEmpty()) {
                throw error("the path is empty");
            }
            if (s.length() > MAX_LENGTH) {
                throw new CimException(WbemStatus.WBEM_E_INVALID_OBJECT_PATH,
                        "invalid object path: longer than " + MAX_LENGTH + " characters");
            }
            String host = null;
            int schemeEnd = s.indexOf("://");
            if (schemeEnd > 0 && s.substring(0, schemeEnd).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                pos = schemeEnd + 3;
                host = readHost();
            } else if (s.length() >= 2 && isSep(s.charAt(0)) && isSep(s.charAt(1))) {
                pos = 2;
                host = readHost();
            }
            String namespace = null;
            int colon = namespaceEnd();
            if (colon >= 0) {
                namespace = s.substring(pos, colon);
                String ns = normalizeNamespace(namespace);
                if (!ns.isEmpty()) {
                    for (String segment : ns.split("/", -1)) {
                        if (!CimName.isValid(segment)) {
                            throw error("namespace segment '" + segment + "' is not a name");
                        }
                    }
                }
                pos = colon + 1;
            } else if (pos < s.length() && isSep(s.charAt(pos)) && host != null) {
                throw error("expected namespace ':' class after the host");
            }
            CimName className = readName("a class name");
            if (pos == s.length()) {
                return new CimObjectPath(host, namespace, className, List.of(), false);
            }
            char c = s.charAt(pos);
            if (c == '=') {
                pos++;
                if (pos < s.length() && s.charAt(pos) == '@') {
                    pos++;
                    expectEnd();
                    return new CimObjectPath(host, namespace, className, List.of(), true);
                }
                CimValue v = readValue();
                expectEnd();
                return new CimObjectPath(host, namespace, className, List.of(new Key(null, v)), false);
            }
            if (c != '.') {
                throw error("expected '.', '=' or the end after the class name");
            }
            pos++;
            List<Key> keys = new ArrayList<>();
            while (true) {
                CimName key = readName("a key name");
                if (pos >= s.length() || s.charAt(pos) != '=') {
                    throw error("expected '=' after key " + key);
                }
                pos++;
                for (Key k : keys) {
                    if (k.name().equals(key)) {
                        throw error("key " + key + " is given twice");
                    }
                }
                keys.add(new Key(key, readValue()));
                if (pos == s.length()) {
                    return new CimObjectPath(host, namespace, className, Collections.unmodifiableList(keys), false);
                }
                if (s.charAt(pos) != ',') {
                    throw error("expected ',' or the end after a key value");
                }
                pos++;
            }
        }

        private String readHost() {
            int start = pos;
            while (pos < s.length() && !isSep(s.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw error("expected a host name");
            }
            return s.substring(start, pos);
        }

        /** The colon that ends a namespace: the first ':' before any '.', '=' or quote. */
        private int namespaceEnd() {
            for (int i = pos; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == ':') {
                    return i;
                }
                if (c == '.' || c == '=' || c == '"' || c == '\'') {
                    return -1;
                }
            }
            return -1;
        }

        private CimName readName(String what) {
            int start = pos;
            if (pos < s.length() && CimName.isIdentifierStart(s.charAt(pos))) {
                pos++;
                while (pos < s.length() && CimName.isIdentifierPart(s.charAt(pos))) {
                    pos++;
                }
            }
            if (pos == start) {
                throw error("expected " + what);
            }
            String name = s.substring(start, pos);
            if (!CimName.isValid(name)) {
                pos = start;
                throw error(what + " is longer than " + CimName.MAX_LENGTH + " characters");
            }
            return CimName.of(name);
        }

        private CimValue readValue() {
            if (pos >= s.length()) {
                throw error("expected a key value");
            }
            char c = s.charAt(pos);
            if (c == '"' || c == '\'') {
                return new Str(readString(c));
            }
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ',') {
                pos++;
            }
            String token = s.substring(start, pos);
            if (token.equalsIgnoreCase("true") || token.equalsIgnoreCase("false")) {
                return Bool.parse(token);
            }
            try {
                return Int.parse(token.startsWith("-") ? CimType.SINT64 : CimType.UINT64, token);
            } catch (CimException e) {
                pos = start;
                throw error("key value '" + token + "' is neither a quoted string, an integer nor TRUE/FALSE");
            }
        }

        private String readString(char quote) {
            int start = pos;
            pos++;
            StringBuilder sb = new StringBuilder();
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == quote) {
                    return sb.toString();
                }
                if (c == '\\') {
                    if (pos >= s.length()) {
                        break;
                    }
                    c = s.charAt(pos++);
                }
                sb.append(c);
            }
            pos = start;
            throw error("unterminated string");
        }

        private void expectEnd() {
            if (pos != s.length()) {
                throw error("unexpected '" + s.charAt(pos) + "'");
            }
        }

        private static boolean isSep(char c) {
            return c == '/' || c == '\\';
        }

        private CimException error(String what) {
            String shown = s.length() > 200 ? s.substring(0, 200) + "…" : s;
            return new CimException(WbemStatus.WBEM_E_INVALID_OBJECT_PATH,
                    "invalid object path '" + shown + "' at column " + (pos + 1) + ": " + what);
        }
    }
}
