package org.replprov.wql;

import org.replprov.cim.CimException;
import org.replprov.cim.WbemStatus;

/**
 * Entry point of the query layer: parses WQL text into a {@link WqlQuery}.
 *
 * <pre>
 * WqlQuery q = Wql.parse("SELECT PartnerName FROM DfsrConnectionInfo WHERE State = 3");
 * CompiledQuery c = q.compile(repository, "root/MicrosoftDfs");
 * List&lt;ResultRow&gt; rows = c.execute(instances, "SRV-A");
 * </pre>
 */
public final class Wql {

    /** The query language name WMI accepts (MS-WMI §3.1.4.3.18: anything else is WBEM_E_INVALID_QUERY_TYPE). */
    public static final String LANGUAGE = "WQL";

    /** WBEM_MAX_QUERY: the longest query text WMI accepts (MS-WMI §3.1.4.3.18 product note). */
    public static final int MAX_QUERY_LENGTH = 16_384;

    /** How deep parentheses and NOT may nest; WMI documents only that "too complex" is a quota violation. */
    public static final int MAX_NESTING_DEPTH = 100;

    private Wql() {
    }

    /**
     * Parses a query.
     *
     * @throws WqlParseException WBEM_E_INVALID_QUERY with the column of a syntax error, WBEM_E_QUOTA_VIOLATION for a
     *     query longer than {@link #MAX_QUERY_LENGTH} or nested deeper than {@link #MAX_NESTING_DEPTH},
     *     WBEM_E_NOT_SUPPORTED / WBEM_E_MISSING_GROUP_WITHIN for the refused forms of {@code GROUP}
     * @throws CimException WBEM_E_INVALID_PARAMETER for a null text
     */
    public static WqlQuery parse(String text) {
        if (text == null) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_PARAMETER, "no query text");
        }
        if (text.length() > MAX_QUERY_LENGTH) {
            throw new WqlParseException(WbemStatus.WBEM_E_QUOTA_VIOLATION, "the query is " + text.length()
                    + " characters long; at most " + MAX_QUERY_LENGTH + " are accepted", MAX_QUERY_LENGTH + 1, "");
        }
        return new WqlQuery(text, new WqlParser(new WqlLexer(text).tokens()).parse());
    }

    /**
     * Parses a query given with its language, as ExecQuery receives it.
     *
     * @throws CimException WBEM_E_INVALID_QUERY_TYPE when {@code language} is not "WQL" (ignoring case), and
     *     whatever {@link #parse(String)} throws
     */
    public static WqlQuery parse(String language, String text) {
        if (!LANGUAGE.equalsIgnoreCase(language)) {
            throw new CimException(WbemStatus.WBEM_E_INVALID_QUERY_TYPE,
                    "query language '" + language + "' is not supported; use WQL");
        }
        return parse(text);
    }
}
