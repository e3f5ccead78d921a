package org.replprov.cim;

/**
 * A CIM datetime (DSP0004 §5.2.4): a {@link CimTimestamp} {@code yyyymmddHHMMSS.mmmmmmsUUU} or a {@link CimInterval}
 * {@code ddddddddHHMMSS.mmmmmm:000}, both exactly 25 characters. Character 21 tells them apart: {@code +}/{@code -}
 * for a timestamp, {@code :} for an interval.
 *
 * <p>Asterisks may stand for the least significant digits ({@code 2024011512****.******+000}); such a value is not
 * {@linkplain #isConcrete() concrete} and compares only character by character.
 */
public sealed interface CimDateTime extends CimValue permits CimTimestamp, CimInterval {

    /** The length of every CIM datetime string. */
    int LENGTH = 25;

    /** True when no field is a wildcard. */
    boolean isConcrete();

    /**
     * Parses a timestamp or an interval.
     *
     * @throws CimException WBEM_E_TYPE_MISMATCH naming the offending position
     */
    static CimDateTime parse(String text) {
        if (text != null && text.length() == LENGTH && text.charAt(21) == ':') {
            return CimInterval.parse(text);
        }
        return CimTimestamp.parse(text);
    }

    @Override
    default CimDataType dataType() {
        return CimDataType.DATETIME;
    }

    /** Shared digit-field reader for both forms: checks digits, ranges and the wildcard-suffix rule. */
    final class Fields {
        private final String text;
        private final String kind;
        private boolean wildcardSeen;

        Fields(String text, String kind) {
            this.text = text;
            this.kind = kind;
        }

        /**
         * Reads {@code len} digits at {@code pos}; returns -1 when they are all asterisks. Once a wildcard appears
         * every later digit field must be a wildcard too (DSP0004: asterisks replace digits from the right).
         */
        int read(int pos, int len, int min, int max, String field) {
            int stars = 0;
            int value = 0;
            for (int i = pos; i < pos + len; i++) {
                char c = text.charAt(i);
                if (c == '*') {
                    stars++;
                } else if (c >= '0' && c <= '9') {
                    if (stars > 0 || wildcardSeen) {
                        throw error(i, "a digit after an asterisk");
                    }
                    value = value * 10 + (c - '0');
                } else {
                    throw error(i, "'" + c + "' in the " + field + " field");
                }
            }
            if (stars > 0) {
                wildcardSeen = true;
                return -1;
            }
            if (value < min || value > max) {
                throw error(pos, field + " " + text.substring(pos, pos + len) + " is outside " + min + ".." + max);
            }
            return value;
        }

        void expect(int pos, char c) {
            if (text.charAt(pos) != c) {
                throw error(pos, "expected '" + c + "'");
            }
        }

        boolean wildcardSeen() {
            return wildcardSeen;
        }

        CimException error(int pos, String what) {
            return new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH,
                    "invalid CIM " + kind + " '" + text + "' at position " + (pos + 1) + ": " + what);
        }

        static void checkLength(String text, String kind) {
            if (text == null || text.length() != LENGTH) {
                String shown = text == null ? "null"
                        : "'" + (text.length() > 64 ? text.substring(0, 64) + "…" : text) + "'";
                throw new CimException(WbemStatus.WBEM_E_TYPE_MISMATCH,
                        "invalid CIM " + kind + " " + shown + ": must be exactly 25 characters");
            }
        }
    }
}
