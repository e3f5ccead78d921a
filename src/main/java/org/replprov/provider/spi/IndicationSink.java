package org.replprov.provider.spi;

/** Receives the indications a provider raises; never blocks and never throws. */
@FunctionalInterface
public interface IndicationSink {

    void deliver(Indication indication);
}
