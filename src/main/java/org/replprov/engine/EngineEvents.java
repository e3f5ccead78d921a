package org.replprov.engine;

import org.replprov.engine.spi.Observation;

/**
 * What the {@link EngineHost} fans out to every subscriber (the class modules' providers): each engine's facts, named
 * by the instance that reported them, and the host's judgement that an engine failed. Calls come from the engines'
 * threads, in the order each engine reported; they must return quickly and never throw.
 */
public interface EngineEvents {

    /** {@code engine} reported {@code fact}. */
    void observed(String engine, Observation fact);

    /**
     * {@code engine} failed as a whole: its start failed, or a call to it timed out or broke. Its links should be
     * shown In Error until it reports again.
     */
    void engineFailed(String engine, String why);
}
