package org.replprov.protocol;

/** A live event subscription; closing it stops delivery. Closing twice does nothing. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
