package org.replprov.provider.spi;

/** What every provider has: a name for logs and for error messages that blame it, and an end. */
public interface Provider extends AutoCloseable {

    /** A short name ({@code "dfsr"}); errors caused by the provider name it. */
    String name();

    /** Releases the provider; may come at any time and is called once. */
    @Override
    default void close() {
    }
}
