package org.replprov.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;

/** The parameters of a request URI's query string ({@code ?q=SELECT…&namespace=root/MicrosoftDfs}). */
final class QueryParameters {

    private final Map<String, String> values;

    private QueryParameters(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses a raw query string; the first value of a repeated name wins.
     *
     * @throws CimException WBEM_E_INVALID_PARAMETER for a broken percent escape
     */
    static QueryParameters parse(String rawQuery) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.putIfAbsent(name, value);
            }
        }
        return new QueryParameters(values);
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, "broken percent escape in '" + s + "'");
        }
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
    }

    /**
     * A required parameter.
     *
     * @throws CimException WBEM_E_INVALID_PARAMETER when it is missing or empty
     */
    String require(String name) {
        return get(name).orElseThrow(() -> new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER,
                "the query parameter '" + name + "' is required"));
    }

    /**
     * A boolean parameter, {@code true} or {@code false}.
     *
     * @throws CimException WBEM_E_INVALID_PARAMETER for anything else
     */
    boolean bool(String name, boolean defaultValue) {
        return get(name).map(v -> {
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER,
                    "the query parameter '" + name + "' must be true or false, not '" + v + "'");
        }).orElse(defaultValue);
    }
}
