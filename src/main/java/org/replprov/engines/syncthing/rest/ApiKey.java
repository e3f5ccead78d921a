package org.replprov.engines.syncthing.rest;

import java.util.Arrays;

/**
 * A Syncthing API key ({@code <gui><apikey>}). Its {@link #toString} never shows it; only the client reads it, to put
 * it in the {@code X-API-Key} header. Syncthing 1.19 accepts only that header ({@code Authorization: Bearer} came
 * later), so the header is what every version takes.
 */
public final class ApiKey {

    private final char[] value;

    private ApiKey(char[] value) {
        if (value.length == 0) {
            throw new IllegalArgumentException("the Syncthing API key is empty");
        }
        for (char c : value) {
            // An HTTP header value; Syncthing's generated keys are letters, digits and '-'.
            if (c < 0x21 || c > 0x7e) {
                throw new IllegalArgumentException("the Syncthing API key contains a character that is not printable "
                        + "ASCII (white space or a line break, perhaps copied with the key)");
            }
        }
        this.value = value;
    }

    /** The key in {@code value}, copied: the caller may clear its array afterwards. */
    public static ApiKey of(char[] value) {
        return new ApiKey(value.clone());
    }

    public static ApiKey of(String value) {
        return new ApiKey(value.toCharArray());
    }

    /** The header value; package-private so that nothing outside the client can print it. */
    String reveal() {
        return new String(value);
    }

    @Override
    public String toString() {
        return "ApiKey[****]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey k && Arrays.equals(value, k.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }
}
