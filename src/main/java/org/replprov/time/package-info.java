/**
 * Time as a dependency: a {@link org.replprov.time.Scheduler} gives the current instant and runs tasks at given
 * instants, so that timed behaviour (override expiry, outbound idle expiry) runs on a controllable clock in tests.
 *
 * <p>Imports only the JDK.
 */
package org.replprov.time;
