/**
 * When and how fast a connection replicates: the DFSR weekly {@link org.replprov.engines.embedded.schedule.Schedule}
 * (336 bytes, a BANDWIDTH_LEVEL per quarter hour) with its readable configuration syntax
 * ({@link org.replprov.engines.embedded.schedule.ScheduleSyntax}), and the
 * {@link org.replprov.engines.embedded.schedule.Throttle} that holds transfers to a level's rate.
 *
 * <p>Imports the JDK and the engine SPI's {@code BandwidthLevel} only.
 */
package org.replprov.engines.embedded.schedule;
